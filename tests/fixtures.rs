//! The labelled fixture set: readouts written in the style of many publishers, each with the
//! record a careful reader would extract (`name.json` beside `name.txt`). Every field of every
//! fixture is compared; a per-field accuracy table is printed and any mismatch fails.
//!
//! Paragraphs are compared by count and by the first 40 characters of each, which is enough to
//! catch chrome, clutter or date lines leaking into the body.

mod common;
use diplo::loader::{Loaded, load_file};
use diplo::record::{Record, Role};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FIELDS: [&str; 11] = [
    "title",
    "date",
    "date_precision",
    "date_source",
    "event_type",
    "requested_by",
    "location",
    "participants",
    "paragraphs",
    "events",
    "problems",
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The record's fields in the shape of the expected JSON.
fn actual(record: &Record, problems: &[String]) -> BTreeMap<&'static str, Value> {
    let mut codes: Vec<String> = problems.to_vec();
    codes.sort();
    let events: Vec<Value> = record
        .events
        .iter()
        .map(|e| {
            json!({
                "event_type": e.event_type,
                "date": e.date,
                "date_precision": e.date_precision,
                "principals": e.participants.iter()
                    .filter(|p| p.role == Role::Principal)
                    .map(|p| json!({"name": p.name, "country": p.country}))
                    .collect::<Vec<_>>(),
                "requested_by": e.requested_by,
            })
        })
        .collect();
    BTreeMap::from([
        ("title", json!(record.title)),
        ("date", json!(record.date)),
        ("date_precision", json!(record.date_precision)),
        ("date_source", json!(record.date_source)),
        ("event_type", json!(record.event_type)),
        ("requested_by", json!(record.requested_by)),
        ("location", json!(record.location)),
        ("participants", json!(record.participants)),
        (
            "paragraphs",
            json!(
                record
                    .paragraphs
                    .iter()
                    .map(|p| p.text.chars().take(40).collect::<String>())
                    .collect::<Vec<_>>()
            ),
        ),
        ("events", json!(events)),
        ("problems", json!(codes)),
    ])
}

fn expected(path: &Path) -> BTreeMap<&'static str, Value> {
    let text = std::fs::read_to_string(path.with_extension("json"))
        .unwrap_or_else(|e| panic!("{}: no expected record beside it: {e}", path.display()));
    let mut v: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: bad JSON: {e}", path.display()));
    if let Some(problems) = v.get_mut("problems").and_then(Value::as_array_mut) {
        problems.sort_by_key(|p| p.as_str().unwrap_or("").to_string());
    }
    FIELDS
        .iter()
        .map(|f| (*f, v.get(*f).cloned().unwrap_or(Value::Null)))
        .collect()
}

#[test]
fn every_fixture_gives_its_expected_record_field_for_field() {
    let dir = fixtures_dir();
    let mut files = Vec::new();
    common::txt_files(&dir, &mut files);
    assert!(files.len() >= 60, "only {} fixtures", files.len());
    let mut right: BTreeMap<&str, usize> = FIELDS.iter().map(|f| (*f, 0)).collect();
    let mut mismatches = Vec::new();
    let mut publishers = std::collections::BTreeSet::new();
    for file in &files {
        let source = file
            .strip_prefix(&dir)
            .expect("under fixtures")
            .to_string_lossy()
            .replace('\\', "/");
        publishers.insert(source.split('/').next().unwrap_or("").to_string());
        let Loaded::Record(loaded) = load_file(file, None, &source) else {
            panic!("{source}: gave no record");
        };
        let codes: Vec<String> = loaded.problems.iter().map(|p| p.code.clone()).collect();
        let got = actual(&loaded.record, &codes);
        let want = expected(file);
        for f in FIELDS {
            if got[f] == want[f] {
                *right.get_mut(f).expect("field") += 1;
            } else {
                mismatches.push(format!(
                    "{source}: {f}\n    expected {}\n    got      {}",
                    want[f], got[f]
                ));
            }
        }
    }
    println!(
        "fixtures: {} readouts from {} publishers",
        files.len(),
        publishers.len()
    );
    println!("{:<16} {:>9} {:>9}", "field", "correct", "accuracy");
    for f in FIELDS {
        println!(
            "{f:<16} {:>5}/{:<3} {:>8.1}%",
            right[f],
            files.len(),
            right[f] as f64 * 100.0 / files.len() as f64
        );
    }
    for m in &mismatches {
        println!("{m}");
    }
    assert!(publishers.len() >= 8, "fixtures cover {publishers:?}");
    assert!(
        mismatches.is_empty(),
        "{} field mismatches (see the table above)",
        mismatches.len()
    );
}
