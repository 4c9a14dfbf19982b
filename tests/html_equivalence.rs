//! The central claim of HTML input, measured: a readout saved as an HTML page gives the same
//! record as its text. Every labelled fixture (`tests/fixtures/**/*.txt`) and every seed is
//! wrapped into pages in the style of three kinds of site (a modern page with a cookie banner,
//! menus, share bar, related links and footer; an old table layout; an ASP.NET page of
//! `<div>`s inside one `<form>`), written as `.html` files, and both folders go through
//! `diplo check --json`. The records are compared on title, date, event type, participants,
//! requested_by, location and paragraph texts; a table of agreement per field is printed and
//! any difference fails.

mod common;
use common::{Workspace, json_lines};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const FIELDS: [&str; 7] = [
    "title",
    "date",
    "event_type",
    "participants",
    "requested_by",
    "location",
    "paragraphs",
];

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The texts to wrap: (relative name without extension, text).
fn corpus() -> Vec<(String, String)> {
    let mut files = Vec::new();
    common::txt_files(&manifest().join("tests/fixtures"), &mut files);
    common::txt_files(&manifest().join("seeds"), &mut files);
    files
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(manifest())
                .expect("under the manifest")
                .with_extension("")
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(&path).expect("readable fixture");
            let text = diplo::loader::decode::decode(&bytes)
                .expect("fixture decodes")
                .replace("\r\n", "\n")
                .replace('\r', "\n");
            (rel, text)
        })
        .collect()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut spaces = 0;
    for c in text.chars() {
        // A run of spaces shows as one in HTML: the page writes the rest as &nbsp;, as a
        // page must to show them.
        if c == ' ' {
            spaces += 1;
            out.push_str(if spaces == 1 { " " } else { "&nbsp;" });
            continue;
        }
        spaces = 0;
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The text's blocks (runs of non-blank lines), each a list of lines.
fn blocks(text: &str) -> Vec<Vec<&str>> {
    let mut blocks = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// The record's title and date as the text gives them, for the page's <title> and meta tags.
struct Known {
    title: Option<String>,
    day: Option<String>,
}

/// Writes a text as a page of one site style.
type PageStyle = fn(&str, &Known) -> String;

/// A modern site: a cookie banner, a header with a menu, breadcrumbs, the text in <article>
/// (the title line as <h1>), a share bar, a related-links list and a footer, with scripts.
fn modern_page(text: &str, known: &Known) -> String {
    let mut body = String::new();
    for block in blocks(text) {
        let lines: Vec<String> = block.iter().map(|l| escape(l.trim())).collect();
        if block.len() == 1 && known.title.as_deref() == Some(block[0].trim()) {
            body.push_str(&format!(
                "    <h1 class=\"article-title\">{}</h1>\n",
                lines[0]
            ));
        } else {
            body.push_str(&format!("    <p>{}</p>\n", lines.join("<br>\n      ")));
        }
    }
    let title = known.title.as_deref().map(escape).unwrap_or_default();
    let published = known
        .day
        .as_ref()
        .map(|d| {
            format!("<meta property=\"article:published_time\" content=\"{d}T10:30:00+03:00\">\n")
        })
        .unwrap_or_default();
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | Ministry of Foreign Affairs</title>
<meta property="og:site_name" content="Ministry of Foreign Affairs">
<meta property="og:type" content="article">
{published}<link rel="canonical" href="https://www.mfa.example/en/news/12345">
<link rel="stylesheet" href="/static/css/main.css">
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date());
</script>
<style>.cookie-notice {{ position: fixed; bottom: 0 }}</style>
</head>
<body class="page-news lang-en">
<div class="cookie-notice" id="cookieNotice" role="dialog">
  <p>This website uses cookies to improve your experience. By continuing to browse you agree to our use of cookies.</p>
  <button type="button">I agree</button> <a href="/en/privacy">Learn more</a>
</div>
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header">
  <div class="logo"><a href="/en/"><img src="/static/img/emblem.png" alt="Ministry of Foreign Affairs"></a></div>
  <nav class="main-menu" aria-label="Main">
    <ul>
      <li><a href="/en/ministry/">The Ministry</a></li>
      <li><a href="/en/policy/">Foreign Policy</a></li>
      <li class="active"><a href="/en/news/">Press Service</a></li>
      <li><a href="/en/consular/">Consular Services</a></li>
    </ul>
  </nav>
  <form class="search" action="/en/search/"><input name="q" placeholder="Search"><button>Search</button></form>
</header>
<div class="breadcrumbs"><a href="/en/">Home</a> › <a href="/en/news/">Press Service</a> › News</div>
<div class="container">
  <main id="content">
  <article class="news-item">
{body}    <div class="share-buttons">
      <span>Share:</span> <a href="https://facebook.example/share">Facebook</a> <a href="https://x.example/intent">X</a> <a href="mailto:?subject=news">Email</a>
    </div>
  </article>
  <aside class="sidebar">
    <h3>Latest news</h3>
    <ul><li><a href="/en/news/12344">Minister receives credentials of new ambassadors</a></li></ul>
  </aside>
  <section class="related-news">
    <h2>Related news</h2>
    <ul>
      <li><a href="/en/news/12001">Foreign Minister holds talks with counterpart from Ruritania</a> <time datetime="2019-05-02">2 May 2019</time></li>
      <li><a href="/en/news/11876">Statement on the situation in the region</a></li>
    </ul>
  </section>
  </main>
</div>
<footer class="site-footer">
  <ul class="footer-links"><li><a href="/en/contacts/">Contacts</a></li><li><a href="/en/sitemap/">Site map</a></li></ul>
  <p>© Ministry of Foreign Affairs. All rights reserved. Reproduction permitted with a link to the source.</p>
</footer>
<script src="/static/js/app.js"></script>
<script>document.querySelector('.cookie-notice button').onclick = function () {{ this.parentNode.remove(); }};</script>
</body>
</html>
"##
    )
}

