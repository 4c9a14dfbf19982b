//! An HTML page's main content as the plain text the text loader reads, and what the page says
//! about itself in its head.
//!
//! The page is parsed by html5ever (through `scraper`) and flattened into a list of its nodes
//! in document order, each with the end of its subtree, so every pass is a loop over that list:
//! no recursion, whatever the nesting. Site chrome is dropped by the rules of
//! `html_chrome.tsv`; the content root is the page's `<article>` or `<main>` when it holds a
//! fair share of the text, else its body. Block elements end paragraphs and `<br>` ends a line.

use super::{absolute_url, meta_date, trim_site_name};
use crate::data::{HTML_CHROME, HTML_META, HtmlChrome, MetaGives};
use crate::loader::PageFacts;
use crate::loader::date::Date;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};

/// The page's main content as text, and the facts its markup gives.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    /// Paragraphs separated by blank lines, lines by line breaks; a title line first when the
    /// main content has no heading of its own.
    pub text: String,
    pub facts: PageFacts,
}

/// Elements whose end ends a paragraph.
const BLOCKS: [&str; 45] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "tr",
    "ul",
];

/// What the chrome rules say of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Keep,
    /// Dropped wherever it stands.
    Always,
    /// Dropped outside an article or main.
    PageLevel,
    /// Dropped unless it holds the main content.
    Chrome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item<'a> {
    Element(&'a Element),
    Text(&'a str),
    Other,
}

/// A node of the page in document order: its subtree is `index + 1 .. end`.
struct Flat<'a> {
    item: Item<'a>,
    end: usize,
    rule: Rule,
    /// An `<article>`, `<main>`, `role=main` or `role=article`.
    landmark: bool,
    block: bool,
}

/// The page's nodes, and what the chrome rules need to know of them.
struct Tree<'a> {
    nodes: Vec<Flat<'a>>,
    /// Visible text characters (not white space) in each node's subtree, scripts and styles
    /// left out.
    text: Vec<usize>,
    /// The landmarks, in document order.
    landmarks: Vec<usize>,
    /// The block with the most text of its own (not of blocks inside it), among those that
    /// the fewest chrome-marked elements hold.
    densest: Option<usize>,
    body: Option<usize>,
}

fn flatten<'a>(doc: &'a Html, chrome: &HtmlChrome) -> Tree<'a> {
    let mut nodes: Vec<Flat<'a>> = Vec::new();
    let mut own_text: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut blocks: Vec<usize> = Vec::new();
    // Each node's own visible text, and its parent.
    let mut text: Vec<usize> = Vec::new();
    let mut parents: Vec<usize> = Vec::new();
    let mut hidden_depth = 0usize;
    // How many elements that chrome rules may drop hold each block, the block included.
    let mut chrome_depth = 0usize;
    let mut block_depth: Vec<usize> = Vec::new();
    let mut body = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let index = nodes.len();
                let (item, rule, landmark, block) = match node.value() {
                    Node::Element(e) => {
                        let name = e.name();
                        let rule = rule_of(e, chrome);
                        if name == "body" && body.is_none() {
                            body = Some(index);
                        }
                        (
                            Item::Element(e),
                            rule,
                            is_landmark(e),
                            BLOCKS.contains(&name),
                        )
                    }
                    Node::Text(t) => (Item::Text(t), Rule::Keep, false, false),
                    _ => (Item::Other, Rule::Keep, false, false),
                };
                if rule == Rule::Always {
                    hidden_depth += 1;
                }
                if matches!(rule, Rule::Chrome | Rule::PageLevel) {
                    chrome_depth += 1;
                }
                let visible = match item {
                    Item::Text(t) if hidden_depth == 0 => visible_chars(t),
                    _ => 0,
                };
                if let Some(&b) = blocks.last() {
                    own_text[b] += visible;
                }
                text.push(visible);
                parents.push(stack.last().copied().unwrap_or(usize::MAX));
                if block {
                    blocks.push(index);
                }
                nodes.push(Flat {
                    item,
                    end: 0,
                    rule,
                    landmark,
                    block,
                });
                own_text.push(0);
                block_depth.push(chrome_depth);
                stack.push(index);
            }
            Edge::Close(_) => {
                if let Some(index) = stack.pop() {
                    nodes[index].end = nodes.len();
                    if nodes[index].rule == Rule::Always {
                        hidden_depth = hidden_depth.saturating_sub(1);
                    }
                    if matches!(nodes[index].rule, Rule::Chrome | Rule::PageLevel) {
                        chrome_depth = chrome_depth.saturating_sub(1);
                    }
                    if nodes[index].block {
                        blocks.pop();
                    }
                }
            }
        }
    }
    // Whatever was left open (never, from html5ever) ends with the page.
    let total = nodes.len();
    for index in stack {
        nodes[index].end = total;
    }
    // The block with the most text of its own among those held by the fewest elements that
    // chrome rules may drop: a footer inside a page-wide form is held by two, the text by one.
    let densest = own_text
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .max_by_key(|&(i, &n)| (std::cmp::Reverse(block_depth[i]), n, std::cmp::Reverse(i)))
        .map(|(i, _)| i);
    // Each subtree's text: children come after their parent, so a backward pass adds each
    // node's text to its parent's once its own is complete.
    for i in (0..total).rev() {
        let p = parents[i];
        if p != usize::MAX {
            text[p] += text[i];
        }
    }
    let landmarks = (0..total).filter(|&i| nodes[i].landmark).collect();
    Tree {
        nodes,
        text,
        landmarks,
        densest,
        body,
    }
}

fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

fn is_landmark(e: &Element) -> bool {
    matches!(e.name(), "article" | "main")
        || e.attr("role").is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("main") || r.eq_ignore_ascii_case("article"))
        })
}

fn rule_of(e: &Element, chrome: &HtmlChrome) -> Rule {
    let name = e.name();
    if matches!(name, "html" | "body") {
        return Rule::Keep;
    }
    let has = |list: &[String]| list.iter().any(|t| t == name);
    if has(&chrome.tags) {
        return Rule::Always;
    }
    if has(&chrome.page_tags) {
        return Rule::PageLevel;
    }
    if has(&chrome.chrome_tags) || is_marked(e, chrome) {
        return Rule::Chrome;
    }
    Rule::Keep
}

/// Whether the element's role, id or classes mark it as chrome.
fn is_marked(e: &Element, chrome: &HtmlChrome) -> bool {
    if let Some(role) = e.attr("role")
        && role
            .split_ascii_whitespace()
            .any(|r| chrome.roles.iter().any(|c| r.eq_ignore_ascii_case(c)))
    {
        return true;
    }
    let id = e.attr("id").into_iter();
    let classes = e
        .attr("class")
        .into_iter()
        .flat_map(str::split_ascii_whitespace);
    id.chain(classes).any(|value| marks_chrome(value, chrome))
}

/// Whether one id or class names chrome: as a whole (`name`), or by a run of its words (`word`).
pub fn marks_chrome(value: &str, chrome: &HtmlChrome) -> bool {
    if chrome.names.iter().any(|n| value.eq_ignore_ascii_case(n)) {
        return true;
    }
    let words = words_of(value);
    chrome.words.iter().any(|run| {
        !run.is_empty()
            && words
                .windows(run.len())
                .any(|w| w.iter().zip(run).all(|(a, b)| a == b))
    })
}

