//! The walk of a plain folder tree (no ignore files read, no links followed), in the same order
//! as the ignore crate's sorted walk, with the folders read ahead on threads of their own.
//!
//! A corpus laid out by publisher, year, month and day has a folder for every three or four
//! files (28k folders for 100k files), and each folder is four system calls (open, two reads,
//! close): one thread doing them all was most of a no-op refresh. Here the walk's thread only
//! puts listings in order; a few threads read the next folders meanwhile ([`super::listing`]),
//! open each sub-folder by its name in its open parent and ask each document's size and time
//! by its name in the open folder, which spares the kernel resolving the whole path again.

use super::listing::{self, FileType, Stat};
use super::{Found, LINK_NOT_FOLLOWED, Root, is_document, is_hidden, problem_at};
use crate::walk::CorpusFile;
use std::collections::VecDeque;
use std::ffi::{OsStr, OsString};
use std::ops::ControlFlow;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use std::sync::{Arc, Mutex};

/// Sub-folders of one folder read ahead of the walk at most: enough to keep the reading threads
/// busy, few enough that a folder of thousands of folders is not all held at once.
/// (Tests use small batches and budgets, so that small trees take every path.)
const FOLDERS_AHEAD: usize = if cfg!(test) { 3 } else { 32 };

/// Folders read by one job and sent back together: a thread waking for each folder of three
/// files cost more system time than it saved.
const BATCH: usize = if cfg!(test) { 2 } else { 8 };

/// Entries a job reads below the folders it was asked for, sub-folders first in walk order:
/// a year of day folders comes back as one job, and the readers keep busy across the walk's
/// steps down and up. With 1,024, a 100k no-op refresh switched threads 9,750 times and took
/// 17% more CPU time than with 8,192 (3,590 switches).
const JOB_ENTRIES: usize = if cfg!(test) { 7 } else { 8192 };

/// Threads reading folders, at most.
const READERS: usize = 4;

/// One entry of a folder, as the walk needs it.
enum Entry {
    /// A folder, and what it holds when the job that read this entry read it too.
    Folder(OsString, Option<Vec<Entry>>),
    /// A document, with its metadata (asked without following a link).
    Document(OsString, std::io::Result<Stat>),
    /// A file that is not a document: only counted.
    NotDocument,
    /// A symbolic link, which this walk never follows.
    Link(OsString),
    /// The folder could not be read (or not to the end).
    Unreadable(std::io::Error),
}

/// Folders to read, and where to send what they hold, in the same order.
struct Job {
    paths: Vec<PathBuf>,
    reply: SyncSender<Vec<Vec<Entry>>>,
}

/// A folder being walked: its entries in order, which one is next, and the listings of its
/// next sub-folders (every folder entry from `next` up to `asked_up_to`, in order): those
/// received, then those still being read, a batch at a time.
struct Frame {
    below: PathBuf,
    entries: Vec<Entry>,
    next: usize,
    received: VecDeque<Vec<Entry>>,
    /// Batches being read, and how many folders each holds.
    asked: VecDeque<(Receiver<Vec<Vec<Entry>>>, usize)>,
    /// Folders asked for and not yet walked.
    ahead: usize,
    asked_up_to: usize,
}

/// Whether this walk can take `root`: a real folder (not a link to one), walked without ignore
/// files and without following links. Anything else takes the ignore crate's walk.
pub(super) fn can_walk(root: &Root, follow: bool, ignore_files: bool) -> bool {
    !follow
        && !ignore_files
        && std::fs::symlink_metadata(&root.absolute).is_ok_and(|m| m.file_type().is_dir())
}

/// Walks the folder `root`, handing each document, problem or other file to `emit` in path
/// order (the entries of a folder sorted by name, a folder's contents right after it). Hidden
/// entries and the folder `skip` are passed over. Stops when `emit` breaks.
pub(super) fn walk_folder(
    root: &Arc<Root>,
    skip: &Path,
    emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let readers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, READERS));
    let (jobs, queue) = channel::<Job>();
    let queue = Mutex::new(queue);
    let stopped = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..readers {
            scope.spawn(|| read_folders(&queue, &stopped, skip));
        }
        // The walk owns the only sender: when it returns, the readers run out of jobs and end,
        // passing over the jobs still queued.
        let flow = walk_in_order(root, jobs, emit);
        stopped.store(true, Ordering::Relaxed);
        flow
    })
}

