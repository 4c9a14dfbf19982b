//! `diplo eval`: scores records against a hand-labelled answer key, field by field.
//!
//! The rules are those of the dev set's scorer (`shared/devset/score.py` and its README), ported
//! so that both give the same numbers on the same loader output:
//!
//! - names are compared by words after [`norm`]; two names match when one's words are all among
//!   the other's ("Blinken" ~ "Antony J. Blinken");
//! - principals and attendees are compared as sets, matched greedily in sorted order; a
//!   predicted participant matches by its `name` or its `as_written`;
//! - countries are the sorted list of the non-null ISO codes;
//! - a date counts only at day precision;
//! - a location's leading "the" is ignored;
//! - titles give one unit per titled key principal that was found by name;
//! - a non-readout is scored only on `event_type == other`;
//! - a multi-event document is scored only on `multi_event` and the union of its principals;
//! - attendees are scored only for complete documents (not excerpts).
//!
//! When the key labels contacts (`contact_id`), linking is scored pairwise over the files that
//! gave a record: `contact_precision` counts the pairs diplo linked that the key links too,
//! `contact_recall` the pairs the key links that diplo linked too.

use crate::record::{DatePrecision, Participant, Record, Role};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Every field scored, in the order they are printed.
pub const FIELDS: [&str; 13] = [
    "found",
    "date",
    "event_type",
    "principals",
    "countries",
    "requested_by",
    "attendees",
    "location",
    "titles",
    "multi_event",
    "non_readout",
    "contact_precision",
    "contact_recall",
];

/// A name as compared: NFKD, accents dropped, lowercase, every run of characters other than
/// ASCII letters and digits made one space, trimmed. "Erdoğan" and "ERDOGAN" give "erdogan";
/// "Amir-Abdollahian" gives "amir abdollahian". A name of other scripts gives "".
pub fn norm(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.nfkd().filter(|&c| canonical_combining_class(c) == 0) {
        for c in c.to_lowercase() {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.push(c);
            } else {
                gap = true;
            }
        }
    }
    out
}

/// Equal, or one name's words are all among the other's ("blinken" ~ "antony j blinken").
pub fn same_person(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let wa: HashSet<&str> = a.split_whitespace().collect();
    let wb: HashSet<&str> = b.split_whitespace().collect();
    !wa.is_empty() && !wb.is_empty() && (wa.is_subset(&wb) || wb.is_subset(&wa))
}

/// Whether `want` names the person spelled `got` (its canonical name and the name as written;
/// an empty spelling never matches).
pub fn same_any(want: &str, got: &[String]) -> bool {
    got.iter()
        .filter(|g| !g.is_empty())
        .any(|g| same_person(want, g))
}

/// The same people: as many, and each wanted name matched to a different predicted person,
/// taking the first one left that matches (in the sorted order both lists are in).
pub fn same_people(want: &[String], got: &[Spellings]) -> bool {
    if want.len() != got.len() {
        return false;
    }
    let mut left: Vec<&Spellings> = got.iter().collect();
    for w in want {
        match left.iter().position(|g| same_any(w, g)) {
            Some(i) => {
                left.remove(i);
            }
            None => return false,
        }
    }
    true
}

/// A place as compared: [`norm`], without a leading "the"; nothing when that leaves nothing.
pub fn norm_place(place: Option<&str>) -> Option<String> {
    let s = norm(place?);
    let s = match s.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => s,
    };
    (!s.is_empty()).then_some(s)
}

