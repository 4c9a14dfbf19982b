//! The stats of every record, counted once per commit: `diplo index` counts them after linking
//! and keeps them beside the contact map (`stats.json`), with the opstamp of the commit they
//! were counted for, so that `diplo stats` without a query or filter reads them instead of
//! counting every record (at 100k, most of its time). Stats of another commit (a run killed
//! between its commit and the count) are not used: they are counted again, as with a query.

use super::stats::{Stats, stats};
use crate::index::reader::{Access, CorpusReader};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tantivy::query::{AllQuery, Query};

pub const FILE_NAME: &str = "stats.json";

/// What the file holds: both ways of counting, for one commit.
#[derive(Debug, Serialize, Deserialize)]
struct Saved {
    opstamp: u64,
    contacts: Stats,
    records: Stats,
}

fn path_in(tantivy_dir: &Path) -> PathBuf {
    tantivy_dir.join(FILE_NAME)
}

/// The stats of every record: each contact once or, with `documents`, each record.
pub fn of_everything(reader: &CorpusReader, documents: bool) -> Result<Stats> {
    if let Some(saved) = read_saved(reader.tantivy_dir(), reader.opstamp()) {
        return Ok(if documents {
            saved.records
        } else {
            saved.contacts
        });
    }
    count_everything(reader, documents)
}

fn count_everything(reader: &CorpusReader, documents: bool) -> Result<Stats> {
    let every: Box<dyn Query> = Box::new(AllQuery);
    if documents {
        stats(reader, &*every, "records")
    } else {
        let query = super::one_record_per_contact(reader, every)?;
        stats(reader, &*query, "contacts")
    }
}

/// The saved stats, when they were counted for commit `opstamp`.
fn read_saved(tantivy_dir: &Path, opstamp: u64) -> Option<Saved> {
    let text = std::fs::read(path_in(tantivy_dir)).ok()?;
    let saved: Saved = serde_json::from_slice(&text).ok()?;
    (saved.opstamp == opstamp).then_some(saved)
}

/// Counts the stats of the index's last commit and saves them beside it, atomically (a new file
/// renamed over the old). Run after linking: contacts are counted by the commit's contact map.
/// When no record changed since `previous` (the opstamp of the commit before), the stats
/// counted for it are carried over instead.
pub fn save_for_last_commit(index_dir: &Path, previous: Option<u64>, changed: bool) -> Result<()> {
    let reader = CorpusReader::open(index_dir, Access::Lookups)?;
    let dir = reader.tantivy_dir();
    if read_saved(dir, reader.opstamp()).is_some() {
        return Ok(());
    }
    let carried = previous
        .filter(|_| !changed)
        .and_then(|before| read_saved(dir, before));
    let saved = match carried {
        Some(before) => Saved {
            opstamp: reader.opstamp(),
            ..before
        },
        None => Saved {
            opstamp: reader.opstamp(),
            contacts: count_everything(&reader, false)?,
            records: count_everything(&reader, true)?,
        },
    };
    let path = path_in(reader.tantivy_dir());
    let tmp = reader.tantivy_dir().join(format!("{FILE_NAME}.tmp"));
    std::fs::write(&tmp, serde_json::to_vec(&saved)?)
        .with_context(|| format!("cannot write {} (is the disk full?)", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
