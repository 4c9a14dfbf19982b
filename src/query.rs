//! From what the user typed to a tantivy query: the query language with a forgiving fallback
//! for plain text, and the filters (`--type`, `--participant`, `--country`, `--from`, `--to`).

use crate::index::schema::Fields;
use crate::loader::date::{Date, days_from_civil};
use crate::record::EventType;
use anyhow::{Result, anyhow, bail};
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, Query, QueryParser, QueryParserError, RangeQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, Index, Term};

/// Longest query accepted; longer input is refused rather than parsed.
pub const MAX_QUERY_BYTES: usize = 16 * 1024;

/// Deepest parenthesis nesting accepted: the query parser recurses once per level.
pub const MAX_NESTING: usize = 64;

/// How deeply parentheses nest in the query.
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                max = max.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Filters that narrow a search, already validated.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub event_type: Option<EventType>,
    pub participants: Vec<String>,
    pub countries: Vec<String>,
    /// Exact publisher names, as `diplo contacts` and `stats` show them.
    pub publishers: Vec<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Filters {
    /// Whether the filters narrow nothing.
    pub fn is_empty(&self) -> bool {
        self.event_type.is_none()
            && self.participants.is_empty()
            && self.countries.is_empty()
            && self.publishers.is_empty()
            && self.from.is_none()
            && self.to.is_none()
    }

    /// Validates the date range: `--from` must not come after `--to`.
    pub fn check(&self) -> Result<()> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from.first_day() > to.last_day()
        {
            bail!("--from {from} is after --to {to}: swap them or widen the range");
        }
        Ok(())
    }
}

/// What the user asked for, parsed once into the queries that every command and printer of
/// one run shares: the query's words (what snippets highlight) and the words narrowed by the
/// filters (what selects records).
pub struct Request {
    pub words: Box<dyn Query>,
    pub selection: Box<dyn Query>,
}

impl Request {
    /// Parses the query (`None`: every record) and applies the filters, checked first.
    pub fn parse(
        index: &Index,
        fields: &Fields,
        query: Option<&str>,
        filters: &Filters,
    ) -> Result<Request> {
        filters.check()?;
        let words: Box<dyn Query> = match query {
            Some(text) => parse_user_query(index, fields, text)?,
            None => Box::new(AllQuery),
        };
        let selection = with_filters(words.box_clone(), fields, filters)?;
        Ok(Request { words, selection })
    }
}

/// Characters that make a query structured; plain text never has them.
const STRUCTURAL: [char; 8] = ['(', ')', '[', ']', '{', '}', ':', '"'];

/// Parses the user's query with tantivy's query language over title, body and participant
/// names (every word required). Plain text such as `China's position` never fails: when the
/// strict parse fails and the query has no structure, its special characters are escaped.
pub fn parse_user_query(index: &Index, fields: &Fields, text: &str) -> Result<Box<dyn Query>> {
    if text.len() > MAX_QUERY_BYTES {
        bail!(
            "the query is {} bytes long, over the limit of {} bytes: shorten it",
            text.len(),
            MAX_QUERY_BYTES
        );
    }
    let depth = nesting_depth(text);
    if depth > MAX_NESTING {
        bail!(
            "the query nests parentheses {depth} deep, over the limit of {MAX_NESTING}: simplify it"
        );
    }
    let mut parser = QueryParser::for_index(index, vec![fields.title, fields.body, fields.names]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(fields.title, 2.0);
    parser.set_field_boost(fields.names, 1.5);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        bail!("the query is empty: give words to search for, or `*` for every record");
    }
    let softened = escape_apostrophes(trimmed);
    match parser.parse_query(&softened) {
        Ok(q) => Ok(q),
        Err(QueryParserError::SyntaxError(_)) if !softened.contains(STRUCTURAL) => parser
            .parse_query(&escape_all(&softened))
            .map_err(|e| query_error(text, &e)),
        Err(e) => Err(query_error(text, &e)),
    }
}

fn query_error(text: &str, e: &QueryParserError) -> anyhow::Error {
    let hint = match e {
        QueryParserError::FieldDoesNotExist(_) => {
            "searchable fields are title, body, names, participant, person, country, event_type, requested_by, publisher, source, id"
        }
        QueryParserError::AllButQueryForbidden => {
            "add at least one word to search for besides the excluded ones"
        }
        QueryParserError::DateFormatError(_) => {
            "write dates as 2017-03-19T00:00:00Z in a query, or use --from/--to"
        }
        _ => "check the brackets and quotes, or put the text in quotes to search it as a phrase",
    };
    anyhow!("invalid query {text:?}: {e} ({hint})")
}

/// `China's` → `China\'s`: an apostrophe inside or after a word is text, not syntax.
fn escape_apostrophes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut prev_alnum = false;
    for c in text.chars() {
        if matches!(c, '\'' | '’') && prev_alnum {
            out.push('\\');
        }
        out.push(c);
        prev_alnum = c.is_alphanumeric();
    }
    out
}

