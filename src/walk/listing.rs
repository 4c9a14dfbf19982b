//! One folder's entries, and a document's size and time, asked of the open folder by system
//! calls (Linux). `std::fs::read_dir` asks for more than the walk needs: an `fstat` of each
//! folder it opens, a shared handle and a path for every entry, and the whole path resolved
//! again for a folder below the one just read. On a corpus with a folder for every three or
//! four files those were about a tenth of a no-op refresh.

use std::cell::RefCell;
use std::ffi::{OsStr, OsString};
use std::io;
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

pub use rustix::fs::FileType;

/// Bytes of directory entries read by one system call: the size glibc's `readdir` uses, room
/// for hundreds of names.
const READ_BYTES: usize = 32 * 1024;

/// What the walk asks of a file: its type, size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    pub kind: FileType,
    pub size: u64,
    pub modified_ns: u64,
}

/// Opens the folder `path` for reading its entries: by `name` in the open folder `parent` when
/// there is one (the kernel then resolves one name, not the whole path), else by its path.
pub fn open_folder(path: &Path, parent: Option<(&OwnedFd, &OsStr)>) -> io::Result<OwnedFd> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    Ok(match parent {
        Some((parent, name)) => rustix::fs::openat(parent, name, flags, Mode::empty())?,
        None => rustix::fs::open(path, flags, Mode::empty())?,
    })
}

/// The names and types of the entries of the open folder `dir`, in the order the system
/// gives them, without `.` and `..`; and the error that stopped the reading early, if one did.
/// A type the file system does not give in its listing is [`FileType::Unknown`].
pub fn entries(dir: &OwnedFd) -> (Vec<(OsString, FileType)>, Option<io::Error>) {
    thread_local! {
        // One buffer a reading thread, reused for every folder it reads.
        static BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(READ_BYTES));
    }
    BUFFER.with_borrow_mut(|buffer| {
        let mut found = Vec::new();
        let mut listing = rustix::fs::RawDir::new(dir, buffer.spare_capacity_mut());
        while let Some(entry) = listing.next() {
            match entry {
                Ok(entry) => {
                    let name = entry.file_name().to_bytes();
                    if name != b"." && name != b".." {
                        found.push((OsStr::from_bytes(name).to_owned(), entry.file_type()));
                    }
                }
                Err(e) => return (found, Some(e.into())),
            }
        }
        (found, None)
    })
}

/// The type, size and time of the entry `name` of the open folder `dir` (at `path`), not
/// following a symbolic link.
pub fn stat_at(dir: &OwnedFd, path: &Path, name: &OsStr) -> io::Result<Stat> {
    use rustix::fs::{AtFlags, StatxFlags};
    let asked = StatxFlags::TYPE | StatxFlags::SIZE | StatxFlags::MTIME;
    match rustix::fs::statx(dir, name, AtFlags::SYMLINK_NOFOLLOW, asked) {
        Ok(st) => Ok(Stat {
            kind: FileType::from_raw_mode(st.stx_mode.into()),
            size: st.stx_size,
            modified_ns: super::nanos_since_epoch(st.stx_mtime.tv_sec, st.stx_mtime.tv_nsec),
        }),
        // A kernel older than 4.11 has no `statx`, and some container sandboxes refuse it
        // (EPERM): ask as the standard library does, which gives the real error if any.
        Err(rustix::io::Errno::NOSYS | rustix::io::Errno::PERM) => {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::symlink_metadata(path.join(name))?;
            Ok(Stat {
                kind: FileType::from_raw_mode(meta.mode()),
                size: meta.len(),
                modified_ns: super::modified_ns(&meta),
            })
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_entry_with_its_type_and_no_dot_entries() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "abc").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink("a.txt", dir.path().join("link")).unwrap();
        // More names than one read of the buffer holds.
        for i in 0..2_000 {
            std::fs::write(
                dir.path()
                    .join(format!("many-{i:04}-{}.txt", "x".repeat(40))),
                "",
            )
            .unwrap();
        }
        let open = open_folder(dir.path(), None).unwrap();
        let (found, failed) = entries(&open);
        assert!(failed.is_none());
        assert_eq!(found.len(), 2_003);
        let kind_of = |name: &str| found.iter().find(|(n, _)| n == name).map(|(_, k)| *k);
        // ext4, tmpfs and most file systems give the type in the listing.
        assert!(matches!(
            kind_of("a.txt"),
            Some(FileType::RegularFile | FileType::Unknown)
        ));
        assert!(matches!(
            kind_of("sub"),
            Some(FileType::Directory | FileType::Unknown)
        ));
        assert!(matches!(
            kind_of("link"),
            Some(FileType::Symlink | FileType::Unknown)
        ));
        assert!(kind_of(".").is_none() && kind_of("..").is_none());
    }

    #[test]
    fn a_folder_opened_in_its_parent_lists_the_same_entries() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/x.txt"), "x").unwrap();
        let parent = open_folder(dir.path(), None).unwrap();
        let by_name = open_folder(&dir.path().join("sub"), Some((&parent, OsStr::new("sub"))));
        let by_path = open_folder(&dir.path().join("sub"), None);
        assert_eq!(entries(&by_name.unwrap()).0, entries(&by_path.unwrap()).0);
        let gone = open_folder(
            &dir.path().join("gone"),
            Some((&parent, OsStr::new("gone"))),
        );
        assert_eq!(gone.unwrap_err().kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn a_stat_agrees_with_the_standard_library_and_does_not_follow_links() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "readout").unwrap();
        let when = std::time::UNIX_EPOCH + std::time::Duration::new(1_600_000_000, 123_456_789);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(when)
            .unwrap();
        std::os::unix::fs::symlink("a.txt", dir.path().join("link")).unwrap();
        let open = open_folder(dir.path(), None).unwrap();
        let st = stat_at(&open, dir.path(), OsStr::new("a.txt")).unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        assert_eq!(st.kind, FileType::RegularFile);
        assert_eq!(st.size, 7);
        assert_eq!(st.modified_ns, 1_600_000_000_123_456_789);
        assert_eq!(st.modified_ns, super::super::modified_ns(&meta));
        let link = stat_at(&open, dir.path(), OsStr::new("link")).unwrap();
        assert_eq!(link.kind, FileType::Symlink);
        let gone = stat_at(&open, dir.path(), OsStr::new("gone.txt")).unwrap_err();
        assert_eq!(gone.kind(), io::ErrorKind::NotFound);
    }
}
