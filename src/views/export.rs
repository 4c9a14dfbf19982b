//! `diplo export`: the selected records as JSON Lines, a spreadsheet CSV, political event data
//! (CAMEO / PLOVER) or OpenSearch bulk NDJSON. Records stream out oldest first.

use crate::data::{CAMEO, MESSAGE_KINDS, PLACES, country_by_name_or_adjective};
use crate::index::reader::CorpusReader;
use crate::record::{Participant, Record, Role};
use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::json;
use std::io::Write;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DateTime, Order};

/// Name of the OpenSearch index in the bulk action lines.
pub const OPENSEARCH_INDEX: &str = "diplo";

/// Calls `each` on every selected record, oldest first; returns how many there were.
pub fn for_each_record(
    reader: &CorpusReader,
    query: &dyn Query,
    mut each: impl FnMut(Record) -> Result<()>,
) -> Result<usize> {
    let total = reader.searcher.search(query, &Count)?;
    if total == 0 {
        return Ok(0);
    }
    let top = reader.searcher.search(
        query,
        &TopDocs::with_limit(total).order_by_fast_field::<DateTime>("date", Order::Asc),
    )?;
    for (_, addr) in top {
        each(reader.record(addr)?)?;
    }
    Ok(total)
}

/// The CSV header of `--format csv`.
pub const CSV_HEADER: [&str; 11] = [
    "id",
    "date",
    "event_type",
    "title",
    "requested_by",
    "location",
    "principals",
    "attendees",
    "countries",
    "paragraphs",
    "source",
];

