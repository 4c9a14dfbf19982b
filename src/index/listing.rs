//! A record's listing: the fields a search hit shows besides its snippet, kept as JSON in a
//! fast-field column so that every match can be listed without opening stored documents.
//!
//! The id and, for a record of one file, the source are not in it: the `id` and `source`
//! columns hold them already (a third of the listing's bytes were its source path), and a
//! listing that starts with its date sorts beside the others of its day, which the column's
//! dictionary stores as shared prefixes.

use crate::record::{EventType, Record};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Listings longer than this are not stored (a record with hundreds of participants): such a
/// record is listed from its stored document instead.
pub const MAX_LISTING_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, PartialEq)]
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
    pub source_bytes: Option<String>,
}

/// A listing as the column keeps it, its members in the order of a search hit's.
#[derive(Serialize, Deserialize)]
struct StoredListing<'a> {
    #[serde(borrow)]
    date: Option<Cow<'a, str>>,
    event_type: EventType,
    #[serde(borrow)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow)]
    participants: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    requested_by: Option<Cow<'a, str>>,
    /// Only for a record of several files: the `source` column holds them all, and which comes
    /// first there is the order tantivy keeps a row's values in, not a promise of its API.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    source: Option<Cow<'a, str>>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    source_bytes: Option<Cow<'a, str>>,
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

    /// The JSON stored in the index, unless it is over [`MAX_LISTING_BYTES`]. `sole_source`:
    /// the record has no file but its source, so the `source` column gives the source.
    pub fn to_stored(&self, sole_source: bool) -> Option<String> {
        let stored = StoredListing {
            date: self.date.as_deref().map(Cow::Borrowed),
            event_type: self.event_type,
            title: self.title.as_deref().map(Cow::Borrowed),
            participants: self
                .participants
                .iter()
                .map(|p| Cow::Borrowed(p.as_str()))
                .collect(),
            requested_by: self.requested_by.as_deref().map(Cow::Borrowed),
            source: (!sole_source).then_some(Cow::Borrowed(self.source.as_str())),
            source_bytes: self.source_bytes.as_deref().map(Cow::Borrowed),
        };
        serde_json::to_string(&stored)
            .ok()
            .filter(|json| json.len() <= MAX_LISTING_BYTES)
    }

    /// A stored listing with the record's id and the first value of its `source` column.
    pub fn from_stored(json: &[u8], id: &str, column_source: Option<&str>) -> Option<Listing> {
        let stored: StoredListing = serde_json::from_slice(json).ok()?;
        let source = match stored.source {
            Some(source) => source.into_owned(),
            None => column_source?.to_string(),
        };
        Some(Listing {
            id: id.to_string(),
            date: stored.date.map(Cow::into_owned),
            event_type: stored.event_type,
            title: stored.title.map(Cow::into_owned),
            participants: stored
                .participants
                .into_iter()
                .map(Cow::into_owned)
                .collect(),
            requested_by: stored.requested_by.map(Cow::into_owned),
            source,
            source_bytes: stored.source_bytes.map(Cow::into_owned),
        })
    }
}

/// A stored listing taken apart without decoding it: `{FIELDS[,"source":S][,"source_bytes":B]}`,
/// where FIELDS are a hit's members from `date` through `requested_by`, as JSON. Only the
/// sources are decoded.
pub struct StoredParts<'a> {
    /// `"date":…` through `requested_by`'s value.
    pub fields_json: &'a [u8],
    /// The primary source, when the listing holds it (a record of several files).
    pub source: Option<Cow<'a, str>>,
    pub source_bytes: Option<Cow<'a, str>>,
}

impl<'a> StoredParts<'a> {
    /// None unless `stored` is exactly the shape [`Listing::to_stored`] writes.
    pub fn of(stored: &'a [u8]) -> Option<StoredParts<'a>> {
        let inner = stored.strip_prefix(b"{")?.strip_suffix(b"}")?;
        if !inner.starts_with(br#""date":"#) {
            return None;
        }
        // A quote inside a JSON string is escaped, so these can only be the members.
        const SOURCE: &[u8] = br#","source":"#;
        const SOURCE_BYTES: &[u8] = br#","source_bytes":"#;
        let requested_by_at = find_bytes(inner, br#","requested_by":"#)?;
        let tail_at = [SOURCE, SOURCE_BYTES]
            .iter()
            .filter_map(|member| find_bytes(&inner[requested_by_at..], member))
            .min()
            .map_or(inner.len(), |at| requested_by_at + at);
        let (fields_json, mut rest) = inner.split_at(tail_at);
        let mut member = |name: &[u8]| -> Option<Option<Cow<'a, str>>> {
            let Some(after) = rest.strip_prefix(name) else {
                return Some(None);
            };
            let (text, end) = json_string(after, 0)?;
            rest = &after[end..];
            Some(Some(text))
        };
        let source = member(SOURCE)?;
        let source_bytes = member(SOURCE_BYTES)?;
        rest.is_empty().then_some(StoredParts {
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
        // A record of one file: id and source come from their columns.
        let json = listing.to_stored(true).expect("small listing is stored");
        assert!(!json.contains("seeds/003.txt") && !json.contains("77278d192e31"));
        let read = |json: &str, column_source| {
            Listing::from_stored(json.as_bytes(), "77278d192e31", column_source)
        };
        assert_eq!(read(&json, Some("seeds/003.txt")), Some(listing.clone()));
        assert_eq!(read(&json, None), None);
        // A record of several files keeps its primary source.
        let json = listing.to_stored(false).expect("stored");
        assert_eq!(read(&json, Some("a/first.txt")), Some(listing.clone()));
        listing.participants = vec!["x".repeat(100); 200];
        assert_eq!(listing.to_stored(true), None);
    }
}
