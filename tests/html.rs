//! HTML pages through the binary: a government page with its chrome, embassy pages in legacy
//! encodings, a `wget --mirror` tree, and a saved page named without an extension.

mod common;
use common::{Workspace, json_lines};
use serde_json::Value;

fn manifest_file(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// `diplo check --json` on one path: each line's record.
fn check(ws: &Workspace, path: &str) -> Vec<Value> {
    let out = ws
        .diplo()
        .args(["check", "--json", path])
        .output()
        .expect("runs");
    json_lines(&out.stdout)
}

fn texts(record: &Value) -> Vec<String> {
    record["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| p["text"].as_str().expect("text").to_string())
        .collect()
}

fn principals(record: &Value) -> Vec<(String, String)> {
    record["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .filter(|p| p["role"] == "principal")
        .map(|p| {
            (
                p["name"].as_str().unwrap_or("").to_string(),
                p["country"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_government_page_gives_its_readout_without_the_site_chrome() {
    let ws = Workspace::empty();
    ws.write(
        "pages/chancellery-call.html",
        std::fs::read(manifest_file("tests/html/chancellery-call.html")).expect("page"),
    );
    let lines = check(&ws, "pages");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["ok"], true, "{}", lines[0]);
    let r = &lines[0]["record"];
    assert_eq!(r["title"], "Chancellor Scholz speaks with President Macron");
    // "on Friday evening", counted back from the visible date line of the article's header.
    assert_eq!(r["date"], "2023-05-12");
    assert_eq!(r["date_source"], "header");
    assert_eq!(r["event_type"], "phone_call");
    assert_eq!(
        principals(r),
        [
            ("Olaf Scholz".to_string(), "DEU".to_string()),
            ("Emmanuel Macron".to_string(), "FRA".to_string())
        ]
    );
    assert_eq!(
        r["url"],
        "https://www.bundesregierung.example/breg-en/news/scholz-macron-call-2190532"
    );
    let paragraphs = texts(r);
    assert_eq!(
        paragraphs[0],
        "Federal Chancellor Olaf Scholz held a telephone conversation with the President of France, Emmanuel Macron, on Friday evening."
    );
    // Entities decoded, <br> kept as a line break inside the text's paragraph layout.
    assert!(paragraphs.iter().any(|p| p.contains("Ukraine & agreed")));
    assert!(
        paragraphs
            .iter()
            .any(|p| p
                == "Chancellor Scholz said: \u{201c}Germany and France stand together.\u{201d}")
    );
    let all = paragraphs.join("\n");
    for chrome in [
        "cookies",
        "Privacy settings",
        "Go to content",
        "Federal Government\n",
        "Search",
        "Deutsch",
        "Home",
        "Share",
        "Twitter",
        "Most read",
        "Related articles",
        "meets President Macron in Paris",
        "Imprint",
        "©",
        "_paq",
        "position: fixed",
        "Telephone call",
    ] {
        assert!(!all.contains(chrome), "{chrome:?} leaked into {all}");
    }
}

#[test]
fn a_page_dated_only_by_its_markup_gets_the_meta_date_source() {
    let ws = Workspace::empty();
    ws.write(
        "call.html",
        r#"<!doctype html><html><head>
<title>Prime Minister holds talks with the President of Kenya - Prime Minister's Office</title>
<meta name="DC.date" content="2022-09-20">
<meta property="og:url" content="https://pmo.example/news/talks-kenya">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div id="content">
<p>Prime Minister Fumio Kishida held talks with President William Ruto of Kenya today.</p>
<p>The two leaders discussed cooperation in trade and investment.</p>
</div>
<div id="footer">Prime Minister's Office</div>
</body></html>"#,
    );
    let lines = check(&ws, "call.html");
    let r = &lines[0]["record"];
    assert_eq!(r["date"], "2022-09-20", "{r}");
    assert_eq!(r["date_source"], "meta");
    assert_eq!(r["event_type"], "talks");
    // No <h1>: the <title>, without the site's name, is the title.
    assert_eq!(
        r["title"],
        "Prime Minister holds talks with the President of Kenya"
    );
    assert_eq!(r["url"], "https://pmo.example/news/talks-kenya");
    assert_eq!(texts(r).len(), 2, "{r}");
}

/// A Russian embassy's page in English, written in windows-1251 as such sites still are: its
/// menu in Russian, a Russian name in the text.
fn embassy_page_1251() -> Vec<u8> {
    let page = r#"<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Посольство России | Sergey Lavrov meets with the Foreign Minister of Indonesia</title>
</head>
<body>
<table width="100%"><tr><td id="menu" class="menu"><a href="/">Главная</a> | <a href="/news">Новости</a> | <a href="/consul">Консульский отдел</a></td></tr>
<tr><td class="content">
<h1>Sergey Lavrov meets with the Foreign Minister of Indonesia</h1>
<p>14 March 2019</p>
<p>On 14 March 2019, Minister of Foreign Affairs of Russia Sergey Lavrov (Сергей Лавров) held talks with Foreign Minister of Indonesia Retno Marsudi in Moscow.</p>
<p>The ministers discussed bilateral cooperation.</p>
</td></tr>
<tr><td id="footer">© Посольство Российской Федерации, 2019</td></tr></table>
</body></html>"#;
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(page);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn an_embassy_page_in_windows_1251_is_read_by_its_declaration() {
    let ws = Workspace::empty();
    let bytes = embassy_page_1251();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the page is not UTF-8"
    );
    ws.write("embassy/news-1251.htm", &bytes);
    let lines = check(&ws, "embassy");
    let r = &lines[0]["record"];
    assert_eq!(
        r["title"],
        "Sergey Lavrov meets with the Foreign Minister of Indonesia"
    );
    assert_eq!(r["date"], "2019-03-14");
    let paragraphs = texts(r);
    assert!(
        paragraphs[0].contains("Sergey Lavrov (Сергей Лавров) held talks"),
        "{paragraphs:?}"
    );
    let all = paragraphs.join("\n");
    assert!(
        !all.contains("Главная") && !all.contains("Посольство"),
        "{all}"
    );
    assert_eq!(r["location"], "Moscow");
}

#[test]
fn a_shift_jis_page_and_an_undeclared_windows_1251_page_decode() {
    let ws = Workspace::empty();
    let page = r#"<!DOCTYPE html><html lang="ja"><head>
<meta charset="Shift_JIS">
<title>日英首脳電話会談 | 外務省</title>
</head><body>
<div class="breadcrumbs"><a href="/">ホーム</a> &gt; <a href="/press">会見・発表</a></div>
<main>
<h1>Japan-UK Summit Telephone Talk (日英首脳電話会談)</h1>
<p>On May 3, 2022, Prime Minister Fumio Kishida held a telephone talk with Prime Minister Boris Johnson of the United Kingdom.</p>
</main>
</body></html>"#;
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(page);
    assert!(!unmappable);
    ws.write("mofa/talk.html", &bytes);
    // No declaration at all: the bytes are detected as windows-1251.
    let undeclared = embassy_page_text_without_declaration();
    assert!(!undeclared.contains("charset"));
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&undeclared);
    ws.write("mofa/undeclared.html", &bytes);

    let lines = check(&ws, "mofa");
    let by_name = |name: &str| {
        lines
            .iter()
            .find(|l| l["source"].as_str().is_some_and(|s| s.ends_with(name)))
            .map(|l| l["record"].clone())
            .unwrap_or_else(|| panic!("no record for {name}"))
    };
    let talk = by_name("talk.html");
    assert_eq!(
        talk["title"],
        "Japan-UK Summit Telephone Talk (日英首脳電話会談)"
    );
    assert_eq!(talk["date"], "2022-05-03");
    assert_eq!(talk["event_type"], "phone_call");
    assert!(!texts(&talk).join(" ").contains("ホーム"));
    let undeclared = by_name("undeclared.html");
    assert!(
        texts(&undeclared)[0].contains("Сергей Лавров"),
        "{undeclared}"
    );
}

/// The 1251 embassy page's text with no charset declaration.
fn embassy_page_text_without_declaration() -> String {
    let bytes = embassy_page_1251();
    let (text, _, _) = encoding_rs::WINDOWS_1251.decode(&bytes);
    text.replace(
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
        "",
    )
}

/// A readout page of a mirrored site.
fn mirrored_readout(title: &str, lead: &str, published: &str, slug: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title} - Ministry of Foreign Affairs</title>
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="https://www.mfa.example/en/news/{slug}">
<link rel="stylesheet" href="../../static/css/site.css">
<script src="../../static/js/app.js"></script></head>
<body>
<header><a href="../../index.html"><img src="../../static/img/logo.png" alt="MFA"></a>
<nav><a href="../../index.html">Home</a> <a href="../index.html?page=2">News</a></nav></header>
<main><article><h1>{title}</h1><p>{lead}</p><p>The two sides exchanged views on regional issues.</p></article></main>
<footer><p>Ministry of Foreign Affairs</p></footer>
</body></html>"#
    )
}

#[test]
fn a_wget_mirror_indexes_its_pages_and_passes_over_the_rest_quietly() {
    let ws = Workspace::empty();
    let site = "www.mfa.example";
    ws.write(
        &format!("{site}/robots.txt"),
        "User-agent: *\nDisallow: /admin/\n",
    );
    ws.write(
        &format!("{site}/static/css/site.css"),
        "body { margin: 0 }\n",
    );
    ws.write(&format!("{site}/static/js/app.js"), "console.log('x');\n");
    ws.write(
        &format!("{site}/static/img/logo.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    );
    ws.write(&format!("{site}/favicon.ico"), b"\0\0\x01\0");
    ws.write(
        &format!("{site}/sitemap.xml"),
        "<?xml version=\"1.0\"?><urlset></urlset>",
    );
    ws.write(
        &format!("{site}/en/news/2021-03-14-call.html"),
        mirrored_readout(
            "Foreign Minister holds telephone talks with Secretary Blinken",
            "On March 14, 2021, Foreign Minister Wang Yi held a telephone conversation with US Secretary of State Antony Blinken.",
            "2021-03-14T20:00:00+08:00",
            "2021-03-14-call",
        ),
    );
    ws.write(
        &format!("{site}/en/news/2021-04-02-meeting.html"),
        mirrored_readout(
            "Foreign Minister meets Foreign Minister of Singapore",
            "Foreign Minister Wang Yi met with Foreign Minister Vivian Balakrishnan of Singapore in Xiamen.",
            "2021-04-02T18:00:00+08:00",
            "2021-04-02-meeting",
        ),
    );
    // A listing page, as wget saves the site's second page of news.
    ws.write(
        &format!("{site}/en/index.html?page=2"),
        r#"<html><head><title>News - Ministry of Foreign Affairs</title></head><body>
<nav><a href="../index.html">Home</a></nav>
<main><h1>News</h1><ul>
<li><a href="news/2021-03-14-call.html">Foreign Minister holds telephone talks with Secretary Blinken</a></li>
<li><a href="news/2021-04-02-meeting.html">Foreign Minister meets Foreign Minister of Singapore</a></li>
</ul></main></body></html>"#,
    );

    let out = ws.diplo().args(["index", site]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("6 other files (not .txt, HTML or a scrape) not read"),
        "{stderr}"
    );
    for noise in ["robots", ".css", ".js", ".png", ".ico", "sitemap"] {
        assert!(!stderr.contains(noise), "{noise} reported: {stderr}");
    }
    assert!(
        stderr.contains("indexed 3 records from 3 files"),
        "{stderr}"
    );

    let out = ws
        .diplo()
        .args(["search", "--json", "Blinken"])
        .output()
        .expect("runs");
    let hits = json_lines(&out.stdout);
    let call = hits
        .iter()
        .find(|h| {
            h["source"]
                .as_str()
                .is_some_and(|s| s.ends_with("call.html"))
        })
        .expect("the call is found");
    assert_eq!(call["date"], "2021-03-14");
    assert_eq!(call["event_type"], "phone_call");
    let id = call["id"].as_str().expect("id");
    let out = ws
        .diplo()
        .args(["show", "--json", id])
        .output()
        .expect("runs");
    let record: Value = serde_json::from_slice(&out.stdout).expect("record JSON");
    assert_eq!(
        record["url"],
        "https://www.mfa.example/en/news/2021-03-14-call"
    );
    assert_eq!(
        record["title"],
        "Foreign Minister holds telephone talks with Secretary Blinken"
    );
    let out = ws.diplo().args(["show", id]).output().expect("runs");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("url:          https://www.mfa.example/en/news/2021-03-14-call"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // The meeting's lead gives no date: the markup's publication date does.
    let out = ws
        .diplo()
        .args(["search", "--json", "Balakrishnan"])
        .output()
        .expect("runs");
    let hits = json_lines(&out.stdout);
    assert_eq!(hits[0]["date"], "2021-04-02");

    // A page touched but unchanged is known again by its text: not re-parsed, unchanged.
    let page = ws.file(&format!("{site}/en/news/2021-03-14-call.html"));
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(120);
    std::fs::File::options()
        .write(true)
        .open(&page)
        .and_then(|f| f.set_modified(later))
        .expect("touch");
    let out = ws.diplo().args(["index"]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("added 0, updated 0, removed 0, unchanged 3"),
        "{stderr}"
    );

    // check lists the same documents, and counts the rest.
    let out = ws.diplo().args(["check", site]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("checked 3 files") && stderr.contains("; 6 other files"),
        "{stderr}"
    );
}

#[test]
fn a_file_named_directly_whose_content_is_html_is_read_as_html() {
    let ws = Workspace::empty();
    // A browser's "Save page as" with no extension, and a page saved as .txt.
    let page = "<!-- saved from url=(0040)https://www.mfa.example/en/news/1 -->\n<!DOCTYPE html>\n<html><head><title>x</title></head><body><nav>Home | News</nav><h1>Wang Yi Meets Antony Blinken</h1><p>On March 19, 2023, Foreign Minister Wang Yi met with US Secretary of State Antony Blinken in Beijing.</p><script>var x = 1;</script></body></html>";
    ws.write("saved-page", page);
    ws.write("corpus/saved-as.txt", page);
    for path in ["saved-page", "corpus"] {
        let lines = check(&ws, path);
        let r = &lines[0]["record"];
        assert_eq!(r["title"], "Wang Yi Meets Antony Blinken", "{path}");
        assert_eq!(r["date"], "2023-03-19", "{path}");
        let all = texts(r).join("\n");
        assert!(
            !all.contains('<') && !all.contains("var x") && !all.contains("Home"),
            "{path}: {all}"
        );
    }
}

#[test]
fn a_page_of_nothing_but_chrome_or_markup_is_skipped_with_a_reason() {
    let ws = Workspace::empty();
    ws.write(
        "pages/empty.html",
        "<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>",
    );
    ws.write("pages/image.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    ws.write("pages/ok.html", "<p>On March 19, 2023, Foreign Minister Wang Yi met with US Secretary of State Antony Blinken in Beijing.</p>");
    let out = ws
        .diplo()
        .args(["check", "--json", "pages"])
        .output()
        .expect("runs");
    let lines = json_lines(&out.stdout);
    let code = |name: &str| {
        lines
            .iter()
            .find(|l| l["source"].as_str().is_some_and(|s| s.ends_with(name)))
            .map(|l| l["problems"][0]["code"].clone())
            .expect("reported")
    };
    assert_eq!(code("empty.html"), "empty");
    assert_eq!(code("image.html"), "binary");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 skipped"), "{stderr}");
}

#[test]
fn a_page_nested_deeper_than_any_page_is_refused_at_once_with_the_reason() {
    let ws = Workspace::empty();
    // 50,000 nested <div>s: html5ever would take minutes (its scope checks scan the stack).
    let page = "<html><body>".to_string()
        + &"<div>".repeat(50_000)
        + "On March 19, 2023, Wang Yi met Antony Blinken."
        + &"</div>".repeat(50_000);
    ws.write("deep.html", page);
    ws.write("fine.html", "<p>On March 19, 2023, Foreign Minister Wang Yi met with US Secretary of State Antony Blinken in Beijing.</p>");
    let started = std::time::Instant::now();
    let out = ws
        .diplo()
        .args(["check", "--json", "."])
        .output()
        .expect("runs");
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    let lines = json_lines(&out.stdout);
    let deep = lines
        .iter()
        .find(|l| {
            l["source"]
                .as_str()
                .is_some_and(|s| s.ends_with("deep.html"))
        })
        .expect("reported");
    assert_eq!(deep["problems"][0]["code"], "too_deep", "{deep}");
    assert!(lines.iter().any(|l| {
        l["source"]
            .as_str()
            .is_some_and(|s| s.ends_with("fine.html"))
            && !l["record"].is_null()
    }));
}
