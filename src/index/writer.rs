//! Writing the index: opening it under tantivy's writer lock, upserting records by id,
//! and committing atomically with the run's [`CommitInfo`].
//!
//! Nothing a run does is visible until `commit`: a run that fails or is killed leaves the
//! previous commit as it was, searchable.

use super::queue::{IN_FLIGHT, QueuedDocument, Tickets};
use super::schema::{Fields, INDEX_SCHEMA_VERSION, build_schema, fields_of};
use super::{CommitInfo, tantivy_dir};
use crate::loader::date::{Date, days_from_civil};
use crate::record::{Problem, Record};
use anyhow::{Context, Result, anyhow, bail};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DateTime, Index, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term,
};

/// Memory budget of the tantivy writer, split between its threads (each needs at least 15 MB).
/// Each thread writes a segment of a few thousand readouts when its half is full.
const WRITER_BUDGET_BYTES: usize = 64 * 1024 * 1024;

/// Segments with more documents than this are not merged again while a run writes (after it,
/// an index of many segments is folded: see [`super::consolidate`]). A merge reads its segments
/// through memory maps and builds the merged one in memory, beside the writer's own: with a
/// bound of 10,000 the writer's flushed segments (about 7,700 readouts each) were merged in
/// twos while parsing went on, and those merges were 20–30 MiB of a 1M build's peak, at its
/// end. With this bound only the small segments merge (the ones refreshes write, and a
/// build's last, part-filled ones), a build of N readouts keeps about N / 7,700 segments
/// until the fold, and a 100k index 13 segments instead of 7 (see the README's figures for
/// what that costs a search). A bound of 20,000 made fewer still, but took a 100k build's peak
/// over 256 MiB.
pub const MERGE_MAX_DOCS: usize = 5_000;

/// How tantivy merges: small segments as soon as there are two. Every search opens every
/// segment (about 0.1 ms each, in files mapped and read), so the segments refreshes leave
/// behind are folded together at once (a refresh of 100 files took 0.3 s at 10k either way).
fn merge_policy() -> tantivy::merge_policy::LogMergePolicy {
    let mut policy = tantivy::merge_policy::LogMergePolicy::default();
    policy.set_max_docs_before_merge(MERGE_MAX_DOCS);
    policy.set_min_num_segments(2);
    policy
}

pub struct CorpusWriter {
    dir: PathBuf,
    index: Index,
    /// In a cell so that a failed add can ask the dead writer why it failed.
    writer: std::cell::RefCell<IndexWriter<QueuedDocument>>,
    /// Documents added and not yet indexed (see [`super::queue`]).
    tickets: Arc<Tickets>,
    pub fields: Fields,
    /// The commit info of the previous run, if the index has one.
    pub previous_info: Option<CommitInfo>,
    /// Set when an index of another layout is being replaced: the new index is built here
    /// and swapped in at commit.
    staging: Option<PathBuf>,
    /// While an index is rebuilt in staging, the old one stays locked against other writers.
    _old_writer: Option<IndexWriter>,
    /// The last commit, opened on first use.
    last_commit: std::sync::OnceLock<Searcher>,
    /// The corpus paths of this run, which a record's publisher is named from when it has no URL.
    pub roots: Vec<crate::walk::Root>,
    /// Whether this run has added or deleted anything (see [`Self::commit`]).
    written: std::cell::Cell<bool>,
}

