//! Finding the corpus files under the paths the user gave.

use serde::{Deserialize, Serialize};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

#[cfg(target_os = "linux")]
mod folders;
#[cfg(target_os = "linux")]
mod listing;

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

/// One file to load. Kept small, since a run holds one per file of the corpus: the root is
/// shared, and the path and `source` are made from it and the path below it when asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    root: Arc<Root>,
    /// The path below the root; empty when the root is this file.
    below: Box<Path>,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 when unknown).
    pub modified_ns: u64,
    /// For one line of a JSON Lines scrape: its number (from 1) and its first byte's offset;
    /// `size` is then the line's length. 0 for a whole file.
    line: u32,
    offset: u64,
    /// Whether `size` and `modified_ns` are still to be asked of the file system
    /// ([`CorpusFile::stat`]), and how.
    pending: Pending,
}

/// A file's size and time not yet asked for: the walk left them to the loading threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    No,
    /// Asked of the link itself, which is never followed.
    Lstat,
    /// Asked of what a followed link points to.
    Stat,
}

impl CorpusFile {
    /// The file `below` the root (empty when the root is the file), as the walk found it.
    pub fn new(root: Arc<Root>, below: Box<Path>, size: u64, modified_ns: u64) -> CorpusFile {
        CorpusFile {
            root,
            below,
            size,
            modified_ns,
            line: 0,
            offset: 0,
            pending: Pending::No,
        }
    }

    /// The file `below` the root whose size and time [`CorpusFile::stat`] will ask for.
    fn unstated(root: Arc<Root>, below: Box<Path>, follow: bool) -> CorpusFile {
        CorpusFile {
            pending: if follow {
                Pending::Stat
            } else {
                Pending::Lstat
            },
            ..CorpusFile::new(root, below, 0, 0)
        }
    }

    /// Asks the file system for the size and time a walk with [`WalkOptions::stat_later`] left
    /// out; nothing when they are known. Fails when the file is gone or cannot be read.
    pub fn stat(&mut self) -> std::io::Result<()> {
        let meta = match self.pending {
            Pending::No => return Ok(()),
            Pending::Lstat => std::fs::symlink_metadata(self.path())?,
            Pending::Stat => std::fs::metadata(self.path())?,
        };
        self.size = meta.len();
        self.modified_ns = modified_ns(&meta);
        self.pending = Pending::No;
        Ok(())
    }

    /// Line `line` (from 1) of this scrape file, `len` bytes from `offset`.
    pub fn at_line(&self, line: u32, offset: u64, len: u64) -> CorpusFile {
        CorpusFile {
            line,
            offset,
            size: len,
            ..self.clone()
        }
    }

    /// For a line of a scrape: its number and its first byte's offset in the file.
    pub fn line(&self) -> Option<(u32, u64)> {
        (self.line > 0).then_some((self.line, self.offset))
    }

    /// The root it was found under.
    pub fn root(&self) -> &Arc<Root> {
        &self.root
    }

    /// The path below the root; empty when the root is this file.
    pub fn below(&self) -> &Path {
        &self.below
    }

    /// Where the file is.
    pub fn path(&self) -> PathBuf {
        if self.below.as_os_str().is_empty() {
            return self.root.absolute.clone();
        }
        self.root.absolute.join(&self.below)
    }

    /// The path as reached from the path the user gave, as ripgrep prints it. A name that is
    /// not UTF-8 is shown lossily here (U+FFFD); [`CorpusFile::source_bytes`] then holds it exactly.
    pub fn source(&self) -> String {
        source_of(&self.display()).0
    }

    /// The exact bytes of `source`, only when they are not UTF-8.
    pub fn source_bytes(&self) -> Option<Vec<u8>> {
        source_of(&self.display()).1
    }

    /// The path as shown, and a line of a scrape as `path:LINE`, as ripgrep shows a line.
    fn display(&self) -> PathBuf {
        let path = if self.below.as_os_str().is_empty() {
            PathBuf::from(&self.root.given)
        } else {
            Path::new(&self.root.given).join(&self.below)
        };
        if self.line == 0 {
            return path;
        }
        let mut named = path.into_os_string();
        named.push(format!(":{}", self.line));
        PathBuf::from(named)
    }

