//! `diplo search QUERY --speaker NAME`: paragraphs in which that participant is reported as
//! speaking and that match the query. The record query (with the speaker as a participant
//! filter) finds candidate records; who speaks in which paragraph, and which `body` positions
//! each paragraph spans, are columns ([`crate::index::speech`]), so the paragraphs that hold
//! the query's words are found from the postings' positions without reading a record. Only
//! the hits shown are read, and highlighted with tantivy's SnippetGenerator.

use crate::index::reader::CorpusReader;
use crate::index::speech::{Span, paragraph_at, parse_speaker};
use crate::query::{Filters, Request, is_person, normalize_participant};
use crate::record::EventType;
use crate::record::Record;
use crate::search::{Highlight, MAX_LIMIT, SortOrder};
use anyhow::{Context, Result};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, DocSet, SegmentReader, Term};

/// Characters of context around the matched words.
const SNIPPET_CHARS: usize = 300;

/// One paragraph hit: the JSON contract of `diplo search --speaker --json`.
#[derive(Debug, Clone, Serialize)]
pub struct ParagraphHit {
    pub id: String,
    /// 0-based index of the paragraph in the record (`diplo show` numbers them from 1).
    pub paragraph: usize,
    /// The record's BM25 score times the number of times the query's words occur in the
    /// paragraph (once for a query without words).
    pub score: f32,
    pub date: Option<String>,
    pub event_type: EventType,
    pub title: Option<String>,
    pub speakers: Vec<String>,
    pub snippet: String,
    pub highlights: Vec<Highlight>,
    pub source: String,
    /// The path's exact bytes in base64, only when they are not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_bytes: Option<String>,
}

pub struct SpeakerResults {
    pub hits: Vec<ParagraphHit>,
    pub total: usize,
}

/// Collects every match with its score.
struct Scored;

impl Collector for Scored {
    type Fruit = Vec<(f32, DocAddress)>;
    type Child = ScoredInSegment;

