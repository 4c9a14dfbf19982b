//! A record's listing: the fields a search hit shows besides its snippet, kept as JSON in a
//! fast-field column so that every match can be listed without opening stored documents.

use crate::record::{EventType, Record};
use serde::{Deserialize, Serialize};

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
