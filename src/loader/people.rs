//! Mentions of people: "Chinese President Xi Jinping", "Secretary of State Rex Tillerson of
//! the US", "Mr. Shinzo Abe, Prime Minister of Japan", or a known name on its own.

use super::captures::{self, Groups};
use crate::data::{self, COUNTRIES, HONORIFICS, NAME_STOPS, PEOPLE, TITLES, office_holders};
use crate::loader::pattern::Pattern;
use regex::Regex;
use std::sync::LazyLock;

/// One person mentioned in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub name: String,
    /// The name as the text spells it (fullest form, no title); empty when unnamed.
    pub as_written: String,
    pub title: Option<String>,
    /// ISO code of the person's country, when the text or the people table tells it.
    pub country: Option<String>,
}

/// A regex built from the data tables' long alternations. Its lazy DFA gets a larger cache
/// than the default, which such patterns otherwise overflow and rebuild on every few lines.
fn big_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(64 << 20)
        .size_limit(64 << 20)
        .build()
}

/// A regex as large as [`big_regex`]'s that runs on a lead sentence only, about once a file:
/// its lazy DFA keeps the default small cache, since a 64 MiB cache per pattern and parsing
/// thread is memory a full index pays for and these patterns do not need.
fn lead_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .size_limit(64 << 20)
        .build()
}

/// Phrases as one regex alternation, each escaped, any run of spaces between its words.
pub fn spaced_alternation(phrases: &[String]) -> String {
    phrases
        .iter()
        .map(|p| {
            p.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// An alternation of whole words or phrases: each is bounded by an ASCII word boundary on a
/// side where it starts or ends with an ASCII word character. The loader's regexes use only
/// ASCII boundaries, because a Unicode `\b` makes the regex crate's fast engine give up on any
/// text with a non-ASCII character; an accented edge ("Stéphane Séjourné") gets no boundary.
///
/// The phrases are grouped by which sides get a boundary, and each group is an alternation of
/// plain literals inside its boundaries: the regex crate compiles such an alternation to a
/// trie, where a boundary on each phrase made thousands of branches that the capture step
/// tried one by one. Longer phrases come first within a group.
fn bounded_alternation<'a>(phrases: impl Iterator<Item = &'a String>) -> String {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let mut v: Vec<&String> = phrases.collect();
    v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    v.dedup();
    let mut groups: Vec<String> = Vec::new();
    for (start, end) in [(true, true), (true, false), (false, true), (false, false)] {
        let literals: Vec<String> = v
            .iter()
            .filter(|p| word(p.chars().next()) == start && word(p.chars().last()) == end)
            .map(|p| regex::escape(p))
            .collect();
        if literals.is_empty() {
            continue;
        }
        let boundary = |b: bool| if b { r"(?-u:\b)" } else { "" };
        groups.push(format!(
            "{}(?:{}){}",
            boundary(start),
            literals.join("|"),
            boundary(end)
        ));
    }
    groups.join("|")
}

/// A word of a name: "Xi", "Al-Sabah", "al-Maliki", "E.D.", "Ts.Elbegdorj" (an initial glued to the
/// name, as Mongolian texts write it), "R.", and a nickname in quotes ("Joko “Jokowi” Widodo"),
/// which [`clean_name`] leaves out.
const NAME_TOKEN: &str = r#"(?:[“"]\p{Lu}[\p{L}\p{M}'’\-]*[”"]|(?:\p{Lu}\.){2,3}|\p{Lu}\p{Ll}?\.\p{Lu}\p{Ll}[\p{L}\p{M}'’\-]*|\p{Lu}[\p{L}\p{M}'’\-]*\.?|\p{Ll}{1,3}-\p{Lu}[\p{L}\p{M}'’\-]*)"#;
/// The words that join a name's parts, as one alternation (`name_particles.tsv`).
static NAME_PARTICLE: LazyLock<String> = LazyLock::new(|| {
    let spellings: Vec<String> = data::NAME_PARTICLES
        .iter()
        .map(|p| regex::escape(&p.spelling))
        .collect();
    format!("(?:{})", spellings.join("|"))
});

/// Up to four words: "Joseph R. Biden", "Lee Hsien Loong". Each word more multiplies the states
/// of every mention pattern (six words in all of them made `check` of 10k readouts use 35 MiB
/// more and run markedly slower).
fn name_pattern() -> String {
    name_of_words(3)
}

/// Up to six words, for the patterns that read a lead sentence only: Arabic name chains run
/// long ("Abdullah bin Mohammed bin Ibrahim Al-Asheikh", "Nawaf Al-Ahmad Al-Jaber Al-Sabah").
fn long_name_pattern() -> String {
    name_of_words(5)
}

fn name_of_words(more: usize) -> String {
    let particle = &*NAME_PARTICLE;
    format!(r"{NAME_TOKEN}(?:\s+(?:{particle}\s+)?{NAME_TOKEN}){{0,{more}}}(?:,?\s+Jr\.)?")
}

fn country_names() -> String {
    bounded_alternation(COUNTRIES.iter().flat_map(|c| c.names.iter()))
}

/// Countries' names and international organisations' (`organizations.txt`), for the body an
/// official's title names ("Secretary General of the Arab League").
fn country_or_organization_names() -> String {
    bounded_alternation(
        COUNTRIES
            .iter()
            .flat_map(|c| c.names.iter())
            .chain(data::ORGANIZATIONS.iter()),
    )
}

/// Capitals, where an envoy is posted: "the Ambassador of Norway to Kabul Ola Berg".
fn capital_names() -> String {
    bounded_alternation(data::CAPITALS.iter().map(|(city, _)| city))
}

fn country_words() -> String {
    bounded_alternation(
        COUNTRIES
            .iter()
            .flat_map(|c| c.names.iter().chain(singular_adjectives(c))),
    )
}

/// A country's adjectives without the plural demonyms ("Latvians", "Saudis"): a plural never
/// stands before a title or in a list of counterparts, and each word costs every mention
/// pattern states.
fn singular_adjectives(c: &data::Country) -> impl Iterator<Item = &String> {
    c.adjectives.iter().filter(|a| {
        !a.strip_suffix('s')
            .is_some_and(|singular| c.adjectives.iter().any(|b| b == singular))
    })
}

/// A title, or several joined by "and" ("State Councilor and Foreign Minister", "the Deputy
/// Prime Minister and the Minister of Foreign Affairs").
fn titles_pattern() -> String {
    let title = bounded_alternation(TITLES.iter());
    format!(r"(?:{title})(?:(?:\s+and(?:\s+the)?|\s*,)\s+(?:{title}))*")
}

/// "US Secretary of State Rex Tillerson", "President Donald Trump of the United States (US)",
/// "President of France Emmanuel Macron", "Ambassador of the Republic of Sudan in Iraq, Mr. ...",
/// "Charge d'Affaires of the Embassy of Pakistan in Abuja, Nigeria, Aamir Abbasi",
/// "United States Ambassador to Malaysia Jane Doe". A country word before the title ("US", "Chinese") is
/// looked up before the match ([`country_word_before`]), not matched by the pattern: with every
/// country's names and adjectives at each position of the text, the pattern's lazy DFA kept
/// building states on every new readout.
static TITLED: Pattern = Pattern::new(|| {
    let hon = bounded_alternation(HONORIFICS.iter());
    big_regex(&format!(
        r"^(?:(?:{hon}),?\s+)*(?P<title>{title})(?:\s+for\s+(?:the\s+)?(?:{region})(?:(?:\s+|,\s+|\s+and\s+(?:the\s+)?)(?:{region}))*)?(?:\s+of\s+(?:the\s+)?(?:(?:{mission})\s+of\s+(?:the\s+)?)?(?P<titleof>{body})(?:\s*\([A-Z.]+\))?)?(?:\s+(?:in|to)\s+(?:the\s+)?(?:{of}|(?:{capital})(?:,\s+(?:{of}))?|our\s+country|(?:Kingdom|Sultanate|Emirates?|State|Republic)(?-u:\b)))?,?\s+(?:(?:{hon}),?\s+)*(?P<name>{name})(?:\s+of\s+(?:the\s+)?(?P<of>{of})(?:\s*\([A-Z.]+\))?)?",
        title = titles_pattern(),
        name = name_pattern(),
        of = country_names(),
        capital = capital_names(),
        mission = bounded_alternation(data::MISSION_WORDS.iter()),
        body = country_or_organization_names(),
        region = bounded_alternation(data::REGION_WORDS.iter()),
    ))
    .expect("valid mention regex")
});

/// "Mr. Shinzo Abe, Prime Minister of Japan"; without an honorific ("Jake Sullivan, Assistant to
/// the President for National Security Affairs") only for a known person.
static NAME_COMMA_TITLE: Pattern = Pattern::new(|| {
    big_regex(&format!(
        r"^(?P<hon>(?:(?:{hon}),?\s+)+)?(?P<name>{name}),\s+(?:(?P<given>{name}),\s+)?(?:the\s+)?(?:(?:new|newly[\s-]appointed|incoming|outgoing)\s+)?(?:(?P<adj>{adj})(?:'s|’s)?\s+)?(?P<title>{title})(?:\s+of\s+(?:the\s+)?(?P<of>{of}))?",
        hon = bounded_alternation(HONORIFICS.iter()),
        name = name_pattern(),
        adj = country_words(),
        title = titles_pattern(),
        of = country_names(),
    ))
    .expect("valid mention regex")
});

/// Where a title or an honorific begins in `text`, at an ASCII word boundary as the patterns
/// bound them: every place [`TITLED`] can match from, in order.
fn title_starts(text: &str) -> Vec<usize> {
    static STARTS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        // A DFA, which the crate builds on its own only up to 100 patterns: the overlapping
        // search of every lead takes about half the time of the NFA's, for 1 MB shared.
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(TITLES.iter().chain(HONORIFICS.iter()))
            .expect("titles and honorifics build an automaton")
    });
    phrase_starts(text, &STARTS)
}

/// Where an honorific begins: every place [`HONORED`] can match from.
fn honorific_starts(text: &str) -> Vec<usize> {
    static STARTS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(HONORIFICS.iter()).expect("honorifics build an automaton")
    });
    phrase_starts(text, &STARTS)
}

/// Where a verb of [`OBJECT`] begins: every place it can match from.
fn object_verb_starts(text: &str) -> Vec<usize> {
    static STARTS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(OBJECT_VERBS).expect("verbs build an automaton")
    });
    phrase_starts(text, &STARTS)
}

/// Where the automaton's phrases begin in `text`, at an ASCII word boundary when they start
/// with a word character, in order.
fn phrase_starts(text: &str, phrases: &aho_corasick::AhoCorasick) -> Vec<usize> {
    let bytes = text.as_bytes();
    let ascii_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut starts: Vec<usize> = phrases
        .find_overlapping_iter(text)
        .map(|m| m.start())
        .filter(|&at| at == 0 || !ascii_word(bytes[at]) || !ascii_word(bytes[at - 1]))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// Where a name or an honorific can begin in `text`: every capital letter, and a small letter
/// that starts a word ("al-Sisi"). Every place [`NAME_COMMA_TITLE`] can match from, in order.
fn name_starts(text: &str) -> Vec<usize> {
    let mut previous_letter = false;
    let mut starts = Vec::new();
    for (at, c) in text.char_indices() {
        let letter = c.is_alphabetic();
        if c.is_uppercase() || (letter && !previous_letter) {
            starts.push(at);
        }
        previous_letter = letter;
    }
    starts
}

/// Of [`name_starts`], those with a comma close enough after them for a name (and an honorific
/// before it) to end there: [`NAME_COMMA_TITLE`] needs one, and most starts have none.
fn name_comma_starts(text: &str) -> Vec<usize> {
    const NAME_REACH: usize = 120;
    let commas: Vec<usize> = memchr::memchr_iter(b',', text.as_bytes()).collect();
    name_starts(text)
        .into_iter()
        .filter(|&at| {
            let i = commas.partition_point(|&c| c < at);
            commas.get(i).is_some_and(|&c| c - at <= NAME_REACH)
        })
        .collect()
}

/// The matches of an anchored pattern tried at each of `starts` in turn, as an unanchored
/// search would find them: the first start that matches, then the first at or after its end.
fn matches_from<'t>(
    re: &'static Pattern,
    text: &'t str,
    starts: &[usize],
) -> Vec<Groups<'static, 't>> {
    let mut found = Vec::new();
    let mut from = 0;
    for &at in starts {
        if at < from {
            continue;
        }
        if let Some(c) = captures::captures_from(re, text, at) {
            from = c.whole().end.max(at + 1);
            found.push(c);
        }
    }
    found
}

