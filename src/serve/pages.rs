//! The explorer's HTML pages, written with maud: every value from a readout or a request is
//! escaped by the template, and nothing is inlined that the Content-Security-Policy would
//! have to allow (scripts and styles come from `/static/`).

use super::view::{Facet, PAGE_SIZE, View};
use crate::commands::show::ContactRecord;
use crate::record::{Record, Role};
use crate::search::{Hit, SortOrder};
use crate::views::compare::Comparison;
use crate::views::similar::Similar;
use crate::views::stats::{Bucket, Stats};
use maud::{DOCTYPE, Markup, html};

/// Facet values shown per facet; the next ones fold away under "N more".
const FACET_ROWS: usize = 12;
/// Facet values folded under "N more", at most: a page of 100k readouts names thousands of
/// people.
const FACET_MAX_ROWS: usize = 200;

fn layout(title: &str, main: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · diplo" }
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                a class="skip" href="#main" { "Skip to content" }
                header class="top" {
                    a href="/" class="brand" { "diplo" }
                    span class="tagline" { "who talked to whom" }
                }
                main id="main" { (main) }
            }
        }
    }
    .into_string()
}

/// The search page: box, chips, hits, facets, pictures and downloads.
pub struct SearchPage<'a> {
    pub view: &'a View,
    pub hits: &'a [Hit],
    pub total: usize,
    pub stats: &'a Stats,
    pub records_in_index: u64,
}

pub fn search_page(p: &SearchPage) -> String {
    let v = p.view;
    let title = match v.query() {
        Some(q) => format!("{q} – search"),
        None => "Search".to_string(),
    };
    let first = (v.page - 1) * PAGE_SIZE;
    let main = html! {
        (search_form(v))
        @let chips = v.chips();
        @if !chips.is_empty() {
            ul class="chips" aria-label="Active filters" {
                @for (facet, value) in &chips {
                    li {
                        a class="chip" href=(v.without(*facet, value).link("/"))
                            aria-label=(format!("Remove filter {} {}", facet.param(), value)) {
                            span class="chip-facet" { (facet.param()) }
                            " " (value) " "
                            span aria-hidden="true" { "×" }
                        }
                    }
                }
            }
        }
        div class="columns" {
            section class="results" aria-labelledby="results-heading" {
                h1 id="results-heading" class="count" {
                    (p.total) " matching record" @if p.total != 1 { "s" }
                    " of " (p.records_in_index)
                }
                @if p.hits.is_empty() {
                    p class="empty" { "Nothing matches. Remove a filter, or try fewer words." }
                }
                ol class="hits" start=(first + 1) {
                    @for hit in p.hits {
                        li class="hit" {
                            a class="hit-link" href=(format!("/record/{}", hit.id)) {
                                (hit.title.as_deref().unwrap_or("(untitled)"))
                            }
                            div class="meta" {
                                span class="date" { (hit.date.as_deref().unwrap_or("undated")) }
                                " · " span class="type" { (hit.event_type.as_str()) }
                                @if !hit.participants.is_empty() {
                                    " · " span class="people" { (hit.participants.join(", ")) }
                                }
                                @if hit.contact_records > 1 {
                                    " · " span class="contact" { (hit.contact_records) " records of this contact" }
                                }
                            }
                            @if !hit.snippet.is_empty() {
                                p class="snippet" { (highlighted(&hit.snippet, &hit.highlights)) }
                            }
                        }
                    }
                }
                (pager(v, p.total))
                section class="downloads" aria-labelledby="downloads-heading" {
                    h2 id="downloads-heading" { "Download this query" }
                    ul {
                        @for (format, label) in [("jsonl", "records (JSON Lines)"), ("csv", "records (CSV)"), ("events", "events (CSV)"), ("graphml", "network (GraphML)"), ("gexf", "network (GEXF)"), ("dot", "network (DOT)")] {
                            li { a href=(download_link(v, format)) download { (label) } }
                        }
                    }
                }
            }
            aside class="facets" aria-label="Facets" {
                (facet_list("Event type", &p.stats.by_event_type, |b| v.with(Facet::EventType, &b.key).link("/")))
                (facet_list("Country", &p.stats.by_country, |b| v.with(Facet::Country, &b.key).link("/")))
                (facet_list("Participant", &p.stats.by_participant, |b| v.with(Facet::Participant, &b.key).link("/")))
                (facet_list("Year", &p.stats.by_year, |b| v.with_year(&b.key).link("/")))
                (facet_list("Publisher", &p.stats.by_publisher, |b| v.with(Facet::Publisher, &b.key).link("/")))
            }
        }
        section class="pictures" aria-labelledby="pictures-heading" {
            h2 id="pictures-heading" { "Pictures of this query" }
            div class="picture" {
                h3 { "Contacts per month, by event type" }
                div class="svg-slot" data-svg=(v.link("/svg/timeline")) {
                    a href=(v.link("/svg/timeline")) { "Open the chart" }
                }
            }
            div class="picture" {
                h3 { "Who talked to whom" }
                p class="switch" {
                    "Nodes: "
                    @let people = View { nodes: crate::views::graph::NodeKind::People, ..v.clone() };
                    @let countries = View { nodes: crate::views::graph::NodeKind::Countries, ..v.clone() };
                    a href=(people.link("/")) aria-current=[(v.nodes == people.nodes).then_some("true")] { "people" }
                    " · "
                    a href=(countries.link("/")) aria-current=[(v.nodes == countries.nodes).then_some("true")] { "countries" }
                }
                div class="svg-slot" data-svg=(v.link("/svg/network")) {
                    a href=(v.link("/svg/network")) { "Open the network" }
                }
            }
        }
    };
    layout(&title, main)
}

