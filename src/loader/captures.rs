//! Capture groups remembered by the text they matched.
//!
//! Finding where a big pattern (the people patterns: thousands of NFA states) matches is fast,
//! since the regex crate runs a DFA; finding its groups is not: that takes a backtracking or
//! NFA engine over the whole pattern for each match. Readouts repeat the same phrases
//! ("President Xi Jinping", "Secretary of State Rex Tillerson of the US"), so the groups of a
//! match are remembered by what decides them: the matched text and the character on each side
//! of it, since every assertion the regex crate has (`\b`, `^`, `$` and their kinds) looks
//! one character to each side at most. The groups found are the ones `captures` gives.

use super::pattern::Pattern;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

/// Remembered matches per thread before its memory is cleared, which bounds it (a few MiB).
const MEMO_ENTRIES: usize = 50_000;

/// Group spans relative to the match's start; group 0 is the whole match.
type Spans = Rc<[Option<(u32, u32)>]>;

thread_local! {
    /// (regex, character before, character after, matched text) → group spans.
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

#[derive(Default)]
struct Memo {
    spans: FxHashMap<Box<[u8]>, Spans>,
    /// The key being looked up, built here to look up without allocating.
    key: Vec<u8>,
}

/// One match of a regex and its capture groups.
pub struct Groups<'r, 't> {
    re: &'r Pattern,
    text: &'t str,
    start: usize,
    spans: Spans,
}

/// A capture group's span in the text searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group<'t> {
    pub start: usize,
    pub end: usize,
    text: &'t str,
}

impl<'t> Group<'t> {
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

impl<'t> Groups<'_, 't> {
    /// Group `i`; 0 is the whole match.
    pub fn get(&self, i: usize) -> Option<Group<'t>> {
        let (start, end) = (*self.spans.get(i)?)?;
        Some(Group {
            start: self.start + start as usize,
            end: self.start + end as usize,
            text: self.text,
        })
    }

    /// The group with this name.
    pub fn name(&self, name: &str) -> Option<Group<'t>> {
        let i = self.re.group_index(name)?;
        self.get(i)
    }

    /// The whole match.
    pub fn whole(&self) -> Group<'t> {
        Group {
            start: self.start,
            end: self.start + self.spans[0].map_or(0, |(_, end)| end as usize),
            text: self.text,
        }
    }
}

/// Every match of `re` in `text` with its groups, as `re.captures_iter(text)` gives them.
/// The regex is a static one: its address identifies it in the memory for the whole run.
pub fn captures_iter<'t>(
    re: &'static Pattern,
    text: &'t str,
) -> impl Iterator<Item = Groups<'static, 't>> + use<'t> {
    // The matches are all found (`Pattern::find_iter` does) before any groups are: a search
    // holds one of the regex's caches while it runs, and a capture search at the same time
    // would make its thread a second one (both growing to the lazy DFA's limit).
    let matches: Vec<(usize, usize)> = re.find_iter(text).map(|m| (m.start(), m.end())).collect();
    matches.into_iter().map(move |(start, end)| Groups {
        re,
        text,
        start,
        spans: spans_of(re, text, start, end),
    })
}

/// The match of `re`, a pattern anchored with `^`, in `text` from `at` on, with its groups: the
/// pattern sees the text from `at` as if it began there. A search anchored at a few likely
/// starts walks a small DFA from one state; the same pattern unanchored carries every partial
/// match begun at each earlier word, and its lazy DFA keeps building states on new text.
pub fn captures_from<'t>(
    re: &'static Pattern,
    text: &'t str,
    at: usize,
) -> Option<Groups<'static, 't>> {
    let rest = text.get(at..)?;
    let m = re.find(rest)?;
    Some(Groups {
        re,
        text,
        start: at + m.start(),
        spans: spans_of(re, rest, m.start(), m.end()),
    })
}

/// The first match of `re` in `text` with its groups, as `re.captures(text)` gives it.
pub fn captures<'t>(re: &'static Pattern, text: &'t str) -> Option<Groups<'static, 't>> {
    captures_iter(re, text).next()
}

