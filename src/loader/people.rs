//! Mentions of people: "Chinese President Xi Jinping", "Secretary of State Rex Tillerson of
//! the US", "Mr. Shinzo Abe, Prime Minister of Japan", or a known name on its own.

use crate::data::{self, COUNTRIES, HONORIFICS, NAME_STOPS, PEOPLE, TITLES};
use regex::Regex;
use std::sync::LazyLock;

/// One person mentioned in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub title: Option<String>,
    /// ISO code of the person's country, when the text or the people table tells it.
    pub country: Option<String>,
}

/// An alternation of literal phrases, longest first so the longest wins.
fn alternation<'a>(phrases: impl Iterator<Item = &'a String>) -> String {
    let mut v: Vec<&String> = phrases.collect();
    v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    v.dedup();
    v.iter()
        .map(|p| regex::escape(p))
        .collect::<Vec<_>>()
        .join("|")
}

const NAME_TOKEN: &str = r"(?:\p{Lu}[\p{L}\p{M}'’\-]*\.?|\p{Ll}{1,3}-\p{Lu}[\p{L}\p{M}'’\-]*)";
const NAME_PARTICLE: &str = r"(?:bin|ibn|al|de|da|van|von|der|la|le|du|dos)";

fn name_pattern() -> String {
    format!(r"{NAME_TOKEN}(?:\s+(?:{NAME_PARTICLE}\s+)?{NAME_TOKEN}){{0,3}}(?:,?\s+Jr\.)?")
}

fn country_names() -> String {
    alternation(COUNTRIES.iter().flat_map(|c| c.names.iter()))
}

fn country_words() -> String {
    alternation(
        COUNTRIES
            .iter()
            .flat_map(|c| c.names.iter().chain(c.adjectives.iter())),
    )
}

/// "US Secretary of State Rex Tillerson", "President Donald Trump of the United States (US)".
static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    let hon = alternation(HONORIFICS.iter());
    Regex::new(&format!(
        r"(?:\b(?P<adj>{adj})\s+)?(?:\b(?:{hon})\s+)?\b(?P<title>{title})\s+(?:(?:{hon})\s+)?(?P<name>{name})(?:\s+of\s+(?:the\s+)?(?P<of>{of})\b(?:\s*\([A-Z.]+\))?)?",
        adj = country_words(),
        title = alternation(TITLES.iter()),
        name = name_pattern(),
        of = country_names(),
    ))
    .expect("valid mention regex")
});

/// "Mr. Shinzo Abe, Prime Minister of Japan".
static NAME_COMMA_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:{hon})\s+(?P<name>{name}),\s+(?:the\s+)?(?P<title>{title})(?:\s+of\s+(?:the\s+)?(?P<of>{of})\b)?",
        hon = alternation(HONORIFICS.iter()),
        name = name_pattern(),
        title = alternation(TITLES.iter()),
        of = country_names(),
    ))
    .expect("valid mention regex")
});

/// Known people by full name (single-word aliases are too ambiguous to find people by).
static KNOWN: LazyLock<Regex> = LazyLock::new(|| {
    let names = PEOPLE
        .iter()
        .flat_map(|p| std::iter::once(&p.name).chain(p.aliases.iter()))
        .filter(|n| n.contains(' ') && !starts_with_title_or_honorific(n));
    Regex::new(&format!(r"\b(?:{})\b", alternation(names))).expect("valid names regex")
});

fn starts_with_title_or_honorific(name: &str) -> bool {
    TITLES
        .iter()
        .chain(HONORIFICS.iter())
        .any(|t| name.starts_with(&format!("{t} ")))
}

/// All people mentioned in a sentence, in order of position.
pub fn find_mentions(text: &str) -> Vec<Mention> {
    let mut found: Vec<Mention> = Vec::new();
    for re in [&*TITLED, &*NAME_COMMA_TITLE] {
        for c in re.captures_iter(text) {
            let whole = c.get(0).expect("group 0");
            let Some(name) = c.name("name").and_then(|m| clean_name(m.as_str())) else {
                continue;
            };
            let explicit = c
                .name("of")
                .or(c.name("adj"))
                .and_then(|m| data::country_by_name_or_adjective(m.as_str()))
                .map(|c| c.code.clone());
            let known = data::person_by_name(&name);
            found.push(Mention {
                start: whole.start(),
                end: whole.end(),
                name: known.map_or(name, |p| p.name.clone()),
                title: c.name("title").map(|t| t.as_str().to_string()),
                country: explicit.or_else(|| known.and_then(|p| p.country.clone())),
            });
        }
    }
    for m in KNOWN.find_iter(text) {
        if let Some(person) = data::person_by_name(m.as_str()) {
            found.push(Mention {
                start: m.start(),
                end: m.end(),
                name: person.name.clone(),
                title: None,
                country: person.country.clone(),
            });
        }
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

/// Trims what the name pattern over-reaches: a possessive, a final stop, headline words.
fn clean_name(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for w in raw.split_whitespace() {
        if NAME_STOPS.iter().any(|s| s == w) {
            break;
        }
        words.push(w);
    }
    let mut name = words.join(" ");
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(n) = name.strip_suffix(suffix) {
            name = n.to_string();
        }
    }
    while name.ends_with('.') && !ends_with_initial_or_suffix(&name) {
        name.pop();
    }
    let name = name.trim_end_matches(',').trim().to_string();
    (!name.is_empty() && name.chars().next().is_some_and(|c| c.is_alphabetic())).then_some(name)
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
    fn state_councilor_is_a_title() {
        assert_eq!(
            names("State Councilor Yang Jiechi and other people attended the meeting."),
            [m("Yang Jiechi", Some("State Councilor"), Some("CHN"))]
        );
    }
}
