//! `diplo check PATH...`: parse without indexing and report every problem.

use super::{Outcome, stdout};
use crate::cli::CheckArgs;
use crate::corpus::{Loading, load_in_order};
use crate::loader::Loaded;
use crate::record::{Problem, Record};
use crate::walk::{WalkOptions, walk_all};
use anyhow::Result;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// One line of `check --json`.
#[derive(Serialize)]
struct FileReport<'a> {
    source: &'a str,
    /// The path's exact bytes in base64, only when they are not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    source_bytes: Option<String>,
    ok: bool,
    problems: &'a [Problem],
    record: Option<&'a Record>,
}

pub fn run(args: &CheckArgs) -> Result<Outcome> {
    let roots = super::roots(&args.paths)?;
    let walked = walk_all(
        &roots,
        std::path::Path::new(crate::index::INDEX_FOLDER),
        WalkOptions::default(),
    );
    let (files, walk_problems) = (walked.files, walked.problems);
    let mut out = stdout();
    let (mut complete, mut with_problems, mut skipped) = (0usize, 0usize, 0usize);
    for p in &walk_problems {
        skipped += 1;
        let problems = [Problem::new("unreadable", p.message.clone())];
        let source_bytes = p.source_bytes.as_deref().map(crate::walk::base64_of);
        report(
            &mut out,
            args.json,
            (&p.source, source_bytes),
            &problems,
            None,
        )?;
    }
    let mut first_with_hash: HashMap<String, (String, String)> = HashMap::new();
    load_in_order(
        &files,
        |_| None::<()>,
        |file, loaded| match loaded {
            Loading::Parsed(Loaded::Record(r)) => {
                let mut problems = r.problems.clone();
                match first_with_hash.get(&r.hash) {
                    Some((first, id)) => problems.push(Problem::new(
                        "duplicate",
                        format!("same text as {first} (id {id})"),
                    )),
                    None => {
                        first_with_hash
                            .insert(r.hash.clone(), (file.source(), r.record.id.clone()));
                    }
                }
                if problems.is_empty() {
                    complete += 1
                } else {
                    with_problems += 1
                }
                report(
                    &mut out,
                    args.json,
                    (&file.source(), file.source_bytes_base64()),
                    &problems,
                    Some(&r.record),
                )
            }
            Loading::Parsed(Loaded::Skipped(problem)) => {
                skipped += 1;
                let source = file.source();
                let source = (source.as_str(), file.source_bytes_base64());
                report(&mut out, args.json, source, &[problem], None)
            }
            Loading::Known(()) => Ok(()),
        },
    )?;
    out.flush()?;
    let total = complete + with_problems + skipped;
    eprintln!(
        "checked {total} files: {complete} complete, {with_problems} with problems, {skipped} skipped{}",
        crate::commands::not_documents_note(walked.not_documents)
    );
    if total == 0 {
        eprintln!(
            "no readouts found: diplo reads .txt and HTML files and .jsonl/.ndjson scrapes (a file named directly is read whatever its name)"
        );
    }
    Ok(if total > 0 && with_problems + skipped == 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

fn report<W: Write>(
    out: &mut W,
    json: bool,
    (source, source_bytes): (&str, Option<String>),
    problems: &[Problem],
    record: Option<&Record>,
) -> Result<()> {
    if json {
        let ok = problems.is_empty() && record.is_some();
        crate::output::json::write_line(
            out,
            &FileReport {
                source,
                source_bytes,
                ok,
                problems,
                record,
            },
        )?;
    } else {
        for p in problems {
            writeln!(out, "{source}: {}", p.message)?;
        }
    }
    Ok(())
}