fn search_form(v: &View) -> Markup {
    html! {
        form class="search" method="get" action="/" role="search" {
            label for="q" class="visually-hidden" { "Search readouts" }
            input id="q" type="search" name="q" value=(v.q) autofocus
                placeholder="Words, \"phrases\", AND/OR/NOT, field:value" autocomplete="off";
            @if let Some(t) = v.event_type { input type="hidden" name="type" value=(t.as_str()); }
            @for c in &v.countries { input type="hidden" name="country" value=(c); }
            @for p in &v.participants { input type="hidden" name="participant" value=(p); }
            @for p in &v.publishers { input type="hidden" name="publisher" value=(p); }
            @if v.nodes != crate::views::graph::NodeKind::People {
                input type="hidden" name="nodes" value=(v.nodes.as_str());
            }
            label for="from" { "From" }
            input id="from" name="from" value=[v.from.as_deref()] placeholder="YYYY[-MM[-DD]]" size="10"
                pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?";
            label for="to" { "to" }
            input id="to" name="to" value=[v.to.as_deref()] placeholder="YYYY[-MM[-DD]]" size="10"
                pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?";
            label for="sort" { "Sort" }
            select id="sort" name="sort" {
                option value="relevance" selected[v.sort == SortOrder::Relevance] { "relevance" }
                option value="-date" selected[v.sort == SortOrder::DateDesc] { "newest first" }
                option value="date" selected[v.sort == SortOrder::Date] { "oldest first" }
            }
            button type="submit" { "Search" }
        }
    }
}

