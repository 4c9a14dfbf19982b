//! `diplo serve`: the explorer and its API, driven over real TCP against the built binary.
//! (The browser suite, in `tests/browser/`, drives the same server from Chromium.)

mod common;

use common::Workspace;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `diplo serve`, stopped when dropped.
struct Served {
    child: Child,
    /// `127.0.0.1:PORT`
    addr: String,
}

impl Served {
    fn start(ws: &Workspace) -> Served {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("diplo"))
            .current_dir(ws.path())
            .env_remove("DIPLO_INDEX")
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("diplo serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the URL is printed");
        let addr = line
            .trim()
            .strip_prefix("http://")
            .and_then(|s| s.strip_suffix('/'))
            .unwrap_or_else(|| panic!("not a URL: {line:?}"))
            .to_string();
        Served { child, addr }
    }

    /// Sends `head` as is and returns (status, headers, body).
    fn raw(&self, head: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(&self.addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream.write_all(head.as_bytes()).expect("sends");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).expect("reads the answer");
        let split = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a response head");
        let head = String::from_utf8_lossy(&answer[..split]).into_owned();
        let status = head[9..12].parse().expect("a status");
        (status, head, answer[split + 4..].to_vec())
    }

    fn get(&self, target: &str) -> (u16, String, String) {
        let (status, head, body) = self.raw(&format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ));
        (status, head, String::from_utf8(body).expect("UTF-8 body"))
    }

    fn json(&self, target: &str) -> serde_json::Value {
        let (status, head, body) = self.get(target);
        assert_eq!(status, 200, "{target}: {body}");
        assert!(head.contains("Content-Type: application/json"), "{head}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{target}: not JSON: {e}: {body}"))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn stdout_json(ws: &Workspace, args: &[&str]) -> serde_json::Value {
    let out = ws.diplo().args(args).output().expect("runs");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn the_api_gives_the_cli_contracts() {
    let ws = Workspace::with_seeds().indexed();
    let served = Served::start(&ws);
    let found = served.json("/api/search?q=Korean+Peninsula&limit=5");
    let cli = common::json_lines(
        &ws.diplo()
            .args(["search", "Korean Peninsula", "--json", "-n", "5"])
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(found["total"].as_u64(), Some(cli.len() as u64));
    let ids: Vec<&str> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    let cli_ids: Vec<&str> = cli.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, cli_ids);
    assert_eq!(found["hits"][0]["snippet"], cli[0]["snippet"]);

    assert_eq!(
        served.json("/api/stats?type=phone_call"),
        stdout_json(&ws, &["stats", "--json", "--type", "phone_call"])
    );
    let id = cli_ids[0];
    assert_eq!(
        served.json(&format!("/api/record/{id}")),
        stdout_json(&ws, &["show", id, "--json"])
    );
    let timeline = served.json("/api/timeline?participant=Trump&participant=Xi");
    assert!(!timeline.as_array().unwrap().is_empty());
    assert!(timeline[0]["contact"].is_string());
    let graph = served.json("/api/graph?nodes=countries");
    assert_eq!(graph["nodes_are"], "countries");
    assert_eq!(graph["edges"][0]["source"], "CHN");
    assert_eq!(graph["edges"][0]["target"], "USA");
    // A page after the first: the same hits as the CLI's, past the offset.
    let by_date = common::json_lines(
        &ws.diplo()
            .args(["search", "*", "--sort", "date", "--json"])
            .output()
            .unwrap()
            .stdout,
    );
    let page = served.json("/api/search?q=*&sort=date&limit=2&offset=2");
    assert_eq!(page["total"], 4);
    assert_eq!(page["hits"].as_array().unwrap().as_slice(), &by_date[2..4]);
    let months = served.json("/api/months");
    assert!(months["months"].as_array().unwrap().len() > 1);
    assert!(served.json("/api/contacts").as_array().unwrap().len() >= 3);
}

#[test]
fn the_search_page_has_hits_facets_and_a_url_for_every_filter() {
    let ws = Workspace::with_seeds().indexed();
    let served = Served::start(&ws);
    let (status, head, page) = served.get("/?q=Trump");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html"), "{head}");
    assert!(
        head.contains("Content-Security-Policy: default-src 'none'"),
        "{head}"
    );
    assert!(page.contains("class=\"hit-link\""), "{page}");
    assert!(page.contains("<mark>Trump</mark>"), "{page}");
    // A facet link adds its filter to the current query.
    assert!(
        page.contains("href=\"/?q=Trump&amp;type=phone_call\""),
        "{page}"
    );
    let (_, _, narrowed) = served.get("/?q=Trump&type=phone_call");
    assert!(
        narrowed.contains("aria-label=\"Remove filter type phone_call\""),
        "{narrowed}"
    );
    let total = |page: &str| -> u64 {
        let at = page.find("matching record").unwrap();
        let digits: String = page[..at]
            .chars()
            .rev()
            .skip(1)
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits.chars().rev().collect::<String>().parse().unwrap()
    };
    assert!(total(&narrowed) < total(&page));
}

#[test]
fn readout_text_is_escaped_everywhere_it_is_shown() {
    let ws = Workspace::with_seeds();
    // (The loader itself drops what reads as markup; the pages' unit tests escape a record
    // that holds it everywhere.)
    let line = serde_json::json!({
        "url": "https://example.org/readout",
        "title": "Xi Jinping Holds Telephone Talks with President <script>alert(1)</script> of the US",
        "text": "On March 9, 2018, President Xi Jinping held telephone talks with US President Donald Trump about \"onmouseover=alert(2) x=\".\n\nXi Jinping said </textarea><img src=x onerror=alert(3)> the two sides should talk.",
    });
    ws.write("seeds/hostile.jsonl", format!("{line}\n"));
    let ws = ws.indexed();
    let served = Served::start(&ws);
    let (_, _, page) = served.get("/?q=alert");
    assert!(page.contains("matching record"), "{page}");
    let id = {
        let hits = served.json("/api/search?q=alert");
        hits["hits"][0]["id"].as_str().unwrap().to_string()
    };
    let (status, _, record) = served.get(&format!("/record/{id}"));
    assert_eq!(status, 200);
    for shown in [&page, &record] {
        assert!(!shown.contains("<script>alert"), "{shown}");
        assert!(!shown.contains("<img src=x"), "{shown}");
        assert!(!shown.contains("\"onmouseover="), "{shown}");
        assert!(!shown.contains("</textarea>"), "{shown}");
    }
    assert!(record.contains("&quot;onmouseover=alert(2)"), "{record}");
    // The source, as text in a sandbox: a scrape's line alone.
    let (status, head, source) = served.get(&format!("/source/{id}"));
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/plain; charset=utf-8"),
        "{head}"
    );
    assert!(head.contains("Content-Security-Policy: sandbox"), "{head}");
    assert_eq!(source, line.to_string());
    assert!(
        record.contains(&format!("href=\"/source/{id}\"")),
        "{record}"
    );
    // The query itself goes back into the box escaped.
    let (_, _, echoed) = served.get("/?q=%22%3E%3Cscript%3Ealert(4)%3C%2Fscript%3E");
    assert!(!echoed.contains("<script>alert(4)"), "{echoed}");
}

