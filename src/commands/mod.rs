//! One file per subcommand. Each returns whether it found something (exit 0) or not (exit 1);
//! errors (exit 2) travel up as `anyhow::Error`.

pub mod check;
pub mod compare;
pub mod completions;
pub mod contacts;
pub mod eval;
pub mod export;
pub mod graph;
pub mod index;
pub mod search;
pub mod serve;
pub mod show;
pub mod similar;
pub mod speaker;
pub mod stats;
pub mod timeline;

use crate::cli::{Cli, Command};
use anyhow::{Context, Result, anyhow};

/// What a command found, mapped to grep's exit codes by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NothingFound,
}

pub fn run(cli: Cli) -> Result<Outcome> {
    load_user_aliases(&cli.global)?;
    match cli.command {
        Command::Index(args) => index::run(&args, &cli.global),
        Command::Search(args) => search::run(&args, &cli.global),
        Command::Show(args) => show::run(&args, &cli.global),
        Command::Check(args) => check::run(&args),
        Command::Stats(args) => stats::run(&args, &cli.global),
        Command::Timeline(args) => timeline::run(&args, &cli.global),
        Command::Contacts(args) => contacts::run(&args, &cli.global),
        Command::Compare(args) => compare::run(&args, &cli.global),
        Command::Similar(args) => similar::run(&args, &cli.global),
        Command::Export(args) => export::run(&args, &cli.global),
        Command::Graph(args) => graph::run(&args, &cli.global),
        Command::Serve(args) => serve::run(&args, &cli.global),
        Command::Eval(args) => eval::run(&args, &cli.global),
        Command::Completions(args) => completions::completions(&args),
        Command::Man => completions::man(),
    }
}

/// The corpus roots of the paths a user named; a path that does not exist is an error that
/// names it.
pub fn roots(paths: &[std::path::PathBuf]) -> Result<Vec<crate::walk::Root>> {
    let mut roots = Vec::new();
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            anyhow::bail!("{}: no such file or folder", path.display());
        }
        roots.push(crate::walk::Root::new(path)?);
    }
    Ok(roots)
}

/// The summary's note of the files a walk passed over because they are not documents
/// (images, styles, scripts, a mirror's `robots.txt`); nothing when there were none.
pub fn not_documents_note(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => "; 1 other file (not .txt, HTML or a scrape) not read".to_string(),
        n => format!("; {n} other files (not .txt, HTML or a scrape) not read"),
    }
}

/// Buffered, locked stdout for a command's data.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    // Larger than the default 8 KiB: listing every match writes megabytes.
    std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
}

/// Installs the user's alias file: `--aliases FILE`, else `aliases.tsv` in the index folder.
fn load_user_aliases(global: &crate::cli::GlobalArgs) -> Result<()> {
    let path = match &global.aliases {
        Some(path) => path.clone(),
        None => match crate::index::locate_existing(global.index.as_deref()) {
            Ok(dir) if dir.join("aliases.tsv").is_file() => dir.join("aliases.tsv"),
            _ => return Ok(()),
        },
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the alias file {}", path.display()))?;
    let aliases = crate::data::parse_user_aliases(&text)
        .map_err(|e| anyhow!("alias file {}: {e}", path.display()))?;
    crate::data::install_user_aliases(aliases).map_err(|e| anyhow!(e))?;
    Ok(())
}

/// How a list of hits is printed: a count, JSON Lines, or the human format.
pub struct HitsFormat {
    pub json: bool,
    pub count: bool,
    pub color: crate::output::ColorWhen,
    /// What a hit is, for the "N of M shown" hint: `records`, `paragraphs`.
    pub noun: &'static str,
}

/// Prints hits (of `total` matches) and says whether anything was found.
pub fn print_hits<T: serde::Serialize>(
    hits: &[T],
    total: usize,
    format: &HitsFormat,
    write_human: impl Fn(&mut dyn std::io::Write, &T, &crate::output::Styles) -> std::io::Result<()>,
) -> Result<Outcome> {
    use std::io::{IsTerminal, Write};
    let mut out = stdout();
    if format.count {
        writeln!(out, "{total}")?;
    } else if format.json {
        for hit in hits {
            crate::output::json::write_line(&mut out, hit)?;
        }
    } else {
        let styles = crate::output::Styles::new(crate::output::use_color(format.color));
        for hit in hits {
            write_human(&mut out, hit, &styles)?;
        }
        // A hint for a person at a terminal; pipelines get only the hits.
        if total > hits.len() && std::io::stdout().is_terminal() {
            out.flush()?;
            eprintln!(
                "{} of {total} matching {} shown (--limit 0 shows all)",
                hits.len(),
                format.noun
            );
        }
    }
    out.flush()?;
    Ok(if total > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