/// Both absent, or both present and the same by words.
pub fn same_place(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_person(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// One predicted person's spellings, normalised: its `name`, then its `as_written`.
pub type Spellings = Vec<String>;

fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

fn spellings(p: &Participant) -> Spellings {
    [present(&p.name), present(&p.as_written)]
        .into_iter()
        .flatten()
        .map(norm)
        .collect()
}

/// One line of the key, as scored.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyRow {
    pub readout: bool,
    pub date: Option<String>,
    pub event_type: Option<String>,
    /// The named principals, normalised and sorted.
    pub principals: Vec<String>,
    /// The non-null country codes, sorted.
    pub countries: Vec<String>,
    pub requested_by: Option<String>,
    pub attendees: Vec<String>,
    pub multi: bool,
    pub complete: bool,
    pub location: Option<String>,
    /// (name, title) of each principal that has both, normalised.
    pub titles: Vec<(String, String)>,
    /// The id the key gives every file of the same contact.
    pub contact: Option<String>,
}

/// A key line as written; unknown keys are ignored, `null` reads as the default.
#[derive(Debug, Deserialize)]
struct RawKeyLine {
    file: String,
    principals: Vec<Option<String>>,
    #[serde(default)]
    is_readout: Option<bool>,
    #[serde(default)]
    event_type: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    principal_countries: Option<Vec<Option<String>>>,
    #[serde(default)]
    principal_titles: Option<Vec<Option<String>>>,
    #[serde(default)]
    requested_by: Option<String>,
    #[serde(default)]
    attendees: Option<Vec<Option<String>>>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    multi_event: Option<bool>,
    #[serde(default)]
    complete: Option<bool>,
    #[serde(default)]
    contact_id: Option<String>,
}

/// What is wrong with one line of a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

/// The key: rows by file base name, sorted by name, and the names given more than once.
#[derive(Debug, Clone, Default)]
pub struct Key {
    pub rows: BTreeMap<String, KeyRow>,
    /// Base names on more than one line: the last line counts, as in score.py.
    pub repeated: Vec<String>,
}

/// The base name of a path written with `/` (the key's `file`, a record's `source`).
pub fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Parses a key in JSON Lines; blank lines are skipped. The first bad line is the error.
pub fn parse_key(text: &str) -> Result<Key, KeyError> {
    let mut key = Key::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let raw: RawKeyLine = serde_json::from_str(line).map_err(|e| KeyError {
            line: i + 1,
            message: e.to_string(),
        })?;
        let name = base_name(&raw.file).to_string();
        if key.rows.insert(name.clone(), key_row(raw)).is_some() {
            key.repeated.push(name);
        }
    }
    Ok(key)
}

fn key_row(raw: RawKeyLine) -> KeyRow {
    let named = |list: Option<Vec<Option<String>>>| -> Vec<String> {
        let mut v: Vec<String> = list
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .filter(|n| !n.is_empty())
            .map(|n| norm(&n))
            .collect();
        v.sort();
        v
    };
    let mut countries: Vec<String> = raw
        .principal_countries
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .collect();
    countries.sort();
    let titles = raw
        .principals
        .iter()
        .zip(raw.principal_titles.unwrap_or_default())
        .filter_map(|(n, t)| match (present(n), present(&t)) {
            (Some(n), Some(t)) => Some((norm(n), norm(t))),
            _ => None,
        })
        .collect();
    KeyRow {
        readout: raw.is_readout.unwrap_or(true),
        date: raw.date,
        event_type: raw.event_type,
        principals: named(Some(raw.principals)),
        countries,
        requested_by: raw.requested_by.as_deref().map(norm),
        attendees: named(raw.attendees),
        multi: raw.multi_event.unwrap_or(false),
        complete: raw.complete.unwrap_or(true),
        location: norm_place(raw.location.as_deref()),
        titles,
        contact: raw.contact_id.filter(|c| !c.is_empty()),
    }
}

/// What a record gives for each scored field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Predicted {
    /// The date, only when known to the day.
    pub date: Option<String>,
    pub event_type: &'static str,
    /// Named principals of the record (its first contact), sorted.
    pub principals: Vec<Spellings>,
    /// Named principals over every contact, sorted.
    pub all_principals: Vec<Spellings>,
    pub countries: Vec<String>,
    pub requested_by: Option<Spellings>,
    pub attendees: Vec<Spellings>,
    pub multi: bool,
    pub location: Option<String>,
    /// Each named principal, in order, with its title.
    pub titles: Vec<(Spellings, Option<String>)>,
    /// The contact the record was linked to, once the loaded files are linked.
    pub contact: Option<String>,
}

