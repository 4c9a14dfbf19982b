//! Who speaks in a paragraph: "Xi Jinping pointed out that…", "As for the Syrian issue, Xi
//! Jinping pointed out…", "The two heads of state agreed…", "He said…".

use super::sentences::sentence_spans;
use crate::data::{PEOPLE, SPEECH_ADVERBS, SPEECH_VERBS};
use crate::loader::pattern::Pattern;
use crate::record::Participant;
use regex::Regex;
use std::sync::LazyLock;

static SPEECH: LazyLock<SpeechVerbs> =
    LazyLock::new(|| SpeechVerbs::new(&SPEECH_VERBS, &SPEECH_ADVERBS));

/// The speech verbs of a text ("said", "pointed out"), each with the white space and adverbs
/// before it ("Xi also said"): the spans the regex `\s+(?:(?:ADVERB)\s+)*(?:VERB)\b` finds.
///
/// That regex begins with white space, so the regex crate had no literal to look for and ran
/// its automaton over every byte of every paragraph (about 6% of parsing's CPU time in a
/// profile). The verbs are searched instead, a literal search, and the white space and adverbs
/// read back from each: 4,000 readouts in 14 ms instead of 21.
struct SpeechVerbs {
    /// The verbs, longest first (the regex's order of preference), each ending a word.
    verbs: Pattern,
    adverbs: Vec<String>,
}

impl SpeechVerbs {
    fn new(verbs: &[String], adverbs: &[String]) -> SpeechVerbs {
        let mut verbs: Vec<&String> = verbs.iter().collect();
        verbs.sort_by_key(|v| std::cmp::Reverse(v.len()));
        let verbs = verbs
            .iter()
            .map(|v| regex::escape(v))
            .collect::<Vec<_>>()
            .join("|");
        SpeechVerbs {
            verbs: Pattern::of(
                Regex::new(&format!(r"(?:{verbs})(?-u:\b)")).expect("valid speech regex"),
            ),
            adverbs: adverbs.to_vec(),
        }
    }

    /// Byte ranges of the matches, in order and not overlapping, as the regex finds them: each
    /// starts where the white space before its verb (and before the adverbs before that) starts.
    fn find_iter(&self, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        // The last match's end, where the next may start, and where to look for the next verb.
        let (mut from, mut at) = (0, 0);
        while let Some(verb) = self.verbs.find_at(text, at) {
            match self.lead_start(&text[from..verb.start()]) {
                Some(start) => {
                    found.push((from + start, verb.end()));
                    (from, at) = (verb.end(), verb.end());
                }
                // A verb inside a word ("unsaid"), or after a quote: look again from its next
                // character, where a shorter verb could still start.
                None => {
                    at = verb.start()
                        + text[verb.start()..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8)
                }
            }
        }
        found
    }

    /// Where the white space and adverbs that `before` ends with start: the earliest start
    /// from which the rest of `before` is `\s+(?:(?:ADVERB)\s+)*`. None when `before` does not
    /// end with white space.
    fn lead_start(&self, before: &str) -> Option<usize> {
        let spaced = |end: usize| {
            let start = before[..end].trim_end().len();
            (start < end).then_some(start)
        };
        let mut earliest = spaced(before.len())?;
        // Every way back over adverbs, since one adverb may end another ("once again").
        let mut todo = vec![earliest];
        while let Some(end) = todo.pop() {
            for adverb in &self.adverbs {
                if let Some(start) = before[..end]
                    .strip_suffix(adverb.as_str())
                    .and_then(|rest| spaced(rest.len()))
                {
                    earliest = earliest.min(start);
                    todo.push(start);
                }
            }
        }
        Some(earliest)
    }
}

const GROUP_PHRASES: [&str; 8] = [
    "the two heads of state",
    "both heads of state",
    "the two leaders",
    "both leaders",
    "the two presidents",
    "both presidents",
    "the two ministers",
    "both ministers",
];
const PRONOUNS: [&str; 2] = ["he", "she"];

