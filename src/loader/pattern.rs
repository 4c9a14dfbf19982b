//! The loader's regexes, each searched on every thread through that thread's own copy, so that
//! the memory a thread's searches build goes when the thread does.
//!
//! A `regex::Regex` keeps the caches its searches build (lazy DFA states, the NFA engines'
//! scratch space) for as long as it lives, one for each thread that searched it at once: for a
//! static regex, until the process ends. Parsing a million readouts grew them to about 100 MB,
//! still held while the index run linked and merged, where its memory peaks. A clone of a
//! regex shares the compiled program and has caches of its own, so each thread searches its
//! own clone, dropped with the thread's other locals when it ends (the index run parses on a
//! thread pool of its own, ended when parsing is done). A thread searching its own clone is
//! also the clone's owner, which the regex crate serves without taking a lock.

use regex::{Captures, Match, Regex, Replacer};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};

/// Drops this thread's copy of every pattern: its next search of each makes a new copy, whose
/// caches start empty.
///
/// A lazy DFA builds states for each text it meets that needs new ones, and keeps them up to
/// its cache's capacity (megabytes per regex). Over many readouts a parsing thread's copies
/// grew without end in sight: in a million-readout build, renewing them every few thousand
/// files kept 20–40 MB less live, at no cost a run could measure (see `corpus::load`).
pub fn renew_thread_copies() {
    COPIES.with_borrow_mut(Vec::clear);
}

/// A regex compiled once for the process and searched through a copy per thread.
pub struct Pattern {
    compiled: Compiled,
    /// This pattern's place in each thread's [`COPIES`], given on first use.
    slot: OnceLock<usize>,
}

enum Compiled {
    Lazy(LazyLock<Regex>),
    Ready(Regex),
}

/// Slots given out so far, one per pattern used.
static SLOTS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// This thread's copy of each pattern it searched, by slot.
    static COPIES: RefCell<Vec<Option<Rc<Regex>>>> = const { RefCell::new(Vec::new()) };
}

impl Pattern {
    /// A pattern compiled by `build` on first use, for a `static`.
    pub const fn new(build: fn() -> Regex) -> Pattern {
        Pattern {
            compiled: Compiled::Lazy(LazyLock::new(build)),
            slot: OnceLock::new(),
        }
    }

    /// A pattern of a regex already compiled (one of a list made at once).
    pub fn of(regex: Regex) -> Pattern {
        Pattern {
            compiled: Compiled::Ready(regex),
            slot: OnceLock::new(),
        }
    }

    /// The regex shared by every thread: for what it is, never to search (a search through
    /// it would keep its caches for the life of the pattern).
    fn shared(&self) -> &Regex {
        match &self.compiled {
            Compiled::Lazy(regex) => regex,
            Compiled::Ready(regex) => regex,
        }
    }

    /// This thread's copy, made on its first search.
    fn local(&self) -> Rc<Regex> {
        let slot = *self
            .slot
            .get_or_init(|| SLOTS.fetch_add(1, Ordering::Relaxed));
        COPIES.with_borrow_mut(|copies| {
            if copies.len() <= slot {
                copies.resize(slot + 1, None);
            }
            Rc::clone(copies[slot].get_or_insert_with(|| Rc::new(self.shared().clone())))
        })
    }

    pub fn as_str(&self) -> &str {
        self.shared().as_str()
    }

    /// The index of the capture group with this name.
    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.shared().capture_names().position(|n| n == Some(name))
    }

    /// How many capture groups the pattern has, the whole match's included.
    pub fn captures_len(&self) -> usize {
        self.shared().captures_len()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.local().is_match(text)
    }

    pub fn is_match_at(&self, text: &str, start: usize) -> bool {
        self.local().is_match_at(text, start)
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.local().find(text)
    }

    pub fn find_at<'t>(&self, text: &'t str, start: usize) -> Option<Match<'t>> {
        self.local().find_at(text, start)
    }

    /// Every match, found at once.
    pub fn find_iter<'t>(&self, text: &'t str) -> std::vec::IntoIter<Match<'t>> {
        self.local().find_iter(text).collect::<Vec<_>>().into_iter()
    }

    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.local().captures(text)
    }

    pub fn captures_at<'t>(&self, text: &'t str, start: usize) -> Option<Captures<'t>> {
        self.local().captures_at(text, start)
    }

    /// Every match with its groups, found at once.
    pub fn captures_iter<'t>(&self, text: &'t str) -> std::vec::IntoIter<Captures<'t>> {
        self.local()
            .captures_iter(text)
            .collect::<Vec<_>>()
            .into_iter()
    }

    pub fn replace<'t>(&self, text: &'t str, rep: impl Replacer) -> Cow<'t, str> {
        self.local().replace(text, rep)
    }

    pub fn replace_all<'t>(&self, text: &'t str, rep: impl Replacer) -> Cow<'t, str> {
        self.local().replace_all(text, rep)
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.as_str()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SAID: Pattern = Pattern::new(|| Regex::new(r"(?P<who>\p{Lu}\w+) said").unwrap());

    #[test]
    fn a_pattern_finds_what_its_regex_finds() {
        let text = "Wang Yi said that Blinken said so.";
        assert!(SAID.is_match(text));
        assert_eq!(SAID.find(text).map(|m| m.as_str()), Some("Yi said"));
        let whos: Vec<String> = SAID
            .captures_iter(text)
            .map(|c| c["who"].to_string())
            .collect();
        assert_eq!(whos, ["Yi", "Blinken"]);
        assert_eq!(SAID.find_iter(text).count(), 2);
        assert_eq!(SAID.group_index("who"), Some(1));
        assert_eq!(
            SAID.replace_all(text, "$who spoke"),
            "Wang Yi spoke that Blinken spoke so."
        );
    }

    #[test]
    fn each_thread_searches_a_copy_of_its_own() {
        let pattern: &'static Pattern = Box::leak(Box::new(Pattern::of(Regex::new("a+").unwrap())));
        let here = pattern.local();
        assert!(Rc::ptr_eq(&here, &pattern.local()), "one copy a thread");
        let elsewhere = std::thread::spawn(|| {
            assert!(pattern.is_match("baa"));
            Rc::as_ptr(&pattern.local()) as usize
        })
        .join()
        .unwrap();
        assert_ne!(elsewhere, Rc::as_ptr(&here) as usize);
    }

    #[test]
    fn a_renewed_thread_searches_a_new_copy_that_finds_the_same() {
        let pattern: &'static Pattern = Box::leak(Box::new(Pattern::of(Regex::new("a+").unwrap())));
        let before = pattern.local();
        renew_thread_copies();
        let after = pattern.local();
        assert!(!Rc::ptr_eq(&before, &after), "a new copy after renewal");
        assert_eq!(
            Rc::strong_count(&before),
            1,
            "the old copy is no longer held"
        );
        assert_eq!(pattern.find("baab").map(|m| m.range()), Some(1..3));
    }
}