impl Predicted {
    pub fn of(r: &Record) -> Predicted {
        let principals: Vec<&Participant> = r.principals().collect();
        // The union over all reported contacts, for multi-event documents.
        let mut every = principals.clone();
        for e in r.events.iter().skip(1) {
            for p in &e.participants {
                let Some(name) = present(&p.name).filter(|_| p.role == Role::Principal) else {
                    continue;
                };
                let name = norm(name);
                if !every
                    .iter()
                    .any(|q| q.name.as_deref().map(norm).as_deref() == Some(name.as_str()))
                {
                    every.push(p);
                }
            }
        }
        let named_sorted = |ps: &[&Participant]| -> Vec<Spellings> {
            let mut v: Vec<Spellings> = ps
                .iter()
                .filter(|p| present(&p.name).is_some())
                .map(|p| spellings(p))
                .collect();
            v.sort();
            v
        };
        let attendees: Vec<&Participant> = r
            .participants
            .iter()
            .filter(|p| p.role == Role::Attendee)
            .collect();
        let mut countries: Vec<String> = principals
            .iter()
            .filter_map(|p| present(&p.country).map(str::to_string))
            .collect();
        countries.sort();
        Predicted {
            date: if r.date_precision == DatePrecision::Day {
                r.date.clone()
            } else {
                None
            },
            event_type: r.event_type.as_str(),
            principals: named_sorted(&principals),
            all_principals: named_sorted(&every),
            countries,
            requested_by: requester(present(&r.requested_by), &r.participants),
            attendees: named_sorted(&attendees),
            multi: r.events.len() > 1,
            location: norm_place(r.location.as_deref()),
            titles: principals
                .iter()
                .filter(|p| present(&p.name).is_some())
                .map(|p| (spellings(p), p.title.as_deref().map(norm)))
                .collect(),
            contact: r.contact.clone(),
        }
    }
}

/// The requester's spellings: those of the participant of that exact name, else the name.
fn requester(name: Option<&str>, parts: &[Participant]) -> Option<Spellings> {
    let name = name?;
    Some(
        parts
            .iter()
            .find(|p| p.name.as_deref() == Some(name))
            .map(spellings)
            .unwrap_or_else(|| vec![norm(name)]),
    )
}

/// What loading a keyed file gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Got {
    Record(Box<Predicted>),
    /// No record; the reasons (`code: message`).
    Nothing(Vec<String>),
}

/// One wrong answer: the file, what the key wants, what the record gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    pub file: String,
    pub want: Value,
    pub got: Value,
}

/// One field's tally.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tally {
    pub correct: usize,
    pub total: usize,
    pub misses: Vec<Miss>,
}

impl Tally {
    /// `correct / total`, or nothing when nothing was scored.
    pub fn accuracy(&self) -> Option<f64> {
        (self.total > 0).then(|| self.correct as f64 / self.total as f64)
    }
}

/// Every field's tally, in [`FIELDS`] order.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub fields: Vec<(&'static str, Tally)>,
}

impl Scores {
    fn new() -> Scores {
        Scores {
            fields: FIELDS.iter().map(|&f| (f, Tally::default())).collect(),
        }
    }

    pub fn get(&self, field: &str) -> Option<&Tally> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, t)| t)
    }

    fn mark(&mut self, field: &str, ok: bool, file: &str, want: Value, got: Value) {
        let Some((_, t)) = self.fields.iter_mut().find(|(f, _)| *f == field) else {
            return;
        };
        t.total += 1;
        if ok {
            t.correct += 1;
        } else {
            t.misses.push(Miss {
                file: file.to_string(),
                want,
                got,
            });
        }
    }
}

/// Scores every key row that has a loaded file (`got`, by base name), in file-name order.
/// Key rows without a file are not scored: the caller reports them.
pub fn score(key: &BTreeMap<String, KeyRow>, got: &BTreeMap<String, Got>) -> Scores {
    let mut s = Scores::new();
    for (name, t) in key {
        let Some(g) = got.get(name) else { continue };
        let p = match g {
            Got::Record(p) => {
                s.mark("found", true, name, json!("a record"), json!("a record"));
                p
            }
            Got::Nothing(problems) => {
                s.mark("found", false, name, json!("a record"), json!(problems));
                continue;
            }
        };
        score_one(&mut s, name, t, p);
    }
    if key.values().any(|t| t.contact.is_some()) {
        score_contacts(&mut s, key, got);
    }
    s
}

