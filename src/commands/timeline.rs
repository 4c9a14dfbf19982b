//! `diplo timeline --participant A [--participant B]`: contacts oldest first, with gaps.

use super::{Outcome, stdout};
use crate::cli::{GlobalArgs, TimelineArgs};
use crate::index::{
    self,
    reader::{Access, CorpusReader},
};
use crate::output::{Styles, json, use_color, views};
use crate::views::timeline::timeline;
use anyhow::Result;
use std::io::Write;

pub fn run(args: &TimelineArgs, global: &GlobalArgs) -> Result<Outcome> {
    let dir = index::locate_existing(global.index.as_deref())?;
    // Not dropped, as in `search`: unmapping every segment file at exit is time the process's
    // end spends anyway.
    let reader = std::mem::ManuallyDrop::new(CorpusReader::open(&dir, Access::Scans)?);
    let contacts = timeline(&reader, &args.participant, args.documents)?;
    let mut out = stdout();
    if args.json {
        for c in &contacts {
            json::write_line(&mut out, c)?;
        }
    } else if !contacts.is_empty() {
        views::write_timeline(&mut out, &contacts, &Styles::new(use_color(global.color)))?;
    }
    out.flush()?;
    Ok(if contacts.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
