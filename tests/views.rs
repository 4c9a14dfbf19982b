//! Integration tests of the analyst views (issue 5): the built binary on an index of `seeds/`
//! in a temp dir; JSON output is parsed and its values asserted.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

const MEETING: &str = "3d28d3c18f35";
const CALL_2017_04: &str = "c6dbf3dd5c54";
const CALL_2017_10: &str = "c970842af7d6";
const CALL_2018_03: &str = "77278d192e31";

fn seeds_index() -> TempDir {
    let dir = TempDir::new().unwrap();
    diplo(dir.path())
        .args(["index", "seeds", "--quiet"])
        .assert()
        .success();
    dir
}

fn diplo(index: &Path) -> Command {
    let mut cmd = Command::cargo_bin("diplo").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DIPLO_INDEX")
        .env("NO_COLOR", "1")
        .arg("--index")
        .arg(index);
    cmd
}

fn stdout_of(cmd: &mut Command, code: i32) -> String {
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn speaker_search_returns_the_paragraphs_trump_speaks_in() {
    let idx = seeds_index();
    for name in ["trump", "President Trump", "Donald Trump", "mr. trump"] {
        let out = stdout_of(
            diplo(idx.path()).args(["search", "Korean Peninsula", "--speaker", name, "--json"]),
            0,
        );
        let hits = json_lines(&out);
        assert!(!hits.is_empty(), "{name}");
        for h in &hits {
            assert!(
                h["speakers"]
                    .as_array()
                    .unwrap()
                    .contains(&Value::from("Donald Trump"))
            );
            assert!(!h["highlights"].as_array().unwrap().is_empty());
            assert!(h["paragraph"].is_u64());
        }
        assert_eq!(hits[0]["id"], CALL_2018_03);
        assert_eq!(hits[0]["paragraph"], 1);
        let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    }
}

#[test]
fn speaker_search_sorts_by_date_when_asked() {
    let idx = seeds_index();
    let out = stdout_of(
        diplo(idx.path()).args([
            "search",
            "*",
            "--speaker",
            "Trump",
            "--sort",
            "date",
            "--json",
            "--limit",
            "0",
        ]),
        0,
    );
    let dates: Vec<String> = json_lines(&out)
        .iter()
        .map(|h| h["date"].as_str().unwrap().to_string())
        .collect();
    assert!(dates.len() >= 3);
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert_eq!(dates[0], "2017-04-12");
}

#[test]
fn speaker_search_with_no_such_paragraph_exits_1_with_empty_stdout() {
    let idx = seeds_index();
    let out = stdout_of(
        diplo(idx.path()).args([
            "search",
            "Korean Peninsula",
            "--speaker",
            "Tillerson",
            "--json",
        ]),
        1,
    );
    assert!(out.is_empty());
}

#[test]
fn countries_and_people_meet_through_aliases() {
    let idx = seeds_index();
    for country in ["United States", "US", "U.S.", "America", "usa"] {
        let out = stdout_of(
            diplo(idx.path()).args(["search", "*", "--country", country, "--count"]),
            0,
        );
        assert_eq!(out.trim(), "4", "{country}");
    }
    let out = stdout_of(
        diplo(idx.path()).args([
            "search",
            "*",
            "--participant",
            "Secretary of State Tillerson",
            "--json",
        ]),
        0,
    );
    assert_eq!(json_lines(&out)[0]["id"], MEETING);
}

#[test]
fn user_alias_file_extends_the_table() {
    let idx = seeds_index();
    let file = idx.path().join("mine.tsv");
    std::fs::write(
        &file,
        "person\tRex Tillerson\tThe Secretary\ncountry\tUSA\tUncle Sam\n",
    )
    .unwrap();
    let out = stdout_of(
        diplo(idx.path()).arg("--aliases").arg(&file).args([
            "search",
            "*",
            "--participant",
            "the secretary",
            "--country",
            "uncle sam",
            "--count",
        ]),
        0,
    );
    assert_eq!(out.trim(), "1");
    // Beside the index, the file is found without the flag.
    std::fs::copy(&file, idx.path().join("aliases.tsv")).unwrap();
    let out = stdout_of(
        diplo(idx.path()).args(["search", "*", "--participant", "the secretary", "--count"]),
        0,
    );
    assert_eq!(out.trim(), "1");
    std::fs::write(&file, "nonsense\n").unwrap();
    let err = diplo(idx.path())
        .arg("--aliases")
        .arg(&file)
        .args(["stats"])
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&err.stderr).contains("line 1"));
}

