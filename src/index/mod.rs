//! The index on disk: where it lives, what each commit records, and its reader and writer.

pub mod analyzer;
pub mod consolidate;
pub mod fast;
pub mod linking;
pub mod listing;
pub mod queue;
pub mod reader;
pub mod schema;
pub mod speech;
pub mod writer;

use crate::walk::Root;
use anyhow::{Context, Result, anyhow, bail};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tantivy::directory::{Directory, DirectoryLock, Lock, MmapDirectory};

/// Name of the index folder looked for in the current folder and its parents, as git does `.git`.
pub const INDEX_FOLDER: &str = ".diplo";

/// What each commit records beside the documents (tantivy's commit payload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitInfo {
    pub schema_version: u32,
    pub diplo_version: String,
    pub roots: Vec<Root>,
}

/// The tantivy files live in a subfolder, so the index folder can hold other things later.
pub fn tantivy_dir(index_dir: &Path) -> PathBuf {
    index_dir.join("tantivy")
}

/// Where `diplo index --rebuild` builds the new index before swapping it in.
pub fn staging_dir(index_dir: &Path) -> PathBuf {
    index_dir.join("tantivy.new")
}

/// Where the swap moves the live index aside before moving the new one in.
pub fn old_dir(index_dir: &Path) -> PathBuf {
    index_dir.join("tantivy.old")
}

fn has_meta(folder: &Path) -> bool {
    folder.join("meta.json").is_file()
}

/// The tantivy folder to read: `tantivy`, or, after a rebuild killed between the two renames
/// of its swap, the index that completes it (see [`interrupted_swap`]). Readers never move
/// folders; the next `diplo index` puts the index back in place.
pub fn readable_tantivy_dir(index_dir: &Path) -> PathBuf {
    let live = tantivy_dir(index_dir);
    if has_meta(&live) {
        return live;
    }
    interrupted_swap(index_dir).unwrap_or(live)
}

/// With `tantivy` missing, the folder to put in its place: `tantivy.new` if it holds a commit
/// of this index schema (the rebuild finished), else `tantivy.old` (roll back).
fn interrupted_swap(index_dir: &Path) -> Option<PathBuf> {
    let new = staging_dir(index_dir);
    let finished = tantivy::Index::open_in_dir(&new)
        .ok()
        .and_then(|index| index.load_metas().ok())
        .and_then(|meta| serde_json::from_str::<CommitInfo>(meta.payload.as_deref()?).ok())
        .is_some_and(|info| info.schema_version == schema::INDEX_SCHEMA_VERSION);
    if finished {
        return Some(new);
    }
    let old = old_dir(index_dir);
    has_meta(&old).then_some(old)
}

/// Puts the index back in place after a rebuild killed between the two renames of its swap,
/// and removes the folder not chosen. Under the swap lock, so it never races a swap.
pub fn recover_interrupted_swap(index_dir: &Path) -> Result<()> {
    let live = tantivy_dir(index_dir);
    if has_meta(&live) || !index_dir.is_dir() {
        return Ok(());
    }
    let _lock = swap_lock(index_dir)?;
    // Another run may have restored it while this one waited for the lock.
    if has_meta(&live) {
        return Ok(());
    }
    let Some(chosen) = interrupted_swap(index_dir) else {
        return Ok(());
    };
    if live.exists() {
        std::fs::remove_dir(&live).with_context(|| {
            format!(
                "cannot put the index back from {}: {} is in the way (move it away, then run `diplo index` again)",
                chosen.display(),
                live.display()
            )
        })?;
    }
    std::fs::rename(&chosen, &live).with_context(|| {
        format!(
            "cannot put the index back: moving {} to {} failed",
            chosen.display(),
            live.display()
        )
    })?;
    for leftover in [staging_dir(index_dir), old_dir(index_dir)] {
        if leftover.exists() {
            std::fs::remove_dir_all(&leftover).ok();
        }
    }
    Ok(())
}

/// A lock on `swap.lock` in the index folder, held while a rebuild swaps its index in and
/// while an interrupted swap is repaired or read. Waits for the holder.
pub fn swap_lock(index_dir: &Path) -> Result<DirectoryLock> {
    let lock_error = |e: &dyn std::fmt::Display| {
        anyhow!("cannot lock {}: {e}", index_dir.join(SWAP_LOCK).display())
    };
    let directory = MmapDirectory::open(index_dir).map_err(|e| lock_error(&e))?;
    directory
        .acquire_lock(&Lock {
            filepath: PathBuf::from(SWAP_LOCK),
            is_blocking: true,
        })
        .map_err(|e| lock_error(&e))
}

const SWAP_LOCK: &str = "swap.lock";

