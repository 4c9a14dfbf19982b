//! `diplo completions SHELL` and the hidden `diplo man`: both generated from the clap
//! definitions in `cli.rs`, so they never fall out of date.

use super::{Outcome, stdout};
use crate::cli::{Cli, CompletionsArgs};
use anyhow::Result;
use clap::CommandFactory;
use std::io::Write;

pub fn completions(args: &CompletionsArgs) -> Result<Outcome> {
    // Generated into memory first: clap_complete panics on a write error such as a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "diplo", &mut script);
    let mut out = stdout();
    out.write_all(&script)?;
    out.flush()?;
    Ok(Outcome::Found)
}

/// The man page, diplo(1), in roff.
pub fn man() -> Result<Outcome> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    let mut out = stdout();
    out.write_all(&page)?;
    out.flush()?;
    Ok(Outcome::Found)
}
