//! `diplo index [PATH...]`: build or refresh the index.
//!
//! Files whose fingerprint (path, size, modification time) is unchanged since the last run are
//! not read again. Records are upserted by id, records whose files are gone are deleted, and
//! the whole run becomes visible in one atomic commit.

use super::Outcome;
use crate::cli::{GlobalArgs, IndexArgs};
use crate::corpus::{load, load_in_order};
use crate::index::writer::CorpusWriter;
use crate::index::{self, CommitInfo, INDEX_FOLDER, schema::INDEX_SCHEMA_VERSION};
use crate::loader::{Loaded, LoadedRecord};
use crate::record::Problem;
use crate::walk::{CorpusFile, Root, WalkOptions, fingerprint_source, walk_with};
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::{BTreeSet, HashMap};
use std::io::IsTerminal;
use std::time::Instant;

/// A record id seen in this run, and every file that has its text. Kept small (files are
/// indices into the walk's list): a run holds one per record of the corpus.
struct Seen {
    id: Box<str>,
    /// The content hash's first 128 bits when the record was parsed in this run, to tell a
    /// duplicate from another text whose abbreviated id is the same.
    hash: Option<u128>,
    /// The files with this text, the primary one first.
    files: Vec<u32>,
    /// How many files the record was last written with in this run.
    written: Option<usize>,
}

impl Seen {
    fn primary<'a>(&self, all: &'a [CorpusFile]) -> &'a CorpusFile {
        &all[self.files[0] as usize]
    }

    /// `(source, fingerprint)` of each of its files, as the index stores them.
    fn entries(&self, all: &[CorpusFile]) -> Vec<(String, String)> {
        self.files
            .iter()
            .map(|&i| entry(&all[i as usize]))
            .collect()
    }
}

fn entry(file: &CorpusFile) -> (String, String) {
    (file.source(), file.fingerprint())
}

/// The leading 128 bits of a hex content hash.
fn hash_prefix(hash: &str) -> u128 {
    hash.get(..32)
        .and_then(|h| u128::from_str_radix(h, 16).ok())
        .unwrap_or(0)
}

#[derive(Default)]
struct Tally {
    files: usize,
    with_problems: usize,
    skipped: usize,
    duplicates: usize,
    problems: usize,
}

