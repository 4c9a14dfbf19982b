//! `diplo compare ID`: the records of one contact side by side.

use super::{Outcome, stdout};
use crate::cli::{CompareArgs, GlobalArgs};
use crate::index::{
    self,
    reader::{Access, CorpusReader},
};
use crate::output::{Styles, json, use_color, views};
use crate::views::compare::{Comparison, compare};
use crate::views::contacts::publisher_of;
use anyhow::Result;
use std::io::Write;

pub fn run(args: &CompareArgs, global: &GlobalArgs) -> Result<Outcome> {
    let dir = index::locate_existing(global.index.as_deref())?;
    let reader = CorpusReader::open(&dir, Access::Lookups)?;
    let addr = super::show::resolve(&reader, args.id.trim())?;
    let Some(comparison) = comparison(&reader, addr)? else {
        eprintln!(
            "{}: no other record of the index reports this contact, so there is nothing to compare (`diplo contacts --min-records 2` lists the contacts that have several)",
            args.id
        );
        return Ok(Outcome::NothingFound);
    };
    let mut out = stdout();
    if args.json {
        json::write_line(&mut out, &comparison)?;
    } else {
        views::write_comparison(&mut out, &comparison, &Styles::new(use_color(global.color)))?;
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// The records of the contact that the record at `addr` reports, compared; None when no
/// other record reports it.
pub fn comparison(reader: &CorpusReader, addr: tantivy::DocAddress) -> Result<Option<Comparison>> {
    let first = reader.record(addr)?;
    let contacts = reader.contacts();
    let contact = contacts.contact_of(&first.id).to_string();
    let mut records = Vec::new();
    for id in contacts.members(&first.id) {
        if let Some(addr) = reader.find_exact(reader.fields.id, id)? {
            let r = reader.record(addr)?;
            let publisher = publisher_of(r.url.as_deref(), &r.source, &reader.info.roots);
            records.push((r, publisher));
        }
    }
    Ok((records.len() >= 2).then(|| compare(&contact, &records)))
}
