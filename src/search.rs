//! The searcher: runs a query against the index and turns results into [`Hit`]s, with the
//! best-matching paragraph as a highlighted snippet. Printers format hits; they never search.

use crate::index::SourceChecker;
use crate::index::listing::{Listing, StoredParts};
use crate::index::reader::CorpusReader;
use crate::query::Request;
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
    /// The query and filters, parsed once.
    pub request: &'a Request,
    pub limit: usize,
    pub sort: SortOrder,
    /// Make snippets even when listing every match (`--limit 0`), which then reads every
    /// matching record instead of the listing column.
    pub snippets: bool,
    /// One hit per contact: the best-ranked record of each.
    pub collapse: bool,
    /// Of the `limit` best matches, the first `offset` are skipped, not made into hits (a
    /// page after the first; snippets are made for the shown hits only).
    pub offset: usize,
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
    /// The contact the record reports: shared by every record of the index that reports it.
    pub contact: String,
    /// How many records of the index report this contact (1 when no other does).
    pub contact_records: usize,
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
    let Matches {
        mut addresses,
        total,
    } = find_matches(reader, req)?;
    addresses.drain(..req.offset.min(addresses.len()));
    let mut hits = if req.lists_every_match() {
        listed_hits(reader, &addresses)?
    } else {
        let searcher = &reader.searcher;
        let mut snippets =
            SnippetGenerator::create(searcher, &*req.request.words, reader.fields.body)
                .context("cannot prepare snippets")?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        addresses
            .iter()
            .map(|&(score, addr)| Ok(hit(reader.record(addr)?, score, &snippets)))
            .collect::<Result<Vec<_>>>()?
    };
    // One check per hit: across both cores when a listing of every match makes thousands (for
    // a few, starting the threads would cost more than it saves).
    let sources = SourceChecker::new(&reader.info);
    let contacts = reader.contacts();
    let mark_missing = |hit: &mut Hit| {
        hit.source_missing = is_missing(&sources, &hit.source, hit.source_bytes.as_deref());
        hit.contact = contacts.contact_of(&hit.id).to_string();
        hit.contact_records = contacts.records_of(&hit.id);
    };
    if hits.len() > 1_000 {
        hits.par_iter_mut().for_each(mark_missing);
    } else {
        hits.iter_mut().for_each(mark_missing);
    }
    Ok(SearchResults { hits, total })
}

impl SearchRequest<'_> {
    /// Every match without snippets (`--limit 0`): hits come from the `listing` column.
    pub fn lists_every_match(&self) -> bool {
        self.limit == 0 && !self.snippets
    }
}

/// What a request matched, in the order hits are shown, before any hit is built.
struct Matches {
    addresses: Vec<(Option<f32>, DocAddress)>,
    /// All records that match, however many are in `addresses`.
    total: usize,
}

fn find_matches(reader: &CorpusReader, req: &SearchRequest) -> Result<Matches> {
    let query = &*req.request.selection;
    let searcher = &reader.searcher;
    // `--limit 0` means every match. The collector's buffer is only reserved, not touched, so
    // sizing it by the index costs less than counting the matches in a pass of their own.
    let limit = match req.limit {
        0 => (searcher.num_docs() as usize).clamp(1, MAX_LIMIT),
        n => n.min(MAX_LIMIT),
    };
    let (addresses, total): (Vec<(Option<f32>, DocAddress)>, usize) = match req.sort {
        SortOrder::Relevance => {
            let (top, total) = reader.search_segments_in_parallel(
                query,
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
                query,
                &(
                    TopDocs::with_limit(limit).order_by_fast_field::<DateTime>("date", order),
                    Count,
                ),
            )?;
            (top.into_iter().map(|(_, a)| (None, a)).collect(), total)
        }
    };
    if req.collapse {
        return collapsed(reader, req, addresses, total);
    }
    Ok(Matches { addresses, total })
}