#[test]
fn stats_count_by_every_dimension() {
    let idx = seeds_index();
    let out = stdout_of(diplo(idx.path()).args(["stats", "--json"]), 0);
    let s: Value = serde_json::from_str(out.trim()).unwrap();
    let counts = |name: &str| -> Vec<(String, u64)> {
        s[name]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["key"].as_str().unwrap().to_string(),
                    b["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let pairs = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
        v.iter().map(|(k, c)| (k.to_string(), *c)).collect()
    };
    assert_eq!(s["total"], 4);
    assert_eq!(
        counts("by_event_type"),
        pairs(&[("phone_call", 3), ("meeting", 1)])
    );
    assert_eq!(counts("by_year"), pairs(&[("2017", 3), ("2018", 1)]));
    assert_eq!(
        counts("by_month"),
        pairs(&[
            ("2017-03", 1),
            ("2017-04", 1),
            ("2017-10", 1),
            ("2018-03", 1)
        ])
    );
    assert_eq!(counts("by_country"), pairs(&[("CHN", 4), ("USA", 4)]));
    assert_eq!(counts("by_participant")[0], ("Xi Jinping".to_string(), 4));
    assert_eq!(counts("by_requested_by"), pairs(&[("Donald Trump", 2)]));

    let out = stdout_of(
        diplo(idx.path()).args([
            "stats",
            "Korean Peninsula",
            "--type",
            "phone_call",
            "--json",
        ]),
        0,
    );
    let s: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(s["total"], 2);

    let human = stdout_of(diplo(idx.path()).args(["stats"]), 0);
    assert!(human.contains("2017  3"), "{human}");
    assert!(human.contains('█'));
    stdout_of(diplo(idx.path()).args(["stats", "--from", "2020"]), 1);
}

#[test]
fn timeline_lists_contacts_oldest_first_with_gaps() {
    let idx = seeds_index();
    let out = stdout_of(
        diplo(idx.path()).args([
            "timeline",
            "--participant",
            "Xi",
            "--participant",
            "trump",
            "--json",
        ]),
        0,
    );
    let contacts = json_lines(&out);
    let ids: Vec<&str> = contacts.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [CALL_2017_04, CALL_2017_10, CALL_2018_03]);
    let gaps: Vec<Value> = contacts
        .iter()
        .map(|c| c["days_since_previous"].clone())
        .collect();
    assert_eq!(gaps, [Value::Null, Value::from(196), Value::from(135)]);
    assert_eq!(contacts[1]["requested_by"], "Donald Trump");
    assert_eq!(contacts[0]["event_type"], "phone_call");

    let human = stdout_of(
        diplo(idx.path()).args(["timeline", "--participant", "xi jinping"]),
        0,
    );
    assert!(
        human.contains("+196d") && human.contains("4 contacts"),
        "{human}"
    );
    stdout_of(
        diplo(idx.path()).args(["timeline", "--participant", "Merkel"]),
        1,
    );
}

#[test]
fn similar_excludes_itself_and_ranks_by_score() {
    let idx = seeds_index();
    let out = stdout_of(
        diplo(idx.path()).args(["similar", CALL_2017_10, "--json"]),
        0,
    );
    let found = json_lines(&out);
    assert_eq!(found.len(), 3);
    assert!(found.iter().all(|s| s["id"] != CALL_2017_10));
    let scores: Vec<f64> = found.iter().map(|s| s["score"].as_f64().unwrap()).collect();
    assert!(scores.iter().all(|s| *s > 0.0));
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    // The other call held at Trump's request is the closest.
    assert_eq!(found[0]["id"], CALL_2018_03);
    let err = diplo(idx.path())
        .args(["similar", "ffffffffffff"])
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(2));
}