#[test]
fn what_is_not_a_plain_local_read_is_refused() {
    let ws = Workspace::with_seeds().indexed();
    let served = Served::start(&ws);
    // DNS rebinding: a page of another site that resolves to 127.0.0.1.
    let (status, _, _) = served.raw("GET / HTTP/1.1\r\nHost: evil.example:80\r\n\r\n");
    assert_eq!(status, 421);
    let (status, _, _) = served.raw("GET / HTTP/1.1\r\n\r\n");
    assert_eq!(status, 421, "no Host at all");
    let port = served.addr.rsplit(':').next().unwrap();
    let (status, _, _) = served.raw(&format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"));
    assert_eq!(status, 200);
    let (status, head, _) = served.raw(&format!(
        "POST /api/search HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\n\r\n",
        served.addr
    ));
    assert_eq!(status, 405);
    assert!(head.contains("Allow: GET, HEAD"), "{head}");
    let huge = "x".repeat(20_000);
    let (status, _, _) = served.raw(&format!(
        "GET /?q={huge} HTTP/1.1\r\nHost: {}\r\n\r\n",
        served.addr
    ));
    assert_eq!(status, 431);
    let (status, _, _) = served.raw("NOT HTTP AT ALL\r\n\r\n");
    assert_eq!(status, 400);
}

#[test]
fn errors_say_what_to_do_as_json_or_as_a_page() {
    let ws = Workspace::with_seeds().indexed();
    let served = Served::start(&ws);
    let (status, _, body) = served.get("/api/search?q=(((unclosed");
    assert_eq!(status, 400);
    let error: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        error["error"].as_str().unwrap().contains("invalid query"),
        "{body}"
    );
    let (status, _, body) = served.get("/api/search?q=x&type=summit");
    assert_eq!(status, 400);
    assert!(body.contains("type=\\\"summit\\\""), "{body}");
    let (status, _, _) = served.get("/source/ffffffffffff");
    assert_eq!(status, 404);
    // A seed's file, byte for byte; the path comes from the index, never the URL.
    let seed = std::fs::read_to_string(ws.file("seeds/000_fd7ad6a0d65a9c83.txt")).unwrap();
    let (status, _, text) = served.get("/source/seeds/000_fd7ad6a0d65a9c83.txt");
    assert_eq!(status, 200);
    assert_eq!(text, seed);
    let (status, _, _) = served.get("/source/..%2F..%2Fetc%2Fpasswd");
    assert_eq!(status, 404);
    let (status, _, page) = served.get("/record/ffffffffffff");
    assert_eq!(status, 404);
    assert!(page.contains("role=\"alert\""), "{page}");
    assert!(page.contains("no record with id"), "{page}");
    let (status, _, body) = served.get("/api/nothing");
    assert_eq!(status, 404);
    assert!(body.contains("\"status\":404"), "{body}");
    // A query nested past the search limit is bounded exactly as in `search`.
    let nested = format!("{}x{}", "(".repeat(200), ")".repeat(200));
    let target = format!(
        "/api/search?q={}",
        form_urlencoded::byte_serialize(nested.as_bytes()).collect::<String>()
    );
    let (status, _, body) = served.get(&target);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("nests parentheses"), "{body}");
}

