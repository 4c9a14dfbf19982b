//! One line of a JSON Lines scrape (`.jsonl`, `.ndjson`): a JSON object whose fields give the
//! page's address, title, text or HTML, and date, under the keys `scrape_keys.tsv` lists.
//!
//! A line with text is read as a text file holding its title, a blank line and its text; a
//! line with only HTML is read as an HTML page. The line's date and address are evidence as a
//! page's meta tags are (`date_source: "meta"`). Its id is the hash of what is read, so the
//! same readout as a text file and as a scrape's line has one id.

use super::{Loaded, LoadedRecord, PageFacts, normalize};
use crate::data::SCRAPE_KEYS;
use crate::record::Problem;
use serde_json::{Map, Value};

/// What a scrape's line gives, by fact.
#[derive(Debug, Default, PartialEq)]
pub struct ScrapeLine {
    pub url: Option<String>,
    pub title: Option<String>,
    pub text: Option<String>,
    pub html: Option<String>,
    pub date: Option<String>,
}

impl ScrapeLine {
    /// Reads a line's JSON; an error says what is wrong with it.
    pub fn parse(bytes: &[u8]) -> Result<ScrapeLine, String> {
        let value: Value = serde_json::from_slice(bytes).map_err(|e| {
            // serde's own "at line 1 column N" counts within the line: keep the column only.
            let what = e.to_string();
            let what = what.split(" at line ").next().unwrap_or(&what).to_string();
            format!(
                "not JSON ({what} at byte {} of the line): each line of a JSON Lines scrape must be one JSON object",
                e.column()
            )
        })?;
        let Value::Object(object) = value else {
            return Err("not a JSON object: each line of a JSON Lines scrape must be one".into());
        };
        let fact = |name: &str| field(&object, name);
        let mut line = ScrapeLine {
            url: fact("url").filter(|u| u.starts_with("http://") || u.starts_with("https://")),
            title: fact("title"),
            text: fact("text"),
            html: fact("html"),
            date: fact("date"),
        };
        // Some scrapers keep the page's markup under "content" or "body".
        if line.html.is_none()
            && let Some(text) = &line.text
            && super::html::is_html(text.as_bytes(), "")
        {
            line.html = line.text.take();
        }
        if line.text.is_none() && line.html.is_none() {
            let keys: Vec<&str> = SCRAPE_KEYS
                .iter()
                .filter(|(f, _)| f == "text" || f == "html")
                .flat_map(|(_, keys)| keys.iter().map(String::as_str))
                .collect();
            return Err(format!(
                "no text: the line has none of the keys {}",
                keys.join(", ")
            ));
        }
        Ok(line)
    }

    /// The text read as a text file: the title, a blank line, the text (the title only when
    /// the text does not begin with it).
    fn as_text(&self) -> Option<String> {
        let text = self.text.as_deref()?;
        Some(match self.title.as_deref() {
            Some(title) if !text.trim_start().starts_with(title.trim()) => {
                format!("{}\n\n{text}", title.trim())
            }
            _ => text.to_string(),
        })
    }

    fn facts(&self) -> PageFacts {
        PageFacts {
            dates: self
                .date
                .as_deref()
                .and_then(super::html::meta_date)
                .into_iter()
                .collect(),
            url: self.url.clone(),
            site: Vec::new(),
        }
    }
}

/// Whether a `.jsonl` file is JSON Lines of another kind than a scrape (an answer key, a log),
/// by its first line: a JSON object with none of the keys a scrape's text or HTML comes from.
/// Such a file is passed over whole, where reading it as a scrape made a problem of every line.
pub fn is_other_json_lines(first_line: &[u8]) -> bool {
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(first_line) else {
        return false;
    };
    let has = |key: &str| object.keys().any(|name| name.eq_ignore_ascii_case(key));
    !SCRAPE_KEYS
        .iter()
        .filter(|(fact, _)| fact == "text" || fact == "html")
        .flat_map(|(_, keys)| keys)
        .any(|key| has(key))
}