pub fn run(args: &IndexArgs, global: &GlobalArgs) -> Result<Outcome> {
    let started = Instant::now();
    let dir = index::locate_for_writing(global.index.as_deref())?;
    let writer = CorpusWriter::open(&dir, args.rebuild, args.wait)?;
    let roots = roots(args, &writer, &dir)?;
    let options = WalkOptions {
        ignore_files: args.ignore_files,
        follow: args.follow,
    };
    let (files, walk_problems) = walk_with(&roots, &dir, options);
    let bar = progress_bar(files.len(), args.quiet);

    let previous = if args.rebuild {
        writer.delete_all()?;
        Default::default()
    } else {
        writer.previous_state()?
    };
    let mut previous_files: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for (fp, id) in &previous.by_fingerprint {
        previous_files
            .entry(id.as_str())
            .or_default()
            .insert(fp.as_str());
    }

    // A file whose fingerprint changed but whose size did not may only have been touched:
    // its text is hashed (cheap) and, if its id is the same, it is not parsed again.
    let mut by_source: HashMap<&str, (&str, &str)> = HashMap::new();
    for (fp, id) in &previous.by_fingerprint {
        let mut parts = fp.split('\u{1f}');
        if let (Some(source), Some(size)) = (parts.next(), parts.next()) {
            by_source.insert(source, (size, id.as_str()));
        }
    }
    let touched_id = |f: &CorpusFile| -> Option<String> {
        let (size, id) = by_source.get(f.key().as_str())?;
        (*size == f.size.to_string() && same_text(f, id)).then(|| id.to_string())
    };

    let mut tally = Tally::default();
    let mut problem_lines: Vec<String> = Vec::new();
    let mut report = |source: &str, message: &str| {
        bar.suspend(|| eprintln!("{source}: {message}"));
        problem_lines.push(source.to_string());
    };
    for p in &walk_problems {
        tally.skipped += 1;
        report(&p.source, &p.message);
    }

    // Every record of the run, in file order, and where each id is in that list.
    let mut seen: Vec<Seen> = Vec::new();
    let mut position: HashMap<Box<str>, usize> = HashMap::new();
    let mut next_file = 0u32;
    load_in_order(
        &files,
        |f| previous.by_fingerprint.contains_key(&f.fingerprint()) || touched_id(f).is_some(),
        |file, loaded| {
            bar.inc(1);
            tally.files += 1;
            let this_file = next_file;
            next_file += 1;
            let loaded = match loaded {
                None => {
                    let Some(id) = previous
                        .by_fingerprint
                        .get(&file.fingerprint())
                        .cloned()
                        .or_else(|| touched_id(file))
                    else {
                        bail!(
                            "{}: changed during the run; run `diplo index` again",
                            file.source()
                        );
                    };
                    let problems = previous.problem_counts.get(&id).copied().unwrap_or(0);
                    match position.get(id.as_str()) {
                        Some(&at) => seen[at].files.push(this_file),
                        None => {
                            tally.with_problems += usize::from(problems > 0);
                            tally.problems += problems as usize;
                            let id: Box<str> = id.into();
                            position.insert(id.clone(), seen.len());
                            seen.push(Seen {
                                id,
                                hash: None,
                                files: vec![this_file],
                                written: None,
                            });
                        }
                    }
                    return Ok(());
                }
                Some(Loaded::Skipped(problem)) => {
                    tally.skipped += 1;
                    report(&file.source(), &problem.message);
                    return Ok(());
                }
                Some(Loaded::Record(r)) => r,
            };
            let mut loaded = loaded;
            let hash = hash_prefix(&loaded.hash);
            if let Some(holder) =
                other_text_with_id(&writer, &seen, &position, &files, &previous_files, &loaded)?
            {
                // Two different texts share an abbreviated id: lengthen this one's.
                let longer = loaded.hash[..crate::loader::normalize::id_len() + 4].to_string();
                report(
                    &file.source(),
                    &format!(
                        "id {} is already used by {holder} for other text; this record gets id {longer}",
                        loaded.record.id
                    ),
                );
                loaded.record.id = longer;
            }
            let id = loaded.record.id.as_str();
            if let Some(&at) = position.get(id) {
                tally.duplicates += 1;
                let primary = &seen[at].primary(&files).source();
                report(
                    &file.source(),
                    &format!("same text as {primary} (id {id}); indexed once"),
                );
                seen[at].files.push(this_file);
                return Ok(());
            }
            if !loaded.problems.is_empty() {
                tally.with_problems += 1;
                tally.problems += loaded.problems.len();
                for p in &loaded.problems {
                    report(&file.source(), &p.message);
                }
            }
            if !args.strict {
                let (record, problems, full_hash) =
                    (&loaded.record, &loaded.problems, &loaded.hash);
                let files = [entry(file)];
                if previous_files.contains_key(id) {
                    writer.upsert(record, problems, full_hash, &files)?;
                } else {
                    writer.add(record, problems, full_hash, &files)?;
                }
            }
            let id: Box<str> = id.into();
            position.insert(id.clone(), seen.len());
            seen.push(Seen {
                id,
                hash: Some(hash),
                files: vec![this_file],
                written: Some(1),
            });
            Ok(())
        },
    )?;

    bar.finish_and_clear();
    if args.strict && (tally.with_problems + tally.skipped + tally.duplicates) > 0 {
        bail!(
            "--strict: {} files have problems, {} were skipped, {} are duplicates; the index in {} is unchanged",
            tally.with_problems,
            tally.skipped,
            tally.duplicates,
            dir.display()
        );
    }

    let (mut added, mut updated, mut unchanged) = (0usize, 0usize, 0usize);
    for s in &seen {
        let id = &*s.id;
        let fingerprints: Vec<String> = s
            .files
            .iter()
            .map(|&i| files[i as usize].fingerprint())
            .collect();
        let current: BTreeSet<&str> = fingerprints.iter().map(String::as_str).collect();
        let before = previous_files.get(id);
        let up_to_date = match s.written {
            Some(written) => written == s.files.len(),
            None => before == Some(&current),
        };
        if !up_to_date || args.strict {
            rewrite(&writer, s, &files)?;
        }
        // Only a new fingerprint (a touched file) is not a change the user would count.
        let sources_before: Option<BTreeSet<&str>> =
            before.map(|b| b.iter().map(|fp| fingerprint_source(fp)).collect());
        let sources_now: BTreeSet<&str> = fingerprints
            .iter()
            .map(|fp| fingerprint_source(fp))
            .collect();
        let changed = s.written.is_some() || sources_before.as_ref() != Some(&sources_now);
        match (before, changed) {
            (None, _) => added += 1,
            (Some(_), true) => updated += 1,
            (Some(_), false) => unchanged += 1,
        }
    }
    let mut removed = 0usize;
    for id in previous_files.keys() {
        if !position.contains_key(*id) {
            writer.delete(id);
            removed += 1;
        }
    }

    let info = CommitInfo {
        schema_version: INDEX_SCHEMA_VERSION,
        diplo_version: env!("CARGO_PKG_VERSION").to_string(),
        roots,
    };
    writer.commit(&info)?;
    if !args.quiet {
        let duplicates = if tally.duplicates > 0 {
            format!(", {} duplicates", tally.duplicates)
        } else {
            String::new()
        };
        eprintln!(
            "indexed {} records from {} files: {} with problems, {} skipped{duplicates}",
            thousands(seen.len()),
            thousands(tally.files + walk_problems.len()),
            tally.with_problems,
            tally.skipped
        );
        eprintln!(
            "added {}, updated {}, removed {}, unchanged {} in {:.1} s ({})",
            thousands(added),
            thousands(updated),
            thousands(removed),
            thousands(unchanged),
            started.elapsed().as_secs_f64(),
            dir.display()
        );
    }
    Ok(if seen.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// A progress bar on stderr (files, rate, ETA), drawn only on a terminal and never with `--quiet`.
fn progress_bar(files: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {human_pos}/{human_len} files, {per_sec}, ETA {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// `99900` → `99,900`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The corpus paths: those given, else those the index remembers.
fn roots(args: &IndexArgs, writer: &CorpusWriter, dir: &std::path::Path) -> Result<Vec<Root>> {
    if args.paths.is_empty() {
        return match &writer.previous_info {
            Some(info) if !info.roots.is_empty() => Ok(info.roots.clone()),
            _ => bail!(
                "no corpus to index: give the readouts' folder, e.g. `diplo index {}seeds` ({} remembers none it can read)",
                if args.rebuild { "--rebuild " } else { "" },
                dir.display()
            ),
        };
    }
    args.paths
        .iter()
        .map(|p| {
            if std::fs::symlink_metadata(p).is_err() {
                bail!("{}: no such file or folder", p.display());
            }
            if p.file_name().is_some_and(|n| n == INDEX_FOLDER) {
                bail!("{}: this is an index folder, not a corpus", p.display());
            }
            let root = Root::new(p)
                .with_context(|| format!("{}: cannot resolve the path", p.display()))?;
            // The commit payload is JSON: it cannot hold a path that is not UTF-8.
            if root.absolute.to_str().is_none() {
                bail!(
                    "{}: the index cannot remember a corpus path that is not valid UTF-8: rename the folder, or give a folder above it",
                    root.absolute.display()
                );
            }
            Ok(root)
        })
        .collect()
}

/// The source of another text that already has this record's id, in this run or in the last
/// commit. A record not parsed in this run (its file is unchanged) has its hash in the index.
fn other_text_with_id(
    writer: &CorpusWriter,
    seen: &[Seen],
    position: &HashMap<Box<str>, usize>,
    all: &[CorpusFile],
    previous_files: &HashMap<&str, BTreeSet<&str>>,
    loaded: &LoadedRecord,
) -> Result<Option<String>> {
    let id = loaded.record.id.as_str();
    let stored_hash = |full: String| (!full.is_empty()).then(|| hash_prefix(&full));
    let (hash, holder) = match position.get(id).map(|&at| &seen[at]) {
        Some(s) => match s.hash {
            Some(hash) => (Some(hash), s.primary(all).source()),
            None => match writer.stored(id)? {
                Some((_, _, full)) => (stored_hash(full), s.primary(all).source()),
                None => return Ok(None),
            },
        },
        None if previous_files.contains_key(id) => match writer.stored(id)? {
            Some((record, _, full)) => (stored_hash(full), record.source),
            None => return Ok(None),
        },
        None => return Ok(None),
    };
    Ok(hash
        .is_some_and(|h| h != hash_prefix(&loaded.hash))
        .then_some(holder))
}

/// Whether a file's normalised text still hashes to the record id it had.
fn same_text(file: &CorpusFile, id: &str) -> bool {
    use crate::loader::{decode::decode, normalize};
    let Ok(bytes) = std::fs::read(file.path()) else {
        return false;
    };
    let Ok(text) = decode(&bytes) else {
        return false;
    };
    let canonical = normalize::canonical_text(&normalize::normalize_text(&text));
    // A prefix, not `id_from_hash`: an id lengthened after a collision is longer.
    normalize::content_hash(&canonical).starts_with(id)
}

/// Writes a record again with its full, current file set: from the index when it was not
/// parsed in this run (its text is unchanged), else by re-reading its primary file.
fn rewrite(writer: &CorpusWriter, s: &Seen, all: &[CorpusFile]) -> Result<()> {
    let primary = s.primary(all);
    if s.hash.is_none()
        && let Some((mut record, problems, hash)) = writer.stored(&s.id)?
    {
        record.source = primary.source();
        record.source_bytes = primary.source_bytes_base64();
        return writer.upsert(&record, &problems, &hash, &s.entries(all));
    }
    match load(primary) {
        Loaded::Record(r) => {
            let LoadedRecord {
                mut record,
                problems,
                hash,
            } = *r;
            // The id may have been lengthened in this run, away from another text's.
            record.id = s.id.to_string();
            writer.upsert(&record, &problems, &hash, &s.entries(all))
        }
        Loaded::Skipped(p) => {
            let p: Problem = p;
            bail!(
                "{}: {} (it changed during the run; run `diplo index` again)",
                primary.source(),
                p.message
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_separated_with_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(99_900), "99,900");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
