//! `diplo check PATH...`: parse without indexing and report every problem.

use super::{Outcome, stdout};
use crate::cli::CheckArgs;
use crate::contacts::{LinkKey, Linker};
use crate::corpus::{Loading, load_in_order};
use crate::loader::{Loaded, LoadedRecord};
use crate::record::{Problem, Record};
use crate::walk::{WalkOptions, walk_all};
use anyhow::{Context, Result};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{BufRead, Write};

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
    let mut out = Lines::new(args.json && !args.no_contacts)?;
    let (mut complete, mut with_problems, mut skipped) = (0usize, 0usize, 0usize);
    for p in &walk_problems {
        skipped += 1;
        let problems = [Problem::new("unreadable", p.message.clone())];
        let source_bytes = p.source_bytes.as_deref().map(crate::walk::base64_of);
        out.no_record();
        report(
            out.writer(),
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
                out.link(&r);
                report(
                    out.writer(),
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
                out.no_record();
                report(out.writer(), args.json, source, &[problem], None)
            }
            Loading::Known(()) => Ok(()),
        },
    )?;
    out.finish()?;
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

fn report(
    mut out: &mut dyn Write,
    json: bool,
    (source, source_bytes): (&str, Option<String>),
    problems: &[Problem],
    record: Option<&Record>,
) -> Result<()> {
    if json {
        let ok = problems.is_empty() && record.is_some();
        crate::output::json::write_line(
            &mut out,
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

/// Where `check` writes its lines. With `--json`, each record carries the contact it reports,
/// which is known only once every file is read: the lines wait in a temporary file (not in
/// memory, so a large corpus costs disk, not RAM) and are written with their contact at the end.
struct Lines {
    stdout: std::io::BufWriter<std::io::StdoutLock<'static>>,
    spool: Option<std::io::BufWriter<std::fs::File>>,
    linker: Linker,
    /// The record id of each spooled line, `None` for lines without a record.
    record_ids: Vec<Option<String>>,
}

impl Lines {
    fn new(link: bool) -> Result<Lines> {
        let spool = match link {
            true => Some(std::io::BufWriter::new(tempfile::tempfile().context(
                "cannot make a temporary file to hold the lines until their contacts are linked \
                 (set TMPDIR to a writable folder, or pass --no-contacts)",
            )?)),
            false => None,
        };
        Ok(Lines {
            stdout: stdout(),
            spool,
            linker: Linker::default(),
            record_ids: Vec::new(),
        })
    }

    /// Keeps a record's key for linking, when lines are spooled to be linked.
    fn link(&mut self, loaded: &LoadedRecord) {
        if self.spool.is_some() {
            self.linker
                .push(&loaded.record.id, &LinkKey::of_loaded(loaded));
            self.record_ids.push(Some(loaded.record.id.clone()));
        }
    }

    /// Notes a spooled line without a record.
    fn no_record(&mut self) {
        if self.spool.is_some() {
            self.record_ids.push(None);
        }
    }

    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.spool {
            Some(spool) => spool,
            None => &mut self.stdout,
        }
    }

    /// Links the records and writes the spooled lines, each record with its contact.
    fn finish(mut self) -> Result<()> {
        if let Some(spool) = self.spool.take() {
            let mut file = spool.into_inner().map_err(|e| e.into_error())?;
            std::io::Seek::rewind(&mut file)?;
            let contacts = self.linker.finish();
            let spooled = std::io::BufReader::new(file).lines();
            for (line, id) in spooled.zip(&self.record_ids) {
                let line = line.context("cannot read back the temporary file of lines")?;
                match id {
                    Some(id) => writeln!(
                        self.stdout,
                        "{}",
                        with_contact(&line, contacts.contact_of(id))
                    )?,
                    None => writeln!(self.stdout, "{line}")?,
                }
            }
        }
        self.stdout.flush()?;
        Ok(())
    }
}

/// A `check --json` line whose record (its last field) gains `contact`, the record's last field.
fn with_contact(line: &str, contact: &str) -> String {
    let Some(head) = line.strip_suffix("}}") else {
        return line.to_string();
    };
    let contact = serde_json::to_string(contact).unwrap_or_default();
    format!("{head},\"contact\":{contact}}}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contact_is_added_as_the_records_last_field() {
        let line = r#"{"source":"a.txt","ok":true,"problems":[],"record":{"id":"ab","events":[{"x":{}}]}}"#;
        let with = with_contact(line, "a\"b");
        let value: serde_json::Value = serde_json::from_str(&with).unwrap();
        assert_eq!(value["record"]["contact"], "a\"b");
        assert_eq!(value["record"]["id"], "ab");
        assert_eq!(value["record"]["events"][0]["x"], serde_json::json!({}));
    }
}