/// `--collapse`: the first match of each contact, in the order found, and the number of
/// contacts matched. Fetches more matches while collapsing leaves fewer than the limit.
fn collapsed(
    reader: &CorpusReader,
    req: &SearchRequest,
    mut addresses: Vec<(Option<f32>, DocAddress)>,
    total: usize,
) -> Result<Matches> {
    let contacts = reader.contacts();
    let ids = reader.id_columns()?;
    let wanted = if req.limit == 0 {
        usize::MAX
    } else {
        req.limit
    };
    let mut fetched = addresses.len();
    loop {
        let mut seen = rustc_hash::FxHashSet::default();
        let kept: Vec<(Option<f32>, DocAddress)> = addresses
            .iter()
            .copied()
            .filter(|(_, addr)| {
                ids.id(*addr)
                    .is_none_or(|id| seen.insert(contacts.contact_of(&id).to_string()))
            })
            .take(wanted)
            .collect();
        if kept.len() >= wanted || fetched >= total {
            let mut all = rustc_hash::FxHashSet::default();
            for addr in reader
                .searcher
                .search(&*req.request.selection, &DocSetCollector)?
            {
                if let Some(id) = ids.id(addr) {
                    all.insert(contacts.contact_of(&id).to_string());
                }
            }
            return Ok(Matches {
                addresses: kept,
                total: all.len(),
            });
        }
        fetched = (fetched * 4).min(MAX_LIMIT).max(fetched + 1);
        let more = SearchRequest {
            limit: fetched,
            collapse: false,
            ..*req
        };
        addresses = find_matches(reader, &more)?.addresses;
        if fetched >= MAX_LIMIT {
            fetched = total;
        }
    }
}

/// Whether a hit's source file is gone since it was indexed.
fn is_missing(sources: &SourceChecker, source: &str, source_bytes: Option<&str>) -> bool {
    sources.is_missing(&crate::walk::file_of_source(crate::walk::source_as_path(
        source,
        source_bytes,
    )))
}

/// Hits without snippets, from the `listing` column: every match is listed without opening a
/// stored document (a record whose listing was too long to keep is read from its document).
fn listed_hits(reader: &CorpusReader, addresses: &[(Option<f32>, DocAddress)]) -> Result<Vec<Hit>> {
    Ok(listings_at(reader, addresses)?
        .into_iter()
        .zip(addresses)
        .map(|(listing, &(score, _))| listed_hit(listing, score))
        .collect())
}

/// `--limit 0 --json`: the JSON line of every match, written in order. Each line is spliced
/// from the match's stored listing, whose JSON already holds the hit's fields in the hit's
/// order, instead of being decoded and encoded again: the same bytes as serializing the
/// [`Hit`] (a test holds the two to it), in a fraction of the time. Returns the total.
pub fn write_listed_json(
    reader: &CorpusReader,
    req: &SearchRequest,
    out: &mut dyn std::io::Write,
) -> Result<usize> {
    let Matches {
        addresses, total, ..
    } = find_matches(reader, req)?;
    let stored = ListingColumns::read(reader, &addresses)?;
    let sources = SourceChecker::new(&reader.info);
    let contacts = reader.contacts();
    const BLOCK: usize = 512;
    let blocks = addresses
        .par_chunks(BLOCK)
        .zip(stored.par_chunks(BLOCK))
        .map(|(addresses, stored)| {
            let mut buf = Vec::with_capacity(addresses.len() * 512);
            for (&(score, addr), columns) in addresses.iter().zip(stored) {
                let spliced = columns.parts().and_then(|(id, column_source, parts)| {
                    let source = parts.source.as_deref().or(column_source)?;
                    let missing = is_missing(&sources, source, parts.source_bytes.as_deref());
                    write_spliced_hit(&mut buf, id, source, &parts, score, missing, contacts);
                    Some(())
                });
                if spliced.is_none() {
                    let mut hit = listed_hit(Listing::of(&reader.record(addr)?), score);
                    hit.source_missing =
                        is_missing(&sources, &hit.source, hit.source_bytes.as_deref());
                    hit.contact = contacts.contact_of(&hit.id).to_string();
                    hit.contact_records = contacts.records_of(&hit.id);
                    crate::output::json::write_line(&mut buf, &hit)?;
                }
            }
            Ok(buf)
        })
        .collect::<Result<Vec<Vec<u8>>>>()?;
    for block in &blocks {
        out.write_all(block)?;
    }
    Ok(total)
}

