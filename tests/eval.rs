//! `diplo eval` through the built binary: a tiny team-written corpus and key in a temp dir,
//! the `--json` contract, floors and their exit codes, and bad keys.
//!
//! The key below is written so that each asserted count holds whatever the loader's finer
//! choices: where a field is meant to miss, the key gives an answer no text supports.

mod common;
use common::Workspace;
use predicates::prelude::*;
use serde_json::Value;

const CALL: &str = "Prime Minister Speaks with President Macron\n\n\
On 12 March 2024, Prime Minister Justin Trudeau spoke by telephone with \
President Emmanuel Macron of France at the request of the French side.\n\n\
The two leaders discussed trade and security.\n";

const MEETING: &str = "Foreign Minister Meets Counterpart\n\n\
BEIJING, June 3, 2023 -- Foreign Minister Wang Yi met with Russian Foreign Minister Sergey \
Lavrov in Beijing.\n\n\
The two ministers exchanged views on regional issues.\n";

const REMARKS: &str = "Remarks by the President Before a Meeting\n\n\
THE PRESIDENT: Well, thank you all for coming. We look forward to a good discussion.\n\n\
Q: Mr. President, any comment?\n\n\
THE PRESIDENT: Not right now.\n";

/// One line per file; `meeting.txt`'s location is wrong on purpose, `gone.txt` has no file and
/// `empty.txt` gives no record.
const KEY: &str = r#"{"file": "labelled/call.txt", "is_readout": true, "event_type": "phone_call", "date": "2024-03-12", "principals": ["Justin Trudeau", "Macron"], "principal_countries": ["CAN", "FRA"], "principal_titles": ["Prime Minister", "President"], "requested_by": "Emmanuel Macron", "attendees": [], "location": null, "multi_event": false, "complete": true, "notes": "ignored"}
{"file": "meeting.txt", "event_type": "meeting", "principals": ["Wang Yi", "Sergey Lavrov"], "principal_countries": ["CHN", "RUS"], "location": "Moscow"}

{"file": "remarks.txt", "is_readout": false, "event_type": "other", "principals": [null]}
{"file": "gone.txt", "principals": ["Nobody"]}
{"file": "empty.txt", "principals": []}
"#;

/// The corpus (one file below a subfolder, one not in the key) and the key.
fn workspace() -> Workspace {
    let ws = Workspace::empty();
    ws.write("corpus/call.txt", CALL);
    ws.write("corpus/more/meeting.txt", MEETING);
    ws.write("corpus/remarks.txt", REMARKS);
    ws.write("corpus/empty.txt", "  \n");
    ws.write("corpus/unlabelled.txt", CALL.replace("Macron", "Scholz"));
    ws.write("key.jsonl", KEY);
    ws
}

