//! The searcher: runs a query against the index and turns results into [`Hit`]s, with the
//! best-matching paragraph as a highlighted snippet. Printers format hits; they never search.

use crate::index::reader::CorpusReader;
use crate::query::{Filters, parse_user_query, with_filters};
use crate::record::{EventType, Record, SCHEMA_VERSION};
use anyhow::{Context, Result};
use serde::Serialize;
use std::ops::Range;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order};

/// Most hits one search returns.
pub const MAX_LIMIT: usize = 100_000;
/// Characters of context in a snippet.
const SNIPPET_CHARS: usize = 220;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortOrder {
    /// Best match first.
    Relevance,
    /// Oldest first.
    Date,
    /// Newest first.
    #[value(name = "-date")]
    DateDesc,
}

pub struct SearchRequest<'a> {
    pub query: &'a str,
    pub filters: &'a Filters,
    pub limit: usize,
    pub sort: SortOrder,
}

/// One search result: the JSON contract of `diplo search --json`.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub schema_version: u32,
    pub id: String,
    pub score: Option<f32>,
    pub date: Option<String>,
    pub event_type: EventType,
    pub title: Option<String>,
    pub participants: Vec<String>,
    pub requested_by: Option<String>,
    pub source: String,
    pub snippet: String,
    pub highlights: Vec<Highlight>,
    pub paragraph: Option<usize>,
    /// The source file is no longer where the index saw it: run `diplo index` to refresh.
    pub source_missing: bool,
}

/// A byte range of the snippet that matched the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
}

pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// All records that match, however many are shown.
    pub total: usize,
}

pub fn search(reader: &CorpusReader, req: &SearchRequest) -> Result<SearchResults> {
    req.filters.check()?;
    let user_query = parse_user_query(&reader.index, &reader.fields, req.query)?;
    let query = with_filters(user_query.box_clone(), &reader.fields, req.filters)?;
    let searcher = &reader.searcher;
    // `--limit 0` means every match: count first, so the collector never over-allocates.
    let limit = match req.limit {
        0 => searcher.search(&query, &Count)?.clamp(1, MAX_LIMIT),
        n => n.min(MAX_LIMIT),
    };
    let (addresses, total): (Vec<(Option<f32>, DocAddress)>, usize) = match req.sort {
        SortOrder::Relevance => {
            let (top, total) = searcher.search(
                &query,
                &(TopDocs::with_limit(limit).order_by_score(), Count),
            )?;
            (top.into_iter().map(|(s, a)| (Some(s), a)).collect(), total)
        }
        SortOrder::Date | SortOrder::DateDesc => {
            let order = if req.sort == SortOrder::Date {
                Order::Asc
            } else {
                Order::Desc
            };
            let (top, total) = searcher.search(
                &query,
                &(
                    TopDocs::with_limit(limit).order_by_fast_field::<DateTime>("date", order),
                    Count,
                ),
            )?;
            (top.into_iter().map(|(_, a)| (None, a)).collect(), total)
        }
    };
    let mut snippets = SnippetGenerator::create(searcher, &*user_query, reader.fields.body)
        .context("cannot prepare snippets")?;
    snippets.set_max_num_chars(SNIPPET_CHARS);
    let hits = addresses
        .into_iter()
        .map(|(score, addr)| {
            let mut hit = hit(reader.record(addr)?, score, &snippets);
            hit.source_missing =
                crate::index::source_path(&reader.info, &hit.source).is_some_and(|p| !p.exists());
            Ok(hit)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(SearchResults { hits, total })
}

/// Every source path of every matching record, sorted, read from the `source` fast field
/// (no stored document is opened), as `rg -l` lists matching files.
pub fn matching_sources(
    reader: &CorpusReader,
    query: &str,
    filters: &Filters,
) -> Result<Vec<String>> {
    filters.check()?;
    let user_query = parse_user_query(&reader.index, &reader.fields, query)?;
    let query = with_filters(user_query, &reader.fields, filters)?;
    let searcher = &reader.searcher;
    let addresses = searcher.search(&query, &DocSetCollector)?;
    let mut docs_by_segment: Vec<Vec<u32>> = vec![Vec::new(); searcher.segment_readers().len()];
    for addr in addresses {
        docs_by_segment[addr.segment_ord as usize].push(addr.doc_id);
    }
    let mut sources = Vec::new();
    for (segment, docs) in docs_by_segment.iter().enumerate() {
        let Some(column) = searcher
            .segment_reader(segment as u32)
            .fast_fields()
            .str("source")?
        else {
            continue;
        };
        let mut ords: Vec<u64> = docs.iter().flat_map(|&d| column.term_ords(d)).collect();
        ords.sort_unstable();
        ords.dedup();
        sources.extend(crate::index::fast::terms_of(&column, &ords)?);
    }
    sources.sort_unstable();
    Ok(sources)
}

fn hit(record: Record, score: Option<f32>, snippets: &SnippetGenerator) -> Hit {
    let (snippet, highlights, paragraph) = best_paragraph(&record, snippets);
    Hit {
        schema_version: SCHEMA_VERSION,
        participants: record.participant_names(),
        id: record.id,
        score,
        date: record.date,
        event_type: record.event_type,
        title: record.title,
        requested_by: record.requested_by,
        source: record.source,
        snippet,
        highlights,
        paragraph,
        source_missing: false,
    }
}

/// The paragraph with the most highlighted terms (the earliest on ties), or the lead's start.
fn best_paragraph(
    record: &Record,
    snippets: &SnippetGenerator,
) -> (String, Vec<Highlight>, Option<usize>) {
    let best = record
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| (i, snippets.snippet(&p.text)))
        .filter(|(_, s)| !s.highlighted().is_empty())
        .max_by_key(|(i, s)| (s.highlighted().len(), std::cmp::Reverse(*i)));
    match best {
        Some((i, s)) => {
            let highlights = s
                .highlighted()
                .iter()
                .map(|r: &Range<usize>| Highlight {
                    start: r.start,
                    end: r.end,
                })
                .collect();
            (s.fragment().to_string(), highlights, Some(i))
        }
        None => {
            let lead = record
                .paragraphs
                .first()
                .map(|p| p.text.as_str())
                .unwrap_or("");
            (truncate_chars(lead, SNIPPET_CHARS), Vec::new(), None)
        }
    }
}

fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => text[..i].to_string(),
        None => text.to_string(),
    }
}
