//! The analyst views: questions about relationships rather than documents. Each view returns
//! plain values (the `--json` contract); printers in `crate::output` format them.

pub mod compare;
pub mod contacts;
pub mod eval;
pub mod export;
pub mod similar;
pub mod speaker;
pub mod stats;
pub mod timeline;

use crate::index::reader::CorpusReader;
use crate::query::{Filters, parse_user_query, with_filters};
use anyhow::Result;
use tantivy::Term;
use tantivy::collector::DocSetCollector;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermSetQuery};

/// The user's query (or every record when there is none) with the filters applied.
pub fn selection(
    reader: &CorpusReader,
    query: Option<&str>,
    filters: &Filters,
) -> Result<Box<dyn Query>> {
    filters.check()?;
    let base: Box<dyn Query> = match query {
        Some(q) => parse_user_query(&reader.index, &reader.fields, q)?,
        None => Box::new(AllQuery),
    };
    with_filters(base, &reader.fields, filters)
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
    let id_field = reader.fields.id;
    let linked = TermSetQuery::new(
        contacts
            .linked_ids()
            .map(|id| Term::from_field_text(id_field, id)),
    );
    let matching_linked = BooleanQuery::new(vec![
        (Occur::Must, query.box_clone()),
        (Occur::Must, Box::new(linked)),
    ]);
    let ids = reader.id_columns()?;
    let mut matching: Vec<String> = reader
        .searcher
        .search(&matching_linked, &DocSetCollector)?
        .into_iter()
        .filter_map(|addr| ids.id(addr))
        .collect();
    matching.sort();
    let mut seen = rustc_hash::FxHashSet::default();
    let extra: Vec<Term> = matching
        .iter()
        .filter(|id| !seen.insert(contacts.contact_of(id)))
        .map(|id| Term::from_field_text(id_field, id))
        .collect();
    if extra.is_empty() {
        return Ok(query);
    }
    Ok(Box::new(BooleanQuery::new(vec![
        (Occur::Must, query),
        (Occur::MustNot, Box::new(TermSetQuery::new(extra))),
    ])))
}
