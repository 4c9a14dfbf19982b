//! `diplo search QUERY`: ranked hits with highlighted snippets, as text or JSON Lines.

use super::Outcome;
use crate::cli::{GlobalArgs, SearchArgs};
use crate::index::{
    self,
    reader::{Access, CorpusReader},
};
use crate::output::human;
use crate::query::Request;
use crate::search::{SearchRequest, matching_sources, search, write_listed_json};
use anyhow::Result;
use std::io::Write;

pub fn run(args: &SearchArgs, global: &GlobalArgs) -> Result<Outcome> {
    let dir = index::locate_existing(global.index.as_deref())?;
    let filters = args.filters.to_filters();
    let limit = if args.count { 1 } else { args.limit };
    // Listing every match reads the whole listing column, or a record per match: read-around
    // pays. Top hits and `--files` read scattered pages: on a cold cache, 2-3x faster page by
    // page. `--speaker` reads columns and the hits it shows, as a top-hits search does.
    let access = if limit == 0 {
        Access::Scans
    } else {
        Access::Lookups
    };
    // Not dropped: unmapping every segment file at exit took a third of a short search, and the
    // process's end releases them anyway (the reader writes nothing).
    let reader = std::mem::ManuallyDrop::new(CorpusReader::open(&dir, access)?);
    if let Some(speaker) = &args.speaker {
        return super::speaker::run(&reader, args, speaker, &filters, global);
    }
    // The query is parsed once here; every path below shares it.
    let parsed = Request::parse(&reader.index, &reader.fields, Some(&args.query), &filters)?;
    let request = SearchRequest {
        request: &parsed,
        limit,
        sort: args.sort,
        snippets: args.snippets,
        collapse: args.collapse,
        offset: 0,
    };
    if args.files {
        let sources = matching_sources(&reader, &parsed)?;
        let mut out = super::stdout();
        for source in &sources {
            writeln!(out, "{source}")?;
        }
        out.flush()?;
        return Ok(if sources.is_empty() {
            Outcome::NothingFound
        } else {
            Outcome::Found
        });
    }
    if args.json && !args.count && request.lists_every_match() {
        let mut out = super::stdout();
        let total = write_listed_json(&reader, &request, &mut out)?;
        out.flush()?;
        return Ok(if total > 0 {
            Outcome::Found
        } else {
            Outcome::NothingFound
        });
    }
    let results = search(&reader, &request)?;
    let format = super::HitsFormat {
        json: args.json,
        count: args.count,
        color: global.color,
        noun: "records",
    };
    super::print_hits(&results.hits, results.total, &format, |out, hit, styles| {
        human::write_hit(out, hit, styles)
    })
}
