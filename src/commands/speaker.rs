//! `diplo search QUERY --speaker NAME`: paragraph hits, as text or JSON Lines.

use super::{Outcome, stdout};
use crate::cli::{GlobalArgs, SearchArgs};
use crate::index::reader::CorpusReader;
use crate::output::{Styles, json, use_color, views};
use crate::query::Filters;
use crate::views::speaker::search_speaker;
use anyhow::Result;
use std::io::Write;

pub fn run(
    reader: &CorpusReader,
    args: &SearchArgs,
    speaker: &str,
    filters: &Filters,
    global: &GlobalArgs,
) -> Result<Outcome> {
    let results = search_speaker(reader, &args.query, speaker, filters, args.limit)?;
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
            views::write_paragraph_hit(&mut out, hit, &styles)?;
        }
        if results.total > results.hits.len() {
            writeln!(
                out,
                "{} of {} matching paragraphs shown (--limit 0 shows all)",
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
