//! "What diplo guarantees": one test per promise in the README. Bad input never panics,
//! never silently disappears, and never costs the user the index they had.

mod common;
use common::{Workspace, json_lines};
use predicates::prelude::*;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GOOD: &str = "Xi Jinping Meets Rex Tillerson\n\nOn March 19, 2017, President Xi Jinping met with Secretary of State Rex Tillerson of the US.\n\nXi Jinping pointed out that relations matter.\n";

/// Runs `check --json` over one folder and returns source → (ok, problem codes, has record).
fn check_folder(ws: &Workspace, folder: &str) -> Vec<(String, bool, Vec<String>, bool)> {
    let out = ws
        .diplo()
        .args(["check", "--json", folder])
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "check crashed: {out:?}"
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    json_lines(&out.stdout)
        .into_iter()
        .map(|l| {
            let codes = l["problems"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["code"].as_str().unwrap().to_string())
                .collect();
            (
                l["source"].as_str().unwrap().to_string(),
                l["ok"].as_bool().unwrap(),
                codes,
                !l["record"].is_null(),
            )
        })
        .collect()
}

fn codes_of(results: &[(String, bool, Vec<String>, bool)], source: &str) -> Vec<String> {
    results
        .iter()
        .find(|r| r.0 == source)
        .unwrap_or_else(|| panic!("{source} missing from {results:?}"))
        .2
        .clone()
}

