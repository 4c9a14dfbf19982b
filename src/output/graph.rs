//! The network of [`crate::views::graph`] in the formats graph tools read: Graphviz DOT,
//! GraphML (yEd, Gephi, networkx) and GEXF (Gephi).

use crate::views::graph::Graph;
use std::io::{self, Write};

/// Graph file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`)
    Dot,
    /// GraphML, with `contacts` on nodes and `weight` on edges
    Graphml,
    /// GEXF 1.3 (Gephi), weights on edges
    Gexf,
    /// One JSON object: {nodes, edges}
    Json,
}

impl GraphFormat {
    /// As `--format` takes it.
    pub fn parse(s: &str) -> Option<GraphFormat> {
        clap::ValueEnum::from_str(s, false).ok()
    }

    pub fn media_type(self) -> &'static str {
        match self {
            GraphFormat::Dot => "text/vnd.graphviz; charset=utf-8",
            GraphFormat::Graphml => "application/graphml+xml; charset=utf-8",
            GraphFormat::Gexf => "application/gexf+xml; charset=utf-8",
            GraphFormat::Json => "application/json",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            GraphFormat::Dot => "dot",
            GraphFormat::Graphml => "graphml",
            GraphFormat::Gexf => "gexf",
            GraphFormat::Json => "json",
        }
    }
}

pub fn write_graph<W: Write + ?Sized>(
    out: &mut W,
    graph: &Graph,
    format: GraphFormat,
) -> io::Result<()> {
    match format {
        GraphFormat::Dot => write_dot(out, graph),
        GraphFormat::Graphml => write_graphml(out, graph),
        GraphFormat::Gexf => write_gexf(out, graph),
        GraphFormat::Json => {
            serde_json::to_writer(&mut *out, graph)?;
            writeln!(out)
        }
    }
}

fn write_dot<W: Write + ?Sized>(out: &mut W, graph: &Graph) -> io::Result<()> {
    writeln!(out, "graph diplo {{")?;
    for node in &graph.nodes {
        writeln!(out, "  {} [contacts={}];", dot_id(&node.id), node.contacts)?;
    }
    for edge in &graph.edges {
        writeln!(
            out,
            "  {} -- {} [weight={}, penwidth={:.1}];",
            dot_id(&edge.source),
            dot_id(&edge.target),
            edge.weight,
            1.0 + (edge.weight as f64).ln()
        )?;
    }
    writeln!(out, "}}")
}

/// A DOT identifier: always quoted, with `"` and `\` escaped.
fn dot_id(s: &str) -> String {
    let mut id = String::with_capacity(s.len() + 2);
    id.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                id.push('\\');
                id.push(c);
            }
            '\n' | '\r' => id.push(' '),
            c => id.push(c),
        }
    }
    id.push('"');
    id
}

