//! `diplo timeline`: every contact of one participant, or between two, oldest first, with the
//! days that passed since the previous contact.

use crate::index::listing::Listing;
use crate::index::reader::CorpusReader;
use crate::loader::date::{Date, days_from_civil};
use crate::query::{Filters, with_filters};
use crate::record::EventType;
use anyhow::{Result, bail};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::AllQuery;
use tantivy::{DateTime, Order};

/// One contact: the JSON contract of `diplo timeline --json`.
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub date: Option<String>,
    pub event_type: EventType,
    pub requested_by: Option<String>,
    pub title: Option<String>,
    pub id: String,
    pub participants: Vec<String>,
    /// Days since the previous contact in the list; null for the first or an undated one.
    pub days_since_previous: Option<i64>,
    /// The contact's id: the records that report it share it.
    pub contact: String,
    /// How many records of the index report this contact.
    pub records: usize,
}

/// The contacts of one participant or between two; with `documents`, every record of a
/// contact reported by several, else its first.
pub fn timeline(
    reader: &CorpusReader,
    participants: &[String],
    documents: bool,
) -> Result<Vec<Contact>> {
    if participants.is_empty() || participants.len() > 2 {
        bail!("timeline takes one or two --participant names");
    }
    let filters = Filters {
        participants: participants.to_vec(),
        ..Filters::default()
    };
    let mut query = with_filters(Box::new(AllQuery), &reader.fields, &filters)?;
    if !documents {
        query = super::one_record_per_contact(reader, query)?;
    }
    let contacts = reader.contacts();
    let total = reader.searcher.search(&query, &Count)?;
    if total == 0 {
        return Ok(Vec::new());
    }
    let top = reader.searcher.search(
        &query,
        &TopDocs::with_limit(total).order_by_fast_field::<DateTime>("date", Order::Asc),
    )?;
    // The listing column holds every fact a contact line shows: no stored record is read.
    let addresses: Vec<(Option<f32>, tantivy::DocAddress)> =
        top.into_iter().map(|(_, addr)| (None, addr)).collect();
    let mut listings = crate::search::listings_at(reader, &addresses)?;
    in_timeline_order(&mut listings);
    let mut previous: Option<i64> = None;
    Ok(listings
        .into_iter()
        .map(|l| {
            let day = l.date.as_deref().and_then(day_number);
            let days_since_previous = match (previous, day) {
                (Some(p), Some(d)) => Some(d - p),
                _ => None,
            };
            if day.is_some() {
                previous = day;
            }
            Contact {
                contact: contacts.contact_of(&l.id).to_string(),
                records: contacts.records_of(&l.id),
                participants: l.participants,
                date: l.date,
                event_type: l.event_type,
                requested_by: l.requested_by,
                title: l.title,
                id: l.id,
                days_since_previous,
            }
        })
        .collect())
}

/// Oldest first, undated records last, and records of one date by id: a rebuilt index, whose
/// records lie in another order, gives the same timeline.
fn in_timeline_order(listings: &mut [Listing]) {
    listings.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.id).cmp(&(b.date.is_none(), &b.date, &b.id))
    });
}

/// Days since 1970-01-01 of the first day a date covers.
fn day_number(date: &str) -> Option<i64> {
    let (y, m, d) = Date::parse_iso_prefix(date)?.first_day();
    Some(days_from_civil(y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_of_one_day_are_in_id_order_and_undated_ones_last() {
        let listing = |id: &str, date: Option<&str>| Listing {
            id: id.into(),
            date: date.map(String::from),
            event_type: crate::record::EventType::PhoneCall,
            title: None,
            participants: Vec::new(),
            requested_by: None,
            source: format!("{id}.txt"),
            source_bytes: None,
        };
        let mut listings = vec![
            listing("ff", None),
            listing("cc", Some("2017-04-12")),
            listing("aa", Some("2017-04-12")),
            listing("bb", Some("2016-01-01")),
        ];
        in_timeline_order(&mut listings);
        let ids: Vec<&str> = listings.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["bb", "aa", "cc", "ff"]);
    }

    #[test]
    fn day_numbers_give_gaps_in_days() {
        let a = day_number("2017-04-12").unwrap();
        let b = day_number("2017-10-25").unwrap();
        assert_eq!(b - a, 196);
        assert_eq!(day_number("not a date"), None);
    }
}
