//! Contacts through the binary: a ministry's readout of a call, an embassy's copy of it under
//! other chrome, and the other side's readout in its own words are one contact; a meeting of
//! the same day is another. Every view that counts contacts counts it once.

mod common;
use common::{Workspace, json_lines};
use serde_json::Value;
use std::collections::BTreeMap;

fn corpus() -> Workspace {
    let ws = Workspace::empty();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/contacts");
    for name in [
        "mfa-call.txt",
        "embassy-mirror.html",
        "lebanon-side.txt",
        "unrelated-meeting.txt",
    ] {
        let folder = match name {
            "embassy-mirror.html" => "embassy",
            "lebanon-side.txt" => "lebanon",
            _ => "mfa",
        };
        ws.write(
            &format!("corpus/{folder}/{name}"),
            std::fs::read(dir.join(name)).expect("fixture"),
        );
    }
    ws.diplo().args(["index", "corpus"]).assert().success();
    ws
}

fn run_json(ws: &Workspace, args: &[&str]) -> Vec<Value> {
    let out = ws.diplo().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout)
}

/// Each source's contact, from `search --json`.
fn contacts_by_source(ws: &Workspace) -> BTreeMap<String, String> {
    run_json(ws, &["search", "*", "--json", "-n", "0"])
        .into_iter()
        .map(|h| {
            (
                h["source"].as_str().expect("source").to_string(),
                h["contact"].as_str().expect("contact").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_readout_its_mirror_and_the_other_sides_readout_are_one_contact() {
    let ws = corpus();
    let by_source = contacts_by_source(&ws);
    let call = &by_source["corpus/mfa/mfa-call.txt"];
    assert_eq!(&by_source["corpus/embassy/embassy-mirror.html"], call);
    assert_eq!(&by_source["corpus/lebanon/lebanon-side.txt"], call);
    assert_ne!(&by_source["corpus/mfa/unrelated-meeting.txt"], call);

    // The contact's id is one of its records' ids, so `show` takes it.
    let shown = run_json(&ws, &["show", call, "--json"]);
    assert_eq!(shown[0]["contact"], call.as_str());
    assert_eq!(shown[0]["same_contact"].as_array().expect("list").len(), 2);

    // One line per contact, with its publishers (folders here: no page gives a host but one).
    let contacts = run_json(&ws, &["contacts", "--json"]);
    assert_eq!(contacts.len(), 2);
    let call_line = contacts
        .iter()
        .find(|c| c["contact"] == call.as_str())
        .expect("the call is listed");
    assert_eq!(call_line["records"], 3);
    assert_eq!(call_line["event_type"], "phone_call");
    assert_eq!(call_line["date"], "2024-04-11");
    let publishers: Vec<&str> = call_line["publishers"]
        .as_array()
        .expect("publishers")
        .iter()
        .map(|p| p.as_str().expect("publisher"))
        .collect();
    assert_eq!(publishers, ["lebanon", "mfa", "www.swedenabroad.example"]);
    let several = run_json(&ws, &["contacts", "--min-records", "2", "--json"]);
    assert_eq!(several.len(), 1);
}

#[test]
fn views_count_contacts_and_say_so_when_asked_for_documents() {
    let ws = corpus();
    let stats = |extra: &[&str]| {
        let mut args = vec!["stats", "--json"];
        args.extend_from_slice(extra);
        run_json(&ws, &args)[0]["total"].as_u64().expect("total")
    };
    assert_eq!(stats(&[]), 2);
    assert_eq!(stats(&["--documents"]), 4);

    let collapsed = run_json(&ws, &["search", "Haddad", "--collapse", "--json"]);
    assert_eq!(collapsed.len(), 1);
    assert_eq!(collapsed[0]["contact_records"], 3);
    let count = ws
        .diplo()
        .args(["search", "Haddad", "--collapse", "--count"])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&count.stdout).trim(), "1");

    let timeline = run_json(&ws, &["timeline", "--participant", "Haddad", "--json"]);
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0]["records"], 3);
    let every = run_json(
        &ws,
        &[
            "timeline",
            "--participant",
            "Haddad",
            "--documents",
            "--json",
        ],
    );
    assert_eq!(every.len(), 3);

    // Event data: the call's two directed rows once, each naming every source.
    let out = ws
        .diplo()
        .args(["export", "--format", "events", "Haddad"])
        .output()
        .expect("runs");
    let mut rows = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = rows.headers().expect("header").clone();
    assert_eq!(&headers[11], "contact");
    assert_eq!(&headers[12], "sources");
    let rows: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(row[12].split("; ").count(), 3, "{row:?}");
    }
}