/// `Xi Jinping (President, CHN); Rex Tillerson (Secretary of State, USA)`.
fn people(record: &Record, role: Role) -> String {
    record
        .participants
        .iter()
        .filter(|p| p.role == role)
        .map(|p| {
            let details: Vec<&str> = [p.title.as_deref(), p.country.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            let name = p.name.as_deref().unwrap_or("?");
            if details.is_empty() {
                name.to_string()
            } else {
                format!("{name} ({})", details.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn csv_row(record: &Record) -> [String; 11] {
    let mut countries: Vec<&str> = Vec::new();
    for c in record
        .participants
        .iter()
        .filter_map(|p| p.country.as_deref())
    {
        if !countries.contains(&c) {
            countries.push(c);
        }
    }
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    [
        record.id.clone(),
        opt(&record.date),
        record.event_type.as_str().to_string(),
        opt(&record.title),
        opt(&record.requested_by),
        opt(&record.location),
        people(record, Role::Principal),
        people(record, Role::Attendee),
        countries.join("; "),
        record.paragraphs.len().to_string(),
        record.source.clone(),
    ]
}

/// The CSV header of `--format events`.
/// `contact` and `sources` (every source of the contact, `; `-separated) close each row.
pub const EVENTS_HEADER: [&str; 13] = [
    "id",
    "date",
    "source_actor",
    "source_country",
    "target_actor",
    "target_country",
    "event_type",
    "cameo",
    "plover_category",
    "plover_mode",
    "title",
    "contact",
    "sources",
];

/// One row per directed pair of principals.
pub fn event_rows(record: &Record) -> Vec<[String; 11]> {
    let principals: Vec<&Participant> = record.principals().collect();
    let host = host_country(record);
    let message_kind = message_kind(record);
    let mut rows = Vec::new();
    for (i, source) in principals.iter().enumerate() {
        for (j, target) in principals.iter().enumerate() {
            if i == j {
                continue;
            }
            let kind = record.event_type.as_str();
            let situation = match kind {
                "meeting" | "visit" => format!("{kind}:{}", part(source, &principals, &host)),
                "message" => format!("message:{message_kind}"),
                other => other.to_string(),
            };
            let [cameo, category, mode] = CAMEO
                .iter()
                .find(|(s, _)| *s == situation)
                .map(|(_, codes)| codes.clone())
                .unwrap_or_default();
            let opt = |s: &Option<String>| s.clone().unwrap_or_default();
            rows.push([
                record.id.clone(),
                opt(&record.date),
                opt(&source.name),
                opt(&source.country),
                opt(&target.name),
                opt(&target.country),
                kind.to_string(),
                cameo,
                category,
                mode,
                opt(&record.title),
            ]);
        }
    }
    rows
}

/// A principal's part in a meeting or visit: `host`, `visitor`, `third` or `unknown`.
fn part(who: &Participant, principals: &[&Participant], host: &Option<String>) -> &'static str {
    let Some(host) = host else { return "unknown" };
    if !principals.iter().any(|p| p.country.as_ref() == Some(host)) {
        "third"
    } else if who.country.as_ref() == Some(host) {
        "host"
    } else {
        "visitor"
    }
}

/// The country the meeting took place in, from a known place or a country named in the location.
fn host_country(record: &Record) -> Option<String> {
    let location = record.location.as_deref()?;
    PLACES
        .iter()
        .find(|(place, _)| location.contains(place.as_str()))
        .map(|(_, iso)| iso.clone())
        .or_else(|| {
            location
                .split(|c: char| !c.is_alphanumeric() && c != '.')
                .find_map(country_by_name_or_adjective)
                .map(|c| c.code.clone())
        })
}

/// A kind from `message_kinds.tsv`, or `other`, from the title and first paragraph.
fn message_kind(record: &Record) -> String {
    let text = format!(
        "{} {}",
        record.title.as_deref().unwrap_or(""),
        record
            .paragraphs
            .first()
            .map(|p| p.text.as_str())
            .unwrap_or("")
    )
    .to_lowercase();
    MESSAGE_KINDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| text.contains(w.as_str())))
        .map(|(kind, _)| kind.clone())
        .unwrap_or_else(|| "other".to_string())
}

/// A record flattened for OpenSearch: one value or array per field, no nested objects.
#[derive(Debug, Serialize)]
pub struct FlatRecord<'a> {
    pub id: &'a str,
    pub schema_version: u32,
    pub source: &'a str,
    /// The path's exact bytes in base64, only when they are not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_bytes: Option<&'a str>,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub event_type: &'a str,
    pub requested_by: Option<&'a str>,
    pub location: Option<&'a str>,
    pub participants: Vec<&'a str>,
    pub principals: Vec<&'a str>,
    pub attendees: Vec<&'a str>,
    pub participant_titles: Vec<&'a str>,
    pub countries: Vec<&'a str>,
    pub paragraphs: Vec<&'a str>,
    pub speakers: Vec<&'a str>,
    /// An HTML page's address, only when it gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

pub fn flat_record(r: &Record) -> FlatRecord<'_> {
    let names = |role: Option<Role>| {
        r.participants
            .iter()
            .filter(|p| role.is_none_or(|role| p.role == role))
            .filter_map(|p| p.name.as_deref())
            .collect()
    };
    let mut countries: Vec<&str> = r
        .participants
        .iter()
        .filter_map(|p| p.country.as_deref())
        .collect();
    countries.sort();
    countries.dedup();
    let mut speakers: Vec<&str> = Vec::new();
    for s in r.paragraphs.iter().flat_map(|p| &p.speakers) {
        if !speakers.contains(&s.as_str()) {
            speakers.push(s);
        }
    }
    FlatRecord {
        id: &r.id,
        schema_version: r.schema_version,
        source: &r.source,
        source_bytes: r.source_bytes.as_deref(),
        title: r.title.as_deref(),
        // A partial date (`2017-03`) is kept as text; OpenSearch's date format accepts it.
        date: r.date.as_deref(),
        event_type: r.event_type.as_str(),
        requested_by: r.requested_by.as_deref(),
        location: r.location.as_deref(),
        participants: names(None),
        principals: names(Some(Role::Principal)),
        attendees: names(Some(Role::Attendee)),
        participant_titles: r
            .participants
            .iter()
            .filter_map(|p| p.title.as_deref())
            .collect(),
        countries,
        paragraphs: r.paragraphs.iter().map(|p| p.text.as_str()).collect(),
        speakers,
        url: r.url.as_deref(),
    }
}

/// The two bulk-API lines of a record: the action (`_id` = diplo id, so re-sending replaces)
/// and the document.
pub fn write_opensearch<W: Write>(out: &mut W, record: &Record) -> Result<()> {
    let action = json!({"index": {"_index": OPENSEARCH_INDEX, "_id": record.id}});
    serde_json::to_writer(&mut *out, &action)?;
    out.write_all(b"\n")?;
    serde_json::to_writer(&mut *out, &flat_record(record)).context("writing a record")?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The index mapping matching [`FlatRecord`], for `PUT /diplo`.
pub fn opensearch_mapping() -> serde_json::Value {
    let keyword = json!({"type": "keyword"});
    let text_and_keyword =
        json!({"type": "text", "analyzer": "english", "fields": {"raw": {"type": "keyword"}}});
    // Names are not English words: no stemming.
    let name_and_keyword =
        json!({"type": "text", "analyzer": "standard", "fields": {"raw": {"type": "keyword"}}});
    json!({
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": keyword,
                "schema_version": {"type": "integer"},
                "source": keyword,
                "source_bytes": {"type": "keyword", "index": false},
                "title": text_and_keyword,
                "date": {"type": "date", "format": "yyyy-MM-dd||yyyy-MM||yyyy"},
                "event_type": keyword,
                "requested_by": keyword,
                "location": name_and_keyword,
                "participants": name_and_keyword,
                "principals": keyword,
                "attendees": keyword,
                "participant_titles": keyword,
                "countries": keyword,
                "paragraphs": {"type": "text", "analyzer": "english"},
                "speakers": keyword,
                "url": keyword
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{EventType, Paragraph};

    fn principal(name: &str, country: &str) -> Participant {
        Participant {
            name: Some(name.into()),
            as_written: None,
            inferred_name: None,
            title: Some("President".into()),
            country: Some(country.into()),
            role: Role::Principal,
        }
    }

    fn record(kind: EventType, location: Option<&str>, first: &str) -> Record {
        Record {
            schema_version: 1,
            id: "abc".into(),
            source: "x.txt".into(),
            source_bytes: None,
            title: Some("A title".into()),
            date: Some("2017-03-19".into()),
            date_precision: crate::record::DatePrecision::Day,
            date_source: None,
            url: None,
            contact: None,
            event_type: kind,
            requested_by: None,
            location: location.map(str::to_string),
            participants: vec![
                principal("Xi Jinping", "CHN"),
                principal("Rex Tillerson", "USA"),
            ],
            paragraphs: vec![Paragraph {
                text: first.into(),
                speakers: vec![],
            }],
            events: vec![],
        }
    }

    fn cameo(rows: &[[String; 11]]) -> Vec<(String, String)> {
        rows.iter().map(|r| (r[2].clone(), r[7].clone())).collect()
    }

    #[test]
    fn a_pages_url_is_in_the_flat_document_and_its_mapping() {
        let mut r = record(EventType::Meeting, None, "Text.");
        let flat = serde_json::to_value(flat_record(&r)).unwrap();
        assert!(flat.get("url").is_none());
        r.url = Some("https://www.mfa.example/en/news/1".into());
        let flat = serde_json::to_value(flat_record(&r)).unwrap();
        assert_eq!(flat["url"], "https://www.mfa.example/en/news/1");
        assert_eq!(
            opensearch_mapping()["mappings"]["properties"]["url"]["type"],
            "keyword"
        );
    }

    #[test]
    fn meeting_at_the_hosts_place_gives_host_and_visitor_codes() {
        let r = record(
            EventType::Meeting,
            Some("the Great Hall of the People"),
            "They met.",
        );
        let rows = event_rows(&r);
        assert_eq!(
            cameo(&rows),
            [
                ("Xi Jinping".into(), "043".into()),
                ("Rex Tillerson".into(), "042".into())
            ]
        );
        assert_eq!(rows[0][8], "CONSULT");
        assert_eq!(rows[0][9], "visit");
    }

    #[test]
    fn meeting_elsewhere_or_nowhere_known() {
        let third = event_rows(&record(EventType::Meeting, Some("Geneva"), "x"));
        assert!(third.iter().all(|r| r[7] == "044" && r[9] == "third-party"));
        let unknown = event_rows(&record(EventType::Meeting, None, "x"));
        assert!(unknown.iter().all(|r| r[7] == "040"));
    }

    #[test]
    fn calls_and_messages() {
        let call = event_rows(&record(EventType::PhoneCall, None, "x"));
        assert!(call.iter().all(|r| r[7] == "041" && r[9] == "phone"));
        let msg = record(
            EventType::Message,
            None,
            "Xi Jinping sent a message of condolence",
        );
        assert!(event_rows(&msg).iter().all(|r| r[7] == "018"));
        let msg = record(EventType::Message, None, "Xi Jinping congratulated Trump");
        assert!(event_rows(&msg).iter().all(|r| r[7] == "051"));
        let signing = event_rows(&record(EventType::Signing, None, "x"));
        assert!(signing.iter().all(|r| r[7] == "057" && r[8] == "SUPPORT"));
        let msg = record(EventType::Message, None, "Xi Jinping wrote to Trump");
        assert!(event_rows(&msg).iter().all(|r| r[7] == "010"));
    }

    #[test]
    fn csv_row_flattens_participants() {
        let row = csv_row(&record(EventType::Meeting, None, "x"));
        assert_eq!(
            row[6],
            "Xi Jinping (President, CHN); Rex Tillerson (President, USA)"
        );
        assert_eq!(row[8], "CHN; USA");
    }
}
