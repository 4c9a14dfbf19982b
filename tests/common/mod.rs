//! Shared helpers for integration tests: a temp folder with the seeds and an index path.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The built `diplo` binary, run from `cwd`, with no inherited index or color settings.
pub fn diplo(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("diplo").expect("the diplo binary is built");
    cmd.current_dir(cwd)
        .env_remove("DIPLO_INDEX")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// A temp folder holding a copy of `seeds/`.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn with_seeds() -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        let seeds = dir.path().join("seeds");
        std::fs::create_dir(&seeds).expect("create seeds");
        for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"))
            .expect("seeds exist")
        {
            let entry = entry.expect("seed entry");
            std::fs::copy(entry.path(), seeds.join(entry.file_name())).expect("copy seed");
        }
        Workspace { dir }
    }

    pub fn empty() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.file(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, bytes).expect("write file");
        path
    }

    /// `diplo` run in this folder.
    pub fn diplo(&self) -> Command {
        diplo(self.path())
    }

    /// Indexes `seeds/` into `./.diplo`.
    pub fn indexed(self) -> Workspace {
        self.diplo().args(["index", "seeds"]).assert().success();
        self
    }
}

/// Parses JSON Lines output.
pub fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(stdout.to_vec())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

/// Every `.txt` file under `dir`, in path order, folders included.
pub fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: not readable: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            txt_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}