/// An id or class in lower-case words: split at every character that is not a letter or digit
/// and where a lower-case letter meets a capital ("relatedNews_list" → related, news, list).
pub fn words_of(value: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

impl Tree<'_> {
    fn element(&self, i: usize) -> Option<&Element> {
        match self.nodes.get(i)?.item {
            Item::Element(e) => Some(e),
            _ => None,
        }
    }

    fn name(&self, i: usize) -> &str {
        self.element(i).map_or("", Element::name)
    }

    fn holds(&self, i: usize, j: usize) -> bool {
        i < j && j < self.nodes[i].end
    }

    /// Whether the element holds the page's main content, which chrome never does.
    fn holds_content(&self, i: usize) -> bool {
        let end = self.nodes[i].end;
        let first_landmark_after = self.landmarks.partition_point(|&l| l <= i);
        let holds_landmark = self
            .landmarks
            .get(first_landmark_after)
            .is_some_and(|&l| l < end);
        let body_text = self.body.map_or(0, |b| self.text[b]);
        holds_landmark
            || self.densest.is_some_and(|d| d == i || self.holds(i, d))
            || (body_text > 0 && self.text[i] * 2 > body_text)
    }

    /// Whether an element and all it holds are left out; `in_landmark` tells whether an
    /// article or main holds it.
    fn dropped(&self, i: usize, in_landmark: bool) -> bool {
        match self.nodes[i].rule {
            Rule::Keep => false,
            Rule::Always => true,
            Rule::PageLevel => !in_landmark,
            Rule::Chrome => !self.holds_content(i),
        }
    }

    /// Visits the nodes of `root`'s subtree in document order, skipping dropped elements and
    /// all they hold (and `skip`, when given): `Step::Open` for an element or text as it
    /// starts, `Step::Close` for an element as it ends.
    fn walk(
        &self,
        root: usize,
        skip: Option<usize>,
        mut visit: impl FnMut(Step, usize, &Flat<'_>),
    ) {
        let Some(node) = self.nodes.get(root) else {
            return;
        };
        let end = node.end;
        // Landmarks above the root count for the page-level rule.
        let mut landmarks_open = self
            .landmarks
            .iter()
            .filter(|&&l| self.holds(l, root))
            .count();
        let mut stack: Vec<usize> = Vec::new();
        let mut i = root;
        while i < end {
            while let Some(&top) = stack.last()
                && self.nodes[top].end <= i
            {
                stack.pop();
                landmarks_open -= usize::from(self.nodes[top].landmark);
                visit(Step::Close, top, &self.nodes[top]);
            }
            let node = &self.nodes[i];
            if let Item::Element(_) = node.item {
                if skip == Some(i) || self.dropped(i, landmarks_open > 0) {
                    i = node.end.max(i + 1);
                    continue;
                }
                landmarks_open += usize::from(node.landmark);
                stack.push(i);
            }
            visit(Step::Open, i, node);
            i += 1;
        }
        while let Some(top) = stack.pop() {
            visit(Step::Close, top, &self.nodes[top]);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Open,
    Close,
}

/// Plain text made from the walk: runs of HTML white space are one space, a block ends a
/// paragraph (a blank line), `<br>` ends a line, `<pre>` keeps its lines.
#[derive(Default)]
struct Out {
    text: String,
    space: bool,
    pre: usize,
}

impl Out {
    fn push_text(&mut self, t: &str) {
        if self.pre > 0 {
            for c in t.chars() {
                match c {
                    '\r' => {}
                    '\n' => self.line_break(),
                    c => self.text.push(c),
                }
            }
            return;
        }
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
                self.space = true;
                continue;
            }
            if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push(c);
        }
    }

    fn line_break(&mut self) {
        self.trim_end_spaces();
        self.text.push('\n');
        self.space = false;
    }

    fn end_block(&mut self) {
        self.trim_end_spaces();
        self.space = false;
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        self.text.push_str(if self.text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        });
    }

    fn trim_end_spaces(&mut self) {
        let kept = self.text.trim_end_matches([' ', '\t']).len();
        self.text.truncate(kept);
    }

    fn finish(self) -> String {
        self.text.trim().to_string()
    }
}

/// What the body walk finds besides text.
#[derive(Default)]
struct Found {
    h1: Option<usize>,
    time: Option<String>,
}

/// Writes the kept text of `root`'s subtree into `out`, leaving out `skip`'s.
fn write_text(tree: &Tree<'_>, root: usize, skip: Option<usize>, out: &mut Out, found: &mut Found) {
    tree.walk(root, skip, |step, i, node| match (step, node.item) {
        (Step::Open, Item::Text(t)) => out.push_text(t),
        (Step::Open, Item::Element(e)) => {
            match e.name() {
                "br" => out.line_break(),
                "pre" => {
                    out.end_block();
                    out.pre += 1;
                }
                "h1" if found.h1.is_none() => found.h1 = Some(i),
                "time" if found.time.is_none() => {
                    found.time = e.attr("datetime").map(str::to_string);
                }
                _ => {}
            }
            if node.block {
                out.end_block();
            }
        }
        (Step::Close, Item::Element(e)) => {
            if e.name() == "pre" {
                out.pre = out.pre.saturating_sub(1);
            }
            if node.block {
                out.end_block();
            }
        }
        _ => {}
    });
}

/// The kept text of one element.
fn text_of(tree: &Tree<'_>, i: usize) -> String {
    let mut out = Out::default();
    write_text(tree, i, None, &mut out, &mut Found::default());
    out.finish()
}