/// Known people by full name, from the alias table and the table of office-holders
/// (single-word aliases are too ambiguous to find people by). Thousands of names: one
/// Aho-Corasick automaton finds them, where a regex alternation of them would build a DFA of
/// hundreds of thousands of states. Each match is the name as written and who it is.
struct KnownNames {
    automaton: aho_corasick::AhoCorasick,
    /// Per pattern: canonical name and country (None for an organisation's head).
    people: Vec<(String, Option<String>)>,
}

static KNOWN: LazyLock<KnownNames> = LazyLock::new(|| {
    let mut patterns: Vec<String> = Vec::new();
    let mut people: Vec<(String, Option<String>)> = Vec::new();
    let mut seen = rustc_hash::FxHashSet::default();
    let mut add = |written: &str, canonical: &str, country: Option<String>| {
        if written.contains(' ')
            && !starts_with_title_or_honorific(written)
            && seen.insert(written.to_string())
        {
            patterns.push(written.to_string());
            people.push((canonical.to_string(), country));
        }
    };
    for p in PEOPLE.iter() {
        for n in std::iter::once(&p.name).chain(p.aliases.iter()) {
            add(n, &p.name, p.country.clone());
        }
    }
    for t in office_holders::OFFICE_HOLDERS.iter() {
        // A person of the alias table keeps its canonical name and country there.
        let known = data::person_by_name(&t.name);
        let canonical = known.map_or(t.name.as_str(), |p| p.name.as_str());
        let country = known.map_or(t.country.clone(), |p| p.country.clone());
        for n in std::iter::once(&t.name).chain(t.aliases.iter()) {
            add(n, canonical, country.clone());
        }
    }
    let automaton = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("known names build an automaton");
    KnownNames { automaton, people }
});

/// Known people named in a text, as whole words.
fn known_names(
    text: &str,
) -> impl Iterator<Item = (usize, usize, &'static (String, Option<String>))> + '_ {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    KNOWN.automaton.find_iter(text).filter_map(move |m| {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        (!word(before) && !word(after))
            .then(|| (m.start(), m.end(), &KNOWN.people[m.pattern().as_usize()]))
    })
}

/// The canonical name and country of a known person, by any spelling the tables list.
pub fn known_person(name: &str) -> Option<(String, Option<String>)> {
    if let Some(p) = data::person_by_name(name) {
        return Some((p.name.clone(), p.country.clone()));
    }
    let terms = office_holders::terms_of(name);
    let first = terms.first()?;
    let country = office_holders::country_of(name, None)?.map(str::to_string);
    Some((first.name.clone(), country))
}

fn starts_with_title_or_honorific(name: &str) -> bool {
    TITLES.iter().chain(HONORIFICS.iter()).any(|t| {
        name.strip_prefix(t.as_str())
            .is_some_and(|rest| rest.starts_with(' '))
    })
}

/// All people mentioned in a sentence, in order of position.
pub fn find_mentions(text: &str) -> Vec<Mention> {
    let mut found: Vec<Mention> = Vec::new();
    let patterns = [
        (&TITLED, title_starts(text)),
        (&NAME_COMMA_TITLE, name_comma_starts(text)),
    ];
    for (re, starts) in patterns {
        for c in matches_from(re, text, &starts) {
            let whole = c.whole();
            let Some(mut name) = c.name("name").and_then(|m| clean_name(m.as_str())) else {
                continue;
            };
            let bare = std::ptr::eq(re, &NAME_COMMA_TITLE) && c.name("hon").is_none();
            // "H.E. Mr. Putin, Vladimir Vladimirovich, President of ...": family name, then given
            // names (Japan's ministry writes Russians so). Only after an honorific, which tells a
            // person from a list of names.
            if let Some(given) = c.name("given") {
                if bare {
                    continue;
                }
                name = format!("{} {name}", given.as_str().trim());
            }
            let mut known = known_person(&name);
            // "President Uzbekistan Shavkat Mirziyoyev": the country after the title, where
            // "of" was left out, is not part of the name.
            let mut country_in_name = None;
            if known.is_none()
                && let Some((country, person)) = split_leading_country(&name)
            {
                known = known_person(&person);
                country_in_name = Some(country);
                name = person;
            }
            // A name set off before an office is taken without an honorific only when the
            // office names its country ("Kenji Mori, Minister of Foreign Affairs of Japan",
            // "Ana Soto, Chile's Foreign Minister"), or when the person is known.
            let office_of_a_country = c.name("of").is_some() || c.name("adj").is_some();
            if bare && known.is_none() && !(office_of_a_country && plausible_bare_name(&name)) {
                continue;
            }
            // "the Saudi King, Bahraini King Hamad bin Isa": a country's adjective starts the
            // next person's mention, not this title's name.
            if known.is_none()
                && name
                    .split_whitespace()
                    .next()
                    .is_some_and(data::is_country_adjective)
            {
                continue;
            }
            // "Minister of Foreign Affairs, International Cooperation and Diaspora": the rest of
            // a title after its comma, not a person.
            // "Deputy Crown Prince, Second Deputy Premier": an office after an office's comma is
            // more of the first person's titles, not a name.
            // "Secretary of State for Northern Ireland": a country is no name either.
            if known.is_none()
                && (has_office_or_region_word(&name)
                    || TITLES.contains(&name)
                    || data::country_by_name_or_adjective(&name).is_some())
            {
                continue;
            }
            let before = if std::ptr::eq(re, &TITLED) {
                country_word_before(text, whole.start)
            } else {
                None
            };
            let explicit = c
                .name("of")
                .or(c.name("titleof"))
                .or(c.name("adj"))
                .and_then(|m| data::country_by_name_or_adjective(m.as_str()))
                .or(before.map(|(_, country)| country))
                .or(country_in_name)
                .or_else(|| country_in_title(c.name("title")?.as_str()))
                .map(|c| c.code.clone());
            let whole_start = before.map_or(whole.start, |(at, _)| at);
            let (start, mut title) = split_joined_title_after_the(text, whole_start, &c);
            // "President of the Republic of Indonesia Joko Widodo", "Joko Widodo, President of
            // the Republic of Indonesia": the republic is the country named after it, and the
            // office "President".
            if c.name("titleof").or(c.name("of")).is_some()
                && let Some(t) = title
                    .as_deref()
                    .and_then(|t| t.strip_suffix(" of the Republic"))
            {
                title = Some(t.to_string());
            }
            let mut end = whole.end;
            // "the Ambassador Designate of Spain, Juan Perez": the word after the title is
            // more of the title, and the person is the name after the country.
            if std::ptr::eq(re, &TITLED)
                && c.name("of").is_some()
                && known.is_none()
                && !name.contains([' ', '.'])
                && let Some((person, person_end)) = appositive_name(text, end)
            {
                title = title.map(|t| format!("{t} {name}"));
                name = person;
                end = person_end;
                known = known_person(&name);
            }
            let as_written = name.clone();
            let (name, known_country) = known.unwrap_or((name, None));
            let bracketed = country_in_brackets_after(text, end);
            found.push(Mention {
                start,
                end,
                as_written,
                name,
                title,
                country: explicit.or(known_country).or(bracketed),
            });
        }
    }
    for (start, end, (name, country)) in known_names(text) {
        found.push(Mention {
            start,
            end,
            name: name.clone(),
            as_written: text[start..end].to_string(),
            title: None,
            country: country.clone(),
        });
    }
    found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<Mention> = Vec::new();
    for m in found {
        if kept.last().is_none_or(|last| m.start >= last.end) {
            kept.push(m);
        }
    }
    kept
}

/// People a news report titles in lower case after their country ("Russian ambassador Ivan
/// Petrov", "the Chilean foreign minister Ana Soto"), which [`find_mentions`] leaves out: its
/// titles are capitalised, as readouts write them. For the few sentences a caller reads
/// again for a person it is missing, not for every sentence.
pub fn lower_case_titled(text: &str) -> Vec<Mention> {
    static LOWER: LazyLock<(aho_corasick::AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
        let titles: Vec<&'static str> = TITLES.iter().map(String::as_str).collect();
        let lower: Vec<String> = titles.iter().map(|t| t.to_lowercase()).collect();
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&lower)
            .expect("titles build an automaton");
        (automaton, titles)
    });
    static NAME_AFTER: Pattern = Pattern::new(|| {
        lead_regex(&format!(
            r"^\s+(?:(?:{hon}),?\s+)*(?P<name>{name})",
            hon = bounded_alternation(HONORIFICS.iter()),
            name = name_pattern(),
        ))
        .expect("valid name regex")
    });
    static COUNTRY_AFTER: Pattern = Pattern::new(|| {
        lead_regex(&format!(
            r"^\s+of\s+(?:the\s+)?(?P<of>{of})(?:\s+(?:to|in)\s+(?:the\s+)?(?:{of}|(?:{capital})))?",
            of = country_names(),
            capital = capital_names(),
        ))
        .expect("valid country regex")
    });
    let (automaton, titles) = &*LOWER;
    let mut out = Vec::new();
    for found in automaton.find_iter(text) {
        let bytes = text.as_bytes();
        let edge = |at: usize| bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric());
        if found.start() > 0 && !edge(found.start() - 1) || !edge(found.end()) {
            continue;
        }
        // The country before the title, or after it: "the first ambassador of Myanmar to
        // Bhutan, U Aung Khin Soe".
        let (start, country, title_end) = match country_word_before(text, found.start()) {
            Some((start, country)) => (start, country, found.end()),
            None => {
                let Some(c) = captures::captures_from(&COUNTRY_AFTER, text, found.end()) else {
                    continue;
                };
                let Some(country) = c.name("of").and_then(|m| data::country_by_name(m.as_str()))
                else {
                    continue;
                };
                (found.start(), country, c.whole().end)
            }
        };
        // "the Mongolian ambassador, Gonchig Ganbold, at his office": the name set off by commas.
        let (name, end) = if text[title_end..].starts_with(',') {
            let Some(found) = appositive_name(text, title_end) else {
                continue;
            };
            found
        } else {
            let Some(c) = captures::captures_from(&NAME_AFTER, text, title_end) else {
                continue;
            };
            let Some(m) = c.name("name") else { continue };
            let Some(name) = clean_name(m.as_str()) else {
                continue;
            };
            (name, m.end)
        };
        let (canonical, _) = known_person(&name).unwrap_or((name.clone(), None));
        out.push(Mention {
            start,
            end,
            name: canonical,
            as_written: name,
            title: Some(titles[found.pattern().as_usize()].to_string()),
            country: Some(country.code.clone()),
        });
    }
    out
}

/// People named after a comma at the end of their office, which may run long: "the Minister of
/// Foreign Affairs and Trade of the Republic of Ghana, Kofi Adjeman, received", "the Chilean
/// Prime Minister and Commander-in-Chief of the Armed Forces, Pavel Orlen", "the Chilean
/// ambassador to Ghana, Tobias Wrenfield, from whom". The office is the first title in the
/// words before the comma followed only by the words an office continues with (`is_office_rest`);
/// the person's country is the first the office names, not counting where an envoy is posted.
pub fn appositive_titled(text: &str) -> Vec<Mention> {
    const OFFICE_WINDOW: usize = 120;
    static TITLE_WORDS: LazyLock<(aho_corasick::AhoCorasick, Vec<&'static str>)> =
        LazyLock::new(|| {
            let titles: Vec<&'static str> = TITLES.iter().map(String::as_str).collect();
            // An NFA: it is searched over a short window before a comma only, and builds fast.
            let automaton = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(&titles)
                .expect("titles build an automaton");
            (automaton, titles)
        });
    let (automaton, titles) = &*TITLE_WORDS;
    let bytes = text.as_bytes();
    let edge = |at: usize| bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric());
    let mut out = Vec::new();
    for (comma, _) in text.match_indices(',') {
        let mut from = comma.saturating_sub(OFFICE_WINDOW);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        // The office's title: the first one in the window whose rest runs to the comma ("Prime
        // Minister and Foreign Minister, X" is a Prime Minister). Looked for first: most commas
        // follow no office, and the name's pattern costs more.
        let Some(found) = automaton.find_iter(&text[from..comma]).find(|f| {
            let (start, end) = (from + f.start(), from + f.end());
            (start == 0 || edge(start - 1)) && edge(end) && is_office_rest(&text[end..comma])
        }) else {
            continue;
        };
        // "Minister of Foreign Affairs, International Cooperation and Diaspora": the office
        // goes on.
        let Some((name, end)) =
            appositive_name(text, comma).filter(|(n, _)| !has_office_or_region_word(n))
        else {
            continue;
        };
        let (title_start, title_end) = (from + found.start(), from + found.end());
        let start = country_word_before(text, title_start).map_or(title_start, |(at, _)| at);
        let office = &text[start..comma];
        // "the Chilean ambassador to Ghana": Ghana is the posting, not the country.
        let own = office.find(" to ").map_or(office, |at| &office[..at]);
        let country = countries_named(own).into_iter().next();
        let rest = &text[title_end..comma];
        // "Prime Minister and Commander-in-Chief": a second office; "Minister of Foreign and
        // Expatriates Affairs": one.
        let second_office = rest.match_indices(" and ").map(|(at, _)| at).find(|&at| {
            let next = &rest[at + " and ".len()..];
            TITLES.iter().any(|t| next.starts_with(t.as_str()))
        });
        let rest_end = [" to ", " in "]
            .iter()
            .filter_map(|w| rest.find(w))
            .chain(second_office)
            .chain(
                // "of the Republic of Ghana" is the holder's country; "for Northern Ireland"
                // is the office's charge, and stays.
                countries_named_at(rest)
                    .first()
                    .map(|&(at, _)| rest[..at].trim_end_matches("the ").trim_end())
                    .and_then(|before| before.strip_suffix(" of"))
                    .map(str::len),
            )
            .min()
            .unwrap_or(rest.len());
        let title = format!(
            "{}{}",
            titles[found.pattern().as_usize()],
            &rest[..rest_end]
        );
        let (canonical, known_country) = known_person(&name).unwrap_or((name.clone(), None));
        out.push(Mention {
            start,
            end,
            name: canonical,
            as_written: name,
            title: Some(title.trim_end().to_string()),
            country: country.or(known_country),
        });
    }
    out
}