#[test]
fn compare_shows_who_each_side_names_first_and_who_it_says_asked() {
    let ws = corpus();
    let by_source = contacts_by_source(&ws);
    let call = &by_source["corpus/mfa/mfa-call.txt"];
    let compared = run_json(&ws, &["compare", call, "--json"]);
    let records = compared[0]["records"].as_array().expect("records");
    assert_eq!(records.len(), 3);
    let side = |source: &str| {
        records
            .iter()
            .find(|r| r["source"] == source)
            .unwrap_or_else(|| panic!("{source} compared"))
    };
    let stockholm = side("corpus/mfa/mfa-call.txt");
    let beirut = side("corpus/lebanon/lebanon-side.txt");
    assert_eq!(stockholm["first_named"], "Erik Lindqvist");
    assert_eq!(beirut["first_named"], "Samir Haddad");
    // Each side says the other asked.
    assert_eq!(stockholm["requested_by"], "Samir Haddad");
    assert_eq!(beirut["requested_by"], "Erik Lindqvist");
    // Resolution 1701 is in Beirut's readout alone.
    let only: Vec<&str> = beirut["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .filter(|p| p["only_here"] == true)
        .map(|p| p["text"].as_str().expect("text"))
        .collect();
    assert!(only.iter().any(|t| t.contains("1701")), "{only:?}");

    // A record no other reports has nothing to compare: exit 1 with a reason.
    let alone = &by_source["corpus/mfa/unrelated-meeting.txt"];
    let out = ws.diplo().args(["compare", alone]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to compare"));
}

#[test]
fn contact_ids_stay_across_refreshes_and_unrelated_additions() {
    let ws = corpus();
    let before = contacts_by_source(&ws);
    ws.diplo().args(["index"]).assert().success();
    assert_eq!(contacts_by_source(&ws), before);
    ws.write(
        "corpus/mfa/another.txt",
        "Foreign Minister Lindqvist meets Foreign Minister Moreau of France\n\nOn May 2, 2024, Foreign Minister Erik Lindqvist met with Foreign Minister Claire Moreau of France in Paris to discuss the European Union's enlargement.\n",
    );
    ws.diplo().args(["index"]).assert().success();
    let after = contacts_by_source(&ws);
    for (source, contact) in &before {
        assert_eq!(&after[source], contact, "{source}");
    }
    assert_eq!(after.len(), before.len() + 1);
    // Removing the mirror leaves the two sides linked.
    std::fs::remove_file(ws.file("corpus/embassy/embassy-mirror.html")).expect("remove");
    ws.diplo().args(["index"]).assert().success();
    let removed = contacts_by_source(&ws);
    assert_eq!(
        removed["corpus/mfa/mfa-call.txt"],
        removed["corpus/lebanon/lebanon-side.txt"]
    );
}

#[test]
fn check_links_the_files_it_checked_as_index_does() {
    let ws = corpus();
    let indexed = contacts_by_source(&ws);
    let checked: BTreeMap<String, String> = run_json_any(&ws, &["check", "corpus", "--json"])
        .into_iter()
        .map(|line| {
            (
                line["source"].as_str().expect("source").to_string(),
                line["record"]["contact"]
                    .as_str()
                    .expect("contact")
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(checked, indexed);

    // Without linking, each line is written as its file is read, with no contact.
    for line in run_json_any(&ws, &["check", "corpus", "--json", "--no-contacts"]) {
        assert!(line["record"].get("contact").is_none(), "{line}");
    }
}

#[test]
fn eval_scores_linking_pairwise_when_the_key_labels_contacts() {
    let ws = corpus();
    let eval = |lebanon: &str| -> Value {
        // The meeting is a contact of its own in every key.
        let key: String = [
            ("mfa-call.txt", Some("call")),
            ("embassy-mirror.html", Some("call")),
            ("lebanon-side.txt", Some(lebanon)),
            ("unrelated-meeting.txt", None),
        ]
        .iter()
        .map(|(file, contact)| {
            let line = serde_json::json!({"file": file, "principals": [], "contact_id": contact});
            format!("{line}\n")
        })
        .collect();
        ws.write("key.jsonl", key);
        let out = ws
            .diplo()
            .args(["eval", "key.jsonl", "corpus", "--json"])
            .output()
            .expect("runs");
        json_lines(&out.stdout).remove(0)["fields"].clone()
    };
    // The key links the call's three records, as diplo does.
    let fields = eval("call");
    for field in ["contact_precision", "contact_recall"] {
        assert_eq!(fields[field]["correct"], 3, "{fields}");
        assert_eq!(fields[field]["total"], 3, "{fields}");
    }
    // A key that splits off one side finds diplo's two links to it wrong.
    let fields = eval("other");
    assert_eq!(fields["contact_precision"]["correct"], 1, "{fields}");
    assert_eq!(fields["contact_precision"]["total"], 3, "{fields}");
    assert_eq!(fields["contact_recall"]["correct"], 1, "{fields}");
    assert_eq!(fields["contact_recall"]["total"], 1, "{fields}");
}

/// The JSON lines a command prints, whatever its exit code (`check` exits 1 on problems).
fn run_json_any(ws: &Workspace, args: &[&str]) -> Vec<Value> {
    let out = ws.diplo().args(args).output().expect("runs");
    assert_ne!(
        out.status.code(),
        Some(2),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout)
}

#[test]
fn stats_of_every_record_are_counted_at_index_time_for_that_commit_only() {
    let ws = corpus();
    let saved = ws.file(".diplo/tantivy/stats.json");
    assert!(
        saved.is_file(),
        "diplo index saves the stats of every record"
    );
    let stats = |extra: &[&str]| {
        let mut args = vec!["stats", "--json"];
        args.extend_from_slice(extra);
        run_json(&ws, &args).remove(0)
    };
    let (contacts, records) = (stats(&[]), stats(&["--documents"]));
    assert_eq!(
        (contacts["total"].as_u64(), records["total"].as_u64()),
        (Some(2), Some(4))
    );

    // Without the file, they are counted: the same.
    let text = std::fs::read_to_string(&saved).expect("stats.json");
    std::fs::remove_file(&saved).expect("removed");
    assert_eq!(stats(&[]), contacts);
    assert_eq!(stats(&["--documents"]), records);

    // Stats saved for another commit are not read.
    let mut other: Value = serde_json::from_str(&text).expect("json");
    other["opstamp"] = Value::from(other["opstamp"].as_u64().expect("opstamp") + 1);
    other["contacts"]["total"] = Value::from(99);
    std::fs::write(&saved, other.to_string()).expect("written");
    assert_eq!(stats(&[]), contacts);

    // A refresh that adds a record saves its commit's stats.
    ws.write(
        "corpus/mfa/seed.txt",
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_fd7ad6a0d65a9c83.txt"),
        )
        .expect("seed"),
    );
    ws.diplo().args(["index", "corpus"]).assert().success();
    assert_eq!(stats(&[])["total"], 3);
    assert_eq!(stats(&["--documents"])["total"], 5);
    let refreshed: Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("saved again")).expect("json");
    assert_eq!(refreshed["records"]["total"], 5);
}

#[test]
fn a_contact_among_many_records_counts_once_when_few_match() {
    // Sixty generated readouts beside the contact's three: a query for its leader matches
    // fewer than one record in sixteen, so its matches' ids are looked up one by one.
    let ws = corpus();
    assert_cmd::Command::cargo_bin("diplo-gen")
        .expect("diplo-gen is built")
        .args(["--count", "60", "--seed", "7", "--out"])
        .arg(ws.file("corpus/generated"))
        .assert()
        .success();
    ws.diplo().args(["index", "corpus"]).assert().success();
    let total = |args: &[&str]| run_json(&ws, args)[0]["total"].as_u64().expect("total");
    assert!(total(&["stats", "--json", "--documents"]) >= 64);
    assert_eq!(total(&["stats", "Haddad", "--json"]), 1);
    assert_eq!(total(&["stats", "Haddad", "--json", "--documents"]), 3);
    let timeline = run_json(&ws, &["timeline", "--participant", "Haddad", "--json"]);
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0]["records"], 3);
}
