//! `diplo compare`: the records of one contact side by side. Which principal each names first,
//! who each says asked for the contact, and the statements one reports that the others do not.
//!
//! Paragraphs are aligned by content: each paragraph's content words (four letters or more, cut
//! to their first six, the participants' names and `readout_words.txt` left out) against every paragraph of the other
//! records, by the share of the smaller paragraph's words found in the larger ("overlap"). A
//! paragraph whose best overlap is under [`SAME_STATEMENT`] is reported by that record alone.

use crate::record::{EventType, Record, SCHEMA_VERSION};
use rustc_hash::FxHashSet;
use serde::Serialize;

/// Overlap at which two paragraphs are taken to report the same statement.
pub const SAME_STATEMENT: f64 = 0.35;

/// Paragraphs with fewer words are chrome or headings, not statements: not aligned.
const MIN_WORDS: usize = 6;

/// The JSON contract of `diplo compare --json`.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub schema_version: u32,
    pub contact: String,
    pub records: Vec<Side>,
}

/// One record of the contact.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub id: String,
    pub source: String,
    pub publisher: String,
    pub date: Option<String>,
    pub event_type: EventType,
    pub title: Option<String>,
    /// The principal this record names first.
    pub first_named: Option<String>,
    pub principals: Vec<String>,
    pub requested_by: Option<String>,
    pub location: Option<String>,
    pub paragraphs: Vec<AlignedParagraph>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlignedParagraph {
    /// Position in the record's paragraphs, from 0.
    pub paragraph: usize,
    pub text: String,
    pub speakers: Vec<String>,
    /// The closest paragraph of another record, if any is a statement at all.
    pub best_match: Option<ParagraphMatch>,
    /// No other record reports this statement (its best overlap is under the threshold).
    pub only_here: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParagraphMatch {
    pub id: String,
    pub paragraph: usize,
    pub overlap: f64,
}

/// Compares the records of one contact (at least two), in the order given.
pub fn compare(contact: &str, records: &[(Record, String)]) -> Comparison {
    let words: Vec<Vec<Option<FxHashSet<String>>>> = records
        .iter()
        .map(|(r, _)| {
            let names = name_words(r);
            r.paragraphs
                .iter()
                .map(|p| content_words(&p.text, &names))
                .collect()
        })
        .collect();
    let sides = records
        .iter()
        .enumerate()
        .map(|(i, (r, publisher))| {
            let paragraphs = r
                .paragraphs
                .iter()
                .enumerate()
                .filter_map(|(n, p)| {
                    let mine = words[i][n].as_ref()?;
                    let best_match = best_match(mine, i, records, &words);
                    Some(AlignedParagraph {
                        paragraph: n,
                        text: p.text.clone(),
                        speakers: p.speakers.clone(),
                        only_here: best_match
                            .as_ref()
                            .is_none_or(|m| m.overlap < SAME_STATEMENT),
                        best_match,
                    })
                })
                .collect();
            let principals: Vec<String> = r
                .principals()
                .map(|p| {
                    p.name
                        .clone()
                        .or_else(|| p.inferred_name.clone())
                        .or_else(|| p.title.clone())
                        .unwrap_or_else(|| "(unnamed)".into())
                })
                .collect();
            Side {
                id: r.id.clone(),
                source: r.source.clone(),
                publisher: publisher.clone(),
                date: r.date.clone(),
                event_type: r.event_type,
                title: r.title.clone(),
                first_named: principals.first().cloned(),
                principals,
                requested_by: r.requested_by.clone(),
                location: r.location.clone(),
                paragraphs,
            }
        })
        .collect();
    Comparison {
        schema_version: SCHEMA_VERSION,
        contact: contact.to_string(),
        records: sides,
    }
}

fn best_match(
    mine: &FxHashSet<String>,
    me: usize,
    records: &[(Record, String)],
    words: &[Vec<Option<FxHashSet<String>>>],
) -> Option<ParagraphMatch> {
    let mut best: Option<ParagraphMatch> = None;
    for (other, paragraphs) in words.iter().enumerate() {
        if other == me {
            continue;
        }
        for (n, theirs) in paragraphs.iter().enumerate() {
            let Some(theirs) = theirs else { continue };
            let overlap = overlap(mine, theirs);
            if best.as_ref().is_none_or(|b| overlap > b.overlap) {
                best = Some(ParagraphMatch {
                    id: records[other].0.id.clone(),
                    paragraph: n,
                    overlap: (overlap * 1000.0).round() / 1000.0,
                });
            }
        }
    }
    best
}

/// The share of the smaller set's words that are in the other.
fn overlap(a: &FxHashSet<String>, b: &FxHashSet<String>) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return 0.0;
    }
    small.iter().filter(|w| large.contains(*w)).count() as f64 / small.len() as f64
}

