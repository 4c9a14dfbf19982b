//! `diplo contacts`: the contacts that records matching a query report, one per contact however
//! many records report it, oldest first.

use crate::index::listing::Listing;
use crate::index::reader::CorpusReader;
use crate::query::Request;
use crate::record::{EventType, SCHEMA_VERSION};
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// One contact: the JSON contract of `diplo contacts --json`.
#[derive(Debug, Clone, Serialize)]
pub struct ContactSummary {
    pub schema_version: u32,
    /// The contact's id (the smallest id of its records).
    pub contact: String,
    /// The earliest date its records give to the day, else the first they give.
    pub date: Option<String>,
    /// The type most of its records give (ties: the first record's).
    pub event_type: EventType,
    /// Everyone its records name, in the order first named.
    pub participants: Vec<String>,
    /// How many records of the index report it (those matching the query and the others).
    pub records: usize,
    /// Who published them: each record's URL host, else its file's folder; sorted, once each.
    pub publishers: Vec<String>,
    pub sources: Vec<ContactSource>,
}

/// One record of a contact.
#[derive(Debug, Clone, Serialize)]
pub struct ContactSource {
    pub id: String,
    pub date: Option<String>,
    pub event_type: EventType,
    pub title: Option<String>,
    pub source: String,
    pub publisher: String,
}

/// The contacts of the records matching `query` and `filters`, oldest first (undated last),
/// those reported by fewer than `min_records` records left out.
pub fn contacts(
    reader: &CorpusReader,
    request: &Request,
    min_records: usize,
) -> Result<Vec<ContactSummary>> {
    let map = reader.contacts();
    let mut by_contact: BTreeMap<String, Vec<Listing>> = BTreeMap::new();
    for listing in crate::search::matching_listings(reader, request)? {
        by_contact
            .entry(map.contact_of(&listing.id).to_string())
            .or_default()
            .push(listing);
    }
    let mut summaries = Vec::with_capacity(by_contact.len());
    for (contact, mut listings) in by_contact {
        let members = map.members(&contact);
        if members.len() < min_records {
            continue;
        }
        let mut sources = Vec::with_capacity(members.len());
        if members.len() == 1 {
            let l = listings.remove(0);
            let publisher = publisher_of(None, &l.source, &reader.info.roots);
            sources.push(source_of(l, publisher));
        } else {
            // Every record of the contact, matching or not, with its page's address.
            for id in members {
                let Some(addr) = reader.find_exact(reader.fields.id, id)? else {
                    continue;
                };
                let record = reader.record(addr)?;
                let publisher =
                    publisher_of(record.url.as_deref(), &record.source, &reader.info.roots);
                sources.push(source_of(Listing::of(&record), publisher));
            }
        }
        summaries.push(summarize(contact, sources));
    }
    summaries.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.contact).cmp(&(b.date.is_none(), &b.date, &b.contact))
    });
    Ok(summaries)
}

fn source_of(l: Listing, publisher: String) -> (ContactSource, Vec<String>) {
    (
        ContactSource {
            id: l.id,
            date: l.date,
            event_type: l.event_type,
            title: l.title,
            source: l.source,
            publisher,
        },
        l.participants,
    )
}

fn summarize(contact: String, sources: Vec<(ContactSource, Vec<String>)>) -> ContactSummary {
    let date = sources
        .iter()
        .filter_map(|(s, _)| s.date.clone())
        .filter(|d| d.len() == 10)
        .min()
        .or_else(|| sources.iter().find_map(|(s, _)| s.date.clone()));
    let mut votes: Vec<(EventType, usize)> = Vec::new();
    for (s, _) in &sources {
        match votes.iter_mut().find(|(t, _)| *t == s.event_type) {
            Some((_, n)) => *n += 1,
            None => votes.push((s.event_type, 1)),
        }
    }
    // The first of the most voted: `max_by_key` keeps the last of equals, so go in reverse.
    let event_type = votes
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map_or(EventType::Other, |(t, _)| *t);
    let mut participants: Vec<String> = Vec::new();
    for (_, names) in &sources {
        for name in names {
            if !participants.contains(name) {
                participants.push(name.clone());
            }
        }
    }
    let mut publishers: Vec<String> = sources.iter().map(|(s, _)| s.publisher.clone()).collect();
    publishers.sort();
    publishers.dedup();
    ContactSummary {
        schema_version: SCHEMA_VERSION,
        contact,
        date,
        event_type,
        participants,
        records: sources.len(),
        publishers,
        sources: sources.into_iter().map(|(s, _)| s).collect(),
    }
}