fn facet_list(name: &str, buckets: &[Bucket], link: impl Fn(&Bucket) -> String) -> Markup {
    let id = format!("facet-{}", name.to_lowercase().replace(' ', "-"));
    html! {
        @if !buckets.is_empty() {
            section class="facet" aria-labelledby=(id) {
                h2 id=(id) { (name) }
                ul {
                    @for b in buckets.iter().take(FACET_ROWS) {
                        li { a href=(link(b)) { span class="key" { (b.key) } " " span class="n" { (b.count) } } }
                    }
                }
                @if buckets.len() > FACET_ROWS {
                    details class="more" {
                        summary { (buckets.len() - FACET_ROWS) " more" }
                        ul {
                            @for b in buckets.iter().skip(FACET_ROWS).take(FACET_MAX_ROWS) {
                                li { a href=(link(b)) { span class="key" { (b.key) } " " span class="n" { (b.count) } } }
                            }
                        }
                        @if buckets.len() > FACET_ROWS + FACET_MAX_ROWS {
                            p { "and " (buckets.len() - FACET_ROWS - FACET_MAX_ROWS) " more (the API's /api/stats has them all)" }
                        }
                    }
                }
            }
        }
    }
}

fn pager(v: &View, total: usize) -> Markup {
    let last = total.div_ceil(PAGE_SIZE).clamp(1, super::view::MAX_PAGE);
    html! {
        @if last > 1 {
            nav class="pager" aria-label="Pages" {
                @if v.page > 1 { a rel="prev" href=(v.on_page(v.page - 1).link("/")) { "← previous" } }
                span { "page " (v.page) " of " (last) }
                @if v.page < last { a rel="next" href=(v.on_page(v.page + 1).link("/")) { "next →" } }
            }
        }
    }
}

fn download_link(v: &View, format: &str) -> String {
    let mut view = v.clone();
    view.page = 1;
    let query = view.to_query();
    if query.is_empty() {
        format!("/download?format={format}")
    } else {
        format!("/download?{query}&format={format}")
    }
}

/// A snippet with its highlights marked; ranges that do not fall on characters are dropped.
fn highlighted(snippet: &str, highlights: &[crate::search::Highlight]) -> Markup {
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for h in highlights {
        if h.start < at {
            continue;
        }
        let (Some(before), Some(marked)) = (snippet.get(at..h.start), snippet.get(h.start..h.end))
        else {
            continue;
        };
        parts.push((false, before));
        parts.push((true, marked));
        at = h.end;
    }
    parts.push((false, snippet.get(at..).unwrap_or("")));
    html! {
        @for (marked, text) in parts {
            @if marked { mark { (text) } } @else { (text) }
        }
    }
}

/// The record page: facts beside the text, speakers marked, the contact's other records.
pub struct RecordPage<'a> {
    pub record: &'a Record,
    pub same_contact: &'a [ContactRecord],
    pub similar: &'a [Similar],
    pub other_sources: &'a [String],
}