/// The nearest `.diplo/` in `start` or its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|a| a.join(INDEX_FOLDER))
        .find(|p| p.is_dir())
}

/// The index to read: the flag (or `$DIPLO_INDEX`), else the nearest `.diplo/`.
pub fn locate_existing(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        if !has_meta(&readable_tantivy_dir(dir)) {
            bail!(
                "no diplo index in {}: build one with `diplo index --index {} PATH`",
                dir.display(),
                dir.display()
            );
        }
        return Ok(dir.to_path_buf());
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    match discover(&cwd) {
        Some(dir) if has_meta(&readable_tantivy_dir(&dir)) => Ok(dir),
        Some(dir) => bail!(
            "the index folder {} holds no index yet: build one with `diplo index PATH`",
            dir.display()
        ),
        None => bail!(
            "no diplo index found in {} or its parents: build one with `diplo index PATH` (or pass --index DIR)",
            cwd.display()
        ),
    }
}

/// The index to write: the flag, else the nearest `.diplo/`, else `./.diplo` (created later).
pub fn locate_for_writing(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    Ok(discover(&cwd).unwrap_or_else(|| PathBuf::from(INDEX_FOLDER)))
}

/// Where a record's source file is now: below the corpus root it was found under, as the
/// commit's roots give it. None for a source outside every root (nothing says where it is).
pub fn source_file_path(info: &CommitInfo, source: &Path) -> Option<PathBuf> {
    info.roots.iter().find_map(|root| {
        let below = below_root(source, &root.given)?;
        Some(if below.as_os_str().is_empty() {
            root.absolute.clone()
        } else {
            root.absolute.join(below)
        })
    })
}

/// `source` relative to the root it was reached from, as `Path::strip_prefix` gives it; a
/// plain byte prefix first, as sources are the root joined with the path below it.
fn below_root<'p>(source: &'p Path, given: &str) -> Option<&'p Path> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let rest = source.as_os_str().as_bytes().strip_prefix(given.as_bytes());
        if let Some(rest) = rest.filter(|r| given.ends_with('/') || r.starts_with(b"/")) {
            let start = rest.iter().take_while(|&&b| b == b'/').count();
            return Some(Path::new(std::ffi::OsStr::from_bytes(&rest[start..])));
        }
    }
    source.strip_prefix(given).ok()
}

/// Tells whether records' source files are still where the index saw them. Each corpus root is
/// opened once and a source is looked up below it (`faccessat`, which fills no `stat`), not
/// walked again from `/`: listing every match checks thousands of sources.
pub struct SourceChecker<'a> {
    info: &'a CommitInfo,
    #[cfg(unix)]
    opened: Vec<Option<std::os::fd::OwnedFd>>,
}

impl<'a> SourceChecker<'a> {
    pub fn new(info: &'a CommitInfo) -> SourceChecker<'a> {
        SourceChecker {
            info,
            #[cfg(unix)]
            opened: info
                .roots
                .iter()
                .map(|root| {
                    use rustix::fs::{Mode, OFlags};
                    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
                    rustix::fs::open(&root.absolute, flags, Mode::empty()).ok()
                })
                .collect(),
        }
    }

    /// Whether `source` (as a record names it) is gone. A source outside every root is not
    /// checked, as nothing says where it is.
    pub fn is_missing(&self, source: &Path) -> bool {
        self.info.roots.iter().enumerate().find_map(|(i, root)| {
            let below = below_root(source, &root.given)?;
            if below.as_os_str().is_empty() {
                return Some(!root.absolute.exists());
            }
            #[cfg(unix)]
            if let Some(fd) = &self.opened[i] {
                use rustix::fs::{Access, AtFlags};
                return Some(
                    rustix::fs::accessat(fd, below, Access::EXISTS, AtFlags::empty()).is_err(),
                );
            }
            #[cfg(not(unix))]
            let _ = i;
            Some(!root.absolute.join(below).exists())
        }) == Some(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_below_its_root_is_found_as_strip_prefix_finds_it() {
        let cases = [
            ("corpus/a/b.txt", "corpus", Some("a/b.txt")),
            ("corpus/a/b.txt", "corpus/", Some("a/b.txt")),
            ("/abs/corpus/x.txt", "/abs/corpus", Some("x.txt")),
            ("./corpus/x.txt", "./corpus", Some("x.txt")),
            ("corpus2/x.txt", "corpus", None),
            ("other/x.txt", "corpus", None),
            ("corpus", "corpus", Some("")),
        ];
        for (source, root, below) in cases {
            let found = below_root(Path::new(source), root);
            assert_eq!(found, below.map(Path::new), "{source} below {root}");
            assert_eq!(found, Path::new(source).strip_prefix(root).ok(), "{source}");
        }
    }
}
