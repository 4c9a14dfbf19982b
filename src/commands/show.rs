//! `diplo show ID`: one record, found by id, unique id prefix, or source path.

use super::{Outcome, stdout};
use crate::cli::{GlobalArgs, ShowArgs};
use crate::index::{
    self,
    reader::{Access, CorpusReader},
};
use crate::output::{Styles, human, json, use_color};
use anyhow::{Result, bail};
use std::io::Write;
use tantivy::DocAddress;

/// Shortest prefix looked up as an id prefix.
const MIN_PREFIX: usize = 4;

pub fn run(args: &ShowArgs, global: &GlobalArgs) -> Result<Outcome> {
    let dir = index::locate_existing(global.index.as_deref())?;
    let reader = CorpusReader::open(&dir, Access::Lookups)?;
    let addr = resolve(&reader, args.id.trim())?;
    let doc = reader.doc(addr)?;
    let mut record = reader.record_of(&doc)?;
    let contacts = reader.contacts();
    record.contact = Some(contacts.contact_of(&record.id).to_string());
    let same_contact = same_contact(&reader, &record.id)?;
    let mut out = stdout();
    if args.json {
        json::write_line(
            &mut out,
            &Shown {
                record: &record,
                same_contact: &same_contact,
            },
        )?;
    } else {
        let styles = Styles::new(use_color(global.color));
        human::write_record(&mut out, &record, &reader.problems_of(&doc), &styles)?;
        let others: Vec<String> = reader.sources_of(&doc).into_iter().skip(1).collect();
        if !others.is_empty() {
            writeln!(out, "same text also in: {}", others.join(", "))?;
        }
        if !same_contact.is_empty() {
            writeln!(
                out,
                "the same contact is also reported by (`diplo compare {}`):",
                record.id
            )?;
            for other in &same_contact {
                writeln!(
                    out,
                    "  {}  {}  {}  {}",
                    other.id,
                    other.date.as_deref().unwrap_or("????-??-??"),
                    other.source,
                    other.title.as_deref().unwrap_or("(untitled)")
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// A record as `show --json` (and `export --format jsonl`) prints it: the record, then the
/// other records of its contact.
#[derive(serde::Serialize)]
pub struct Shown<'a> {
    #[serde(flatten)]
    pub record: &'a crate::record::Record,
    pub same_contact: &'a [ContactRecord],
}

/// Another record of the same contact, as `show` lists it.
#[derive(Debug, serde::Serialize)]
pub struct ContactRecord {
    pub id: String,
    pub date: Option<String>,
    pub event_type: crate::record::EventType,
    pub title: Option<String>,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The other records of the contact `id` reports, by id.
pub fn same_contact(reader: &CorpusReader, id: &str) -> Result<Vec<ContactRecord>> {
    let mut others = Vec::new();
    for member in reader.contacts().members(id) {
        if member == id {
            continue;
        }
        let Some(addr) = reader.find_exact(reader.fields.id, member)? else {
            continue;
        };
        let r = reader.record(addr)?;
        others.push(ContactRecord {
            id: r.id,
            date: r.date,
            event_type: r.event_type,
            title: r.title,
            source: r.source,
            url: r.url,
        });
    }
    Ok(others)
}

pub fn resolve(reader: &CorpusReader, wanted: &str) -> Result<DocAddress> {
    let f = &reader.fields;
    if let Some(addr) = reader.find_exact(f.id, &wanted.to_lowercase())? {
        return Ok(addr);
    }
    let as_path = wanted.strip_prefix("./").unwrap_or(wanted);
    if let Some(addr) = reader.find_exact(f.source, as_path)? {
        return Ok(addr);
    }
    let prefix = wanted.to_lowercase();
    if prefix.len() >= MIN_PREFIX && prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
        let ids = reader.ids_with_prefix(&prefix, 6)?;
        match ids.as_slice() {
            [one] => {
                if let Some(addr) = reader.find_exact(f.id, one)? {
                    return Ok(addr);
                }
            }
            [] => {}
            many => bail!(
                "id prefix {wanted:?} is ambiguous: it matches {}; give more characters",
                many.join(", ")
            ),
        }
    }
    let closest = closest_ids(&reader.all_ids()?, &prefix, 3);
    if closest.is_empty() {
        bail!(
            "no record with id or source {wanted:?}: the index in {} is empty",
            reader.dir.display()
        );
    }
    bail!(
        "no record with id or source {wanted:?}; closest ids: {} (see `diplo search` for ids)",
        closest.join(", ")
    )
}

/// Ids sharing the longest prefix with `wanted`, then by edit distance.
fn closest_ids(ids: &[String], wanted: &str, n: usize) -> Vec<String> {
    let mut scored: Vec<(usize, usize, &String)> = ids
        .iter()
        .map(|id| {
            let common = id
                .bytes()
                .zip(wanted.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            (usize::MAX - common, edit_distance(id, wanted), id)
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(n)
        .map(|(_, _, id)| id.clone())
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_ids_prefer_shared_prefix() {
        let ids: Vec<String> = ["abc123", "abd999", "fff000"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(closest_ids(&ids, "abc12x", 2), ["abc123", "abd999"]);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
