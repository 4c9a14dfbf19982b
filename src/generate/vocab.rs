//! The generator's vocabulary: leaders, body sentences, venues and rare terms, as data files.

use crate::data::{COUNTRIES, data_lines, parse_list};
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leader {
    pub country: String,
    /// `head` (head of state or government) or `fm` (foreign minister).
    pub tier: String,
    pub name: String,
    /// How later mentions name them ("Macron"; Chinese texts repeat the full name).
    pub short: String,
    pub title: String,
    pub female: bool,
    pub from: i32,
    pub to: i32,
    /// Other ways publishers write the full name ("Joseph R. Biden, Jr.", "KISHIDA Fumio").
    pub forms: Vec<String>,
}

/// `leaders.tsv`: country, tier, name, short form, title, gender, first and last year in office,
/// other forms of the name.
pub fn parse_leaders(text: &str) -> Vec<Leader> {
    data_lines(text)
        .filter_map(|line| {
            let c: Vec<&str> = line.split('\t').map(str::trim).collect();
            if c.len() < 8 {
                return None;
            }
            Some(Leader {
                country: c[0].to_string(),
                tier: c[1].to_string(),
                name: c[2].to_string(),
                short: c[3].to_string(),
                title: c[4].to_string(),
                female: c[5] == "f",
                from: c[6].parse().ok()?,
                to: c[7].parse().ok()?,
                forms: c
                    .get(8)
                    .map(|f| crate::data::split_alternatives(f))
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// `sentences.tsv`: kind and sentence.
pub fn parse_sentences(text: &str) -> Vec<(String, String)> {
    crate::data::parse_pairs(text)
}

pub static LEADERS: LazyLock<Vec<Leader>> =
    LazyLock::new(|| parse_leaders(include_str!("../data/generator/leaders.tsv")));
pub static SENTENCES: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| parse_sentences(include_str!("../data/generator/sentences.tsv")));
pub static RARE_TERMS: LazyLock<Vec<String>> =
    LazyLock::new(|| parse_list(include_str!("../data/generator/rare_terms.txt")));
pub static CITIES: LazyLock<Vec<String>> =
    LazyLock::new(|| parse_list(include_str!("../data/generator/cities.txt")));

/// Sentences of one kind.
pub fn sentences(kind: &str) -> Vec<&'static str> {
    SENTENCES
        .iter()
        .filter(|(k, _)| k == kind)
        .map(|(_, s)| s.as_str())
        .collect()
}

/// How a country is named after "of": "the United States", "France".
pub fn country_after_of(code: &str) -> String {
    let Some(c) = COUNTRIES.iter().find(|c| c.code == code) else {
        return code.to_string();
    };
    let with_article = format!("the {}", c.name);
    if c.names.contains(&with_article) {
        with_article
    } else {
        c.name.clone()
    }
}

/// A country's name as a sentence subject or object ("the United States", "China").
pub fn country_name(code: &str) -> String {
    country_after_of(code)
}

/// The country's adjective ("French"), or its name when it has none.
pub fn country_adjective(code: &str) -> String {
    COUNTRIES
        .iter()
        .find(|c| c.code == code)
        .and_then(|c| c.adjectives.first().cloned())
        .unwrap_or_else(|| country_name(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaders_table_parses_and_names_known_countries() {
        assert!(LEADERS.len() > 60);
        for l in LEADERS.iter() {
            assert!(
                COUNTRIES.iter().any(|c| c.code == l.country),
                "{} has unknown country {}",
                l.name,
                l.country
            );
            assert!(l.from <= l.to, "{}", l.name);
            assert!(l.tier == "head" || l.tier == "fm", "{}", l.name);
        }
    }

    #[test]
    fn leaders_line_gives_every_column() {
        let l = parse_leaders("FRA\thead\tEmmanuel Macron\tMacron\tPresident\tm\t2017\t2026\n");
        assert_eq!(l[0].short, "Macron");
        assert_eq!((l[0].from, l[0].to, l[0].female), (2017, 2026, false));
    }

    #[test]
    fn every_sentence_kind_the_generator_uses_exists() {
        for kind in [
            "intro_a", "intro_b", "point", "korea", "other", "rare", "distract", "future",
            "closing",
        ] {
            assert!(!sentences(kind).is_empty(), "{kind}");
        }
        assert!(!RARE_TERMS.is_empty() && !CITIES.is_empty());
    }

    #[test]
    fn countries_read_naturally() {
        assert_eq!(country_after_of("USA"), "the United States");
        assert_eq!(country_after_of("FRA"), "France");
        assert_eq!(country_adjective("FRA"), "French");
    }
}
