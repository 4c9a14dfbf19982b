//! The searcher: runs a query against the index and turns results into [`Hit`]s, with the
//! best-matching paragraph as a highlighted snippet. Printers format hits; they never search.

use crate::index::listing::Listing;
use crate::index::reader::CorpusReader;
use crate::query::{Filters, parse_user_query, with_filters};
use crate::record::{EventType, Record, SCHEMA_VERSION};
use anyhow::{Context, Result};
use rayon::prelude::*;
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
    /// Make snippets even when listing every match (`--limit 0`), which then reads every
    /// matching record instead of the listing column.
    pub snippets: bool,
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
    /// The path's exact bytes in base64, only when they are not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_bytes: Option<String>,
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
    let mut hits = if req.limit == 0 && !req.snippets {
        listed_hits(reader, &addresses)?
    } else {
        let mut snippets = SnippetGenerator::create(searcher, &*user_query, reader.fields.body)
            .context("cannot prepare snippets")?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        addresses
            .iter()
            .map(|&(score, addr)| Ok(hit(reader.record(addr)?, score, &snippets)))
            .collect::<Result<Vec<_>>>()?
    };
    // One stat per hit: across both cores when a listing of every match makes thousands (for
    // a few, starting the threads would cost more than it saves).
    let mark_missing = |hit: &mut Hit| {
        let path = crate::walk::source_as_path(&hit.source, hit.source_bytes.as_deref());
        hit.source_missing =
            crate::index::source_path(&reader.info, &path).is_some_and(|p| !p.exists());
    };
    if hits.len() > 1_000 {
        hits.par_iter_mut().for_each(mark_missing);
    } else {
        hits.iter_mut().for_each(mark_missing);
    }
    Ok(SearchResults { hits, total })
}

/// Hits without snippets, from the `listing` column: every match is listed without opening a
/// stored document (a record whose listing was too long to keep is read from its document).
fn listed_hits(reader: &CorpusReader, addresses: &[(Option<f32>, DocAddress)]) -> Result<Vec<Hit>> {
    let searcher = &reader.searcher;
    // Each segment's ordinals are looked up at once, sorted, as the dictionary wants them.
    let mut wanted: Vec<Vec<u64>> = vec![Vec::new(); searcher.segment_readers().len()];
    let mut ords: Vec<Option<u64>> = Vec::with_capacity(addresses.len());
    let columns = searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.fast_fields().str("listing"))
        .collect::<tantivy::Result<Vec<_>>>()?;
    for (_, addr) in addresses {
        let ord = columns[addr.segment_ord as usize]
            .as_ref()
            .and_then(|column| column.term_ords(addr.doc_id).next());
        if let Some(ord) = ord {
            wanted[addr.segment_ord as usize].push(ord);
        }
        ords.push(ord);
    }
    let mut listings: Vec<std::collections::HashMap<u64, Listing>> = Vec::new();
    for (segment, mut segment_ords) in wanted.into_iter().enumerate() {
        segment_ords.sort_unstable();
        segment_ords.dedup();
        let mut found = std::collections::HashMap::with_capacity(segment_ords.len());
        if let Some(column) = &columns[segment] {
            let mut at = segment_ords.iter();
            column
                .dictionary()
                .sorted_ords_to_term_cb(&segment_ords, |bytes| {
                    if let (Some(&ord), Some(listing)) = (at.next(), Listing::from_stored(bytes)) {
                        found.insert(ord, listing);
                    }
                })?;
        }
        listings.push(found);
    }
    addresses
        .iter()
        .zip(ords)
        .map(|(&(score, addr), ord)| {
            let listing = ord.and_then(|o| listings[addr.segment_ord as usize].remove(&o));
            let listing = match listing {
                Some(l) => l,
                None => Listing::of(&reader.record(addr)?),
            };
            Ok(listed_hit(listing, score))
        })
        .collect()
}

fn listed_hit(listing: Listing, score: Option<f32>) -> Hit {
    Hit {
        schema_version: SCHEMA_VERSION,
        id: listing.id,
        score,
        date: listing.date,
        event_type: listing.event_type,
        title: listing.title,
        participants: listing.participants,
        requested_by: listing.requested_by,
        source: listing.source,
        source_bytes: listing.source_bytes,
        snippet: String::new(),
        highlights: Vec::new(),
        paragraph: None,
        source_missing: false,
    }
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
        source_bytes: record.source_bytes,
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