/// An old table layout: a menu row, the text in one cell with paragraphs separated by
/// `<br><br>`, a footer row; no <article>, <main> or <h1>; the <title> has the headline.
fn table_page(text: &str, known: &Known) -> String {
    let cell: Vec<String> = blocks(text)
        .iter()
        .map(|block| {
            block
                .iter()
                .map(|l| escape(l.trim()))
                .collect::<Vec<_>>()
                .join("<br>\n")
        })
        .collect();
    let title = known.title.as_deref().map(escape).unwrap_or_default();
    format!(
        r##"<HTML>
<HEAD>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=utf-8">
<TITLE>{title}</TITLE>
<SCRIPT LANGUAGE="JavaScript">function MM_swapImage() {{ return 1; }}</SCRIPT>
</HEAD>
<BODY BGCOLOR="#FFFFFF">
<TABLE WIDTH="780" BORDER="0">
<TR><TD ID="topmenu" CLASS="menu"><A HREF="/eng/">Home</A> | <A HREF="/eng/zxxx/">Activities</A> | <A HREF="/eng/wjb/">About Us</A></TD></TR>
<TR><TD CLASS="text" VALIGN="top">
{}
</TD></TR>
<TR><TD ID="footer"><FONT SIZE="1">Copyright Ministry of Foreign Affairs. Address: 2 Chaoyangmen Nandajie</FONT></TD></TR>
</TABLE>
</BODY>
</HTML>
"##,
        cell.join("\n<BR><BR>\n")
    )
}

/// An ASP.NET page: everything inside one <form>, a header and sidebar of <div>s marked by id
/// and class, each paragraph of the text a <div>.
fn aspnet_page(text: &str, known: &Known) -> String {
    let body: String = blocks(text)
        .iter()
        .map(|block| {
            let lines: Vec<String> = block.iter().map(|l| escape(l.trim())).collect();
            format!(
                "        <div class=\"para\">{}</div>\n",
                lines.join("<br />\n")
            )
        })
        .collect();
    let title = known.title.as_deref().map(escape).unwrap_or_default();
    format!(
        r##"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>
	Ministry of External Affairs :: {title}
</title><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /></head>
<body>
<form name="aspnetForm" method="post" action="./press-releases.htm?dtl/1234" id="aspnetForm">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKLTk2NjU4NDY0NA9kFgJmD2QWAg" /></div>
<div id="header"><div class="topLinks"><a href="/sitemap.htm">Sitemap</a> | <a href="/contact.htm">Contact Us</a></div></div>
<div id="mainMenu"><ul><li><a href="/index.htm">Home</a></li><li><a href="/media.htm">Media Center</a></li></ul></div>
<div class="wrapper">
    <div class="leftSidebar">
        <ul><li><a href="/press-releases.htm">Press Releases</a></li><li><a href="/speeches.htm">Speeches</a></li></ul>
    </div>
    <div class="innerContent">
{body}    </div>
</div>
<div class="footer">Content Owned by Ministry of External Affairs. Website maintained by the web team.</div>
</form>
</body>
</html>
"##
    )
}