/// The groups of the match of `re` at `start..end`, remembered or found.
fn spans_of(re: &'static Pattern, text: &str, start: usize, end: usize) -> Spans {
    MEMO.with_borrow_mut(|memo| {
        let Memo { spans, key } = memo;
        key.clear();
        key.extend_from_slice(&(std::ptr::from_ref(re) as usize).to_le_bytes());
        let before = text[..start]
            .chars()
            .next_back()
            .map_or(u32::MAX, u32::from);
        let after = text[end..].chars().next().map_or(u32::MAX, u32::from);
        key.extend_from_slice(&before.to_le_bytes());
        key.extend_from_slice(&after.to_le_bytes());
        key.extend_from_slice(&text.as_bytes()[start..end]);
        if let Some(found) = spans.get(key.as_slice()) {
            return found.clone();
        }
        let found = find_spans(re, text, start);
        if spans.len() >= MEMO_ENTRIES {
            spans.clear();
        }
        spans.insert(key.as_slice().into(), found.clone());
        found
    })
}

/// The groups of the match of `re` that starts at `start`, relative to it.
fn find_spans(re: &Pattern, text: &str, start: usize) -> Spans {
    let relative = |m: regex::Match| Some(((m.start() - start) as u32, (m.end() - start) as u32));
    match re.captures_at(text, start) {
        Some(c) => c.iter().map(|m| m.and_then(relative)).collect(),
        None => Rc::from([None]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    /// What `captures_iter` gives, as (group index, text) lists.
    fn plain(re: &Pattern, text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(text)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect()
    }

    fn memoized(re: &'static Pattern, text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        captures_iter(re, text)
            .map(|g| {
                (0..re.captures_len())
                    .map(|i| g.get(i).map(|m| (m.start, m.end)))
                    .collect()
            })
            .collect()
    }

    /// A regex that lives for the run, as the loader's do.
    fn leaked(pattern: &str) -> &'static Pattern {
        Box::leak(Box::new(Pattern::of(Regex::new(pattern).unwrap())))
    }

    #[test]
    fn groups_are_those_of_captures_iter_on_repeated_phrases() {
        let re = leaked(
            r"(?:(?P<adj>Chinese|US)\s+)?(?P<title>President|Secretary of State)\s+(?P<name>\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)?)",
        );
        let text = "Chinese President Xi Jinping met US Secretary of State Rex Tillerson. \
                    President Xi Jinping said... Chinese President Xi Jinping added.";
        assert_eq!(memoized(re, text), plain(re, text));
        // Again, now from the memory.
        assert_eq!(memoized(re, text), plain(re, text));
        let g = captures(re, text).unwrap();
        assert_eq!(g.name("name").unwrap().as_str(), "Xi Jinping");
        assert_eq!(g.name("adj").unwrap().as_str(), "Chinese");
        assert_eq!(g.whole().as_str(), "Chinese President Xi Jinping");
        assert!(g.name("nonesuch").is_none());
    }

    #[test]
    fn the_same_text_in_another_context_is_not_mistaken_for_the_first() {
        // The same matched text "ab" is group 1 where a word boundary follows and groups 2
        // and 3 where none does: the memory must tell the two contexts apart.
        let re = leaked(r"(ab)\b|(a)(b)");
        for text in ["ab abc", "abc ab", "ab ab abc abc", "xab ab!"] {
            assert_eq!(memoized(re, text), plain(re, text), "{text}");
        }
        let re = leaked(r"(?m)(^x)?x");
        for text in ["xx\nx", "x x", "\nxx"] {
            assert_eq!(memoized(re, text), plain(re, text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn memoized_groups_agree_with_captures_iter(text in "[abx \n.éß]{0,40}") {
            static PATTERNS: std::sync::LazyLock<Vec<Pattern>> = std::sync::LazyLock::new(|| {
                [
                    r"(?-u:\b)(a+)(b)?(?-u:\b)",
                    r"\b(x)(?:\s+(a|b|ab))?\b",
                    r"(?m)^(a)?(x|é)(ß)?$?",
                    r"(a)|(b)|(x\s*)",
                    r"(ab)\b|(a)(b)",
                    r"(?m)(x)$|(x)(a)?",
                    r"(?-u:\b)(é)|(é)(?-u:\b)|(é)",
                ]
                .iter()
                .map(|p| Pattern::of(Regex::new(p).unwrap()))
                .collect()
            });
            for re in PATTERNS.iter() {
                prop_assert_eq!(memoized(re, &text), plain(re, &text), "{}", re.as_str());
                prop_assert_eq!(memoized(re, &text), plain(re, &text), "{}", re.as_str());
            }
        }
    }
}