    /// Identifies this version of the file without reading it.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{}",
            self.key(),
            self.size,
            self.modified_ns
        )
    }

    /// The file's unambiguous name for refresh bookkeeping: `source` itself when it is UTF-8,
    /// else the exact bytes escaped (see [`source_key`]), so two names that look alike once
    /// made lossy never share a key.
    pub fn key(&self) -> String {
        match source_of(&self.display()) {
            (_, Some(bytes)) => source_key(&bytes),
            (source, None) => source,
        }
    }

    /// `source_bytes` as JSON shows it: base64, as ripgrep's `{"bytes": ...}`.
    pub fn source_bytes_base64(&self) -> Option<String> {
        self.source_bytes().as_deref().map(base64_of)
    }
}

/// `source` and, when the path is not UTF-8, its exact bytes.
fn source_of(path: &Path) -> (String, Option<Vec<u8>>) {
    let bytes = path.as_os_str().as_encoded_bytes();
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some(bytes.to_vec()),
        ),
    }
}

/// An injective text form of path bytes: UTF-8 runs as they are, each other byte as NUL and
/// two hex digits. No path holds a NUL byte, so the key of a name that is not UTF-8 never
/// equals a real UTF-8 name, and the bytes can be read back.
pub fn source_key(bytes: &[u8]) -> String {
    let mut key = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        key.push_str(chunk.valid());
        for b in chunk.invalid() {
            key.push_str(&format!("\0{b:02x}"));
        }
    }
    key
}

/// Standard base64 with padding.
pub fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The path a `source` names: its exact bytes when it has them (base64 `source_bytes`),
/// else the text.
pub fn source_as_path(source: &str, source_bytes: Option<&str>) -> PathBuf {
    #[cfg(unix)]
    if let Some(bytes) = source_bytes.and_then(|b| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.decode(b).ok()
    }) {
        use std::os::unix::ffi::OsStringExt;
        return PathBuf::from(std::ffi::OsString::from_vec(bytes));
    }
    #[cfg(not(unix))]
    let _ = source_bytes;
    PathBuf::from(source)
}

/// The file a source names: itself, or for a line of a scrape (`scrape.jsonl:412`), the scrape.
pub fn file_of_source(path: PathBuf) -> PathBuf {
    let bytes = path.as_os_str().as_encoded_bytes();
    let Some(colon) = bytes.iter().rposition(|&b| b == b':') else {
        return path;
    };
    let (file, line) = (&bytes[..colon], &bytes[colon + 1..]);
    if line.is_empty() || !line.iter().all(u8::is_ascii_digit) {
        return path;
    }
    // SAFETY: split at an ASCII byte of bytes `as_encoded_bytes` gave.
    let file = Path::new(unsafe { std::ffi::OsStr::from_encoded_bytes_unchecked(file) });
    if is_scrape(file) {
        file.to_path_buf()
    } else {
        path
    }
}

/// The key, size and modification time a fingerprint was made of; none if it is not one.
pub fn fingerprint_parts(fingerprint: &str) -> Option<(&str, u64, u64)> {
    // From the right: a name may hold the separator, numbers do not.
    let mut parts = fingerprint.rsplitn(3, '\u{1f}');
    let modified_ns = parts.next()?.parse().ok()?;
    let size = parts.next()?.parse().ok()?;
    Some((parts.next()?, size, modified_ns))
}

/// Something under a root that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    pub source: String,
    /// The exact bytes of `source`, only when they are not UTF-8.
    pub source_bytes: Option<Vec<u8>>,
    pub message: String,
}

/// How to walk the corpus.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Skip what the corpus's .gitignore, .ignore and .rgignore files exclude.
    pub ignore_files: bool,
    /// Follow symbolic links (otherwise a link is never followed, in or out of the corpus).
    pub follow: bool,
    /// Leave each document's size and time to [`CorpusFile::stat`], for whoever takes the
    /// files: the walk then only reads folders, and the stats (one per file, most of a walk's
    /// system time) can be spread across the cores. Only the ignore crate's walk (ignore
    /// files, links followed) leaves them: the folder walk asks them on its reading threads.
    pub stat_later: bool,
}

