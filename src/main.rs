//! The `diplo` binary: parse flags, run the command, map the outcome to grep's exit codes.

use clap::Parser;
use diplo::cli::Cli;
use diplo::commands::{self, Outcome};
use std::process::ExitCode;

mod alloc;

#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("diplo: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A closed pipe (`diplo search x | head -1`) ends the program quietly, as in ripgrep.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