impl CorpusWriter {
    /// Opens (or creates) the index in `dir` for writing. Fails at once if another writer holds it.
    /// With `rebuild`, an index of another layout is replaced at commit.
    pub fn open(dir: &Path, rebuild: bool, wait: bool) -> Result<CorpusWriter> {
        super::recover_interrupted_swap(dir)?;
        let (schema, fields) = build_schema();
        let live = tantivy_dir(dir);
        std::fs::create_dir_all(&live)
            .with_context(|| format!("cannot create the index folder {}", live.display()))?;
        let existing = Index::open_in_dir(&live).ok();
        let compatible = existing.as_ref().is_none_or(|index| {
            fields_of(&index.schema()).is_some()
                && payload_of(index).is_none_or(|p| p.schema_version == INDEX_SCHEMA_VERSION)
        });
        let mut old_writer = None;
        let mut replaced_info = None;
        let (index, staging) = match (existing, compatible) {
            (Some(index), true) => (index, None),
            (None, _) => (create_index(&live, schema)?, None),
            (Some(index), false) if rebuild => {
                // Keep the old index searchable until the new one is complete.
                old_writer = Some(take_writer_lock(&index, dir, wait)?);
                replaced_info = remembered_info(&index);
                let staging = super::staging_dir(dir);
                if staging.exists() {
                    std::fs::remove_dir_all(&staging).with_context(|| {
                        format!("cannot remove the leftover {}", staging.display())
                    })?;
                }
                std::fs::create_dir_all(&staging).with_context(|| create_error(&staging))?;
                (create_index(&staging, schema)?, Some(staging))
            }
            (Some(index), false) => {
                let built_by = payload_of(&index).map_or_else(
                    || "another program".to_string(),
                    |p| {
                        format!(
                            "diplo {} (index schema {})",
                            p.diplo_version, p.schema_version
                        )
                    },
                );
                bail!(
                    "the index in {} was built by {built_by}, and this diplo uses index schema {INDEX_SCHEMA_VERSION}: run `diplo index --rebuild` to rebuild it",
                    dir.display()
                );
            }
        };
        super::analyzer::register(&index);
        let writer = take_writer_lock(&index, dir, wait)?;
        // Read after the lock: a run we waited for may have just committed.
        let previous_info = payload_of(&index).or(replaced_info);
        Ok(CorpusWriter {
            dir: dir.to_path_buf(),
            index,
            writer: std::cell::RefCell::new(writer),
            tickets: Arc::default(),
            fields,
            previous_info,
            staging,
            _old_writer: old_writer,
            last_commit: std::sync::OnceLock::new(),
            roots: Vec::new(),
            written: std::cell::Cell::new(false),
        })
    }

    /// The records of the last commit, for one pass over them.
    pub fn previous_records(&self) -> Result<PreviousRecords> {
        Ok(PreviousRecords {
            segments: self.index.searchable_segments()?,
        })
    }

    /// The last commit, opened on first use.
    fn last_commit(&self) -> Result<&Searcher> {
        if let Some(searcher) = self.last_commit.get() {
            return Ok(searcher);
        }
        let reader: tantivy::IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(self.last_commit.get_or_init(|| reader.searcher()))
    }

    /// The record, problems and full content hash stored for `id` by the last commit, so a file
    /// whose text did not change is not parsed again.
    pub fn stored(&self, id: &str) -> Result<Option<(Record, Vec<Problem>, String)>> {
        let searcher = self.last_commit()?;
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*addr)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        let Some(record) = super::schema::stored_record(&self.fields, &doc) else {
            return Ok(None);
        };
        let problems = serde_json::from_str(&text(self.fields.problems)).unwrap_or_default();
        Ok(Some((record, problems, text(self.fields.hash))))
    }

    /// Adds a record, replacing any record with the same id.
    pub fn upsert(&self, record: Record, stored: Stored) -> Result<()> {
        self.delete(&record.id);
        self.add(record, stored)
    }

    /// Adds a record whose id is in neither the last commit nor this run. Cheaper than
    /// [`Self::upsert`]: tantivy keeps every pending delete in memory until the commit
    /// (about 2 KB each), which made a full index of 100k readouts hold hundreds of MiB.
    pub fn add(&self, record: Record, stored: Stored) -> Result<()> {
        self.written.set(true);
        let source = record.source.clone();
        let doc = QueuedDocument {
            doc: document(&self.fields, record, stored, &self.roots),
            ticket: self.tickets.take(IN_FLIGHT),
        };
        let added = self.writer.borrow().add_document(doc);
        if let Err(e) = added {
            // A write that failed in tantivy's indexing thread shows here only as a dead
            // writer; the thread's own error (EFBIG, ENOSPC, EROFS) says what happened.
            let cause = self.indexing_thread_error().unwrap_or(e);
            bail!(
                "cannot write the index in {} (is the disk full or read-only?): {cause} (while adding {})",
                self.dir.display(),
                source
            );
        }
        Ok(())
    }

    /// The error that stopped tantivy's indexing threads, if one did. Nothing is committed.
    fn indexing_thread_error(&self) -> Option<TantivyError> {
        let mut writer = self.writer.try_borrow_mut().ok()?;
        match writer.prepare_commit() {
            Err(e) => Some(e),
            Ok(prepared) => {
                prepared.abort().ok();
                None
            }
        }
    }

    pub fn delete(&self, id: &str) {
        self.written.set(true);
        self.writer
            .borrow()
            .delete_term(Term::from_field_text(self.fields.id, id));
    }

    pub fn delete_all(&self) -> Result<()> {
        self.written.set(true);
        self.writer
            .borrow()
            .delete_all_documents()
            .context("cannot clear the index")?;
        Ok(())
    }

    /// Makes the run visible, atomically, then tidies files no commit uses any more. A run
    /// that added and deleted nothing, and would record what the last commit records, writes
    /// nothing: the index's files are left as they are (no commit, no `fsync`).
    pub fn commit(mut self, info: &CommitInfo) -> Result<()> {
        if !self.written.get()
            && self.staging.is_none()
            && self.previous_info.as_ref() == Some(info)
        {
            return Ok(());
        }
        let payload = serde_json::to_string(info)?;
        let mut prepared = self.writer.get_mut().prepare_commit().with_context(|| {
            format!(
                "cannot write the index in {} (is the disk full or read-only?)",
                self.dir.display()
            )
        })?;
        prepared.set_payload(&payload);
        prepared.commit().with_context(|| {
            format!(
                "cannot commit the index in {} (is the disk full or read-only?)",
                self.dir.display()
            )
        })?;
        self.writer.into_inner().wait_merging_threads().ok();
        drop(self._old_writer.take());
        if let Some(staging) = self.staging.take() {
            swap_in(&self.dir, &staging)?;
        }
        Ok(())
    }
}

