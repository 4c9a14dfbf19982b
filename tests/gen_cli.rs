//! `diplo-gen` through the built binary, and `diplo check --json` on what it writes: the user's
//! way to see what the loader extracted, compared with the generator's truth.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashMap;

fn generate(dir: &std::path::Path, count: u32, seed: u32) {
    Command::cargo_bin("diplo-gen")
        .expect("diplo-gen is built")
        .args([
            "--count",
            &count.to_string(),
            "--seed",
            &seed.to_string(),
            "--out",
        ])
        .arg(dir)
        .assert()
        .success();
}

fn truth(dir: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("truth.jsonl"))
        .expect("truth.jsonl written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("truth line is JSON"))
        .collect()
}

#[test]
fn the_same_seed_writes_the_same_corpus() {
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    generate(a.path(), 40, 9);
    generate(b.path(), 40, 9);
    let ta = truth(a.path());
    assert_eq!(ta.len(), 40);
    assert_eq!(ta, truth(b.path()));
    for t in &ta {
        let source = t["source"].as_str().expect("source");
        let fa = std::fs::read(a.path().join(source)).expect("file written");
        let fb = std::fs::read(b.path().join(source)).expect("file written");
        assert_eq!(fa, fb, "{source} differs between two runs");
    }
}

#[test]
fn a_bad_output_folder_is_an_error_that_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    Command::cargo_bin("diplo-gen")
        .expect("built")
        .args(["--count", "3", "--out"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not-a-folder"));
}

#[test]
fn check_json_shows_the_generated_truth() {
    let dir = tempfile::tempdir().expect("temp dir");
    generate(dir.path(), 60, 4);
    let truths: HashMap<String, Value> = truth(dir.path())
        .into_iter()
        .map(|t| (t["source"].as_str().expect("source").to_string(), t))
        .collect();
    std::fs::remove_file(dir.path().join("truth.jsonl")).expect("remove");
    let out = Command::cargo_bin("diplo")
        .expect("built")
        .current_dir(dir.path())
        .args(["check", ".", "--json"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let mut seen = 0;
    for line in stdout.lines() {
        let report: Value = serde_json::from_str(line).expect("check --json line");
        let source = report["source"].as_str().expect("source");
        let key = source.trim_start_matches("./");
        let t = &truths[key];
        let r = &report["record"];
        assert_eq!(r["date"], t["date"], "{source}");
        assert_eq!(r["date_precision"], t["date_precision"], "{source}");
        assert!(r["date_source"].is_string(), "{source}");
        assert_eq!(r["event_type"], t["event_type"], "{source}");
        assert_eq!(r["requested_by"], t["requested_by"], "{source}");
        assert_eq!(r["events"].as_array().map(Vec::len), Some(1), "{source}");
        seen += 1;
    }
    assert_eq!(seen, 60);
}

#[test]
fn check_reports_a_transcript_rather_than_inventing_an_event() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/whitehouse/05-remarks-not-readout.txt"
    );
    let out = Command::cargo_bin("diplo")
        .expect("built")
        .args(["check", fixture, "--json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(report["ok"], false);
    let codes: Vec<&str> = report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["code"].as_str())
        .collect();
    assert!(codes.contains(&"not_a_readout"), "{codes:?}");
    assert_eq!(report["record"]["events"], serde_json::json!([]));
    assert_eq!(report["record"]["event_type"], "other");
}

/// Deleted records still count in a term's document frequency until their segment is merged,
/// and a segment of a few thousand records is not merged again: after a refresh, a word of
/// every record was in more records than were live, and `similar` (MoreLikeThis) panicked.
#[test]
fn similar_works_after_a_refresh_leaves_deleted_records_in_a_large_segment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    generate(&corpus, 2_600, 3);
    let diplo = || {
        let mut cmd = Command::cargo_bin("diplo").expect("diplo is built");
        cmd.current_dir(dir.path()).env_remove("DIPLO_INDEX");
        cmd
    };
    diplo()
        .args(["index", "corpus", "--quiet"])
        .assert()
        .success();
    let changed = first_txt(&corpus).expect("a readout");
    let mut text = std::fs::read_to_string(&changed).expect("readout");
    text.push_str("\nThe two sides agreed to stay in touch.\n");
    std::fs::write(&changed, text).expect("rewrite");
    diplo().args(["index", "--quiet"]).assert().success();
    let first = diplo()
        .args(["search", "*", "-n", "1", "--json"])
        .output()
        .expect("search");
    let hit: Value = serde_json::from_slice(&first.stdout).expect("a hit");
    let id = hit["id"].as_str().expect("an id");
    diplo().args(["similar", id]).assert().success();
}

/// The first `.txt` under `dir`, in name order.
fn first_txt(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    entries.into_iter().find_map(|p| {
        if p.is_dir() {
            first_txt(&p)
        } else {
            p.extension().is_some_and(|x| x == "txt").then_some(p)
        }
    })
}
