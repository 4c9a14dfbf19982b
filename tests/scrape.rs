//! JSON Lines scrapes through the binary: lines as a Scrapy spider, trafilatura and a news
//! crawler write them, one of them a whole government page's HTML, one broken.

mod common;
use common::{Workspace, json_lines};
use serde_json::{Value, json};

fn scrape_lines() -> Vec<String> {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/contacts/embassy-mirror.html"),
    )
    .expect("page");
    vec![
        // A spider that kept the page's markup.
        json!({"url": "https://www.swedenabroad.example/beirut/news/x", "html": page, "crawled_at": "2024-04-12T08:00:00"}).to_string(),
        // trafilatura's JSON: text, title, date, and the address under "source".
        json!({
            "title": "President Okonkwo receives Prime Minister Lund",
            "raw_text": "ABUJA, Feb 2 (Wire) -- President Ada Okonkwo of Nigeria received Prime Minister Mette Lund of Denmark at the State House on Thursday. The two leaders discussed offshore wind and trade.",
            "source": "https://wire.example/world/okonkwo-lund",
            "date": "2023-02-02",
            "hostname": "wire.example",
        })
        .to_string(),
        String::new(),
        "{\"title\": \"cut off in the middle".to_string(),
        // A crawler that gives the body as a list of paragraphs.
        json!({
            "headline": "Prime Minister Lund speaks with Chancellor Weber",
            "body": ["On March 7, 2023, Prime Minister Mette Lund of Denmark spoke by telephone with Chancellor Anna Weber of Germany.", "They discussed energy security."],
            "link": "https://stm.example/news/lund-weber",
        })
        .to_string(),
    ]
}

fn workspace() -> Workspace {
    let ws = Workspace::empty();
    ws.write("scrapes/crawl.jsonl", scrape_lines().join("\n") + "\n");
    ws
}

#[test]
fn each_line_is_a_record_named_by_file_and_line_and_a_bad_line_is_a_problem_on_it() {
    let ws = workspace();
    let out = ws
        .diplo()
        .args(["check", "--json", "scrapes"])
        .output()
        .expect("runs");
    let lines = json_lines(&out.stdout);
    let sources: Vec<&str> = lines
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    // Line 3 is empty: not a document.
    assert_eq!(
        sources,
        [
            "scrapes/crawl.jsonl:1",
            "scrapes/crawl.jsonl:2",
            "scrapes/crawl.jsonl:4",
            "scrapes/crawl.jsonl:5"
        ]
    );
    let record = |n: usize| &lines[n]["record"];
    assert_eq!(
        record(0)["title"],
        "Foreign Minister Lindqvist Holds Phone Call with Foreign Minister Haddad of Lebanon"
    );
    assert_eq!(record(0)["event_type"], "phone_call");
    // The page's own canonical address wins over the spider's.
    assert_eq!(
        record(0)["url"],
        "https://www.swedenabroad.example/beirut/news/lindqvist-haddad-call"
    );
    assert!(
        !record(0)["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["text"].as_str().unwrap().contains("cookies"))
    );
    assert_eq!(record(1)["url"], "https://wire.example/world/okonkwo-lund");
    assert_eq!(record(1)["date"], "2023-02-02");
    assert_eq!(record(1)["event_type"], "meeting");
    assert_eq!(lines[2]["ok"], false);
    assert_eq!(lines[2]["problems"][0]["code"], "bad_line");
    assert_eq!(lines[2]["record"], Value::Null);
    assert_eq!(
        record(3)["title"],
        "Prime Minister Lund speaks with Chancellor Weber"
    );
    assert_eq!(record(3)["date"], "2023-03-07");
    assert_eq!(record(3)["url"], "https://stm.example/news/lund-weber");
    let human = ws
        .diplo()
        .args(["check", "scrapes"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&human.stdout).contains("scrapes/crawl.jsonl:4: not JSON"));
}

#[test]
fn refresh_deletes_and_duplicates_work_line_by_line() {
    let ws = workspace();
    ws.diplo().args(["index", "scrapes"]).assert().code(0);
    let sources = |ws: &Workspace| {
        let out = ws
            .diplo()
            .args(["search", "*", "-l"])
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        sources(&ws),
        [
            "scrapes/crawl.jsonl:1",
            "scrapes/crawl.jsonl:2",
            "scrapes/crawl.jsonl:5"
        ]
    );
    let hits = json_lines(
        &ws.diplo()
            .args(["search", "Okonkwo", "--json"])
            .output()
            .expect("runs")
            .stdout,
    );
    assert_eq!(hits[0]["source_missing"], false);

    // A line appended, one of them a copy of line 2: the rest is unchanged.
    let mut lines = scrape_lines();
    lines.push(lines[1].clone());
    ws.write("scrapes/crawl.jsonl", lines.join("\n") + "\n");
    let out = ws.diplo().args(["index"]).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("crawl.jsonl:6: same text as scrapes/crawl.jsonl:2"),
        "{said}"
    );
    assert!(
        said.contains("added 0, updated 1, removed 0, unchanged 2"),
        "{said}"
    );

    // The first line deleted: its record goes; the others move up a line.
    lines.remove(0);
    ws.write("scrapes/crawl.jsonl", lines.join("\n") + "\n");
    let out = ws.diplo().args(["index"]).output().expect("runs");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("removed 1"), "{said}");
    assert_eq!(
        sources(&ws),
        [
            "scrapes/crawl.jsonl:1",
            "scrapes/crawl.jsonl:4",
            "scrapes/crawl.jsonl:5"
        ]
    );
}

#[test]
fn json_lines_that_are_no_scrape_are_passed_over_whole() {
    let ws = workspace();
    // An answer key beside the scrape: not one problem per line, one file not read.
    let key: String = (0..50)
        .map(|i| {
            format!(
                "{}\n",
                json!({"file": format!("{i:03}.txt"), "principals": ["A B"]})
            )
        })
        .collect();
    ws.write("scrapes/truth.jsonl", key);
    let out = ws
        .diplo()
        .args(["index", "scrapes"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("truth.jsonl:"), "{stderr}");
    assert!(
        stderr.contains("1 other file (not .txt, HTML or a scrape) not read"),
        "{stderr}"
    );
    let found = ws
        .diplo()
        .args(["search", "*", "--json", "-n", "0"])
        .output()
        .expect("runs");
    let sources: Vec<Value> = json_lines(&found.stdout)
        .into_iter()
        .map(|h| h["source"].clone())
        .collect();
    assert!(
        sources
            .iter()
            .all(|s| s.as_str().is_some_and(|s| s.contains("crawl.jsonl:"))),
        "{sources:?}"
    );
    assert_eq!(sources.len(), 3, "{sources:?}");
}