/// What a possessive adds to a word: "Japan's", "the United States'".
const POSSESSIVE_ENDINGS: [&str; 4] = ["'s", "’s", "'", "’"];

/// A word of a ministry's name ("Cooperation", "Diaspora") or of a region ("for Europe,
/// Central Asia and Africa"), which no person's name has.
fn has_office_or_region_word(name: &str) -> bool {
    name.split_whitespace().any(|w| {
        data::MINISTRY_WORDS
            .iter()
            .chain(data::REGION_WORDS.iter())
            .any(|m| m == w)
    })
}

/// The words that may follow a title up to its holder's comma: "of the Republic of Ghana",
/// "and Commander-in-Chief of the Armed Forces", "to Ghana". Joining words and capitalised
/// words only, a few of them: a lower-case word (a verb, "met") ends the office before.
fn is_office_rest(rest: &str) -> bool {
    const REST_WORDS: usize = 10;
    // "the Minister of Trade of Chile and the Ambassador of Peru, X": two people.
    if rest.contains(['.', ';', ':', '(', ')', ',', '"']) || rest.contains(" and the ") {
        return false;
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    // An office continues with a joining word: "Prime Minister Kofi Adjeman," is a name.
    words.len() <= REST_WORDS
        && words
            .first()
            .is_none_or(|w| matches!(*w, "of" | "for" | "and" | "to" | "in" | "&"))
        && words.iter().all(|w| {
            matches!(*w, "of" | "for" | "and" | "the" | "to" | "in" | "on" | "&")
                || w.starts_with(|c: char| c.is_uppercase())
        })
}

/// The name set off by a comma right after a mention's end (", Juan Perez;"), ending the
/// clause: where it ends, and the name.
fn appositive_name(text: &str, at: usize) -> Option<(String, usize)> {
    static APPOSITIVE: Pattern = Pattern::new(|| {
        lead_regex(&format!(
            r"^,\s+(?:(?:{hon}),?\s+)*(?P<name>{name})(?:\s*[;,.)]|\s+(?:and|at|in|on|during|from|who)\s|\s*$)",
            hon = bounded_alternation(HONORIFICS.iter()),
            name = name_pattern(),
        ))
        .expect("valid appositive regex")
    });
    let c = captures::captures_from(&APPOSITIVE, text, at)?;
    let m = c.name("name")?;
    let name = clean_name(m.as_str())?;
    (name.contains(' ') && plausible_bare_name(&name)).then_some((name, m.end))
}

/// People a lead names without a title, by where they stand: the subject of a contact verb
/// ("Dmitry Medvedev had a telephone conversation with ..."), its object ("met with Hosni
/// Mubarak", "received Ignazio Cassis"), or a name an honorific announces ("His Highness Sheikh
/// Tamim bin Hamad Al Thani", "Mr. Abdul Rahim Abdul Rahman"). Names of one word, countries
/// and places are left out: the position says "someone", not who.
pub fn bare_mentions(lead: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for re in [&SUBJECT, &OBJECT, &HONORED] {
        let found = if std::ptr::eq(re, &SUBJECT) {
            captures::captures(re, lead).into_iter().collect()
        } else if std::ptr::eq(re, &OBJECT) {
            matches_from(re, lead, &object_verb_starts(lead))
        } else {
            matches_from(re, lead, &honorific_starts(lead))
        };
        for c in found {
            let Some(m) = c.name("name") else { continue };
            let Some(mention) = bare_mention(m.as_str(), m.start, m.end) else {
                continue;
            };
            let mut end = mention.end;
            out.push(mention);
            // "met with Representatives Steny Hoyer, Greg Landsman, and Joe Wilson": each
            // name of a list after the verb is someone met.
            if std::ptr::eq(re, &OBJECT) {
                while let Some(item) = captures::captures_from(&LIST_ITEM, lead, end) {
                    let Some(n) = item.name("name") else { break };
                    let Some(next) = bare_mention(n.as_str(), n.start, n.end) else {
                        break;
                    };
                    end = next.end;
                    out.push(next);
                }
            }
        }
    }
    out.sort_by_key(|m| m.start);
    out.dedup_by(|a, b| a.start < b.end && b.start < a.end);
    out
}

/// A name found by its place in a sentence, at `start..end`, if it is plausibly one.
fn bare_mention(raw: &str, start: usize, end: usize) -> Option<Mention> {
    let name = clean_name(raw)?;
    if !plausible_bare_name(&name) {
        return None;
    }
    let (canonical, country) = known_person(&name).unwrap_or((name.clone(), None));
    Some(Mention {
        start,
        end,
        as_written: name,
        country,
        name: canonical,
        title: None,
    })
}

/// The next name of a list: ", Greg Landsman", ", and Joe Wilson", " and Joe Wilson".
static LIST_ITEM: Pattern = Pattern::new(|| {
    lead_regex(&format!(
        r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<name>{name})",
        name = name_pattern()
    ))
    .expect("valid list regex")
});

/// Two words or more, none of them a title, a country's name or adjective, or a month.
pub fn plausible_bare_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && !words.iter().any(|w| {
            let w = w.trim_end_matches([',', '.']);
            let w = w.strip_suffix("'s").or(w.strip_suffix("’s")).unwrap_or(w);
            TITLES.iter().any(|t| t == w)
                || data::country_by_name_or_adjective(w).is_some()
                || super::date::is_month_name(w)
                || matches!(
                    w,
                    "The"
                        | "His"
                        | "Her"
                        | "Their"
                        | "Both"
                        | "Foreign"
                        | "Ministry"
                        | "Government"
                        | "Embassy"
                )
        })
        && data::country_by_name_or_adjective(name).is_none()
        && !data::PLACES.iter().any(|(p, _)| p == name)
        && !words
            .last()
            .is_some_and(|w| data::BUILDING_WORDS.iter().any(|b| b == w))
}

/// Verbs of contact that follow their subject.
const SUBJECT_VERBS: &str = r"(?:has\s+|have\s+)?(?:had|held|holds|met|meets|received|receives|spoke|speaks|called|calls|congratulated|congratulates|sent|sends|talked|telephoned|welcomed|welcomes|hosted|hosts|paid|pays|visited|exchanged|conducted|conveyed)";

static SUBJECT: Pattern = Pattern::new(|| {
    lead_regex(&format!(
        r"^(?:(?:On|In|Today|Yesterday|Earlier today|This morning|This afternoon|This evening)(?-u:\b)[^,]{{0,60}},\s+)?(?:(?:{hon}),?\s*)*(?P<name>{name})(?:,\s+the\s+(?:{title})(?:\s+of\s+[^,]{{1,50}})?,)?\s+{SUBJECT_VERBS}(?-u:\b)",
        hon = bounded_alternation(HONORIFICS.iter()),
        name = long_name_pattern(),
        title = titles_pattern(),
    ))
    .expect("valid subject regex")
});

/// The words [`OBJECT`] opens with: verbs of contact, and nouns of contact before "with".
const OBJECT_VERBS: [&str; 23] = [
    "message",
    "letter",
    "cable",
    "telegram",
    "talks",
    "discussion",
    "conversation",
    "call",
    "meeting",
    "met",
    "meets",
    "spoke",
    "speaks",
    "talked",
    "consultations",
    "received",
    "receives",
    "congratulated",
    "congratulates",
    "called",
    "telephoned",
    "welcomed",
    "hosted",
];

static OBJECT: Pattern = Pattern::new(|| {
    lead_regex(&format!(
        r"^(?-u:\b)(?:(?:talks|discussions?|conversation|call|meeting|met|meets|spoke|speaks|talked|consultations)\s+(?:{time}\s+)?with|(?:messages?|letters?|cables?|telegrams?)(?:\s+(?:of\s+)?[a-z]+){{0,2}}(?:\s+on\s+\d{{1,2}}\s+[A-Z][a-z]+\s+\d{{4}})?\s+to|met|meets|received|receives|congratulated|congratulates|called|telephoned|welcomed|hosted)\s+(?:{time},?\s+)?(?:(?:{hon}),?\s*)*(?P<name>{name})",
        time = r"(?:today|yesterday|tonight|earlier\s+today|this\s+(?:morning|afternoon|evening)|(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)",
        hon = bounded_alternation(HONORIFICS.iter()),
        name = long_name_pattern(),
    ))
    .expect("valid object regex")
});

static HONORED: Pattern = Pattern::new(|| {
    let strong: Vec<String> = HONORIFICS
        .iter()
        .filter(|h| !matches!(h.as_str(), "Senator" | "Professor" | "Prof" | "Prof."))
        .cloned()
        .collect();
    lead_regex(&format!(
        r"^(?:(?:{hon}),?\s*)+(?P<name>{name})",
        hon = bounded_alternation(strong.iter()),
        name = long_name_pattern(),
    ))
    .expect("valid honorific regex")
});

/// "The Foreign Ministers of Peru and Chile, Ana Soto and Kenji Mori, met", "Ana Soto and
/// Kenji Mori, the Foreign Ministers of Peru and Chile respectively": two people of one office,
/// each of the country named in the same place of the list.
pub fn paired_office_holders(text: &str) -> Vec<Mention> {
    static PAIRED: Pattern = Pattern::new(|| {
        let plural: Vec<String> = TITLES.iter().map(|t| plural_title(t)).collect();
        lead_regex(&format!(
            r"(?:(?-u:\b)(?P<title>{titles})\s+of\s+(?:the\s+)?(?P<a>{of})\s+and\s+(?:the\s+)?(?P<b>{of}),\s+(?:(?:{hon})\s+)?(?P<x>{name})\s+and\s+(?:(?:{hon})\s+)?(?P<y>{name})(?:\s*,|\s+\p{{Ll}})|(?P<x2>{name})\s+and\s+(?P<y2>{name}),\s+(?:the\s+)?(?P<title2>{titles})\s+of\s+(?:the\s+)?(?P<a2>{of})\s+and\s+(?:the\s+)?(?P<b2>{of})(?:,)?\s+respectively)",
            titles = bounded_alternation(plural.iter()),
            of = country_names(),
            hon = bounded_alternation(HONORIFICS.iter()),
            name = name_pattern(),
        ))
        .expect("valid paired office regex")
    });
    // Cheap tests first: a plural office of two countries, two pairs joined by "and".
    if !text.contains("s of ") || text.matches(" and ").nth(1).is_none() {
        return Vec::new();
    }
    let Some(c) = captures::captures(&PAIRED, text) else {
        return Vec::new();
    };
    let get = |a: &str, b: &str| c.name(a).or(c.name(b));
    let (Some(title), Some(a), Some(b), Some(x), Some(y)) = (
        get("title", "title2"),
        get("a", "a2"),
        get("b", "b2"),
        get("x", "x2"),
        get("y", "y2"),
    ) else {
        return Vec::new();
    };
    let singular = singular_title(title.as_str());
    [(x, a), (y, b)]
        .into_iter()
        .filter_map(|(person, country)| {
            let name = clean_name(person.as_str()).filter(|n| plausible_bare_name(n))?;
            let (canonical, _) = known_person(&name).unwrap_or((name.clone(), None));
            Some(Mention {
                start: person.start,
                end: person.end,
                name: canonical,
                as_written: name,
                title: Some(singular.clone()),
                country: data::country_by_name(country.as_str()).map(|c| c.code.clone()),
            })
        })
        .collect()
}