/// How a participant can be referred to: full name, known aliases, family name.
fn forms(name: &str) -> Vec<String> {
    let mut forms = vec![name.to_string()];
    if let Some(p) = PEOPLE.iter().find(|p| p.name == name) {
        forms.extend(p.aliases.iter().cloned());
    } else if let Some(last) = name.split_whitespace().last().filter(|l| *l != name) {
        forms.push(last.trim_end_matches(',').to_string());
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms
}

/// Whether `prefix` ends with `word` as a whole word, in any case. Only the prefix's last
/// characters are looked at: prefixes are whole sentences, and this runs for every form.
fn ends_with_word(prefix: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    // An ASCII word against an ASCII tail: bytes compared, nothing decoded or lower-cased.
    let ascii_tail = prefix
        .len()
        .checked_sub(word.len())
        .filter(|&start| word.is_ascii() && prefix.as_bytes()[start..].is_ascii());
    let start = match ascii_tail {
        Some(start) if prefix.as_bytes()[start..].eq_ignore_ascii_case(word.as_bytes()) => start,
        Some(_) => return false,
        None => {
            let chars = word.chars().count();
            let Some((start, _)) = prefix.char_indices().rev().nth(chars - 1) else {
                return false;
            };
            let same = prefix[start..]
                .chars()
                .flat_map(char::to_lowercase)
                .eq(word.chars().flat_map(char::to_lowercase));
            if !same {
                return false;
            }
            start
        }
    };
    prefix[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Speakers of each paragraph, in order of appearance, named as the participants are.
pub fn speakers(paragraphs: &[String], participants: &[Participant]) -> Vec<Vec<String>> {
    let named: Vec<(&str, Vec<String>)> = participants
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(|n| (n, forms(n)))
        .collect();
    let principals: Vec<&str> = participants
        .iter()
        .filter(|p| p.role == crate::record::Role::Principal)
        .filter_map(|p| p.name.as_deref())
        .collect();
    let mut last_speaker: Option<String> = None;
    paragraphs
        .iter()
        .map(|paragraph| {
            let mut found: Vec<String> = Vec::new();
            let add = |name: &str, found: &mut Vec<String>| {
                if !found.iter().any(|f| f == name) {
                    found.push(name.to_string());
                }
            };
            for prefix in speech_prefixes(&SPEECH, paragraph) {
                let prefix = prefix.trim_end();
                let prefix = prefix.strip_suffix("'s").unwrap_or(prefix);
                if let Some((name, _)) = named
                    .iter()
                    .find(|(_, fs)| fs.iter().any(|f| ends_with_word(prefix, f)))
                {
                    add(name, &mut found);
                    last_speaker = Some(name.to_string());
                } else if GROUP_PHRASES.iter().any(|g| ends_with_word(prefix, g)) {
                    for p in &principals {
                        add(p, &mut found);
                    }
                } else if PRONOUNS.iter().any(|p| ends_with_word(prefix, p))
                    && let Some(last) = &last_speaker
                {
                    add(last, &mut found);
                }
            }
            found
        })
        .collect()
}

/// What comes before each speech verb of a paragraph, from the start of the verb's sentence,
/// in order.
///
/// The verbs are searched in the whole paragraph at once (one search instead of one per
/// sentence), and the paragraph is split into sentences only when it has one. This finds what
/// a search of each sentence finds: nothing before or after a match looks outside it, and a
/// match lies inside one sentence, since a sentence starts with a capital, a digit or a quote
/// and a verb with a small letter. Should a match still cross a sentence's edge (a verb added
/// to the data with a capital), the paragraph is searched sentence by sentence.
fn speech_prefixes<'p>(speech: &SpeechVerbs, paragraph: &'p str) -> Vec<&'p str> {
    let verbs = speech.find_iter(paragraph);
    if verbs.is_empty() {
        return Vec::new();
    }
    let spans = sentence_spans(paragraph);
    let starts: Option<Vec<usize>> = verbs
        .iter()
        .map(|&(start, end)| {
            spans
                .iter()
                .find(|&&(s, e)| s <= start && end <= e)
                .map(|&(s, _)| s)
        })
        .collect();
    match starts {
        Some(starts) => verbs
            .iter()
            .zip(starts)
            .map(|(&(start, _), s)| &paragraph[s..start])
            .collect(),
        None => spans
            .iter()
            .flat_map(|&(s, e)| {
                let sentence = &paragraph[s..e];
                speech
                    .find_iter(sentence)
                    .into_iter()
                    .map(move |(start, _)| &sentence[..start])
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Role;

    /// What the search sentence by sentence finds, as `speech_prefixes` should.
    fn prefixes_by_sentence<'p>(speech: &SpeechVerbs, paragraph: &'p str) -> Vec<&'p str> {
        crate::loader::sentences::sentences(paragraph)
            .into_iter()
            .flat_map(|s| {
                speech
                    .find_iter(s)
                    .into_iter()
                    .map(move |(start, _)| &s[..start])
            })
            .collect()
    }

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    /// The regex `SpeechVerbs` stands for, searched as a regex.
    fn speech_regex(verbs: &[String], adverbs: &[String]) -> Regex {
        let mut verbs: Vec<&String> = verbs.iter().collect();
        verbs.sort_by_key(|v| std::cmp::Reverse(v.len()));
        let alternatives = |words: &[&String]| {
            words
                .iter()
                .map(|w| regex::escape(w))
                .collect::<Vec<_>>()
                .join("|")
        };
        let adverbs: Vec<&String> = adverbs.iter().collect();
        Regex::new(&format!(
            r"\s+(?:(?:{})\s+)*(?:{})(?-u:\b)",
            alternatives(&adverbs),
            alternatives(&verbs)
        ))
        .unwrap()
    }

    #[test]
    fn speech_verbs_are_found_with_the_white_space_and_adverbs_before_them() {
        let text = "Xi Jinping also  said it; Putin once again stressed,\u{a0}had noted \
                    that the unsaid was said.";
        let found: Vec<&str> = SPEECH
            .find_iter(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            found,
            [
                " also  said",
                " once again stressed",
                "\u{a0}had noted",
                " said"
            ]
        );
        let regex = speech_regex(&SPEECH_VERBS, &SPEECH_ADVERBS);
        let by_regex: Vec<&str> = regex.find_iter(text).map(|m| m.as_str()).collect();
        assert_eq!(found, by_regex);
    }

    #[test]
    fn no_speech_adverb_is_a_speech_verb() {
        // A word both would let a verb stand inside another match's adverbs, where reading
        // back from each verb would not find what the regex finds.
        for verb in SPEECH_VERBS.iter() {
            assert!(!SPEECH_ADVERBS.contains(verb), "{verb}");
        }
    }

    #[test]
    fn prefixes_run_from_the_start_of_the_verbs_sentence() {
        let paragraph = "Xi Jinping pointed out that the two sides agreed. As for the Syrian issue, \
                         Mr. Putin said that talks should go on. He also stressed unity.";
        assert_eq!(
            speech_prefixes(&SPEECH, paragraph),
            [
                "Xi Jinping",
                "Xi Jinping pointed out that the two sides",
                "As for the Syrian issue, Mr. Putin",
                "He"
            ]
        );
        assert_eq!(
            speech_prefixes(&SPEECH, paragraph),
            prefixes_by_sentence(&SPEECH, paragraph)
        );
        assert!(speech_prefixes(&SPEECH, "The talks were held in Beijing.").is_empty());
    }

    #[test]
    fn a_verb_that_would_cross_a_sentence_edge_is_found_sentence_by_sentence() {
        // A capitalised verb in the data would let a match start in the space between two
        // sentences: the sentences are then searched one by one.
        let speech = SpeechVerbs::new(&strings(&["Said", "said"]), &strings(&["also"]));
        let paragraph = "Xi spoke. Said he would also said it again. Biden said yes.";
        assert_eq!(
            speech_prefixes(&speech, paragraph),
            ["Said he would", "Biden"]
        );
        assert_eq!(
            speech_prefixes(&speech, paragraph),
            prefixes_by_sentence(&speech, paragraph)
        );
    }

    proptest::proptest! {
        #[test]
        fn prefixes_are_those_of_a_search_by_sentence(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Xi", "Mr.", "U.S.", "said", "Said", "also", "stressed", "he", "He", "the",
                    "talks.", "go!", "on?", "\"We", "(and", "3", "said.", "noted", "\u{201C}Yes",
                ]),
                0..30,
            ),
            spaces in proptest::collection::vec(proptest::sample::select(vec![" ", "  ", "\n"]), 30),
        ) {
            let mut paragraph = String::new();
            for (w, s) in words.iter().zip(&spaces) {
                paragraph.push_str(w);
                paragraph.push_str(s);
            }
            let capitalised =
                SpeechVerbs::new(&strings(&["Said", "said", "stressed"]), &strings(&["also"]));
            for speech in [&*SPEECH, &capitalised] {
                proptest::prop_assert_eq!(
                    speech_prefixes(speech, &paragraph),
                    prefixes_by_sentence(speech, &paragraph),
                    "{:?}", paragraph
                );
            }
        }

        #[test]
        fn speech_verbs_are_what_the_regex_finds(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Xi", "said", "Said", "unsaid", "said.", "also", "once", "again", "once again",
                    "had", "have", "pointed", "out", "pointed out", "called", "on", "notes",
                    "noted", "\"stressed", "stressed\u{2019}", "further", "thanked", "é", "the",
                ]),
                0..30,
            ),
            spaces in proptest::collection::vec(
                proptest::sample::select(vec![" ", "  ", "\n", "", "\u{a0}", "\u{2003}", ", "]),
                30,
            ),
        ) {
            let mut text = String::new();
            for (w, s) in words.iter().zip(&spaces) {
                text.push_str(w);
                text.push_str(s);
            }
            let regex = speech_regex(&SPEECH_VERBS, &SPEECH_ADVERBS);
            let by_regex: Vec<(usize, usize)> =
                regex.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(SPEECH.find_iter(&text), by_regex, "{:?}", text);
            // Adverbs that end one another, and a verb made of adverbs' words.
            let (verbs, adverbs) = (
                strings(&["said", "out", "pointed out"]),
                strings(&["again", "once again", "once", "further", "had", "have"]),
            );
            let regex = speech_regex(&verbs, &adverbs);
            let by_regex: Vec<(usize, usize)> =
                regex.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(
                SpeechVerbs::new(&verbs, &adverbs).find_iter(&text),
                by_regex,
                "{:?}",
                text
            );
        }
    }

    #[test]
    fn a_form_ends_the_prefix_as_a_whole_word_in_any_case() {
        assert!(ends_with_word(
            "As for the Syrian issue, XI JINPING",
            "Xi Jinping"
        ));
        assert!(ends_with_word("Erdoğan", "erdoğan"));
        assert!(!ends_with_word("President TaXi Jinping", "Xi Jinping"));
        assert!(!ends_with_word("Jinping", "Xi Jinping"));
        // The Kelvin sign lower-cases to an ASCII "k": a tail that is not ASCII is decoded.
        assert!(ends_with_word("Minister \u{212A}err", "kerr"));
        assert!(ends_with_word("Minister Kerr", "\u{212A}ERR"));
        assert!(!ends_with_word("Minister Okerr", "kerr"));
        assert!(!ends_with_word("err", "kerr"));
    }

    fn people() -> Vec<Participant> {
        ["Xi Jinping", "Donald Trump"]
            .into_iter()
            .map(|n| Participant {
                name: Some(n.into()),
                as_written: None,
                inferred_name: None,
                title: None,
                country: None,
                role: Role::Principal,
            })
            .collect()
    }

    fn run(paragraphs: &[&str]) -> Vec<Vec<String>> {
        let p: Vec<String> = paragraphs.iter().map(|s| s.to_string()).collect();
        speakers(&p, &people())
    }

    #[test]
    fn name_then_speech_verb() {
        assert_eq!(
            run(&[
                "Xi Jinping pointed out that at present, the development of China-US relations faces important opportunities."
            ]),
            [["Xi Jinping"]]
        );
    }

    #[test]
    fn speaker_after_an_introductory_phrase() {
        assert_eq!(
            run(&[
                "As for the Syrian Issue, Xi Jinping pointed out that any use of chemical weapons is unacceptable."
            ]),
            [["Xi Jinping"]]
        );
    }

    #[test]
    fn two_heads_of_state_are_both_principals() {
        assert_eq!(
            run(&[
                "The two heads of state agreed to maintain close contacts through various channels."
            ]),
            [["Xi Jinping", "Donald Trump"]]
        );
    }

    #[test]
    fn pronoun_refers_to_the_last_speaker() {
        assert_eq!(
            run(&[
                "Donald Trump expressed that he was very pleased.",
                "He agreed that the US and China should cooperate."
            ]),
            [["Donald Trump"], ["Donald Trump"]]
        );
    }

    #[test]
    fn family_name_and_order_of_appearance() {
        assert_eq!(
            run(&["Trump said the talks went well. Xi stressed the importance of dialogue."]),
            [["Donald Trump", "Xi Jinping"]]
        );
    }

    #[test]
    fn a_person_merely_mentioned_is_not_a_speaker() {
        assert_eq!(
            run(&["The two heads of state exchanged views on the Korean Peninsula situation."]),
            [Vec::<String>::new()]
        );
        assert_eq!(
            run(&[
                "I have maintained sound communications with President Donald Trump through telephone calls."
            ]),
            [Vec::<String>::new()]
        );
    }
}
