//! The files a run has walked, kept on disk rather than in memory.
//!
//! A run needs a file again only to name it in a message, to tell a file walked twice (under
//! paths that overlap) from a copy, or to write a record with several files once more, all
//! rare; a list of every file in memory took about 72 bytes a file, which
//! broke the memory target of a refresh beyond a few hundred thousand files. The log is an
//! unnamed temporary file in the index folder: the system removes it however the run ends.

use crate::walk::{CorpusFile, Root};
use anyhow::{Context, Result};
use std::ffi::OsStr;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a file is in the log.
pub type FileAt = u64;

pub struct FileLog {
    out: BufWriter<File>,
    /// Bytes written so far, flushed or not.
    len: u64,
    /// Bytes that reached the file: a read beyond them flushes first.
    flushed: u64,
    /// The roots files were found under; a file records its root's place here.
    roots: Vec<Arc<Root>>,
    folder: PathBuf,
}

/// Root, size, modification time, scrape line and its offset, and length of the path below
/// the root, before its bytes.
const HEADER: usize = 4 + 8 + 8 + 4 + 8 + 4;

impl FileLog {
    /// A new, empty log in `folder`.
    pub fn create_in(folder: &Path) -> Result<FileLog> {
        let file = tempfile::tempfile_in(folder).with_context(|| {
            format!(
                "cannot create a temporary file in {} (is the disk full or read-only?)",
                folder.display()
            )
        })?;
        Ok(FileLog {
            out: BufWriter::with_capacity(64 * 1024, file),
            len: 0,
            flushed: 0,
            roots: Vec::new(),
            folder: folder.to_path_buf(),
        })
    }

    /// Adds a file; gives where it is, to read it back with [`FileLog::get`].
    pub fn push(&mut self, file: &CorpusFile) -> Result<FileAt> {
        let root = match self.roots.iter().position(|r| Arc::ptr_eq(r, file.root())) {
            Some(at) => at,
            None => {
                self.roots.push(Arc::clone(file.root()));
                self.roots.len() - 1
            }
        };
        let below = file.below().as_os_str().as_encoded_bytes();
        let mut header = [0u8; HEADER];
        header[..4].copy_from_slice(&(root as u32).to_le_bytes());
        header[4..12].copy_from_slice(&file.size.to_le_bytes());
        header[12..20].copy_from_slice(&file.modified_ns.to_le_bytes());
        let (line, offset) = file.line().unwrap_or((0, 0));
        header[20..24].copy_from_slice(&line.to_le_bytes());
        header[24..32].copy_from_slice(&offset.to_le_bytes());
        let below_len = u32::try_from(below.len()).unwrap_or(u32::MAX);
        header[32..].copy_from_slice(&below_len.to_le_bytes());
        let at = self.len;
        self.out
            .write_all(&header)
            .and_then(|()| self.out.write_all(&below[..below_len as usize]))
            .map_err(|e| self.error(e))?;
        self.len += (HEADER + below_len as usize) as u64;
        Ok(at)
    }

    /// The file added at `at`.
    pub fn get(&mut self, at: FileAt) -> Result<CorpusFile> {
        if at >= self.flushed {
            self.out.flush().map_err(|e| self.error(e))?;
            self.flushed = self.len;
        }
        let mut file = self.out.get_ref();
        let mut header = [0u8; HEADER];
        let mut below = Vec::new();
        let read = (|| {
            file.seek(SeekFrom::Start(at))?;
            file.read_exact(&mut header)?;
            let below_len = u32::from_le_bytes(header[32..].try_into().unwrap_or_default());
            below.resize(below_len as usize, 0);
            file.read_exact(&mut below)?;
            // Writes go on at the end.
            file.seek(SeekFrom::End(0)).map(drop)
        })();
        read.map_err(|e| self.error(e))?;
        let word = |range: std::ops::Range<usize>| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&header[range]);
            u64::from_le_bytes(bytes)
        };
        let root = u32::from_le_bytes(header[..4].try_into().unwrap_or_default()) as usize;
        let root = self.roots.get(root).with_context(|| {
            format!(
                "the run's list of files in {} is corrupt",
                self.folder.display()
            )
        })?;
        // SAFETY: the bytes are those `as_encoded_bytes` gave in `push`, in this process, unchanged.
        let below = unsafe { OsStr::from_encoded_bytes_unchecked(&below) };
        let file = CorpusFile::new(
            Arc::clone(root),
            Path::new(below).into(),
            word(4..12),
            word(12..20),
        );
        let line = u32::from_le_bytes(header[20..24].try_into().unwrap_or_default());
        Ok(match line {
            0 => file,
            line => file.at_line(line, word(24..32), word(4..12)),
        })
    }

    fn error(&self, e: std::io::Error) -> anyhow::Error {
        anyhow::anyhow!(
            "cannot use a temporary file in {} (is the disk full?): {e}",
            self.folder.display()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_back_as_they_went_in_between_writes() {
        let dir = tempfile::tempdir().unwrap();
        let root = |given: &str| {
            Arc::new(Root {
                given: given.into(),
                absolute: dir.path().join(given),
            })
        };
        let (a, b) = (root("a"), root("b"));
        let files = [
            CorpusFile::new(Arc::clone(&a), Path::new("2019/x.txt").into(), 10, 1),
            CorpusFile::new(Arc::clone(&b), Path::new("").into(), 0, u64::MAX),
            CorpusFile::new(
                Arc::clone(&a),
                Path::new("é/\u{1f}.txt").into(),
                u64::MAX,
                0,
            ),
            // A line of a scrape keeps its number and offset.
            CorpusFile::new(Arc::clone(&b), Path::new("s.jsonl").into(), 900, 5)
                .at_line(412, 70_000, 311),
        ];
        let mut log = FileLog::create_in(dir.path()).unwrap();
        let first = log.push(&files[0]).unwrap();
        // A read between writes must not move where the next write goes.
        assert_eq!(log.get(first).unwrap(), files[0]);
        let rest: Vec<FileAt> = files[1..].iter().map(|f| log.push(f).unwrap()).collect();
        assert_eq!(log.get(rest[1]).unwrap(), files[2]);
        assert_eq!(log.get(rest[0]).unwrap(), files[1]);
        assert_eq!(log.get(first).unwrap(), files[0]);
        assert!(Arc::ptr_eq(log.get(rest[0]).unwrap().root(), &b));
        let line = log.get(rest[2]).unwrap();
        assert_eq!(line, files[3]);
        assert_eq!(line.line(), Some((412, 70_000)));
        assert_eq!(line.source(), "b/s.jsonl:412");
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_comes_back_byte_for_byte() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = Arc::new(Root {
            given: "c".into(),
            absolute: dir.path().to_path_buf(),
        });
        let below = Path::new(OsStr::from_bytes(b"a\xff.txt"));
        let file = CorpusFile::new(root, below.into(), 1, 2);
        let mut log = FileLog::create_in(dir.path()).unwrap();
        let at = log.push(&file).unwrap();
        assert_eq!(log.get(at).unwrap(), file);
    }
}