/// The records of the last commit (see [`CorpusWriter::previous_records`]).
pub struct PreviousRecords {
    segments: Vec<tantivy::Segment>,
}

impl PreviousRecords {
    /// How many there are.
    pub fn count(&self) -> usize {
        self.segments
            .iter()
            .map(|s| s.meta().num_docs() as usize)
            .sum()
    }

    /// Calls `visit` with the id, problem count and file fingerprints of each, read from fast
    /// fields (no stored document is read), each id and fingerprint as `id_of` and `file_of`
    /// made it: they run once per distinct string of a segment, and the strings are not kept.
    pub fn each<I, F>(
        &self,
        id_of: impl Fn(&str) -> I,
        file_of: impl Fn(&str) -> F,
        mut visit: impl FnMut(&I, u32, &mut dyn Iterator<Item = &F>) -> Result<()>,
    ) -> Result<()> {
        // One segment open at a time: the pages of its columns leave the process's memory
        // with it (all of a 1M index's at once were 90 MiB of a refresh's peak).
        for segment in &self.segments {
            let segment = tantivy::SegmentReader::open(segment)?;
            let fast = segment.fast_fields();
            let (Some(fp_col), Some(id_col)) = (fast.str("fingerprint")?, fast.str("id")?) else {
                continue;
            };
            let problems = fast.u64("problem_count")?;
            // A segment's strings at a time: a segment holds a few thousand records.
            let files = super::fast::map_terms(&fp_col, &file_of)?;
            let ids = super::fast::map_terms(&id_col, &id_of)?;
            for doc in segment.doc_ids_alive() {
                let Some(id) = id_col.term_ords(doc).next().map(|o| &ids[o as usize]) else {
                    continue;
                };
                let count = u32::try_from(problems.first(doc).unwrap_or(0)).unwrap_or(u32::MAX);
                let mut of_doc = fp_col.term_ords(doc).map(|ord| &files[ord as usize]);
                visit(id, count, &mut of_doc)?;
            }
        }
        Ok(())
    }
}

/// How the stored documents are compressed: zstd at level 3 over 128 KiB blocks. Readouts are
/// prose that repeats itself from one to the next, and a larger block gives zstd more of it to
/// match: at 100k readouts the store takes 39 MB (64 KiB blocks at level 1: 47 MB; tantivy's
/// default, lz4 over 16 KiB: 97 MB), at the same indexing time. Reading one document
/// decompresses its block, about 0.1 ms.
const DOCSTORE_ZSTD_LEVEL: i32 = 3;
const DOCSTORE_BLOCK_BYTES: usize = 128 * 1024;

/// A new, empty index in `path`.
fn create_index(path: &Path, schema: tantivy::schema::Schema) -> Result<Index> {
    let settings = tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(DOCSTORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..Default::default()
    };
    Index::builder()
        .schema(schema)
        .settings(settings)
        .create_in_dir(path)
        .with_context(|| create_error(path))
}

fn create_error(path: &Path) -> String {
    format!("cannot create an index in {}", path.display())
}

/// Takes tantivy's writer lock: fails at once if another run holds it, or with `wait`,
/// polls until that run ends.
fn take_writer_lock<D: tantivy::schema::document::Document>(
    index: &Index,
    dir: &Path,
    wait: bool,
) -> Result<IndexWriter<D>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 2);
    loop {
        match index.writer_with_num_threads(threads, WRITER_BUDGET_BYTES) {
            Ok(w) => {
                w.set_merge_policy(Box::new(merge_policy()));
                return Ok(w);
            }
            Err(TantivyError::LockFailure(..)) if wait => {
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Err(TantivyError::LockFailure(..)) => {
                return Err(anyhow!(
                    "another diplo index is running on {}: wait for it to finish, or pass --wait",
                    dir.display()
                ));
            }
            Err(e) => {
                return Err(anyhow!(
                    "cannot open the index in {} for writing: {e}",
                    dir.display()
                ));
            }
        }
    }
}