pub fn record_page(p: &RecordPage) -> String {
    let r = p.record;
    let title = r.title.as_deref().unwrap_or("(untitled)");
    let main = html! {
        p class="back" { a href="/" class="back-link" { "← search" } }
        article class="record" {
            h1 { (title) }
            div class="record-columns" {
                dl class="facts" {
                    dt { "Date" } dd { (r.date.as_deref().unwrap_or("undated")) " (" (r.date_precision.as_str()) ")" }
                    dt { "Event type" } dd { (r.event_type.as_str()) }
                    @if let Some(by) = &r.requested_by { dt { "Requested by" } dd { (by) } }
                    @if let Some(place) = &r.location { dt { "Location" } dd { (place) } }
                    dt { "Principals" }
                    dd { (people(r, Role::Principal)) }
                    @if r.participants.iter().any(|x| x.role == Role::Attendee) {
                        dt { "Attendees" } dd { (people(r, Role::Attendee)) }
                    }
                    dt { "Id" } dd { code { (r.id) } }
                    @if let Some(contact) = &r.contact { dt { "Contact" } dd { code { (contact) } } }
                    dt { "Source" }
                    dd {
                        a href=(format!("/source/{}", r.id)) { code class="source" { (r.source) } }
                        @for other in p.other_sources { br; code class="source" { (other) } }
                        @if let Some(url) = r.url.as_deref().filter(|u| is_web_link(u)) {
                            br; a href=(url) rel="noreferrer noopener" { "original page" }
                        }
                    }
                    dt { "JSON" } dd { a href=(format!("/api/record/{}", r.id)) { "this record as JSON" } }
                }
                div class="text" {
                    @for (i, para) in r.paragraphs.iter().enumerate() {
                        @if para.speakers.is_empty() {
                            p id=(format!("p{i}")) { (para.text) }
                        } @else {
                            div class="spoken" id=(format!("p{i}")) {
                                p class="speakers" { span class="visually-hidden" { "Speaking: " } (para.speakers.join(", ")) }
                                p { (para.text) }
                            }
                        }
                    }
                }
            }
        }
        @if !p.same_contact.is_empty() {
            section class="same-contact" aria-labelledby="same-heading" {
                h2 id="same-heading" { "Other records of this contact" }
                p { a href=(format!("/compare/{}", r.id)) class="compare-link" { "Compare the records side by side" } }
                ul {
                    @for other in p.same_contact {
                        li {
                            a href=(format!("/record/{}", other.id)) { (other.title.as_deref().unwrap_or("(untitled)")) }
                            " · " (other.date.as_deref().unwrap_or("undated")) " · " code { (other.source) }
                        }
                    }
                }
            }
        }
        @if !p.similar.is_empty() {
            section class="similar" aria-labelledby="similar-heading" {
                h2 id="similar-heading" { "Similar readouts" }
                ul {
                    @for s in p.similar {
                        li {
                            a href=(format!("/record/{}", s.id)) { (s.title.as_deref().unwrap_or("(untitled)")) }
                            " · " (s.date.as_deref().unwrap_or("undated")) " · " (s.event_type.as_str())
                        }
                    }
                }
            }
        }
    };
    layout(title, main)
}

/// A URL the page may link to: http or https only (never `javascript:` or `data:`).
fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn people(r: &Record, role: Role) -> Markup {
    html! {
        ul class="people" {
            @for x in r.participants.iter().filter(|x| x.role == role) {
                li {
                    (x.name.as_deref().or(x.inferred_name.as_deref()).unwrap_or("(unnamed)"))
                    @if let Some(t) = &x.title { span class="title" { ", " (t) } }
                    @if let Some(c) = &x.country { " " span class="country" { "(" (c) ")" } }
                }
            }
        }
    }
}

/// Both sides of a contact, column by column.
pub fn compare_page(c: &Comparison) -> String {
    let main = html! {
        p class="back" { a href="/" { "← search" } }
        h1 { "Contact " code { (c.contact) } ": " (c.records.len()) " records side by side" }
        div class="sides" {
            @for side in &c.records {
                section class="side" aria-label=(format!("Record {}", side.id)) {
                    h2 { a href=(format!("/record/{}", side.id)) { (side.title.as_deref().unwrap_or("(untitled)")) } }
                    dl class="facts" {
                        dt { "Publisher" } dd { (side.publisher) }
                        dt { "Date" } dd { (side.date.as_deref().unwrap_or("undated")) }
                        dt { "Type" } dd { (side.event_type.as_str()) }
                        dt { "Names first" } dd { (side.first_named.as_deref().unwrap_or("—")) }
                        dt { "Says who asked" } dd { (side.requested_by.as_deref().unwrap_or("—")) }
                    }
                    @for para in &side.paragraphs {
                        div class={ "para" @if para.only_here { " only-here" } } {
                            @if para.only_here { p class="badge" { "only in this record" } }
                            @if !para.speakers.is_empty() { p class="speakers" { (para.speakers.join(", ")) } }
                            p { (para.text) }
                        }
                    }
                }
            }
        }
    };
    layout(&format!("Contact {}", c.contact), main)
}

