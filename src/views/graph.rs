//! Who talked to whom: the principals of the selected contacts as nodes (people or their
//! countries) and the contacts between them as weighted edges. Read from the `link_key`
//! column (each record's principals) and the `person` column (their names as written), so no
//! stored record is opened.

use crate::contacts::{LinkKey, key::name_words};
use crate::index::reader::CorpusReader;
use crate::record::SCHEMA_VERSION;
use anyhow::{Context, Result};
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
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

    pub fn parse(s: &str) -> Option<NodeKind> {
        [NodeKind::People, NodeKind::Countries]
            .into_iter()
            .find(|k| k.as_str() == s)
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
    let mut columns = Vec::new();
    for segment in reader.searcher.segment_readers() {
        let fast = segment.fast_fields();
        columns.push((fast.str("link_key")?, fast.str("person")?));
    }
    let mut nodes: FxHashMap<String, (Option<String>, u64)> = FxHashMap::default();
    let mut edges: FxHashMap<(String, String), u64> = FxHashMap::default();
    let (mut key_text, mut person) = (String::new(), String::new());
    let mut counted = 0u64;
    for addr in docs {
        let Some((Some(keys), persons)) = columns.get(addr.segment_ord as usize) else {
            continue;
        };
        let Some(ord) = keys.term_ords(addr.doc_id).next() else {
            continue;
        };
        key_text.clear();
        if !keys.ord_to_str(ord, &mut key_text)? {
            continue;
        }
        let Some(key) = LinkKey::from_stored(&key_text) else {
            continue;
        };
        counted += 1;
        // The names as written, by the words linking compares.
        let mut written: Vec<(String, String)> = Vec::new();
        if let Some(persons) = persons {
            for ord in persons.term_ords(addr.doc_id) {
                person.clear();
                if persons.ord_to_str(ord, &mut person)? {
                    written.push((name_words(&person), person.clone()));
                }
            }
        }
        let mut here: Vec<(String, Option<String>)> = Vec::new();
        for (words, country) in &key.principals {
            let node = match kind {
                NodeKind::Countries => match country {
                    Some(c) => (c.clone(), None),
                    None => continue,
                },
                NodeKind::People => {
                    let name = written
                        .iter()
                        .find(|(w, _)| w == words)
                        .map(|(_, name)| name.clone())
                        .or_else(|| (!words.is_empty()).then(|| title_case(words)))
                        .or_else(|| country.as_ref().map(|c| format!("[{c}]")));
                    match name {
                        Some(name) => (name, country.clone()),
                        None => continue,
                    }
                }
            };
            if !here.iter().any(|(id, _)| *id == node.0) {
                here.push(node);
            }
        }
        for (id, country) in &here {
            let entry = nodes.entry(id.clone()).or_insert((None, 0));
            entry.1 += 1;
            if entry.0.is_none() {
                entry.0 = country.clone();
            }
        }
        for (i, a) in here.iter().enumerate() {
            for b in &here[i + 1..] {
                let pair = if a.0 <= b.0 {
                    (a.0.clone(), b.0.clone())
                } else {
                    (b.0.clone(), a.0.clone())
                };
                *edges.entry(pair).or_default() += 1;
            }
        }
    }
    let mut nodes: Vec<Node> = nodes
        .into_iter()
        .map(|(id, (country, contacts))| Node {
            id,
            country,
            contacts,
        })
        .collect();
    nodes.sort_by(|a, b| b.contacts.cmp(&a.contacts).then_with(|| a.id.cmp(&b.id)));
    if max_nodes > 0 {
        nodes.truncate(max_nodes);
    }
    let kept: rustc_hash::FxHashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let mut edges: Vec<Edge> = edges
        .into_iter()
        .filter(|((a, b), _)| kept.contains(a.as_str()) && kept.contains(b.as_str()))
        .map(|((source, target), weight)| Edge {
            source,
            target,
            weight,
        })
        .collect();
    edges.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target)))
    });
    Ok(Graph {
        schema_version: SCHEMA_VERSION,
        nodes_are: kind.as_str().to_string(),
        contacts: counted,
        nodes,
        edges,
    })
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
