//! `diplo graph [QUERY] [filters] --format dot|graphml|gexf|json`: who talked to whom.

use super::{Outcome, stdout};
use crate::cli::{GlobalArgs, GraphArgs};
use crate::index::{
    self,
    reader::{Access, CorpusReader},
};
use crate::output::graph::write_graph;
use crate::views::graph::graph;
use crate::views::{one_record_per_contact, selection};
use anyhow::{Context, Result};
use std::io::{BufWriter, Write};

pub fn run(args: &GraphArgs, global: &GlobalArgs) -> Result<Outcome> {
    let dir = index::locate_existing(global.index.as_deref())?;
    let reader = std::mem::ManuallyDrop::new(CorpusReader::open(&dir, Access::Scans)?);
    let mut query = selection(&reader, args.query.as_deref(), &args.filters.to_filters())?;
    if !args.documents {
        query = one_record_per_contact(&reader, query)?;
    }
    let network = graph(&reader, &*query, args.nodes, args.max_nodes)?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(std::fs::File::create(path).with_context(
            || format!("cannot create the --output file {}", path.display()),
        )?)),
        None => Box::new(stdout()),
    };
    write_graph(&mut out, &network, args.format)?;
    out.flush()?;
    Ok(if network.nodes.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
