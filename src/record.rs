//! The record model: what the loader extracts from one readout, and the JSON contract.
//!
//! Field names are snake_case and are a contract documented in the README. Changes are
//! additive only; anything else bumps [`SCHEMA_VERSION`], which every record carries.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Version of the JSON contract (records and search hits). Bump on any non-additive change.
pub const SCHEMA_VERSION: u32 = 1;

/// One readout, as extracted from one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub schema_version: u32,
    /// Abbreviated content hash of the normalised text: stable across moves and parser changes.
    pub id: String,
    /// The file's path as reached from the path the user gave.
    pub source: String,
    /// The path's exact bytes in base64, present only when they are not UTF-8 (then `source`
    /// shows them lossily, with U+FFFD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_bytes: Option<String>,
    pub title: Option<String>,
    /// The event's date, `YYYY-MM-DD`, or a shorter prefix (`YYYY-MM`, `YYYY`) when only that is known.
    pub date: Option<String>,
    /// How much of the date is known: `day`, `month`, `year` or `unknown`.
    #[serde(default)]
    pub date_precision: DatePrecision,
    /// Where the date was found: `lead`, `dateline`, `header`, `byline`, `title`, `meta` or `path`.
    #[serde(default)]
    pub date_source: Option<DateSource>,
    pub event_type: EventType,
    /// Name of the participant at whose request the contact took place.
    pub requested_by: Option<String>,
    pub location: Option<String>,
    pub participants: Vec<Participant>,
    pub paragraphs: Vec<Paragraph>,
    /// Every contact the document reports, in order; the top-level fields describe the first.
    #[serde(default)]
    pub events: Vec<Event>,
    /// An HTML page's own address: its `<link rel="canonical">`, else its `og:url`. Absent for
    /// text files and pages that give none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The contact this document reports: an id shared by every document of the index that
    /// reports the same contact (the smallest of their record ids). Given by commands that read
    /// the index, and by `check --json` over the files it checked (not with `--no-contacts`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// One contact reported by a document (a round-up of calls reports several).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub event_type: EventType,
    pub date: Option<String>,
    #[serde(default)]
    pub date_precision: DatePrecision,
    pub participants: Vec<Participant>,
    pub requested_by: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    #[default]
    Unknown,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Unknown => "unknown",
        }
    }
}

/// The part of the document the event date was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The first sentence ("On March 14, 2016, ...").
    Lead,
    /// A wire dateline ("BEIJING, June 19 (Xinhua) --").
    Dateline,
    /// A date line above the text ("2018/03/09", "Updated: 2010-09-27 14:01").
    Header,
    /// A publication byline ("Published By : Admin | June 2, 2020 | 21:29 IST").
    Byline,
    /// The title ("PM call with President Trump: 23 November 2025").
    Title,
    /// The file's path ("2019/12/09/...", "...-25-october-2022.txt"): a last resort.
    Path,
    /// An HTML page's markup: a publication-date meta tag (`article:published_time`,
    /// `DC.date`...), JSON-LD `datePublished` or a `<time datetime>`. Ranked as a byline.
    Meta,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Lead => "lead",
            DateSource::Dateline => "dateline",
            DateSource::Header => "header",
            DateSource::Byline => "byline",
            DateSource::Title => "title",
            DateSource::Path => "path",
            DateSource::Meta => "meta",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// The canonical name (the alias table's spelling when the person is known).
    pub name: Option<String>,
    /// The name as this text spells it, in its fullest form ("Joseph R. Biden Jr.", "Motegi
    /// Toshimitsu"), without titles or honorifics. Absent when the text never names the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_written: Option<String>,
    /// For a principal the text leaves unnamed ("The Prime Minister"), the office-holder that the
    /// office, country and date give in the table of office-holders. Never copied into `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred_name: Option<String>,
    pub title: Option<String>,
    /// ISO 3166-1 alpha-3 code.
    pub country: Option<String>,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    /// Names of the participants whose words the paragraph reports, in order of appearance.
    pub speakers: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Principal,
    Attendee,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Meeting,
    PhoneCall,
    VideoCall,
    Message,
    Visit,
    Talks,
    Signing,
    Other,
}

impl EventType {
    pub const ALL: [EventType; 8] = [
        EventType::Meeting,
        EventType::PhoneCall,
        EventType::VideoCall,
        EventType::Message,
        EventType::Visit,
        EventType::Talks,
        EventType::Signing,
        EventType::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Meeting => "meeting",
            EventType::PhoneCall => "phone_call",
            EventType::VideoCall => "video_call",
            EventType::Message => "message",
            EventType::Visit => "visit",
            EventType::Talks => "talks",
            EventType::Signing => "signing",
            EventType::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Principal => "principal",
            Role::Attendee => "attendee",
        }
    }
}

impl Record {
    pub fn principals(&self) -> impl Iterator<Item = &Participant> {
        self.participants
            .iter()
            .filter(|p| p.role == Role::Principal)
    }

    /// Names of all named participants, principals first as they appear.
    pub fn participant_names(&self) -> Vec<String> {
        self.participants
            .iter()
            .filter_map(|p| p.name.clone())
            .collect()
    }

    /// The year of the event date, when known.
    pub fn year(&self) -> Option<i32> {
        self.date.as_deref()?.get(0..4)?.parse().ok()
    }
}

/// Something the loader could not extract, or a reason a file gave no record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Stable machine-readable code, e.g. `no_date`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
}

impl Problem {
    pub fn new(code: &str, message: impl Into<String>) -> Problem {
        Problem {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_sources_serialize_as_their_names() {
        for source in [
            DateSource::Lead,
            DateSource::Dateline,
            DateSource::Header,
            DateSource::Byline,
            DateSource::Title,
            DateSource::Path,
            DateSource::Meta,
        ] {
            let json = serde_json::to_string(&source).unwrap();
            assert_eq!(json, format!("\"{}\"", source.as_str()));
            assert_eq!(serde_json::from_str::<DateSource>(&json).unwrap(), source);
        }
    }

    #[test]
    fn a_record_without_a_url_has_no_url_key_and_old_json_reads_without_one() {
        let json = r#"{"schema_version":1,"id":"x","source":"a.txt","title":null,"date":null,"event_type":"other","requested_by":null,"location":null,"participants":[],"paragraphs":[]}"#;
        let record: Record = serde_json::from_str(json).unwrap();
        assert_eq!(record.url, None);
        assert!(!serde_json::to_string(&record).unwrap().contains("\"url\""));
        let with = Record {
            url: Some("https://www.gov.uk/x".into()),
            ..record
        };
        assert!(
            serde_json::to_string(&with)
                .unwrap()
                .contains(r#""url":"https://www.gov.uk/x""#)
        );
    }

    #[test]
    fn event_type_round_trips_through_its_name() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
        }
        assert_eq!(EventType::parse("summit"), None);
    }
}
