//! Knowledge as data: the plain files beside this module, compiled in, and the small parsers
//! that read them. Extending coverage means adding a line to a file, not a branch of code.
//!
//! Every file shares one syntax: `#` starts a comment line, blank lines are ignored, columns
//! are separated by tabs, and alternatives inside a column by `|`.

use std::sync::LazyLock;

/// A country: its ISO code, the names it goes by, and its adjectives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub code: String,
    pub name: String,
    /// Every name, canonical first (`United States`, `US`, `the United States`, ...).
    pub names: Vec<String>,
    pub adjectives: Vec<String>,
}

/// A known person: canonical name, country (when any), and the other names texts use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub country: Option<String>,
    pub aliases: Vec<String>,
}

/// The lines of a data file that carry data: comments and blank lines removed, ends trimmed.
pub fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.trim_end_matches(['\r', '\n']))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// A list file: one entry per line.
pub fn parse_list(text: &str) -> Vec<String> {
    data_lines(text).map(|l| l.trim().to_string()).collect()
}

/// Splits a `|`-separated column into its non-empty alternatives.
pub fn split_alternatives(column: &str) -> Vec<String> {
    column
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `countries.tsv`: code, canonical name, other names, adjectives.
pub fn parse_countries(text: &str) -> Vec<Country> {
    data_lines(text)
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let code = cols.next()?.trim().to_string();
            let name = cols.next()?.trim().to_string();
            let mut names = vec![name.clone()];
            names.extend(split_alternatives(cols.next().unwrap_or("")));
            let adjectives = split_alternatives(cols.next().unwrap_or(""));
            Some(Country {
                code,
                name,
                names,
                adjectives,
            })
        })
        .collect()
}

/// `people.tsv`: canonical name, country code (`-` for none), aliases.
pub fn parse_people(text: &str) -> Vec<Person> {
    data_lines(text)
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let name = cols.next()?.trim().to_string();
            let country = cols
                .next()
                .map(str::trim)
                .filter(|c| !c.is_empty() && *c != "-")
                .map(str::to_string);
            let aliases = split_alternatives(cols.next().unwrap_or(""));
            Some(Person {
                name,
                country,
                aliases,
            })
        })
        .collect()
}

/// A two-column file `key<TAB>value`, in file order.
pub fn parse_pairs(text: &str) -> Vec<(String, String)> {
    data_lines(text)
        .filter_map(|line| {
            let (k, v) = line.split_once('\t')?;
            Some((k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

pub static COUNTRIES: LazyLock<Vec<Country>> =
    LazyLock::new(|| parse_countries(include_str!("countries.tsv")));
pub static PEOPLE: LazyLock<Vec<Person>> =
    LazyLock::new(|| parse_people(include_str!("people.tsv")));
pub static TITLES: LazyLock<Vec<String>> = LazyLock::new(|| parse_list(include_str!("titles.txt")));
pub static HONORIFICS: LazyLock<Vec<String>> =
    LazyLock::new(|| parse_list(include_str!("honorifics.txt")));
pub static CHROME: LazyLock<Vec<String>> = LazyLock::new(|| parse_list(include_str!("chrome.txt")));
pub static SPEECH_VERBS: LazyLock<Vec<String>> =
    LazyLock::new(|| parse_list(include_str!("speech_verbs.txt")));
pub static NAME_STOPS: LazyLock<Vec<String>> =
    LazyLock::new(|| parse_list(include_str!("name_stops.txt")));
pub static ABBREVIATIONS: LazyLock<Vec<String>> =
    LazyLock::new(|| parse_list(include_str!("abbreviations.txt")));
pub static DATE_LABELS: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| parse_pairs(include_str!("date_labels.tsv")));
pub static CLUTTER: LazyLock<Vec<String>> =
    LazyLock::new(|| parse_list(include_str!("clutter.txt")));
pub static CUT_MARKERS: LazyLock<Vec<String>> =
    LazyLock::new(|| parse_list(include_str!("cut_markers.txt")));
pub static OTHER_EVENT_MARKERS: LazyLock<Vec<String>> =
    LazyLock::new(|| parse_list(include_str!("other_event_markers.txt")));
pub static RELATIVE_DAYS: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| parse_pairs(include_str!("relative_days.tsv")));
pub static PUBLISHERS: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| parse_pairs(include_str!("publishers.tsv")));
pub static NOT_READOUT: LazyLock<Vec<String>> =
    LazyLock::new(|| parse_list(include_str!("not_readout.txt")));
pub static EVENT_PHRASES: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| parse_pairs(include_str!("event_phrases.tsv")));

/// The country with this ISO code.
pub fn country_by_code(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// The country a name or adjective refers to (`US`, `the United States`, `Chinese`), exact case.
pub fn country_by_name_or_adjective(word: &str) -> Option<&'static Country> {
    let word = word.trim();
    COUNTRIES
        .iter()
        .find(|c| c.names.iter().any(|n| n == word) || c.adjectives.iter().any(|a| a == word))
}

/// The country a user typed, case-insensitively: an ISO code, a name or an adjective.
pub fn country_for_user(input: &str) -> Option<&'static Country> {
    let input = input.trim();
    COUNTRIES.iter().find(|c| {
        c.code.eq_ignore_ascii_case(input)
            || c.names.iter().any(|n| n.eq_ignore_ascii_case(input))
            || c.adjectives.iter().any(|a| a.eq_ignore_ascii_case(input))
    })
}