/// A reading thread: reads each folder asked for until no more can be, or the walk is over.
fn read_folders(queue: &Mutex<Receiver<Job>>, stopped: &AtomicBool, skip: &Path) {
    loop {
        let job = match queue.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        if stopped.load(Ordering::Relaxed) {
            continue;
        }
        let mut budget = JOB_ENTRIES;
        let listings = job
            .paths
            .iter()
            .map(|p| read_tree(p, None, skip, &mut budget, 0))
            .collect();
        // The walk may have stopped since: the reply then has no one to go to.
        job.reply.send(listings).ok();
    }
}

/// Folders a reading thread keeps open at once while it reads the folders below them, which it
/// opens by name in their parent; a deeper folder's sub-folders are opened by their paths.
const OPEN_FOLDERS: usize = 32;

/// [`read_folder`], and its sub-folders in walk order while `budget` entries remain. `parent`
/// is the open folder that holds `path`, and its name there, when it is kept open.
fn read_tree(
    path: &Path,
    parent: Option<(&OwnedFd, &OsStr)>,
    skip: &Path,
    budget: &mut usize,
    depth: usize,
) -> Vec<Entry> {
    let dir = match listing::open_folder(path, parent) {
        Ok(dir) => dir,
        Err(e) => return vec![Entry::Unreadable(e)],
    };
    let mut entries = read_folder(&dir, path, skip);
    *budget = budget.saturating_sub(entries.len() + 1);
    let dir = (depth < OPEN_FOLDERS).then_some(dir);
    for entry in &mut entries {
        if *budget == 0 {
            break;
        }
        if let Entry::Folder(name, read) = entry {
            let parent = dir.as_ref().map(|dir| (dir, name.as_os_str()));
            *read = Some(read_tree(
                &path.join(&*name),
                parent,
                skip,
                budget,
                depth + 1,
            ));
        }
    }
    entries
}

/// The entries of the open folder `dir` (at `path`) sorted by name, hidden ones and `skip`
/// left out, each document's size and time asked of the open folder.
fn read_folder(dir: &OwnedFd, path: &Path, skip: &Path) -> Vec<Entry> {
    let (mut found, failed) = listing::entries(dir);
    found.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
    let mut entries: Vec<Entry> = found
        .into_iter()
        .filter_map(|(name, kind)| {
            if is_hidden(&name) || (skip.file_name() == Some(&name) && path.join(&name) == skip) {
                return None;
            }
            let mut stat = None;
            let kind = match kind {
                FileType::Unknown => match listing::stat_at(dir, path, &name) {
                    Ok(st) => stat.insert(st).kind,
                    Err(e) => return Some(Entry::Document(name, Err(e))),
                },
                kind => kind,
            };
            Some(match kind {
                FileType::Directory => Entry::Folder(name, None),
                FileType::Symlink => Entry::Link(name),
                FileType::RegularFile if is_document(Path::new(&name)) => {
                    let stat = stat.map_or_else(|| listing::stat_at(dir, path, &name), Ok);
                    Entry::Document(name, stat)
                }
                FileType::RegularFile => Entry::NotDocument,
                _ => return None,
            })
        })
        .collect();
    entries.extend(failed.map(Entry::Unreadable));
    entries
}