/// The kept text of one element on one line ("Xi Meets Biden" of an `<h1>`).
fn line_of(tree: &Tree<'_>, i: usize) -> String {
    text_of(tree, i)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The content root: a lone `<article>` (or one holding half the text among several), else
/// `<main>`, when it holds a quarter of the page's kept text; else the body.
fn content_root(tree: &Tree<'_>, body: usize) -> usize {
    // Kept text under each landmark, and in the whole body, as the walk would write it.
    let mut total = 0usize;
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut kept: Vec<(usize, usize)> = Vec::new();
    tree.walk(body, None, |step, i, node| match (step, node.item) {
        (Step::Open, Item::Text(t)) => total += visible_chars(t),
        (Step::Open, Item::Element(_)) if node.landmark => open.push((i, total)),
        (Step::Close, _) if node.landmark => {
            if let Some(at) = open.iter().rposition(|&(l, _)| l == i) {
                let (_, before) = open.remove(at);
                kept.push((i, total - before));
            }
        }
        _ => {}
    });
    kept.sort_by_key(|&(i, _)| i);
    let is_article = |i: usize| {
        tree.name(i) == "article"
            || tree
                .element(i)
                .and_then(|e| e.attr("role"))
                .is_some_and(|r| r.eq_ignore_ascii_case("article"))
    };
    // Articles not inside another article: in document order, an article that starts before
    // the last outer one ends is inside it.
    let mut articles: Vec<(usize, usize)> = Vec::new();
    let mut outer_end = 0usize;
    for &(i, n) in kept.iter().filter(|&&(i, _)| is_article(i)) {
        if i < outer_end {
            continue;
        }
        outer_end = tree.nodes[i].end;
        if n > 0 {
            articles.push((i, n));
        }
    }
    let share = |n: usize, parts: usize| n > 0 && n * parts >= total;
    match articles.as_slice() {
        [(i, n)] if share(*n, 4) => return *i,
        [_, _, ..] => {
            if let Some(&(i, n)) = articles.iter().max_by_key(|&&(_, n)| n)
                && share(n, 2)
            {
                return i;
            }
        }
        _ => {}
    }
    kept.iter()
        .find(|&&(i, n)| !is_article(i) && share(n, 4))
        .map_or(body, |&(i, _)| i)
}

/// What the head and the markup say: title candidates, dates, the address, the site's name.
#[derive(Default)]
struct Head {
    title: Option<String>,
    meta: Vec<(usize, MetaGives, String)>,
    canonical: Option<String>,
    json_ld_date: Option<String>,
}

fn read_head(tree: &Tree<'_>) -> Head {
    let mut head = Head::default();
    for (i, node) in tree.nodes.iter().enumerate() {
        let Item::Element(e) = node.item else {
            continue;
        };
        match e.name() {
            "title" if head.title.is_none() && &*e.name.ns == HTML_NS => {
                head.title = Some(raw_text(tree, i));
            }
            "meta" => {
                let Some(content) = e.attr("content") else {
                    continue;
                };
                for key in ["property", "name", "itemprop"] {
                    let Some(name) = e.attr(key) else {
                        continue;
                    };
                    let name = name.trim().to_ascii_lowercase();
                    if let Some(rank) = HTML_META.iter().position(|(n, _)| *n == name) {
                        head.meta
                            .push((rank, HTML_META[rank].1, content.trim().to_string()));
                    }
                }
            }
            "link" if head.canonical.is_none() => {
                let canonical = e.attr("rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if canonical {
                    head.canonical = e.attr("href").and_then(absolute_url);
                }
            }
            "script"
                if head.json_ld_date.is_none()
                    && e.attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                head.json_ld_date = json_ld_date(&raw_text(tree, i));
            }
            _ => {}
        }
    }
    head.meta.sort_by_key(|&(rank, _, _)| rank);
    head
}

const HTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// All the text under a node, as it stands (a `<title>`, a script).
fn raw_text(tree: &Tree<'_>, i: usize) -> String {
    let end = tree.nodes[i].end;
    let mut text = String::new();
    for node in &tree.nodes[i + 1..end] {
        if let Item::Text(t) = node.item {
            text.push_str(t);
        }
    }
    text
}

