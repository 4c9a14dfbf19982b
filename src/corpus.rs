//! Loading many files: in parallel, in bounded chunks, in path order.

use crate::loader::{Loaded, load_file};
use crate::walk::CorpusFile;
use rayon::prelude::*;

/// Files parsed at once: enough to keep both cores busy, few enough to bound memory.
pub const CHUNK: usize = 256;
/// Parsed chunks waiting for the sink: parsing runs ahead of indexing by at most this many.
const CHUNKS_AHEAD: usize = 2;

/// Loads one file; its record carries the path's exact bytes when they are not UTF-8.
pub fn load(file: &CorpusFile) -> Loaded {
    let mut loaded = load_file(&file.path(), &file.source());
    if let Loaded::Record(r) = &mut loaded {
        r.record.source_bytes = file.source_bytes_base64();
    }
    loaded
}

/// A file as it reaches the sink: what `known` found without parsing it, or its parse.
pub enum Loading<K> {
    Known(K),
    Parsed(Loaded),
}

/// Loads `files` in parallel chunks and hands each result to `sink` in the files' order.
/// A file for which `known` gives something is not parsed; the sink gets that instead, so the
/// lookup is made once, on the parsing threads. Parsing the next chunks overlaps with the
/// sink's work on this one (tantivy's writer), through a bounded channel.
pub fn load_in_order<K, F, S>(files: &[CorpusFile], known: S, mut sink: F) -> anyhow::Result<()>
where
    K: Send,
    S: Fn(&CorpusFile) -> Option<K> + Sync,
    F: FnMut(&CorpusFile, Loading<K>) -> anyhow::Result<()>,
{
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Loading<K>>>(CHUNKS_AHEAD);
    std::thread::scope(|scope| {
        let known = &known;
        scope.spawn(move || {
            for chunk in files.chunks(CHUNK) {
                let loaded: Vec<Loading<K>> = chunk
                    .par_iter()
                    .map(|f| known(f).map_or_else(|| Loading::Parsed(load(f)), Loading::Known))
                    .collect();
                // The sink stopped on an error: stop parsing.
                if tx.send(loaded).is_err() {
                    return;
                }
            }
        });
        for (chunk, loaded) in files.chunks(CHUNK).zip(rx) {
            for (file, result) in chunk.iter().zip(loaded) {
                sink(file, result)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::{Root, walk};

    #[test]
    fn a_file_gone_between_the_walk_and_the_read_is_skipped_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.txt", "b.txt", "c.txt"] {
            std::fs::write(dir.path().join(name), "Some readout text.\n").unwrap();
        }
        let root = Root {
            given: "c".into(),
            absolute: dir.path().to_path_buf(),
        };
        let (files, _) = walk(&[root], &dir.path().join(".diplo"));
        std::fs::remove_file(dir.path().join("b.txt")).unwrap();
        let mut results = Vec::new();
        load_in_order(
            &files,
            |_| None::<()>,
            |file, loaded| {
                let outcome = match loaded {
                    Loading::Parsed(Loaded::Record(_)) => "record".to_string(),
                    Loading::Parsed(Loaded::Skipped(p)) => format!("{}: {}", p.code, p.message),
                    Loading::Known(()) => "not read".to_string(),
                };
                results.push((file.source(), outcome));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(results.len(), 3, "{results:?}");
        assert_eq!(results[0], ("c/a.txt".to_string(), "record".to_string()));
        assert_eq!(results[1].0, "c/b.txt");
        assert!(
            results[1].1.starts_with("unreadable: cannot read: "),
            "{results:?}"
        );
        assert_eq!(results[2], ("c/c.txt".to_string(), "record".to_string()));
    }
}
