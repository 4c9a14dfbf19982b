//! Finding ASCII phrases in any ASCII case, to tell cheaply that a case-insensitive pattern
//! cannot match before running it.
//!
//! Exact only for ASCII text: the regex crate's `(?i)` also matches the Kelvin sign (U+212A)
//! for "k" and "ſ" (long s, U+017F) for "s". A caller whose text is not ASCII runs its
//! pattern regardless.

use std::cell::RefCell;

thread_local! {
    /// The ASCII lower case of the text being searched, reused from call to call.
    static LOWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Whether `text`, lower-cased in ASCII, holds any of `needles` (lower-case ASCII).
pub fn contains_any_ignore_case(text: &str, needles: &[memchr::memmem::Finder<'_>]) -> bool {
    LOWER.with_borrow_mut(|lower| {
        lower.clear();
        lower.extend_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        needles.iter().any(|n| n.find(lower).is_some())
    })
}

/// Finders for `needles`, which must be lower-case ASCII.
pub fn finders(needles: &[&str]) -> Vec<memchr::memmem::Finder<'static>> {
    needles
        .iter()
        .map(|n| {
            debug_assert!(n.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()));
            memchr::memmem::Finder::new(n.as_bytes()).into_owned()
        })
        .collect()
}

/// Whether `text` holds `phrase` (lower-case ASCII) as whole words, in any ASCII case: no ASCII
/// letter or digit right before or after it.
pub fn contains_phrase_ignore_case(text: &str, phrase: &str) -> bool {
    let (text, phrase) = (text.as_bytes(), phrase.as_bytes());
    if phrase.is_empty() || text.len() < phrase.len() {
        return false;
    }
    let word = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    // Only where the first byte matches, in either case: a byte search finds those.
    let first = phrase[0];
    let last_start = text.len() - phrase.len();
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), text)
        .take_while(|&at| at <= last_start)
        .any(|at| {
            text[at..at + phrase.len()].eq_ignore_ascii_case(phrase)
                && !(at > 0 && word(text.get(at - 1)))
                && !word(text.get(at + phrase.len()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_phrase_in_any_ascii_case() {
        let needles = finders(&["request", "initiat"]);
        assert!(contains_any_ignore_case(
            "The call was held at the REQUEST of the Polish side.",
            &needles
        ));
        assert!(contains_any_ignore_case(
            "Initiated by the US side.",
            &needles
        ));
        assert!(!contains_any_ignore_case(
            "The two sides exchanged views.",
            &needles
        ));
        assert!(!contains_any_ignore_case("", &needles));
        // Only ASCII letters are folded: the long s is not an "s".
        assert!(!contains_any_ignore_case(
            "at the reque\u{17F}t of",
            &needles
        ));
    }

    #[test]
    fn finds_a_phrase_only_as_whole_words() {
        assert!(contains_phrase_ignore_case(
            "the new Ambassador of Sudan",
            "ambassador"
        ));
        assert!(contains_phrase_ignore_case(
            "is Planning an early visit",
            "planning"
        ));
        assert!(contains_phrase_ignore_case("the next summit", "next"));
        // "President" holds "resident", "nextgen" holds "next": neither as a word.
        assert!(!contains_phrase_ignore_case(
            "met the President",
            "resident"
        ));
        assert!(!contains_phrase_ignore_case("a nextgen forum", "next"));
        assert!(!contains_phrase_ignore_case("", "next"));
    }

    proptest::proptest! {
        #[test]
        fn the_byte_search_finds_what_a_check_at_every_position_finds(
            text in "[ a-zA-Z.,'-]{0,40}",
            phrase in "(next|on a|will|Ab|a)",
        ) {
            let phrase = phrase.to_ascii_lowercase();
            let (t, p) = (text.as_bytes(), phrase.as_bytes());
            let word = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
            let every_position = t.len() >= p.len()
                && (0..=t.len() - p.len()).any(|at| {
                    t[at..at + p.len()].eq_ignore_ascii_case(p)
                        && !(at > 0 && word(t.get(at - 1)))
                        && !word(t.get(at + p.len()))
                });
            proptest::prop_assert_eq!(contains_phrase_ignore_case(&text, &phrase), every_position);
        }
    }
}
