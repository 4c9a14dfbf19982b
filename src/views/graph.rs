//! Who talked to whom: the principals of the selected contacts as nodes (people or their
//! countries) and the contacts between them as weighted edges. Read from the `link_key`
//! column (each record's principals) and the `person` column (their names as written), so no
//! stored record is opened.

use crate::contacts::{KeyPrincipal, LinkKey, key::name_words};
use crate::index::reader::CorpusReader;
use crate::record::SCHEMA_VERSION;
use anyhow::{Context, Result};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Cow;
use tantivy::DocId;
use tantivy::collector::DocSetCollector;
use tantivy::columnar::StrColumn;
use tantivy::query::Query;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NodeKind {
    /// A principal, by name (an unnamed one by country, as `[GBR]`).
    People,
    /// A principal's country, by ISO code.
    Countries,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::People => "people",
            NodeKind::Countries => "countries",
        }
    }

    /// As `--nodes` takes it.
    pub fn parse(s: &str) -> Option<NodeKind> {
        clap::ValueEnum::from_str(s, false).ok()
    }
}

/// The JSON contract of `diplo graph --format json` and `/api/graph`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Graph {
    pub schema_version: u32,
    /// `people` or `countries`.
    pub nodes_are: String,
    /// How many contacts (or records) the graph was drawn from.
    pub contacts: u64,
    /// By contacts, most first; ties by id.
    pub nodes: Vec<Node>,
    /// By weight, heaviest first.
    pub edges: Vec<Edge>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Node {
    /// The name (people) or ISO code (countries): what edges refer to.
    pub id: String,
    /// The person's country, when one was stated (people only).
    pub country: Option<String>,
    /// Contacts the node took part in.
    pub contacts: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Edge {
    /// The two ends, in id order.
    pub source: String,
    pub target: String,
    /// Contacts between them.
    pub weight: u64,
}

/// The graph of what `query` selects; `max_nodes` keeps the busiest nodes (0: all) and the
/// edges between them.
pub fn graph(
    reader: &CorpusReader,
    query: &dyn Query,
    kind: NodeKind,
    max_nodes: usize,
) -> Result<Graph> {
    let docs = reader
        .searcher
        .search(query, &DocSetCollector)
        .context("selecting records for the graph")?;
    let mut by_segment: Vec<Vec<DocId>> = vec![Vec::new(); reader.searcher.segment_readers().len()];
    for addr in docs {
        if let Some(segment) = by_segment.get_mut(addr.segment_ord as usize) {
            segment.push(addr.doc_id);
        }
    }
    let mut tally = Tally::default();
    for (segment, docs) in reader.searcher.segment_readers().iter().zip(by_segment) {
        if docs.is_empty() {
            continue;
        }
        let fast = segment.fast_fields();
        let (Some(keys), persons) = (fast.str("link_key")?, fast.str("person")?) else {
            continue;
        };
        // Each record's principals, read by dictionary order: one pass over the column's
        // dictionary instead of a lookup a record (most of the time at 100k).
        let mut key_ords: Vec<(u64, DocId)> = docs
            .iter()
            .filter_map(|&doc| keys.term_ords(doc).next().map(|ord| (ord, doc)))
            .collect();
        key_ords.sort_unstable();
        let mut ords: Vec<u64> = key_ords.iter().map(|&(ord, _)| ord).collect();
        ords.dedup();
        let mut principals = Vec::with_capacity(ords.len());
        keys.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            // Only the principals' part is decoded: the signature after it is most of the key.
            let part = bytes.split(|&b| b == b'|').nth(3).unwrap_or_default();
            principals.push(LinkKey::principals_part(&String::from_utf8_lossy(part)));
        })?;
        // The names as written, for the principals a record names: each distinct name once.
        let names = match &persons {
            Some(persons) => person_names(persons, &docs)?,
            None => FxHashMap::default(),
        };
        let mut at = 0;
        let mut written: Vec<(&str, &str)> = Vec::new();
        for &(ord, doc) in &key_ords {
            while ords[at] != ord {
                at += 1;
            }
            written.clear();
            if let Some(persons) = &persons {
                for person in persons.term_ords(doc) {
                    if let Some((name, words)) = names.get(&person) {
                        written.push((words, name));
                    }
                }
            }
            tally.add(&principals[at], &written, kind);
        }
    }
    Ok(tally.into_graph(kind, max_nodes))
}