/// The first `datePublished` of a JSON-LD block, searched through its objects and arrays
/// (`@graph` too). serde_json refuses nesting deeper than 128, so the search is bounded.
pub fn json_ld_date(json: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(json.trim()).ok()?;
    let mut pending = vec![&value];
    while let Some(v) = pending.pop() {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(date)) = map.get("datePublished") {
                    return Some(date.clone());
                }
                pending.extend(map.values().rev());
            }
            serde_json::Value::Array(items) => pending.extend(items.iter().rev()),
            _ => {}
        }
    }
    None
}

/// Reads a page: its main content as text and the facts its markup gives.
pub fn extract(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let chrome: &HtmlChrome = &HTML_CHROME;
    let tree = flatten(&doc, chrome);
    let head = read_head(&tree);
    let meta = |gives: MetaGives| {
        head.meta
            .iter()
            .filter(move |(_, g, _)| *g == gives)
            .map(|(_, _, v)| v.as_str())
    };
    let sites: Vec<String> = meta(MetaGives::Site)
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect();

    let Some(body) = tree.body else {
        return Page::default();
    };
    let root = content_root(&tree, body);
    let mut out = Out::default();
    let mut found = Found::default();
    write_text(&tree, root, None, &mut out, &mut found);
    let mut text = out.finish();
    // The headline is the page's <h1>: a kicker or a section name above it ("Telephone
    // call") is not, so the <h1> goes first.
    if let Some(h1) = found.h1 {
        let headline = text_of(&tree, h1);
        if !headline.is_empty() && !text.starts_with(&headline) {
            let mut rest = Out::default();
            write_text(&tree, root, Some(h1), &mut rest, &mut Found::default());
            text = format!("{headline}\n\n{}", rest.finish());
        }
    }

    // Outside the root, the page's first kept <h1> and <time> still speak for it.
    let mut elsewhere = Found::default();
    if root != body && (found.h1.is_none() || found.time.is_none()) {
        let mut discard = Out::default();
        write_text(&tree, body, None, &mut discard, &mut elsewhere);
    }

    let mut removed = Vec::new();
    let mut trimmed = |title: &str| {
        let (kept, gone) = trim_site_name(title, &sites);
        removed.extend(gone);
        kept
    };
    let title_candidate = if found.h1.is_some() {
        None
    } else {
        elsewhere
            .h1
            .map(|h1| line_of(&tree, h1))
            .filter(|t| !t.is_empty())
            .or_else(|| {
                meta(MetaGives::Title)
                    .map(&mut trimmed)
                    .find(|t| !t.is_empty())
            })
            .or_else(|| head.title.as_deref().map(&mut trimmed))
            .filter(|t| !t.is_empty())
    };
    // The <title>'s site name is evidence of the publisher even when the title is not used.
    if let Some(title) = head.title.as_deref() {
        trimmed(title);
    }

    let text = match title_candidate {
        Some(title) if !already_in(&text, &title) => {
            if text.is_empty() {
                title
            } else {
                format!("{title}\n\n{text}")
            }
        }
        _ => text,
    };

    let mut dates: Vec<Date> = meta(MetaGives::Date).filter_map(meta_date).collect();
    dates.extend(head.json_ld_date.as_deref().and_then(meta_date));
    dates.extend(found.time.or(elsewhere.time).as_deref().and_then(meta_date));
    let url = head
        .canonical
        .or_else(|| meta(MetaGives::Url).find_map(absolute_url));
    let mut site = sites;
    for name in removed {
        if !site.contains(&name) {
            site.push(name);
        }
    }
    Page {
        text,
        facts: PageFacts { dates, url, site },
    }
}

