//! The 0.1 command line through the built binary: index, search, show, check, exit codes and
//! bad input.

mod common;
use common::{Workspace, json_lines};
use predicates::prelude::*;

const SEED_001: &str = "seeds/001_8f02d77f9fe261ac.txt";
const SEED_003: &str = "seeds/003_e2447bf0e712ceff.txt";

fn search_json(ws: &Workspace, args: &[&str]) -> Vec<serde_json::Value> {
    let out = ws
        .diplo()
        .arg("search")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{out:?}"
    );
    json_lines(&out.stdout)
}

fn sources(hits: &[serde_json::Value]) -> Vec<String> {
    let mut s: Vec<String> = hits
        .iter()
        .map(|h| h["source"].as_str().unwrap().to_string())
        .collect();
    s.sort();
    s
}

/// Every field of a search hit, as the README's JSON contract lists them.
const HIT_FIELDS: [&str; 15] = [
    "schema_version",
    "id",
    "score",
    "date",
    "event_type",
    "title",
    "participants",
    "requested_by",
    "source",
    "snippet",
    "highlights",
    "paragraph",
    "source_missing",
    "contact",
    "contact_records",
];

#[test]
fn index_reports_what_it_did() {
    let ws = Workspace::with_seeds();
    ws.diplo()
        .args(["index", "seeds"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "indexed 4 records from 4 files: 0 with problems, 0 skipped",
        ));
    assert!(ws.file(".diplo").is_dir(), "index creates ./.diplo");
}

#[test]
fn search_finds_the_two_korean_peninsula_readouts() {
    let ws = Workspace::with_seeds().indexed();
    let hits = search_json(&ws, &["Korean Peninsula"]);
    assert_eq!(sources(&hits), [SEED_001, SEED_003]);
    for hit in &hits {
        for key in HIT_FIELDS {
            assert!(hit.get(key).is_some(), "{key} missing in {hit}");
        }
        let snippet = hit["snippet"].as_str().unwrap();
        let highlights = hit["highlights"].as_array().unwrap();
        assert!(!highlights.is_empty());
        for h in highlights {
            let (s, e) = (
                h["start"].as_u64().unwrap() as usize,
                h["end"].as_u64().unwrap() as usize,
            );
            let word = snippet[s..e].to_lowercase();
            assert!(word == "korean" || word == "peninsula", "{word}");
        }
        assert_eq!(
            hit["participants"],
            serde_json::json!(["Xi Jinping", "Donald Trump"])
        );
        assert!(hit["paragraph"].as_u64().is_some());
    }
}

