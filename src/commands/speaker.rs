//! `diplo search QUERY --speaker NAME`: paragraph hits, as text or JSON Lines.

use super::{HitsFormat, Outcome, print_hits};
use crate::cli::{GlobalArgs, SearchArgs};
use crate::index::reader::CorpusReader;
use crate::output::views;
use crate::query::Filters;
use crate::views::speaker::{search_speaker, speaker_request};
use anyhow::Result;

pub fn run(
    reader: &CorpusReader,
    args: &SearchArgs,
    speaker: &str,
    filters: &Filters,
    global: &GlobalArgs,
) -> Result<Outcome> {
    let request = speaker_request(reader, &args.query, speaker, filters)?;
    let results = search_speaker(reader, &request, speaker, args.limit, args.sort)?;
    let format = HitsFormat {
        json: args.json,
        count: args.count,
        color: global.color,
        noun: "paragraphs",
    };
    print_hits(&results.hits, results.total, &format, |out, hit, styles| {
        views::write_paragraph_hit(out, hit, styles)
    })
}
