//! The kind of contact a readout reports, from the phrases of `event_phrases.tsv`.

use crate::data::EVENT_PHRASES;
use crate::loader::ascii;
use crate::loader::pattern::Pattern;
use crate::record::EventType;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::LazyLock;

/// Every phrase of `event_phrases.tsv` in one automaton; a phrase's pattern id is its line
/// order, which is its priority. One pass over a sentence finds them all, where one regex per
/// phrase took a fifth of the loader's time.
struct Phrases {
    automaton: AhoCorasick,
    kinds: Vec<EventType>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let (phrases, kinds): (Vec<&str>, Vec<EventType>) = EVENT_PHRASES
        .iter()
        .filter_map(|(phrase, kind)| Some((phrase.as_str(), EventType::parse(kind)?)))
        .unzip();
    // A DFA, which the crate builds on its own only up to 100 patterns: the overlapping search
    // of every sentence takes about half the time of the NFA's, for 220 KB shared.
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(phrases)
        .expect("event phrases build an automaton");
    Phrases { automaton, kinds }
});

/// Whether `at` is not inside a word: the phrases are matched as whole words.
fn word_edge(text: &str, at: usize) -> bool {
    let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let bytes = text.as_bytes();
    !(at > 0 && bytes.get(at - 1).is_some_and(word) && bytes.get(at).is_some_and(word))
}

/// Words shortly before a phrase that make it a plan, not the event ("will visit",
/// "looked forward to meeting", "agreed to hold talks"). "to" only with a verb's words
/// between ("is to have a meeting"), since "her visit to Rome by meeting with" is no plan.
static FUTURE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:will|shall|would|plans?|planned|invited|invitation|forward|upcoming|next|future)\W+(?:\w+\W+){0,2}|to\W+(?:(?:have|hold|pay|make|conduct|a|an|the|his|her|their)\W+){0,2})$")
        .expect("valid regex")
});

/// The event type the lead's main verb names, else the one the title names. The medium of a
/// contact (video, telephone) decides whatever verb carries it ("held talks via video link"),
/// in the lead or in the title ("... holds phone call with German counterpart" over a lead
/// that says "held his first discussion with"); otherwise the first contact verb of the
/// sentence is the main one ("visited Japan and met"). Phrases about a future contact are
/// skipped.
pub fn classify(title: &str, lead: &str) -> Option<EventType> {
    match in_text(lead) {
        Some(kind) if is_medium(kind) => Some(kind),
        Some(kind) => Some(in_text(title).filter(|k| is_medium(*k)).unwrap_or(kind)),
        None => in_text(title),
    }
}

/// Whether a type names the medium of a contact, which decides over the verb that carries it.
fn is_medium(kind: EventType) -> bool {
    matches!(kind, EventType::VideoCall | EventType::PhoneCall)
}

/// Time words that may sit inside a contact phrase ("held a meeting today with"). Each must
/// hold one of [`TIME_WORD_PARTS`], which tells the texts that have none.
static TIME_WORDS: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:earlier today|today|tonight|yesterday|this (?:morning|afternoon|evening)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\s+")
        .expect("valid regex")
});

/// Texts [`in_text`] keeps the answers for, at most, per document.
const KEPT_ANSWERS: usize = 512;

thread_local! {
    /// [`in_text`]'s answers for the document this thread is parsing, by text. The loader
    /// asks about the same sentences from several places (which is the lead, which contacts
    /// follow it, what the lead reports): parsing 4,750 generated readouts asked 86k times
    /// about 47k texts.
    static ANSWERS: RefCell<FxHashMap<Box<str>, Option<EventType>>> =
        RefCell::new(FxHashMap::default());
}

/// Forgets the answers kept for the last document: called as each document's parse begins,
/// so that they never outlive it (they would be as right for the next; they would only take
/// memory).
pub fn begin_document() {
    ANSWERS.with_borrow_mut(|answers| answers.clear());
}

/// The event type a text names, if any: [`find_in_text`], answered once per text.
fn in_text(text: &str) -> Option<EventType> {
    if let Some(answer) = ANSWERS.with_borrow(|answers| answers.get(text).copied()) {
        return answer;
    }
    let answer = find_in_text(text);
    ANSWERS.with_borrow_mut(|answers| {
        if answers.len() < KEPT_ANSWERS {
            answers.insert(text.into(), answer);
        }
    });
    answer
}

/// Words one of which every match of [`TIME_WORDS`] holds ("today" and the weekdays hold
/// "day"), in ASCII lower case.
static TIME_WORD_PARTS: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    LazyLock::new(|| ascii::finders(&["day", "tonight", "morning", "afternoon", "evening"]));