#[test]
fn human_search_output_shows_date_type_title_id_and_snippet() {
    let ws = Workspace::with_seeds().indexed();
    ws.diplo()
        .args(["search", "Korean Peninsula", "--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2017-04-12  phone_call  Xi Jinping Holds Telephone Talks",
        ))
        .stdout(predicate::str::contains(SEED_003))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn color_always_marks_matches_and_never_touches_json() {
    let ws = Workspace::with_seeds().indexed();
    ws.diplo()
        .args(["search", "Syrian", "--color", "always"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b[1m\x1b[31mSyrian"));
    ws.diplo()
        .args(["search", "Syrian", "--color", "always", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn snippets_highlight_every_form_that_shares_the_query_s_stem() {
    // Snippets are tokenized by the index's analyzer (with its stem cache, shared by the hits
    // of one search): each hit highlights the word as written ("congratulated"), found by stem.
    let ws = Workspace::with_seeds().indexed();
    let hits = search_json(&ws, &["congratulate"]);
    assert_eq!(hits.len(), 2);
    for hit in &hits {
        let snippet = hit["snippet"].as_str().unwrap();
        let words: Vec<String> = hit["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let (s, e) = (h["start"].as_u64().unwrap(), h["end"].as_u64().unwrap());
                snippet[s as usize..e as usize].to_lowercase()
            })
            .collect();
        assert!(!words.is_empty(), "{hit}");
        for word in &words {
            assert!(word.starts_with("congratul"), "{word} in {snippet}");
        }
    }
}

#[test]
fn every_word_is_required_and_stemming_applies() {
    let ws = Workspace::with_seeds().indexed();
    assert_eq!(search_json(&ws, &["Syrian chemical"]).len(), 1);
    assert_eq!(search_json(&ws, &["Syrian Tillerson"]).len(), 0);
    assert_eq!(search_json(&ws, &["Syrian OR Tillerson"]).len(), 2);
    // "congratulated" and "congratulation" share a stem.
    assert_eq!(search_json(&ws, &["congratulate"]).len(), 2);
    assert_eq!(search_json(&ws, &["Korean -Syrian"]).len(), 1);
}

#[test]
fn filters_narrow_the_hits() {
    let ws = Workspace::with_seeds().indexed();
    assert_eq!(search_json(&ws, &["*", "--type", "meeting"]).len(), 1);
    assert_eq!(search_json(&ws, &["*", "--participant", "trump"]).len(), 3);
    assert_eq!(
        search_json(&ws, &["*", "--participant", "XI JINPING"]).len(),
        4
    );
    assert_eq!(
        search_json(
            &ws,
            &["*", "--participant", "Tillerson", "--participant", "Xi"]
        )
        .len(),
        1
    );
    assert_eq!(search_json(&ws, &["*", "--country", "USA"]).len(), 4);
    assert_eq!(
        search_json(&ws, &["*", "--country", "United States"]).len(),
        4
    );
    assert_eq!(search_json(&ws, &["*", "--from", "2018"]).len(), 1);
    assert_eq!(search_json(&ws, &["*", "--to", "2017-04"]).len(), 2);
    assert_eq!(
        search_json(&ws, &["*", "--from", "2017-04-12", "--to", "2017-10-25"]).len(),
        2
    );
    assert_eq!(search_json(&ws, &["*", "--limit", "1"]).len(), 1);
}

#[test]
fn sort_by_date_both_ways() {
    let ws = Workspace::with_seeds().indexed();
    let dates = |order: &str| -> Vec<String> {
        search_json(&ws, &["*", "--sort", order])
            .iter()
            .map(|h| h["date"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        dates("date"),
        ["2017-03-19", "2017-04-12", "2017-10-25", "2018-03-09"]
    );
    assert_eq!(
        dates("-date"),
        ["2018-03-09", "2017-10-25", "2017-04-12", "2017-03-19"]
    );
}

#[test]
fn count_prints_the_number_of_matches() {
    let ws = Workspace::with_seeds().indexed();
    ws.diplo()
        .args(["search", "Korean Peninsula", "--count"])
        .assert()
        .success()
        .stdout("2\n");
    ws.diplo()
        .args(["search", "Kazakhstan", "--count"])
        .assert()
        .code(1)
        .stdout("0\n");
}

#[test]
fn no_hits_exits_1_with_empty_json() {
    let ws = Workspace::with_seeds().indexed();
    ws.diplo()
        .args(["search", "Kazakhstan", "--json"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn plain_text_with_apostrophes_and_dots_is_searched_not_refused() {
    let ws = Workspace::with_seeds().indexed();
    for q in [
        "China's position",
        "Trump's visit",
        "U.S.-China",
        "Mar-a-Lago!",
        "Xi's",
    ] {
        let code = ws
            .diplo()
            .args(["search", q])
            .output()
            .unwrap()
            .status
            .code();
        assert!(code == Some(0) || code == Some(1), "{q} gave {code:?}");
    }
    assert_eq!(search_json(&ws, &["Mar-a-Lago"]).len(), 1);
}

#[test]
fn malformed_query_is_one_line_error_quoting_it() {
    let ws = Workspace::with_seeds().indexed();
    ws.diplo()
        .args(["search", "title:("])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid query \"title:(\""))
        .stdout("");
    ws.diplo()
        .args(["search", "colour:red"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("colour"));
}

#[test]
fn missing_index_says_how_to_build_one() {
    let ws = Workspace::with_seeds();
    ws.diplo()
        .args(["search", "Korean"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("diplo index"));
    ws.diplo()
        .args(["search", "Korean", "--index", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nowhere"));
}

#[test]
fn index_is_found_from_a_subfolder_and_through_the_environment() {
    let ws = Workspace::with_seeds().indexed();
    std::fs::create_dir(ws.file("sub")).unwrap();
    common::diplo(&ws.file("sub"))
        .args(["search", "Syrian", "--count"])
        .assert()
        .success()
        .stdout("1\n");
    let elsewhere = Workspace::empty();
    elsewhere
        .diplo()
        .env("DIPLO_INDEX", ws.file(".diplo"))
        .args(["search", "Syrian", "--count"])
        .assert()
        .success()
        .stdout("1\n");
}

#[test]
fn reindexing_replaces_rather_than_duplicates() {
    let ws = Workspace::with_seeds().indexed();
    ws.diplo().args(["index", "seeds"]).assert().success();
    ws.diplo().arg("index").assert().success();
    ws.diplo()
        .args(["search", "*", "--count"])
        .assert()
        .success()
        .stdout("4\n");
}

#[test]
fn show_by_id_prefix_and_path() {
    let ws = Workspace::with_seeds().indexed();
    let hit = &search_json(&ws, &["Syrian"])[0];
    let id = hit["id"].as_str().unwrap();
    for key in [id, &id[..6], SEED_001, &format!("./{SEED_001}")] {
        let out = ws
            .diplo()
            .args(["show", "--json", key])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(json_lines(&out)[0]["id"], id, "{key}");
    }
    ws.diplo()
        .args(["show", id, "--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Donald Trump  President  USA      principal",
        ))
        .stdout(predicate::str::contains("[6] [Xi Jinping]"))
        .stdout(predicate::str::contains(
            "date:         2017-04-12 (day precision, from the lead)",
        ));
}

#[test]
fn show_lists_every_event_of_a_round_up() {
    let ws = Workspace::empty();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/whitehouse/06-round-up.txt");
    ws.write("corpus/round-up.txt", std::fs::read(fixture).unwrap());
    ws.diplo()
        .args(["index", "corpus", "-q"])
        .assert()
        .success();
    ws.diplo()
        .args(["show", "corpus/round-up.txt", "--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1. 2017-01-28 phone_call with Donald Trump, Angela Merkel",
        ))
        .stdout(predicate::str::contains(
            "2. 2017-01-28 phone_call with Donald Trump, Vladimir Putin",
        ));
}

#[test]
fn show_unknown_id_names_the_closest() {
    let ws = Workspace::with_seeds().indexed();
    ws.diplo()
        .args(["show", "ffffffffffff"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("closest ids:"));
}

#[test]
fn check_passes_on_seeds_and_fails_on_problems() {
    let ws = Workspace::with_seeds();
    ws.diplo()
        .args(["check", "seeds"])
        .assert()
        .success()
        .stdout("");
    ws.write("bad/empty.txt", "");
    ws.write("bad/binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0IHDR");
    ws.write("bad/nodate.txt", "Xi Jinping Meets Rex Tillerson\n\nPresident Xi Jinping met with Secretary of State Rex Tillerson of the US.\n");
    ws.diplo()
        .args(["check", "bad"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("bad/empty.txt: empty file"))
        .stdout(predicate::str::contains("bad/binary.txt: binary file"))
        .stdout(predicate::str::contains("bad/nodate.txt: no date found"));
    let out = ws
        .diplo()
        .args(["check", "bad", "--json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    let nodate = lines
        .iter()
        .find(|l| l["source"] == "bad/nodate.txt")
        .unwrap();
    assert_eq!(nodate["ok"], false);
    assert_eq!(
        nodate["record"]["event_type"], "meeting",
        "a file with problems still gives its record"
    );
    assert!(
        lines
            .iter()
            .find(|l| l["source"] == "bad/empty.txt")
            .unwrap()["record"]
            .is_null()
    );
}

#[test]
fn check_reports_duplicates_and_a_missing_path() {
    let ws = Workspace::with_seeds();
    std::fs::copy(ws.file(SEED_001), ws.file("seeds/zz_copy.txt")).unwrap();
    ws.diplo()
        .args(["check", "seeds"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "seeds/zz_copy.txt: same text as seeds/001_8f02d77f9fe261ac.txt",
        ));
    ws.diplo()
        .args(["check", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope: no such file"));
}

#[test]
fn crlf_bom_nbsp_and_windows_1252_load_with_the_same_id() {
    let ws = Workspace::with_seeds();
    let original = std::fs::read_to_string(ws.file(SEED_001)).unwrap();
    let crlf = format!("\u{feff}{}", original.replace('\n', "\r\n"));
    ws.write("variants/crlf_bom.txt", crlf);
    // Windows-1252: the non-breaking spaces of the breadcrumb become byte 0xA0.
    let cp1252: Vec<u8> = original
        .chars()
        .map(|c| if c == '\u{a0}' { 0xA0 } else { c as u8 })
        .collect();
    assert!(original.is_ascii() || original.chars().all(|c| (c as u32) < 256));
    ws.write("variants/cp1252.txt", cp1252);
    let out = ws
        .diplo()
        .args([
            "check",
            "--json",
            SEED_001,
            "variants/crlf_bom.txt",
            "variants/cp1252.txt",
        ])
        .output()
        .unwrap();
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    for l in &lines {
        assert_eq!(l["record"]["id"], lines[0]["record"]["id"]);
        assert_eq!(l["record"]["date"], "2017-04-12");
        assert_eq!(l["record"]["paragraphs"].as_array().unwrap().len(), 7);
    }
}

#[test]
fn index_lists_problems_and_still_indexes_incomplete_records() {
    let ws = Workspace::with_seeds();
    ws.write("seeds/nodate.txt", "Xi Jinping Meets Rex Tillerson\n\nPresident Xi Jinping met with Secretary of State Rex Tillerson of the US.\n");
    ws.write("seeds/empty.txt", "");
    ws.diplo()
        .args(["index", "seeds"])
        .assert()
        .success()
        .stderr(predicate::str::contains("seeds/nodate.txt: no date found"))
        .stderr(predicate::str::contains("seeds/empty.txt: empty file"))
        .stderr(predicate::str::contains(
            "indexed 5 records from 6 files: 1 with problems, 1 skipped",
        ));
    ws.diplo()
        .args(["search", "*", "--count"])
        .assert()
        .success()
        .stdout("5\n");
}

#[test]
fn strict_index_refuses_problems_and_leaves_the_index_unchanged() {
    let ws = Workspace::with_seeds().indexed();
    ws.write("seeds/nodate.txt", "Xi Jinping Meets Rex Tillerson\n\nPresident Xi Jinping met with Secretary of State Rex Tillerson of the US.\n");
    std::fs::remove_file(ws.file(SEED_003)).unwrap();
    ws.diplo()
        .args(["index", "seeds", "--strict"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--strict"))
        .stderr(predicate::str::contains("unchanged"));
    ws.diplo()
        .args(["search", "*", "--count"])
        .assert()
        .success()
        .stdout("4\n");
    ws.diplo().args(["show", SEED_003]).assert().success();
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let ws = Workspace::empty();
    for i in 0..400 {
        ws.write(
            &format!("corpus/{i:03}.txt"),
            format!("Readout {i}\n\nOn March {}, 2017, President Xi Jinping met with Secretary of State Rex Tillerson of the US. Item {i}.\n\nXi Jinping said the Korean Peninsula issue matters {i}.\n", i % 28 + 1),
        );
    }
    ws.diplo()
        .args(["index", "corpus", "--quiet"])
        .assert()
        .success();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("diplo"))
        .current_dir(ws.path())
        .args(["search", "Korean", "--limit", "0", "--color", "never"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn limit_zero_lists_every_match_from_the_listing_column_without_snippets() {
    let ws = Workspace::with_seeds().indexed();
    let hits = |args: &[&str]| {
        let out = ws.diplo().args(args).assert().success();
        json_lines(&out.get_output().stdout)
    };
    let shown = hits(&["search", "*", "--limit", "10", "--json", "--sort", "date"]);
    let listed = hits(&["search", "*", "--limit", "0", "--json", "--sort", "date"]);
    let with_snippets = hits(&[
        "search",
        "*",
        "--limit",
        "0",
        "--json",
        "--sort",
        "date",
        "--snippets",
    ]);
    assert_eq!(listed.len(), 4);
    assert_eq!(shown, with_snippets);
    for (full, list) in shown.iter().zip(&listed) {
        let snippet_fields = ["snippet", "highlights", "paragraph"];
        for field in HIT_FIELDS.iter().filter(|f| !snippet_fields.contains(f)) {
            assert_eq!(full[field], list[field], "{field}");
        }
        assert_eq!(list["snippet"], "");
        assert_eq!(list["highlights"], serde_json::json!([]));
        assert_eq!(list["paragraph"], serde_json::Value::Null);
        assert!(!full["snippet"].as_str().unwrap_or("").is_empty());
    }
}

#[test]
fn a_record_of_several_files_is_listed_with_its_primary_source() {
    // The walk reads `c/a/x.txt` first (folder `a` sorts before `a-x.txt`), while by bytes
    // `c/a-x.txt` comes first ('-' before '/'): the primary must not depend on either order.
    let ws = Workspace::with_seeds();
    let seed = std::fs::read_to_string(ws.file(SEED_003)).unwrap();
    ws.write("c/a/x.txt", &seed);
    ws.write("c/a-x.txt", &seed);
    ws.diplo().args(["index", "c"]).assert().success();
    let hits = |limit: &str| {
        let out = ws
            .diplo()
            .args(["search", "Trump", "--json", "--limit", limit])
            .assert()
            .success();
        json_lines(&out.get_output().stdout)
    };
    let (shown, listed) = (hits("10"), hits("0"));
    assert_eq!(shown.len(), 1);
    assert_eq!(listed.len(), 1);
    assert!(
        shown[0]["source"].as_str().unwrap().ends_with("c/a/x.txt"),
        "{}",
        shown[0]["source"]
    );
    assert_eq!(shown[0]["source"], listed[0]["source"]);
    assert_eq!(shown[0]["id"], listed[0]["id"]);
}

#[test]
fn publisher_filters_and_is_counted_by_stats() {
    let ws = Workspace::with_seeds();
    let seed = std::fs::read_to_string(ws.file("seeds/000_fd7ad6a0d65a9c83.txt")).unwrap();
    ws.write(
        "mirror/www.other.example/meeting.txt",
        seed.replace("March 19", "March 20"),
    );
    ws.diplo()
        .args(["index", "seeds", "mirror"])
        .assert()
        .success();
    let count = |args: &[&str]| -> String {
        let out = ws.diplo().args(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    assert_eq!(
        count(&["search", "*", "-c", "--publisher", "www.other.example"]),
        "1"
    );
    assert_eq!(count(&["search", "*", "-c", "--publisher", "seeds"]), "4");
    assert_eq!(
        count(&[
            "search",
            "*",
            "-c",
            "--publisher",
            "seeds",
            "--publisher",
            "www.other.example"
        ]),
        "5"
    );
    assert_eq!(count(&["search", "publisher:seeds", "-c"]), "4");
    ws.diplo()
        .args(["search", "*", "--publisher", "nobody"])
        .assert()
        .code(1);
    let stats = ws
        .diplo()
        .args(["stats", "--json", "--documents"])
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(
        stats["by_publisher"],
        serde_json::json!([{"key": "seeds", "count": 4}, {"key": "www.other.example", "count": 1}])
    );
}
