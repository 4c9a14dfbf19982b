//! The analyst views: questions about relationships rather than documents. Each view returns
//! plain values (the `--json` contract); printers in `crate::output` format them.

pub mod compare;
pub mod contacts;
pub mod corpus_stats;
pub mod eval;
pub mod export;
pub mod graph;
pub mod monthly;
mod per_contact;
pub mod similar;
pub mod speaker;
pub mod stats;
pub mod timeline;

use crate::index::reader::CorpusReader;
use crate::query::{Filters, Request};
use anyhow::Result;
use tantivy::query::Query;
use tantivy::{DocAddress, SegmentOrdinal};

/// The user's query (or every record when there is none) with the filters applied.
pub fn selection(
    reader: &CorpusReader,
    query: Option<&str>,
    filters: &Filters,
) -> Result<Box<dyn Query>> {
    Ok(Request::parse(&reader.index, &reader.fields, query, filters)?.selection)
}

/// The query narrowed to one record per contact: of the matching records that report one
/// contact, only the first (by id) is kept, so that views count contacts, not documents.
pub fn one_record_per_contact(
    reader: &CorpusReader,
    query: Box<dyn Query>,
) -> Result<Box<dyn Query>> {
    let contacts = reader.contacts();
    if contacts.is_empty() {
        return Ok(query);
    }
    let mut matching = reader.searcher.search(&query, &per_contact::MatchingDocs)?;
    let linked = per_contact::linked_matches(reader, &matching)?;
    // The first matching record of each contact, by id: the lowest line, as lines are
    // sorted by id (a line is where it starts in the map).
    let mut first: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    for &(line, _) in &linked {
        let kept = first.entry(contacts.contact_at(line)).or_insert(line);
        *kept = (*kept).min(line);
    }
    let others: rustc_hash::FxHashSet<DocAddress> = linked
        .into_iter()
        .filter(|&(line, _)| first.get(contacts.contact_at(line)) != Some(&line))
        .map(|(_, addr)| addr)
        .collect();
    if others.is_empty() {
        return Ok(query);
    }
    // The documents kept are known by now: the views run over them, not the query again (a
    // phrase's positions were read twice).
    for (segment, docs) in matching.iter_mut().enumerate() {
        docs.retain(|&doc| !others.contains(&DocAddress::new(segment as SegmentOrdinal, doc)));
    }
    Ok(Box::new(per_contact::Documents::new(
        &reader.searcher,
        matching,
    )))
}