/// A known person by canonical name or alias, exact case.
pub fn person_by_name(name: &str) -> Option<&'static Person> {
    PEOPLE
        .iter()
        .find(|p| p.name == name || p.aliases.iter().any(|a| a == name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_lines_skip_comments_and_blanks() {
        let text = "# header\n\nfirst\n  # indented comment\nsecond\r\n";
        assert_eq!(data_lines(text).collect::<Vec<_>>(), ["first", "second"]);
    }

    #[test]
    fn countries_line_gives_code_names_and_adjectives() {
        let c = parse_countries("USA\tUnited States\tUS|the United States\tAmerican|U.S.\n");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].code, "USA");
        assert_eq!(c[0].names, ["United States", "US", "the United States"]);
        assert_eq!(c[0].adjectives, ["American", "U.S."]);
    }

    #[test]
    fn countries_line_may_omit_trailing_columns() {
        let c = parse_countries("JPN\tJapan\n");
        assert_eq!(c[0].names, ["Japan"]);
        assert!(c[0].adjectives.is_empty());
    }

    #[test]
    fn people_line_with_dash_has_no_country() {
        let p = parse_people("António Guterres\t-\tGuterres\nXi Jinping\tCHN\tXi\n");
        assert_eq!(p[0].country, None);
        assert_eq!(p[1].country.as_deref(), Some("CHN"));
        assert_eq!(p[1].aliases, ["Xi"]);
    }

    #[test]
    fn pairs_keep_file_order() {
        let p = parse_pairs("b\t1\na\t2\n");
        assert_eq!(p, [("b".into(), "1".into()), ("a".into(), "2".into())]);
    }

    #[test]
    fn shipped_tables_parse_and_are_consistent() {
        assert!(COUNTRIES.len() > 50);
        for p in PEOPLE.iter() {
            if let Some(code) = &p.country {
                assert!(
                    country_by_code(code).is_some(),
                    "{} has unknown {code}",
                    p.name
                );
            }
        }
        for (_, t) in EVENT_PHRASES.iter() {
            assert!(
                crate::record::EventType::parse(t).is_some(),
                "unknown type {t}"
            );
        }
        assert!(TITLES.iter().any(|t| t == "Secretary of State"));
        for (_, kind) in DATE_LABELS.iter() {
            assert!(kind == "header" || kind == "byline", "{kind}");
        }
        for re in CLUTTER.iter() {
            assert!(regex::Regex::new(re).is_ok(), "bad clutter pattern {re}");
        }
        assert!(CUT_MARKERS.iter().any(|m| m == "Related News"));
        for (_, code) in PUBLISHERS.iter() {
            assert!(
                country_by_code(code).is_some(),
                "unknown publisher country {code}"
            );
        }
        for (word, days) in RELATIVE_DAYS.iter() {
            assert!(days.parse::<i64>().is_ok(), "{word}: {days}");
        }
    }

    #[test]
    fn users_name_countries_in_many_ways() {
        for name in ["US", "u.s.", "USA", "the United States", "America", "usa"] {
            assert_eq!(country_for_user(name).map(|c| c.code.as_str()), Some("USA"));
        }
        assert_eq!(country_for_user("DPRK").unwrap().code, "PRK");
        assert_eq!(country_for_user("north korea").unwrap().code, "PRK");
        assert_eq!(country_for_user("Britain").unwrap().code, "GBR");
        assert!(country_for_user("Atlantis").is_none());
    }
}