fn payload_of(index: &Index) -> Option<CommitInfo> {
    let meta = index.load_metas().ok()?;
    serde_json::from_str(meta.payload.as_deref()?).ok()
}

/// What an index of another schema remembers, read leniently: its corpus paths, so that
/// `diplo index --rebuild` with no paths rebuilds the same corpus. None if they cannot be read.
fn remembered_info(index: &Index) -> Option<CommitInfo> {
    #[derive(serde::Deserialize)]
    struct Remembered {
        #[serde(default)]
        schema_version: u32,
        #[serde(default)]
        diplo_version: String,
        roots: Vec<crate::walk::Root>,
    }
    let meta = index.load_metas().ok()?;
    let r: Remembered = serde_json::from_str(meta.payload.as_deref()?).ok()?;
    Some(CommitInfo {
        schema_version: r.schema_version,
        diplo_version: r.diplo_version,
        roots: r.roots,
    })
}

/// Replaces the live index folder with the freshly built one.
fn swap_in(dir: &Path, staging: &Path) -> Result<()> {
    let _lock = super::swap_lock(dir)?;
    let live = tantivy_dir(dir);
    let old = super::old_dir(dir);
    if old.exists() {
        std::fs::remove_dir_all(&old).ok();
    }
    std::fs::rename(&live, &old)
        .with_context(|| format!("cannot move aside {}", live.display()))?;
    std::fs::rename(staging, &live)
        .with_context(|| format!("cannot move {} into place", staging.display()))?;
    std::fs::remove_dir_all(&old).ok();
    Ok(())
}

/// Lower-cased keys a user may filter a participant by: full name, family name, aliases.
pub fn participant_keys(name: &str) -> Vec<String> {
    let mut keys = vec![name.to_lowercase()];
    if let Some(last) = name.split_whitespace().last() {
        keys.push(last.trim_end_matches([',', '.']).to_lowercase());
    }
    if let Some(person) = crate::data::person_by_name(name) {
        keys.extend(person.aliases.iter().map(|a| a.to_lowercase()));
    }
    keys.sort();
    keys.dedup();
    keys
}

/// What is stored with a record beside it.
#[derive(Debug, Clone, Copy)]
pub struct Stored<'a> {
    /// The loader's problems with it.
    pub problems: &'a [Problem],
    /// Its full content hash.
    pub hash: &'a str,
    /// (source, fingerprint) of every file with its text.
    pub files: &'a [(String, String)],
    /// Its [`crate::contacts::LinkKey`] as stored, or empty to have it made here.
    pub link_key: &'a str,
}