/// Walks the roots for documents (`.txt` and HTML files), sorted by path. Hidden folders and
/// the index folder are skipped; symbolic links are not followed. A file named directly is
/// taken whatever its name.
pub fn walk(roots: &[Root], index_dir: &Path) -> (Vec<CorpusFile>, Vec<WalkProblem>) {
    walk_with(roots, index_dir, WalkOptions::default())
}

/// [`walk`], with the user's choice of ignore files and symbolic links.
pub fn walk_with(
    roots: &[Root],
    index_dir: &Path,
    options: WalkOptions,
) -> (Vec<CorpusFile>, Vec<WalkProblem>) {
    let walked = walk_all(roots, index_dir, options);
    (walked.files, walked.problems)
}

/// What a whole walk found.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<CorpusFile>,
    pub problems: Vec<WalkProblem>,
    /// Files under the roots that are not documents (images, styles, scripts, a mirror's
    /// `robots.txt`): passed over quietly, and counted.
    pub not_documents: usize,
}

/// [`walk_with`], with the count of files that are not documents.
pub fn walk_all(roots: &[Root], index_dir: &Path, options: WalkOptions) -> Walked {
    let mut walked = Walked::default();
    walk_each(roots, index_dir, options, &mut |found| {
        match found {
            Found::File(f) => walked.files.push(f),
            Found::Problem(p) => walked.problems.push(p),
            Found::NotDocument => walked.not_documents += 1,
        }
        ControlFlow::Continue(())
    });
    walked
}

/// What the walk finds, in order: a file to load, something it could not walk, or a file that
/// is not a document.
#[derive(Debug)]
pub enum Found {
    File(CorpusFile),
    Problem(WalkProblem),
    NotDocument,
}

/// [`walk_with`], handing each file or problem to `emit` as it is found (so loading can start
/// before the walk ends); `emit` stops the walk by breaking.
pub fn walk_each(
    roots: &[Root],
    index_dir: &Path,
    options: WalkOptions,
    emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) {
    let skip = std::path::absolute(index_dir).unwrap_or_else(|_| index_dir.to_path_buf());
    for root in roots {
        let root = Arc::new(root.clone());
        let flow = match walk_plain_folder(&root, &skip, options, emit) {
            Some(flow) => flow,
            None => walk_with_ignore_crate(&root, &skip, options, emit),
        };
        if flow.is_break() {
            return;
        }
    }
    remove_after_walk_for_tests();
}

