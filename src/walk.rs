//! Finding the corpus files under the paths the user gave.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// A corpus path as the user gave it, and where it is, so a later refresh from another
/// folder walks the same files and still shows the same `source` paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Root {
    pub given: String,
    pub absolute: PathBuf,
}

impl Root {
    pub fn new(given: &Path) -> std::io::Result<Root> {
        let absolute = std::path::absolute(given)?;
        Ok(Root {
            given: given.to_string_lossy().into_owned(),
            absolute,
        })
    }
}

/// One file to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    pub path: PathBuf,
    /// The path as reached from the path the user gave, as ripgrep prints it.
    pub source: String,
    pub size: u64,
    pub modified_ns: u128,
}

impl CorpusFile {
    /// Identifies this version of the file without reading it.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{}",
            self.source, self.size, self.modified_ns
        )
    }
}

/// The source path inside a fingerprint.
pub fn fingerprint_source(fingerprint: &str) -> &str {
    fingerprint.split('\u{1f}').next().unwrap_or(fingerprint)
}

/// Something under a root that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    pub source: String,
    pub message: String,
}

/// How to walk the corpus.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Skip what the corpus's .gitignore, .ignore and .rgignore files exclude.
    pub ignore_files: bool,
    /// Follow symbolic links (otherwise a link is never followed, in or out of the corpus).
    pub follow: bool,
}

/// Walks the roots for `.txt` files, sorted by path. Hidden folders and the index folder are
/// skipped; symbolic links are not followed. A file named directly is taken whatever its name.
pub fn walk(roots: &[Root], index_dir: &Path) -> (Vec<CorpusFile>, Vec<WalkProblem>) {
    walk_with(roots, index_dir, WalkOptions::default())
}

/// [`walk`], with the user's choice of ignore files and symbolic links.
pub fn walk_with(
    roots: &[Root],
    index_dir: &Path,
    options: WalkOptions,
) -> (Vec<CorpusFile>, Vec<WalkProblem>) {
    let skip = std::path::absolute(index_dir).unwrap_or_else(|_| index_dir.to_path_buf());
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for root in roots {
        let skip = skip.clone();
        let walker = ignore::WalkBuilder::new(&root.absolute)
            .standard_filters(false)
            .hidden(false)
            .git_ignore(options.ignore_files)
            .ignore(options.ignore_files)
            .require_git(false)
            .follow_links(options.follow)
            .add_custom_ignore_filename(if options.ignore_files {
                ".rgignore"
            } else {
                ".diplo-no-such-ignore-file"
            })
            .sort_by_file_name(|a, b| a.cmp(b))
            .filter_entry(move |e| {
                e.depth() == 0 || !(is_hidden(e.file_name()) || e.path() == skip)
            })
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let source = error_path(&e)
                        .map(|p| display_source(root, p))
                        .unwrap_or_else(|| root.given.clone());
                    let reason = e
                        .io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string());
                    problems.push(WalkProblem {
                        source,
                        message: format!("cannot read: {reason}"),
                    });
                    continue;
                }
            };
            if entry.path_is_symlink() && !options.follow {
                // Said, not silently dropped: the user may want --follow.
                problems.push(WalkProblem {
                    source: display_source(root, entry.path()),
                    message: "symbolic link not followed (use --follow to read it)".to_string(),
                });
                continue;
            }
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            let named_directly = entry.depth() == 0;
            if !is_file || !(named_directly || has_txt_extension(entry.path())) {
                continue;
            }
            let source = display_source(root, entry.path());
            match entry.metadata() {
                Ok(meta) => files.push(CorpusFile {
                    path: entry.path().to_path_buf(),
                    source,
                    size: meta.len(),
                    modified_ns: meta
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .map_or(0, |d| d.as_nanos()),
                }),
                Err(e) => problems.push(WalkProblem {
                    source,
                    message: format!("cannot read: {e}"),
                }),
            }
        }
    }
    (files, problems)
}

fn error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn has_txt_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// `given` joined with the path below the root, as the user would type it.
fn display_source(root: &Root, path: &Path) -> String {
    let below = path.strip_prefix(&root.absolute).unwrap_or(path);
    if below.as_os_str().is_empty() {
        return root.given.clone();
    }
    Path::new(&root.given)
        .join(below)
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_txt_files_skipping_hidden_and_index_folders() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("corpus/sub")).unwrap();
        std::fs::create_dir_all(d.join("corpus/.hidden")).unwrap();
        std::fs::create_dir_all(d.join("corpus/.diplo")).unwrap();
        for f in [
            "corpus/b.txt",
            "corpus/sub/a.TXT",
            "corpus/.hidden/c.txt",
            "corpus/.diplo/d.txt",
            "corpus/e.html",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let root = Root {
            given: "corpus".into(),
            absolute: d.join("corpus"),
        };
        let (files, problems) = walk(&[root], &d.join("corpus/.diplo"));
        let sources: Vec<&str> = files.iter().map(|f| f.source.as_str()).collect();
        assert_eq!(sources, ["corpus/b.txt", "corpus/sub/a.TXT"]);
        assert!(problems.is_empty());
    }

    #[test]
    fn ignore_files_are_respected_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("corpus/drafts")).unwrap();
        std::fs::write(d.join("corpus/.gitignore"), "drafts/\n").unwrap();
        std::fs::write(d.join("corpus/a.txt"), "x").unwrap();
        std::fs::write(d.join("corpus/drafts/b.txt"), "x").unwrap();
        let root = Root {
            given: "corpus".into(),
            absolute: d.join("corpus"),
        };
        let count = |ignore_files| {
            let options = WalkOptions {
                ignore_files,
                follow: false,
            };
            walk_with(std::slice::from_ref(&root), &d.join(".diplo"), options)
                .0
                .len()
        };
        assert_eq!(count(false), 2);
        assert_eq!(count(true), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_followed_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("corpus")).unwrap();
        std::fs::create_dir_all(d.join("elsewhere")).unwrap();
        std::fs::write(d.join("elsewhere/out.txt"), "x").unwrap();
        std::os::unix::fs::symlink(d.join("elsewhere"), d.join("corpus/link")).unwrap();
        let root = Root {
            given: "corpus".into(),
            absolute: d.join("corpus"),
        };
        let count = |follow| {
            let options = WalkOptions {
                ignore_files: false,
                follow,
            };
            walk_with(std::slice::from_ref(&root), &d.join(".diplo"), options)
                .0
                .len()
        };
        assert_eq!(count(false), 0);
        assert_eq!(count(true), 1);
        let (_, problems) = walk(std::slice::from_ref(&root), &d.join(".diplo"));
        assert_eq!(
            problems.len(),
            1,
            "a link not followed is said, not dropped"
        );
        assert_eq!(problems[0].source, "corpus/link");
        assert!(problems[0].message.contains("--follow"));
    }

    #[test]
    fn a_file_named_directly_is_taken_whatever_its_extension() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("readout.md");
        std::fs::write(&path, "x").unwrap();
        let root = Root {
            given: "readout.md".into(),
            absolute: path,
        };
        let (files, _) = walk(&[root], dir.path());
        assert_eq!(files[0].source, "readout.md");
    }

    #[test]
    fn fingerprint_starts_with_the_source() {
        let f = CorpusFile {
            path: "a".into(),
            source: "seeds/a.txt".into(),
            size: 3,
            modified_ns: 7,
        };
        assert_eq!(fingerprint_source(&f.fingerprint()), "seeds/a.txt");
    }
}