/// Escapes every character the query language treats specially, except a leading `-`
/// exclusion and `*` on its own.
fn escape_all(text: &str) -> String {
    const SPECIAL: &[char] = &[
        '+', '^', '`', ':', '{', '}', '"', '[', ']', '(', ')', '~', '!', '\\', '*', ' ', '\'', '<',
        '>', '=', '/',
    ];
    text.split(' ')
        .map(|word| {
            let (sign, rest) = match word.strip_prefix('-') {
                Some(rest) if !rest.is_empty() => ("-", rest),
                _ => ("", word),
            };
            let mut escaped = String::from(sign);
            let mut prev_backslash = false;
            for c in rest.chars() {
                if SPECIAL.contains(&c) && !prev_backslash {
                    escaped.push('\\');
                }
                prev_backslash = c == '\\' && !prev_backslash;
                escaped.push(c);
            }
            escaped
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The user's query with the filters applied.
pub fn with_filters(
    query: Box<dyn Query>,
    fields: &Fields,
    filters: &Filters,
) -> Result<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    let term = |field, value: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    };
    if let Some(t) = filters.event_type {
        clauses.push((Occur::Must, term(fields.event_type, t.as_str())));
    }
    for name in &filters.participants {
        let key = normalize_participant(name);
        if key.is_empty() {
            bail!("--participant needs a name");
        }
        clauses.push((Occur::Must, term(fields.participant, &key)));
    }
    for country in &filters.countries {
        let c = crate::data::country_for_user(country).ok_or_else(|| {
            anyhow!("--country {country:?}: unknown country; give an ISO code (USA), a name (United States) or an adjective (American)")
        })?;
        clauses.push((Occur::Must, term(fields.country, &c.code)));
    }
    // Several publishers: a record has one, so any of them.
    if !filters.publishers.is_empty() {
        let any: Vec<(Occur, Box<dyn Query>)> = filters
            .publishers
            .iter()
            .map(|p| (Occur::Should, term(fields.publisher, p.trim())))
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    if filters.from.is_some() || filters.to.is_some() {
        let bound = |d: Option<Date>, last: bool| match d {
            None => Bound::Unbounded,
            Some(d) => {
                let (y, m, day) = if last { d.last_day() } else { d.first_day() };
                Bound::Included(Term::from_field_date(
                    fields.date,
                    DateTime::from_timestamp_secs(days_from_civil(y, m, day) * 86_400),
                ))
            }
        };
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                bound(filters.from, false),
                bound(filters.to, true),
            )),
        ));
    }
    Ok(if clauses.len() == 1 {
        clauses
            .pop()
            .map(|(_, q)| q)
            .unwrap_or_else(|| Box::new(AllQuery))
    } else {
        Box::new(BooleanQuery::new(clauses))
    })
}

/// A participant as the user typed it, as indexed: lower case, single spaces, honorifics
/// and titles resolved through the alias table ("President Trump" → "donald trump").
pub fn normalize_participant(name: &str) -> String {
    let folded = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(person) = crate::data::canonical_person(&folded) {
        return person.to_lowercase();
    }
    // "Chancellor Merkel", "H.E. Mr. Modi": drop leading honorifics and titles, then retry.
    let mut bare = folded.as_str();
    while let Some(rest) = strip_title(bare) {
        bare = rest;
    }
    crate::data::canonical_person(bare)
        .unwrap_or(bare)
        .to_lowercase()
}

/// `name` without one leading title or honorific (the longest that fits), if it has one.
fn strip_title(name: &str) -> Option<&str> {
    crate::data::TITLES
        .iter()
        .chain(crate::data::HONORIFICS.iter())
        .filter_map(|t| {
            let head = name.get(..t.len())?;
            let rest = name[t.len()..].strip_prefix(' ')?;
            (head.eq_ignore_ascii_case(t) && !rest.is_empty()).then_some((t.len(), rest))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, rest)| rest)
}

/// Whether a name found in a record (a participant or a speaker) is the person the user typed,
/// matched like `--participant`: full name, family name or alias, any case.
pub fn names_match(typed: &str, recorded: &str) -> bool {
    is_person(&normalize_participant(typed), recorded)
}

/// Whether a recorded name is the person whose normalised name ([`normalize_participant`]) is `wanted`.
pub fn is_person(wanted: &str, recorded: &str) -> bool {
    crate::index::writer::participant_keys(recorded)
        .iter()
        .any(|k| k == wanted)
        || normalize_participant(recorded) == wanted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_depth_counts_the_deepest_level() {
        assert_eq!(nesting_depth("a (b (c) d) (e)"), 2);
        assert_eq!(nesting_depth("no parens"), 0);
        assert_eq!(nesting_depth(")))((("), 3);
    }

    #[test]
    fn apostrophes_in_words_are_escaped() {
        assert_eq!(escape_apostrophes("China's position"), "China\\'s position");
        assert_eq!(escape_apostrophes("'quoted'"), "'quoted\\'");
    }

    #[test]
    fn escape_all_keeps_exclusions() {
        assert_eq!(escape_all("a:b -c"), "a\\:b -c");
    }

    #[test]
    fn participants_resolve_through_aliases() {
        assert_eq!(normalize_participant("President  Trump"), "donald trump");
        assert_eq!(normalize_participant("TRUMP"), "donald trump");
        assert_eq!(normalize_participant("Tillerson"), "rex tillerson");
        assert_eq!(normalize_participant("Someone Unknown"), "someone unknown");
        assert_eq!(normalize_participant("Chancellor Merkel"), "angela merkel");
        assert_eq!(
            normalize_participant("Secretary of State Tillerson"),
            "rex tillerson"
        );
        assert_eq!(
            normalize_participant("Mr. Unknown Person"),
            "unknown person"
        );
    }

    #[test]
    fn speakers_match_like_participants() {
        assert!(names_match("trump", "Donald Trump"));
        assert!(names_match("President Trump", "Donald Trump"));
        assert!(names_match("XI JINPING", "Xi Jinping"));
        assert!(!names_match("Trump", "Xi Jinping"));
    }

    #[test]
    fn from_after_to_is_an_error() {
        let f = Filters {
            from: Date::parse_iso_prefix("2018"),
            to: Date::parse_iso_prefix("2017-06"),
            ..Filters::default()
        };
        assert!(f.check().unwrap_err().to_string().contains("after"));
        let ok = Filters {
            from: Date::parse_iso_prefix("2017-06"),
            to: Date::parse_iso_prefix("2017"),
            ..Filters::default()
        };
        assert!(ok.check().is_ok());
    }
}
