//! Opening an index for reading, and looking records up in it. Readers never take the
//! writer lock, so they keep working while `diplo index` runs.

use super::schema::{Fields, INDEX_SCHEMA_VERSION, fields_of};
use super::{CommitInfo, tantivy_dir};
use crate::record::{Problem, Record};
use anyhow::{Context, Result, anyhow, bail};
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::directory::{Advice, MmapDirectory};
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Index, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term};

/// How a command reads the index, which sets the kernel's read-ahead on its files. On a cold
/// page cache the default reads around each page fault (8 MiB on this project's benchmark
/// disk): a top-10 search faulted in most of a 200 MB index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// A few postings, columns and records (top hits, `show`): each fault reads its own page.
    Lookups,
    /// Many records or whole columns (export, every match): reading around each fault pays.
    Scans,
}

impl Access {
    fn advice(self) -> Advice {
        match self {
            Access::Lookups => Advice::Random,
            Access::Scans => Advice::Normal,
        }
    }
}

pub struct CorpusReader {
    pub dir: PathBuf,
    pub index: Index,
    pub searcher: Searcher,
    pub fields: Fields,
    pub info: CommitInfo,
    /// The folder the index's files were opened from, and the opstamp of its commit.
    tantivy_dir: PathBuf,
    opstamp: u64,
    /// Which records share a contact, read on first use.
    contacts: std::sync::OnceLock<crate::contacts::ContactMap>,
}

