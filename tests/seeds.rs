//! The four shipped seeds give exactly the facts the 0.1 issue lists, through the binary.

mod common;
use common::{Workspace, json_lines};
use serde_json::Value;

struct Expected {
    file: &'static str,
    date: &'static str,
    event_type: &'static str,
    requested_by: Option<&'static str>,
    principals: &'static [(&'static str, &'static str, &'static str)],
    attendees: &'static [(&'static str, &'static str, &'static str)],
    location: Option<&'static str>,
    paragraphs: usize,
}

const XI: (&str, &str, &str) = ("Xi Jinping", "President", "CHN");
const TRUMP: (&str, &str, &str) = ("Donald Trump", "President", "USA");

const SEEDS: [Expected; 4] = [
    Expected {
        file: "seeds/000_fd7ad6a0d65a9c83.txt",
        date: "2017-03-19",
        event_type: "meeting",
        requested_by: None,
        principals: &[XI, ("Rex Tillerson", "Secretary of State", "USA")],
        attendees: &[("Yang Jiechi", "State Councilor", "CHN")],
        location: Some("the Great Hall of the People"),
        paragraphs: 6,
    },
    Expected {
        file: "seeds/001_8f02d77f9fe261ac.txt",
        date: "2017-04-12",
        event_type: "phone_call",
        requested_by: None,
        principals: &[XI, TRUMP],
        attendees: &[],
        location: None,
        paragraphs: 7,
    },
    Expected {
        file: "seeds/002_45b956f5592036d3.txt",
        date: "2017-10-25",
        event_type: "phone_call",
        requested_by: Some("Donald Trump"),
        principals: &[XI, TRUMP],
        attendees: &[],
        location: None,
        paragraphs: 4,
    },
    Expected {
        file: "seeds/003_e2447bf0e712ceff.txt",
        date: "2018-03-09",
        event_type: "phone_call",
        requested_by: Some("Donald Trump"),
        principals: &[XI, TRUMP],
        attendees: &[],
        location: None,
        paragraphs: 6,
    },
];

fn people(record: &Value, role: &str) -> Vec<(String, String, String)> {
    record["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["role"] == role)
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or("").to_string();
            (s("name"), s("title"), s("country"))
        })
        .collect()
}

fn owned(v: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    v.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

fn assert_seed(record: &Value, e: &Expected) {
    assert_eq!(record["source"], e.file);
    assert_eq!(record["date"], e.date, "{}", e.file);
    assert_eq!(record["event_type"], e.event_type, "{}", e.file);
    assert_eq!(
        record["requested_by"].as_str(),
        e.requested_by,
        "{}",
        e.file
    );
    assert_eq!(
        people(record, "principal"),
        owned(e.principals),
        "{}",
        e.file
    );
    assert_eq!(people(record, "attendee"), owned(e.attendees), "{}", e.file);
    assert_eq!(record["location"].as_str(), e.location, "{}", e.file);
    assert_eq!(
        record["paragraphs"].as_array().unwrap().len(),
        e.paragraphs,
        "{}",
        e.file
    );
}

#[test]
fn check_json_gives_every_fact_of_every_seed() {
    let ws = Workspace::with_seeds();
    let out = ws
        .diplo()
        .args(["check", "seeds", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4);
    for (line, expected) in lines.iter().zip(&SEEDS) {
        assert_eq!(line["ok"], true, "{line}");
        assert_eq!(line["problems"].as_array().unwrap().len(), 0);
        assert_seed(&line["record"], expected);
    }
}

#[test]
fn show_json_gives_the_same_facts_from_the_index() {
    let ws = Workspace::with_seeds().indexed();
    for expected in &SEEDS {
        let out = ws
            .diplo()
            .args(["show", "--json", expected.file])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let lines = json_lines(&out);
        assert_eq!(lines.len(), 1);
        assert_seed(&lines[0], expected);
    }
}

#[test]
fn speakers_are_the_participants_whose_words_are_reported() {
    let ws = Workspace::with_seeds();
    let out = ws
        .diplo()
        .args(["check", "seeds/001_8f02d77f9fe261ac.txt", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let record = &json_lines(&out)[0]["record"];
    let speakers: Vec<Vec<String>> = record["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["speakers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        speakers[0],
        Vec::<String>::new(),
        "the lead reports no words"
    );
    assert_eq!(speakers[1], ["Xi Jinping"]);
    assert_eq!(speakers[3], ["Donald Trump"]);
    assert_eq!(
        speakers[5],
        ["Xi Jinping"],
        "As for the Syrian Issue, Xi Jinping pointed out…"
    );
    assert_eq!(
        speakers[6],
        ["Xi Jinping", "Donald Trump"],
        "the two heads of state agreed…"
    );
}

#[test]
fn chrome_is_never_title_or_paragraph() {
    let ws = Workspace::with_seeds();
    let out = ws
        .diplo()
        .args(["check", "seeds", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    for line in json_lines(&out) {
        let record = &line["record"];
        let title = record["title"].as_str().unwrap();
        assert!(title.starts_with("Xi Jinping"), "{title}");
        for p in record["paragraphs"].as_array().unwrap() {
            let text = p["text"].as_str().unwrap().to_lowercase();
            assert!(
                !text.contains("suggest to a friend") && !text.starts_with("home"),
                "{text}"
            );
        }
    }
}
