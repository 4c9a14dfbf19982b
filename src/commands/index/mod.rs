//! `diplo index [PATH...]`: build or refresh the index.
//!
//! Files whose fingerprint (path, size, modification time) is unchanged since the last run are
//! not read again. Records are upserted by id, records whose files are gone are deleted, and
//! the whole run becomes visible in one atomic commit.

mod file_log;
mod previous;
mod table;

use super::Outcome;
use crate::cli::{GlobalArgs, IndexArgs};
use crate::corpus::{Loading, load, load_streamed};
use crate::index::writer::{CorpusWriter, Stored};
use crate::index::{self, CommitInfo, INDEX_FOLDER, schema::INDEX_SCHEMA_VERSION};
use crate::loader::{Loaded, LoadedRecord};
use crate::record::Problem;
use crate::walk::{CorpusFile, Found, Root, WalkOptions, WalkProblem, walk_each};
use anyhow::{Context, Result, bail};
use file_log::{FileAt, FileLog};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use previous::{Known, Previous};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;
use table::{KeyedTable, RecordKey};

/// A record seen in this run. A run keeps one per record of the corpus, so it is kept to 32
/// bytes: its id is the table's key, its files are in the run's file log, and the rare further
/// files with the same text are in a map of their own ([`Run::more_files`]).
struct Seen {
    /// Its first file: the primary one.
    primary: FileAt,
    /// Bits 64 to 128 of the content hash when the record was parsed in this run, to tell a
    /// duplicate from another text whose abbreviated id is the same. (The id holds the bits
    /// before; an id cut shorter than 16 digits, in tests, still leaves 64 bits to compare.)
    hash_tail: u64,
    /// Its position in the last commit's records, or [`Seen::NOT_BEFORE`].
    previous: u32,
    /// How many files have its text in this run.
    files: u32,
    /// Parsed (and written) in this run; otherwise every file of it was known unchanged.
    parsed: bool,
    /// A file of it was known by its text, its fingerprint having changed.
    touched: bool,
    /// A file that was not one of its files before has its text (a new copy): its files
    /// changed even if their number did not.
    gained: bool,
}

impl Seen {
    const NOT_BEFORE: u32 = u32::MAX;

    fn known(file: FileAt, known: Known) -> Seen {
        Seen {
            primary: file,
            hash_tail: 0,
            previous: known.record,
            files: 1,
            parsed: false,
            touched: known.touched,
            gained: false,
        }
    }

    fn parsed(file: FileAt, hash: &str, previous: Option<u32>) -> Seen {
        Seen {
            primary: file,
            hash_tail: hash_tail(hash),
            previous: previous.unwrap_or(Seen::NOT_BEFORE),
            files: 1,
            parsed: true,
            touched: false,
            gained: false,
        }
    }

    fn previous(&self) -> Option<u32> {
        (self.previous != Seen::NOT_BEFORE).then_some(self.previous)
    }
}

/// Bits 64 to 128 of a hex content hash.
fn hash_tail(hash: &str) -> u64 {
    hash.get(16..32)
        .and_then(|h| u64::from_str_radix(h, 16).ok())
        .unwrap_or(0)
}

/// What a run keeps of the corpus: each record it has seen, and where each file is.
struct Run {
    seen: KeyedTable<RecordKey, Seen>,
    /// The files after the first of each record that has several (by its position in `seen`).
    more_files: HashMap<u32, Vec<FileAt>>,
    log: FileLog,
}

impl Run {
    /// Whether the record already has `file`: the same file walked again, under roots that
    /// overlap. Its files are read back from the log, which only a duplicate makes happen.
    fn has_file(&mut self, record: u32, file: &CorpusFile) -> Result<bool> {
        let key = file.key();
        Ok(self.files_of(record)?.iter().any(|f| f.key() == key))
    }

    /// Adds a file to a record already seen.
    fn add_file(&mut self, record: u32, file: FileAt) {
        self.seen.at_mut(record).files += 1;
        self.more_files.entry(record).or_default().push(file);
    }

    /// The record's files, the primary one first.
    fn files_of(&mut self, record: u32) -> Result<Vec<CorpusFile>> {
        let primary = self.seen.at(record).1.primary;
        let more = self.more_files.get(&record).cloned().unwrap_or_default();
        std::iter::once(primary)
            .chain(more)
            .map(|at| self.log.get(at))
            .collect()
    }

    /// The source of the record's primary file.
    fn primary_source(&mut self, record: u32) -> Result<String> {
        let primary = self.seen.at(record).1.primary;
        Ok(self.log.get(primary)?.source())
    }
}

fn entry(file: &CorpusFile) -> (String, String) {
    (file.source(), file.fingerprint())
}

#[derive(Default)]
struct Tally {
    files: usize,
    with_problems: usize,
    skipped: usize,
    duplicates: usize,
    problems: usize,
}