fn eval_json(ws: &Workspace, extra: &[&str], code: i32) -> Value {
    let out = ws
        .diplo()
        .args(["eval", "key.jsonl", "corpus", "--json"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

fn counts(report: &Value, field: &str) -> (u64, u64) {
    let f = &report["fields"][field];
    (f["correct"].as_u64().unwrap(), f["total"].as_u64().unwrap())
}

#[test]
fn eval_scores_each_field_and_reports_unmatched_files() {
    let ws = workspace();
    let report = eval_json(&ws, &[], 0);
    assert_eq!(report["matched_files"], 4);
    assert_eq!(report["unmatched_key_files"], 1);
    assert_eq!(
        report["unmatched_key_names"],
        serde_json::json!(["gone.txt"])
    );
    assert_eq!(report["unkeyed_files"], 1);
    assert!(report.get("misses").is_none(), "misses only when asked");
    assert_eq!(counts(&report, "found"), (3, 4));
    assert_eq!(counts(&report, "non_readout").1, 1);
    assert_eq!(counts(&report, "principals"), (2, 2));
    assert_eq!(counts(&report, "requested_by").1, 2);
    assert_eq!(counts(&report, "location"), (1, 2), "{report}");
    assert_eq!(counts(&report, "multi_event"), (2, 2));
    assert_eq!(counts(&report, "titles").1, 2);
    let fields: Vec<&String> = report["fields"].as_object().unwrap().keys().collect();
    assert_eq!(fields.len(), 13);
    for (_, f) in report["fields"].as_object().unwrap() {
        let (ok, n) = (f["correct"].as_u64().unwrap(), f["total"].as_u64().unwrap());
        if n == 0 {
            assert!(f["accuracy"].is_null());
        } else {
            assert_eq!(f["accuracy"].as_f64().unwrap(), ok as f64 / n as f64);
        }
    }
}

#[test]
fn eval_warns_of_key_files_it_did_not_find() {
    let ws = workspace();
    ws.diplo()
        .args(["eval", "key.jsonl", "corpus"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "gone.txt is in the key but not under",
        ));
}

#[test]
fn eval_lists_misses_when_asked() {
    let ws = workspace();
    let report = eval_json(&ws, &["--misses", "5"], 0);
    let location = report["misses"]["location"].as_array().unwrap();
    let meeting = location
        .iter()
        .find(|m| m["file"] == "meeting.txt")
        .unwrap();
    assert_eq!(meeting["want"], "moscow");
    let found = report["misses"]["found"].as_array().unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["file"], "empty.txt");
    assert!(
        found[0]["got"][0].as_str().unwrap().starts_with("empty: "),
        "{report}"
    );
    let out = ws
        .diplo()
        .args(["eval", "key.jsonl", "corpus", "--misses", "1"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("location misses:"), "{text}");
    // One miss at most per field.
    assert!(
        text.matches(" misses:\n  ").count() == text.matches("want ").count(),
        "{text}"
    );
}

#[test]
fn eval_prints_a_table_with_a_summary() {
    let ws = workspace();
    let out = ws
        .diplo()
        .args(["eval", "key.jsonl", "corpus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("field"), "{text}");
    let found = lines.iter().find(|l| l.starts_with("found ")).unwrap();
    assert!(found.contains("0.750") && found.contains("(3/4)"), "{text}");
    let location = lines.iter().find(|l| l.starts_with("location ")).unwrap();
    assert!(
        location.contains("0.500") && location.contains("(1/2)"),
        "{text}"
    );
    assert!(
        text.contains("4 keyed files scored, 1 key files not found, 1 files not in the key"),
        "{text}"
    );
}

#[test]
fn min_fails_with_exit_1_when_a_field_is_below_it() {
    let ws = workspace();
    // location is 1/2 (the key's Moscow is wrong on purpose).
    eval_json(&ws, &["--min", "0.5"], 0);
    eval_json(&ws, &["--min", "0"], 0);
    ws.diplo()
        .args(["eval", "key.jsonl", "corpus", "--min", "0.6"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "location accuracy 0.500 is below its floor 0.6",
        ));
}

#[test]
fn min_field_sets_one_field_floor() {
    let ws = workspace();
    eval_json(
        &ws,
        &["--min-field", "found=0.75", "--min-field", "principals=1"],
        0,
    );
    eval_json(&ws, &["--min-field", "location=0.51"], 1);
    eval_json(&ws, &["--min-field", "found=0.8"], 1);
    // A field's own floor overrides --min.
    let lower = [
        "--min",
        "0.75",
        "--min-field",
        "location=0.5",
        "--min-field",
        "date=0.5",
        "--min-field",
        "requested_by=0.5",
    ];
    eval_json(&ws, &lower, 0);
    eval_json(&ws, &["--min", "0.5", "--min-field", "location=0.6"], 1);
    ws.diplo()
        .args(["eval", "key.jsonl", "corpus", "--min-field", "place=0.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--min-field").and(predicate::str::contains("location")));
    ws.diplo()
        .args(["eval", "key.jsonl", "corpus", "--min", "80"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("from 0 to 1"));
}

#[test]
fn a_malformed_key_line_is_an_error_naming_the_file_and_line() {
    let ws = workspace();
    ws.write(
        "bad.jsonl",
        "{\"file\": \"call.txt\", \"principals\": []}\n{\"file\": \"meeting.txt\", \n",
    );
    ws.diplo()
        .args(["eval", "bad.jsonl", "corpus"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("bad.jsonl:2:"));
    ws.write("nofile.jsonl", "{\"principals\": []}\n");
    ws.diplo()
        .args(["eval", "nofile.jsonl", "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nofile.jsonl:1:").and(predicate::str::contains("file")));
    ws.write("noprincipals.jsonl", "{\"file\": \"call.txt\"}\n");
    ws.diplo()
        .args(["eval", "noprincipals.jsonl", "corpus"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("noprincipals.jsonl:1:")
                .and(predicate::str::contains("principals")),
        );
}

#[test]
fn missing_inputs_are_errors_that_say_what_to_do() {
    let ws = workspace();
    ws.diplo()
        .args(["eval", "nokey.jsonl", "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read the key file nokey.jsonl",
        ));
    ws.diplo()
        .args(["eval", "key.jsonl", "nothere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothere: no such file or folder"));
    ws.write(
        "other.jsonl",
        "{\"file\": \"elsewhere.txt\", \"principals\": []}\n",
    );
    ws.diplo()
        .args(["eval", "other.jsonl", "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("matched to each file's base name"));
}