impl CorpusReader {
    /// Opens the last commit of the index in `dir`, checking it was written by this schema.
    pub fn open(dir: &Path, access: Access) -> Result<CorpusReader> {
        // After a rebuild killed mid-swap, read the index that completes it; the lock keeps a
        // swap from moving it away until its files are open (if the lock cannot be had, as on
        // a read-only disk, no swap can run either).
        let _swap_lock = if tantivy_dir(dir).join("meta.json").is_file() {
            None
        } else {
            super::swap_lock(dir).ok()
        };
        let tantivy_dir = super::readable_tantivy_dir(dir);
        let index = MmapDirectory::open_with_madvice(&tantivy_dir, access.advice())
            .map_err(TantivyError::from)
            .and_then(Index::open)
            .with_context(|| format!("cannot open the index in {}", dir.display()))?;
        // Snippets tokenize with the same analyzer as the index, and its stem cache.
        super::analyzer::register(&index);
        let meta = index
            .load_metas()
            .with_context(|| format!("cannot read the index in {}", dir.display()))?;
        let info: CommitInfo = match meta
            .payload
            .as_deref()
            .map(serde_json::from_str::<CommitInfo>)
        {
            Some(Ok(info)) => info,
            Some(Err(_)) => bail!(
                "the index in {} was not written by diplo: rebuild it with `diplo index --rebuild PATH`",
                dir.display()
            ),
            None => bail!(
                "the index in {} has no completed run yet: build it with `diplo index PATH`",
                dir.display()
            ),
        };
        if info.schema_version != INDEX_SCHEMA_VERSION {
            bail!(
                "the index in {} was built by diplo {} (index schema {}), and this diplo {} reads schema {}: rebuild it with `diplo index --rebuild`",
                dir.display(),
                info.diplo_version,
                info.schema_version,
                env!("CARGO_PKG_VERSION"),
                INDEX_SCHEMA_VERSION
            );
        }
        let fields = fields_of(&index.schema()).ok_or_else(|| {
            anyhow!(
                "the index in {} has an unexpected layout: rebuild it with `diplo index --rebuild`",
                dir.display()
            )
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .with_context(|| format!("cannot open a reader on the index in {}", dir.display()))?;
        let searcher = reader.searcher();
        Ok(CorpusReader {
            dir: dir.to_path_buf(),
            index,
            searcher,
            fields,
            info,
            tantivy_dir,
            opstamp: meta.opstamp,
            contacts: std::sync::OnceLock::new(),
        })
    }

    /// Which records share a contact (made by `diplo index` after its commit). Until a run
    /// has linked this commit, every record is a contact of its own.
    pub fn contacts(&self) -> &crate::contacts::ContactMap {
        self.contacts
            .get_or_init(|| crate::contacts::ContactMap::read(&self.tantivy_dir, self.opstamp))
    }

    /// Runs a query over the segments on both cores. Worth a pool of threads only where the
    /// query's work outweighs opening the index: a phrase over a million readouts (on one
    /// core, most of the search), not a word over ten thousand.
    pub fn search_segments_in_parallel<C: tantivy::collector::Collector>(
        &self,
        query: &dyn tantivy::query::Query,
        collector: &C,
    ) -> tantivy::Result<C::Fruit> {
        const PARALLEL_FROM_DOCS: u64 = 250_000;
        if self.searcher.num_docs() < PARALLEL_FROM_DOCS
            || self.searcher.segment_readers().len() < 2
        {
            return self.searcher.search(query, collector);
        }
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4);
        let executor = tantivy::Executor::multi_thread(threads, "diplo-search-")?;
        let scoring = if collector.requires_scoring() {
            tantivy::query::EnableScoring::enabled_from_searcher(&self.searcher)
        } else {
            tantivy::query::EnableScoring::disabled_from_searcher(&self.searcher)
        };
        self.searcher
            .search_with_executor(query, collector, &executor, scoring)
    }

    /// The opstamp of the commit this reader reads.
    pub fn opstamp(&self) -> u64 {
        self.opstamp
    }

    /// The folder the index's files were opened from.
    pub fn tantivy_dir(&self) -> &Path {
        &self.tantivy_dir
    }

    pub fn num_records(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// The `id` column of every segment, to read the ids of many addresses.
    pub fn id_columns(&self) -> Result<IdColumns> {
        Ok(IdColumns(
            self.searcher
                .segment_readers()
                .iter()
                .map(|s| s.fast_fields().str("id"))
                .collect::<tantivy::Result<_>>()?,
        ))
    }

    /// The stored document at an address.
    pub fn doc(&self, addr: DocAddress) -> Result<TantivyDocument> {
        self.searcher.doc(addr).with_context(|| {
            format!(
                "cannot read a stored record from the index in {}",
                self.dir.display()
            )
        })
    }

    fn stored_str(&self, doc: &TantivyDocument, field: Field) -> Option<String> {
        doc.get_first(field)
            .and_then(|v| v.as_str().map(str::to_string))
    }

    /// The record stored at an address.
    pub fn record(&self, addr: DocAddress) -> Result<Record> {
        let doc = self.doc(addr)?;
        self.record_of(&doc)
    }

    pub fn record_of(&self, doc: &TantivyDocument) -> Result<Record> {
        super::schema::stored_record(&self.fields, doc).ok_or_else(|| {
            anyhow!(
                "a stored record in {} is missing or does not parse: rebuild with `diplo index --rebuild`",
                self.dir.display()
            )
        })
    }

    /// The loader's problems stored with a record.
    pub fn problems_of(&self, doc: &TantivyDocument) -> Vec<Problem> {
        self.stored_str(doc, self.fields.problems)
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default()
    }

    /// All source paths stored with a record, the primary first.
    pub fn sources_of(&self, doc: &TantivyDocument) -> Vec<String> {
        doc.get_all(self.fields.source)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    /// The live document whose exact term in `field` is `value`.
    pub fn find_exact(&self, field: Field, value: &str) -> Result<Option<DocAddress>> {
        let query = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .context("index lookup failed")?;
        Ok(top.first().map(|(_, addr)| *addr))
    }

    /// Ids of live records that start with `prefix`, sorted, at most `limit`.
    pub fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for term in self.terms_from(self.fields.id, prefix)? {
            if !term.starts_with(prefix) {
                continue;
            }
            if self.find_exact(self.fields.id, &term)?.is_some() {
                ids.push(term);
            }
        }
        ids.sort();
        ids.dedup();
        ids.truncate(limit);
        Ok(ids)
    }

    /// Terms of a field, in every segment, from `start` on while they share its first byte.
    fn terms_from(&self, field: Field, start: &str) -> Result<Vec<String>> {
        let first = start.as_bytes().first().copied();
        let mut terms = Vec::new();
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(start.as_bytes())
                .into_stream()?;
            while stream.advance() {
                let key = stream.key();
                if first.is_some() && key.first().copied() != first {
                    break;
                }
                terms.push(String::from_utf8_lossy(key).into_owned());
            }
        }
        Ok(terms)
    }

    /// All ids in the index (for suggestions when an id is unknown).
    pub fn all_ids(&self) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.id)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                ids.push(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        ids.sort();
        ids.dedup();
        Ok(ids)
    }
}

/// Record ids from the `id` column, by address ([`CorpusReader::id_columns`]).
pub struct IdColumns(Vec<Option<tantivy::columnar::StrColumn>>);

impl IdColumns {
    pub fn id(&self, addr: DocAddress) -> Option<String> {
        let column = self.0.get(addr.segment_ord as usize)?.as_ref()?;
        let ord = column.term_ords(addr.doc_id).next()?;
        let mut id = String::new();
        column.ord_to_str(ord, &mut id).ok()?;
        Some(id)
    }
}
