//! `diplo-gen`: writes a deterministic synthetic corpus of readouts and its ground truth.

use anyhow::Result;
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write N synthetic readouts in many publishers' house styles, plus truth.jsonl.
#[derive(Parser)]
#[command(name = "diplo-gen", version)]
struct Args {
    /// How many readouts to write.
    #[arg(long, short = 'n')]
    count: u64,
    /// Seed: the same seed and count always write the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("diplo-gen: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<()> {
    let bytes = diplo::generate::write_corpus(&args.out, args.count, args.seed)?;
    eprintln!(
        "wrote {} readouts ({:.1} MB) and truth.jsonl to {}",
        args.count,
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}