/// The first string (or number, for a timestamp-like date) under one of the fact's keys.
fn field(object: &Map<String, Value>, fact: &str) -> Option<String> {
    let keys = &SCRAPE_KEYS.iter().find(|(f, _)| f == fact)?.1;
    let value = keys.iter().find_map(|k| object.get(k)).or_else(|| {
        keys.iter().find_map(|k| {
            object
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(k))
                .map(|(_, v)| v)
        })
    })?;
    let text = match value {
        Value::String(s) => s.clone(),
        // A list of paragraphs, as some scrapers give the body.
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n\n"),
        _ => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

/// Parses one line of a scrape. `source` is `file.jsonl:LINE`.
pub fn parse_line(bytes: &[u8], source: &str) -> Loaded {
    let line = match ScrapeLine::parse(bytes) {
        Ok(line) => line,
        Err(message) => return Loaded::Skipped(Problem::new("bad_line", message)),
    };
    let facts = line.facts();
    if let Some(text) = line.as_text() {
        let normalized = normalize::normalize_text(&text);
        let canonical = normalize::canonical_text(&normalized);
        if canonical.is_empty() {
            return Loaded::Skipped(Problem::new("empty", "no text (only white space)"));
        }
        let hash = normalize::content_hash(&canonical);
        let (record, problems) =
            super::parse_text_with(&normalized, source, normalize::id_from_hash(&hash), &facts);
        return Loaded::Record(Box::new(LoadedRecord {
            record,
            problems,
            hash,
            link_key: String::new(),
        }));
    }
    let html = line.html.as_deref().unwrap_or("");
    super::parse_html_with(html.as_bytes(), source, &facts)
}

/// The full content hash [`parse_line`] gives a line, without parsing it.
pub fn content_hash_of(bytes: &[u8]) -> Option<String> {
    let line = ScrapeLine::parse(bytes).ok()?;
    match line.as_text() {
        Some(text) => {
            let canonical = normalize::canonical_text(&normalize::normalize_text(&text));
            (!canonical.is_empty()).then(|| normalize::content_hash(&canonical))
        }
        None => super::content_hash_of(line.html.as_deref()?.as_bytes(), "page.html"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{DateSource, EventType};

    const LEAD: &str = "On March 3, 2024, President Amara Diallo held a telephone conversation with Prime Minister Jonas Berg of Norway. The two leaders discussed trade and the situation in the Sahel.";

    fn record(line: &str) -> LoadedRecord {
        match parse_line(line.as_bytes(), "scrape.jsonl:7") {
            Loaded::Record(r) => *r,
            Loaded::Skipped(p) => panic!("skipped: {}", p.message),
        }
    }

    #[test]
    fn a_scrapy_item_with_text_gives_the_readout_and_its_address() {
        let line = serde_json::json!({
            "url": "https://mfa.example.gov/news/123",
            "title": "President Diallo holds phone call with Prime Minister Berg",
            "text": LEAD,
            "date": "2024-03-04T10:00:00+00:00",
        })
        .to_string();
        let r = record(&line).record;
        assert_eq!(r.source, "scrape.jsonl:7");
        assert_eq!(r.url.as_deref(), Some("https://mfa.example.gov/news/123"));
        assert_eq!(
            r.title.as_deref(),
            Some("President Diallo holds phone call with Prime Minister Berg")
        );
        assert_eq!(r.event_type, EventType::PhoneCall);
        // The lead's own date wins over the scrape's publication date.
        assert_eq!(r.date.as_deref(), Some("2024-03-03"));
        assert_eq!(r.date_source, Some(DateSource::Lead));
    }

    #[test]
    fn a_line_with_only_html_is_read_as_a_page_and_its_date_as_a_meta_date() {
        let html = format!(
            "<html><head><title>Phone call</title></head><body><nav>Home | News</nav><h1>President Diallo speaks with Prime Minister Berg</h1><p>{}</p></body></html>",
            LEAD.replace("On March 3, 2024, ", "")
        );
        let line = serde_json::json!({"link": "https://mfa.example.gov/x", "raw_html": html, "published": "2024-03-03"}).to_string();
        let r = record(&line).record;
        assert_eq!(r.date.as_deref(), Some("2024-03-03"));
        assert_eq!(r.date_source, Some(DateSource::Meta));
        assert_eq!(r.url.as_deref(), Some("https://mfa.example.gov/x"));
        assert!(!r.paragraphs.iter().any(|p| p.text.contains("Home | News")));
    }

    #[test]
    fn text_and_a_scrape_line_of_it_share_an_id() {
        let title = "President Diallo holds phone call with Prime Minister Berg";
        let line = serde_json::json!({"title": title, "content": LEAD}).to_string();
        let Loaded::Record(file) =
            super::super::parse_bytes(format!("{title}\n\n{LEAD}\n").as_bytes(), "a.txt")
        else {
            panic!("text file did not parse");
        };
        assert_eq!(record(&line).record.id, file.record.id);
        assert_eq!(content_hash_of(line.as_bytes()), Some(file.hash.clone()));
    }

    #[test]
    fn json_lines_without_any_text_key_are_not_a_scrape() {
        assert!(is_other_json_lines(
            br#"{"file": "007_call.txt", "principals": ["Joe Biden"], "date": "2021-02-03"}"#
        ));
        assert!(!is_other_json_lines(
            br#"{"url": "https://x.example/a", "text": ""}"#
        ));
        assert!(!is_other_json_lines(br#"{"Content": "<p>Talks</p>"}"#));
        // A bad first line says nothing of the rest: the lines are read, each its own problem.
        assert!(!is_other_json_lines(b"not json"));
        assert!(!is_other_json_lines(b"[1, 2]"));
    }

    #[test]
    fn bad_lines_are_problems_that_say_why() {
        for (line, says) in [
            ("{not json", "not JSON"),
            ("[1, 2]", "not a JSON object"),
            (
                r#"{"title": "Only a title", "url": "https://x.example"}"#,
                "no text",
            ),
        ] {
            match parse_line(line.as_bytes(), "s.jsonl:1") {
                Loaded::Skipped(p) => {
                    assert_eq!(p.code, "bad_line");
                    assert!(p.message.contains(says), "{line}: {}", p.message);
                }
                Loaded::Record(_) => panic!("{line} gave a record"),
            }
        }
    }

    #[test]
    fn keys_are_found_in_any_case_and_bodies_as_lists() {
        let object: Map<String, Value> = serde_json::from_str(
            r#"{"Headline": "A title", "body": ["First paragraph.", "Second paragraph."], "source": "not-a-url"}"#,
        )
        .unwrap();
        assert_eq!(field(&object, "title").as_deref(), Some("A title"));
        assert_eq!(
            field(&object, "text").as_deref(),
            Some("First paragraph.\n\nSecond paragraph.")
        );
        let line = ScrapeLine::parse(
            br#"{"source": "not-a-url", "text": "Some text of a readout here."}"#,
        )
        .unwrap();
        assert_eq!(line.url, None);
    }
}