/// The walk's own thread: takes the listings in path order and hands their entries to `emit`,
/// asking for the next sub-folders of each folder on the way down.
fn walk_in_order(
    root: &Arc<Root>,
    jobs: std::sync::mpsc::Sender<Job>,
    emit: &mut dyn FnMut(Found) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let ask = |below: Vec<PathBuf>| {
        let paths = below.iter().map(|b| root.absolute.join(b)).collect();
        let (reply, listings) = sync_channel(1);
        // The readers live as long as this walk, so the job always reaches one.
        jobs.send(Job { paths, reply }).ok();
        listings
    };
    let problem =
        |below: &Path, message: String| problem_at(root, &root.absolute.join(below), message);
    let top = receive(&ask(vec![PathBuf::new()]), 1).pop();
    let mut stack = vec![frame(PathBuf::new(), top.unwrap_or_default())];
    while let Some(frame) = stack.last_mut() {
        ask_ahead(frame, &ask);
        let Some(entry) = frame.entries.get_mut(frame.next) else {
            stack.pop();
            continue;
        };
        // Taken out: the walk never looks back at an entry it has passed.
        let entry = std::mem::replace(entry, Entry::NotDocument);
        frame.next += 1;
        let found = match entry {
            Entry::Folder(name, read) => {
                let below = frame.below.join(name);
                let listing = read.unwrap_or_else(|| next_listing(frame));
                stack.push(self::frame(below, listing));
                continue;
            }
            Entry::Document(name, Err(e)) => {
                problem(&frame.below.join(name), format!("cannot read: {e}"))
            }
            Entry::Document(name, Ok(stat)) => {
                let scrape = super::is_scrape(Path::new(&name));
                let file = CorpusFile::new(
                    Arc::clone(root),
                    frame.below.join(name).into_boxed_path(),
                    stat.size,
                    stat.modified_ns,
                );
                if scrape {
                    super::each_line(&file, emit)?;
                    continue;
                }
                Found::File(file)
            }
            Entry::NotDocument => Found::NotDocument,
            Entry::Link(name) => problem(&frame.below.join(name), LINK_NOT_FOLLOWED.to_string()),
            Entry::Unreadable(e) => problem(&frame.below, format!("cannot read: {e}")),
        };
        emit(found)?;
    }
    ControlFlow::Continue(())
}

fn frame(below: PathBuf, entries: Vec<Entry>) -> Frame {
    Frame {
        below,
        entries,
        next: 0,
        received: VecDeque::new(),
        asked: VecDeque::new(),
        ahead: 0,
        asked_up_to: 0,
    }
}

/// The listing of the frame's next sub-folder, which [`ask_ahead`] has asked for.
fn next_listing(frame: &mut Frame) -> Vec<Entry> {
    if frame.received.is_empty()
        && let Some((batch, count)) = frame.asked.pop_front()
    {
        frame.received = receive(&batch, count).into();
    }
    frame.ahead = frame.ahead.saturating_sub(1);
    frame.received.pop_front().unwrap_or_default()
}

/// Listings asked for (`count` at most); a reader that died on them (a panic, re-raised when
/// the walk ends) leaves each folder said to be unreadable.
fn receive(listings: &Receiver<Vec<Vec<Entry>>>, count: usize) -> Vec<Vec<Entry>> {
    listings.recv().unwrap_or_else(|_| {
        (0..count)
            .map(|_| {
                vec![Entry::Unreadable(std::io::Error::other(
                    "the thread reading it failed",
                ))]
            })
            .collect()
    })
}

/// Asks for the frame's next sub-folders, a batch at a time, up to [`FOLDERS_AHEAD`] not yet
/// walked.
fn ask_ahead(frame: &mut Frame, ask: &impl Fn(Vec<PathBuf>) -> Receiver<Vec<Vec<Entry>>>) {
    while frame.ahead < FOLDERS_AHEAD && frame.asked_up_to < frame.entries.len() {
        let mut paths = Vec::with_capacity(BATCH);
        while paths.len() < BATCH && frame.asked_up_to < frame.entries.len() {
            if let Entry::Folder(name, None) = &frame.entries[frame.asked_up_to] {
                paths.push(frame.below.join(name));
            }
            frame.asked_up_to += 1;
        }
        if !paths.is_empty() {
            frame.ahead += paths.len();
            let count = paths.len();
            frame.asked.push_back((ask(paths), count));
        }
    }
}
