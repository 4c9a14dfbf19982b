//! Loading many files: in parallel, in bounded chunks, in path order.

use crate::loader::{Loaded, load_file, load_line};
use crate::record::Problem;
use crate::walk::CorpusFile;
use rayon::prelude::*;
use std::ops::ControlFlow;
use std::sync::mpsc::sync_channel;

/// Files parsed at once: enough to keep both cores busy, few enough to bound memory.
pub const CHUNK: usize = 256;
/// Parsed chunks waiting for the sink: parsing runs ahead of indexing by at most this many
/// (and, by default, the walk ahead of parsing).
pub const CHUNKS_AHEAD: usize = 2;

/// Files a thread loads between renewals of its copies of the loader's patterns
/// ([`crate::loader::pattern::renew_thread_copies`]). Renewed every 4,096 files (every 2,048
/// measured the same), a 100k build peaked at 234–247 MiB instead of 256–266, and a 1M build's
/// parsing held 20–40 MB less; rebuilding the caches cost no CPU time the runs could tell from
/// their noise (`perf stat`, interleaved).
const FILES_BETWEEN_RENEWALS: usize = 4096;

/// Loads one file; its record carries the path's exact bytes when they are not UTF-8.
pub fn load(file: &CorpusFile) -> Loaded {
    renew_patterns_now_and_then();
    let mut loaded = match file.line() {
        Some((_, offset)) => load_line(&file.path(), offset, file.size, &file.source()),
        None => load_file(&file.path(), Some(file.size), &file.source()),
    };
    if let Loaded::Record(r) = &mut loaded {
        r.record.source_bytes = file.source_bytes_base64();
        // Made here, on the parsing threads, rather than by the index writer's one thread.
        r.link_key = crate::contacts::LinkKey::of(&r.record).to_stored();
    }
    loaded
}

/// Counts the files this thread loaded, and renews its pattern copies every
/// [`FILES_BETWEEN_RENEWALS`].
fn renew_patterns_now_and_then() {
    thread_local! {
        static LOADED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    LOADED.with(|loaded| {
        let count = loaded.get() + 1;
        loaded.set(count);
        if count.is_multiple_of(FILES_BETWEEN_RENEWALS) {
            crate::loader::pattern::renew_thread_copies();
        }
    });
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
    load_streamed(
        |emit| {
            for file in files {
                if emit(file.clone()).is_break() {
                    return;
                }
            }
        },
        CHUNKS_AHEAD,
        known,
        |file, loaded| sink(&file, loaded),
    )
}

/// [`load_in_order`] over the files `walk` hands out as it finds them: the walk runs on its
/// own thread, a few chunks ahead of parsing, so loading starts with the first files found
/// rather than after the last (a walk of 100,000 files took most of a second on one core).
/// `walk` should stop when its `emit` breaks: the sink has stopped on an error. A file the walk
/// left unstated ([`crate::walk::WalkOptions::stat_later`]) is stated on the parsing threads;
/// one gone by then is skipped with the reason. The walk runs at most `walk_ahead` chunks of
/// files ahead of parsing.
pub fn load_streamed<K, W, S, F>(
    walk: W,
    walk_ahead: usize,
    known: S,
    mut sink: F,
) -> anyhow::Result<()>
where
    K: Send,
    W: FnOnce(&mut dyn FnMut(CorpusFile) -> ControlFlow<()>) + Send,
    S: Fn(&CorpusFile) -> Option<K> + Sync,
    F: FnMut(CorpusFile, Loading<K>) -> anyhow::Result<()>,
{
    let (files_tx, files_rx) = sync_channel::<Vec<CorpusFile>>(walk_ahead);
    let (tx, rx) = sync_channel::<(Vec<CorpusFile>, Vec<Loading<K>>)>(CHUNKS_AHEAD);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut stopped = false;
            walk(&mut |file| {
                chunk.push(file);
                if chunk.len() == CHUNK {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                    stopped = files_tx.send(full).is_err();
                }
                if stopped {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            if !stopped && !chunk.is_empty() {
                files_tx.send(chunk).ok();
            }
        });
        let known = &known;
        scope.spawn(move || {
            // Parsing runs on threads of its own, ended with this run: the loader's regexes
            // keep each thread's search memory until it ends (see `loader::pattern`), and
            // what follows the run (linking, merging) should not hold it.
            let pool = parsing_pool();
            for mut chunk in files_rx {
                let mut parse = || {
                    chunk
                        .par_iter_mut()
                        .map(|f| match f.stat() {
                            Ok(()) => {
                                known(f).map_or_else(|| Loading::Parsed(load(f)), Loading::Known)
                            }
                            Err(e) => Loading::Parsed(Loaded::Skipped(Problem::new(
                                "unreadable",
                                format!("cannot read: {e}"),
                            ))),
                        })
                        .collect::<Vec<Loading<K>>>()
                };
                let loaded = match &pool {
                    Some(pool) => pool.install(parse),
                    None => parse(),
                };
                // The sink stopped on an error: stop parsing (and so the walk).
                if tx.send((chunk, loaded)).is_err() {
                    return;
                }
            }
        });
        for (chunk, loaded) in rx {
            for (file, result) in chunk.into_iter().zip(loaded) {
                sink(file, result)?;
            }
        }
        Ok(())
    })
}

/// A thread pool as large as rayon's own, for one run's parsing; None where the system
/// refuses threads, and the parse then runs on rayon's.
fn parsing_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads())
        .thread_name(|i| format!("diplo-parse-{i}"))
        .build()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::{Root, walk};

    #[test]
    fn a_sink_that_fails_stops_the_walk_within_a_few_chunks() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Some readout text.\n").unwrap();
        let root = Root {
            given: "c".into(),
            absolute: dir.path().to_path_buf(),
        };
        let (files, _) = walk(&[root], &dir.path().join(".diplo"));
        let mut emitted = 0usize;
        let mut sunk = 0usize;
        let result = load_streamed(
            |emit| {
                while emitted < 1_000_000 {
                    emitted += 1;
                    if emit(files[0].clone()).is_break() {
                        return;
                    }
                }
            },
            CHUNKS_AHEAD,
            |_| None::<()>,
            |_, _| {
                sunk += 1;
                anyhow::bail!("the sink gives up")
            },
        );
        assert_eq!(result.unwrap_err().to_string(), "the sink gives up");
        assert_eq!(sunk, 1);
        assert!(
            emitted <= CHUNK * (2 * CHUNKS_AHEAD + 4),
            "{emitted} files walked"
        );
    }

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
