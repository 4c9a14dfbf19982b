//! `diplo index [PATH...]`: build or refresh the index.
//!
//! Files whose fingerprint (path, size, modification time) is unchanged since the last run are
//! not read again. Records are upserted by id, records whose files are gone are deleted, and
//! the whole run becomes visible in one atomic commit.

use super::Outcome;
use crate::cli::{GlobalArgs, IndexArgs};
use crate::corpus::{Loading, load, load_streamed};
use crate::index::writer::{CorpusWriter, PreviousState};
use crate::index::{self, CommitInfo, INDEX_FOLDER, schema::INDEX_SCHEMA_VERSION};
use crate::loader::{Loaded, LoadedRecord};
use crate::record::Problem;
use crate::walk::{
    CorpusFile, Found, Root, WalkOptions, WalkProblem, fingerprint_source, walk_each,
};
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::{BTreeSet, HashMap};
use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::time::Instant;

/// A record seen in this run, and every file that has its text. Kept small (its id is the key
/// of the map that holds it, files are indices into the walk's list): a run holds one per
/// record of the corpus.
struct Seen {
    /// The content hash's first 128 bits when the record was parsed in this run, to tell a
    /// duplicate from another text whose abbreviated id is the same.
    hash: Option<[u8; 16]>,
    /// The first file with this text: the primary one.
    primary: u32,
    /// Further files with the same text. A duplicate is rare, so none costs one pointer (an
    /// empty `Vec` took 24 bytes, a large share of an entry the run keeps for every record).
    #[expect(
        clippy::box_collection,
        reason = "8 bytes when empty, where a Vec takes 24"
    )]
    more: Option<Box<Vec<u32>>>,
    /// How many files the record was last written with in this run.
    written: Option<u32>,
}

impl Seen {
    fn new(file: u32, hash: Option<[u8; 16]>, written: Option<u32>) -> Seen {
        Seen {
            hash,
            primary: file,
            more: None,
            written,
        }
    }

    fn primary<'a>(&self, all: &'a [CorpusFile]) -> &'a CorpusFile {
        &all[self.primary as usize]
    }

    /// Its files, the primary one first.
    fn files<'a>(&self, all: &'a [CorpusFile]) -> impl Iterator<Item = &'a CorpusFile> {
        self.file_indices().map(|i| &all[i as usize])
    }

    /// Its files' indices in the walk's list, the primary one first.
    fn file_indices(&self) -> impl Iterator<Item = u32> + '_ {
        let more = self.more.iter().flat_map(|more| more.iter().copied());
        std::iter::once(self.primary).chain(more)
    }

    fn add_file(&mut self, file: u32) {
        self.more.get_or_insert_default().push(file);
    }

    fn file_count(&self) -> usize {
        1 + self.more.as_ref().map_or(0, |more| more.len())
    }

    /// `(source, fingerprint)` of each of its files, as the index stores them.
    fn entries(&self, all: &[CorpusFile]) -> Vec<(String, String)> {
        self.files(all).map(entry).collect()
    }
}

fn entry(file: &CorpusFile) -> (String, String) {
    (file.source(), file.fingerprint())
}

/// The leading 128 bits of a hex content hash.
fn hash_prefix(hash: &str) -> [u8; 16] {
    hash.get(..32)
        .and_then(|h| u128::from_str_radix(h, 16).ok())
        .unwrap_or(0)
        .to_be_bytes()
}

/// The fingerprints of each record of the last commit, by id.
struct PreviousFiles<'a> {
    index_of: HashMap<&'a str, u32>,
    /// Per record (as indexed in [`PreviousState::records`]), its files' fingerprints.
    fingerprints: Vec<Vec<&'a str>>,
}

impl<'a> PreviousFiles<'a> {
    fn of(previous: &'a PreviousState) -> PreviousFiles<'a> {
        let mut fingerprints: Vec<Vec<&str>> = vec![Vec::new(); previous.records.len()];
        for (fp, &at) in &previous.by_fingerprint {
            fingerprints[at as usize].push(fp);
        }
        let index_of = previous
            .records
            .iter()
            .zip(0u32..)
            .map(|(r, at)| (&*r.id, at))
            .collect();
        PreviousFiles {
            index_of,
            fingerprints,
        }
    }

    /// Whether the last commit has a record with this id.
    fn has(&self, id: &str) -> bool {
        self.index_of.contains_key(id)
    }

    /// The fingerprints of the record's files in the last commit.
    fn of_id(&self, id: &str) -> Option<BTreeSet<&'a str>> {
        let at = *self.index_of.get(id)?;
        Some(self.fingerprints[at as usize].iter().copied().collect())
    }
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
    // The bar's length grows as the walk finds files: loading starts before the walk ends.
    let bar = progress_bar(0, args.quiet);

    let previous = if args.rebuild {
        writer.delete_all()?;
        Default::default()
    } else {
        writer.previous_state()?
    };
    let previous_files = PreviousFiles::of(&previous);

    // A file whose fingerprint changed but whose size did not may only have been touched:
    // its text is hashed (cheap) and, if its id is the same, it is not parsed again.
    let mut by_source: HashMap<&str, (&str, u32)> = HashMap::new();
    for (fp, &at) in &previous.by_fingerprint {
        let mut parts = fp.split('\u{1f}');
        if let (Some(source), Some(size)) = (parts.next(), parts.next()) {
            by_source.insert(source, (size, at));
        }
    }
    let touched = |f: &CorpusFile| -> Option<u32> {
        let (size, at) = by_source.get(f.key().as_str())?;
        let id = &previous.records[*at as usize].id;
        (*size == f.size.to_string() && same_text(f, id)).then_some(*at)
    };
    let known = |f: &CorpusFile| -> Option<u32> {
        (previous
            .by_fingerprint
            .get(f.fingerprint().as_str())
            .copied())
        .or_else(|| touched(f))
    };

