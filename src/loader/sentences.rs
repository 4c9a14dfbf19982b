//! Sentence splitting that knows "Mr.", "U.S." and middle initials do not end a sentence.

use crate::data::ABBREVIATIONS;

/// Byte ranges of the sentences of a paragraph.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let after = i + c.len_utf8();
        let next_is_space = bytes.get(after).is_none_or(|b| b.is_ascii_whitespace());
        if !next_is_space || (c == '.' && is_abbreviation(&text[start..after])) {
            continue;
        }
        let next_starts_sentence = text[after..].trim_start().chars().next().is_none_or(|n| {
            n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '\u{201C}' | '(')
        });
        if next_starts_sentence {
            spans.push((start, after));
            start = after + text[after..].len() - text[after..].trim_start().len();
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        spans.push((start, text.len()));
    }
    spans
}

/// The sentences of a paragraph, trimmed.
pub fn sentences(text: &str) -> Vec<&str> {
    sentence_spans(text)
        .into_iter()
        .map(|(s, e)| text[s..e].trim())
        .collect()
}

/// Whether the text ends with a word whose dot is not a full stop: a listed abbreviation or
/// a single-letter initial ("Joseph R.").
pub fn is_abbreviation(up_to_dot: &str) -> bool {
    let word = up_to_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let letters = word.trim_end_matches('.');
    (letters.chars().count() == 1 && letters.chars().all(char::is_uppercase))
        || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn lower_case_after_dot_does_not_split() {
        assert_eq!(
            sentences("The U.N. resolution 2. was adopted."),
            ["The U.N. resolution 2. was adopted."]
        );
    }
}
