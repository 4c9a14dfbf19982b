//! The index the server reads, reopened when `diplo index` commits or links a new state.
//! Requests share one reader; a request that started on the old one finishes on it.

use crate::contacts::ContactMap;
use crate::index::reader::{Access, CorpusReader};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// How often the index folder is looked at for a new commit, at most.
const CHECK_EVERY: Duration = Duration::from_millis(250);

/// What changes when a run commits (`meta.json`, or the whole folder after a rebuild) or links
/// (`contacts.tsv`).
#[derive(Debug, Clone, PartialEq)]
struct Stamp {
    folder: PathBuf,
    meta: Option<(SystemTime, u64, u64)>,
    contacts: Option<(SystemTime, u64)>,
}

fn stamp_of(dir: &Path) -> Stamp {
    let folder = crate::index::readable_tantivy_dir(dir);
    let meta = std::fs::metadata(folder.join("meta.json")).ok().map(|m| {
        (
            m.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            m.len(),
            inode(&m),
        )
    });
    let contacts = std::fs::metadata(ContactMap::path_in(&folder))
        .ok()
        .map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()));
    Stamp {
        folder,
        meta,
        contacts,
    }
}

#[cfg(unix)]
fn inode(m: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(m)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

pub struct IndexState {
    dir: PathBuf,
    current: Mutex<Current>,
}

struct Current {
    reader: Arc<CorpusReader>,
    stamp: Stamp,
    checked: Instant,
}

impl IndexState {
    pub fn open(dir: &Path) -> anyhow::Result<IndexState> {
        let stamp = stamp_of(dir);
        let reader = Arc::new(CorpusReader::open(dir, Access::Lookups)?);
        Ok(IndexState {
            dir: dir.to_path_buf(),
            current: Mutex::new(Current {
                reader,
                stamp,
                checked: Instant::now(),
            }),
        })
    }

    /// The reader of the newest commit. A commit that cannot be opened (a run is half-way
    /// through a rebuild's swap) leaves the previous reader in use.
    pub fn reader(&self) -> Arc<CorpusReader> {
        let mut current = match self.current.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        if current.checked.elapsed() >= CHECK_EVERY {
            current.checked = Instant::now();
            let stamp = stamp_of(&self.dir);
            if stamp != current.stamp {
                match CorpusReader::open(&self.dir, Access::Lookups) {
                    Ok(reader) => {
                        current.reader = Arc::new(reader);
                        current.stamp = stamp;
                    }
                    Err(e) => eprintln!("diplo serve: keeping the previous index open: {e:#}"),
                }
            }
        }
        Arc::clone(&current.reader)
    }
}