#[test]
fn bad_input_gets_a_per_file_reason_and_the_rest_still_loads() {
    let ws = Workspace::empty();
    ws.write("c/good.txt", GOOD);
    ws.write("c/empty.txt", "");
    ws.write("c/whitespace.txt", " \n\t\r\n  \n");
    ws.write(
        "c/chrome_only.txt",
        "Home > China News\n\nSuggest To A Friend:\nPrint\n",
    );
    ws.write("c/title_only.txt", "Xi Jinping Meets Rex Tillerson\n");
    ws.write(
        "c/impossible_date.txt",
        GOOD.replace("March 19, 2017", "February 30, 2018"),
    );
    ws.write(
        "c/year_0217.txt",
        GOOD.replace("March 19, 2017", "March 19, 0217"),
    );
    ws.write("c/pdf.txt", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n");
    ws.write("c/png.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    ws.write("c/nul.txt", format!("{}\0{}", &GOOD[..40], &GOOD[40..]));
    ws.write(
        "c/not_text.txt",
        (0..4000u32)
            .map(|i| [0x81u8, 0x8D, 0x8F, 0x90, 0x9D, 0x01][i as usize % 6])
            .collect::<Vec<u8>>(),
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in GOOD.replace("relations", "ties").encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    ws.write("c/utf16.txt", utf16);
    let r = check_folder(&ws, "c");
    assert_eq!(r.len(), 12, "every file is reported: {r:?}");
    assert!(r.iter().find(|x| x.0 == "c/good.txt").unwrap().1);
    assert!(
        r.iter().find(|x| x.0 == "c/utf16.txt").unwrap().1,
        "UTF-16 with a BOM loads"
    );
    assert_eq!(codes_of(&r, "c/empty.txt"), ["empty"]);
    assert_eq!(codes_of(&r, "c/whitespace.txt"), ["empty"]);
    assert_eq!(codes_of(&r, "c/pdf.txt"), ["binary"]);
    assert_eq!(codes_of(&r, "c/png.txt"), ["binary"]);
    assert_eq!(codes_of(&r, "c/nul.txt"), ["binary"]);
    assert_eq!(codes_of(&r, "c/not_text.txt"), ["not_text"]);
    assert!(codes_of(&r, "c/chrome_only.txt").contains(&"no_title".to_string()));
    assert!(codes_of(&r, "c/title_only.txt").contains(&"no_body".to_string()));
    assert!(codes_of(&r, "c/impossible_date.txt").contains(&"no_date".to_string()));
    assert!(codes_of(&r, "c/year_0217.txt").contains(&"no_date".to_string()));
    // index goes on past every bad file and counts them.
    ws.diplo()
        .args(["index", "c"])
        .assert()
        .success()
        .stderr(predicate::str::contains("c/pdf.txt: binary file (PDF)"))
        .stderr(predicate::str::contains("skipped"));
    ws.diplo()
        .args(["search", "relations", "--count"])
        .assert()
        .success()
        .stdout("3\n"); // good, impossible date, year 0217: incomplete records are searchable
}

#[test]
fn a_huge_file_is_refused_with_the_limit_not_read() {
    let ws = Workspace::empty();
    ws.write("c/good.txt", GOOD);
    let big = std::fs::File::create(ws.file("c/huge.txt")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap(); // sparse: costs no disk
    let r = check_folder(&ws, "c");
    assert_eq!(codes_of(&r, "c/huge.txt"), ["too_large"]);
    ws.diplo()
        .args(["check", "c"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("MiB limit"));
}

#[test]
fn long_lines_and_many_tiny_paragraphs_load_in_bounded_time() {
    let ws = Workspace::empty();
    let line = format!("{}{}\n", GOOD, "word ".repeat(2_000_000));
    ws.write("c/long_line.txt", line);
    let mut tiny = String::from(GOOD);
    for i in 0..200_000 {
        tiny.push_str(&format!("P{i}.\n\n"));
    }
    ws.write("c/tiny_paragraphs.txt", tiny);
    let started = Instant::now();
    let r = check_folder(&ws, "c");
    assert_eq!(r.len(), 2);
    assert!(r.iter().all(|x| x.3), "both give a record: {r:?}");
    // Not a timing assertion of speed, a guard against a hang: quadratic work would take hours.
    assert!(started.elapsed() < Duration::from_secs(300));
}

#[test]
fn odd_file_names_stay_valid_json_sources() {
    let ws = Workspace::empty();
    for name in [
        "with space.txt",
        "quote\"d.txt",
        "new\nline.txt",
        "tab\tand'apostrophe.txt",
    ] {
        ws.write(&format!("c/{name}"), GOOD.replace("relations", name));
    }
    let r = check_folder(&ws, "c");
    let mut sources: Vec<String> = r.iter().map(|x| x.0.clone()).collect();
    sources.sort();
    assert_eq!(
        sources,
        [
            "c/new\nline.txt",
            "c/quote\"d.txt",
            "c/tab\tand'apostrophe.txt",
            "c/with space.txt"
        ]
    );
}

#[test]
fn duplicate_files_are_one_record_and_reported() {
    let ws = Workspace::empty();
    ws.write("c/a.txt", GOOD);
    ws.write("c/b.txt", GOOD.replace('\n', "\r\n"));
    ws.diplo()
        .args(["index", "c"])
        .assert()
        .success()
        .stderr(predicate::str::contains("c/b.txt: same text as c/a.txt"))
        .stderr(predicate::str::contains("1 duplicates"));
    ws.diplo()
        .args(["search", "*", "--count"])
        .assert()
        .success()
        .stdout("1\n");
    ws.diplo()
        .args(["show", "c/a.txt", "--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains("same text also in: c/b.txt"));
}

#[test]
fn a_refresh_removes_deleted_files_and_updates_edited_ones() {
    let ws = Workspace::with_seeds().indexed();
    std::fs::remove_file(ws.file("seeds/000_fd7ad6a0d65a9c83.txt")).unwrap();
    let edited = std::fs::read_to_string(ws.file("seeds/001_8f02d77f9fe261ac.txt"))
        .unwrap()
        .replace("Syrian Issue", "Quetzal Issue");
    std::fs::write(ws.file("seeds/001_8f02d77f9fe261ac.txt"), edited).unwrap();
    ws.diplo()
        .arg("index")
        .assert()
        .success()
        .stderr(predicate::str::contains("removed"));
    ws.diplo()
        .args(["search", "*", "--count"])
        .assert()
        .success()
        .stdout("3\n");
    ws.diplo()
        .args(["search", "Quetzal", "--count"])
        .assert()
        .success()
        .stdout("1\n");
    ws.diplo()
        .args(["search", "Tillerson", "--count"])
        .assert()
        .code(1);
}

#[test]
fn an_index_from_another_schema_says_who_built_it_and_how_to_rebuild() {
    let ws = Workspace::with_seeds().indexed();
    fake_schema_version(&ws.file(".diplo/tantivy"), 999);
    ws.diplo()
        .args(["search", "Korean"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("diplo 9.9.9"))
        .stderr(predicate::str::contains("--rebuild"));
    ws.diplo()
        .args(["index", "seeds"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--rebuild"));
    ws.diplo()
        .args(["index", "seeds", "--rebuild"])
        .assert()
        .success();
    ws.diplo()
        .args(["search", "Korean Peninsula", "--count"])
        .assert()
        .success()
        .stdout("2\n");
}

#[test]
fn hostile_queries_get_a_clear_error_or_a_bounded_answer() {
    let ws = Workspace::with_seeds().indexed();
    let huge = "korean ".repeat(15_000);
    ws.diplo()
        .args(["search", &huge])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("over the limit"));
    let nested = format!("{}korean{}", "(".repeat(5_000), ")".repeat(5_000));
    ws.diplo()
        .args(["search", &nested])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nests parentheses"));
    ws.diplo()
        .args(["search", "korean", "--limit", "10000000", "--json"])
        .assert()
        .success();
    ws.diplo()
        .args(["search", "korean", "--limit", "0", "--json"])
        .assert()
        .success();
    ws.diplo()
        .args(["search", "*", "--from", "2019", "--to", "2018"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("after"));
    ws.diplo()
        .args(["search", "*", "--type", "summit"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("phone_call"));
}

/// A corpus big enough that indexing it takes a while.
fn large_corpus(ws: &Workspace, count: u64) {
    diplo::generate::write_corpus(&ws.file("big"), count, 7).unwrap();
}

#[test]
fn a_killed_index_run_leaves_the_previous_index_answering_as_before() {
    let ws = Workspace::with_seeds().indexed();
    large_corpus(&ws, 4000);
    let before = ws
        .diplo()
        .args(["search", "*", "--json", "--limit", "0"])
        .output()
        .unwrap()
        .stdout;
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("diplo"))
        .current_dir(ws.path())
        .args(["index", "seeds", "big", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let after = ws
        .diplo()
        .args(["search", "*", "--json", "--limit", "0"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(json_lines(&before).len(), 4);
    assert_eq!(
        before, after,
        "the index answers exactly as before the killed run"
    );
    ws.diplo()
        .args(["index", "seeds", "big", "--quiet"])
        .assert()
        .success();
    let n: usize = String::from_utf8(
        ws.diplo()
            .args(["search", "*", "--count"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .parse()
    .unwrap();
    assert_eq!(n, 4004, "the next run completes");
}

#[test]
fn a_second_index_run_fails_at_once_or_waits_while_readers_keep_working() {
    let ws = Workspace::with_seeds().indexed();
    large_corpus(&ws, 4000);
    let mut first = Command::new(assert_cmd::cargo::cargo_bin("diplo"))
        .current_dir(ws.path())
        .args(["index", "seeds", "big", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let second = ws.diplo().args(["index", "seeds", "big"]).output().unwrap();
    let readers_ok = ws
        .diplo()
        .args(["search", "Korean Peninsula", "--count"])
        .output()
        .unwrap();
    let check_ok = ws.diplo().args(["check", "seeds"]).output().unwrap();
    let still_running = first.try_wait().unwrap().is_none();
    // --wait waits for the running index instead of failing, then completes.
    let waited = ws
        .diplo()
        .args(["index", "seeds", "big", "--wait", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(waited.status.code(), Some(0), "{waited:?}");
    first.wait().unwrap();
    if still_running {
        assert_eq!(second.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&second.stderr).contains("another diplo index is running on"),
            "{second:?}"
        );
    }
    assert_eq!(
        String::from_utf8_lossy(&readers_ok.stdout),
        "2\n",
        "search works during an index run"
    );
    assert_eq!(
        check_ok.status.code(),
        Some(0),
        "check works during an index run"
    );
}

#[test]
fn a_read_only_index_folder_is_a_clear_error_and_the_old_index_still_answers() {
    // Root ignores permission bits; a file where the index folder should be blocks writing for everyone.
    let ws = Workspace::with_seeds().indexed();
    let blocked = ws.write("blocked", "not a folder");
    ws.diplo()
        .args(["index", "seeds", "--index"])
        .arg(&blocked)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("blocked"));
    ws.diplo()
        .args(["search", "Korean Peninsula", "--count"])
        .assert()
        .success()
        .stdout("2\n");
}

#[test]
fn loader_never_panics_on_mutated_seeds() {
    let ws = Workspace::with_seeds();
    let seed = std::fs::read(ws.file("seeds/001_8f02d77f9fe261ac.txt")).unwrap();
    let mut f = std::fs::File::create(ws.file("mutated_check_input.txt")).unwrap();
    f.write_all(&seed[..seed.len() / 3]).unwrap();
    f.write_all(&[0xC3, 0x28, 0xE2, 0x82]).unwrap();
    f.write_all(&seed[seed.len() / 3..]).unwrap();
    drop(f);
    let code = ws
        .diplo()
        .args(["check", "mutated_check_input.txt"])
        .output()
        .unwrap()
        .status
        .code();
    assert!(code == Some(0) || code == Some(1));
}

#[cfg(unix)]
#[test]
fn symbolic_links_dangling_or_looping_are_reported_not_dropped() {
    let ws = Workspace::empty();
    ws.write("c/good.txt", GOOD);
    std::os::unix::fs::symlink(ws.file("c/nowhere.txt"), ws.file("c/dangling.txt")).unwrap();
    std::os::unix::fs::symlink(ws.file("c"), ws.file("c/loop")).unwrap();
    ws.diplo()
        .args(["check", "c"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "c/dangling.txt: symbolic link not followed",
        ))
        .stdout(predicate::str::contains(
            "c/loop: symbolic link not followed",
        ));
    let out = ws
        .diplo()
        .args(["index", "c", "--follow"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("c/dangling.txt"), "{stderr}");
    assert!(stderr.contains("c/loop"), "{stderr}");
    ws.diplo()
        .args(["search", "relations", "--count"])
        .assert()
        .success()
        .stdout("1\n");
}

#[test]
fn search_says_when_a_hit_s_source_file_is_gone() {
    let ws = Workspace::with_seeds().indexed();
    std::fs::remove_file(ws.file("seeds/003_e2447bf0e712ceff.txt")).unwrap();
    // Top hits, and every match listed from the listing column: both check each source.
    for (args, count) in [
        (&["search", "Korean Peninsula", "--json"][..], 2),
        (&["search", "*", "--json", "--limit", "0"][..], 4),
    ] {
        let out = ws.diplo().args(args).output().unwrap();
        let hits = json_lines(&out.stdout);
        assert_eq!(hits.len(), count, "{args:?}");
        for hit in &hits {
            let gone = hit["source"] == "seeds/003_e2447bf0e712ceff.txt";
            assert_eq!(hit["source_missing"], gone, "{hit}");
        }
    }
    ws.diplo()
        .args(["search", "Korean Peninsula", "--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains("source file gone since indexing"));
    // From another folder, through the index's remembered roots.
    std::fs::create_dir(ws.file("sub")).unwrap();
    let out = common::diplo(&ws.file("sub"))
        .args(["search", "Syrian", "--json"])
        .output()
        .unwrap();
    assert_eq!(json_lines(&out.stdout)[0]["source_missing"], false);
}

/// `search '*' --json --limit 0`: every record, as JSON Lines.
fn every_hit_json(ws: &Workspace) -> Vec<u8> {
    ws.diplo()
        .args(["search", "*", "--json", "--limit", "0"])
        .output()
        .unwrap()
        .stdout
}

/// Asserts that `search QUERY --count` finds `n` records.
fn assert_count(ws: &Workspace, query: &str, n: usize) {
    ws.diplo()
        .args(["search", query, "--count"])
        .assert()
        .success()
        .stdout(format!("{n}\n"));
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_stay_distinct_and_exact() {
    use base64::Engine;
    use std::os::unix::ffi::OsStrExt;
    let ws = Workspace::empty();
    std::fs::create_dir(ws.file("c")).unwrap();
    let name = |b: &[u8]| ws.file("c").join(std::ffi::OsStr::from_bytes(b));
    std::fs::write(name(b"a\xff.txt"), GOOD.replace("relations", "alpha")).unwrap();
    std::fs::write(name(b"a\xfe.txt"), GOOD.replace("relations", "beta")).unwrap();
    let decoded = |v: &serde_json::Value| {
        base64::engine::general_purpose::STANDARD
            .decode(v["source_bytes"].as_str().unwrap_or_else(|| panic!("{v}")))
            .unwrap()
    };
    let lossy = "c/a\u{FFFD}.txt";
    ws.diplo().args(["index", "c"]).assert().success();
    let all_hits = || json_lines(&every_hit_json(&ws));
    let hits = all_hits();
    assert_eq!(hits.len(), 2, "{hits:?}");
    let mut names: Vec<Vec<u8>> = hits.iter().map(decoded).collect();
    names.sort();
    assert_eq!(names, [b"c/a\xfe.txt".to_vec(), b"c/a\xff.txt".to_vec()]);
    for hit in &hits {
        assert_eq!(hit["source"], lossy, "source stays a string, shown lossily");
        assert_eq!(hit["source_missing"], false, "{hit}");
        let id = hit["id"].as_str().unwrap();
        let out = ws.diplo().args(["show", id, "--json"]).output().unwrap();
        assert_eq!(decoded(&json_lines(&out.stdout)[0]), decoded(hit));
    }
    // Every JSON printer carries the bytes; UTF-8 names never get the field.
    ws.write("c/plain.txt", GOOD);
    let out = ws.diplo().args(["check", "--json", "c"]).output().unwrap();
    for line in json_lines(&out.stdout) {
        if line["source"] == "c/plain.txt" {
            assert!(line.get("source_bytes").is_none(), "{line}");
            assert!(line["record"].get("source_bytes").is_none(), "{line}");
        } else {
            assert_eq!(decoded(&line), decoded(&line["record"]));
        }
    }
    std::fs::remove_file(ws.file("c/plain.txt")).unwrap();
    let out = ws
        .diplo()
        .args(["export", "--format", "jsonl"])
        .output()
        .unwrap();
    let mut exported: Vec<Vec<u8>> = json_lines(&out.stdout).iter().map(decoded).collect();
    exported.sort();
    assert_eq!(exported, names, "export jsonl has the exact names");
    ws.diplo()
        .args(["search", "alpha", "--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains(lossy));
    // A refresh tells the two apart: nothing changed, so nothing is re-read.
    ws.diplo()
        .arg("index")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "added 0, updated 0, removed 0, unchanged 2",
        ));
    // A corpus folder named so cannot be remembered: a clear error, and the index stays.
    std::fs::create_dir(name(b"d\xff")).unwrap();
    ws.diplo()
        .arg("index")
        .arg(name(b"d\xff"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not valid UTF-8: rename the folder",
        ));
    std::fs::remove_dir(name(b"d\xff")).unwrap();
    std::fs::remove_file(name(b"a\xff.txt")).unwrap();
    ws.diplo()
        .arg("index")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "added 0, updated 0, removed 1, unchanged 1",
        ));
    let hits = all_hits();
    assert_eq!(hits.len(), 1);
    assert_eq!(decoded(&hits[0]), b"c/a\xfe.txt");
    assert_count(&ws, "beta", 1);
}

#[test]
// The test hook it uses exists only in debug builds (`cargo test` without `--release`).
#[cfg_attr(not(debug_assertions), ignore = "needs a debug build's test hook")]
fn a_file_that_vanishes_between_the_walk_and_the_read_is_reported_and_skipped() {
    let ws = Workspace::with_seeds();
    let gone = ws.file("seeds/002_45b956f5592036d3.txt");
    assert!(gone.is_file());
    // Test-only hook of debug builds: removes the file once the walk has listed it.
    let out = ws
        .diplo()
        .args(["index", "seeds"])
        .env("DIPLO_TEST_REMOVE_AFTER_WALK", &gone)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!gone.exists(), "the hook removed the file");
    assert!(
        stderr.contains("seeds/002_45b956f5592036d3.txt: cannot read: "),
        "{stderr}"
    );
    assert!(
        stderr.contains("indexed 3 records from 4 files: 0 with problems, 1 skipped"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_count(&ws, "*", 3);
}

/// `(id, source)` of every record, from `search '*' --json`, sorted.
fn ids_and_sources(ws: &Workspace, env: &[(&str, &str)]) -> Vec<(String, String)> {
    let out = ws
        .diplo()
        .args(["search", "*", "--json", "--limit", "0"])
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let mut records: Vec<(String, String)> = json_lines(&out.stdout)
        .iter()
        .map(|h| {
            (
                h["id"].as_str().unwrap().to_string(),
                h["source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    records.sort();
    records
}

#[test]
// The test hook it uses exists only in debug builds (`cargo test` without `--release`).
#[cfg_attr(not(debug_assertions), ignore = "needs a debug build's test hook")]
fn different_texts_whose_ids_collide_are_both_indexed_with_distinct_ids() {
    // Test-only hook of debug builds: ids of 1 hex digit, so 40 texts must collide.
    let short_ids = [("DIPLO_TEST_ID_LEN", "1")];
    let ws = Workspace::empty();
    let text = |i: usize| GOOD.replace("relations", &format!("relations number {i}"));
    for i in 0..40 {
        ws.write(&format!("c/m{i:02}.txt"), text(i));
    }
    let out = ws
        .diplo()
        .args(["index", "c"])
        .envs(short_ids)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("indexed 40 records from 40 files"),
        "{stderr}"
    );
    assert!(!stderr.contains("same text as"), "{stderr}");
    let check = |records: &[(String, String)], files: usize, stderr: &str| {
        assert_eq!(records.len(), files, "every text is a record: {stderr}");
        let mut ids: Vec<&str> = records.iter().map(|r| r.0.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), files, "distinct ids: {records:?}");
        for (id, source) in records {
            match id.len() {
                1 => {}
                5 => assert!(
                    stderr.contains(&format!("{source}: id {} is already used by ", &id[..1]))
                        && stderr.contains(&format!("for other text; this record gets id {id}")),
                    "{source} ({id}) was lengthened without saying so: {stderr}"
                ),
                n => panic!("id {id} of {source} has {n} digits"),
            }
        }
    };
    let records = ids_and_sources(&ws, &short_ids);
    check(&records, 40, &stderr);
    let lengthened = records.iter().filter(|r| r.0.len() == 5).count();
    assert!(lengthened >= 24, "40 texts share 16 ids: {records:?}");
    // A refresh leaves them as they are.
    ws.diplo()
        .arg("index")
        .envs(short_ids)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "added 0, updated 0, removed 0, unchanged 40",
        ));
    assert_eq!(ids_and_sources(&ws, &short_ids), records);
    // New texts colliding with records left unchanged, before and after them in path order.
    for i in 40..50 {
        let name = if i % 2 == 0 { "a" } else { "z" };
        ws.write(&format!("c/{name}{i:02}.txt"), text(i));
    }
    let out = ws.diplo().arg("index").envs(short_ids).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("added 10, updated 0, removed 0, unchanged 40"),
        "{stderr}"
    );
    let after = ids_and_sources(&ws, &short_ids);
    let mut all_ids: Vec<&str> = after.iter().map(|r| r.0.as_str()).collect();
    all_ids.sort();
    all_ids.dedup();
    assert_eq!(all_ids.len(), 50, "distinct ids: {after:?}");
    for old in &records {
        assert!(after.contains(old), "{old:?} kept its id: {after:?}");
    }
    let new: Vec<(String, String)> = after.into_iter().filter(|r| !records.contains(r)).collect();
    check(&new, 10, &stderr);
}

/// `diplo index seeds big`, with every file it writes limited to `max_file_bytes`: past the
/// limit a write fails with EFBIG, as on a full disk (SIGXFSZ is ignored, so no signal kills it).
#[cfg(unix)]
fn index_with_file_size_limit(ws: &Workspace, max_file_bytes: u64) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("diplo"));
    cmd.current_dir(ws.path())
        .args(["index", "seeds", "big"])
        .env_remove("DIPLO_INDEX");
    // SAFETY: between fork and exec only async-signal-safe calls (signal, setrlimit) are made.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: max_file_bytes as libc::rlim_t,
                rlim_max: max_file_bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_previous_index_answering_as_before() {
    let ws = Workspace::with_seeds().indexed();
    large_corpus(&ws, 300);
    let all = || every_hit_json(&ws);
    let before = all();
    assert_eq!(json_lines(&before).len(), 4);
    // Whether a write fails while documents are added or when a segment is written at the
    // commit depends on the build's speed and the store's compression; either way the error
    // must be the same clear one. (At 128 KiB only a background merge of the run's segments
    // fails, which tantivy leaves unmerged: that run succeeds.)
    for limit in [32 * 1024, 64 * 1024] {
        let out = index_with_file_size_limit(&ws, limit);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "limit {limit}: {stderr}");
        assert!(
            stderr.contains("cannot write the index in ")
                && stderr.contains(".diplo")
                && stderr.contains("(is the disk full or read-only?)"),
            "limit {limit}: {stderr}"
        );
        // The system's own reason, not tantivy's "an index writer was killed".
        assert!(stderr.contains("File too large"), "limit {limit}: {stderr}");
        assert!(
            !stderr.contains("writer was killed"),
            "limit {limit}: {stderr}"
        );
        assert!(!stderr.contains("panicked at"), "limit {limit}: {stderr}");
        assert_eq!(all(), before, "limit {limit}: the index answers as before");
    }
    ws.diplo()
        .args(["index", "seeds", "big", "--quiet"])
        .assert()
        .success();
    assert_count(&ws, "*", 304);
}

/// Sets the schema version in the commit payload of the tantivy folder `folder`, as another
/// diplo would have written it.
fn fake_schema_version(folder: &std::path::Path, version: u32) {
    let meta_path = folder.join("meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&meta).unwrap();
    let mut payload: serde_json::Value =
        serde_json::from_str(json["payload"].as_str().unwrap()).unwrap();
    payload["schema_version"] = serde_json::json!(version);
    payload["diplo_version"] = serde_json::json!("9.9.9");
    json["payload"] = serde_json::Value::String(payload.to_string());
    std::fs::write(&meta_path, json.to_string()).unwrap();
}

#[test]
fn a_rebuild_killed_between_its_two_renames_leaves_an_index_that_answers() {
    let leftovers = |ws: &Workspace| {
        ["tantivy.old", "tantivy.new"]
            .into_iter()
            .filter(|f| ws.file(".diplo").join(f).exists())
            .collect::<Vec<_>>()
    };
    // Killed after `tantivy` → `tantivy.old`, with no finished `tantivy.new`: roll back.
    // (Its `tantivy.new` is of another schema, as a rebuild from an older diplo would be.)
    for new_state in ["absent", "other schema"] {
        let ws = Workspace::with_seeds().indexed();
        let before = every_hit_json(&ws);
        assert_eq!(json_lines(&before).len(), 4);
        if new_state == "other schema" {
            ws.diplo()
                .args(["index", "seeds", "--index", "other"])
                .assert()
                .success();
            fake_schema_version(&ws.file("other/tantivy"), 999);
            std::fs::rename(ws.file("other/tantivy"), ws.file(".diplo/tantivy.new")).unwrap();
        }
        std::fs::rename(ws.file(".diplo/tantivy"), ws.file(".diplo/tantivy.old")).unwrap();
        assert_eq!(
            every_hit_json(&ws),
            before,
            "{new_state}: search answers as before"
        );
        ws.diplo()
            .args(["show", "c6db", "--json"])
            .assert()
            .success();
        ws.diplo()
            .arg("index")
            .assert()
            .success()
            .stderr(predicate::str::contains("unchanged 4"));
        assert!(ws.file(".diplo/tantivy/meta.json").is_file());
        assert_eq!(leftovers(&ws), Vec::<&str>::new(), "{new_state}");
        // The same records (equal scores for `*`: their order follows the segments).
        let sorted = |json: Vec<u8>| {
            let mut lines: Vec<String> = json_lines(&json).iter().map(|l| l.to_string()).collect();
            lines.sort();
            lines
        };
        assert_eq!(sorted(every_hit_json(&ws)), sorted(before), "{new_state}");
    }
    // Killed with the new index committed but not yet moved in: finish the swap.
    let ws = Workspace::with_seeds().indexed();
    std::fs::create_dir(ws.file("two")).unwrap();
    for seed in [
        "seeds/001_8f02d77f9fe261ac.txt",
        "seeds/003_e2447bf0e712ceff.txt",
    ] {
        std::fs::copy(ws.file(seed), ws.file("two").join(&seed[6..])).unwrap();
    }
    ws.diplo()
        .args(["index", "two", "--index", "other"])
        .assert()
        .success();
    std::fs::rename(ws.file("other/tantivy"), ws.file(".diplo/tantivy.new")).unwrap();
    std::fs::rename(ws.file(".diplo/tantivy"), ws.file(".diplo/tantivy.old")).unwrap();
    assert_count(&ws, "*", 2);
    ws.diplo()
        .arg("index")
        .assert()
        .success()
        .stderr(predicate::str::contains("unchanged 2"));
    assert_eq!(leftovers(&ws), Vec::<&str>::new());
    assert_count(&ws, "*", 2);
}

#[test]
fn a_rebuild_with_no_paths_keeps_the_corpus_an_index_of_another_schema_remembers() {
    let ws = Workspace::with_seeds().indexed();
    fake_schema_version(&ws.file(".diplo/tantivy"), 999);
    // From another folder: the remembered roots, not the current folder, define the corpus.
    std::fs::create_dir(ws.file("sub")).unwrap();
    common::diplo(&ws.file("sub"))
        .args(["index", "--rebuild"])
        .assert()
        .success()
        .stderr(predicate::str::contains("added 4"));
    ws.diplo()
        .args(["search", "Korean Peninsula", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"source\":\"seeds/"));
    // A later plain refresh still knows the corpus.
    ws.diplo()
        .arg("index")
        .assert()
        .success()
        .stderr(predicate::str::contains("unchanged 4"));
    // Roots it cannot read: a clear error that says to give the paths, and the index stays.
    let meta_path = ws.file(".diplo/tantivy/meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["payload"] = serde_json::json!(r#"{"schema_version":999,"corpus":"elsewhere"}"#);
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    ws.diplo()
        .args(["index", "--rebuild"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "give the readouts' folder, e.g. `diplo index --rebuild seeds`",
        ))
        .stderr(predicate::str::contains(".diplo"));
    ws.diplo()
        .args(["index", "--rebuild", "seeds"])
        .assert()
        .success();
    assert_count(&ws, "*", 4);
}