fn records(output: &[u8]) -> BTreeMap<String, Value> {
    json_lines(output)
        .into_iter()
        .filter_map(|line| {
            let source = line["source"].as_str()?.to_string();
            let name = source
                .rsplit_once('.')
                .map_or(source.clone(), |(stem, _)| stem.to_string());
            Some((name, line["record"].clone()))
        })
        .collect()
}

fn field(record: &Value, name: &str) -> Value {
    match name {
        "paragraphs" => Value::Array(
            record["paragraphs"]
                .as_array()
                .map(|ps| ps.iter().map(|p| p["text"].clone()).collect())
                .unwrap_or_default(),
        ),
        _ => record[name].clone(),
    }
}

#[test]
fn a_readout_saved_as_html_gives_the_record_of_its_text() {
    let corpus = corpus();
    assert!(corpus.len() >= 75, "only {} texts", corpus.len());
    let ws = Workspace::empty();
    for (name, text) in &corpus {
        ws.write(&format!("txt/{name}.txt"), text);
    }
    let out = ws
        .diplo()
        .args(["check", "--json", "txt"])
        .output()
        .expect("runs");
    let from_text = records(&out.stdout);
    assert_eq!(from_text.len(), corpus.len());

    let kinds: [(&str, PageStyle); 3] = [
        ("modern", modern_page),
        ("table", table_page),
        ("aspnet", aspnet_page),
    ];
    let mut failures = Vec::new();
    let mut table = Vec::new();
    for (kind, page) in kinds {
        for (name, text) in &corpus {
            let record = &from_text[&format!("txt/{name}")];
            let known = Known {
                title: record["title"].as_str().map(str::to_string),
                day: record["date"]
                    .as_str()
                    .filter(|_| record["date_precision"] == "day")
                    .map(str::to_string),
            };
            ws.write(&format!("{kind}/{name}.html"), page(text, &known));
        }
        let out = ws
            .diplo()
            .args(["check", "--json", kind])
            .output()
            .expect("runs");
        let from_html = records(&out.stdout);
        let mut agree: BTreeMap<&str, usize> = FIELDS.iter().map(|f| (*f, 0)).collect();
        let mut whole = 0;
        for (name, _) in &corpus {
            let text_record = &from_text[&format!("txt/{name}")];
            let Some(html_record) = from_html.get(&format!("{kind}/{name}")) else {
                failures.push(format!("{kind}/{name}: no record from the page"));
                continue;
            };
            let mut all = true;
            for f in FIELDS {
                let (a, b) = (field(text_record, f), field(html_record, f));
                if a == b {
                    *agree.get_mut(f).expect("field") += 1;
                } else {
                    all = false;
                    failures.push(format!("{kind}/{name}: {f}: text {a} / page {b}"));
                }
            }
            whole += usize::from(all);
            let url = if kind == "modern" {
                Value::from("https://www.mfa.example/en/news/12345")
            } else {
                Value::Null
            };
            assert_eq!(html_record["url"], url, "{kind}/{name}");
        }
        table.push((kind, agree, whole));
    }
    eprintln!(
        "HTML vs text, {} readouts (fixtures and seeds):",
        corpus.len()
    );
    eprintln!(
        "{:<8} {}  whole record",
        "page",
        FIELDS.map(|f| format!("{f:>14}")).join("")
    );
    for (kind, agree, whole) in &table {
        let cells: String = FIELDS.iter().map(|f| format!("{:>14}", agree[f])).collect();
        eprintln!("{kind:<8} {cells}  {whole}/{}", corpus.len());
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