/// The text without its time words: most sentences have none, told by a byte search rather
/// than the case-insensitive pattern (a text not ASCII is searched by the pattern regardless).
fn without_time_words(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() && !ascii::contains_any_ignore_case(text, &TIME_WORD_PARTS) {
        return std::borrow::Cow::Borrowed(text);
    }
    TIME_WORDS.replace_all(text, "")
}

/// The event type of the text's first contact phrase that is no plan (a medium's first).
fn find_in_text(text: &str) -> Option<EventType> {
    let text = without_time_words(text);
    let text = text.as_ref();
    // Whole-word occurrences of every phrase, left out when words before them make them a plan.
    let current = PHRASES
        .automaton
        .find_overlapping_iter(text)
        .filter(|m| word_edge(text, m.start()) && word_edge(text, m.end()))
        .filter(|m| !is_future(text, m.start()))
        .filter(|m| !is_called_but_no_call(text, m.start(), m.end()))
        .filter(|m| !is_called_on_to_urge(text, m.start(), m.end()))
        .filter(|m| !is_message_received(text, m.start(), m.end()))
        .filter(|m| {
            PHRASES.kinds[m.pattern().as_usize()] != EventType::Visit
                || !is_visit_as_frame(text, m.start())
        })
        .map(|m| (m.start(), m.pattern().as_usize()));
    let (mut medium, mut other): (Option<usize>, Option<(usize, usize)>) = (None, None);
    for (start, priority) in current {
        if is_medium(PHRASES.kinds[priority]) {
            medium = Some(medium.map_or(priority, |p| p.min(priority)));
        } else {
            other = Some(other.map_or((start, priority), |o| o.min((start, priority))));
        }
    }
    medium
        .or(other.map(|(_, priority)| priority))
        .map(|priority| PHRASES.kinds[priority])
        .or_else(|| held_talks_described(text))
}

/// Talks held with words between the verb and the talks ("Pakistan and Iran held
/// delegation-level talks", "the two leaders held a round of talks"), which no phrase of
/// `event_phrases.tsv` spells out; read only where no phrase is found. Not when the words deny
/// the talks ("held no talks"), join another clause ("held elections and later talks"), or the
/// talks are a plan.
fn held_talks_described(text: &str) -> Option<EventType> {
    static HELD: Pattern = Pattern::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:held|holds|hold|holding)\s+((?:[\p{L}’'-]+\s+){1,3}?)(?:talks|discussions|consultations)(?-u:\b)")
            .expect("valid regex")
    });
    let may_match = !text.is_ascii()
        || (ascii::contains_any_ignore_case(text, &HELD_VERBS)
            && ascii::contains_any_ignore_case(text, &HELD_NOUNS));
    if may_match {
        for c in HELD.captures_iter(text) {
            let (Some(whole), Some(between)) = (c.get(0), c.get(1)) else {
                continue;
            };
            const DENYING: [&str; 9] = [
                "no", "not", "never", "and", "or", "but", "then", "before", "after",
            ];
            let denied = between
                .as_str()
                .split_whitespace()
                .any(|w| DENYING.iter().any(|d| w.eq_ignore_ascii_case(d)));
            if !denied && !is_future(text, whole.start()) {
                return Some(EventType::Talks);
            }
        }
    }
    None
}

/// [`held_talks_described`]'s pattern needs a verb of these and a noun of those (ASCII lower
/// case): most texts lack one, and the pattern is not run.
static HELD_VERBS: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    LazyLock::new(|| ascii::finders(&["held", "hold"]));
static HELD_NOUNS: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    LazyLock::new(|| ascii::finders(&["talks", "discussions", "consultations"]));

/// Whether a visit phrase at `at` is the frame of the contact, not the contact: "wrapped up
/// her visit to Washington by meeting with ...", "during his visit to Japan, ... met", and with
/// words between ("During his official visit to Berlin, ... met", "who is on an official visit
/// to Mongolia, paid a courtesy call").
fn is_visit_as_frame(text: &str, at: usize) -> bool {
    const WORDS_BEFORE: usize = 5;
    let before = text[..at].trim_end();
    let words: Vec<&str> = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .take(WORDS_BEFORE)
        .collect();
    let is = |w: &str, of: &[&str]| of.iter().any(|o| w.eq_ignore_ascii_case(o));
    let last = words.first().copied().unwrap_or("");
    // words[i] is the i-th word back: "is on a visit", "was currently on his visit" ("has
    // arrived on a visit" is the visit itself).
    let on_a = (1..words.len().saturating_sub(1)).any(|i| {
        is(words[i], &["on"])
            && is(words[i - 1], &["a", "an", "his", "her", "their"])
            && is(
                words[i + 1],
                &["is", "was", "are", "were", "currently", "while"],
            )
    });
    // "received the President of Ghana on an official visit", "hosted President X on her
    // working visit": the guest's visit frames the meeting the verb before it reports.
    let on_guests_visit = (1..words.len())
        .any(|i| is(words[i], &["on"]) && is(words[i - 1], &["a", "an", "his", "her", "their"]))
        && hosts_before(&text[..at]);
    is(last, &["her", "his", "their", "its", "during"])
        || words.iter().any(|w| is(w, &["during"]))
        || on_a
        || on_guests_visit
        || is_where_after(&text[at..])
}

