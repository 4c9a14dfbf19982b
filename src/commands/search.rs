//! `diplo search QUERY`: ranked hits with highlighted snippets, as text or JSON Lines.

use super::{Outcome, stdout};
use crate::cli::{GlobalArgs, SearchArgs};
use crate::index::{self, reader::CorpusReader};
use crate::output::{Styles, human, json, use_color};
use crate::query::Filters;
use crate::search::{SearchRequest, matching_sources, search};
use anyhow::Result;
use std::io::Write;

pub fn run(args: &SearchArgs, global: &GlobalArgs) -> Result<Outcome> {
    let dir = index::locate_existing(global.index.as_deref())?;
    let reader = CorpusReader::open(&dir)?;
    let filters = Filters {
        event_type: args.event_type,
        participants: args.participant.clone(),
        countries: args.country.clone(),
        from: args.from,
        to: args.to,
    };
    if args.files {
        let sources = matching_sources(&reader, &args.query, &filters)?;
        let mut out = stdout();
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
    let request = SearchRequest {
        query: &args.query,
        filters: &filters,
        limit: if args.count { 1 } else { args.limit },
        sort: args.sort,
    };
    let results = search(&reader, &request)?;
    let mut out = stdout();
    if args.count {
        writeln!(out, "{}", results.total)?;
    } else if args.json {
        for hit in &results.hits {
            json::write_line(&mut out, hit)?;
        }
    } else {
        let styles = Styles::new(use_color(global.color));
        for hit in &results.hits {
            human::write_hit(&mut out, hit, &styles)?;
        }
        if results.total > results.hits.len() {
            writeln!(
                out,
                "{} of {} matching records shown (--limit 0 shows all)",
                results.hits.len(),
                results.total
            )?;
        }
    }
    out.flush()?;
    Ok(if results.total > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