/// Whether a title candidate already stands among the text's first lines, whole or as part of
/// a longer line (or a longer one of it): prepending it again would add a paragraph.
fn already_in(text: &str, title: &str) -> bool {
    const LINES: usize = 12;
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let title = fold(title);
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(LINES)
        .any(|line| {
            let line = fold(line);
            let (short, long) = if line.len() <= title.len() {
                (&line, &title)
            } else {
                (&title, &line)
            };
            line == title || (short.split(' ').count() >= 3 && long.contains(short.as_str()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        extract(html).text
    }

    #[test]
    fn blocks_are_paragraphs_and_br_a_line_break() {
        assert_eq!(
            text("<body><p>One\n   two</p><div>Three<br>Four</div><p>Five</p></body>"),
            "One two\n\nThree\nFour\n\nFive"
        );
    }

    #[test]
    fn list_items_and_table_cells_are_paragraphs() {
        assert_eq!(
            text(
                "<ul><li>First item</li><li>Second <b>item</b></li></ul><table><tr><td>2018/03/09</td><td>Cell</td></tr></table>"
            ),
            "First item\n\nSecond item\n\n2018/03/09\n\nCell"
        );
    }

    #[test]
    fn inline_text_is_joined_with_the_spacing_the_page_shows() {
        assert_eq!(
            text(
                "<p>President <a href=x>Xi&nbsp;Jinping</a> met <em>Joe</em><strong>Biden</strong> ,\n today.</p>"
            ),
            "President Xi\u{a0}Jinping met JoeBiden , today."
        );
        assert_eq!(text("<p>  \n <span> Lead </span>\n</p>"), "Lead");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            text("<p>China&rsquo;s &amp; Russia&#8217;s &quot;views&quot; &lt;3 &eacute;</p>"),
            "China\u{2019}s & Russia\u{2019}s \"views\" <3 é"
        );
    }

    #[test]
    fn pre_keeps_its_lines() {
        assert_eq!(
            text("<pre>Line one\nLine  two</pre><p>After</p>"),
            "Line one\nLine  two\n\nAfter"
        );
    }

    #[test]
    fn each_always_dropped_element_is_dropped() {
        for tag in [
            "script", "style", "noscript", "template", "nav", "aside", "iframe", "button",
            "select", "textarea",
        ] {
            let page =
                format!("<body><p>Kept.</p><{tag}>Dropped text</{tag}><p>Also kept.</p></body>");
            assert_eq!(text(&page), "Kept.\n\nAlso kept.", "{tag}");
        }
        assert_eq!(
            text(
                "<body><p>Kept, the longest text.</p><svg><text>Dropped</text></svg><form><input value=q><p>Search here</p></form></body>"
            ),
            "Kept, the longest text."
        );
    }

    #[test]
    fn the_pages_header_and_footer_go_and_an_articles_stay() {
        let page = "<body><header><p>Ministry of Foreign Affairs</p></header>\
            <article><header><h1>Xi Meets Biden</h1><p>2021-03-14</p></header><p>On March 14, Xi met Biden.</p><footer><p>Tags: USA</p></footer></article>\
            <footer><p>Copyright 2024</p></footer></body>";
        assert_eq!(
            text(page),
            "Xi Meets Biden\n\n2021-03-14\n\nOn March 14, Xi met Biden.\n\nTags: USA"
        );
    }

    #[test]
    fn elements_marked_as_chrome_by_id_class_or_role_are_dropped() {
        for marker in [
            "class=\"cookie-banner\"",
            "id=\"cookieConsent\"",
            "class=\"social-share\"",
            "class=\"a2a_kit\"",
            "class=\"breadcrumb\"",
            "id=\"mainMenu\"",
            "class=\"related-links\"",
            "id=\"comments\"",
            "class=\"skip-link\"",
            "role=\"navigation\"",
            "id=\"footer\"",
        ] {
            let page = format!(
                "<body><div {marker}><p>Chrome words here</p></div><div class=\"content\"><p>The readout text, long enough to be the page's main text.</p></div></body>"
            );
            assert_eq!(
                text(&page),
                "The readout text, long enough to be the page's main text.",
                "{marker}"
            );
        }
    }

    #[test]
    fn a_chrome_marker_never_drops_the_main_content() {
        // A wrapper whose class names a sidebar, around the whole page.
        let page = "<body><div class=\"layout with-sidebar\"><div class=\"menu\"><p>Home</p></div><p>The readout text of the page.</p></div></body>";
        assert_eq!(text(page), "The readout text of the page.");
        // An ASP.NET page: one form around everything.
        let page = "<body><form id=\"aspnetForm\"><div id=\"header\"><p>Site</p></div><p>On March 14, Xi met Biden.</p></form></body>";
        assert_eq!(text(page), "On March 14, Xi met Biden.");
        // ... and its footer, longer than any paragraph, is still dropped.
        let page = "<body><form id=\"aspnetForm\"><div class=\"para\">On March 14, 2021, President Xi Jinping met President Joe Biden in Beijing.</div><div class=\"para\">The two leaders discussed trade.</div><div class=\"footer\">Content owned by the Ministry of External Affairs, maintained by its web team.</div></form></body>";
        assert_eq!(
            text(page),
            "On March 14, 2021, President Xi Jinping met President Joe Biden in Beijing.\n\nThe two leaders discussed trade."
        );
        // A search form beside the content is dropped.
        let page = "<body><form action=\"/search\"><p>Search the site</p></form><p>On March 14, Xi met Biden in Beijing.</p></body>";
        assert_eq!(text(page), "On March 14, Xi met Biden in Beijing.");
    }

    #[test]
    fn words_split_at_punctuation_and_case() {
        assert_eq!(words_of("relatedNews_list"), ["related", "news", "list"]);
        assert_eq!(words_of("SKIP-link"), ["skip", "link"]);
        assert_eq!(words_of("a2a_kit"), ["a2a", "kit"]);
        let chrome = &*HTML_CHROME;
        assert!(marks_chrome("skip-link", chrome));
        assert!(!marks_chrome("skip", chrome));
        assert!(!marks_chrome("shareholders", chrome));
        assert!(!marks_chrome("commentary", chrome));
        assert!(marks_chrome("Header", chrome));
        assert!(!marks_chrome("article-header", chrome));
    }

    #[test]
    fn a_lone_article_is_the_content_root() {
        let page = "<body><div class=\"intro\"><p>Welcome to the website of the embassy.</p></div>\
            <article><h1>Xi Meets Biden</h1><p>On March 14, 2021, President Xi Jinping met President Joe Biden.</p></article>\
            <div class=\"box\"><p>Other news</p></div></body>";
        assert_eq!(
            text(page),
            "Xi Meets Biden\n\nOn March 14, 2021, President Xi Jinping met President Joe Biden."
        );
    }

    #[test]
    fn main_is_the_root_when_there_is_no_single_article() {
        let page = "<body><div><p>Site intro text</p></div><main><article><p>First teaser text.</p></article><article><p>Second teaser text.</p></article></main></body>";
        assert_eq!(text(page), "First teaser text.\n\nSecond teaser text.");
    }

    #[test]
    fn an_article_inside_the_article_is_part_of_it() {
        let page = "<body><article><h1>Xi Meets Biden</h1><p>On March 14, 2021, Xi met Biden.</p><article class=\"quote\"><p>A quoted statement of some length here.</p></article></article><div><p>Other.</p></div></body>";
        assert_eq!(
            text(page),
            "Xi Meets Biden\n\nOn March 14, 2021, Xi met Biden.\n\nA quoted statement of some length here."
        );
    }

    #[test]
    fn a_listing_of_many_articles_is_read_in_linear_time() {
        let page = "<main>".to_string()
            + &"<article><p>Teaser text.</p></article>".repeat(20_000)
            + "</main>";
        let started = std::time::Instant::now();
        assert_eq!(text(&page).matches("Teaser text.").count(), 20_000);
        assert!(started.elapsed() < std::time::Duration::from_secs(30));
    }

    #[test]
    fn a_small_article_is_not_taken_for_the_page() {
        let page = "<body><article><p>Teaser.</p></article><div><p>On March 14, 2021, President Xi Jinping met President Joe Biden in Beijing and the two leaders talked at length.</p></div></body>";
        assert_eq!(
            text(page),
            "Teaser.\n\nOn March 14, 2021, President Xi Jinping met President Joe Biden in Beijing and the two leaders talked at length."
        );
    }

    #[test]
    fn a_title_outside_the_root_is_put_first() {
        let page = "<head><title>Ignored - Site</title></head><body><div class=\"title\"><h1>Xi Meets Biden</h1></div><article><p>On March 14, 2021, Xi met Biden.</p></article></body>";
        assert_eq!(
            text(page),
            "Xi Meets Biden\n\nOn March 14, 2021, Xi met Biden."
        );
        let page = "<head><meta property=\"og:title\" content=\"Xi Meets Biden | MFA\"><meta property=\"og:site_name\" content=\"MFA\"><title>x</title></head><body><p>On March 14, 2021, Xi met Biden.</p></body>";
        assert_eq!(
            text(page),
            "Xi Meets Biden\n\nOn March 14, 2021, Xi met Biden."
        );
        let page = "<head><title>PM call with President Macron: 23 March 2022 - GOV.UK</title></head><body><p>The Prime Minister spoke to President Macron.</p></body>";
        assert_eq!(
            text(page),
            "PM call with President Macron: 23 March 2022\n\nThe Prime Minister spoke to President Macron."
        );
    }

    #[test]
    fn a_kicker_is_chrome() {
        let page = "<body><article><p class=\"c-article__kicker\">Telephone call</p><h1>Scholz speaks with Macron</h1><p>Text.</p></article></body>";
        assert_eq!(text(page), "Scholz speaks with Macron\n\nText.");
    }

    #[test]
    fn the_h1_goes_before_a_label_above_it() {
        let page = "<body><article><p class=\"label\">Telephone call</p><h1>Scholz speaks with Macron</h1><p>2023-05-13</p><p>Text.</p></article></body>";
        assert_eq!(
            text(page),
            "Scholz speaks with Macron\n\nTelephone call\n\n2023-05-13\n\nText."
        );
    }

    #[test]
    fn a_title_already_in_the_text_is_not_repeated() {
        let page = "<head><title>Xi Meets Biden | MFA</title></head><body><p class=\"headline\">Xi Meets Biden</p><p>On March 14, 2021, Xi met Biden.</p></body>";
        assert_eq!(
            text(page),
            "Xi Meets Biden\n\nOn March 14, 2021, Xi met Biden."
        );
    }

    #[test]
    fn meta_dates_come_in_order_of_trust() {
        let page = "<head><meta name=\"pubdate\" content=\"2021-03-15\"><meta property=\"article:published_time\" content=\"2021-03-14T09:00:00+08:00\"></head><body><p>Text.</p></body>";
        let dates: Vec<String> = extract(page)
            .facts
            .dates
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(dates, ["2021-03-14", "2021-03-15"]);
    }

    #[test]
    fn time_datetime_and_json_ld_give_dates() {
        let page = "<body><article><time datetime=\"2020-06-19T22:01\">June 19</time><p>Text.</p></article></body>";
        let dates: Vec<String> = extract(page)
            .facts
            .dates
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(dates, ["2020-06-19"]);
        let page = r#"<head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2019-12-09"}]}</script></head><body><p>Text.</p></body>"#;
        let dates: Vec<String> = extract(page)
            .facts
            .dates
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(dates, ["2019-12-09"]);
        assert_eq!(json_ld_date("not json"), None);
        assert_eq!(json_ld_date("[1, {\"datePublished\": 3}]"), None);
    }

    #[test]
    fn a_time_in_a_related_list_is_not_the_pages() {
        let page = "<body><p>Text of the readout.</p><ul class=\"related-news\"><li><time datetime=\"2001-01-01\">1 Jan</time> Old</li></ul></body>";
        assert!(extract(page).facts.dates.is_empty());
    }

    #[test]
    fn the_canonical_link_then_og_url_give_the_url() {
        let page = "<head><link rel=\"canonical\" href=\"https://www.gov.uk/government/news/pm-call\"><meta property=\"og:url\" content=\"https://other.example/x\"></head><body><p>Text.</p></body>";
        assert_eq!(
            extract(page).facts.url.as_deref(),
            Some("https://www.gov.uk/government/news/pm-call")
        );
        let page = "<head><link rel=\"canonical\" href=\"/relative/only\"><meta property=\"og:url\" content=\"http://www.mid.ru/en/news/1\"></head><body><p>Text.</p></body>";
        assert_eq!(
            extract(page).facts.url.as_deref(),
            Some("http://www.mid.ru/en/news/1")
        );
        assert_eq!(extract("<p>Text.</p>").facts.url, None);
    }

    #[test]
    fn the_site_name_is_evidence_of_the_publisher() {
        let page = "<head><title>PM call with President Macron - GOV.UK</title></head><body><h1>PM call</h1><p>Text.</p></body>";
        assert_eq!(extract(page).facts.site, ["GOV.UK"]);
    }

    #[test]
    fn deep_nesting_and_broken_markup_do_not_overflow() {
        // Deeper than any page (the loader refuses past 1,000 levels, see `depth`), and deep
        // enough that a recursive walk of the tree would have to be made iterative for it.
        let deep = "<div>".repeat(3_000) + "Deep text." + &"</div>".repeat(3_000);
        assert_eq!(text(&deep), "Deep text.");
        assert_eq!(
            text("<p>Unclosed <b>bold <i>italic"),
            "Unclosed bold italic"
        );
        assert_eq!(text(""), "");
        assert_eq!(text("<html><frameset></frameset></html>"), "");
    }
}