/// Pairwise linking scores over the keyed files that gave a record: each pair of files diplo
/// put in one contact is a unit of `contact_precision`, each pair the key puts in one contact a
/// unit of `contact_recall`.
fn score_contacts(s: &mut Scores, key: &BTreeMap<String, KeyRow>, got: &BTreeMap<String, Got>) {
    let linked: Vec<(&str, Option<&str>, Option<&str>)> = key
        .iter()
        .filter_map(|(name, t)| match got.get(name) {
            Some(Got::Record(p)) => {
                Some((name.as_str(), t.contact.as_deref(), p.contact.as_deref()))
            }
            _ => None,
        })
        .collect();
    for (i, &(a, key_a, got_a)) in linked.iter().enumerate() {
        for &(b, key_b, got_b) in &linked[i + 1..] {
            let by_key = key_a.is_some() && key_a == key_b;
            let by_diplo = got_a.is_some() && got_a == got_b;
            let pair = format!("{a} + {b}");
            if by_diplo {
                let want = if by_key {
                    "one contact"
                } else {
                    "two contacts"
                };
                s.mark(
                    "contact_precision",
                    by_key,
                    &pair,
                    json!(want),
                    json!("one contact"),
                );
            }
            if by_key {
                let got = if by_diplo {
                    "one contact"
                } else {
                    "two contacts"
                };
                s.mark(
                    "contact_recall",
                    by_diplo,
                    &pair,
                    json!("one contact"),
                    json!(got),
                );
            }
        }
    }
}

fn score_one(s: &mut Scores, name: &str, t: &KeyRow, p: &Predicted) {
    if !t.readout {
        let ok = p.event_type == "other";
        s.mark("non_readout", ok, name, json!("other"), json!(p.event_type));
        return;
    }
    s.mark(
        "multi_event",
        p.multi == t.multi,
        name,
        json!(t.multi),
        json!(p.multi),
    );
    if t.multi {
        // Only the union of principals: the primary contact's other fields are checked by hand.
        let ok = same_people(&t.principals, &p.all_principals);
        s.mark(
            "principals",
            ok,
            name,
            json!(t.principals),
            json!(p.all_principals),
        );
        return;
    }
    s.mark("date", p.date == t.date, name, json!(t.date), json!(p.date));
    let ok = t.event_type.as_deref() == Some(p.event_type);
    s.mark(
        "event_type",
        ok,
        name,
        json!(t.event_type),
        json!(p.event_type),
    );
    let ok = same_people(&t.principals, &p.principals);
    s.mark(
        "principals",
        ok,
        name,
        json!(t.principals),
        json!(p.principals),
    );
    let ok = p.countries == t.countries;
    s.mark(
        "countries",
        ok,
        name,
        json!(t.countries),
        json!(p.countries),
    );
    let ok = match (&t.requested_by, &p.requested_by) {
        (None, None) => true,
        (Some(w), Some(g)) => same_any(w, g),
        _ => false,
    };
    s.mark(
        "requested_by",
        ok,
        name,
        json!(t.requested_by),
        json!(p.requested_by),
    );
    if t.complete {
        let ok = same_people(&t.attendees, &p.attendees);
        s.mark(
            "attendees",
            ok,
            name,
            json!(t.attendees),
            json!(p.attendees),
        );
    }
    let ok = same_place(t.location.as_deref(), p.location.as_deref());
    s.mark("location", ok, name, json!(t.location), json!(p.location));
    // One unit per titled principal of the key that the record names.
    for (who, title) in &t.titles {
        let Some((_, got)) = p.titles.iter().find(|(n, _)| same_any(who, n)) else {
            continue;
        };
        let ok = got.as_deref().is_some_and(|g| same_person(title, g));
        s.mark("titles", ok, name, json!([who, title]), json!(got));
    }
}