/// Who published a record: its URL's host, else the first folder below the corpus path it was
/// found under (`corpus/kremlin/2019/05/x.txt` → `kremlin`, as a mirror's host folder or a
/// scrape's site folder), else the folder its file is in.
pub fn publisher_of(url: Option<&str>, source: &str, roots: &[crate::walk::Root]) -> String {
    if let Some(host) = url.and_then(url_host) {
        return host.to_string();
    }
    let file = crate::walk::file_of_source(std::path::PathBuf::from(source));
    let file = file.to_string_lossy();
    for root in roots {
        let given = root.given.trim_end_matches(['/', '\\']);
        if let Some(rest) = file.strip_prefix(given)
            && let Some(rest) = rest.strip_prefix(['/', '\\'])
            && let Some((first, _)) = rest.split_once(['/', '\\'])
        {
            return first.to_string();
        }
    }
    let folder = file.rsplit_once(['/', '\\']).map_or("", |(dir, _)| dir);
    let name = folder.rsplit(['/', '\\']).next().unwrap_or("");
    match name {
        "" | "." => ".".to_string(),
        name => name.to_string(),
    }
}

/// `https://www.gov.uk/news/x` → `www.gov.uk`.
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publisher_is_the_url_host_else_the_first_folder_below_the_corpus() {
        let roots = [crate::walk::Root {
            given: "corpus/".into(),
            absolute: "/data/corpus".into(),
        }];
        assert_eq!(
            publisher_of(
                Some("https://www.gov.uk/government/news/x"),
                "a/b.html",
                &roots
            ),
            "www.gov.uk"
        );
        assert_eq!(
            publisher_of(None, "corpus/mfa.gov.cn/eng/x.html", &roots),
            "mfa.gov.cn"
        );
        assert_eq!(
            publisher_of(None, "corpus/kremlin/2019/05/x.txt", &roots),
            "kremlin"
        );
        assert_eq!(
            publisher_of(None, "corpus/scrapes/site.jsonl:12", &roots),
            "scrapes"
        );
        assert_eq!(publisher_of(None, "corpus/x.txt", &roots), "corpus");
        assert_eq!(publisher_of(None, "readout.txt", &[]), ".");
        assert_eq!(
            publisher_of(Some("not a url"), "elsewhere/kremlin/x.txt", &roots),
            "kremlin"
        );
    }

    fn source(
        id: &str,
        date: Option<&str>,
        t: EventType,
        names: &[&str],
    ) -> (ContactSource, Vec<String>) {
        (
            ContactSource {
                id: id.into(),
                date: date.map(str::to_string),
                event_type: t,
                title: None,
                source: format!("{id}.txt"),
                publisher: ".".into(),
            },
            names.iter().map(|n| n.to_string()).collect(),
        )
    }

    #[test]
    fn a_contact_takes_the_earliest_day_the_most_given_type_and_everyone_named() {
        let s = summarize(
            "a1".into(),
            vec![
                source(
                    "a1",
                    Some("2021-10"),
                    EventType::PhoneCall,
                    &["Xi Jinping", "Kishida Fumio"],
                ),
                source(
                    "b2",
                    Some("2021-10-09"),
                    EventType::VideoCall,
                    &["Fumio Kishida"],
                ),
                source(
                    "c3",
                    Some("2021-10-08"),
                    EventType::PhoneCall,
                    &["Kishida Fumio"],
                ),
            ],
        );
        assert_eq!(s.date.as_deref(), Some("2021-10-08"));
        assert_eq!(s.event_type, EventType::PhoneCall);
        assert_eq!(
            s.participants,
            ["Xi Jinping", "Kishida Fumio", "Fumio Kishida"]
        );
        assert_eq!(s.records, 3);
        // A tie goes to the first record's type.
        let tie = summarize(
            "a1".into(),
            vec![
                source("a1", None, EventType::Meeting, &[]),
                source("b2", None, EventType::Talks, &[]),
            ],
        );
        assert_eq!(tie.event_type, EventType::Meeting);
    }
}
