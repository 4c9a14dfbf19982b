//! `diplo similar ID`: the readouts most like one, with MoreLikeThis scores.

use super::{Outcome, stdout};
use crate::cli::{GlobalArgs, SimilarArgs};
use crate::index::{
    self,
    reader::{Access, CorpusReader},
};
use crate::output::{Styles, json, use_color, views};
use crate::views::similar::similar;
use anyhow::Result;
use std::io::Write;

pub fn run(args: &SimilarArgs, global: &GlobalArgs) -> Result<Outcome> {
    let dir = index::locate_existing(global.index.as_deref())?;
    let reader = CorpusReader::open(&dir, Access::Lookups)?;
    let addr = super::show::resolve(&reader, args.id.trim())?;
    let found = similar(&reader, addr, args.limit.max(1))?;
    let mut out = stdout();
    if args.json {
        for s in &found {
            json::write_line(&mut out, s)?;
        }
    } else if !found.is_empty() {
        views::write_similar(&mut out, &found, &Styles::new(use_color(global.color)))?;
    }
    out.flush()?;
    Ok(if found.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