/// The JSON contract of `diplo eval --json`.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// Every field, in [`FIELDS`] order: `{correct, total, accuracy}`.
    #[serde(serialize_with = "fields_in_order")]
    pub fields: Vec<(&'static str, Tally)>,
    /// Key files found among the loaded files (scored, with or without a record).
    pub matched_files: usize,
    /// Key files that no loaded file has the base name of (not scored).
    pub unmatched_key_files: usize,
    /// Their names, sorted.
    pub unmatched_key_names: Vec<String>,
    /// Loaded files the key has no line for (not scored).
    pub unkeyed_files: usize,
    /// Up to N misses per field, with `--misses N`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub misses: Option<BTreeMap<&'static str, Vec<Miss>>>,
}

impl EvalReport {
    pub fn new(
        scores: Scores,
        matched_files: usize,
        unmatched_key_names: Vec<String>,
        unkeyed_files: usize,
        misses: Option<usize>,
    ) -> EvalReport {
        let misses = misses.map(|n| {
            scores
                .fields
                .iter()
                .filter(|(_, t)| !t.misses.is_empty())
                .map(|(f, t)| (*f, t.misses.iter().take(n).cloned().collect()))
                .collect()
        });
        EvalReport {
            fields: scores.fields,
            matched_files,
            unmatched_key_files: unmatched_key_names.len(),
            unmatched_key_names,
            unkeyed_files,
            misses,
        }
    }

    /// The scored fields (total > 0) whose accuracy is below their floor: `(field, accuracy, floor)`.
    pub fn below(&self, floor: impl Fn(&str) -> Option<f64>) -> Vec<(&'static str, f64, f64)> {
        self.fields
            .iter()
            .filter_map(|(f, t)| {
                let (acc, min) = (t.accuracy()?, floor(f)?);
                (acc < min).then_some((*f, acc, min))
            })
            .collect()
    }
}