    fn for_segment(
        &self,
        segment: u32,
        _reader: &SegmentReader,
    ) -> tantivy::Result<ScoredInSegment> {
        Ok(ScoredInSegment(segment, Vec::new()))
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

struct ScoredInSegment(u32, Vec<(f32, DocAddress)>);

impl SegmentCollector for ScoredInSegment {
    type Fruit = Vec<(f32, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: f32) {
        self.1.push((score, DocAddress::new(self.0, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.1
    }
}

/// The paragraphs `speaker` speaks in among the records `request` selects (which the caller
/// narrows to those the speaker takes part in: see [`speaker_request`]).
pub fn search_speaker(
    reader: &CorpusReader,
    request: &Request,
    speaker: &str,
    limit: usize,
    sort: SortOrder,
) -> Result<SpeakerResults> {
    let (user_query, query) = (&request.words, &request.selection);
    let searcher = &reader.searcher;
    // Every match with its score, in one pass (counting first, then ranking, ran the query
    // twice); past the most a search returns, the best-scored ones.
    let mut top = searcher.search(query, &Scored)?;
    if top.len() > MAX_LIMIT {
        top.select_nth_unstable_by(MAX_LIMIT, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        top.truncate(MAX_LIMIT);
    }
    // The query's words in the text; `*` and other queries without words match every
    // paragraph the speaker speaks in.
    let mut every_paragraph = true;
    let mut words: Vec<Term> = Vec::new();
    user_query.query_terms(&mut |term, _| {
        every_paragraph = false;
        if term.field() == reader.fields.body {
            words.push(term.clone());
        }
    });
    words.sort();
    words.dedup();
    let wanted = normalize_participant(speaker);

    let mut by_segment: BTreeMap<u32, Vec<(DocId, f32)>> = BTreeMap::new();
    for (score, addr) in top {
        by_segment
            .entry(addr.segment_ord)
            .or_default()
            .push((addr.doc_id, score));
    }
    let mut spoken: Vec<Spoken> = Vec::new();
    for (segment_ord, mut docs) in by_segment {
        docs.sort_unstable_by_key(|&(doc, _)| doc);
        let segment = searcher.segment_reader(segment_ord);
        let mut found = SegmentSpeech::open(segment, reader.fields.body, &words, &wanted)?;
        for (doc, score) in docs {
            for (span, occurrences) in found.spans(doc)? {
                if occurrences == 0 && !every_paragraph {
                    continue;
                }
                spoken.push(Spoken {
                    addr: DocAddress::new(segment_ord, doc),
                    start: span.start,
                    score: score * occurrences.max(1) as f32,
                    day: found.day(doc),
                });
            }
        }
    }
    spoken.sort_by(|a, b| {
        let by_sort = match sort {
            SortOrder::Relevance => b.score.total_cmp(&a.score),
            SortOrder::Date => a.day.cmp(&b.day),
            SortOrder::DateDesc => b.day.cmp(&a.day),
        };
        by_sort
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| a.addr.cmp(&b.addr))
            .then_with(|| a.start.cmp(&b.start))
    });
    let total = spoken.len();
    if limit > 0 {
        spoken.truncate(limit);
    }

    // Only the hits shown are read from the store, for their text and snippet.
    let mut snippets = SnippetGenerator::create(searcher, &**user_query, reader.fields.body)
        .context("cannot prepare snippets")?;
    snippets.set_max_num_chars(SNIPPET_CHARS);
    let mut addrs: Vec<DocAddress> = spoken.iter().map(|s| s.addr).collect();
    addrs.sort_unstable();
    addrs.dedup();
    let records: HashMap<DocAddress, Record> = addrs
        .into_par_iter()
        .map(|addr| Ok((addr, reader.record(addr)?)))
        .collect::<Result<_>>()?;
    let hits = spoken
        .iter()
        .filter_map(|s| {
            let record = records.get(&s.addr)?;
            let paragraph = paragraph_at(&record.paragraphs, s.start)?;
            Some(paragraph_hit(record, paragraph, s.score, &snippets))
        })
        .collect();
    Ok(SpeakerResults { hits, total })
}

/// The request of a speaker search: the query, with the speaker among the participants.
pub fn speaker_request(
    reader: &CorpusReader,
    query: &str,
    speaker: &str,
    filters: &Filters,
) -> Result<Request> {
    let mut narrowed = filters.clone();
    narrowed.participants.push(speaker.to_string());
    Request::parse(&reader.index, &reader.fields, Some(query), &narrowed)
}

/// A paragraph the speaker speaks in that matches, before its record is read.
struct Spoken {
    addr: DocAddress,
    /// The paragraph's first `body` position.
    start: u32,
    score: f32,
    /// The record's first day, for sorting by date.
    day: Option<i64>,
}

/// One segment's columns and postings for finding the speaker's paragraphs.
struct SegmentSpeech {
    speech: Column<u64>,
    speakers: Option<StrColumn>,
    dates: Option<Column<tantivy::DateTime>>,
    postings: Vec<SegmentPostings>,
    wanted: String,
    /// Speaker value ordinal → its slot's bit when it names the wanted speaker, else 0.
    bits: FxHashMap<u64, u16>,
    positions: Vec<u32>,
}

impl SegmentSpeech {
    fn open(
        segment: &SegmentReader,
        body: Field,
        words: &[Term],
        wanted: &str,
    ) -> Result<SegmentSpeech> {
        let fast = segment.fast_fields();
        let inverted = segment.inverted_index(body)?;
        let mut postings = Vec::new();
        for word in words {
            if let Some(p) =
                inverted.read_postings(word, IndexRecordOption::WithFreqsAndPositions)?
            {
                postings.push(p);
            }
        }
        Ok(SegmentSpeech {
            speech: fast.u64("speech")?,
            speakers: fast.str("speaker")?,
            dates: fast.date("date").ok(),
            postings,
            wanted: wanted.to_string(),
            bits: FxHashMap::default(),
            positions: Vec::new(),
        })
    }

    /// The spans of `doc` the wanted speaker speaks in, each with how many of the query's
    /// words it holds. Documents must be asked for in increasing order.
    fn spans(&mut self, doc: DocId) -> Result<Vec<(Span, usize)>> {
        let Some(speakers) = &self.speakers else {
            return Ok(Vec::new());
        };
        let mut wanted_bits = 0u16;
        let mut name = String::new();
        for ord in speakers.term_ords(doc) {
            let bit = match self.bits.get(&ord) {
                Some(&bit) => bit,
                None => {
                    speakers.ord_to_str(ord, &mut name)?;
                    let bit = match parse_speaker(&name) {
                        Some((bit, speaker)) if is_person(&self.wanted, speaker) => bit,
                        _ => 0,
                    };
                    self.bits.insert(ord, bit);
                    bit
                }
            };
            wanted_bits |= bit;
        }
        if wanted_bits == 0 {
            return Ok(Vec::new());
        }
        self.positions.clear();
        for p in &mut self.postings {
            if p.doc() <= doc && p.seek(doc) == doc {
                p.append_positions_with_offset(0, &mut self.positions);
            }
        }
        Ok(self
            .speech
            .values_for_doc(doc)
            .map(Span::unpack)
            .filter(|span| span.speakers & wanted_bits != 0)
            .map(|span| {
                let occurrences = self.positions.iter().filter(|&&p| span.contains(p)).count();
                (span, occurrences)
            })
            .collect())
    }

    fn day(&self, doc: DocId) -> Option<i64> {
        let date = self.dates.as_ref()?.first(doc)?;
        Some(date.into_timestamp_secs().div_euclid(86_400))
    }
}

/// The hit for paragraph `i` of a record, its snippet highlighting the query's words.
fn paragraph_hit(
    record: &Record,
    i: usize,
    score: f32,
    snippets: &SnippetGenerator,
) -> ParagraphHit {
    let p = &record.paragraphs[i];
    let snip = snippets.snippet(&p.text);
    let (snippet, highlights) = if snip.highlighted().is_empty() {
        (p.text.chars().take(SNIPPET_CHARS).collect(), Vec::new())
    } else {
        let h = snip
            .highlighted()
            .iter()
            .map(|r| Highlight {
                start: r.start,
                end: r.end,
            })
            .collect();
        (snip.fragment().to_string(), h)
    };
    ParagraphHit {
        id: record.id.clone(),
        paragraph: i,
        score,
        date: record.date.clone(),
        event_type: record.event_type,
        title: record.title.clone(),
        speakers: p.speakers.clone(),
        snippet,
        highlights,
        source: record.source.clone(),
        source_bytes: record.source_bytes.clone(),
    }
}
