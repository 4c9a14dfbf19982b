//! One file per subcommand. Each returns whether it found something (exit 0) or not (exit 1);
//! errors (exit 2) travel up as `anyhow::Error`.

pub mod check;
pub mod index;
pub mod search;
pub mod show;

use crate::cli::{Cli, Command};
use anyhow::Result;

/// What a command found, mapped to grep's exit codes by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NothingFound,
}

pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Index(args) => index::run(&args, &cli.global),
        Command::Search(args) => search::run(&args, &cli.global),
        Command::Show(args) => show::run(&args, &cli.global),
        Command::Check(args) => check::run(&args),
    }
}

/// Buffered, locked stdout for a command's data.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}