fn fields_in_order<S: Serializer>(
    fields: &[(&'static str, Tally)],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(fields.len()))?;
    for (f, t) in fields {
        map.serialize_entry(
            f,
            &json!({"correct": t.correct, "total": t.total, "accuracy": t.accuracy()}),
        )?;
    }
    map.end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Event, EventType};

    fn person(name: Option<&str>, as_written: Option<&str>, role: Role) -> Participant {
        Participant {
            name: name.map(str::to_string),
            as_written: as_written.map(str::to_string),
            inferred_name: None,
            title: None,
            country: None,
            role,
        }
    }

    fn principal(name: &str, title: Option<&str>, country: Option<&str>) -> Participant {
        Participant {
            title: title.map(str::to_string),
            country: country.map(str::to_string),
            ..person(Some(name), None, Role::Principal)
        }
    }

    fn record(participants: Vec<Participant>) -> Record {
        let events = vec![Event {
            event_type: EventType::PhoneCall,
            date: Some("2024-03-05".into()),
            date_precision: DatePrecision::Day,
            participants: participants
                .iter()
                .filter(|p| p.role == Role::Principal)
                .cloned()
                .collect(),
            requested_by: None,
        }];
        Record {
            schema_version: crate::record::SCHEMA_VERSION,
            id: "0".into(),
            source: "c/a.txt".into(),
            source_bytes: None,
            title: None,
            date: Some("2024-03-05".into()),
            date_precision: DatePrecision::Day,
            date_source: None,
            url: None,
            contact: None,
            event_type: EventType::PhoneCall,
            requested_by: None,
            location: None,
            participants,
            paragraphs: Vec::new(),
            events,
        }
    }

    fn key(line: &str) -> KeyRow {
        let mut k = parse_key(line).unwrap();
        assert_eq!(k.rows.len(), 1);
        k.rows.pop_first().unwrap().1
    }

    /// Scores one record against one key line; `(correct, total)` per field.
    fn scored(line: &str, r: &Record) -> BTreeMap<&'static str, (usize, usize)> {
        let k = parse_key(line).unwrap();
        let name = k.rows.keys().next().unwrap().clone();
        let got = BTreeMap::from([(name, Got::Record(Box::new(Predicted::of(r))))]);
        score(&k.rows, &got)
            .fields
            .into_iter()
            .filter(|(_, t)| t.total > 0)
            .map(|(f, t)| (f, (t.correct, t.total)))
            .collect()
    }

    #[test]
    fn norm_drops_accents_case_and_punctuation() {
        assert_eq!(norm("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(norm("  Amir-Abdollahian "), "amir abdollahian");
        assert_eq!(norm("O’Brien, Jr."), "o brien jr");
        assert_eq!(norm("ÉMILE   Zola"), "emile zola");
        assert_eq!(norm("ﬁrst №5"), "first no5");
        assert_eq!(norm("李强"), "");
        assert_eq!(norm(""), "");
    }

    #[test]
    fn a_name_matches_when_its_words_are_all_in_the_other() {
        assert!(same_person("blinken", "antony j blinken"));
        assert!(same_person("antony j blinken", "blinken"));
        assert!(same_person("motegi toshimitsu", "toshimitsu motegi"));
        assert!(!same_person("antony blinken", "antony j"));
        assert!(!same_person("", "blinken"));
        assert!(same_person("", ""));
    }

    #[test]
    fn an_empty_spelling_never_matches() {
        assert!(!same_any("", &["".to_string()]));
        assert!(same_any("xi", &["".to_string(), "xi jinping".to_string()]));
    }

    #[test]
    fn people_match_as_a_set_one_to_one() {
        let got = |v: &[&[&str]]| -> Vec<Spellings> {
            v.iter()
                .map(|s| s.iter().map(|n| n.to_string()).collect())
                .collect()
        };
        let want = vec!["biden".to_string(), "xi jinping".to_string()];
        assert!(same_people(
            &want,
            &got(&[&["joseph r biden jr"], &["xi jinping"]])
        ));
        // Order carries no meaning.
        assert!(same_people(
            &want,
            &got(&[&["xi jinping"], &["joseph r biden jr"]])
        ));
        // One predicted person cannot stand for two wanted ones.
        assert!(!same_people(&want, &got(&[&["xi jinping biden"]])));
        assert!(!same_people(
            &want,
            &got(&[&["xi jinping biden"], &["someone"]])
        ));
        // As many as wanted.
        assert!(!same_people(&want[..1], &got(&[&["biden"], &["xi"]])));
        assert!(same_people(&[], &[]));
    }

    #[test]
    fn a_participant_matches_by_name_or_as_written() {
        let mut p = person(Some("Toshimitsu Motegi"), None, Role::Principal);
        p.as_written = Some("MOTEGI Toshimitsu".into());
        let r = record(vec![p, principal("Wang Yi", None, None)]);
        let line = r#"{"file": "a.txt", "principals": ["Motegi Toshimitsu", "Wang Yi"]}"#;
        assert_eq!(scored(line, &r)["principals"], (1, 1));
        let line = r#"{"file": "a.txt", "principals": ["Motegi", "Wang Yi", "Lavrov"]}"#;
        assert_eq!(scored(line, &r)["principals"], (0, 1));
    }

    #[test]
    fn unnamed_principals_are_left_out_of_names_but_count_for_countries() {
        let mut unnamed = person(None, None, Role::Principal);
        unnamed.country = Some("USA".into());
        let r = record(vec![unnamed, principal("Merkel", None, Some("DEU"))]);
        let line = r#"{"file": "a.txt", "principals": [null, "Angela Merkel"],
            "principal_countries": ["USA", "DEU"]}"#
            .replace('\n', " ");
        let s = scored(&line, &r);
        assert_eq!(s["principals"], (1, 1));
        assert_eq!(s["countries"], (1, 1));
    }

    #[test]
    fn countries_are_a_sorted_list_of_the_codes_given() {
        let r = record(vec![
            principal("A", None, Some("USA")),
            principal("B", None, Some("USA")),
        ]);
        let s = scored(
            r#"{"file": "a.txt", "principals": ["A", "B"], "principal_countries": ["USA", "USA"]}"#,
            &r,
        );
        assert_eq!(s["countries"], (1, 1));
        // A multiset: one USA is not two.
        let s = scored(
            r#"{"file": "a.txt", "principals": ["A", "B"], "principal_countries": ["USA", null]}"#,
            &r,
        );
        assert_eq!(s["countries"], (0, 1));
    }

    #[test]
    fn a_date_counts_only_at_day_precision() {
        let mut r = record(vec![principal("A", None, None)]);
        let line = r#"{"file": "a.txt", "principals": ["A"], "date": "2024-03-05"}"#;
        assert_eq!(scored(line, &r)["date"], (1, 1));
        r.date_precision = DatePrecision::Month;
        assert_eq!(scored(line, &r)["date"], (0, 1));
        // A month-precision date is no date: it matches a key that has none.
        let line = r#"{"file": "a.txt", "principals": ["A"], "date": null}"#;
        assert_eq!(scored(line, &r)["date"], (1, 1));
    }

    #[test]
    fn a_leading_the_of_a_place_is_ignored() {
        assert_eq!(
            norm_place(Some("The Great Hall of the People")).as_deref(),
            Some("great hall of the people")
        );
        assert_eq!(norm_place(Some("“ ”")), None);
        assert_eq!(norm_place(None), None);
        assert!(same_place(None, None));
        assert!(!same_place(Some("hamburg"), None));
        let mut r = record(vec![principal("A", None, None)]);
        r.location = Some("the Oval Office".into());
        let line = r#"{"file": "a.txt", "principals": ["A"], "location": "Oval Office"}"#;
        assert_eq!(scored(line, &r)["location"], (1, 1));
        let line = r#"{"file": "a.txt", "principals": ["A"]}"#;
        assert_eq!(scored(line, &r)["location"], (0, 1));
    }

    #[test]
    fn titles_count_one_unit_per_key_principal_found_by_name() {
        let r = record(vec![
            principal("Wang Yi", Some("Foreign Minister"), None),
            principal("Sergey Lavrov", None, None),
        ]);
        let line = r#"{"file": "a.txt", "principals": ["Wang Yi", "Lavrov", "Blinken"],
            "principal_titles": ["State Councilor", "Foreign Minister", "Secretary"]}"#
            .replace('\n', " ");
        // Wang Yi's title is another; Lavrov has none; Blinken is not found, so not counted.
        assert_eq!(scored(&line, &r)["titles"], (0, 2));
        let line = r#"{"file": "a.txt", "principals": ["Wang Yi", "Lavrov"],
            "principal_titles": ["Minister", null]}"#
            .replace('\n', " ");
        assert_eq!(scored(&line, &r)["titles"], (1, 1));
    }

    #[test]
    fn requested_by_matches_the_participant_spellings_or_is_absent_on_both_sides() {
        let mut p = principal("Joe Biden", None, None);
        p.as_written = Some("Joseph R. Biden Jr.".into());
        let mut r = record(vec![p, principal("Xi Jinping", None, None)]);
        let line = r#"{"file": "a.txt", "principals": ["A"], "requested_by": null}"#;
        assert_eq!(scored(line, &r)["requested_by"], (1, 1));
        r.requested_by = Some("Joe Biden".into());
        assert_eq!(scored(line, &r)["requested_by"], (0, 1));
        let line = r#"{"file": "a.txt", "principals": ["A"], "requested_by": "Joseph Biden"}"#;
        assert_eq!(scored(line, &r)["requested_by"], (1, 1));
    }

    #[test]
    fn a_non_readout_is_scored_only_on_type_other() {
        let mut r = record(vec![principal("A", None, None)]);
        let line = r#"{"file": "a.txt", "is_readout": false, "principals": ["B"]}"#;
        let s = scored(line, &r);
        assert_eq!(
            s.keys().copied().collect::<Vec<_>>(),
            ["found", "non_readout"]
        );
        assert_eq!(s["non_readout"], (0, 1));
        r.event_type = EventType::Other;
        assert_eq!(scored(line, &r)["non_readout"], (1, 1));
    }

    #[test]
    fn a_multi_event_document_is_scored_on_the_union_of_principals_and_multi_event() {
        let mut r = record(vec![principal("A", None, None), principal("B", None, None)]);
        r.events.push(Event {
            event_type: EventType::PhoneCall,
            date: None,
            date_precision: DatePrecision::Unknown,
            participants: vec![principal("A", None, None), principal("C", None, None)],
            requested_by: None,
        });
        let line = r#"{"file": "a.txt", "principals": ["A", "B", "C"], "multi_event": true}"#;
        let s = scored(line, &r);
        assert_eq!(
            s.keys().copied().collect::<Vec<_>>(),
            ["found", "multi_event", "principals"]
        );
        assert_eq!(s["principals"], (1, 1));
        assert_eq!(s["multi_event"], (1, 1));
        // A single-contact key: multi_event is wrong, and principals are those of the first.
        let line = r#"{"file": "a.txt", "principals": ["A", "B"]}"#;
        let s = scored(line, &r);
        assert_eq!(s["multi_event"], (0, 1));
        assert_eq!(s["principals"], (1, 1));
    }

    #[test]
    fn attendees_are_scored_only_for_complete_documents() {
        let r = record(vec![
            principal("A", None, None),
            person(Some("Jake Sullivan"), None, Role::Attendee),
        ]);
        let line = r#"{"file": "a.txt", "principals": ["A"], "attendees": ["Sullivan"]}"#;
        assert_eq!(scored(line, &r)["attendees"], (1, 1));
        let line = r#"{"file": "a.txt", "principals": ["A"], "complete": false}"#;
        assert!(!scored(line, &r).contains_key("attendees"));
    }

    #[test]
    fn a_file_without_a_record_is_a_found_miss_and_nothing_else() {
        let k = parse_key(r#"{"file": "dir/a.txt", "principals": []}"#).unwrap();
        let got = BTreeMap::from([("a.txt".to_string(), Got::Nothing(vec!["empty: x".into()]))]);
        let s = score(&k.rows, &got);
        let found = s.get("found").unwrap();
        assert_eq!((found.correct, found.total), (0, 1));
        assert_eq!(found.misses[0].got, json!(["empty: x"]));
        assert!(s.fields.iter().all(|(f, t)| *f == "found" || t.total == 0));
        // A key row with no loaded file is not scored at all.
        assert_eq!(
            score(&k.rows, &BTreeMap::new()).get("found").unwrap().total,
            0
        );
    }

    #[test]
    fn key_lines_take_defaults_and_name_the_bad_line() {
        let k = key(r#"{"file": "x/y/a.txt", "principals": ["Xi"], "extra": 1}"#);
        assert!(k.readout && k.complete && !k.multi);
        assert!(k.attendees.is_empty() && k.countries.is_empty() && k.titles.is_empty());
        let err = parse_key("\n{\"file\": \"a.txt\", \"principals\": []}\n{\"file\": \"b.txt\"}\n")
            .unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("principals"), "{}", err.message);
        let err = parse_key("{\"file\": \"a.txt\", \"principals\": []}\nnot json").unwrap_err();
        assert_eq!(err.line, 2);
        let err = parse_key(r#"{"principals": []}"#).unwrap_err();
        assert!(err.message.contains("file"), "{}", err.message);
        let k = parse_key(
            "{\"file\": \"a/a.txt\", \"principals\": []}\n{\"file\": \"b/a.txt\", \"principals\": [\"X\"]}",
        )
        .unwrap();
        assert_eq!(k.repeated, ["a.txt"]);
        assert_eq!(k.rows["a.txt"].principals, ["x"]);
    }

    #[test]
    fn floors_fail_only_scored_fields() {
        let r = record(vec![principal("A", None, None)]);
        let k = parse_key(r#"{"file": "a.txt", "principals": ["B"]}"#).unwrap();
        let got = BTreeMap::from([(
            "a.txt".to_string(),
            Got::Record(Box::new(Predicted::of(&r))),
        )]);
        let report = EvalReport::new(score(&k.rows, &got), 1, Vec::new(), 0, Some(5));
        let below: Vec<&str> = report.below(|_| Some(0.5)).iter().map(|b| b.0).collect();
        assert!(below.contains(&"principals"), "{below:?}");
        assert!(!below.contains(&"non_readout"), "{below:?}");
        assert!(report.below(|f| (f == "found").then_some(1.0)).is_empty());
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["fields"]["principals"]["accuracy"], json!(0.0));
        assert_eq!(json["fields"]["non_readout"]["accuracy"], Value::Null);
        assert_eq!(json["misses"]["principals"][0]["file"], json!("a.txt"));
    }
}