/// The tantivy document of a record.
fn document(
    f: &Fields,
    mut record: Record,
    stored: Stored,
    roots: &[crate::walk::Root],
) -> TantivyDocument {
    let Stored {
        problems,
        hash,
        files,
        link_key,
    } = stored;
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &record.id);
    doc.add_text(f.hash, hash);
    if link_key.is_empty() {
        doc.add_text(
            f.link_key,
            crate::contacts::LinkKey::of(&record).to_stored(),
        );
    } else {
        doc.add_text(f.link_key, link_key);
    }
    let (speakers, spans) = super::speech::columns_of(&record.paragraphs);
    for speaker in speakers {
        doc.add_text(f.speaker, speaker);
    }
    for span in spans {
        doc.add_u64(f.speech, span);
    }
    // The paragraphs' texts are stored as the body's values, not inside the record's JSON:
    // escaping them into JSON cost more than all the rest of making a document.
    let texts: Vec<String> = record
        .paragraphs
        .iter_mut()
        .map(|p| std::mem::take(&mut p.text))
        .collect();
    doc.add_text(f.record, serde_json::to_string(&record).unwrap_or_default());
    doc.add_text(
        f.problems,
        serde_json::to_string(problems).unwrap_or_default(),
    );
    if let Some(title) = &record.title {
        doc.add_text(f.title, title);
    }
    for text in &texts {
        doc.add_text(f.body, text);
    }
    for p in &record.participants {
        if let Some(name) = &p.name {
            doc.add_text(f.names, name);
            doc.add_text(f.person, name);
            for key in participant_keys(name) {
                doc.add_text(f.participant, key);
            }
        }
        if let Some(c) = &p.country {
            doc.add_text(f.country, c);
        }
    }
    doc.add_text(f.event_type, record.event_type.as_str());
    if let Some(r) = &record.requested_by {
        doc.add_text(f.requested_by, r);
    }
    if let Some(date) = record.date.as_deref().and_then(Date::parse_iso_prefix) {
        let (y, m, d) = date.first_day();
        doc.add_date(
            f.date,
            DateTime::from_timestamp_secs(days_from_civil(y, m, d) * 86_400),
        );
        doc.add_u64(f.year, date.year as u64);
    }
    doc.add_u64(f.problem_count, problems.len() as u64);
    let sole_source = files.iter().all(|(source, _)| source == &record.source);
    if let Some(listing) = super::listing::Listing::of(&record).to_stored(sole_source) {
        doc.add_text(f.listing, listing);
    }
    doc.add_text(
        f.publisher,
        crate::views::contacts::publisher_of(record.url.as_deref(), &record.source, roots),
    );
    doc.add_text(f.source, &record.source);
    for (source, fingerprint) in files {
        if source != &record.source {
            doc.add_text(f.source, source);
        }
        doc.add_text(f.fingerprint, fingerprint);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::merge_policy::MergePolicy;

    #[test]
    fn small_segments_merge_as_soon_as_there_are_two_and_large_ones_never() {
        let index = Index::create_in_ram(build_schema().0);
        let segment =
            |docs: u32| index.new_segment_meta(tantivy::index::SegmentId::generate_random(), docs);
        let large = [segment(10_001), segment(16_386), segment(10_001)];
        let small = [segment(100), segment(1_320)];
        let policy = merge_policy();
        assert!(policy.compute_merge_candidates(&large).is_empty());
        assert!(policy.compute_merge_candidates(&small[..1]).is_empty());
        // The segments the writer flushes during a build wait for the fold.
        let flushed = [segment(7_700), segment(7_700)];
        assert!(policy.compute_merge_candidates(&flushed).is_empty());
        // A build's last, part-filled segments are merged.
        let last = [segment(2_100), segment(4_000)];
        assert_eq!(policy.compute_merge_candidates(&last).len(), 1);
        let all: Vec<_> = large.iter().chain(&small).cloned().collect();
        let candidates = policy.compute_merge_candidates(&all);
        assert_eq!(candidates.len(), 1);
        let mut merged = candidates[0].0.clone();
        merged.sort();
        let mut expected: Vec<_> = small.iter().map(|s| s.id()).collect();
        expected.sort();
        assert_eq!(merged, expected);
    }

    #[test]
    fn a_stored_document_gives_back_the_whole_record() {
        let (_, fields) = build_schema();
        for seed in [
            include_str!("../../seeds/000_fd7ad6a0d65a9c83.txt"),
            include_str!("../../seeds/003_e2447bf0e712ceff.txt"),
        ] {
            let crate::loader::Loaded::Record(loaded) =
                crate::loader::parse_bytes(seed.as_bytes(), "seeds/x.txt")
            else {
                panic!("a seed does not parse");
            };
            let record = loaded.record.clone();
            assert!(record.paragraphs.len() > 1);
            let stored = Stored {
                problems: &[],
                hash: &loaded.hash,
                files: &[],
                link_key: "",
            };
            let doc = document(&fields, loaded.record, stored, &[]);
            let stored: serde_json::Value = serde_json::from_str(
                doc.get_first(fields.record)
                    .and_then(|v| v.as_str())
                    .unwrap(),
            )
            .unwrap();
            assert_eq!(
                stored["paragraphs"][0]["text"], "",
                "texts are not in the JSON"
            );
            assert_eq!(
                super::super::schema::stored_record(&fields, &doc).as_ref(),
                Some(&record)
            );
            // A record whose texts do not fit its paragraphs is not given back half-filled.
            let mut short = TantivyDocument::default();
            short.add_text(
                fields.record,
                doc.get_first(fields.record)
                    .and_then(|v| v.as_str())
                    .unwrap(),
            );
            short.add_text(fields.body, &record.paragraphs[0].text);
            assert_eq!(super::super::schema::stored_record(&fields, &short), None);
        }
    }

    #[test]
    fn participant_keys_cover_family_name_and_aliases() {
        let keys = participant_keys("Donald Trump");
        for k in ["donald trump", "trump", "president trump", "mr. trump"] {
            assert!(keys.contains(&k.to_string()), "{k} missing from {keys:?}");
        }
        assert_eq!(
            participant_keys("Rex Tillerson"),
            ["rex tillerson", "tillerson"]
        );
    }
}
