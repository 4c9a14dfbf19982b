//! Sentence splitting that knows "Mr.", "U.S." and middle initials do not end a sentence.

use crate::data::ABBREVIATIONS;
use std::sync::LazyLock;

/// Byte ranges of the sentences of a paragraph, without the white space around them.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    Spans::new(text)
        .map(|(s, e)| {
            let sentence = &text[s..e];
            let start = s + (sentence.len() - sentence.trim_start().len());
            (start, start + sentence.trim().len())
        })
        .collect()
}

/// The first sentence of a paragraph, trimmed (the paragraph's start is all most rules read).
pub fn first_sentence(text: &str) -> Option<&str> {
    Spans::new(text).next().map(|(s, e)| text[s..e].trim())
}

/// Where a paragraph's text begins after a list marker ("1. ", "2) ", "(3) ", "° ", "• "), or
/// 0 without one. Ministries number the paragraphs of a release or bullet them, and the
/// marker is no part of the first sentence: "1." read as a sentence hid the lead behind it.
fn after_list_marker(text: &str) -> usize {
    let trimmed = text.trim_start();
    let digits = |t: &str| t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match trimmed.chars().next() {
        Some('(') => {
            let n = digits(&trimmed[1..]);
            ((1..=3).contains(&n) && trimmed[1 + n..].starts_with(')')).then_some(n + 2)
        }
        Some(c) if c.is_ascii_digit() => {
            let n = digits(trimmed);
            ((1..=3).contains(&n) && trimmed[n..].starts_with(['.', ')'])).then_some(n + 1)
        }
        Some(c @ ('°' | '•' | '▪' | '●' | '◦' | '·' | '-' | '–' | '*')) => {
            Some(c.len_utf8())
        }
        _ => None,
    };
    match marker {
        // Only a marker set apart from what follows: "1.5 million" and "-3" are text.
        Some(len) if trimmed[len..].starts_with(char::is_whitespace) => {
            let rest = trimmed[len..].trim_start();
            text.len() - rest.len()
        }
        _ => 0,
    }
}

/// The sentence spans of a text, found as they are asked for.
struct Spans<'a> {
    text: &'a str,
    /// Start of the current sentence.
    start: usize,
    /// Where to look for the next sentence end.
    at: usize,
}

impl Spans<'_> {
    fn new(text: &str) -> Spans<'_> {
        let start = after_list_marker(text);
        Spans {
            text,
            start,
            at: start,
        }
    }
}

impl Iterator for Spans<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        let bytes = text.as_bytes();
        // The three stops are ASCII: a byte search finds them without decoding characters.
        while let Some(offset) = memchr::memchr3(b'.', b'!', b'?', &bytes[self.at..]) {
            let i = self.at + offset;
            let c = bytes[i] as char;
            let after = i + 1;
            self.at = after;
            let next_is_space = bytes.get(after).is_none_or(|b| b.is_ascii_whitespace());
            if !next_is_space || (c == '.' && is_abbreviation(&text[self.start..after])) {
                continue;
            }
            let rest = text[after..].trim_start();
            let next_starts_sentence = rest.chars().next().is_none_or(|n| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '\u{201C}' | '(')
            });
            if next_starts_sentence {
                let span = (self.start, after);
                self.start = text.len() - rest.len();
                self.at = self.start;
                return Some(span);
            }
        }
        if self.start < text.len() && !text[self.start..].trim().is_empty() {
            let span = (self.start, text.len());
            self.start = text.len();
            self.at = text.len();
            return Some(span);
        }
        None
    }
}

/// The sentences of a paragraph, trimmed.
pub fn sentences(text: &str) -> Vec<&str> {
    sentence_spans(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect()
}

/// Whether the text ends with a word whose dot is not a full stop: a listed abbreviation, a
/// single-letter initial ("Joseph R.") or initials run together ("E.D."), also as the last
/// part of a hyphenated word ("a Korea-U.S. meeting").
pub fn is_abbreviation(up_to_dot: &str) -> bool {
    if ends_with_agency_tag(up_to_dot) {
        return true;
    }
    let word = up_to_dot
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '-' | '–' | '—' | '/'))
        .next()
        .unwrap_or("");
    let letters = word.trim_end_matches('.');
    let mut chars = letters.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    // "E.D. Mnangagwa", "J.R.R. Tolkien": initials run together.
    let initials = letters.contains('.')
        && letters.split('.').all(|part| {
            let mut cs = part.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
        });
    initial
        || initials
        || (word.len() <= *LONGEST_ABBREVIATION
            && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
}

