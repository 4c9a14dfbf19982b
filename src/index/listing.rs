//! A record's listing: the fields a search hit shows besides its snippet, kept as JSON in a
//! fast-field column so that every match can be listed without opening stored documents.

use crate::record::{EventType, Record};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Listings longer than this are not stored (a record with hundreds of participants): such a
/// record is listed from its stored document instead.
pub const MAX_LISTING_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    pub id: String,
    pub date: Option<String>,
    pub event_type: EventType,
    pub title: Option<String>,
    pub participants: Vec<String>,
    pub requested_by: Option<String>,
    /// The primary source path.
    pub source: String,
    /// Its exact bytes in base64, only when they are not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_bytes: Option<String>,
}

impl Listing {
    pub fn of(record: &Record) -> Listing {
        Listing {
            id: record.id.clone(),
            date: record.date.clone(),
            event_type: record.event_type,
            title: record.title.clone(),
            participants: record.participant_names(),
            requested_by: record.requested_by.clone(),
            source: record.source.clone(),
            source_bytes: record.source_bytes.clone(),
        }
    }

    /// The JSON stored in the index, unless it is over [`MAX_LISTING_BYTES`].
    pub fn to_stored(&self) -> Option<String> {
        serde_json::to_string(self)
            .ok()
            .filter(|json| json.len() <= MAX_LISTING_BYTES)
    }

    pub fn from_stored(json: &[u8]) -> Option<Listing> {
        serde_json::from_slice(json).ok()
    }
}

/// A stored listing taken apart without decoding it: `{"id":ID,FIELDS}`, where FIELDS are the
/// listing's other members, as JSON, in [`Listing`]'s order. Only the source is decoded.
pub struct StoredParts<'a> {
    /// The id as a JSON string, quotes included.
    pub id_json: &'a [u8],
    /// `"date":…` through the last member, without the closing brace.
    pub fields_json: &'a [u8],
    pub source: Cow<'a, str>,
    pub source_bytes: Option<Cow<'a, str>>,
}

impl<'a> StoredParts<'a> {
    /// None unless `stored` is exactly the shape [`Listing::to_stored`] writes.
    pub fn of(stored: &'a [u8]) -> Option<StoredParts<'a>> {
        let inner = stored.strip_prefix(br#"{"id":""#)?.strip_suffix(b"}")?;
        // An id is hexadecimal: its closing quote is the first one.
        let id_len = inner.iter().position(|&b| b == b'"')?;
        if !inner[..id_len].iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let fields_json = inner[id_len + 1..].strip_prefix(b",")?;
        if !fields_json.starts_with(br#""date":"#) {
            return None;
        }
        // A quote inside a JSON string is escaped, so the first `,"source":"` is the member.
        const SOURCE: &[u8] = br#","source":"#;
        let at = find_bytes(fields_json, SOURCE)? + SOURCE.len();
        let (source, end) = json_string(fields_json, at)?;
        const SOURCE_BYTES: &[u8] = br#","source_bytes":"#;
        let source_bytes = match &fields_json[end..] {
            [] => None,
            rest => {
                let rest = rest.strip_prefix(SOURCE_BYTES)?;
                let (bytes, end) = json_string(rest, 0)?;
                if end != rest.len() {
                    return None;
                }
                Some(bytes)
            }
        };
        Some(StoredParts {
            id_json: &stored[6..6 + id_len + 2],
            fields_json,
            source,
            source_bytes,
        })
    }
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The JSON string starting at `at` (its opening quote), decoded, and where it ends.
fn json_string(json: &[u8], at: usize) -> Option<(Cow<'_, str>, usize)> {
    let body = json.get(at..)?.strip_prefix(b"\"")?;
    let mut i = 0;
    let mut escaped = false;
    while i < body.len() {
        match body[i] {
            b'\\' => {
                escaped = true;
                i += 2;
            }
            b'"' => break,
            _ => i += 1,
        }
    }
    let end = at + 1 + i + 1;
    let text = if escaped {
        Cow::Owned(serde_json::from_slice::<String>(json.get(at..end)?).ok()?)
    } else {
        Cow::Borrowed(std::str::from_utf8(body.get(..i)?).ok()?)
    };
    (json.get(end - 1) == Some(&b'"')).then_some((text, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_round_trips_and_oversized_ones_are_not_stored() {
        let mut listing = Listing {
            id: "77278d192e31".into(),
            date: Some("2018-03".into()),
            event_type: EventType::PhoneCall,
            title: Some("Xi Jinping Holds Telephone Talks with President Donald Trump".into()),
            participants: vec!["Xi Jinping".into(), "Donald Trump".into()],
            requested_by: Some("Donald Trump".into()),
            source: "seeds/003.txt".into(),
            source_bytes: None,
        };
        let json = listing.to_stored().expect("small listing is stored");
        assert_eq!(Listing::from_stored(json.as_bytes()), Some(listing.clone()));
        listing.participants = vec!["x".repeat(100); 200];
        assert_eq!(listing.to_stored(), None);
    }
}