    let mut tally = Tally::default();
    let mut problem_lines: Vec<String> = Vec::new();
    let mut report = |source: &str, message: &str| {
        bar.suspend(|| eprintln!("{source}: {message}"));
        problem_lines.push(source.to_string());
    };
    // Every record of the run, by id, and every file, in the walk's order.
    let mut seen: HashMap<Box<str>, Seen> = HashMap::new();
    let mut files: Vec<CorpusFile> = Vec::new();
    let mut walk_problems: Vec<WalkProblem> = Vec::new();
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
        })
    };
    load_streamed(walk, known, |file, loaded| {
        bar.inc(1);
        tally.files += 1;
        let this_file = u32::try_from(files.len()).unwrap_or(u32::MAX);
        files.push(file);
        let file = &files[this_file as usize];
        let loaded = match loaded {
            Loading::Known(at) => {
                let record = &previous.records[at as usize];
                match seen.get_mut(&record.id) {
                    Some(s) => s.add_file(this_file),
                    None => {
                        tally.with_problems += usize::from(record.problems > 0);
                        tally.problems += record.problems as usize;
                        seen.insert(record.id.clone(), Seen::new(this_file, None, None));
                    }
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
        let hash = hash_prefix(&loaded.hash);
        if let Some(holder) = other_text_with_id(&writer, &seen, &files, &previous_files, &loaded)?
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
        if let Some(s) = seen.get_mut(id) {
            tally.duplicates += 1;
            let primary = s.primary(&files).source();
            report(
                &file.source(),
                &format!("same text as {primary} (id {id}); indexed once"),
            );
            s.add_file(this_file);
            return Ok(());
        }
        if !loaded.problems.is_empty() {
            tally.with_problems += 1;
            tally.problems += loaded.problems.len();
            for p in &loaded.problems {
                report(&file.source(), &p.message);
            }
        }
        let id: Box<str> = id.into();
        if !args.strict {
            let LoadedRecord {
                record,
                problems,
                hash: full_hash,
            } = *loaded;
            let files = [entry(file)];
            if previous_files.has(&id) {
                writer.upsert(record, &problems, &full_hash, &files)?;
            } else {
                writer.add(record, &problems, &full_hash, &files)?;
            }
        }
        seen.insert(id, Seen::new(this_file, Some(hash), Some(1)));
        Ok(())
    })?;

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

    let (mut added, mut updated, mut unchanged) = (0usize, 0usize, 0usize);
    for (id, s) in &seen {
        let fingerprints: Vec<String> = s.files(&files).map(CorpusFile::fingerprint).collect();
        let current: BTreeSet<&str> = fingerprints.iter().map(String::as_str).collect();
        let before: Option<BTreeSet<&str>> = previous_files.of_id(id);
        let up_to_date = match s.written {
            Some(written) => written as usize == s.file_count(),
            None => before.as_ref() == Some(&current),
        };
        if !up_to_date || args.strict {
            rewrite(&writer, id, s, &files)?;
        }
        // Only a new fingerprint (a touched file) is not a change the user would count.
        let sources_before: Option<BTreeSet<&str>> = before
            .as_ref()
            .map(|b| b.iter().map(|fp| fingerprint_source(fp)).collect());
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
    for record in &previous.records {
        if !seen.contains_key(&record.id) {
            writer.delete(&record.id);
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
    seen: &HashMap<Box<str>, Seen>,
    all: &[CorpusFile],
    previous_files: &PreviousFiles,
    loaded: &LoadedRecord,
) -> Result<Option<String>> {
    let id = loaded.record.id.as_str();
    let stored_hash = |full: String| (!full.is_empty()).then(|| hash_prefix(&full));
    let (hash, holder) = match seen.get(id) {
        Some(s) => match s.hash {
            Some(hash) => (Some(hash), s.primary(all).source()),
            None => match writer.stored(id)? {
                Some((_, _, full)) => (stored_hash(full), s.primary(all).source()),
                None => return Ok(None),
            },
        },
        None if previous_files.has(id) => match writer.stored(id)? {
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
fn rewrite(writer: &CorpusWriter, id: &str, s: &Seen, all: &[CorpusFile]) -> Result<()> {
    let primary = s.primary(all);
    if s.hash.is_none()
        && let Some((mut record, problems, hash)) = writer.stored(id)?
    {
        record.source = primary.source();
        record.source_bytes = primary.source_bytes_base64();
        return writer.upsert(record, &problems, &hash, &s.entries(all));
    }
    match load(primary) {
        Loaded::Record(r) => {
            let LoadedRecord {
                mut record,
                problems,
                hash,
            } = *r;
            // The id may have been lengthened in this run, away from another text's.
            record.id = id.to_string();
            writer.upsert(record, &problems, &hash, &s.entries(all))
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
    use super::{Seen, thousands};

    #[test]
    fn a_record_seen_in_a_run_keeps_its_files_in_order_in_40_bytes() {
        // A run keeps one per record: at 300,000 records every 8 bytes are 4 MB of table.
        assert!(std::mem::size_of::<Seen>() <= 40);
        let mut seen = Seen::new(3, None, Some(1));
        assert_eq!(seen.file_count(), 1);
        seen.add_file(7);
        seen.add_file(5);
        assert_eq!(seen.file_count(), 3);
        assert_eq!(seen.file_indices().collect::<Vec<_>>(), [3, 7, 5]);
    }

    #[test]
    fn thousands_are_separated_with_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(99_900), "99,900");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