/// The line `serde_json` writes for a listed [`Hit`], from the parts of its stored listing.
fn write_spliced_hit(
    buf: &mut Vec<u8>,
    id: &str,
    source: &str,
    parts: &StoredParts,
    score: Option<f32>,
    missing: bool,
    contacts: &crate::contacts::ContactMap,
) {
    use std::io::Write;
    let _ = write!(buf, r#"{{"schema_version":{SCHEMA_VERSION},"id":"#);
    let _ = serde_json::to_writer(&mut *buf, id);
    buf.extend_from_slice(br#","score":"#);
    let _ = serde_json::to_writer(&mut *buf, &score);
    buf.push(b',');
    buf.extend_from_slice(parts.fields_json);
    buf.extend_from_slice(br#","source":"#);
    let _ = serde_json::to_writer(&mut *buf, source);
    if let Some(bytes) = &parts.source_bytes {
        buf.extend_from_slice(br#","source_bytes":"#);
        let _ = serde_json::to_writer(&mut *buf, bytes);
    }
    let _ = writeln!(
        buf,
        r#","snippet":"","highlights":[],"paragraph":null,"source_missing":{missing},"contact":"{}","contact_records":{}}}"#,
        contacts.contact_of(id),
        contacts.records_of(id)
    );
}

/// What the columns hold of one match for listing it: its stored listing (None where none
/// was stored), its id and the first value of its `source` column.
struct ListingColumns {
    listing: Option<Vec<u8>>,
    id: Option<Vec<u8>>,
    source: Option<Vec<u8>>,
}

impl ListingColumns {
    /// Each address's columns, in the same order.
    fn read(
        reader: &CorpusReader,
        addresses: &[(Option<f32>, DocAddress)],
    ) -> Result<Vec<ListingColumns>> {
        // The three columns are read across both cores.
        let (listings, (ids, sources)) = rayon::join(
            || first_column_values(reader, addresses, "listing"),
            || {
                rayon::join(
                    || first_column_values(reader, addresses, "id"),
                    || first_column_values(reader, addresses, "source"),
                )
            },
        );
        let (listings, ids, sources) = (listings?, ids?, sources?);
        Ok(listings
            .into_iter()
            .zip(ids)
            .zip(sources)
            .map(|((listing, id), source)| ListingColumns {
                listing,
                id,
                source,
            })
            .collect())
    }

    /// The id and the column's source (None when the record has no id, or either is not UTF-8).
    fn id_and_source(&self) -> Option<(&str, Option<&str>)> {
        let id = std::str::from_utf8(self.id.as_deref()?).ok()?;
        let source = match &self.source {
            Some(bytes) => Some(std::str::from_utf8(bytes).ok()?),
            None => None,
        };
        Some((id, source))
    }

    /// The id, the column's source and the stored listing's parts; None unless all are there
    /// and the listing has the shape the index writes.
    fn parts(&self) -> Option<(&str, Option<&str>, StoredParts<'_>)> {
        let (id, source) = self.id_and_source()?;
        Some((id, source, StoredParts::of(self.listing.as_deref()?)?))
    }

    /// The listing, when the columns hold all of it.
    fn listing(&self) -> Option<Listing> {
        let (id, source) = self.id_and_source()?;
        Listing::from_stored(self.listing.as_deref()?, id, source)
    }
}

/// The first value (by the column's order) of a string column at each address, in the same
/// order (`None` where the record has none).
fn first_column_values(
    reader: &CorpusReader,
    addresses: &[(Option<f32>, DocAddress)],
    column: &str,
) -> Result<Vec<Option<Vec<u8>>>> {
    let searcher = &reader.searcher;
    // Each segment's ordinals are looked up at once, sorted, as the dictionary wants them.
    let mut wanted: Vec<Vec<u64>> = vec![Vec::new(); searcher.segment_readers().len()];
    let mut ords: Vec<Option<u64>> = Vec::with_capacity(addresses.len());
    let columns = searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.fast_fields().str(column))
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
    // Segments are read across both cores.
    let mut found: Vec<Vec<(u64, Option<Vec<u8>>)>> = wanted
        .into_par_iter()
        .zip(&columns)
        .map(|(mut segment_ords, column)| {
            segment_ords.sort_unstable();
            segment_ords.dedup();
            let mut values = Vec::with_capacity(segment_ords.len());
            if let Some(column) = column {
                let mut at = segment_ords.iter();
                column
                    .dictionary()
                    .sorted_ords_to_term_cb(&segment_ords, |bytes| {
                        if let Some(&ord) = at.next() {
                            values.push((ord, Some(bytes.to_vec())));
                        }
                    })?;
            }
            Ok(values)
        })
        .collect::<std::io::Result<_>>()?;
    Ok(addresses
        .iter()
        .zip(ords)
        .map(|((_, addr), ord)| {
            let segment = &mut found[addr.segment_ord as usize];
            let at = segment.binary_search_by_key(&ord?, |&(ord, _)| ord).ok()?;
            segment[at].1.take()
        })
        .collect())
}

/// The listing of every record matching a query and filters, in no set order: the facts of
/// each match, read from the `listing` column (or a record, for one too long to keep there).
pub fn matching_listings(reader: &CorpusReader, request: &Request) -> Result<Vec<Listing>> {
    let addresses: Vec<(Option<f32>, DocAddress)> = reader
        .searcher
        .search(&*request.selection, &DocSetCollector)?
        .into_iter()
        .map(|a| (None, a))
        .collect();
    listings_at(reader, &addresses)
}

/// The listing of each address, in the same order: from the columns, or from the record for
/// one too long to keep there.
pub fn listings_at(
    reader: &CorpusReader,
    addresses: &[(Option<f32>, DocAddress)],
) -> Result<Vec<Listing>> {
    let columns = ListingColumns::read(reader, addresses)?;
    addresses
        .par_iter()
        .zip(columns)
        .with_min_len(256)
        .map(|(&(_, addr), columns)| match columns.listing() {
            Some(l) => Ok(l),
            None => Ok(Listing::of(&reader.record(addr)?)),
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
        contact: String::new(),
        contact_records: 1,
    }
}

/// Every source path of every matching record, sorted, read from the `source` fast field
/// (no stored document is opened), as `rg -l` lists matching files.
pub fn matching_sources(reader: &CorpusReader, request: &Request) -> Result<Vec<String>> {
    let searcher = &reader.searcher;
    let addresses = searcher.search(&*request.selection, &DocSetCollector)?;
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
        contact: String::new(),
        contact_records: 1,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::listing::Listing;

    fn listing(title: Option<&str>, source: &str, source_bytes: Option<&str>) -> Listing {
        Listing {
            id: "77278d192e31".into(),
            date: Some("2018-03-10".into()),
            event_type: EventType::PhoneCall,
            title: title.map(String::from),
            participants: vec!["Xi Jinping".into(), "Donald Trump".into()],
            requested_by: None,
            source: source.into(),
            source_bytes: source_bytes.map(String::from),
        }
    }

    /// The spliced line of `--limit 0 --json` must be byte for byte what serializing the hit
    /// gives, whatever the listing holds.
    #[test]
    fn a_spliced_listing_line_is_the_serialized_hit() {
        let mut undated = listing(None, "a/b.txt", None);
        undated.date = None;
        undated.participants.clear();
        undated.requested_by = Some("Donald Trump".into());
        let listings = [
            listing(
                Some("Xi Jinping Holds Telephone Talks"),
                "seeds/003.txt",
                None,
            ),
            listing(
                Some(r#"A "quoted", \ back-slashed, ,"source":"x" title"#),
                r#"odd/na"me\ with ,"source":" in it.txt"#,
                None,
            ),
            listing(Some("Sánchez – 習近平\u{7}"), "dir/Sánchez\tfile.txt", None),
            listing(Some("t"), "bad/\u{fffd}.txt", Some("YmFkL/8udHh0")),
            undated,
        ];
        for l in listings {
            for (score, missing, sole_source) in
                [(Some(1.234_567_f32), false, true), (None, true, false)]
            {
                let stored = l.to_stored(sole_source).expect("stored");
                let parts = StoredParts::of(stored.as_bytes()).expect("the shape to_stored writes");
                let source = match sole_source {
                    true => {
                        assert_eq!(parts.source, None);
                        l.source.as_str()
                    }
                    false => parts.source.as_deref().expect("a source of several files"),
                };
                assert_eq!(source, l.source);
                assert_eq!(parts.source_bytes.as_deref(), l.source_bytes.as_deref());
                let mut spliced = Vec::new();
                let contacts = crate::contacts::ContactMap::from_groups(vec![vec![
                    "00aa".into(),
                    l.id.clone(),
                ]]);
                write_spliced_hit(
                    &mut spliced,
                    &l.id,
                    source,
                    &parts,
                    score,
                    missing,
                    &contacts,
                );
                let mut hit = listed_hit(l.clone(), score);
                hit.source_missing = missing;
                hit.contact = "00aa".into();
                hit.contact_records = 2;
                let mut serialized = Vec::new();
                crate::output::json::write_line(&mut serialized, &hit).unwrap();
                assert_eq!(
                    String::from_utf8_lossy(&spliced),
                    String::from_utf8_lossy(&serialized)
                );
            }
        }
    }

    #[test]
    fn a_listing_of_another_shape_is_not_spliced() {
        for stored in [
            // schema 7's shape, with the id first
            r#"{"id":"77278d192e31","date":null,"event_type":"other","title":null,"participants":[],"requested_by":null,"source":"a"}"#,
            r#"{"date":null,"event_type":"other","title":null,"participants":[]}"#,
            r#"{"date":null,"event_type":"other","title":null,"participants":[],"requested_by":null,"source":"a","extra":1}"#,
            r#"{"date":null,"event_type":"other","title":null,"participants":[],"requested_by":null,"source":"a"#,
            r#"{"date":null,"event_type":"other","title":null,"participants":[],"requested_by":null,"source":3}"#,
            "",
        ] {
            assert!(StoredParts::of(stored.as_bytes()).is_none(), "{stored}");
        }
        let fine = r#"{"date":null,"event_type":"other","title":null,"participants":[],"requested_by":null}"#;
        assert!(StoredParts::of(fine.as_bytes()).is_some());
    }
}