/// Each person ordinal the records use: (the name, its [`name_words`]).
fn person_names(persons: &StrColumn, docs: &[DocId]) -> Result<FxHashMap<u64, (String, String)>> {
    let mut ords: Vec<u64> = docs.iter().flat_map(|&d| persons.term_ords(d)).collect();
    ords.sort_unstable();
    ords.dedup();
    let mut names = FxHashMap::default();
    let mut at = ords.iter();
    persons
        .dictionary()
        .sorted_ords_to_term_cb(&ords, |bytes| {
            if let Some(&ord) = at.next() {
                let name = String::from_utf8_lossy(bytes).into_owned();
                names.insert(ord, (name.clone(), name_words(&name)));
            }
        })?;
    Ok(names)
}

/// Nodes and edges as they are counted: nodes by number, so a record costs no string copies.
#[derive(Default)]
struct Tally {
    /// (id, country, contacts)
    nodes: Vec<(String, Option<String>, u64)>,
    numbers: FxHashMap<String, u32>,
    edges: FxHashMap<(u32, u32), u64>,
    contacts: u64,
    here: Vec<u32>,
}

impl Tally {
    /// One record: its principals (name words, country) and the names it writes (words, name).
    fn add(&mut self, principals: &[KeyPrincipal], written: &[(&str, &str)], kind: NodeKind) {
        self.contacts += 1;
        self.here.clear();
        for KeyPrincipal { words, country, .. } in principals {
            let id: Cow<str> = match kind {
                NodeKind::Countries => match country {
                    Some(c) => Cow::Borrowed(c.as_str()),
                    None => continue,
                },
                NodeKind::People => {
                    if let Some((_, name)) = written.iter().find(|(w, _)| w == words) {
                        Cow::Borrowed(*name)
                    } else if !words.is_empty() {
                        Cow::Owned(title_case(words))
                    } else if let Some(c) = country {
                        Cow::Owned(format!("[{c}]"))
                    } else {
                        continue;
                    }
                }
            };
            let number = match self.numbers.get(id.as_ref()) {
                Some(&n) => n,
                None => {
                    let n = self.nodes.len() as u32;
                    self.nodes.push((id.to_string(), None, 0));
                    self.numbers.insert(id.into_owned(), n);
                    n
                }
            };
            if !self.here.contains(&number) {
                self.here.push(number);
                let node = &mut self.nodes[number as usize];
                node.2 += 1;
                // A person's country: the first a record states.
                if node.1.is_none() && kind == NodeKind::People {
                    node.1 = country.clone();
                }
            }
        }
        for (i, &a) in self.here.iter().enumerate() {
            for &b in &self.here[i + 1..] {
                *self.edges.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }

    fn into_graph(self, kind: NodeKind, max_nodes: usize) -> Graph {
        let mut order: Vec<u32> = (0..self.nodes.len() as u32).collect();
        let node = |n: u32| &self.nodes[n as usize];
        order.sort_by(|&a, &b| {
            node(b)
                .2
                .cmp(&node(a).2)
                .then_with(|| node(a).0.cmp(&node(b).0))
        });
        if max_nodes > 0 {
            order.truncate(max_nodes);
        }
        let mut kept = vec![false; self.nodes.len()];
        for &n in &order {
            kept[n as usize] = true;
        }
        let mut edges: Vec<Edge> = self
            .edges
            .iter()
            .filter(|((a, b), _)| kept[*a as usize] && kept[*b as usize])
            .map(|(&(a, b), &weight)| {
                let (a, b) = (&node(a).0, &node(b).0);
                let (source, target) = if a <= b { (a, b) } else { (b, a) };
                Edge {
                    source: source.clone(),
                    target: target.clone(),
                    weight,
                }
            })
            .collect();
        edges.sort_by(|a, b| {
            b.weight
                .cmp(&a.weight)
                .then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target)))
        });
        let nodes = order
            .iter()
            .map(|&n| {
                let (id, country, contacts) = node(n);
                Node {
                    id: id.clone(),
                    country: country.clone(),
                    contacts: *contacts,
                }
            })
            .collect();
        Graph {
            schema_version: SCHEMA_VERSION,
            nodes_are: kind.as_str().to_string(),
            contacts: self.contacts,
            nodes,
            edges,
        }
    }
}

/// `xi jinping` → `Xi Jinping`: a name known only by the words linking keeps.
fn title_case(words: &str) -> String {
    words
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_known_only_by_its_words_is_title_cased() {
        assert_eq!(title_case("xi jinping"), "Xi Jinping");
        assert_eq!(title_case(""), "");
    }

    #[test]
    fn node_kinds_parse_their_own_names() {
        for kind in [NodeKind::People, NodeKind::Countries] {
            assert_eq!(NodeKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(NodeKind::parse("states"), None);
    }
}