/// Lower-cased words of the record's participants' names: in every paragraph, so they tell
/// nothing about which statement a paragraph reports.
fn name_words(r: &Record) -> FxHashSet<String> {
    r.participants
        .iter()
        .flat_map(|p| [p.name.as_deref(), p.as_written.as_deref()])
        .flatten()
        .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
        .map(stem)
        .collect()
}

/// A paragraph's content words, or None for one too short to be a statement.
fn content_words(text: &str, names: &FxHashSet<String>) -> Option<FxHashSet<String>> {
    let all: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if all.len() < MIN_WORDS {
        return None;
    }
    Some(
        all.into_iter()
            .filter(|w| w.chars().count() >= 4)
            .map(stem)
            .filter(|w| !names.contains(w) && !is_readout_word(w))
            .collect(),
    )
}

/// A word of [`crate::data::READOUT_WORDS`] (compared stemmed).
fn is_readout_word(stemmed: &str) -> bool {
    static WORDS: std::sync::LazyLock<FxHashSet<String>> =
        std::sync::LazyLock::new(|| crate::data::READOUT_WORDS.iter().map(|w| stem(w)).collect());
    WORDS.contains(stemmed)
}

/// Lower case, cut to six letters: "relations" and "relationship" are one word here.
fn stem(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).take(6).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Paragraph, Participant, Role};

    fn record(id: &str, first: &str, second: &str, paragraphs: &[&str]) -> Record {
        let principal = |name: &str| Participant {
            name: Some(name.into()),
            as_written: None,
            inferred_name: None,
            title: None,
            country: None,
            role: Role::Principal,
        };
        Record {
            schema_version: 1,
            id: id.into(),
            source: format!("{id}.txt"),
            source_bytes: None,
            title: None,
            date: Some("2021-10-08".into()),
            date_precision: crate::record::DatePrecision::Day,
            date_source: None,
            event_type: EventType::PhoneCall,
            requested_by: None,
            location: None,
            participants: vec![principal(first), principal(second)],
            paragraphs: paragraphs
                .iter()
                .map(|t| Paragraph {
                    text: t.to_string(),
                    speakers: Vec::new(),
                })
                .collect(),
            events: Vec::new(),
            url: None,
            contact: None,
        }
    }

    #[test]
    fn shared_statements_align_and_one_sided_ones_are_marked() {
        let tokyo = record(
            "a1",
            "Kishida Fumio",
            "Xi Jinping",
            &[
                "Prime Minister Kishida said that stable relations between Japan and China are important for the region.",
                "Prime Minister Kishida raised concerns about the situation in the East China Sea and Hong Kong.",
                "Share this page",
            ],
        );
        let beijing = record(
            "b2",
            "Xi Jinping",
            "Kishida Fumio",
            &[
                "Xi Jinping stressed that a stable relationship between China and Japan serves the region and the world.",
                "Xi Jinping congratulated Kishida Fumio on taking office and hoped for new progress next year.",
            ],
        );
        let c = compare("a1", &[(tokyo, "mofa".into()), (beijing, "fmprc".into())]);
        assert_eq!(c.records[0].first_named.as_deref(), Some("Kishida Fumio"));
        assert_eq!(c.records[1].first_named.as_deref(), Some("Xi Jinping"));
        let only: Vec<(usize, bool)> = c.records[0]
            .paragraphs
            .iter()
            .map(|p| (p.paragraph, p.only_here))
            .collect();
        // The chrome line is not a statement; the concerns are Tokyo's alone.
        assert_eq!(only, [(0, false), (1, true)]);
        assert!(c.records[1].paragraphs[1].only_here);
        assert_eq!(
            c.records[1].paragraphs[0]
                .best_match
                .as_ref()
                .map(|m| m.paragraph),
            Some(0)
        );
    }
}