/// A news agency's tag closing a dateline, dot and all: "Ulaanbaatar /MONTSAME/. On March 16,
/// ..." is one sentence, not a dateline alone. Only after a place opening the sentence: "the
/// North Atlantic Treaty Organization (NATO)." ends one.
fn ends_with_agency_tag(up_to_dot: &str) -> bool {
    let Some((place, tag)) = up_to_dot
        .trim_end_matches('.')
        .rsplit_once(char::is_whitespace)
    else {
        return false;
    };
    let Some(inner) = tag
        .strip_prefix('/')
        .and_then(|w| w.strip_suffix('/'))
        .or_else(|| tag.strip_prefix('(').and_then(|w| w.strip_suffix(')')))
    else {
        return false;
    };
    let words: Vec<&str> = place.split_whitespace().collect();
    (2..=12).contains(&inner.len())
        && inner.chars().all(|c| c.is_ascii_uppercase() || c == '-')
        && (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\''))
        })
}

/// Most words before a dot are longer than any abbreviation: they are told apart by length.
static LONGEST_ABBREVIATION: LazyLock<usize> =
    LazyLock::new(|| ABBREVIATIONS.iter().map(String::len).max().unwrap_or(0));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_marker_is_no_sentence() {
        for (text, first) in [
            (
                "1. Foreign Minister Ana Soto talked to Luis Rojas. They agreed.",
                "Foreign Minister Ana Soto talked to Luis Rojas.",
            ),
            (
                "  12) The Minister met the Secretary.",
                "The Minister met the Secretary.",
            ),
            (
                "(3) The Minister met the Secretary.",
                "The Minister met the Secretary.",
            ),
            (
                "° Minister Soto informed Secretary Rojas.",
                "Minister Soto informed Secretary Rojas.",
            ),
            ("• The two sides agreed.", "The two sides agreed."),
            (
                "1.5 million people attended. It rained.",
                "1.5 million people attended.",
            ),
            ("2019. A year of talks.", "2019."),
            ("-3 degrees. Cold.", "-3 degrees."),
        ] {
            assert_eq!(first_sentence(text), Some(first), "{text}");
        }
        assert_eq!(after_list_marker("1."), 0);
        assert_eq!(after_list_marker("Talks. 2. More"), 0);
        let text = "2. The Minister met the Secretary. 3. Not a marker here.";
        assert_eq!(sentences(text)[0], "The Minister met the Secretary.");
    }

    #[test]
    fn splits_on_full_stops() {
        assert_eq!(
            sentences("Xi met Biden. They talked. Fine!"),
            ["Xi met Biden.", "They talked.", "Fine!"]
        );
    }

    #[test]
    fn titles_initials_and_suffixes_do_not_split() {
        let s = "Mr. Shinzo Abe met Joseph R. Biden, Jr. at the White House. They talked.";
        assert_eq!(
            sentences(s),
            [
                "Mr. Shinzo Abe met Joseph R. Biden, Jr. at the White House.",
                "They talked."
            ]
        );
    }

    #[test]
    fn the_first_sentence_alone() {
        assert_eq!(
            first_sentence("Mr. Abe met Joseph R. Biden. They talked."),
            Some("Mr. Abe met Joseph R. Biden.")
        );
        assert_eq!(first_sentence("No full stop"), Some("No full stop"));
        assert_eq!(first_sentence("  "), None);
    }

    #[test]
    fn initials_after_a_hyphen_do_not_end_a_sentence() {
        let text = "The minister held a Korea-U.S. Vice Ministers' meeting with Deputy Secretary Ann Lowe. They spoke of trade.";
        assert_eq!(sentences(text).len(), 2);
        assert!(sentences(text)[0].ends_with("Ann Lowe."));
        assert_eq!(
            sentences("Talks on EU/U.K. Trade ended. Both sides met.").len(),
            2
        );
    }

    #[test]
    fn an_agency_tag_ending_a_dateline_does_not_end_a_sentence() {
        let text = "Vilnius /BNS/. On May 3, the Minister met his Polish counterpart. They spoke.";
        assert_eq!(sentences(text).len(), 2);
        assert!(sentences(text)[0].ends_with("counterpart."));
        assert_eq!(
            sentences("Oslo (NTB). The Minister met the envoy. Then talks.").len(),
            2
        );
        // A word in brackets is no tag.
        assert_eq!(sentences("They met (twice). Then talks.").len(), 2);
        // An acronym in brackets closing a sentence ends it.
        assert_eq!(
            sentences("They spoke of the Association of Southeast Asian Nations (ASEAN). The Minister left.")
                .len(),
            2
        );
    }

    #[test]
    fn lower_case_after_dot_does_not_split() {
        assert_eq!(
            sentences("The U.N. resolution 2. was adopted."),
            ["The U.N. resolution 2. was adopted."]
        );
    }

    #[test]
    fn initials_run_together_do_not_end_a_sentence() {
        assert_eq!(
            sentences("Calls came from H.E. Mr. E.D. Mnangagwa, President of Zimbabwe. Fine."),
            [
                "Calls came from H.E. Mr. E.D. Mnangagwa, President of Zimbabwe.",
                "Fine."
            ]
        );
    }
}
