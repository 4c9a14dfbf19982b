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
use tantivy::query::{AllQuery, Query};

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