/// "Foreign Minister" → "Foreign Ministers", "Minister of Foreign Affairs" → "Ministers of
/// Foreign Affairs": the title's head word made plural.
fn plural_title(title: &str) -> String {
    match title
        .split_once(" of ")
        .or_else(|| title.split_once(" for "))
    {
        Some((head, _)) => format!("{head}s{}", &title[head.len()..]),
        None => format!("{title}s"),
    }
}

/// The title [`plural_title`] made plural, as it was.
fn singular_title(plural: &str) -> String {
    TITLES
        .iter()
        .find(|t| plural_title(t) == plural)
        .cloned()
        .unwrap_or_else(|| plural.to_string())
}

/// "Foreign Minister Ana Soto (Peru)": the country in brackets right after a name.
fn country_in_brackets_after(text: &str, end: usize) -> Option<String> {
    const BRACKET_LEN: usize = 40;
    let inner = text.get(end..)?.strip_prefix(" (")?;
    let close = inner.get(..BRACKET_LEN.min(inner.len()))?.find(')')?;
    data::country_by_name_or_adjective(inner[..close].trim()).map(|c| c.code.clone())
}

/// The country a title names itself: "President of the Russian Federation".
fn country_in_title(title: &str) -> Option<&'static data::Country> {
    let (_, of) = title.rsplit_once(" of ")?;
    data::country_by_name_or_adjective(of)
        .or_else(|| data::country_by_name_or_adjective(of.strip_prefix("the ").unwrap_or(of)))
}

/// The country name or adjective that ends just before `start`, across white space ("Chinese
/// President", "the United States Secretary of State", "South African President"): where it
/// starts and its country. Up to six words, the longest phrase first; exact case, as the table
/// writes it.
fn country_word_before(text: &str, start: usize) -> Option<(usize, &'static data::Country)> {
    const MAX_WORDS: usize = 6;
    let before = &text[..start];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return None;
    }
    // Word spans, last first.
    let mut words: Vec<(usize, &str)> = Vec::with_capacity(MAX_WORDS);
    let mut rest = trimmed;
    while words.len() < MAX_WORDS && !rest.is_empty() {
        let at = rest.rfind(char::is_whitespace).map_or(0, |i| {
            i + rest[i..].chars().next().map_or(1, char::len_utf8)
        });
        words.push((at, &rest[at..]));
        rest = rest[..at].trim_end();
    }
    let mut phrase = String::new();
    let mut found = None;
    for (i, &(at, word)) in words.iter().enumerate() {
        // Country words are capitalised, joined by "of", "the" and "and": any other word ends
        // the phrase, and most words before a title are such.
        let joining = matches!(word, "of" | "the" | "and");
        let capital = word
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with(|c: char| c.is_uppercase());
        if !joining && !capital {
            break;
        }
        // The phrase's first word may follow an opening bracket or quote: "(Chinese President".
        let lead = word.len()
            - word
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let first = &word[lead..];
        // "Japan's Prime Minister", "the United States' Ambassador": a possessive country.
        let (first, word) = if i == 0 {
            let strip = |w: &str| -> usize {
                POSSESSIVE_ENDINGS
                    .iter()
                    .find_map(|p| w.strip_suffix(p))
                    .map_or(w.len(), str::len)
            };
            (&first[..strip(first)], &word[..strip(word)])
        } else {
            (first, word)
        };
        let candidate = if i == 0 {
            first.to_string()
        } else {
            format!("{first} {phrase}")
        };
        if let Some(country) = data::country_by_name_or_adjective(&candidate) {
            found = Some((at + lead, country));
        }
        if lead > 0 {
            break;
        }
        phrase = if i == 0 {
            word.to_string()
        } else {
            format!("{word} {phrase}")
        };
    }
    found
}

/// "The Prime Minister and Prime Minister Lee": after "the", joined titles are two people, the
/// office named alone and the titled person; the mention is the second only. A deputy's office
/// joined to a minister's is one person's ("the Deputy Prime Minister and the Minister of
/// Foreign Affairs Sophie Wilmès").
fn split_joined_title_after_the(text: &str, start: usize, c: &Groups) -> (usize, Option<String>) {
    let Some(t) = c.name("title") else {
        return (start, None);
    };
    let title = t.as_str();
    // Only ASCII letters lower-case to "t", "h" and "e", so the last four bytes tell.
    let after_the = start >= 4 && text.as_bytes()[start - 4..start].eq_ignore_ascii_case(b"the ");
    // "the Ambassador Extraordinary and Plenipotentiary" is one title.
    let one_title = TITLES.iter().any(|x| x == title);
    let deputy = ["Deputy ", "Vice ", "First Deputy ", "First Vice "]
        .iter()
        .any(|d| title.starts_with(d));
    match title.rfind(" and ") {
        Some(i) if after_the && t.start == start && !one_title && !deputy => {
            let last = &title[i + 5..];
            let the = if last.starts_with("the ") { 4 } else { 0 };
            (t.start + i + 5 + the, Some(last[the..].to_string()))
        }
        _ => (start, Some(title.replace(" and the ", " and "))),
    }
}

/// Trims what the name pattern over-reaches: a possessive, a final stop, headline words.
fn clean_name(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    // "General Ali Saleh", "Director Ana Ruiz": a rank or office before the name is not part of it.
    let mut raw_words = raw.split_whitespace().peekable();
    while raw_words.peek().is_some_and(|w| {
        // "Representatives Steny Hoyer, ...": a plural office too.
        let singular = w.strip_suffix('s').unwrap_or(w);
        TITLES.iter().chain(HONORIFICS.iter()).any(|t| t == w)
            || TITLES.iter().any(|t| t == singular)
    }) {
        raw_words.next();
    }
    for w in raw_words {
        if NAME_STOPS.iter().any(|s| s == w) {
            break;
        }
        if w.starts_with(['“', '"']) {
            continue;
        }
        words.push(w);
    }
    let mut name = words.join(" ");
    for suffix in POSSESSIVE_ENDINGS {
        if let Some(n) = name.strip_suffix(suffix) {
            name = n.to_string();
        }
    }
    while name.ends_with('.') && !ends_with_initial_or_suffix(&name) {
        name.pop();
    }
    // "Salman Bin Abdulaziz Al" where a pattern's last word ran out: a particle ends no name.
    while let Some((rest, last)) = name.trim_end().rsplit_once(' ')
        && is_particle(last)
    {
        name = rest.to_string();
    }
    let name = family_name_last(name.trim_end_matches(',').trim());
    (!name.is_empty() && name.chars().next().is_some_and(|c| c.is_alphabetic())).then_some(name)
}

/// Whether the words just before `start` make the mention there no side of the contact: "at
/// the office of the Prime Minister", "an invitation to their newly elected Prime Minister X",
/// "under the leadership of King X" (`not_a_principal_before.txt`, a few words at most apart).
pub fn is_no_side(text: &str, start: usize) -> bool {
    const WORDS_BETWEEN: usize = 3;
    static PHRASES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(data::NOT_A_PRINCIPAL_BEFORE.iter())
            .expect("phrases build an automaton")
    });
    let Some(before) = text.get(..start) else {
        return false;
    };
    // The last few words before the mention, and the phrase's words before them.
    let mut from = before.len();
    for _ in 0..WORDS_BETWEEN + 3 {
        from = before[..from]
            .trim_end()
            .rfind(char::is_whitespace)
            .unwrap_or(0);
    }
    let window = &before[from..];
    PHRASES.find_iter(window).any(|m| {
        let after = &window[m.end()..];
        let bounded = m.start() == 0 || !window.as_bytes()[m.start() - 1].is_ascii_alphanumeric();
        // "a courtesy call at the Office of the President by Prime Minister X": after an office
        // that is a place, a preposition between brings in someone else.
        let phrase = window[m.start()..m.end()].to_ascii_lowercase();
        let place = ["office", "residence", "palace"]
            .iter()
            .any(|p| phrase.starts_with(p));
        let brought_in = place
            && after
                .split_whitespace()
                .any(|w| matches!(w, "by" | "with" | "from" | "and"));
        bounded
            && after.starts_with(char::is_whitespace)
            && after.split_whitespace().count() <= WORDS_BETWEEN
            && !after.contains([',', ';', '.'])
            && !brought_in
    })
}

/// A word that joins a name's parts ("bin", "Al", "van") and never ends one, in any case
/// (`name_particles.tsv`).
fn is_particle(word: &str) -> bool {
    data::NAME_PARTICLES
        .iter()
        .any(|p| !p.may_end && p.spelling.eq_ignore_ascii_case(word))
}

/// A name that starts with a country's name ("Uzbekistan Shavkat Mirziyoyev"), split into the
/// country and the person. Only before a whole name of two words or more: "Israel Katz" and
/// "Jordan Bardella" are people.
fn split_leading_country(name: &str) -> Option<(&'static data::Country, String)> {
    const MOST_COUNTRY_WORDS: usize = 3;
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=MOST_COUNTRY_WORDS.min(words.len().saturating_sub(2)))
        .rev()
        .find_map(|n| {
            let country = data::country_by_name(&words[..n].join(" "))?;
            Some((country, words[n..].join(" ")))
        })
}

/// "KISHIDA Fumio" (family name first, in capitals, as Japan's ministry writes it) becomes
/// "Fumio Kishida".
fn family_name_last(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_caps =
        |w: &str| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '-');
    if words.len() == 2 && is_caps(words[0]) && !is_caps(words[1]) {
        let family: String = words[0]
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i == 0 {
                    c
                } else {
                    c.to_lowercase().next().unwrap_or(c)
                }
            })
            .collect();
        return format!("{} {family}", words[1]);
    }
    name.to_string()
}

/// A principal the text names by office only: "The Prime Minister spoke to...", "the
/// President of Russia had a telephone conversation...". Its country is the one the text
/// gives, else the publisher's (`publishers.tsv`, found anywhere in `page`).
pub fn unnamed_principal(lead: &str, page: &str) -> Option<Mention> {
    let c = UNNAMED.captures(lead)?;
    let whole = c.get(0)?;
    let country = c
        .name("of")
        .and_then(|m| data::country_by_name_or_adjective(m.as_str()))
        .map(|c| c.code.clone())
        .or_else(|| {
            data::PUBLISHERS
                .iter()
                .find(|(marker, _)| page.contains(marker.as_str()))
                .map(|(_, code)| code.clone())
        });
    // The match takes the next word's first letter (the regex has no look-ahead): the office
    // ends before it, so a mention that starts at that word ("spoke to ...") is not this one.
    let end = c
        .name("of")
        .or_else(|| c.name("title"))
        .map_or(whole.end(), |m| m.end());
    Some(Mention {
        start: whole.start(),
        end,
        name: String::new(),
        as_written: String::new(),
        title: Some(c["title"].to_string()),
        country,
    })
}

static UNNAMED: Pattern = Pattern::new(|| {
    big_regex(&format!(
        r"(?-u:\b)[Tt]he\s+(?P<title>{title})(?:\s+of\s+(?:the\s+)?(?P<of>{of}))?(?:\s+\p{{Ll}}|\s*[.,;])",
        title = titles_pattern(),
        of = country_names(),
    ))
    .expect("valid regex")
});

/// "with German, UK, and French counterparts", "the foreign ministers of Turkey, Azerbaijan and
/// Georgia", "Azeri, Turkish, Georgian FMs": one unnamed principal per country.
pub fn counterparts(text: &str) -> Vec<Mention> {
    if !may_name_a_group(text) {
        return Vec::new();
    }
    let Some(c) = COUNTERPARTS
        .captures(text)
        .or_else(|| COUNTERPARTS_OF.captures(text))
    else {
        return Vec::new();
    };
    let whole = c.get(0).expect("group 0");
    let list = &c["list"];
    let words = country_words_alternation();
    let mut seen: Vec<String> = Vec::new();
    words
        .find_iter(list)
        .filter_map(|m| data::country_by_name_or_adjective(m.as_str()))
        .filter(|country| {
            let new = !seen.contains(&country.code);
            seen.push(country.code.clone());
            new
        })
        .map(|country| Mention {
            start: whole.start(),
            end: whole.end(),
            name: String::new(),
            as_written: String::new(),
            title: None,
            country: Some(country.code.clone()),
        })
        .collect()
}

