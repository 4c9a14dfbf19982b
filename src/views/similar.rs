//! `diplo similar ID`: the readouts most like a given one, by tantivy's MoreLikeThis over the
//! title and body, the record itself left out.

use crate::index::reader::CorpusReader;
use crate::record::{EventType, Record};
use anyhow::{Context, Result};
use serde::Serialize;
use tantivy::DocAddress;
use tantivy::collector::TopDocs;
use tantivy::query::MoreLikeThisQuery;
use tantivy::schema::OwnedValue;

/// One similar record: the JSON contract of `diplo similar --json`.
#[derive(Debug, Clone, Serialize)]
pub struct Similar {
    pub id: String,
    pub score: f32,
    pub date: Option<String>,
    pub event_type: EventType,
    pub title: Option<String>,
    pub participants: Vec<String>,
}

pub fn similar(reader: &CorpusReader, addr: DocAddress, limit: usize) -> Result<Vec<Similar>> {
    let source = reader.record(addr)?;
    // Title and body are indexed but not stored, so the terms come from the stored record.
    let text = |values: Vec<&str>| values.into_iter().map(OwnedValue::from).collect();
    let f = &reader.fields;
    // A term's document frequency still counts records deleted from a segment that has not
    // been merged since, so a word of every record can outnumber the live records, which
    // tantivy's idf asserts against (a panic after any refresh of a large index). Such a word
    // says nothing of likeness anyway: terms in more records than are live are left out.
    let live = reader.searcher.num_docs();
    let query = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(1)
        .with_max_doc_frequency(live)
        .with_min_term_frequency(1)
        .with_min_word_length(3)
        .with_max_query_terms(30)
        .with_document_fields(vec![
            (
                f.title,
                text(source.title.iter().map(String::as_str).collect()),
            ),
            (
                f.body,
                text(source.paragraphs.iter().map(|p| p.text.as_str()).collect()),
            ),
        ]);
    let top = reader
        .searcher
        .search(&query, &TopDocs::with_limit(limit + 1).order_by_score())
        .context("finding similar records")?;
    let mut out = Vec::new();
    for (score, a) in top {
        let r: Record = reader.record(a)?;
        if r.id == source.id {
            continue;
        }
        out.push(Similar {
            participants: r.participant_names(),
            id: r.id,
            score,
            date: r.date,
            event_type: r.event_type,
            title: r.title,
        });
    }
    out.truncate(limit);
    Ok(out)
}