/// The key of a record id this run made or read; an error for any other.
fn key_of(id: &str) -> Result<RecordKey> {
    RecordKey::of(id).with_context(|| {
        format!("record id {id:?} is not one diplo makes: run `diplo index --rebuild`, and report it if it comes back")
    })
}

pub fn run(args: &IndexArgs, global: &GlobalArgs) -> Result<Outcome> {
    let started = Instant::now();
    let dir = index::locate_for_writing(global.index.as_deref())?;
    let mut writer = CorpusWriter::open(&dir, args.rebuild, args.wait)?;
    // Read under the writer lock: the commit this run starts from.
    let opstamp_before = index::linking::last_opstamp(&dir);
    let roots = roots(args, &writer, &dir)?;
    writer.roots = roots.clone();
    let options = WalkOptions {
        ignore_files: args.ignore_files,
        follow: args.follow,
        // When the ignore crate walks (ignore files, --follow), files are stated by the loading
        // threads, both cores, rather than by its one; the folder walk states them itself.
        stat_later: true,
    };
    // The bar's length grows as the walk finds files: loading starts before the walk ends.
    let bar = progress_bar(0, args.quiet);

    let last_commit = if args.rebuild {
        writer.delete_all()?;
        None
    } else {
        Some(writer.previous_records()?)
    };
    let last_commit_records = last_commit.as_ref().map_or(0, |c| c.count());
    // The last commit's records are read on a thread of their own while the walk starts: at a
    // million readouts the reading took 1.3 s, with the other core idle. Files wait for them
    // only to be told known or not.
    let previous_cell: OnceLock<Previous> = OnceLock::new();
    let reading_failed = AtomicBool::new(false);

    let mut tally = Tally::default();
    let report = |source: &str, message: &str| {
        bar.suspend(|| eprintln!("{source}: {message}"));
    };
    let mut run = Run {
        seen: KeyedTable::with_capacity(last_commit_records),
        more_files: HashMap::new(),
        log: FileLog::create_in(&dir)?,
    };
    let mut walk_problems: Vec<WalkProblem> = Vec::new();
    let mut not_documents = 0usize;
    let walk = |emit: &mut dyn FnMut(CorpusFile) -> ControlFlow<()>| {
        walk_each(&roots, &dir, options, &mut |found| match found {
            Found::File(file) => {
                bar.inc_length(1);
                emit(file)
            }
            Found::Problem(p) => {
                walk_problems.push(p);
                ControlFlow::Continue(())
            }
            Found::NotDocument => {
                not_documents += 1;
                ControlFlow::Continue(())
            }
        })
    };
    // A refresh's walk may run far ahead of the files it has told known, while the last commit
    // is read (a chunk of files is about 25 KB); a build's stays a few chunks ahead of parsing.
    let walk_ahead = if last_commit_records > 0 {
        1024
    } else {
        crate::corpus::CHUNKS_AHEAD
    };
    let loading = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            // The cell is filled whatever happens, even on a panic: files wait for it.
            let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                last_commit.map_or_else(|| Ok(Previous::default()), Previous::read)
            }));
            let (previous, outcome) = match read {
                Ok(Ok(previous)) => (previous, Ok(None)),
                Ok(Err(error)) => (Previous::default(), Ok(Some(error))),
                Err(panic) => (Previous::default(), Err(panic)),
            };
            if !matches!(outcome, Ok(None)) {
                reading_failed.store(true, Ordering::Relaxed);
            }
            previous_cell.set(previous).ok();
            outcome
        });
        let loaded = load_streamed(
            walk,
            walk_ahead,
            |f| previous_cell.wait().known(f),
            |file, loaded| {
                let previous = previous_cell.wait();
                if reading_failed.load(Ordering::Relaxed) {
                    bail!("stopped: the last commit's records could not be read");
                }
                bar.inc(1);
                tally.files += 1;
                let this_file = run.log.push(&file)?;
                let loaded = match loaded {
                    Loading::Known(known) => {
                        let (key, record) = previous.records.at(known.record);
                        let (at, new) = run.seen.entry(*key, || Seen::known(this_file, known))?;
                        if new {
                            tally.with_problems += usize::from(record.problems > 0);
                            tally.problems += record.problems as usize;
                        } else if !run.has_file(at, &file)? {
                            run.add_file(at, this_file);
                            run.seen.at_mut(at).touched |= known.touched;
                        }
                        return Ok(());
                    }
                    Loading::Parsed(Loaded::Skipped(problem)) => {
                        tally.skipped += 1;
                        report(&file.source(), &problem.message);
                        return Ok(());
                    }
                    Loading::Parsed(Loaded::Record(r)) => r,
                };
                let mut loaded = loaded;
                if let Some(holder) = other_text_with_id(&writer, &mut run, previous, &loaded)? {
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
                let key = key_of(id)?;
                if let Some(at) = run.seen.position(&key) {
                    if run.has_file(at, &file)? {
                        return Ok(());
                    }
                    tally.duplicates += 1;
                    run.seen.at_mut(at).gained = true;
                    let primary = run.primary_source(at)?;
                    report(
                        &file.source(),
                        &format!("same text as {primary} (id {id}); indexed once"),
                    );
                    run.add_file(at, this_file);
                    return Ok(());
                }
                if !loaded.problems.is_empty() {
                    tally.with_problems += 1;
                    tally.problems += loaded.problems.len();
                    for p in &loaded.problems {
                        report(&file.source(), &p.message);
                    }
                }
                let before = previous.records.position(&key);
                let seen = Seen::parsed(this_file, &loaded.hash, before);
                if !args.strict {
                    let LoadedRecord {
                        record,
                        problems,
                        hash: full_hash,
                        link_key,
                    } = *loaded;
                    let files = [entry(&file)];
                    let stored = Stored {
                        problems: &problems,
                        hash: &full_hash,
                        files: &files,
                        link_key: &link_key,
                    };
                    if before.is_some() {
                        writer.upsert(record, stored)?;
                    } else {
                        writer.add(record, stored)?;
                    }
                }
                run.seen.insert(key, seen)?;
                Ok(())
            },
        );
        // The reading's own error first: the loading stopped because of it.
        match reader.join() {
            Ok(Ok(Some(error))) => Err(error),
            Ok(Ok(None)) => loaded,
            Ok(Err(panic)) | Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    loading?;
    let previous = previous_cell.into_inner().unwrap_or_default();

    bar.finish_and_clear();
    for p in &walk_problems {
        tally.skipped += 1;
        report(&p.source, &p.message);
    }
    if args.strict && (tally.with_problems + tally.skipped + tally.duplicates) > 0 {
        bail!(
            "--strict: {} files have problems, {} were skipped, {} are duplicates; the index in {} is unchanged",
            tally.with_problems,
            tally.skipped,
            tally.duplicates,
            dir.display()
        );
    }

    // Committing, linking and merging take about 16 s at a million readouts: say which.
    let stage = stage_line(args.quiet);
    stage.set_message("committing");
    let (mut added, mut updated, mut unchanged) = (0usize, 0usize, 0usize);
    for at in 0..run.seen.len() as u32 {
        let (key, s) = run.seen.at(at);
        let key = *key;
        let before = s.previous().map(|p| previous.records.at(p).1.files);
        // A record parsed in this run was written with its one file. A known record's files
        // are each one of its files before (by name) unless it gained one, so then the same
        // count is the same set.
        let same_files = !s.gained && before == Some(s.files);
        let up_to_date = if s.parsed {
            s.files == 1
        } else {
            !s.touched && same_files
        };
        // Only a new fingerprint (a touched file) is not a change the user would count.
        let changed = s.parsed || !same_files;
        if !up_to_date || args.strict {
            rewrite(&writer, &key.id(), at, &mut run)?;
        }
        match (before, changed) {
            (None, _) => added += 1,
            (Some(_), true) => updated += 1,
            (Some(_), false) => unchanged += 1,
        }
    }
    let mut removed = 0usize;
    for (key, _) in previous.records.iter() {
        if !run.seen.contains(key) {
            writer.delete(&key.id());
            removed += 1;
        }
    }
    let records_changed = args.rebuild || added + updated + removed > 0;

    let info = CommitInfo {
        schema_version: INDEX_SCHEMA_VERSION,
        diplo_version: env!("CARGO_PKG_VERSION").to_string(),
        roots,
    };
    writer.commit(&info)?;
    // Linking holds a little of every record: the run's own tables of them go first.
    let records = run.seen.len();
    drop(run);
    drop(previous);
    crate::memory::release_freed_memory();
    // After the writer lock is released: a run that commits in between makes the map of the
    // commit it finds (the map follows from a commit's records alone), and its own run finds
    // it made.
    stage.set_message("linking the documents of each contact");
    let linked = index::linking::link_last_commit(&dir, opstamp_before, records_changed)?;
    crate::views::corpus_stats::save_for_last_commit(&dir, opstamp_before, records_changed)?;
    // Last, once the linking's memory is freed: a merge maps the segments it reads. The run's
    // commit is made by then, so a merge that fails is said and the run still succeeds.
    let starting = |segments| stage.set_message(format!("merging the index's {segments} segments"));
    let folded = index::consolidate::consolidate_last_commit(&dir, starting).unwrap_or_else(|e| {
        stage.suspend(|| eprintln!("diplo: warning: {e:#}"));
        None
    });
    stage.finish_and_clear();
    if !args.quiet {
        let duplicates = if tally.duplicates > 0 {
            format!(", {} duplicates", tally.duplicates)
        } else {
            String::new()
        };
        let linked = if linked > 0 {
            format!(
                ", {} reporting a contact another one reports",
                thousands(linked)
            )
        } else {
            String::new()
        };
        eprintln!(
            "indexed {} records from {} files: {} with problems, {} skipped{duplicates}{linked}{}",
            thousands(records),
            thousands(tally.files + walk_problems.len()),
            tally.with_problems,
            tally.skipped,
            super::not_documents_note(not_documents)
        );
        if let Some((before, after)) = folded {
            eprintln!("merged the index's {before} segments into {after}, for faster searches");
        }
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
    Ok(if records == 0 {
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

/// One line on stderr saying what the run does after its files are read, with a spinner:
/// drawn only on a terminal and never with `--quiet`.
fn stage_line(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    // Cleared however the run ends, so an error is not printed under a stale stage.
    let mut line = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        .with_finish(indicatif::ProgressFinish::AndClear);
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}…") {
        line = line.with_style(style);
    }
    line.enable_steady_tick(std::time::Duration::from_millis(120));
    line
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
    run: &mut Run,
    previous: &Previous,
    loaded: &LoadedRecord,
) -> Result<Option<String>> {
    let id = loaded.record.id.as_str();
    let key = key_of(id)?;
    let stored_tail = |full: String| (!full.is_empty()).then(|| hash_tail(&full));
    let (tail, holder) = match run.seen.position(&key) {
        Some(at) => {
            let s = run.seen.at(at).1;
            let tail = if s.parsed {
                Some(s.hash_tail)
            } else {
                match writer.stored(id)? {
                    Some((_, _, full)) => stored_tail(full),
                    None => return Ok(None),
                }
            };
            (tail, run.primary_source(at)?)
        }
        None if previous.records.contains(&key) => match writer.stored(id)? {
            Some((record, _, full)) => (stored_tail(full), record.source),
            None => return Ok(None),
        },
        None => return Ok(None),
    };
    Ok(tail
        .is_some_and(|t| t != hash_tail(&loaded.hash))
        .then_some(holder))
}

/// Whether a file's normalised text (an HTML page's, read as HTML) still hashes to the record
/// id it had.
fn same_text(file: &CorpusFile, id: &str) -> bool {
    let hash = match file.line() {
        Some((_, offset)) => match crate::loader::read_line(&file.path(), offset, file.size) {
            Ok(Ok(bytes)) => crate::loader::scrape::content_hash_of(&bytes),
            _ => return false,
        },
        None => match std::fs::read(file.path()) {
            Ok(bytes) => crate::loader::content_hash_of(&bytes, &file.source()),
            Err(_) => return false,
        },
    };
    // A prefix, not `id_from_hash`: an id lengthened after a collision is longer.
    hash.is_some_and(|hash| hash.starts_with(id))
}

/// Writes a record again with its full, current file set: from the index when it was not
/// parsed in this run (its text is unchanged), else by re-reading its primary file.
fn rewrite(writer: &CorpusWriter, id: &str, at: u32, run: &mut Run) -> Result<()> {
    let files = run.files_of(at)?;
    let entries: Vec<(String, String)> = files.iter().map(entry).collect();
    let primary = &files[0];
    if !run.seen.at(at).1.parsed
        && let Some((mut record, problems, hash)) = writer.stored(id)?
    {
        record.source = primary.source();
        record.source_bytes = primary.source_bytes_base64();
        let stored = Stored {
            problems: &problems,
            hash: &hash,
            files: &entries,
            link_key: "",
        };
        return writer.upsert(record, stored);
    }
    match load(primary) {
        Loaded::Record(r) => {
            let LoadedRecord {
                mut record,
                problems,
                hash,
                link_key,
            } = *r;
            // The id may have been lengthened in this run, away from another text's.
            record.id = id.to_string();
            let stored = Stored {
                problems: &problems,
                hash: &hash,
                files: &entries,
                link_key: &link_key,
            };
            writer.upsert(record, stored)
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
    use super::{Seen, hash_tail, thousands};

    #[test]
    fn a_record_seen_in_a_run_takes_32_bytes() {
        // A run keeps one per record: at a million records every 8 bytes are 8 MB.
        assert_eq!(std::mem::size_of::<Seen>(), 32);
    }

    #[test]
    fn the_hash_tail_is_the_second_64_bits_of_the_hash() {
        let hash = "fd7ad6a0d65a9c83".to_string() + "0123456789abcdef" + &"0".repeat(32);
        assert_eq!(hash_tail(&hash), 0x0123_4567_89ab_cdef);
        assert_eq!(hash_tail("fd7a"), 0);
    }

    #[test]
    fn thousands_are_separated_with_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(99_900), "99,900");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