#[test]
fn export_jsonl_gives_the_full_records() {
    let idx = seeds_index();
    let out = stdout_of(diplo(idx.path()).args(["export", "--format", "jsonl"]), 0);
    let records = json_lines(&out);
    assert_eq!(records.len(), 4);
    assert_eq!(records[0]["id"], MEETING);
    assert_eq!(records[0]["paragraphs"].as_array().unwrap().len(), 6);
    let shown = stdout_of(diplo(idx.path()).args(["show", MEETING, "--json"]), 0);
    assert_eq!(
        records[0],
        serde_json::from_str::<Value>(shown.trim()).unwrap()
    );

    let file = idx.path().join("out.jsonl");
    let out = stdout_of(
        diplo(idx.path())
            .args([
                "export",
                "--format",
                "jsonl",
                "--participant",
                "Tillerson",
                "--output",
            ])
            .arg(&file),
        0,
    );
    assert!(out.is_empty());
    assert_eq!(
        json_lines(&std::fs::read_to_string(&file).unwrap()).len(),
        1
    );
}

#[test]
fn export_csv_has_one_row_per_record() {
    let idx = seeds_index();
    let out = stdout_of(
        diplo(idx.path()).args(["export", "--format", "csv", "Korean Peninsula"]),
        0,
    );
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let header = rows.headers().unwrap().clone();
    assert_eq!(&header[6], "principals");
    let rows: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], CALL_2017_04);
    assert_eq!(
        &rows[0][6],
        "Xi Jinping (President, CHN); Donald Trump (President, USA)"
    );
}

#[test]
fn export_events_codes_each_directed_pair() {
    let idx = seeds_index();
    let out = stdout_of(diplo(idx.path()).args(["export", "--format", "events"]), 0);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 8);
    let meeting: Vec<(&str, &str, &str)> = rows
        .iter()
        .filter(|r| &r[0] == MEETING)
        .map(|r| (&r[2], &r[4], &r[7]))
        .collect();
    assert_eq!(
        meeting,
        [
            ("Xi Jinping", "Rex Tillerson", "043"),
            ("Rex Tillerson", "Xi Jinping", "042")
        ]
    );
    assert!(
        rows.iter()
            .filter(|r| &r[6] == "phone_call")
            .all(|r| &r[7] == "041" && &r[8] == "CONSULT" && &r[9] == "phone")
    );
}

#[test]
fn export_opensearch_is_bulk_ndjson_with_a_mapping() {
    let idx = seeds_index();
    let out = stdout_of(
        diplo(idx.path()).args(["export", "--format", "opensearch"]),
        0,
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 8);
    for pair in lines.chunks(2) {
        assert_eq!(pair[0]["index"]["_id"], pair[1]["id"]);
        assert!(
            pair[1]["participants"]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_string)
        );
        assert!(
            pair[1]["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_string)
        );
    }
    let mapping = stdout_of(
        diplo(idx.path()).args(["export", "--format", "opensearch", "--mapping"]),
        0,
    );
    let mapping: Value = serde_json::from_str(&mapping).unwrap();
    let props = mapping["mappings"]["properties"].as_object().unwrap();
    for key in lines[1].as_object().unwrap().keys() {
        assert!(props.contains_key(key), "{key} has no mapping");
    }
}

#[test]
fn completions_and_man_page_are_generated() {
    let idx = seeds_index();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = stdout_of(diplo(idx.path()).args(["completions", shell]), 0);
        assert!(out.contains("timeline"), "{shell}");
    }
    let man = stdout_of(diplo(idx.path()).args(["man"]), 0);
    assert!(man.contains(".TH diplo 1"));
    let err = diplo(idx.path())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(2));
}
