//! `diplo serve [--port 8750] [--bind ADDR] [--open]`: the explorer (see [`crate::serve`]).

use super::Outcome;
use crate::cli::{GlobalArgs, ServeArgs};
use anyhow::Result;

pub fn run(args: &ServeArgs, global: &GlobalArgs) -> Result<Outcome> {
    crate::serve::run(args, global)?;
    Ok(Outcome::Found)
}