/// An error as a page: what went wrong and what to do.
pub fn error_page(status: u16, message: &str) -> String {
    let main = html! {
        h1 { (super::http::reason(status)) }
        p class="error" role="alert" { (message) }
        p { a href="/" { "Back to search" } }
    };
    layout(super::http::reason(status), main)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Highlight;

    #[test]
    fn highlights_mark_their_ranges_and_escape_the_rest() {
        let marked = highlighted(
            "<b>Korean</b> Peninsula",
            &[
                Highlight { start: 3, end: 9 },
                Highlight { start: 14, end: 23 },
            ],
        )
        .into_string();
        assert_eq!(
            marked,
            "&lt;b&gt;<mark>Korean</mark>&lt;/b&gt; <mark>Peninsula</mark>"
        );
        // A range off the characters is dropped, not a panic.
        let odd = highlighted("é", &[Highlight { start: 1, end: 2 }]).into_string();
        assert_eq!(odd, "é");
    }

    const HOSTILE: [&str; 3] = [
        "<script>alert(1)</script>",
        "\"onmouseover=alert(2)",
        "</textarea>",
    ];

    fn hostile_record() -> Record {
        let [script, attribute, textarea] = HOSTILE;
        serde_json::from_value(serde_json::json!({
            "schema_version": 1, "id": "abcdef012345", "source": format!("x/{script}.txt"),
            "title": format!("Talks {script} {attribute}"), "date": "2018-03-09",
            "event_type": "phone_call", "requested_by": attribute, "location": textarea,
            "participants": [{"name": script, "title": attribute, "country": textarea, "role": "principal"}],
            "paragraphs": [{"text": format!("{textarea} said {attribute}"), "speakers": [script]}],
            "url": format!("javascript:alert(1)//{attribute}"), "contact": script,
        }))
        .unwrap()
    }

    fn assert_escaped(page: &str) {
        for raw in HOSTILE {
            assert!(!page.contains(raw), "{raw} unescaped in {page}");
        }
        assert!(!page.contains("javascript:"), "{page}");
    }

    #[test]
    fn a_record_of_markup_is_shown_as_text() {
        let record = hostile_record();
        let page = record_page(&RecordPage {
            record: &record,
            same_contact: &[],
            similar: &[],
            other_sources: &[HOSTILE[0].to_string()],
        });
        assert_escaped(&page);
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
    }

    #[test]
    fn hits_facets_and_the_query_of_markup_are_shown_as_text() {
        let view = View {
            q: format!("{} {}", HOSTILE[1], HOSTILE[2]),
            countries: vec![HOSTILE[0].to_string()],
            ..View::default()
        };
        let hit = Hit {
            schema_version: 1,
            id: "abcdef012345".into(),
            score: None,
            date: None,
            event_type: crate::record::EventType::Meeting,
            title: Some(HOSTILE[0].into()),
            participants: HOSTILE.iter().map(|s| s.to_string()).collect(),
            requested_by: None,
            source: HOSTILE[2].into(),
            source_bytes: None,
            snippet: HOSTILE.concat(),
            highlights: vec![Highlight { start: 0, end: 8 }],
            paragraph: Some(0),
            source_missing: false,
            contact: "abcdef012345".into(),
            contact_records: 1,
        };
        let bucket = |key: &str| Bucket {
            key: key.to_string(),
            count: 1,
        };
        let stats = Stats {
            total: 1,
            by_event_type: vec![],
            by_year: vec![],
            by_month: vec![],
            by_country: vec![bucket(HOSTILE[0])],
            by_participant: vec![bucket(HOSTILE[1])],
            by_requested_by: vec![],
            by_publisher: vec![bucket(HOSTILE[2])],
            undated: 1,
            counted: "records".into(),
        };
        let page = search_page(&SearchPage {
            view: &view,
            hits: &[hit],
            total: 1,
            stats: &stats,
            records_in_index: 1,
        });
        assert_escaped(&page);
        assert!(page.contains("<mark>&lt;script&gt;</mark>"), "{page}");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(is_web_link("https://www.gov.uk/x"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link(" JaVaScRiPt:alert(1)"));
        assert!(!is_web_link("data:text/html,x"));
    }
}
