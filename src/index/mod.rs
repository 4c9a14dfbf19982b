//! The index on disk: where it lives, what each commit records, and its reader and writer.

pub mod analyzer;
pub mod fast;
pub mod listing;
pub mod reader;
pub mod schema;
pub mod writer;

use crate::walk::Root;
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Name of the index folder looked for in the current folder and its parents, as git does `.git`.
pub const INDEX_FOLDER: &str = ".diplo";

/// What each commit records beside the documents (tantivy's commit payload).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommitInfo {
    pub schema_version: u32,
    pub diplo_version: String,
    pub roots: Vec<Root>,
}

/// The tantivy files live in a subfolder, so the index folder can hold other things later.
pub fn tantivy_dir(index_dir: &Path) -> PathBuf {
    index_dir.join("tantivy")
}

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
        if !tantivy_dir(dir).join("meta.json").is_file() {
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
        Some(dir) if tantivy_dir(&dir).join("meta.json").is_file() => Ok(dir),
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

/// Where a record's `source` is on disk, through the corpus root it was reached from.
pub fn source_path(info: &CommitInfo, source: &Path) -> Option<PathBuf> {
    info.roots.iter().find_map(|root| {
        let below = source.strip_prefix(&root.given).ok()?;
        Some(if below.as_os_str().is_empty() {
            root.absolute.clone()
        } else {
            root.absolute.join(below)
        })
    })
}
