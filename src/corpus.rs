//! Loading many files: in parallel, in bounded chunks, in path order.

use crate::loader::{Loaded, load_file};
use crate::walk::CorpusFile;
use rayon::prelude::*;

/// Files parsed at once: enough to keep both cores busy, few enough to bound memory.
pub const CHUNK: usize = 256;

/// Loads `files` in parallel chunks and hands each result to `sink` in the files' order.
/// `skip` marks files that need no parsing (their result is `None`).
pub fn load_in_order<F, S>(files: &[CorpusFile], skip: S, mut sink: F) -> anyhow::Result<()>
where
    S: Fn(&CorpusFile) -> bool + Sync,
    F: FnMut(&CorpusFile, Option<Loaded>) -> anyhow::Result<()>,
{
    for chunk in files.chunks(CHUNK) {
        let loaded: Vec<Option<Loaded>> = chunk
            .par_iter()
            .map(|f| (!skip(f)).then(|| load_file(&f.path, &f.source)))
            .collect();
        for (file, result) in chunk.iter().zip(loaded) {
            sink(file, result)?;
        }
    }
    Ok(())
}