/// Whether a text names a host's meeting verb ("received", "hosted", "welcomed").
fn hosts_before(text: &str) -> bool {
    const HOSTING: [&str; 6] = [
        "received", "receives", "hosted", "hosts", "welcomed", "welcomes",
    ];
    HOSTING
        .iter()
        .any(|h| ascii::contains_phrase_ignore_case(text, h))
}

/// "visited Germany, where he met with his counterpart": the contact the visit was for follows
/// in the same sentence, after ", where". Being welcomed or received there is the visit's own
/// ceremony ("paid an official visit to Japan, where he was welcomed by the Prime Minister").
fn is_where_after(text: &str) -> bool {
    const CEREMONY: [&str; 5] = [
        "welcomed",
        "welcomes",
        "was welcomed",
        "received",
        "receives",
    ];
    let sentence = text.split(['.', ';']).next().unwrap_or(text);
    sentence.find(", where ").is_some_and(|at| {
        let rest = &sentence[at + 8..];
        PHRASES.automaton.find_overlapping_iter(rest).any(|m| {
            let phrase = &rest[m.start()..m.end()];
            word_edge(rest, m.start())
                && word_edge(rest, m.end())
                && PHRASES.kinds[m.pattern().as_usize()] != EventType::Visit
                && !CEREMONY.iter().any(|c| phrase.eq_ignore_ascii_case(c))
        })
    })
}

/// Whether the phrase at `start..end` is "called" describing or urging, not a call ("called
/// the meeting sincere", "called for calm"): the words after it (`not_a_call_after_called.txt`).
fn is_called_but_no_call(text: &str, start: usize, end: usize) -> bool {
    text.get(start..end)
        .is_some_and(|phrase| phrase.eq_ignore_ascii_case("called"))
        && called_describes_or_urges(&text[end..])
}

/// Whether the phrase at `start..end` is "called on" urging ("called on all parties to show
/// restraint"), not a courtesy call ("called on the Prime Minister at Parliament House"): a
/// "to" within a few words after it, before any comma or full stop.
fn is_called_on_to_urge(text: &str, start: usize, end: usize) -> bool {
    const WORDS_AFTER: usize = 8;
    text.get(start..end)
        .is_some_and(|phrase| phrase.eq_ignore_ascii_case("called on"))
        && text[end..]
            .split([',', '.', ';'])
            .next()
            .is_some_and(|clause| {
                clause
                    .split_whitespace()
                    .take(WORDS_AFTER)
                    .any(|w| w == "to")
            })
}

/// Whether the phrase at `start..end` is "received" a message, not a visitor ("received a
/// cable from", "received Tuesday a congratulatory message from"): a noun of
/// `received_things.txt` after it and at most three lower-case words or weekdays. The message's own phrase then decides.
fn is_message_received(text: &str, start: usize, end: usize) -> bool {
    const WORDS_BETWEEN: usize = 3;
    let is_received = text.get(start..end).is_some_and(|phrase| {
        phrase.eq_ignore_ascii_case("received") || phrase.eq_ignore_ascii_case("receives")
    });
    if !is_received {
        return false;
    }
    let words = text[end..]
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ';', ':']))
        .take(WORDS_BETWEEN + 1);
    for word in words {
        if crate::data::RECEIVED_THINGS
            .iter()
            .any(|t| t.eq_ignore_ascii_case(word))
        {
            return true;
        }
        let weekday = super::date::weekday_number(&word.to_lowercase()).is_some();
        if !weekday && !word.starts_with(|c: char| c.is_lowercase()) {
            return false;
        }
    }
    false
}