/// [`folders::walk_folder`] of `root` when it can take it (a real folder, no ignore files, no
/// links followed); None otherwise.
#[cfg(target_os = "linux")]
fn walk_plain_folder(
    root: &Arc<Root>,
    skip: &Path,
    options: WalkOptions,
    emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> Option<ControlFlow<()>> {
    folders::can_walk(root, options.follow, options.ignore_files)
        .then(|| folders::walk_folder(root, skip, emit))
}

/// The folder walk reads folders by Linux's system calls: elsewhere the ignore crate walks.
#[cfg(not(target_os = "linux"))]
fn walk_plain_folder(
    _root: &Arc<Root>,
    _skip: &Path,
    _options: WalkOptions,
    _emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> Option<ControlFlow<()>> {
    None
}

/// The walk of one root by the ignore crate, for what [`folders::walk_folder`] does not do:
/// ignore files, links followed, a root that is a file or a link.
fn walk_with_ignore_crate(
    root: &Arc<Root>,
    skip: &Path,
    options: WalkOptions,
    emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let skip = skip.to_path_buf();
    let mut builder = ignore::WalkBuilder::new(&root.absolute);
    builder
        .standard_filters(false)
        .hidden(false)
        .git_ignore(options.ignore_files)
        .ignore(options.ignore_files)
        .require_git(false)
        .follow_links(options.follow);
    // Only when asked: every custom name is looked for in every folder (a stat each, a
    // quarter of a no-op refresh's system time on 28k folders).
    if options.ignore_files {
        builder.add_custom_ignore_filename(".rgignore");
    }
    let walker = builder
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| e.depth() == 0 || !(is_hidden(e.file_name()) || e.path() == skip))
        .build();
    for entry in walker {
        let Some(found) = found(root, entry, options) else {
            continue;
        };
        match found {
            Found::File(file) if is_scrape(&file.path()) => each_line(&file, emit)?,
            found => emit(found)?,
        }
    }
    ControlFlow::Continue(())
}

/// Said of a symbolic link a walk does not follow: not silently dropped, the user may want it.
const LINK_NOT_FOLLOWED: &str = "symbolic link not followed (use --follow to read it)";

/// A problem with `path` (below `root`), named as the user would type it.
fn problem_at(root: &Root, path: &Path, message: String) -> Found {
    let (source, source_bytes) = source_of(&display_path(root, path));
    Found::Problem(WalkProblem {
        source,
        source_bytes,
        message,
    })
}

/// What one entry of the walk gives: a document (or a file named directly), a problem to
/// report, another file (counted), or nothing (a folder).
fn found(
    root: &Arc<Root>,
    entry: Result<ignore::DirEntry, ignore::Error>,
    options: WalkOptions,
) -> Option<Found> {
    let problem = |path: &Path, message: String| problem_at(root, path, message);
    let entry = match entry {
        Ok(e) => e,
        Err(e) => {
            let reason = e
                .io_error()
                .map_or_else(|| e.to_string(), |io| io.to_string());
            let message = format!("cannot read: {reason}");
            return Some(match error_path(&e) {
                Some(path) => problem(path, message),
                None => Found::Problem(WalkProblem {
                    source: root.given.clone(),
                    source_bytes: None,
                    message,
                }),
            });
        }
    };
    if entry.path_is_symlink() && !options.follow {
        // Said, not silently dropped: the user may want --follow.
        return Some(problem(entry.path(), LINK_NOT_FOLLOWED.to_string()));
    }
    let is_file = entry.file_type().is_some_and(|t| t.is_file());
    if !is_file {
        return None;
    }
    let named_directly = entry.depth() == 0;
    if !(named_directly || is_document(entry.path())) {
        return Some(Found::NotDocument);
    }
    let below: Box<Path> = entry
        .path()
        .strip_prefix(&root.absolute)
        .unwrap_or(entry.path())
        .into();
    // A scrape is read line by line in the walk, so its size is wanted now.
    if options.stat_later && !named_directly && !is_scrape(entry.path()) {
        return Some(Found::File(CorpusFile::unstated(
            Arc::clone(root),
            below,
            options.follow,
        )));
    }
    Some(match entry.metadata() {
        Ok(meta) => Found::File(CorpusFile::new(
            Arc::clone(root),
            below,
            meta.len(),
            modified_ns(&meta),
        )),
        Err(e) => problem(entry.path(), format!("cannot read: {e}")),
    })
}

/// A file's modification time in nanoseconds since the Unix epoch; 0 when unknown.
fn modified_ns(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// A time the system gives in seconds and nanoseconds as [`modified_ns`] gives it: 0 before
/// the epoch, `u64::MAX` past what 64 bits of nanoseconds hold (the year 2554).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn nanos_since_epoch(secs: i64, nanos: u32) -> u64 {
    u64::try_from(secs).map_or(0, |secs| {
        secs.saturating_mul(1_000_000_000)
            .saturating_add(u64::from(nanos))
    })
}

/// Test-only hook, in debug builds alone: `DIPLO_TEST_REMOVE_AFTER_WALK=FILE` removes FILE
/// once the walk is done, so a test can make a file vanish between the walk and the read,
/// which cannot be raced reliably from outside. A release build never reads the variable.
fn remove_after_walk_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(path) = std::env::var_os("DIPLO_TEST_REMOVE_AFTER_WALK") {
        std::fs::remove_file(path).ok();
    }
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

/// Whether a file is a JSON Lines scrape (`.jsonl`, `.ndjson`): one document per line.
pub fn is_scrape(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// Hands each line of a scrape that holds anything but white space to `emit`, as a file of
/// its own; a scrape that cannot be read is a problem, and JSON Lines that are no scrape (see
/// [`crate::loader::scrape::is_other_json_lines`]) are a file that is not a document.
fn each_line(file: &CorpusFile, emit: &mut dyn FnMut(Found) -> ControlFlow<()>) -> ControlFlow<()> {
    use std::io::BufRead;
    let problem = |e: std::io::Error| {
        let (source, source_bytes) = source_of(&file.display());
        Found::Problem(WalkProblem {
            source,
            source_bytes,
            message: format!("cannot read: {e}"),
        })
    };
    let mut reader = match std::fs::File::open(file.path()) {
        Ok(f) => std::io::BufReader::with_capacity(256 * 1024, f),
        Err(e) => return emit(problem(e)),
    };
    let (mut offset, mut number) = (0u64, 0u32);
    let mut line = Vec::new();
    let mut first = true;
    loop {
        line.clear();
        let read = match reader.read_until(b'\n', &mut line) {
            Ok(0) => return ControlFlow::Continue(()),
            Ok(n) => n as u64,
            Err(e) => return emit(problem(e)),
        };
        number = number.saturating_add(1);
        let content = line.trim_ascii_end();
        if !content.trim_ascii_start().is_empty() {
            if std::mem::take(&mut first) && crate::loader::scrape::is_other_json_lines(content) {
                return emit(Found::NotDocument);
            }
            emit(Found::File(file.at_line(
                number,
                offset,
                content.len() as u64,
            )))?;
        }
        offset += read;
    }
}

/// Whether a file found in a folder is a document: a `.txt` file or an HTML page
/// ([`crate::loader::html::is_html_name`]), unless a web mirror's furniture (`robots.txt`,
/// `not_documents.txt`).
pub fn is_document(path: &Path) -> bool {
    let txt = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    if is_scrape(path) {
        return true;
    }
    if !(txt || crate::loader::html::is_html_name(path)) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    !crate::data::NOT_DOCUMENTS.contains(&name)
}

/// `given` joined with the path below the root, as the user would type it.
fn display_path(root: &Root, path: &Path) -> PathBuf {
    let below = path.strip_prefix(&root.absolute).unwrap_or(path);
    if below.as_os_str().is_empty() {
        return PathBuf::from(&root.given);
    }
    Path::new(&root.given).join(below)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_system_time_in_nanoseconds_is_zero_before_the_epoch_and_saturates() {
        assert_eq!(
            nanos_since_epoch(1_600_000_000, 5),
            1_600_000_000_000_000_005
        );
        assert_eq!(nanos_since_epoch(0, 0), 0);
        assert_eq!(nanos_since_epoch(-1, 500_000_000), 0);
        assert_eq!(nanos_since_epoch(i64::MAX, 0), u64::MAX);
        // As the standard library's time gives it, through `modified_ns`.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x").unwrap();
        let when = UNIX_EPOCH + std::time::Duration::new(1_234_567_890, 987_654_321);
        let handle = std::fs::File::options().write(true).open(&file).unwrap();
        handle.set_modified(when).unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        assert_eq!(
            modified_ns(&meta),
            nanos_since_epoch(1_234_567_890, 987_654_321)
        );
    }

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
            "corpus/e.png",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let root = Root {
            given: "corpus".into(),
            absolute: d.join("corpus"),
        };
        let (files, problems) = walk(&[root], &d.join("corpus/.diplo"));
        let sources: Vec<String> = files.iter().map(|f| f.source()).collect();
        assert_eq!(sources, ["corpus/b.txt", "corpus/sub/a.TXT"]);
        assert!(problems.is_empty());
    }

    #[test]
    fn html_pages_are_walked_and_a_mirrors_other_files_counted() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("mirror/www.mfa.example/news/css")).unwrap();
        for f in [
            "index.html",
            "index.html?page=2",
            "news/call.HTM",
            "news/visit.xhtml",
            "news/readout.txt",
            "robots.txt",
            "news/css/site.css",
            "news/logo.png",
            "news/app.js",
            "news/feed.xml",
        ] {
            std::fs::write(d.join("mirror/www.mfa.example").join(f), "x").unwrap();
        }
        let root = Root {
            given: "mirror".into(),
            absolute: d.join("mirror"),
        };
        let walked = walk_all(&[root], &d.join(".diplo"), WalkOptions::default());
        let sources: Vec<String> = walked.files.iter().map(|f| f.source()).collect();
        assert_eq!(
            sources,
            [
                "mirror/www.mfa.example/index.html",
                "mirror/www.mfa.example/index.html?page=2",
                "mirror/www.mfa.example/news/call.HTM",
                "mirror/www.mfa.example/news/readout.txt",
                "mirror/www.mfa.example/news/visit.xhtml",
            ]
        );
        assert_eq!(walked.not_documents, 5, "robots.txt, css, png, js, xml");
        assert!(walked.problems.is_empty());
    }

    #[test]
    fn documents_are_told_by_their_names() {
        for name in [
            "a.txt",
            "B.TXT",
            "c.html",
            "d.htm",
            "e.xhtml",
            "index.html?page=2",
        ] {
            assert!(is_document(Path::new(name)), "{name}");
        }
        for name in [
            "robots.txt",
            "ROBOTS.TXT",
            "a.css",
            "b.js",
            "c.png",
            "d",
            "e.json",
        ] {
            assert!(!is_document(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn a_file_left_unstated_gets_the_size_and_time_a_walk_would_give() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("corpus/2019")).unwrap();
        std::fs::write(d.join("corpus/2019/a.txt"), "twelve bytes").unwrap();
        std::fs::write(d.join("corpus/b.txt"), "four").unwrap();
        std::fs::write(d.join("corpus/gone.txt"), "x").unwrap();
        let root = Root {
            given: "corpus".into(),
            absolute: d.join("corpus"),
        };
        let roots = std::slice::from_ref(&root);
        let stated = walk(roots, &d.join(".diplo")).0;
        // The ignore crate's walk, the one that leaves files unstated.
        let later = WalkOptions {
            stat_later: true,
            ignore_files: true,
            ..WalkOptions::default()
        };
        let mut unstated = walk_with(roots, &d.join(".diplo"), later).0;
        assert_eq!(unstated.len(), 3);
        assert!(unstated.iter().all(|f| f.size == 0 && f.modified_ns == 0));
        std::fs::remove_file(d.join("corpus/gone.txt")).unwrap();
        let gone = unstated.pop().unwrap();
        for f in &mut unstated {
            f.stat().unwrap();
        }
        assert_eq!(unstated, stated[..2]);
        assert_eq!(unstated[0].size, 12);
        let mut gone = gone;
        assert!(gone.stat().is_err(), "a file gone since the walk");
    }

    /// Every path each walk of `root` hands out, in order, as text.
    #[cfg(target_os = "linux")]
    fn both_walks(root: &Root, skip: &Path) -> (Vec<String>, Vec<String>) {
        fn record(out: &mut Vec<String>) -> impl FnMut(Found) -> ControlFlow<()> + '_ {
            move |found| {
                out.push(match found {
                    Found::File(f) => {
                        format!("{} {} {} {:?}", f.source(), f.size, f.modified_ns, f.line())
                    }
                    Found::Problem(p) => format!("problem {} {}", p.source, p.message),
                    Found::NotDocument => "other".to_string(),
                });
                ControlFlow::Continue(())
            }
        }
        let root = Arc::new(root.clone());
        let (mut by_folders, mut by_ignore) = (Vec::new(), Vec::new());
        assert!(folders::can_walk(&root, false, false));
        let _ = folders::walk_folder(&root, skip, &mut record(&mut by_folders));
        let options = WalkOptions::default();
        let _ = walk_with_ignore_crate(&root, skip, options, &mut record(&mut by_ignore));
        (by_folders, by_ignore)
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn the_folder_walk_finds_what_the_ignore_crate_finds_in_the_same_order() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("corpus");
        // More folders and entries than one job reads or one folder asks ahead.
        for publisher in ["b-mfa", "a-mfa", "c-embassy"] {
            for day in 0..80 {
                let folder = d.join(publisher).join("2019").join(format!("{day:02}"));
                std::fs::create_dir_all(&folder).unwrap();
                for item in 0..(day % 12) {
                    std::fs::write(folder.join(format!("{item}.txt")), "x".repeat(day)).unwrap();
                }
            }
        }
        std::fs::create_dir_all(d.join(".diplo")).unwrap();
        std::fs::create_dir_all(d.join(".hidden/sub")).unwrap();
        std::fs::create_dir_all(d.join("empty")).unwrap();
        for (name, text) in [
            (".diplo/x.txt", "x"),
            (".hidden/sub/y.txt", "y"),
            ("A.TXT", "upper"),
            ("page.html", "<p>x</p>"),
            ("logo.png", "png"),
            ("robots.txt", "robots"),
            ("scrape.jsonl", "{\"text\": \"a\"}\n\n{\"text\": \"b\"}\n"),
        ] {
            std::fs::write(d.join(name), text).unwrap();
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(d.join("a-mfa"), d.join("b-mfa/link")).unwrap();
            use std::os::unix::ffi::OsStrExt;
            let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
            std::fs::write(d.join("a-mfa").join(latin1), "bytes").unwrap();
        }
        let root = Root {
            given: "corpus".into(),
            absolute: d.clone(),
        };
        let (by_folders, by_ignore) = both_walks(&root, &d.join(".diplo"));
        assert!(by_folders.len() > 1_200, "{}", by_folders.len());
        assert_eq!(by_folders, by_ignore);
        assert!(
            by_folders
                .iter()
                .any(|f| f.starts_with("problem corpus/b-mfa/link "))
        );
        assert!(
            by_folders
                .iter()
                .any(|f| f.starts_with("corpus/scrape.jsonl:3 "))
        );
        assert!(
            !by_folders
                .iter()
                .any(|f| f.contains("hidden") || f.contains("diplo"))
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Random trees of folders, documents, other files, hidden entries and links: the folder
        /// walk (with its test-sized batches, so listings are both read ahead and asked for)
        /// hands out what the ignore crate's walk does, in the same order.
        #[test]
        #[cfg(target_os = "linux")]
        fn both_walks_agree_on_random_trees(
            paths in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "a", "b", "2019", ".h", "x.txt", "Y.TXT", "p.html", "z.png",
                        "robots.txt", "s.jsonl", "é.txt", "link",
                    ]),
                    1..5,
                ),
                0..40,
            )
        ) {
            let dir = tempfile::tempdir().unwrap();
            let root_path = dir.path().join("corpus");
            std::fs::create_dir_all(&root_path).unwrap();
            for components in &paths {
                let path: PathBuf = components.iter().collect::<PathBuf>();
                let full = root_path.join(&path);
                let last = *components.last().unwrap();
                let Some(parent) = full.parent() else { continue };
                if std::fs::create_dir_all(parent).is_err() {
                    continue; // a file already stands where a folder would go
                }
                if last == "link" {
                    #[cfg(unix)]
                    std::os::unix::fs::symlink(&root_path, &full).ok();
                } else if last.contains('.') && !last.starts_with('.') {
                    std::fs::write(&full, "{\"text\": \"x\"}\n").ok();
                } else {
                    std::fs::create_dir_all(&full).ok();
                }
            }
            let root = Root {
                given: "corpus".into(),
                absolute: root_path.clone(),
            };
            let (by_folders, by_ignore) = both_walks(&root, &root_path.join(".diplo"));
            proptest::prop_assert_eq!(by_folders, by_ignore);
        }
    }

    #[test]
    fn a_walk_stopped_by_its_taker_hands_out_nothing_more() {
        let dir = tempfile::tempdir().unwrap();
        for folder in 0..100 {
            let folder = dir.path().join(format!("{folder:03}"));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("a.txt"), "x").unwrap();
        }
        let root = Root {
            given: "c".into(),
            absolute: dir.path().to_path_buf(),
        };
        let mut taken = Vec::new();
        walk_each(
            &[root],
            &dir.path().join(".diplo"),
            WalkOptions::default(),
            &mut |found| {
                if let Found::File(f) = found {
                    taken.push(f.source());
                }
                if taken.len() == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(taken, ["c/000/a.txt", "c/001/a.txt", "c/002/a.txt"]);
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
                ..WalkOptions::default()
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
                follow,
                ..WalkOptions::default()
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
        assert_eq!(files[0].source(), "readout.md");
        assert_eq!(files[0].path(), dir.path().join("readout.md"));
    }

    #[test]
    fn fingerprint_starts_with_the_source() {
        let root = Root {
            given: "seeds".into(),
            absolute: "/work/seeds".into(),
        };
        let f = CorpusFile::new(Arc::new(root), Path::new("a.txt").into(), 3, 7);
        assert_eq!(f.fingerprint(), "seeds/a.txt\u{1f}3\u{1f}7");
        assert_eq!(
            fingerprint_parts(&f.fingerprint()),
            Some(("seeds/a.txt", 3, 7))
        );
        assert_eq!(
            fingerprint_parts("odd\u{1f}name.txt\u{1f}12\u{1f}34"),
            Some(("odd\u{1f}name.txt", 12, 34))
        );
        assert_eq!(fingerprint_parts("seeds/a.txt\u{1f}3"), None);
        assert_eq!(fingerprint_parts("seeds/a.txt\u{1f}x\u{1f}7"), None);
        assert_eq!(f.path(), Path::new("/work/seeds/a.txt"));
    }

    /// Reads a key back into bytes: the escape is reversible.
    fn bytes_of_key(key: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let mut rest = key;
        while let Some(at) = rest.find('\0') {
            out.extend_from_slice(&rest.as_bytes()[..at]);
            out.push(u8::from_str_radix(&rest[at + 1..at + 3], 16).unwrap());
            rest = &rest[at + 3..];
        }
        out.extend_from_slice(rest.as_bytes());
        out
    }

    #[test]
    fn source_keys_of_names_that_are_not_utf8_are_distinct_and_reversible() {
        let names: [&[u8]; 4] = [
            b"a\xff.txt",
            b"a\xfe.txt",
            b"a\xef\xbf\xbd.txt",
            b"\xc3(\xe2\x82",
        ];
        let keys: Vec<String> = names.iter().map(|n| source_key(n)).collect();
        for (name, key) in names.iter().zip(&keys) {
            assert_eq!(&bytes_of_key(key), name);
        }
        // The third is valid UTF-8 (U+FFFD itself): its key is the name, unlike the lossy forms.
        assert_eq!(keys[2], "a\u{FFFD}.txt");
        let mut distinct = keys.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), keys.len(), "{keys:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"a\xff.txt");
        std::fs::write(dir.path().join(name), "x").unwrap();
        std::fs::write(dir.path().join("b.txt"), "x").unwrap();
        let root = Root {
            given: "c".into(),
            absolute: dir.path().to_path_buf(),
        };
        let (files, _) = walk(&[root], &dir.path().join(".diplo"));
        assert_eq!(files[0].source(), "c/a\u{FFFD}.txt");
        assert_eq!(
            files[0].source_bytes().as_deref(),
            Some(&b"c/a\xff.txt"[..])
        );
        assert_eq!(files[0].key(), "c/a\0ff.txt");
        assert_eq!(
            source_as_path(
                &files[0].source(),
                files[0].source_bytes_base64().as_deref()
            ),
            Path::new("c").join(name)
        );
        assert_eq!(files[1].source(), "c/b.txt");
        assert_eq!(files[1].source_bytes(), None);
        assert_eq!(files[1].key(), files[1].source());
    }
}
