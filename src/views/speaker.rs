//! `diplo search QUERY --speaker NAME`: paragraphs in which that participant is reported as
//! speaking and that match the query. The record query (with the speaker as a participant
//! filter) finds candidate records; each paragraph the speaker speaks in is then checked and
//! highlighted with tantivy's SnippetGenerator.

use crate::index::reader::CorpusReader;
use crate::query::{Filters, is_person, normalize_participant, parse_user_query, with_filters};
use crate::record::EventType;
use crate::record::Record;
use crate::search::{Highlight, MAX_LIMIT, SortOrder};
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use tantivy::collector::{Count, TopDocs};
use tantivy::snippet::SnippetGenerator;

/// Characters of context around the matched words.
const SNIPPET_CHARS: usize = 300;

/// One paragraph hit: the JSON contract of `diplo search --speaker --json`.
#[derive(Debug, Clone, Serialize)]
pub struct ParagraphHit {
    pub id: String,
    /// 0-based index of the paragraph in the record (`diplo show` numbers them from 1).
    pub paragraph: usize,
    /// The record's BM25 score times the number of query words highlighted in the paragraph.
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

pub fn search_speaker(
    reader: &CorpusReader,
    query_text: &str,
    speaker: &str,
    filters: &Filters,
    limit: usize,
    sort: SortOrder,
) -> Result<SpeakerResults> {
    filters.check()?;
    let user_query = parse_user_query(&reader.index, &reader.fields, query_text)?;
    let mut narrowed = filters.clone();
    narrowed.participants.push(speaker.to_string());
    let query = with_filters(user_query.box_clone(), &reader.fields, &narrowed)?;
    let searcher = &reader.searcher;
    let candidates = searcher.search(&query, &Count)?.clamp(1, MAX_LIMIT);
    let top = searcher.search(&query, &TopDocs::with_limit(candidates).order_by_score())?;
    let mut snippets = SnippetGenerator::create(searcher, &*user_query, reader.fields.body)
        .context("cannot prepare snippets")?;
    snippets.set_max_num_chars(SNIPPET_CHARS);
    // `*` and other queries without words match every paragraph the speaker speaks in.
    let mut every_paragraph = true;
    user_query.query_terms(&mut |_, _| every_paragraph = false);
    let wanted = normalize_participant(speaker);
    // Names repeat across records: decide each distinct speaker name once.
    let mut is_speaker: HashMap<String, bool> = HashMap::new();
    let records = top
        .into_par_iter()
        .map(|(score, addr)| Ok((score, reader.record(addr)?)))
        .collect::<Result<Vec<(f32, Record)>>>()?;
    for name in records
        .iter()
        .flat_map(|(_, r)| r.paragraphs.iter().flat_map(|p| &p.speakers))
    {
        if !is_speaker.contains_key(name) {
            is_speaker.insert(name.clone(), is_person(&wanted, name));
        }
    }
    let paragraph_hits = |(record_score, record): &(f32, Record)| -> Vec<ParagraphHit> {
        let mut hits = Vec::new();
        for (i, p) in record.paragraphs.iter().enumerate() {
            if !p.speakers.iter().any(|s| is_speaker.get(s) == Some(&true)) {
                continue;
            }
            let snip = snippets.snippet(&p.text);
            let matched = snip.highlighted().len();
            if matched == 0 && !every_paragraph {
                continue;
            }
            let (snippet, highlights) = if matched == 0 {
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
            hits.push(ParagraphHit {
                id: record.id.clone(),
                paragraph: i,
                score: record_score * matched.max(1) as f32,
                date: record.date.clone(),
                event_type: record.event_type,
                title: record.title.clone(),
                speakers: p.speakers.clone(),
                snippet,
                highlights,
                source: record.source.clone(),
                source_bytes: record.source_bytes.clone(),
            });
        }
        hits
    };
    let mut hits: Vec<ParagraphHit> = records.par_iter().flat_map_iter(paragraph_hits).collect();
    hits.sort_by(|a, b| {
        let by_sort = match sort {
            SortOrder::Relevance => b.score.total_cmp(&a.score),
            SortOrder::Date => a.date.cmp(&b.date),
            SortOrder::DateDesc => b.date.cmp(&a.date),
        };
        by_sort
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.paragraph.cmp(&b.paragraph))
    });
    let total = hits.len();
    if limit > 0 {
        hits.truncate(limit);
    }
    Ok(SpeakerResults { hits, total })
}