/// An arrival's welcoming party: "Upon arrival at Vnukovo Airport, the Prime Minister was
/// welcomed by Deputy Foreign Minister A, Ambassador B and Ambassador C" (`welcome_words.txt`):
/// the people named after the `by` phrase, in order (the first heads the party), and the airport
/// the sentence names. None for a sentence that tells of no welcome at an arrival.
pub fn welcoming_party(sentence: &str) -> Option<(Vec<Mention>, Option<String>)> {
    let lower = sentence.to_lowercase();
    let words = |kind: &'static str| {
        data::WELCOME_WORDS
            .iter()
            .filter(move |(k, _)| k == kind)
            .map(|(_, w)| w.as_str())
    };
    if !words("where").any(|w| lower.contains(w)) {
        return None;
    }
    // `to_lowercase` keeps the byte offsets of the ASCII phrases it finds.
    let passive = words("by")
        .filter_map(|w| lower.find(w).map(|at| at + w.len()))
        .min();
    let list = match passive {
        Some(after) => sentence.get(after..)?,
        None => {
            let verb = words("active")
                .filter_map(|w| lower.find(&format!(" {w} ")))
                .min()?;
            sentence.get(..verb)?
        }
    };
    let mut people: Vec<Mention> = find_mentions(list);
    for bare in bare_mentions(list) {
        if !people
            .iter()
            .any(|m| m.start < bare.end && bare.start < m.end)
        {
            people.push(bare);
        }
    }
    // "the special representative of President X": X is who the title serves, not here.
    people.retain(|m| !m.name.is_empty() && !list[..m.start.min(list.len())].ends_with("of "));
    people.sort_by_key(|m| m.start);
    // Titles the patterns do not read ("Ambassador to Santiago NAME", "Envoy for Asia NAME"):
    // the list read item by item.
    let listed = listed_names(list);
    if listed.len() > people.len() {
        people = listed;
    }
    if people.is_empty() {
        return None;
    }
    Some((people, airport(sentence)))
}

/// The people of a list of titled names ("Russian Ambassador to Santiago Ivan Demin and
/// Chilean Ambassador to Moscow Rosa Vidal"): in each item, the capitalised words that end it,
/// less the titles, countries, capitals and regions they begin with; titled by the rest, of the
/// country the item names.
fn listed_names(list: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    // An item with no name is the start of the next one's title ("Envoy for the Middle East
    // and Africa NAME" splits at its "and").
    let mut pending = String::new();
    for item in list.split([',', ';']).flat_map(|p| p.split(" and ")) {
        let words: Vec<&str> = item.split_whitespace().collect();
        let is_name_word = |w: &&str| {
            w.chars().next().is_some_and(char::is_uppercase)
                || w.starts_with("al-")
                || w.starts_with("bin")
        };
        let run = words.iter().rev().take_while(|w| is_name_word(w)).count();
        let mut start = words.len() - run;
        let not_name = |w: &str| {
            let w = w.trim_end_matches(['.', '’', '\'']);
            TITLES.iter().chain(HONORIFICS.iter()).any(|t| t == w)
                || data::country_by_name_or_adjective(w).is_some()
                || data::CAPITALS.iter().any(|(city, _)| city == w)
                || data::REGION_WORDS.iter().any(|r| r == w)
                || w == "Mr"
                || w == "Mrs"
                || w == "Ms"
        };
        loop {
            while start < words.len() && not_name(words[start]) {
                start += 1;
            }
            // A title of several words ("Deputy Foreign Minister") before the name.
            let rest = words[start..].join(" ");
            let Some(title) = TITLES
                .iter()
                .filter(|t| t.contains(' ') && rest.starts_with(&format!("{t} ")))
                .max_by_key(|t| t.len())
            else {
                break;
            };
            start += title.split_whitespace().count();
        }
        let name: Vec<&str> = words[start..].to_vec();
        if !(2..=5).contains(&name.len()) {
            if !pending.is_empty() {
                pending.push_str(" and ");
            }
            pending.push_str(item.trim());
            continue;
        }
        let name = name.join(" ").trim_end_matches(['.', ',']).to_string();
        let own = words[..start].join(" ");
        let title = if pending.is_empty() {
            own
        } else {
            format!("{} and {own}", std::mem::take(&mut pending))
        };
        let title = title.trim().trim_start_matches("the ").to_string();
        out.push(Mention {
            start: usize::MAX,
            end: usize::MAX,
            as_written: name.clone(),
            name,
            title: (!title.is_empty()).then_some(title.clone()),
            country: countries_named(&title).into_iter().next(),
        });
    }
    out
}

/// The airport a sentence names: "Moscow's Vnukovo-2 Airport" → "Vnukovo-2 Airport".
pub fn airport(sentence: &str) -> Option<String> {
    static AIRPORT: Pattern = Pattern::new(|| {
        Regex::new(r"((?:\p{Lu}[\p{L}\p{N}'’\-]*\s+){1,4}(?:International\s+)?Airport)")
            .expect("valid regex")
    });
    let found = AIRPORT.captures(sentence)?.get(1)?.as_str();
    let words: Vec<&str> = found
        .split_whitespace()
        .skip_while(|w| w.ends_with("'s") || w.ends_with("’s") || *w == "The" || *w == "At")
        .collect();
    (words.len() >= 2).then(|| words.join(" "))
}

/// Whether a lead reports a contact with the diplomatic corps as a group
/// (`diplomatic_groups.txt`).
pub fn meets_diplomatic_corps(lead: &str) -> bool {
    let lower = lead.to_lowercase();
    data::DIPLOMATIC_GROUPS
        .iter()
        .any(|g| lower.contains(g.as_str()))
}

/// The person a sentence names as the diplomatic corps' spokesperson: "Dean of the Diplomatic
/// Corps Amina Diallo, Ambassador of Senegal to Norway, thanked ...", "the doyen of the
/// diplomatic corps, Ambassador Paul Ndongo of Cameroon, ...". Titled "Ambassador", of the
/// country named next; None when the sentence names no such person.
pub fn group_speaker(sentence: &str) -> Option<Mention> {
    static SPEAKER: Pattern = Pattern::new(|| {
        big_regex(&format!(
            r"(?i:{})\s*,?\s+(?:(?:H\.\s?E\.|His\s+Excellency|Her\s+Excellency|Ambassador|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+)*(?P<name>{})",
            spaced_alternation(&data::GROUP_SPEAKERS),
            name_pattern()
        ))
        .expect("valid regex")
    });
    let c = SPEAKER.captures(sentence)?;
    let name = c.name("name")?;
    let written = clean_name(name.as_str())?;
    if written.is_empty() || data::country_by_name_or_adjective(&written).is_some() {
        return None;
    }
    // The embassy's country: named next ("..., Ambassador of the Republic of Kazakhstan").
    let after = sentence.get(name.end()..).unwrap_or("");
    let near = after.get(..after.len().min(90)).unwrap_or(after);
    let near = near
        .char_indices()
        .nth(90)
        .map_or(near, |(i, _)| &near[..i]);
    let country = countries_named(near).into_iter().next();
    Some(Mention {
        start: usize::MAX,
        end: usize::MAX,
        name: written.clone(),
        as_written: written,
        title: Some("Ambassador".to_string()),
        country,
    })
}

/// The countries a text names, by name or adjective, with where each is named.
pub fn countries_named_at(text: &str) -> Vec<(usize, String)> {
    country_words_alternation()
        .find_iter(text)
        .filter_map(|m| {
            Some((
                m.start(),
                data::country_by_name_or_adjective(m.as_str())?.code.clone(),
            ))
        })
        .collect()
}

/// The ISO codes of the countries a text names, by name or adjective, in order.
pub fn countries_named(text: &str) -> Vec<String> {
    countries_named_at(text)
        .into_iter()
        .map(|(_, code)| code)
        .collect()
}

fn country_words_alternation() -> &'static Pattern {
    static RE: Pattern =
        Pattern::new(|| big_regex(&format!("(?:{})", country_words())).expect("valid regex"));
    &RE
}

/// The groups a list of countries stands before or after.
const GROUP_WORDS: &str = r"(?i:counterparts|ambassadors|envoys|leaders|foreign\s+ministers|ministers\s+of\s+foreign\s+affairs|foreign\s+affairs\s+ministers|FMs|heads\s+of\s+state|presidents|prime\s+ministers|top\s+diplomats)";

/// A word every phrase of [`GROUP_WORDS`] holds, in ASCII lower case.
const GROUP_WORD_PARTS: [&str; 9] = [
    "counterparts",
    "ambassadors",
    "envoys",
    "leaders",
    "ministers",
    "fms",
    "heads",
    "presidents",
    "diplomats",
];

/// False when neither [`COUNTERPARTS`] nor [`COUNTERPARTS_OF`] can match: both need a phrase
/// of [`GROUP_WORDS`], which most leads lack. Told by a byte search in ASCII case; a text not
/// ASCII goes to the patterns (whose `(?i)` folds a few other characters).
fn may_name_a_group(text: &str) -> bool {
    static PARTS: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        LazyLock::new(|| super::ascii::finders(&GROUP_WORD_PARTS));
    !text.is_ascii() || super::ascii::contains_any_ignore_case(text, &PARTS)
}

static COUNTERPARTS: Pattern = Pattern::new(|| {
    let w = country_words();
    big_regex(&format!(
        r"(?P<list>(?:{w})(?:\s*[,،]\s*(?:and\s+)?(?:{w})|\s+and\s+(?:{w}))+)\s+{GROUP_WORDS}(?-u:\b)"
    ))
    .expect("valid regex")
});

static COUNTERPARTS_OF: Pattern = Pattern::new(|| {
    let n = country_names();
    lead_regex(&format!(
        r"{GROUP_WORDS}\s+(?:of|from)\s+(?:the\s+)?(?P<list>(?:{n})(?:\s*[,،]\s*(?:and\s+)?(?:the\s+)?(?:{n})|\s+and\s+(?:the\s+)?(?:{n}))+)"
    ))
    .expect("valid regex")
});

/// Principals a lead names by country and office in plain words, without a name: "Turkish
/// foreign minister ... spoke with his U.S. counterpart", "the Iranian president". A titled
/// name ("Turkish Foreign Minister Mevlüt Çavuşoğlu") is a mention, not this.
pub fn unnamed_by_role(lead: &str) -> Vec<Mention> {
    static ROLE: Pattern = Pattern::new(|| {
        lead_regex(&format!(
            r"(?P<adj>{w})(?:['’]s)?\s+(?P<role>(?i:foreign\s+minister|top\s+diplomat|prime\s+minister|president|premier|chancellor|foreign\s+secretary|secretary\s+of\s+state|king|emir|leader|counterpart))(?-u:\b)(?:\s+(?P<next>\p{{Lu}}))?",
            w = country_words()
        ))
        .expect("valid role regex")
    });
    ROLE.captures_iter(lead)
        .filter(|c| c.name("next").is_none())
        .filter_map(|c| {
            let whole = c.get(0)?;
            let country = data::country_by_name_or_adjective(c.name("adj")?.as_str())?;
            let role = c.name("role")?.as_str();
            let title = (!role.eq_ignore_ascii_case("counterpart")).then(|| title_case(role));
            Some(Mention {
                start: whole.start(),
                end: whole.end(),
                name: String::new(),
                as_written: String::new(),
                title,
                country: Some(country.code.clone()),
            })
        })
        .collect()
}

