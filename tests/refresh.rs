//! Incremental refresh through the built binary: exactly the added, changed and deleted
//! records change; `--files`, `--limit 0` and `--quiet` behave as documented.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

struct Corpus {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Corpus {
    /// The four seeds, copied into a temp folder `corpus/`.
    fn from_seeds() -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("corpus")).unwrap();
        for entry in std::fs::read_dir("seeds").unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, root.join("corpus").join(path.file_name().unwrap())).unwrap();
        }
        Corpus { _dir: dir, root }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.root.join("corpus").join(name)
    }

    fn diplo(&self) -> Command {
        let mut cmd = Command::cargo_bin("diplo").unwrap();
        cmd.current_dir(&self.root)
            .env_remove("DIPLO_INDEX")
            .env("NO_COLOR", "1")
            .args(["--index", ".diplo"]);
        cmd
    }

    /// Runs `diplo index` with `args` and returns the summary's change line.
    fn index(&self, args: &[&str]) -> String {
        let out = self.diplo().arg("index").args(args).assert().success();
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        stderr
            .lines()
            .find(|l| l.starts_with("added "))
            .unwrap_or_else(|| panic!("no summary in {stderr:?}"))
            .split(" in ")
            .next()
            .unwrap()
            .to_string()
    }

    /// id → source of every record, from `search --limit 0 --json`.
    fn records(&self) -> BTreeSet<(String, String)> {
        let out = self
            .diplo()
            .args(["search", "*", "--limit", "0", "--json"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                (
                    v["id"].as_str().unwrap().to_string(),
                    v["source"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
}

const SEED_0: &str = "000_fd7ad6a0d65a9c83.txt";
const SEED_1: &str = "001_8f02d77f9fe261ac.txt";
const SEED_2: &str = "002_45b956f5592036d3.txt";

fn set_mtime_later(path: &Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    file.set_modified(later).unwrap();
}

#[test]
fn a_second_run_with_nothing_changed_changes_nothing() {
    let c = Corpus::from_seeds();
    assert_eq!(
        c.index(&["corpus"]),
        "added 4, updated 0, removed 0, unchanged 0"
    );
    let before = c.records();
    assert_eq!(before.len(), 4);
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");
    assert_eq!(c.records(), before);
}

#[test]
fn exactly_the_added_changed_and_deleted_records_change() {
    let c = Corpus::from_seeds();
    c.index(&["corpus"]);
    let before = c.records();

    // Change one file's text, delete another, add a new one (a copy of a seed, edited).
    let changed = std::fs::read_to_string(c.file(SEED_0)).unwrap();
    std::fs::write(
        c.file(SEED_0),
        changed.replace("Great Hall of the People", "Diaoyutai State Guesthouse"),
    )
    .unwrap();
    std::fs::remove_file(c.file(SEED_1)).unwrap();
    let added = std::fs::read_to_string(c.file(SEED_2)).unwrap().replacen(
        "Xi Jinping",
        "Xi Jinping (again)",
        1,
    );
    std::fs::write(c.file("new.txt"), added).unwrap();

    // The changed file gets a new id (its text changed): the old record goes, a new one comes.
    assert_eq!(c.index(&[]), "added 2, updated 0, removed 2, unchanged 2");
    let after = c.records();
    let sources = |set: &BTreeSet<(String, String)>, name: &str| -> Vec<String> {
        set.iter()
            .filter(|(_, s)| s.ends_with(name))
            .map(|(id, _)| id.clone())
            .collect()
    };
    assert_eq!(after.len(), 4);
    // Untouched records keep their ids.
    for name in [SEED_2, "003_e2447bf0e712ceff.txt"] {
        assert_eq!(sources(&after, name), sources(&before, name), "{name}");
    }
    assert!(sources(&after, SEED_1).is_empty());
    assert_eq!(sources(&after, "new.txt").len(), 1);
    assert_ne!(sources(&after, SEED_0), sources(&before, SEED_0));

    let shown = c
        .diplo()
        .args(["search", "Diaoyutai", "--files"])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&shown.get_output().stdout).trim(),
        format!("corpus/{SEED_0}")
    );
}

#[test]
fn a_refresh_that_changes_nothing_writes_nothing_to_the_index() {
    let c = Corpus::from_seeds();
    c.index(&["corpus"]);
    let meta = c.root.join(".diplo/tantivy/meta.json");
    let commit = || {
        let modified = std::fs::metadata(&meta).unwrap().modified().unwrap();
        (std::fs::read_to_string(&meta).unwrap(), modified)
    };
    let first = commit();
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");
    assert_eq!(commit(), first, "a refresh with nothing to do committed");
    // The same corpus named again is no change either.
    assert_eq!(
        c.index(&["corpus"]),
        "added 0, updated 0, removed 0, unchanged 4"
    );
    assert_eq!(commit(), first);
    // A touched file's new fingerprint is written: that run commits, the next does not.
    set_mtime_later(&c.file(SEED_1));
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");
    let touched = commit();
    assert_ne!(touched.0, first.0, "the new fingerprint was not committed");
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");
    assert_eq!(commit(), touched);
    assert_eq!(c.records().len(), 4);
}

#[test]
fn a_touched_but_unchanged_file_keeps_its_record() {
    let c = Corpus::from_seeds();
    c.index(&["corpus"]);
    let before = c.records();
    set_mtime_later(&c.file(SEED_1));
    // Its text is hashed, found unchanged, and its stored record kept: not an update.
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");
    assert_eq!(c.records(), before);
    // The new fingerprint was recorded: the next run has nothing to do.
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");
}

#[test]
fn a_record_with_several_files_follows_them_across_refreshes() {
    let c = Corpus::from_seeds();
    std::fs::copy(c.file(SEED_0), c.file("copy.txt")).unwrap();
    assert_eq!(
        c.index(&["corpus"]),
        "added 4, updated 0, removed 0, unchanged 0"
    );
    let also_in = |c: &Corpus| -> String {
        let out = c
            .diplo()
            .args(["show", &format!("corpus/{SEED_0}")])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| l.contains("same text also in"))
            .unwrap_or_default()
            .to_string()
    };
    assert!(also_in(&c).ends_with("corpus/copy.txt"), "{}", also_in(&c));
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");

    // A touched copy is no change, and its new fingerprint is kept with both files.
    set_mtime_later(&c.file("copy.txt"));
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");
    assert!(also_in(&c).ends_with("corpus/copy.txt"), "{}", also_in(&c));

    // A copy gone, or a new one, changes the record's sources.
    std::fs::remove_file(c.file("copy.txt")).unwrap();
    assert_eq!(c.index(&[]), "added 0, updated 1, removed 0, unchanged 3");
    assert_eq!(also_in(&c), "");
    std::fs::copy(c.file(SEED_0), c.file("copy2.txt")).unwrap();
    assert_eq!(c.index(&[]), "added 0, updated 1, removed 0, unchanged 3");
    assert!(also_in(&c).ends_with("corpus/copy2.txt"), "{}", also_in(&c));
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");

    // One copy gone and another come in the same run: as many files, but not the same ones.
    std::fs::remove_file(c.file("copy2.txt")).unwrap();
    std::fs::copy(c.file(SEED_0), c.file("copy3.txt")).unwrap();
    assert_eq!(c.index(&[]), "added 0, updated 1, removed 0, unchanged 3");
    assert!(also_in(&c).ends_with("corpus/copy3.txt"), "{}", also_in(&c));
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");

    // With its first file gone, the record lives on under the copy, with the same id.
    let id_of = |c: &Corpus, name: &str| -> Vec<String> {
        let records = c.records();
        records
            .iter()
            .filter(|(_, s)| s.ends_with(name))
            .map(|(id, _)| id.clone())
            .collect()
    };
    let id = id_of(&c, SEED_0);
    std::fs::remove_file(c.file(SEED_0)).unwrap();
    assert_eq!(c.index(&[]), "added 0, updated 1, removed 0, unchanged 3");
    assert_eq!(id_of(&c, "copy3.txt"), id);
}

#[test]
fn a_file_under_two_given_paths_is_one_file_not_a_duplicate() {
    let c = Corpus::from_seeds();
    let out = c
        .diplo()
        .args(["index", "corpus", "corpus"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(!stderr.contains("same text"), "{stderr}");
    assert!(
        stderr.contains("added 4, updated 0, removed 0, unchanged 0"),
        "{stderr}"
    );
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");
    assert_eq!(c.index(&[]), "added 0, updated 0, removed 0, unchanged 4");
}

#[test]
fn a_touched_file_whose_text_changed_but_not_its_size_is_parsed_again() {
    let c = Corpus::from_seeds();
    c.index(&["corpus"]);
    let text = std::fs::read_to_string(c.file(SEED_0)).unwrap();
    // Same byte count, different words.
    std::fs::write(c.file(SEED_0), text.replace("Great Hall", "Grand Hall")).unwrap();
    set_mtime_later(&c.file(SEED_0));
    assert_eq!(c.index(&[]), "added 1, updated 0, removed 1, unchanged 3");
    c.diplo()
        .args(["search", "\"Grand Hall\"", "--files"])
        .assert()
        .success()
        .stdout(format!("corpus/{SEED_0}\n"));
}

#[test]
fn a_moved_file_keeps_its_record_under_the_new_path() {
    let c = Corpus::from_seeds();
    c.index(&["corpus"]);
    let before = c.records();
    std::fs::rename(c.file(SEED_0), c.file("moved.txt")).unwrap();
    assert_eq!(c.index(&[]), "added 0, updated 1, removed 0, unchanged 3");
    let after = c.records();
    let ids = |set: &BTreeSet<(String, String)>| -> BTreeSet<String> {
        set.iter().map(|(id, _)| id.clone()).collect()
    };
    assert_eq!(ids(&after), ids(&before));
    assert!(after.iter().any(|(_, s)| s == "corpus/moved.txt"));
}

#[test]
fn rebuild_starts_from_scratch() {
    let c = Corpus::from_seeds();
    c.index(&["corpus"]);
    let before = c.records();
    assert_eq!(
        c.index(&["--rebuild"]),
        "added 4, updated 0, removed 0, unchanged 0"
    );
    assert_eq!(c.records(), before);
}

#[test]
fn a_last_commit_whose_records_cannot_be_read_stops_the_refresh_and_commits_nothing() {
    let c = Corpus::from_seeds();
    c.index(&["corpus"]);
    let before = c.records();
    // A record with an id diplo never makes, committed straight into the index.
    let index = tantivy::Index::open_in_dir(c.root.join(".diplo/tantivy")).unwrap();
    diplo::index::analyzer::register(&index);
    let id = index.schema().get_field("id").unwrap();
    let payload = index.load_metas().unwrap().payload;
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    writer
        .add_document(tantivy::doc!(id => "not-an-id"))
        .unwrap();
    let mut prepared = writer.prepare_commit().unwrap();
    prepared.set_payload(&payload.unwrap());
    prepared.commit().unwrap();
    writer.wait_merging_threads().unwrap();
    let opstamp = index.load_metas().unwrap().opstamp;

    let out = c.diplo().arg("index").assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("\"not-an-id\"") && stderr.contains("diplo index --rebuild"),
        "{stderr}"
    );
    assert_eq!(
        index.load_metas().unwrap().opstamp,
        opstamp,
        "the failed run committed nothing"
    );
    c.index(&["--rebuild"]);
    assert_eq!(c.records(), before);
}

#[test]
fn files_lists_every_matching_source_like_rg_l() {
    let c = Corpus::from_seeds();
    // A duplicate of seed 1: one record, two files, both listed.
    std::fs::copy(c.file(SEED_1), c.file("copy.txt")).unwrap();
    c.index(&["corpus"]);
    let out = c
        .diplo()
        .args(["search", "\"Korean Peninsula\"", "--files"])
        .assert()
        .success();
    let listed: Vec<String> = String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(
        listed,
        [
            format!("corpus/{SEED_1}"),
            "corpus/003_e2447bf0e712ceff.txt".to_string(),
            "corpus/copy.txt".to_string(),
        ]
    );
    c.diplo()
        .args(["search", "zanzibarian", "--files"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn limit_zero_prints_every_hit() {
    let c = Corpus::from_seeds();
    c.index(&["corpus"]);
    let lines = |limit: &str| {
        let out = c
            .diplo()
            .args(["search", "Xi", "--limit", limit, "--json"])
            .assert()
            .success();
        String::from_utf8_lossy(&out.get_output().stdout)
            .lines()
            .count()
    };
    assert_eq!(lines("0"), 4);
    assert_eq!(lines("2"), 2);
}

#[test]
fn quiet_prints_nothing_when_all_is_well() {
    let c = Corpus::from_seeds();
    c.diplo()
        .args(["index", "--quiet", "corpus"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    // Piped (not a terminal): no progress bar, only the summary.
    let out = c.diplo().args(["index"]).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        !stderr.contains('\r') && !stderr.contains("ETA"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
}

#[test]
fn ignore_files_are_respected_when_asked() {
    let c = Corpus::from_seeds();
    std::fs::write(c.root.join("corpus/.ignore"), format!("{SEED_0}\n")).unwrap();
    assert!(c.index(&["corpus"]).starts_with("added 4,"));
    assert!(
        c.index(&["--rebuild", "--ignore-files", "corpus"])
            .starts_with("added 3,")
    );
}
