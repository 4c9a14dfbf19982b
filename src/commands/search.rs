//! `diplo search QUERY`: ranked hits with highlighted snippets, as text or JSON Lines.

use super::{Outcome, stdout};
use crate::cli::{GlobalArgs, SearchArgs};
use crate::index::{self, reader::CorpusReader};
use crate::output::{Styles, human, json, use_color};
use crate::search::{SearchRequest, search};
use anyhow::Result;
use std::io::{IsTerminal, Write};

pub fn run(args: &SearchArgs, global: &GlobalArgs) -> Result<Outcome> {
    let dir = index::locate_existing(global.index.as_deref())?;
    let reader = CorpusReader::open(&dir)?;
    let filters = args.filters.to_filters();
    if let Some(speaker) = &args.speaker {
        return super::speaker::run(&reader, args, speaker, &filters, global);
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
        // A hint for a person at a terminal; pipelines get only the hits.
        if results.total > results.hits.len() && std::io::stdout().is_terminal() {
            out.flush()?;
            eprintln!(
                "{} of {} matching records shown (--limit 0 shows all)",
                results.hits.len(),
                results.total
            );
        }
    }
    out.flush()?;
    Ok(if results.total > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
