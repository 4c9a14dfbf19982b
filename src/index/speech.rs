//! Who said what, indexed: for each paragraph someone speaks in, its span of `body` positions
//! and who speaks, in two columns, so that `search --speaker` is a query over postings and
//! columns rather than a read of every candidate record.
//!
//! - `speaker` (a string column): the record's distinct speakers, each as `SLOT NAME`, where
//!   SLOT (0 to [`MAX_SPEAKERS`] − 1) is the speaker's bit in the spans' masks. The slot is in
//!   the value itself because a column does not promise to keep a record's values in order.
//! - `speech` (a u64 column, one value per spoken paragraph): [`Span`] packed.

use super::analyzer::value_spans;
use crate::record::Paragraph;

/// Distinct speakers a record's spans can name; later ones are not indexed as speaking.
pub const MAX_SPEAKERS: usize = 12;

// Packed as `start << 32 | len << 12 | speakers`: a record's positions are small numbers, so
// with the start in the high bits the column's values need about 45 bits, not 64.
const SPEAKER_BITS: u32 = MAX_SPEAKERS as u32;
const LEN_BITS: u32 = 20;
const START_SHIFT: u32 = SPEAKER_BITS + LEN_BITS;
const MAX_LEN: u32 = (1 << LEN_BITS) - 1;

/// A spoken paragraph: its `body` positions `start..start + len` and its speakers' slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub len: u32,
    pub speakers: u16,
}

impl Span {
    pub fn pack(self) -> u64 {
        (u64::from(self.start) << START_SHIFT)
            | (u64::from(self.len.min(MAX_LEN)) << SPEAKER_BITS)
            | u64::from(self.speakers & ((1 << SPEAKER_BITS) - 1))
    }

    pub fn unpack(value: u64) -> Span {
        Span {
            start: (value >> START_SHIFT) as u32,
            len: (value >> SPEAKER_BITS) as u32 & MAX_LEN,
            speakers: (value & ((1 << SPEAKER_BITS) - 1)) as u16,
        }
    }

    pub fn contains(&self, position: u32) -> bool {
        position >= self.start && position - self.start < self.len
    }
}

/// What a record adds to the two columns: its speakers as `SLOT NAME`, and one packed span
/// per paragraph with a speaker.
pub fn columns_of(paragraphs: &[Paragraph]) -> (Vec<String>, Vec<u64>) {
    // Most records quote no one: their texts are not tokenized again.
    if paragraphs.iter().all(|p| p.speakers.is_empty()) {
        return (Vec::new(), Vec::new());
    }
    let positions = value_spans(paragraphs.iter().map(|p| p.text.as_str()));
    let mut speakers: Vec<&str> = Vec::new();
    let mut spans = Vec::new();
    for (p, &(start, len)) in paragraphs.iter().zip(&positions) {
        let mut mask = 0u16;
        for name in &p.speakers {
            let slot = match speakers.iter().position(|s| s == name) {
                Some(slot) => slot,
                None if speakers.len() < MAX_SPEAKERS => {
                    speakers.push(name);
                    speakers.len() - 1
                }
                None => continue,
            };
            mask |= 1 << slot;
        }
        if mask == 0 {
            continue;
        }
        spans.push(
            Span {
                start,
                len,
                speakers: mask,
            }
            .pack(),
        );
    }
    let speakers = speakers
        .iter()
        .enumerate()
        .map(|(slot, name)| format!("{slot} {name}"))
        .collect();
    (speakers, spans)
}

/// A `speaker` value taken apart: its slot's bit and the name.
pub fn parse_speaker(value: &str) -> Option<(u16, &str)> {
    let (slot, name) = value.split_once(' ')?;
    let slot: usize = slot.parse().ok()?;
    (slot < MAX_SPEAKERS).then_some((1 << slot, name))
}

