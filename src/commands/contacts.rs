//! `diplo contacts [QUERY]`: one line per contact, however many records report it.

use super::{Outcome, stdout};
use crate::cli::{ContactsArgs, GlobalArgs};
use crate::index::{
    self,
    reader::{Access, CorpusReader},
};
use crate::output::{Styles, json, use_color, views};
use crate::query::Request;
use crate::views::contacts::contacts;
use anyhow::Result;
use std::io::Write;

pub fn run(args: &ContactsArgs, global: &GlobalArgs) -> Result<Outcome> {
    let dir = index::locate_existing(global.index.as_deref())?;
    let reader = CorpusReader::open(&dir, Access::Scans)?;
    let request = Request::parse(
        &reader.index,
        &reader.fields,
        args.query.as_deref(),
        &args.filters.to_filters(),
    )?;
    let found = contacts(&reader, &request, args.min_records)?;
    let mut out = stdout();
    if args.json {
        for c in &found {
            json::write_line(&mut out, c)?;
        }
    } else if !found.is_empty() {
        views::write_contacts(&mut out, &found, &Styles::new(use_color(global.color)))?;
    }
    out.flush()?;
    Ok(if found.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