/// "foreign minister" → "Foreign Minister"; "secretary of state" → "Secretary of State".
fn title_case(words: &str) -> String {
    words
        .split_whitespace()
        .map(|w| {
            let w = w.to_lowercase();
            if matches!(w.as_str(), "of" | "the" | "and") {
                return w;
            }
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_uppercase().collect::<String>() + cs.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn ends_with_initial_or_suffix(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or("");
    last == "Jr." || (last.len() == 2 && last.starts_with(|c: char| c.is_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        find_mentions(text)
            .into_iter()
            .map(|m| (m.name, m.title, m.country))
            .collect()
    }

    fn m(
        name: &str,
        title: Option<&str>,
        country: Option<&str>,
    ) -> (String, Option<String>, Option<String>) {
        (name.into(), title.map(Into::into), country.map(Into::into))
    }

    #[test]
    fn every_group_phrase_holds_one_of_the_parts_searched_first() {
        let inner = GROUP_WORDS
            .strip_prefix("(?i:")
            .and_then(|g| g.strip_suffix(')'))
            .expect("GROUP_WORDS is one case-insensitive group");
        for phrase in inner.split('|') {
            let phrase = phrase.replace(r"\s+", " ").to_ascii_lowercase();
            assert!(
                GROUP_WORD_PARTS.iter().any(|p| phrase.contains(p)),
                "{phrase}"
            );
        }
        assert!(may_name_a_group("the Nordic FOREIGN  Ministers met"));
        assert!(!may_name_a_group(
            "President Ana Soto met President Luis Rojas."
        ));
        assert!(may_name_a_group("Ana Soto met Luis Rojas in Kyïv."));
    }

    #[test]
    fn a_list_of_countries_before_a_group_is_found() {
        let found = |text: &str| {
            counterparts(text)
                .into_iter()
                .filter_map(|m| m.country)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("Ana Soto met her Norwegian, Danish and Swedish counterparts."),
            ["NOR", "DNK", "SWE"]
        );
        assert_eq!(
            found("Ana Soto met the foreign ministers of Norway and Denmark."),
            ["NOR", "DNK"]
        );
        assert!(found("Ana Soto met Luis Rojas of Norway and Denmark.").is_empty());
    }

    #[test]
    fn a_country_between_the_title_and_a_whole_name_is_the_country() {
        assert_eq!(
            names("President Uzbekistan Bahodir Karimov held talks with Prime Minister Ana Soto."),
            [
                m("Bahodir Karimov", Some("President"), Some("UZB")),
                m("Ana Soto", Some("Prime Minister"), None)
            ]
        );
        // A given name that is a country's is the person's.
        assert_eq!(
            names("Foreign Minister Jordan Ellis met Minister Chad Rivers."),
            [
                m("Jordan Ellis", Some("Foreign Minister"), None),
                m("Chad Rivers", Some("Minister"), None)
            ]
        );
    }

    #[test]
    fn an_office_as_a_place_an_invitee_or_a_leader_under_whom_is_no_side() {
        let at = |text: &str, word: &str| is_no_side(text, text.find(word).expect("word"));
        let office = "President Ana Soto received President Luis Rojas and held discussions at the office of the Prime Minister.";
        assert!(at(office, "Prime Minister"));
        assert!(!at(office, "President Luis"));
        let invited = "Prime Minister Ana Soto told Foreign Minister Luis Rojas that she will extend an invitation to their newly elected Prime Minister Eva Lind to attend.";
        assert!(at(invited, "Prime Minister Eva"));
        assert!(!at(invited, "Foreign Minister"));
        assert!(at(
            "the Kingdom's efforts under the leadership of Custodian of the Two Holy Mosques King Omar",
            "Custodian"
        ));
        let earlier = "Foreign Minister Ana Soto talked to Foreign Minister Luis Rojas at the latter's request after her telephone conversation with Secretary of State Tom Hale earlier in the day.";
        assert!(at(earlier, "Secretary of State"));
        assert!(!at(earlier, "Foreign Minister Luis"));
        // Brought in by a preposition after the office that is the place: a side.
        assert!(!at(
            "During a courtesy call at the Office of the President by Prime Minister Sam Vea, the President spoke.",
            "Prime Minister Sam"
        ));
        // Too far from the phrase, or after a comma: a side again.
        assert!(!at(
            "at the invitation of the host, President Ana Soto met President Luis Rojas",
            "President Ana"
        ));
    }

    #[test]
    fn capitalised_particles_join_a_name_and_never_end_one() {
        assert_eq!(
            names("Emir Khalid Bin Saad Al Thani received a phone call."),
            [m("Khalid Bin Saad Al Thani", Some("Emir"), None)]
        );
        assert_eq!(
            clean_name("Faisal Bin Nasser Al"),
            Some("Faisal Bin Nasser".into())
        );
    }

    #[test]
    fn a_nickname_in_quotes_is_left_out_of_the_name() {
        assert_eq!(
            names("President Budi “Budiman” Santoso met President Ana Soto."),
            [
                m("Budi Santoso", Some("President"), None),
                m("Ana Soto", Some("President"), None)
            ]
        );
        assert_eq!(
            names("President Budi \"Budiman\" Santoso spoke by phone."),
            [m("Budi Santoso", Some("President"), None)]
        );
    }

    #[test]
    fn a_word_between_a_title_and_its_country_is_more_of_the_title() {
        assert_eq!(
            names(
                "He met the Ambassador of Chile, Ana Soto; and the Ambassador Designate of Peru, Luis Quispe Mamani."
            ),
            [
                m("Ana Soto", Some("Ambassador"), Some("CHL")),
                m(
                    "Luis Quispe Mamani",
                    Some("Ambassador Designate"),
                    Some("PER")
                )
            ]
        );
        assert_eq!(
            names(
                "He met the Ambassador Extraordinary and Plenipotentiary of Peru, Luis Quispe, and thanked him."
            ),
            [m(
                "Luis Quispe",
                Some("Ambassador Extraordinary and Plenipotentiary"),
                Some("PER")
            )]
        );
        // No name after the comma: the word stays the name.
        assert_eq!(
            names("Ambassador Quispe of Peru, who arrived in May, spoke."),
            [m("Quispe", Some("Ambassador"), Some("PER"))]
        );
    }

    #[test]
    fn a_minister_of_state_for_foreign_affairs_is_one_title() {
        assert_eq!(
            names(
                "He called on the Minister of State for Foreign Affairs, His Excellency Ali Nasser, today."
            ),
            [m(
                "Ali Nasser",
                Some("Minister of State for Foreign Affairs"),
                None
            )]
        );
    }

    #[test]
    fn a_headline_verb_ends_a_name() {
        assert_eq!(
            names("Chilean Ambassador Is Ready To Deepen Ties With Norway"),
            Vec::<(String, Option<String>, Option<String>)>::new()
        );
        assert_eq!(
            names("Norwegian Prime Minister Jonas Berg Says Ties Are Strong"),
            [m("Jonas Berg", Some("Prime Minister"), Some("NOR"))]
        );
    }

    #[test]
    fn an_envoy_posted_to_a_capital_is_named() {
        assert_eq!(
            names("The minister met with the Ambassador of Norway to Kabul Ola Berg this morning."),
            [m("Ola Berg", Some("Ambassador"), Some("NOR"))]
        );
        assert_eq!(
            names("She received the Ambassador of Peru in Nairobi, Luis Quispe, at the ministry."),
            [m("Luis Quispe", Some("Ambassador"), Some("PER"))]
        );
        assert_eq!(
            names(
                "She met the High Commissioner of Ghana, Kofi Mensah, and the Chargé d'Affaires of the U.S. Embassy in Accra."
            ),
            [m("Kofi Mensah", Some("High Commissioner"), Some("GHA"))]
        );
        // The mission named between the title and its country, the posting's country after
        // its city.
        assert_eq!(
            names(
                "The Charge d'Affaires of the Embassy of the Islamic Republic of Pakistan in Abuja, Nigeria, Aamir Khan, paid a courtesy call on the Minister."
            ),
            [m("Aamir Khan", Some("Charge d'Affaires"), Some("PAK"))]
        );
        assert_eq!(
            names("The Ambassador of Peru in our country, Luis Quispe, presented a copy."),
            [m("Luis Quispe", Some("Ambassador"), Some("PER"))]
        );
        assert_eq!(
            names(
                "The High Commissioner of the High Commission of Canada to Kenya, Ana Soto, spoke first."
            ),
            [m("Ana Soto", Some("High Commissioner"), Some("CAN"))]
        );
    }

    #[test]
    fn the_president_of_the_republic_of_a_country_is_its_president() {
        for text in [
            "President of the Republic of Indonesia Joko Susilo met the Ambassador.",
            "The Ambassador met Mr. Joko Susilo, President of the Republic of Indonesia.",
        ] {
            assert_eq!(
                names(text),
                [m("Joko Susilo", Some("President"), Some("IDN"))],
                "{text}"
            );
        }
    }

    #[test]
    fn an_official_of_an_international_organization_is_named_without_a_country() {
        assert_eq!(
            names(
                "The Amir met with the Secretary General of the Organization of Islamic Cooperation Ali Hassan Omar."
            ),
            [m("Ali Hassan Omar", Some("Secretary General"), None)]
        );
        assert_eq!(
            names(
                "The Amir met with the Secretary General of the Organisation of Islamic Cooperation (OIC), Ali Hassan Omar, in Doha."
            ),
            [m("Ali Hassan Omar", Some("Secretary General"), None)]
        );
    }

    #[test]
    fn a_long_office_before_a_comma_titles_the_name_after_it() {
        let found = |text: &str| -> Vec<_> {
            appositive_titled(text)
                .into_iter()
                .map(|m| (m.name, m.title, m.country))
                .collect()
        };
        assert_eq!(
            found(
                "Today, the Minister of Foreign Affairs and Trade of the Republic of Ghana, Kofi Adjeman, received the envoy."
            ),
            [m(
                "Kofi Adjeman",
                Some("Minister of Foreign Affairs and Trade"),
                Some("GHA")
            )]
        );
        assert_eq!(
            found(
                "He received a call from the Chilean Prime Minister and Foreign Minister, Pavel Orlen, on Monday."
            ),
            [m("Pavel Orlen", Some("Prime Minister"), Some("CHL"))]
        );
        // Where an envoy is posted is not the envoy's country.
        assert_eq!(
            found(
                "He hosted the Chilean ambassador to Ghana, Tobias Wrenfield, from whom he heard."
            ),
            [m("Tobias Wrenfield", Some("Ambassador"), Some("CHL"))]
        );
        assert_eq!(
            found("Minister of Foreign and Expatriates Affairs, Faisal Omari, received them."),
            [m(
                "Faisal Omari",
                Some("Minister of Foreign and Expatriates Affairs"),
                None
            )]
        );
        // The office's charge stays in the title; the name may run on into a place.
        assert_eq!(
            found(
                "She met the Secretary of State for Northern Ireland, James Brokenshire MP in Dublin today."
            ),
            [m(
                "James Brokenshire",
                Some("Secretary of State for Northern Ireland"),
                Some("GBR")
            )]
        );
        // A name after a title, a verb, or more of the office are no office and holder.
        for text in [
            "Prime Minister Kofi Adjeman, Foreign Minister Ana Soto and others met.",
            "The Minister met the press, Kofi Adjeman said.",
            "the Minister of Foreign Affairs, International Cooperation and Diaspora.",
            "In the capital, Santiago Rojas met him.",
            "the Assistant Secretary General for Europe, Central Asia and Africa.",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn a_possessive_country_before_a_title_is_the_person_s() {
        let countries: Vec<_> = find_mentions(
            "Japan's Prime Minister Taro Sato met the United States’ Ambassador Ana Soto.",
        )
        .into_iter()
        .map(|m| (m.name, m.country))
        .collect();
        assert_eq!(
            countries,
            [
                ("Taro Sato".to_string(), Some("JPN".to_string())),
                ("Ana Soto".to_string(), Some("USA".to_string()))
            ]
        );
    }

    #[test]
    fn a_name_set_off_before_an_office_of_a_country_is_that_person() {
        let found = |text: &str| -> Vec<_> {
            find_mentions(text)
                .into_iter()
                .map(|m| (m.name, m.country))
                .collect()
        };
        assert_eq!(
            found("Kenji Mori, Minister of Foreign Affairs of Japan, arrived."),
            [("Kenji Mori".to_string(), Some("JPN".to_string()))]
        );
        assert_eq!(
            found("Ana Soto, Chile's Foreign Minister, met him."),
            [("Ana Soto".to_string(), Some("CHL".to_string()))]
        );
        // An office of no country after an unknown name: a list, a heading, not a person.
        assert_eq!(found("Ana Soto, Foreign Minister, met him."), []);
        // Two of one office, the countries in order.
        for text in [
            "The Foreign Ministers of Peru and Chile, Ana Soto and Kenji Mori, met in Lima.",
            "Ana Soto and Kenji Mori, the Foreign Ministers of Peru and Chile respectively, met in Lima.",
        ] {
            let paired: Vec<_> = paired_office_holders(text)
                .into_iter()
                .map(|m| (m.name, m.title, m.country))
                .collect();
            assert_eq!(
                paired,
                [
                    m("Ana Soto", Some("Foreign Minister"), Some("PER")),
                    m("Kenji Mori", Some("Foreign Minister"), Some("CHL"))
                ],
                "{text}"
            );
        }
        assert_eq!(
            plural_title("Minister of Foreign Affairs"),
            "Ministers of Foreign Affairs"
        );
        assert_eq!(singular_title("Presidents"), "President");
        // An envoy posted "to the Kingdom".
        let titled: Vec<_> = find_mentions(
            "The Minister received Ambassador of Japan to the Kingdom Kenji Mori today.",
        )
        .into_iter()
        .map(|m| (m.name, m.country))
        .collect();
        assert_eq!(
            titled,
            [("Kenji Mori".to_string(), Some("JPN".to_string()))]
        );
        // A regional charge after the title.
        let titled: Vec<_> = find_mentions("Special Envoy for the Americas Ana Soto met him.")
            .into_iter()
            .map(|m| (m.name, m.title))
            .collect();
        assert_eq!(
            titled,
            [("Ana Soto".to_string(), Some("Special Envoy".to_string()))]
        );
        // A country in brackets after the name.
        let countries: Vec<_> = find_mentions(
            "Foreign Minister Ana Soto (Peru) and Foreign Minister Kenji Mori (Chile) met.",
        )
        .into_iter()
        .map(|m| m.country)
        .collect();
        assert_eq!(
            countries,
            [Some("PER".to_string()), Some("CHL".to_string())]
        );
        // A message's addressee is someone it names too.
        for lead in [
            "The President sent a congratulatory message to Kenji Mori on his election.",
            "The President sent a message of congratulations on 3 March 2021 to Kenji Mori.",
        ] {
            let bare: Vec<_> = bare_mentions(lead).into_iter().map(|m| m.name).collect();
            assert_eq!(bare, ["Kenji Mori"], "{lead}");
        }
        // The subject set off from its verb by its office.
        let bare: Vec<_> = bare_mentions("Ana Soto, the Foreign Minister, received the envoy.")
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(bare, ["Ana Soto"]);
        // "met" takes its object directly too.
        let bare: Vec<_> = bare_mentions("The Minister met Kenji Mori in Tokyo.")
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(bare, ["Kenji Mori"]);
    }

    #[test]
    fn a_building_s_name_is_no_person_s() {
        assert!(plausible_bare_name("Ruatoka Hale"));
        assert!(!plausible_bare_name("Ruatoka House"));
        assert!(!plausible_bare_name("Sir Ruatoka House"));
        assert_eq!(
            bare_mentions("The Prime Minister met the envoys at Sir Ruatoka House.").len(),
            0
        );
    }

    #[test]
    fn an_office_goes_on_with_joining_and_capitalised_words_only() {
        assert!(is_office_rest(""));
        assert!(is_office_rest(" of the Republic of Ghana"));
        assert!(is_office_rest(
            " and Commander-in-Chief of the Armed Forces"
        ));
        assert!(is_office_rest(" to Ghana"));
        assert!(!is_office_rest(" Kofi Adjeman"));
        assert!(!is_office_rest(" met the press"));
        assert!(!is_office_rest(" of Ghana. The Minister"));
        assert!(!is_office_rest(" of Chile and the Ambassador of Peru"));
    }

    #[test]
    fn a_title_in_lower_case_after_a_country_word_titles_the_name() {
        let lower = |text: &str| -> Vec<_> {
            lower_case_titled(text)
                .into_iter()
                .map(|m| (m.name, m.title, m.country))
                .collect()
        };
        assert_eq!(
            lower(
                "At the meeting with Peruvian ambassador Luis Quispe, the president of the council and Chilean foreign minister Ana Soto spoke."
            ),
            [
                m("Luis Quispe", Some("Ambassador"), Some("PER")),
                m("Ana Soto", Some("Foreign Minister"), Some("CHL"))
            ]
        );
        // The name set off by commas, the country after the title.
        assert_eq!(
            lower(
                "He met the Mongolian ambassador, Bat Erdene, and the first ambassador of Peru to Chile, Luis Quispe."
            ),
            [
                m("Bat Erdene", Some("Ambassador"), Some("MNG")),
                m("Luis Quispe", Some("Ambassador"), Some("PER"))
            ]
        );
        // No country word before the title, or no name after it: nobody.
        assert!(lower_case_titled("The ambassador Luis Quispe spoke.").is_empty());
        assert!(lower_case_titled("The Peruvian ambassador spoke.").is_empty());
        assert!(lower_case_titled("The ambassador of Peru spoke.").is_empty());
    }

    #[test]
    fn an_appositive_name_ends_its_clause() {
        assert_eq!(
            appositive_name(", Luis Quispe Mamani; and", 0),
            Some(("Luis Quispe Mamani".to_string(), 20))
        );
        assert_eq!(
            appositive_name(", Luis Quispe", 0).map(|(_, e)| e),
            Some(13)
        );
        assert_eq!(appositive_name(", Luis Quispe said", 0), None);
        assert_eq!(appositive_name(", Quispe.", 0), None);
        assert_eq!(appositive_name(" Luis Quispe.", 0), None);
    }

    #[test]
    fn accented_names_are_found_in_text_with_other_accents() {
        // The name ends in a non-ASCII letter, where an ASCII word boundary cannot stand.
        assert_eq!(
            names("Stéphane Séjourné received Hakan Fidan in Paris on Monday."),
            [
                m("Stéphane Séjourné", None, Some("FRA")),
                m("Hakan Fidan", None, Some("TUR"))
            ]
        );
        assert_eq!(
            names("On July 3, President Recep Tayyip Erdoğan met Prime Minister Édouard Philippe."),
            [
                m("Recep Tayyip Erdoğan", Some("President"), Some("TUR")),
                // Known from the table of office-holders.
                m("Édouard Philippe", Some("Prime Minister"), Some("FRA"))
            ]
        );
    }

    #[test]
    fn an_alternation_matches_whole_phrases_longest_first() {
        let phrases: Vec<String> = [
            "Prime",
            "Minister",
            "Prime Minister",
            "H.E.",
            "U.S.",
            "-led",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        let re = Regex::new(&format!("^(?:{})", bounded_alternation(phrases.iter()))).unwrap();
        let found = |text: &str| re.find(text).map(|m| m.as_str().to_string());
        assert_eq!(
            found("Prime Minister Modi").as_deref(),
            Some("Prime Minister")
        );
        assert_eq!(found("Ministers met").as_deref(), None);
        assert_eq!(found("H.E.Mr. Abe").as_deref(), Some("H.E."));
        assert_eq!(found("U.S.-led").as_deref(), Some("U.S."));
        assert_eq!(found("-led talks").as_deref(), Some("-led"));
        assert_eq!(found("-leds").as_deref(), None);
    }

    #[test]
    fn a_title_is_a_whole_word() {
        assert!(names("Mr. Lee, Presidential Envoy, arrived.").is_empty());
    }

    #[test]
    fn title_before_name_with_of_country() {
        assert_eq!(
            names(
                "On March 19, 2017, President Xi Jinping met at the Great Hall of the People with Secretary of State Rex Tillerson of the US."
            ),
            [
                m("Xi Jinping", Some("President"), Some("CHN")),
                m("Rex Tillerson", Some("Secretary of State"), Some("USA"))
            ]
        );
        // A summary line without a full stop runs on into the next line's office or verb.
        assert_eq!(clean_name("Ana Ruiz Minister").as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            clean_name("Jan Novak Attended").as_deref(),
            Some("Jan Novak")
        );
    }

    #[test]
    fn country_in_parentheses_after_name() {
        assert_eq!(
            names(
                "President Xi Jinping held telephone talks with President Donald Trump of the United States (US) at request."
            ),
            [
                m("Xi Jinping", Some("President"), Some("CHN")),
                m("Donald Trump", Some("President"), Some("USA"))
            ]
        );
    }

    #[test]
    fn nationality_adjective_gives_the_country() {
        assert_eq!(
            names("Iraqi Prime Minister Nouri al-Maliki met Chinese President Hu Jintao."),
            [
                m("Nouri al-Maliki", Some("Prime Minister"), Some("IRQ")),
                m("Hu Jintao", Some("President"), Some("CHN"))
            ]
        );
    }

    #[test]
    fn headline_words_end_a_name() {
        assert_eq!(
            names("Xi Jinping Meets with US Secretary of State Rex Tillerson"),
            [
                m("Xi Jinping", None, Some("CHN")),
                m("Rex Tillerson", Some("Secretary of State"), Some("USA"))
            ]
        );
    }

    #[test]
    fn name_comma_title_of_country() {
        assert_eq!(
            names("Mr. Shinzo Abe, Prime Minister of Japan, held a meeting"),
            [m("Shinzo Abe", Some("Prime Minister"), Some("JPN"))]
        );
    }

    #[test]
    fn possessive_and_final_stop_are_not_part_of_the_name() {
        assert_eq!(
            names("He conveyed President Kim Yong's greetings.")[0].0,
            "Kim Yong"
        );
        assert_eq!(
            names("He met with President Joseph R. Biden, Jr.")[0].0,
            "Joe Biden"
        );
    }

    #[test]
    fn title_of_country_before_the_name() {
        assert_eq!(
            names(
                "Vladimir Putin had a telephone conversation with President of France Emmanuel Macron."
            ),
            [
                m("Vladimir Putin", None, Some("RUS")),
                m("Emmanuel Macron", Some("President"), Some("FRA"))
            ]
        );
    }

    #[test]
    fn joined_titles_and_stacked_honorifics() {
        assert_eq!(
            names(
                "Today the Deputy Prime Minister and the Minister of Foreign Affairs Ana Soto met the Ambassador."
            ),
            [m(
                "Ana Soto",
                Some("Deputy Prime Minister and Minister of Foreign Affairs"),
                None
            )]
        );
        assert_eq!(
            names(
                "State Councilor and Foreign Minister Wang Yi met with H.E. Mr. Penny Wong, Foreign Minister of Australia."
            ),
            [
                m(
                    "Wang Yi",
                    Some("State Councilor and Foreign Minister"),
                    Some("CHN")
                ),
                m("Penny Wong", Some("Foreign Minister"), Some("AUS"))
            ]
        );
        // Honorifics of the Gulf, Cambodia and Myanmar are not part of the name.
        for (text, name) in [
            (
                "Bahraini Foreign Minister Shaikh Khalid bin Ali Al Khalifa met the Ambassador.",
                "Khalid bin Ali Al Khalifa",
            ),
            (
                "Cambodian Prime Minister Samdech Akka Moha Sena Padei Techo Sok Chea met the Ambassador.",
                "Sok Chea",
            ),
            (
                "Myanmar Ambassador U Aung Min met the Minister.",
                "Aung Min",
            ),
            (
                "The President of the Republic, H. E. Teodoro Mba Nze, received the Ambassador.",
                "Teodoro Mba Nze",
            ),
            (
                "Deputy Prime Minister Gen Prawit Wong met the Ambassador.",
                "Prawit Wong",
            ),
            ("Productive meeting with Fiji PM Rabuka today.", "Rabuka"),
        ] {
            let found = names(text);
            assert_eq!(found.first().map(|f| f.0.as_str()), Some(name), "{text}");
        }
    }

    #[test]
    fn title_after_a_known_name_without_honorific() {
        assert_eq!(
            names(
                "Wang Yi met with Jake Sullivan, Assistant to the President for National Security Affairs of the United States, in Vienna."
            )[1],
            m(
                "Jake Sullivan",
                Some("Assistant to the President for National Security Affairs"),
                Some("USA")
            )
        );
        assert_eq!(
            names("In Beijing, President Xi Jinping met him.")[0].0,
            "Xi Jinping"
        );
    }

    #[test]
    fn family_name_first_in_capitals() {
        assert_eq!(
            names("Mr. KISHIDA Fumio, Prime Minister of Japan, held a telephone talk")[0].0,
            "Fumio Kishida"
        );
    }

    #[test]
    fn an_arrivals_welcoming_party_is_read_in_order_with_its_airport() {
        let (party, airport) = welcoming_party(
            "Upon arrival at Moscow's Sheremetyevo Airport, the Prime Minister was welcomed by Special Presidential Envoy for Asia and the Pacific, Deputy Foreign Minister Pavel Orlov, Russian Ambassador to Chile Ivan Demin and Chilean Ambassador to Russia Rosa Vidal.",
        )
        .expect("a welcome");
        let names: Vec<&str> = party.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Pavel Orlov", "Ivan Demin", "Rosa Vidal"]);
        assert_eq!(airport.as_deref(), Some("Sheremetyevo Airport"));
        let (party, _) = welcoming_party(
            "At the airport he was greeted by Mr. Andrei Rudov, the special representative of President Grigoriev, and the Ambassador of Burkina Faso, Salif Traore.",
        )
        .expect("a welcome");
        assert_eq!(party[0].name, "Andrei Rudov");
        assert!(!party.iter().any(|m| m.name.contains("Grigoriev")));
        // The party named before an active verb, with titles the patterns do not read.
        let (party, _) = welcoming_party(
            "Russian Special Presidential Envoy for Asia and the Pacific Pavel Orlov, Russian Ambassador to Santiago Ivan Demin and Chilean Ambassador to Moscow Rosa Vidal met the President at the airport.",
        )
        .expect("a welcome");
        let found: Vec<(&str, Option<&str>)> = party
            .iter()
            .map(|m| (m.name.as_str(), m.country.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                ("Pavel Orlov", Some("RUS")),
                ("Ivan Demin", Some("RUS")),
                ("Rosa Vidal", Some("CHL"))
            ]
        );
        // A talk "welcomed by" both sides is no arrival.
        assert!(welcoming_party("The proposal was welcomed by President Lima.").is_none());
    }

    #[test]
    fn post_nominal_letters_are_not_part_of_a_name() {
        assert_eq!(clean_name("Edward Hale MP").as_deref(), Some("Edward Hale"));
        assert_eq!(
            clean_name("Dame Joan Ashby DBE KC").as_deref(),
            Some("Joan Ashby")
        );
    }

    #[test]
    fn the_dean_of_the_diplomatic_corps_speaks_for_it() {
        assert!(meets_diplomatic_corps(
            "The President received the heads of diplomatic missions accredited to Fiji."
        ));
        assert!(!meets_diplomatic_corps(
            "The President received the Ambassador of Peru."
        ));
        let m = group_speaker(
            "Dean of the Diplomatic Corps Arman Sadykov, Ambassador of the Republic of Kazakhstan to Fiji, thanked the President for the invitation.",
        )
        .expect("the dean");
        assert_eq!(
            (m.name.as_str(), m.title.as_deref(), m.country.as_deref()),
            ("Arman Sadykov", Some("Ambassador"), Some("KAZ"))
        );
        let m = group_speaker(
            "Speaking for the corps, the doyen of the diplomatic corps, Ambassador Paul Ndongo of Cameroon, wished the nation a good year.",
        )
        .expect("the doyen");
        assert_eq!(
            (m.name.as_str(), m.country.as_deref()),
            ("Paul Ndongo", Some("CMR"))
        );
        assert!(group_speaker("The Dean of the Diplomatic Corps also attended.").is_none());
    }

    #[test]
    fn unnamed_principals_take_the_publishers_country() {
        let m = unnamed_principal(
            "The Prime Minister spoke to President Trump this evening.",
            "From: Prime Minister's Office, 10 Downing Street",
        )
        .unwrap();
        assert_eq!(
            (m.title.as_deref(), m.country.as_deref()),
            (Some("Prime Minister"), Some("GBR"))
        );
        let m = unnamed_principal(
            "The President of Russia had a telephone conversation with...",
            "",
        )
        .unwrap();
        assert_eq!(m.country.as_deref(), Some("RUS"));
        assert!(unnamed_principal("The Prime Minister Narendra Modi spoke", "").is_none());
        // The office ends where it does, not at the next word's first letter.
        let lead = "The Prime Minister spoke to the Prime Minister of Canada Mark Carney.";
        assert_eq!(unnamed_principal(lead, "").map(|m| m.end), Some(18));
    }

    #[test]
    fn the_office_and_a_titled_person() {
        assert_eq!(
            names(
                "The Prime Minister and Prime Minister Lee Hsien Loong of Singapore signed a joint statement."
            ),
            [m("Lee Hsien Loong", Some("Prime Minister"), Some("SGP"))]
        );
        let lead = "The Prime Minister and Prime Minister Lee Hsien Loong of Singapore signed.";
        assert!(unnamed_principal(lead, "").is_some());
        assert!(
            unnamed_principal(
                "Turkish President Recep Tayyip Erdogan called the President of Russia.",
                ""
            )
            .is_some()
        );
    }

    #[test]
    fn a_list_of_countries_after_their_ministers() {
        let c: Vec<Option<String>> = counterparts(
            "The third trilateral meeting of the foreign ministers of Chile, Peru and Bolivia was held.",
        )
        .into_iter()
        .map(|m| m.country)
        .collect();
        assert_eq!(
            c,
            [Some("CHL".into()), Some("PER".into()), Some("BOL".into())]
        );
        assert_eq!(
            counterparts("Meeting of Chilean, Peruvian, Bolivian FMs").len(),
            3
        );
    }

    #[test]
    fn several_counterparts() {
        let c: Vec<Option<String>> =
            counterparts("held a meeting with German, UK, and French counterparts")
                .into_iter()
                .map(|m| m.country)
                .collect();
        assert_eq!(
            c,
            [Some("DEU".into()), Some("GBR".into()), Some("FRA".into())]
        );
    }

    #[test]
    fn state_councilor_is_a_title() {
        assert_eq!(
            names("State Councilor Yang Jiechi and other people attended the meeting."),
            [m("Yang Jiechi", Some("State Councilor"), Some("CHN"))]
        );
    }

    fn bare(text: &str) -> Vec<String> {
        bare_mentions(text).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn the_subject_and_object_of_a_contact_verb_are_people() {
        assert_eq!(
            bare("Dmitri Volkov had a telephone conversation with Halima Yusuf:"),
            ["Dmitri Volkov", "Halima Yusuf"]
        );
        assert_eq!(
            bare("On Tuesday, Ines Okafor received Tomas Lindqvist at the ministry."),
            ["Ines Okafor", "Tomas Lindqvist"]
        );
        // A time word between the verb and its object.
        assert_eq!(
            bare("The Secretary met today with Anna Sif Berg, the Minister, in Reykjavik."),
            ["Anna Sif Berg"]
        );
        assert_eq!(
            bare("The Minister received yesterday Tomas Lindqvist at the ministry."),
            ["Tomas Lindqvist"]
        );
    }

    #[test]
    fn an_honorific_announces_a_name_of_many_words() {
        assert_eq!(
            bare("He met His Highness Sheikh Khalid bin Saeed bin Rashid Al Qasimi yesterday."),
            ["Khalid bin Saeed bin Rashid Al Qasimi"]
        );
        assert_eq!(
            bare("The Minister received the new Ambassador, Mr. Abdel Karim Saad Al-Hadi Osman."),
            ["Abdel Karim Saad Al-Hadi Osman"]
        );
    }

    #[test]
    fn countries_months_and_single_words_are_not_bare_names() {
        assert!(bare("Turkey received Saudi Arabia's offer.").is_empty());
        assert!(bare("The minister met Jones.").is_empty());
        assert!(bare("The leaders met with September Group members.").is_empty());
    }

    #[test]
    fn an_initial_glued_to_the_name() {
        assert_eq!(
            names("President Ts.Batbold received Prime Minister J.Ganbaatar.")
                .into_iter()
                .map(|m| m.0)
                .collect::<Vec<_>>(),
            ["Ts.Batbold", "J.Ganbaatar"]
        );
    }

    #[test]
    fn a_countrys_adjective_starts_another_mention_not_a_name() {
        let found: Vec<(String, Option<String>)> = names(
            "He held talks with the Saudi King, Bahraini King Hamad bin Isa Al Khalifa and others.",
        )
        .into_iter()
        .map(|(name, _, country)| (name, country))
        .collect();
        assert_eq!(
            found,
            [(
                "Hamad bin Isa Al Khalifa".to_string(),
                Some("BHR".to_string())
            )]
        );
        assert!(crate::data::is_country_adjective("Jordanian"));
        assert!(!crate::data::is_country_adjective("Jordan"));
    }

    #[test]
    fn a_title_then_a_comma_then_the_name() {
        assert_eq!(
            names(
                "Deputy Prime Minister, Minister of Foreign Affairs, Salim Haddad, received him."
            )[0]
            .0,
            "Salim Haddad"
        );
    }

    #[test]
    fn family_name_then_given_names_after_an_honorific() {
        assert_eq!(
            names(
                "He held a telephone talk with H.E. Mr. Ivanov, Pyotr Sergeyevich, President of the Russian Federation."
            )[0],
            m(
                "Pyotr Sergeyevich Ivanov",
                Some("President of the Russian Federation"),
                Some("RUS")
            )
        );
    }

    #[test]
    fn a_rank_before_a_name_is_not_part_of_it() {
        assert_eq!(
            clean_name("General Omar Hadi").as_deref(),
            Some("Omar Hadi")
        );
        assert_eq!(clean_name("General"), None);
    }

    #[test]
    fn offices_named_in_plain_words_are_unnamed_principals() {
        let found: Vec<(Option<String>, Option<String>)> = unnamed_by_role(
            "Turkish foreign minister on Saturday spoke with his U.S. counterpart on the phone.",
        )
        .into_iter()
        .map(|m| (m.title, m.country))
        .collect();
        assert_eq!(
            found,
            [
                (Some("Foreign Minister".into()), Some("TUR".into())),
                (None, Some("USA".into()))
            ]
        );
        assert!(unnamed_by_role("Turkish Foreign Minister Ali Demir spoke.").is_empty());
    }

    #[test]
    fn a_country_word_before_a_title_is_found_by_looking_back() {
        fn at(text: &str, word: &str) -> Option<(String, &'static str)> {
            let start = text.find(word).unwrap();
            country_word_before(text, start)
                .map(|(at, c)| (text[at..start].into(), c.code.as_str()))
        }
        assert_eq!(
            at("talks with Chinese President Xi", "President"),
            Some(("Chinese ".into(), "CHN"))
        );
        assert_eq!(
            at("met the United States Secretary of State", "Secretary"),
            Some(("the United States ".into(), "USA"))
        );
        assert_eq!(
            at("and (South African President Ramaphosa", "President"),
            Some(("South African ".into(), "ZAF"))
        );
        assert_eq!(at("Yesterday President Putin", "President"), None);
        // A country word must stand apart from the title.
        assert_eq!(at("Chinese-President", "President"), None);
    }

    #[test]
    fn starts_are_word_and_title_beginnings() {
        assert_eq!(
            object_verb_starts("He met with Li, and received Wu."),
            [3, 20]
        );
        assert_eq!(honorific_starts("H.E. Mr. Li and Sheikh Tamim"), [0, 5, 16]);
        assert_eq!(name_starts("McDonald met al-Sisi"), [0, 2, 9, 13, 16]);
        let text = "the Foreign Minister and SecretaryGeneral";
        let starts: Vec<&str> = title_starts(text).iter().map(|&i| &text[i..]).collect();
        assert!(starts.contains(&"Foreign Minister and SecretaryGeneral"));
        assert!(starts.contains(&"Minister and SecretaryGeneral"));
        assert!(!starts.iter().any(|s| s.starts_with("General")));
    }

    /// The mention patterns as unanchored searches, as they were before they were tried at
    /// likely starts only.
    fn unanchored(re: &Pattern) -> &'static Pattern {
        let pattern = re.as_str().strip_prefix('^').unwrap();
        Box::leak(Box::new(Pattern::of(big_regex(pattern).unwrap())))
    }

    fn spans(found: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
        found.collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Trying the anchored patterns at the likely starts finds what the unanchored
        /// patterns find, on sentences made of titles, honorifics, names, countries and verbs.
        #[test]
        fn anchored_patterns_at_likely_starts_match_as_unanchored_ones(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "President", "Foreign Minister", "Prime Minister", "of", "the", "China",
                    "United States", "Chinese", "H.E.", "Mr.", "Sheikh", "Xi", "Jinping",
                    "Mohammed", "bin", "Salman", "al-Sisi", ",", ".", "met", "with", "and",
                    "talks", "received", "Dr", "McDonald", "Élysée", "(US)", "Jr.", "said",
                ]),
                1..18,
            )
        ) {
            let text = words.join(" ").replace(" ,", ",");
            static PATTERNS: std::sync::LazyLock<[(&'static Pattern, &'static Pattern); 4]> =
                std::sync::LazyLock::new(|| {
                    [&TITLED, &NAME_COMMA_TITLE, &OBJECT, &HONORED]
                        .map(|re| (re, unanchored(re)))
                });
            for (i, (anchored, plain)) in PATTERNS.iter().enumerate() {
                let starts = match i {
                    0 => title_starts(&text),
                    1 => name_comma_starts(&text),
                    2 => object_verb_starts(&text),
                    _ => honorific_starts(&text),
                };
                let got = spans(
                    matches_from(anchored, &text, &starts)
                        .iter()
                        .map(|c| (c.whole().start, c.whole().end)),
                );
                let want = spans(plain.find_iter(&text).map(|m| (m.start(), m.end())));
                proptest::prop_assert_eq!(got, want, "pattern {} on {:?}", i, text);
            }
        }
    }

    #[test]
    fn a_list_of_names_after_a_contact_verb_is_everyone_met() {
        let names: Vec<String> = bare_mentions(
            "Minister Gantz met with Representatives Elaine Luria, Mike Gallagher, and Ro Khanna.",
        )
        .into_iter()
        .map(|m| m.name)
        .collect();
        assert_eq!(names, ["Elaine Luria", "Mike Gallagher", "Ro Khanna"]);
    }

    #[test]
    fn a_peer_is_named_after_lord() {
        let found: Vec<String> = find_mentions(
            "a telephone call from Lord Tariq Ahmad, Minister of State at the UK Foreign Office.",
        )
        .into_iter()
        .map(|m| m.name)
        .collect();
        assert_eq!(found, ["Tariq Ahmad"]);
    }

    #[test]
    fn the_rest_of_a_title_after_its_comma_is_no_person() {
        let found: Vec<String> = find_mentions(
            "held talks with her counterpart, HE Mr Simeon Oyono Esono Angue, Minister of \
             Foreign Affairs, International Cooperation and Diaspora.",
        )
        .into_iter()
        .map(|m| m.name)
        .collect();
        assert_eq!(found, ["Simeon Oyono Esono Angue"]);
    }
}