/// Whether the text after a "called" starts with words that make it no call.
pub fn called_describes_or_urges(after: &str) -> bool {
    let after = after.trim_start();
    crate::data::NOT_A_CALL_AFTER_CALLED.iter().any(|words| {
        after
            .get(..words.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(words))
            && !after[words.len()..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// Whether the words just before `at` announce a future contact. Only the last few words
/// matter, so only a short window is searched (with the text before it as context).
fn is_future(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(160);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    FUTURE.is_match_at(&text[..at], from)
}

/// Whether the document is a transcript, briefing, announcement or analysis rather than a
/// readout of a contact: its title or first paragraph starts like one, its title names one
/// anywhere ("remarks and answers to media questions"), its lead reports a contact only as a
/// plan ("will meet"), or its body is a transcript of speakers ("PRESIDENT BUSH: ...").
pub fn is_not_readout(title: &str, lead: &str, paragraphs: &[String]) -> bool {
    let starts = |text: &str| {
        // Lower-casing never makes fewer characters: a marker of N characters can only match
        // the lower case of the text's first N (one more keeps a final sigma's context).
        let head: String = text
            .trim_start()
            .chars()
            .take(NOT_READOUT_LOWER.1 + 1)
            .collect();
        let lower = head.to_lowercase();
        NOT_READOUT_LOWER.0.iter().any(|m| lower.starts_with(m))
    };
    let first = paragraphs.first().map(String::as_str).unwrap_or("");
    starts(title)
        || starts(first)
        || title_names_non_readout(title)
        || announces_only(lead)
        || is_transcript(paragraphs)
        || opens_a_speech(paragraphs)
}

/// A speech: one of the first paragraphs is its salutation, short, ending in a colon or a comma
/// ("Mr. Chairman, Distinguished Ministers, Ladies and Gentlemen:", `speech_salutations.txt`).
fn opens_a_speech(paragraphs: &[String]) -> bool {
    const FIRST_PARAGRAPHS: usize = 8;
    const SALUTATION_LEN: usize = 300;
    paragraphs.iter().take(FIRST_PARAGRAPHS).any(|p| {
        let p = p.trim();
        p.len() <= SALUTATION_LEN
            && p.ends_with([':', ','])
            && crate::data::SPEECH_SALUTATIONS
                .iter()
                .any(|s| super::ascii::contains_phrase_ignore_case(p, s))
    })
}

/// A title phrase of `not_readout_title.txt`, as whole words in any case.
fn title_names_non_readout(title: &str) -> bool {
    static PHRASES: LazyLock<AhoCorasick> =
        LazyLock::new(|| phrases(&crate::data::NOT_READOUT_TITLE));
    has_phrase(&PHRASES, title)
}

/// Whether a lead with several counterparts reports a contact with each of them
/// (`separate_contacts.txt`: "separately", "a series of telephone conversations").
pub fn reports_separate_contacts(lead: &str) -> bool {
    static PHRASES: LazyLock<AhoCorasick> =
        LazyLock::new(|| phrases(&crate::data::SEPARATE_CONTACTS));
    has_phrase(&PHRASES, lead)
}

/// Whether a lead says its subject received calls from several others: "received telephone
/// calls from A; B; and C".
pub fn calls_received(lead: &str) -> bool {
    static RECEIVED_CALLS: Pattern = Pattern::new(|| {
        Regex::new(r"(?i)(?-u:\b)received\s+(?:\w+\s+){0,3}?(?:telephone\s+|phone\s+)?calls\s+(?:\w+\s+){0,4}?from(?-u:\b)")
            .expect("valid regex")
    });
    RECEIVED_CALLS.is_match(lead)
}

/// An automaton of phrases to find in any ASCII case.
fn phrases(list: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(list)
        .expect("phrases build an automaton")
}

/// Whether one of the automaton's phrases is in `text` as whole words.
fn has_phrase(phrases: &AhoCorasick, text: &str) -> bool {
    phrases
        .find_overlapping_iter(text)
        .any(|m| word_edge(text, m.start()) && word_edge(text, m.end()))
}

/// Whether a lead sentence announces a contact ("Prime Minister Rutte will meet President
/// Obama on Monday", "will this week conduct a State Visit") and reports none that happened.
pub fn announces_only(lead: &str) -> bool {
    static PLAN: Pattern = Pattern::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:will|shall|is to|are to|is due to|is scheduled to|are scheduled to|is set to|is expected to|are expected to|is likely to|are likely to)\s+(?:\w+\s+){0,3}?(?:meet|visit|hold|conduct|pay|travel|receive|host|attend|make|talk|speak|take\s+place)(?-u:\b)")
            .expect("valid regex")
    });
    static DONE: Pattern = Pattern::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:met|held|received|spoke|called|discussed|had|visited|signed|exchanged|telephoned|congratulated|talked|hosted|welcomed)(?-u:\b)")
            .expect("valid regex")
    });
    PLAN.is_match(lead) && !DONE.is_match(lead)
}