fn write_graphml<W: Write + ?Sized>(out: &mut W, graph: &Graph) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(
        out,
        r#"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="country" for="node" attr.name="country" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="contacts" for="node" attr.name="contacts" attr.type="long"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="weight" for="edge" attr.name="weight" attr.type="long"/>"#
    )?;
    writeln!(out, r#"  <graph id="diplo" edgedefault="undirected">"#)?;
    for (i, node) in graph.nodes.iter().enumerate() {
        writeln!(out, r#"    <node id="n{i}">"#)?;
        writeln!(out, r#"      <data key="label">{}</data>"#, xml(&node.id))?;
        if let Some(c) = &node.country {
            writeln!(out, r#"      <data key="country">{}</data>"#, xml(c))?;
        }
        writeln!(
            out,
            r#"      <data key="contacts">{}</data>"#,
            node.contacts
        )?;
        writeln!(out, "    </node>")?;
    }
    for (i, s, t, weight) in numbered_edges(graph) {
        writeln!(
            out,
            r#"    <edge id="e{i}" source="n{s}" target="n{t}"><data key="weight">{weight}</data></edge>"#
        )?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

fn write_gexf<W: Write + ?Sized>(out: &mut W, graph: &Graph) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(
        out,
        r#"  <meta><creator>diplo {}</creator><description>who talked to whom: {} as nodes, contacts as edges</description></meta>"#,
        env!("CARGO_PKG_VERSION"),
        xml(&graph.nodes_are)
    )?;
    writeln!(
        out,
        r#"  <graph mode="static" defaultedgetype="undirected">"#
    )?;
    writeln!(out, r#"    <attributes class="node">"#)?;
    writeln!(
        out,
        r#"      <attribute id="country" title="country" type="string"/>"#
    )?;
    writeln!(
        out,
        r#"      <attribute id="contacts" title="contacts" type="long"/>"#
    )?;
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <nodes>")?;
    for (i, node) in graph.nodes.iter().enumerate() {
        write!(
            out,
            r#"      <node id="n{i}" label="{}"><attvalues>"#,
            xml(&node.id)
        )?;
        if let Some(c) = &node.country {
            write!(out, r#"<attvalue for="country" value="{}"/>"#, xml(c))?;
        }
        writeln!(
            out,
            r#"<attvalue for="contacts" value="{}"/></attvalues></node>"#,
            node.contacts
        )?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for (i, s, t, weight) in numbered_edges(graph) {
        writeln!(
            out,
            r#"      <edge id="e{i}" source="n{s}" target="n{t}" weight="{weight}"/>"#
        )?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

/// Each edge as (its number, its ends' node numbers, its weight): nodes are numbered in the
/// order written, `n0`, `n1`...
fn numbered_edges(graph: &Graph) -> Vec<(usize, usize, usize, u64)> {
    let numbers: rustc_hash::FxHashMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    graph
        .edges
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let s = *numbers.get(e.source.as_str())?;
            let t = *numbers.get(e.target.as_str())?;
            Some((i, s, t, e.weight))
        })
        .collect()
}

/// Text or an attribute value escaped for XML.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::graph::{Edge, Node};

    fn sample() -> Graph {
        Graph {
            schema_version: 1,
            nodes_are: "people".into(),
            contacts: 2,
            nodes: vec![
                Node {
                    id: "Xi Jinping".into(),
                    country: Some("CHN".into()),
                    contacts: 2,
                },
                Node {
                    id: "A \"quoted\" <name> & co".into(),
                    country: None,
                    contacts: 1,
                },
            ],
            edges: vec![Edge {
                source: "A \"quoted\" <name> & co".into(),
                target: "Xi Jinping".into(),
                weight: 1,
            }],
        }
    }

    fn written(format: GraphFormat) -> String {
        let mut out = Vec::new();
        write_graph(&mut out, &sample(), format).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn formats_parse_as_the_flag_and_the_url_name_them() {
        for f in [
            GraphFormat::Dot,
            GraphFormat::Graphml,
            GraphFormat::Gexf,
            GraphFormat::Json,
        ] {
            assert_eq!(GraphFormat::parse(f.extension()), Some(f));
        }
        assert_eq!(GraphFormat::parse("pdf"), None);
    }

    #[test]
    fn dot_quotes_every_id() {
        let dot = written(GraphFormat::Dot);
        assert!(
            dot.contains(r#""A \"quoted\" <name> & co" -- "Xi Jinping" [weight=1"#),
            "{dot}"
        );
    }

    #[test]
    fn graphml_and_gexf_escape_labels_and_number_nodes() {
        let graphml = written(GraphFormat::Graphml);
        assert!(
            graphml.contains("A &quot;quoted&quot; &lt;name&gt; &amp; co"),
            "{graphml}"
        );
        assert!(graphml.contains(r#"source="n1" target="n0""#), "{graphml}");
        let gexf = written(GraphFormat::Gexf);
        assert!(
            gexf.contains(r#"label="A &quot;quoted&quot; &lt;name&gt; &amp; co""#),
            "{gexf}"
        );
        assert!(
            gexf.contains(r#"<edge id="e0" source="n1" target="n0" weight="1"/>"#),
            "{gexf}"
        );
    }
}