/// The paragraph of a record whose span starts at `start`.
pub fn paragraph_at(paragraphs: &[Paragraph], start: u32) -> Option<usize> {
    value_spans(paragraphs.iter().map(|p| p.text.as_str()))
        .iter()
        .position(|&(s, _)| s == start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str, speakers: &[&str]) -> Paragraph {
        Paragraph {
            text: text.to_string(),
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn spans_pack_and_unpack() {
        let span = Span {
            start: 4_000_000_000,
            len: 1000,
            speakers: 0b1010_0000_0001,
        };
        assert_eq!(Span::unpack(span.pack()), span);
        assert!(span.contains(4_000_000_999) && !span.contains(4_000_001_000));
    }

    #[test]
    fn each_spoken_paragraph_gets_its_positions_and_speakers() {
        let paragraphs = [
            paragraph("Xi Jinping held talks with Joe Biden.", &[]),
            paragraph("Xi said the two sides should cooperate.", &["Xi Jinping"]),
            paragraph("", &[]),
            paragraph("Both agreed.", &["Joe Biden", "Xi Jinping"]),
        ];
        let (speakers, spans) = columns_of(&paragraphs);
        assert_eq!(speakers, ["0 Xi Jinping", "1 Joe Biden"]);
        let spans: Vec<Span> = spans.into_iter().map(Span::unpack).collect();
        // 7 words, a gap; 7 words, a gap; nothing, a gap; 2 words.
        assert_eq!(
            spans,
            [
                Span {
                    start: 8,
                    len: 7,
                    speakers: 0b01
                },
                Span {
                    start: 17,
                    len: 2,
                    speakers: 0b11
                },
            ]
        );
        assert_eq!(paragraph_at(&paragraphs, 17), Some(3));
        assert_eq!(parse_speaker("1 Joe Biden"), Some((0b10, "Joe Biden")));
        assert_eq!(parse_speaker("Joe Biden"), None);
    }

    /// The spans are computed apart from tantivy's indexing: each word of each paragraph must
    /// sit at a position inside its paragraph's span, through every edge the tokenizer has.
    #[test]
    fn spans_agree_with_the_positions_tantivy_indexes() {
        use crate::index::schema::build_schema;
        use tantivy::postings::Postings;
        use tantivy::schema::IndexRecordOption;
        use tantivy::{DocSet, Index, TantivyDocument, Term};
        let long = "x".repeat(45);
        let texts = [
            format!("Alpha {long} bravo."),
            String::new(),
            "...".to_string(),
            format!("Charlie Straße, 東京 delta {long}"),
            "echo".to_string(),
            format!("{long} foxtrot"),
        ];
        let paragraphs: Vec<Paragraph> = texts.iter().map(|t| paragraph(t, &["A"])).collect();
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        crate::index::analyzer::register(&index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut doc = TantivyDocument::default();
        for t in &texts {
            doc.add_text(fields.body, t);
        }
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let segment = searcher.segment_reader(0);
        let inverted = segment.inverted_index(fields.body).unwrap();
        let (_, packed) = columns_of(&paragraphs);
        let spans: Vec<Span> = packed.into_iter().map(Span::unpack).collect();
        assert_eq!(spans.len(), texts.len());
        for (word, paragraph) in [
            ("alpha", 0),
            ("bravo", 0),
            ("charli", 3),
            ("straße", 3),
            ("東京", 3),
            ("delta", 3),
            ("echo", 4),
            ("foxtrot", 5),
        ] {
            let term = Term::from_field_text(fields.body, word);
            let mut postings = inverted
                .read_postings(&term, IndexRecordOption::WithFreqsAndPositions)
                .unwrap()
                .unwrap_or_else(|| panic!("{word} is indexed"));
            assert_eq!(postings.doc(), 0);
            let mut positions = Vec::new();
            postings.positions(&mut positions);
            for p in positions {
                let inside: Vec<usize> =
                    (0..spans.len()).filter(|&i| spans[i].contains(p)).collect();
                assert_eq!(inside, [paragraph], "{word} at {p}: {spans:?}");
            }
        }
    }
}