/// A transcript: several paragraphs open with a speaker's label in capitals ("PRESIDENT
/// BUSH:", "Q:", "PRIME MINISTER HARPER:").
fn is_transcript(paragraphs: &[String]) -> bool {
    let labelled = |p: &&String| {
        p.split_once(':').is_some_and(|(label, _)| {
            let label = label.trim();
            !label.is_empty()
                && label.chars().count() <= 40
                && label.chars().any(|c| c.is_alphabetic())
                && label
                    .chars()
                    .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-')
        })
    };
    paragraphs.iter().take(40).filter(labelled).count() >= 2
}

/// The markers of [`is_not_readout`] in lower case, and the most characters one has.
static NOT_READOUT_LOWER: LazyLock<(Vec<String>, usize)> = LazyLock::new(|| {
    let markers: Vec<String> = crate::data::NOT_READOUT
        .iter()
        .map(|m| m.to_lowercase())
        .collect();
    let longest = markers.iter().map(|m| m.chars().count()).max().unwrap_or(0);
    (markers, longest)
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_words_go_whatever_their_case_and_only_they() {
        for (text, kept) in [
            ("Xi met Biden today in Bali.", "Xi met Biden in Bali."),
            (
                "He held talks THIS MORNING with Li.",
                "He held talks with Li.",
            ),
            ("They spoke on Sunday evening.", "They spoke evening."),
            ("Earlier today  Putin called.", "Putin called."),
            ("The two sides held talks.", "The two sides held talks."),
            (
                "Today's talks were held on Sundays.",
                "Today's talks were held on Sundays.",
            ),
            // Not ASCII: the pattern itself decides ("ſ" is an "s" to its `(?i)`).
            ("They met on \u{17F}unday in Kyïv.", "They met in Kyïv."),
        ] {
            assert_eq!(without_time_words(text), kept, "{text}");
            assert_eq!(
                without_time_words(text),
                TIME_WORDS.replace_all(text, ""),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn time_words_go_as_the_pattern_says(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "today", "TODAY", "Earlier", "earlier", "this", "This", "morning", "Evening",
                    "on", "On", "Monday", "sunday", "\u{17F}unday", "days", "met", "talks", "Xi",
                    "tonight", "yesterday", "Yesterday's", "afternoon", ".", ",",
                ]),
                0..12,
            ),
            spaces in proptest::collection::vec(proptest::sample::select(vec![" ", "  ", "\n", ""]), 12),
        ) {
            let mut text = String::new();
            for (w, s) in words.iter().zip(&spaces) {
                text.push_str(w);
                text.push_str(s);
            }
            proptest::prop_assert_eq!(without_time_words(&text), TIME_WORDS.replace_all(&text, ""));
        }
    }

    #[test]
    fn answers_are_kept_for_one_document() {
        begin_document();
        let lead = "Xi Jinping held telephone talks today with President Macron.";
        assert_eq!(in_text(lead), Some(EventType::PhoneCall));
        assert_eq!(in_text("They will meet next week."), None);
        assert_eq!(ANSWERS.with_borrow(|a| a.len()), 2);
        assert_eq!(in_text(lead), find_in_text(lead));
        assert_eq!(ANSWERS.with_borrow(|a| a.len()), 2);
        begin_document();
        assert!(ANSWERS.with_borrow(|a| a.is_empty()));
    }

    #[test]
    fn talks_held_with_words_between_are_talks() {
        each_classified(
            Some(EventType::Talks),
            &[
                "Pakistan and Iran on Thursday held delegation-level talks in Islamabad.",
                "The two leaders held a round of talks in Lima.",
                "Chile and Peru held bilateral consultations.",
            ],
        );
        each_classified(
            None,
            &[
                "Chile and Peru held no talks this year.",
                "Chile and Peru will hold bilateral talks next month.",
                "Chile and Peru held elections and later talks followed.",
            ],
        );
    }

    #[test]
    fn called_that_describes_or_urges_is_no_call() {
        // The meeting it describes is the contact.
        let lead = "Minister Ana Soto called the meeting with Minister Luis Rojas in Lima sincere.";
        assert_eq!(classify("", lead), Some(EventType::Meeting));
        assert_eq!(
            classify(
                "",
                "Minister Ana Soto met Minister Luis Rojas. Soto called for calm."
            ),
            Some(EventType::Meeting)
        );
        assert_eq!(
            classify(
                "",
                "President Ana Soto called President Luis Rojas on Monday."
            ),
            Some(EventType::PhoneCall)
        );
        // "the" alone, or a word that only starts like a listed one, is still a call.
        assert!(!called_describes_or_urges(" the President of Peru"));
        assert!(!called_describes_or_urges(" formal leaders"));
        assert!(called_describes_or_urges(" upon both sides"));
    }

    #[test]
    fn phoned_and_on_the_phone_are_a_phone_call() {
        each_classified(
            Some(EventType::PhoneCall),
            &[
                "President Ana Soto phoned President Luis Rojas of Chile on Tuesday.",
                "King Omar and President Ana Soto exchanged views on the phone on Tuesday.",
            ],
        );
    }

    #[test]
    fn a_discussion_is_talks_and_a_summit_between_leaders_a_meeting() {
        assert_eq!(
            classify(
                "",
                "Foreign Minister Ana Soto on May 3 held her first discussion with Foreign Minister Luis Rojas."
            ),
            Some(EventType::Talks)
        );
        assert_eq!(
            classify(
                "",
                "A 90-minute summit between President Ana Soto and President Luis Rojas took place in Lima."
            ),
            Some(EventType::Meeting)
        );
    }

    #[test]
    fn the_title_s_medium_decides_over_the_lead_s_verb() {
        let lead = "Foreign Minister Ana Soto on May 3 held her first discussion with Foreign Minister Luis Rojas.";
        assert_eq!(
            classify("Soto holds phone call with Chilean counterpart", lead),
            Some(EventType::PhoneCall)
        );
        // A title of no medium leaves the lead's verb.
        assert_eq!(
            classify("Soto and Rojas meet in Lima", lead),
            Some(EventType::Talks)
        );
    }

    #[test]
    fn telephone_talks_are_a_phone_call() {
        assert_eq!(
            classify(
                "Xi Jinping Holds Telephone Talks with President Donald Trump of the US",
                ""
            ),
            Some(EventType::PhoneCall)
        );
    }

    #[test]
    fn meets_with_is_a_meeting() {
        assert_eq!(
            classify(
                "Xi Jinping Meets with US Secretary of State Rex Tillerson",
                "President Xi Jinping met at the Great Hall"
            ),
            Some(EventType::Meeting)
        );
    }

    #[test]
    fn has_spoken_with_is_a_call() {
        assert_eq!(
            classify(
                "",
                "The President said on Sunday he has spoken with the Prime Minister of Fiji."
            ),
            Some(EventType::PhoneCall)
        );
    }

    #[test]
    fn confers_with_is_a_meeting() {
        assert_eq!(
            classify(
                "Deputy Minister confers with the Ambassador of Chile",
                "The Deputy Minister reviewed trade and transport with the visiting envoy."
            ),
            Some(EventType::Meeting)
        );
    }

    #[test]
    fn video_link_beats_meeting() {
        assert_eq!(
            classify("", "The two leaders held a virtual meeting via video link."),
            Some(EventType::VideoCall)
        );
    }

    #[test]
    fn held_talks_are_talks() {
        assert_eq!(
            classify(
                "",
                "Premier Li Keqiang held talks with Chancellor Angela Merkel."
            ),
            Some(EventType::Talks)
        );
    }

    #[test]
    fn congratulatory_message() {
        assert_eq!(
            classify("Xi Jinping Sends Congratulatory Message to Moon Jae-in", ""),
            Some(EventType::Message)
        );
        assert_eq!(
            classify(
                "",
                "President Ana Soto felicitated her counterpart Luis Rojas on his re-election."
            ),
            Some(EventType::Message)
        );
    }

    #[test]
    fn an_audience_granted_is_a_meeting() {
        assert_eq!(
            classify(
                "",
                "The President granted an audience to the Minister at the Palace."
            ),
            Some(EventType::Meeting)
        );
    }

    #[test]
    fn a_guest_received_on_a_visit_is_a_meeting() {
        for lead in [
            "The President received the President of Ghana, Kofi Mensah, on an official visit to our country.",
            "President Ana Soto hosted Croatian President Luis Rojas on his working and informal visit to Ljubljana.",
        ] {
            assert_eq!(classify("", lead), Some(EventType::Meeting), "{lead}");
        }
        // Without a host's verb before it, the visit is the news.
        assert_eq!(
            classify(
                "",
                "President Luis Rojas has arrived on an official visit to Slovenia."
            ),
            Some(EventType::Visit)
        );
    }

    #[test]
    fn a_visit_where_a_contact_took_place_is_the_contacts_frame() {
        assert_eq!(
            classify(
                "",
                "Foreign Minister Ana Soto on Thursday visited Germany, where he met with his German counterpart."
            ),
            Some(EventType::Meeting)
        );
        assert_eq!(
            classify(
                "",
                "Foreign Minister Ana Soto visited Germany, where she opened an exhibition."
            ),
            Some(EventType::Visit)
        );
        assert_eq!(
            classify(
                "",
                "Premier Li Wei paid an official visit to Japan, where he was welcomed by Prime Minister Mette Soto."
            ),
            Some(EventType::Visit)
        );
    }

    #[test]
    fn a_message_received_is_a_message_and_a_visitor_received_a_meeting() {
        for lead in [
            "The Amir received on Tuesday a cable from the Secretary General of the OIC, congratulating him.",
            "The Amir received Tuesday a cable from the Secretary General of the OIC.",
            "President Ana Ruiz received a congratulatory message from President Li Wei.",
            "The King receives a written message from the President of Egypt.",
        ] {
            assert_eq!(classify("", lead), Some(EventType::Message), "{lead}");
        }
        for lead in [
            "The King received the Foreign Minister of Egypt, who delivered a message from the President.",
            "The President received Ambassador Ana Ruiz, who delivered a letter from her King.",
            // Envoys presenting themselves: the letters are their credentials.
            "The President received the letters of credence of three new ambassadors.",
            "Ambassador Ana Ruiz presented her credentials to the King on Monday.",
        ] {
            assert_eq!(classify("", lead), Some(EventType::Meeting), "{lead}");
        }
    }

    #[test]
    fn the_leads_verb_wins_over_the_title() {
        assert_eq!(
            classify(
                "Readout of President Biden's Meeting with Prime Minister Kishida",
                "President Biden held talks with Prime Minister Kishida."
            ),
            Some(EventType::Talks)
        );
    }

    #[test]
    fn announced_future_contacts_are_not_the_event() {
        assert_eq!(
            classify(
                "",
                "Prime Minister Modi spoke by phone with President Macron, who will visit India next month."
            ),
            Some(EventType::PhoneCall)
        );
        assert_eq!(
            classify(
                "",
                "The President looked forward to meeting the Chancellor in Berlin."
            ),
            None
        );
        assert_eq!(
            classify("", "President Erdoğan will visit Kazakhstan in May."),
            None
        );
    }

    #[test]
    fn a_time_word_inside_the_phrase() {
        assert_eq!(
            classify(
                "",
                "Prime Minister Narendra Modi held a meeting today with Emir Tamim bin Hamad Al Thani of Qatar."
            ),
            Some(EventType::Meeting)
        );
    }

    #[test]
    fn the_first_verb_is_the_main_one() {
        assert_eq!(
            classify(
                "",
                "Foreign Secretary David Cameron visited Japan and met Foreign Minister Yoko Kamikawa."
            ),
            Some(EventType::Visit)
        );
        assert_eq!(
            classify(
                "",
                "Premier Li met with President Lula, who is on a state visit to China."
            ),
            Some(EventType::Meeting)
        );
    }

    #[test]
    fn signings_and_telephone_talks() {
        assert_eq!(
            classify(
                "",
                "President Xi and President Tokayev witnessed the signing of agreements."
            ),
            Some(EventType::Signing)
        );
        assert_eq!(
            classify("Japan-France Summit Telephone Talk", ""),
            Some(EventType::PhoneCall)
        );
    }

    /// Each lead's event type is `kind`.
    fn each_classified(kind: Option<EventType>, leads: &[&str]) {
        for lead in leads {
            assert_eq!(classify("", lead), kind, "{lead}");
        }
    }

    fn paragraphs(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn transcripts_and_briefings_are_not_readouts() {
        assert!(is_not_readout(
            "Remarks by President Biden Before Meeting with Prime Minister Kishida",
            "",
            &[]
        ));
        assert!(is_not_readout(
            "Foreign Ministry Spokesperson's Regular Press Conference",
            "",
            &paragraphs(&["Q: What is your comment?"])
        ));
        assert!(!is_not_readout(
            "Readout of President Biden's Call",
            "President Biden spoke today.",
            &paragraphs(&["President Biden spoke today."])
        ));
    }

    #[test]
    fn a_title_naming_remarks_anywhere_is_not_a_readout() {
        assert!(is_not_readout(
            "Foreign Minister Ivan Petrov's remarks and answers to media questions following talks with Foreign Minister Aida Nur",
            "We had useful talks today.",
            &[]
        ));
        assert!(!is_not_readout(
            "Foreign Minister Ivan Petrov holds talks with Foreign Minister Aida Nur",
            "Ivan Petrov held talks with Aida Nur.",
            &[]
        ));
    }

    #[test]
    fn a_lead_that_only_plans_a_contact_is_an_announcement() {
        assert!(announces_only(
            "On Monday 2 June, Prime Minister Lars Holm will meet President Ana Silva in the city museum."
        ));
        assert!(announces_only(
            "President Tom Reed will this week conduct a State Visit to the Kingdom of Spain."
        ));
        assert!(!announces_only(
            "Prime Minister Lars Holm met President Ana Silva, who will visit Oslo next month."
        ));
        assert!(!announces_only("The ministers discussed trade."));
        assert!(announces_only(
            "The foreign ministers of Laos and Chile are likely to talk over telephone Tuesday, an official said."
        ));
    }

    #[test]
    fn a_speech_is_told_by_its_salutation() {
        let speech = paragraphs(&[
            "Minister of Foreign Affairs",
            "Mr. Chairman, Distinguished Heads of State and Government, Your Excellencies, Ladies and Gentlemen:",
            "First of all I would like to congratulate the Chair on her appointment.",
        ]);
        assert!(is_not_readout("Statement by the Minister", "", &speech));
        // A readout that quotes a greeting in a sentence is still one.
        let readout = paragraphs(&[
            "The President met the Prime Minister on Monday.",
            "He opened with \"Ladies and gentlemen, welcome\" and thanked the guests for coming to the palace.",
        ]);
        assert!(!is_not_readout(
            "President meets Prime Minister",
            "The President met the Prime Minister on Monday.",
            &readout
        ));
    }

    #[test]
    fn a_visit_framed_with_words_between_is_not_the_event() {
        each_classified(
            Some(EventType::Meeting),
            &[
                "During his official visit to Berlin, Foreign Minister Ivan Petrov met with his German counterpart.",
                "Minister Aida Nur, who is on an official visit to Mongolia, paid a courtesy call on the President.",
            ],
        );
        each_classified(
            Some(EventType::Visit),
            &[
                "President Ivan Petrov paid an official visit to Chile.",
                "Prime Minister Ivan Petrov has arrived on a visit to Chile, a correspondent reported.",
            ],
        );
    }

    #[test]
    fn called_on_is_a_courtesy_call_or_an_appeal_never_a_phone_call() {
        assert_eq!(
            classify(
                "",
                "President Ravi Dias called on Prime Minister John Hale at the Parliament House."
            ),
            Some(EventType::Meeting)
        );
        assert_eq!(
            classify("", "The minister called on all parties to show restraint."),
            None
        );
    }

    #[test]
    fn talks_held_in_the_passive() {
        each_classified(
            Some(EventType::Talks),
            &[
                "Bilateral talks was held by President Ivan Petrov with the President of Chile.",
                "Talks were held on Monday between the foreign ministers of Chile and Peru.",
            ],
        );
    }

    #[test]
    fn a_video_meeting_is_a_video_call() {
        each_classified(
            Some(EventType::VideoCall),
            &[
                "The Russian and American presidents held a video meeting on the 7th.",
                "The two leaders held video talks on Tuesday.",
            ],
        );
    }

    #[test]
    fn a_transcript_is_told_by_its_speakers_labels() {
        let t = paragraphs(&[
            "PRESIDENT HALE: Thank you all for coming.",
            "PRIME MINISTER OKAFOR: It is good to be here.",
            "Q: A question on trade.",
        ]);
        assert!(is_not_readout(
            "President Hale Meets with Prime Minister Okafor",
            "",
            &t
        ));
        let readout = paragraphs(&["The leaders met in Lagos.", "NOTE: times are local."]);
        assert!(!is_not_readout(
            "President Hale Meets with Prime Minister Okafor",
            "",
            &readout
        ));
    }

    #[test]
    fn unrelated_text_has_no_type() {
        assert_eq!(
            classify(
                "Foreign Ministry Spokesperson's Regular Press Conference",
                "Q: What is your comment?"
            ),
            None
        );
    }

    #[test]
    fn separate_contacts_are_told_by_their_phrases() {
        assert!(reports_separate_contacts(
            "received the ambassadors of Canada, Australia and Russia, separately."
        ));
        assert!(reports_separate_contacts(
            "held a series of telephone conversations with his counterparts from Iran and Iraq"
        ));
        assert!(!reports_separate_contacts(
            "met the foreign ministers of Turkey and Georgia in Tbilisi"
        ));
        // Whole words only.
        assert!(!reports_separate_contacts("the inseparately bound"));
    }

    #[test]
    fn a_visit_that_frames_the_contact_is_not_the_event() {
        assert_eq!(
            classify(
                "",
                "The Foreign Secretary wrapped up her visit to Washington today by meeting with \
                 the Secretary of State."
            ),
            Some(EventType::Meeting)
        );
        assert_eq!(
            classify("", "The President visited Japan and met the Emperor."),
            Some(EventType::Visit)
        );
    }

    #[test]
    fn discussions_are_talks() {
        each_classified(
            Some(EventType::Talks),
            &[
                "Prime Minister A held bilateral discussions with President B of Kenya.",
                "Prime Minister A held discussion with Foreign Minister B in his office today.",
            ],
        );
        assert_eq!(
            classify(
                "",
                "The Prime Minister received a courtesy call from the Ambassador."
            ),
            Some(EventType::Meeting)
        );
    }
}