#[test]
fn an_idle_connection_does_not_hold_the_others() {
    let ws = Workspace::with_seeds().indexed();
    let served = Served::start(&ws);
    let mut idle = TcpStream::connect(&served.addr).unwrap();
    idle.write_all(b"GET / HTTP/1.1\r\nHo").unwrap();
    let (status, _, _) = served.get("/api/stats");
    assert_eq!(status, 200);
    drop(idle);
}

#[test]
fn downloads_give_the_current_query_as_files() {
    let ws = Workspace::with_seeds().indexed();
    let served = Served::start(&ws);
    let (status, head, csv) = served.get("/download?q=Trump&format=csv");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Disposition: attachment; filename=\"diplo-query.csv\""),
        "{head}"
    );
    let cli = ws
        .diplo()
        .args(["export", "--format", "csv", "Trump"])
        .output()
        .unwrap();
    assert_eq!(csv.as_bytes(), cli.stdout.as_slice());
    let (status, _, gexf) = served.get("/download?format=gexf");
    assert_eq!(status, 200);
    assert!(gexf.contains("<gexf"), "{gexf}");
    assert!(gexf.contains("label=\"Xi Jinping\""), "{gexf}");
    let (_, _, jsonl) = served.get("/download?format=jsonl");
    assert_eq!(common::json_lines(jsonl.as_bytes()).len(), 4);
    let (status, _, _) = served.get("/download?format=pdf");
    assert_eq!(status, 400);
}

#[test]
fn the_server_reads_the_new_commit_after_an_index_run() {
    let ws = Workspace::with_seeds().indexed();
    let served = Served::start(&ws);
    assert_eq!(served.json("/api/search?q=*")["total"], 4);
    let seed = std::fs::read_to_string(ws.file("seeds/000_fd7ad6a0d65a9c83.txt")).unwrap();
    ws.write("seeds/more.txt", seed.replace("March 19", "March 20"));
    ws.diplo().args(["index"]).assert().success();
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(served.json("/api/search?q=*")["total"], 5);
}

#[test]
fn graph_writes_dot_graphml_and_gexf() {
    let ws = Workspace::with_seeds().indexed();
    let dot = ws.diplo().args(["graph"]).output().unwrap();
    assert!(dot.status.success());
    let dot = String::from_utf8(dot.stdout).unwrap();
    assert!(dot.starts_with("graph diplo {"), "{dot}");
    assert!(
        dot.contains("\"Donald Trump\" -- \"Xi Jinping\" [weight=3"),
        "{dot}"
    );
    let graphml = ws
        .diplo()
        .args(["graph", "--format", "graphml", "--nodes", "countries"])
        .output()
        .unwrap();
    let graphml = String::from_utf8(graphml.stdout).unwrap();
    assert!(
        graphml.contains("<data key=\"label\">CHN</data>"),
        "{graphml}"
    );
    ws.diplo()
        .args(["graph", "--type", "signing"])
        .assert()
        .code(1);
}
