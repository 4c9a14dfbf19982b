//! The loader: one file in, one [`Record`] and its problems out.
//!
//! Each concern is a sub-parser with its own tests: decoding, normalisation, site chrome,
//! layout, dates, people, event type, requester, location and speakers.

pub mod chrome;
pub mod date;
pub mod decode;
pub mod event;
pub mod layout;
pub mod location;
pub mod normalize;
pub mod people;
pub mod request;
pub mod sentences;
pub mod speakers;

use crate::record::{EventType, Paragraph, Participant, Problem, Record, Role, SCHEMA_VERSION};
use people::Mention;
use std::path::Path;

/// What loading one file gives: a record with the problems found in it, or no record at all
/// when the file cannot be read as text.
#[derive(Debug, Clone)]
pub enum Loaded {
    Record(Box<LoadedRecord>),
    Skipped(Problem),
}

#[derive(Debug, Clone)]
pub struct LoadedRecord {
    pub record: Record,
    pub problems: Vec<Problem>,
    /// The full content hash; the id is its abbreviation.
    pub hash: String,
}

/// Files larger than this are refused rather than read: no readout comes near it.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads and parses one file. `source` is the path as it will be shown to the user.
pub fn load_file(path: &Path, source: &str) -> Loaded {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            return Loaded::Skipped(Problem::new(
                "too_large",
                format!(
                    "file is {} bytes, over the {} MiB limit for a readout",
                    meta.len(),
                    MAX_FILE_BYTES >> 20
                ),
            ));
        }
        Ok(_) => {}
        Err(e) => return Loaded::Skipped(Problem::new("unreadable", format!("cannot read: {e}"))),
    }
    match std::fs::read(path) {
        Ok(bytes) => parse_bytes(&bytes, source),
        Err(e) => Loaded::Skipped(Problem::new("unreadable", format!("cannot read: {e}"))),
    }
}

/// Parses a file's bytes. Never panics, whatever the bytes.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Loaded {
    let text = match decode::decode(bytes) {
        Ok(t) => t,
        Err(p) => return Loaded::Skipped(p),
    };
    let normalized = normalize::normalize_text(&text);
    let canonical = normalize::canonical_text(&normalized);
    if canonical.is_empty() {
        return Loaded::Skipped(Problem::new("empty", "no text (only white space)"));
    }
    let hash = normalize::content_hash(&canonical);
    let (record, problems) = parse_text(&normalized, source, normalize::id_from_hash(&hash));
    Loaded::Record(Box::new(LoadedRecord {
        record,
        problems,
        hash,
    }))
}

/// Extracts a record from normalised text.
pub fn parse_text(text: &str, source: &str, id: String) -> (Record, Vec<Problem>) {
    let page = layout::layout(text);
    let title = page.title.clone();
    let title_text = title.as_deref().unwrap_or("");
    let lead_paragraph = page.paragraphs.first().map(String::as_str).unwrap_or("");
    let lead = sentences::sentences(lead_paragraph)
        .first()
        .copied()
        .unwrap_or("");

    let date = date::find_dates(lead)
        .first()
        .or(date::find_dates(title_text).first())
        .map(|f| f.date.to_string());
    let event_type = event::classify(title_text, lead);

    let mut principals: Vec<Mention> = dedup_by_name(people::find_mentions(lead));
    if principals.len() < 2 {
        for m in people::find_mentions(title_text) {
            if !principals.iter().any(|p| p.name == m.name) {
                principals.push(Mention {
                    start: usize::MAX,
                    end: usize::MAX,
                    ..m
                });
            }
        }
    }
    fill_titles_from_title_line(&mut principals, title_text);
    let requested_by =
        request::requester(lead, title_text, &principals).map(|i| principals[i].name.clone());
    let attendees = attendees(&page.paragraphs, &principals);

    let mut participants: Vec<Participant> = principals
        .into_iter()
        .map(|m| participant(m, Role::Principal))
        .collect();
    participants.extend(
        attendees
            .into_iter()
            .map(|m| participant(m, Role::Attendee)),
    );

    let location = location::location(lead);
    let speakers = speakers::speakers(&page.paragraphs, &participants);
    let paragraphs: Vec<Paragraph> = page
        .paragraphs
        .into_iter()
        .zip(speakers)
        .map(|(text, speakers)| Paragraph { text, speakers })
        .collect();

    let record = Record {
        schema_version: SCHEMA_VERSION,
        id,
        source: source.to_string(),
        title,
        date,
        event_type: event_type.unwrap_or(EventType::Other),
        requested_by,
        location,
        participants,
        paragraphs,
    };
    let problems = problems(&record, event_type.is_some());
    (record, problems)
}

fn participant(m: Mention, role: Role) -> Participant {
    Participant {
        name: Some(m.name),
        title: m.title,
        country: m.country,
        role,
    }
}

fn dedup_by_name(mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for m in mentions {
        match out.iter_mut().find(|o| o.name == m.name) {
            Some(o) => {
                o.title = o.title.take().or(m.title);
                o.country = o.country.take().or(m.country);
            }
            None => out.push(m),
        }
    }
    out
}

/// A principal named without a title in the lead may have one in the title line.
fn fill_titles_from_title_line(principals: &mut [Mention], title: &str) {
    let in_title = people::find_mentions(title);
    for p in principals.iter_mut() {
        if let Some(t) = in_title.iter().find(|t| t.name == p.name) {
            p.title = p.title.take().or(t.title.clone());
            p.country = p.country.take().or(t.country.clone());
        }
    }
}

/// People said to have attended: "State Councilor Yang Jiechi and other people attended the meeting."
fn attendees(paragraphs: &[String], principals: &[Mention]) -> Vec<Mention> {
    const MARKERS: [&str; 6] = [
        "attended",
        "were present",
        "was present",
        "also present",
        "accompanied",
        "were also",
    ];
    let mut out: Vec<Mention> = Vec::new();
    for paragraph in paragraphs.iter().skip(1) {
        for sentence in sentences::sentences(paragraph) {
            let lower = sentence.to_lowercase();
            if !MARKERS.iter().any(|m| lower.contains(m)) {
                continue;
            }
            for m in people::find_mentions(sentence) {
                if !principals.iter().any(|p| p.name == m.name)
                    && !out.iter().any(|o| o.name == m.name)
                {
                    out.push(m);
                }
            }
        }
    }
    out
}

/// What a complete record has and this one lacks.
fn problems(record: &Record, typed: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    if record.title.is_none() {
        problems.push(Problem::new("no_title", "no title found"));
    }
    if record.paragraphs.is_empty() {
        problems.push(Problem::new("no_body", "no body text found"));
    }
    if record.date.is_none() {
        problems.push(Problem::new(
            "no_date",
            "no date found in the lead or the title",
        ));
    }
    if !typed {
        problems.push(Problem::new(
            "no_event_type",
            "no event type recognised (meeting, call, talks, visit, message...)",
        ));
    }
    let principals = record.principals().count();
    if principals < 2 {
        problems.push(Problem::new(
            "few_principals",
            format!("fewer than two principals found ({principals})"),
        ));
    }
    for p in record.principals() {
        if p.country.is_none() {
            let who = p.name.as_deref().unwrap_or("unnamed principal");
            problems.push(Problem::new(
                "no_country",
                format!("no country found for {who}"),
            ));
        }
    }
    problems
}
