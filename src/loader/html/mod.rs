//! HTML pages: which files are HTML, their charset, and their main content as the text the
//! text loader reads, with what the page's markup says about it (title, date, address).

pub mod charset;
pub mod depth;
pub mod extract;

use super::date::{Date, find_dates};
use super::focus::reports_contact;
use std::path::Path;

pub use charset::decode;
pub use extract::{Page, extract};

/// Extensions of HTML files, compared case-insensitively (`.shtml`: a page with server-side
/// includes, as a mirror saves it).
const EXTENSIONS: [&str; 4] = ["html", "htm", "xhtml", "shtml"];

/// Whether a file's name says it is HTML: `.html`, `.htm`, `.xhtml` or `.shtml`, in any case,
/// also when a mirror added the page's query to the name (`index.html?page=2`, or
/// `index.html@page=2` as wget writes it with `--restrict-file-names=windows`) or `.html` after
/// it (`news.php?id=5.html`, wget's `--adjust-extension`).
pub fn is_html_name(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    let name = name.to_string_lossy();
    let html = |name: &str| {
        name.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty() && EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e))
        })
    };
    // "news.php?id=5.html" (wget --adjust-extension), else "index.html?page=2".
    html(&name) || html(name.split(['?', '@']).next().unwrap_or(""))
}

/// How far into a file the HTML sniff looks.
const SNIFF_BYTES: usize = 1024;

/// Whether a file's content is plainly HTML: after a byte-order mark, white space, comments
/// and an XML declaration it starts with `<!doctype html` or `<html`, or it starts with a tag
/// and has `<head` or `<body` in its first kilobyte. Only the first bytes are read.
pub fn sniff(bytes: &[u8]) -> bool {
    let utf16: Vec<u8>;
    let head: &[u8] = if let Some(rest) = bytes
        .strip_prefix(b"\xFF\xFE")
        .or_else(|| bytes.strip_prefix(b"\xFE\xFF"))
    {
        // UTF-16: every other byte is the ASCII one (the BOM tells which).
        let little = bytes.starts_with(b"\xFF\xFE");
        utf16 = rest[..rest.len().min(SNIFF_BYTES * 2)]
            .chunks_exact(2)
            .map(|u| if little { u[0] } else { u[1] })
            .collect();
        &utf16
    } else {
        let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        &rest[..rest.len().min(SNIFF_BYTES)]
    };
    let mut rest = head;
    loop {
        rest = rest.trim_ascii_start();
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(&rest[4..], b"-->") {
                Some(at) => rest = &rest[4 + at + 3..],
                None => return false,
            }
        } else if rest.starts_with(b"<?xml") {
            match memchr::memmem::find(rest, b"?>") {
                Some(at) => rest = &rest[at + 2..],
                None => return false,
            }
        } else {
            break;
        }
    }
    // A text file stops here, at its first letter.
    if rest.first() != Some(&b'<') {
        return false;
    }
    let starts = |prefix: &[u8]| {
        rest.len() >= prefix.len() && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    if starts(b"<!doctype html") || starts(b"<html") {
        return true;
    }
    let lower = head.to_ascii_lowercase();
    memchr::memmem::find(&lower, b"<head").is_some()
        || memchr::memmem::find(&lower, b"<body").is_some()
}

/// Whether a file is read as HTML: by its name, or by its content.
pub fn is_html(bytes: &[u8], source: &str) -> bool {
    is_html_name(Path::new(source)) || sniff(bytes)
}

/// Separators between a page's title and its site's name ("Title | Site", "Title - GOV.UK").
const SEPARATORS: [&str; 8] = [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " • "];
/// Separators after which a leading site name is dropped ("Ministry | Title").
const STRONG: [&str; 5] = [" | ", " :: ", " » ", " · ", " • "];

/// A page title without its site's name, and the parts taken off. A part is taken off when it
/// is one of `sites` (the page's `og:site_name`...); else trailing parts that hold no digit
/// and report no contact, as long as three words are left ("PM call with President Macron:
/// 23 March 2022 - GOV.UK"), and then a leading part before a strong separator ("Ministry of
/// Foreign Affairs | Xi Meets Biden").
pub fn trim_site_name(title: &str, sites: &[String]) -> (String, Vec<String>) {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    // "| Ministry of Foreign Affairs", "Ministry of External Affairs ::": a page whose headline
    // was empty gives its site's name alone.
    for separator in SEPARATORS.iter().map(|s| s.trim()) {
        let site = title
            .strip_prefix(&format!("{separator} "))
            .or_else(|| title.strip_suffix(&format!(" {separator}")));
        if let Some(site) = site {
            return (String::new(), vec![site.to_string()]);
        }
    }
    // (part, separator before it)
    let mut parts: Vec<(String, &str)> = Vec::new();
    let mut rest = title.as_str();
    let mut before = "";
    loop {
        let next = SEPARATORS
            .iter()
            .filter_map(|s| rest.find(s).map(|at| (at, *s)))
            .min_by_key(|&(at, _)| at);
        match next {
            Some((at, sep)) => {
                parts.push((rest[..at].to_string(), before));
                before = sep;
                rest = &rest[at + sep.len()..];
            }
            None => {
                parts.push((rest.to_string(), before));
                break;
            }
        }
    }
    let mut removed = Vec::new();
    let is_site = |part: &str| {
        let part = part.to_lowercase();
        sites.iter().any(|s| {
            let s = s.to_lowercase();
            s == part
                || (part.len() >= 4 && s.contains(&part))
                || (s.len() >= 4 && part.contains(&s))
        })
    };
    let words = |parts: &[(String, &str)]| -> usize {
        parts
            .iter()
            .map(|(p, _)| p.split_whitespace().count())
            .sum()
    };
    let plain = |part: &str| !part.chars().any(|c| c.is_ascii_digit()) && !reports_contact(part);
    let by_name = parts.iter().any(|(p, _)| is_site(p));
    if by_name {
        while parts.len() > 1 && parts.last().is_some_and(|(p, _)| is_site(p)) {
            removed.extend(parts.pop().map(|(p, _)| p));
        }
        while parts.len() > 1 && is_site(&parts[0].0) {
            removed.push(parts.remove(0).0);
        }
    } else {
        while parts.len() > 1
            && parts.last().is_some_and(|(p, _)| plain(p))
            && words(&parts[..parts.len() - 1]) >= 3
        {
            removed.extend(parts.pop().map(|(p, _)| p));
        }
        if parts.len() > 1
            && STRONG.contains(&parts[1].1)
            && plain(&parts[0].0)
            && words(&parts[1..]) >= 3
        {
            removed.push(parts.remove(0).0);
        }
    }
    let mut kept = String::new();
    for (i, (part, sep)) in parts.iter().enumerate() {
        if i > 0 {
            kept.push_str(sep);
        }
        kept.push_str(part);
    }
    (kept, removed)
}

/// The date a meta tag or `datetime` gives: ISO 8601 (`2021-03-14`, `2021-03-14T09:00:00+08:00`,
/// the date as written, not moved to UTC), `20210314`, or any form the text's dates take.
pub fn meta_date(value: &str) -> Option<Date> {
    let v = value.trim();
    let digits_end = |at: usize| !v.as_bytes().get(at).is_some_and(u8::is_ascii_digit);
    if let Some(day) = v.get(..10).filter(|_| digits_end(10))
        && let Some(date) = Date::parse_iso_prefix(day)
    {
        return Some(date);
    }
    if let Some(compact) = v.get(..8).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
        && digits_end(8)
        && let (Ok(y), Ok(m), Ok(d)) = (
            compact[..4].parse::<i32>(),
            compact[4..6].parse::<u8>(),
            compact[6..].parse::<u8>(),
        )
        && let Some(date) = Date::ymd(y, m, d)
    {
        return Some(date);
    }
    if v.len() < 10
        && let Some(date) = Date::parse_iso_prefix(v)
    {
        return Some(date);
    }
    find_dates(v).first().map(|f| f.date)
}

/// An absolute http(s) address, or a protocol-relative one made https; none for a relative one.
pub fn absolute_url(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    if href.chars().any(char::is_whitespace) {
        return None;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return (href.len() > lower.find("//").map_or(0, |at| at + 2)).then(|| href.to_string());
    }
    if href.starts_with("//") && href.len() > 2 {
        return Some(format!("https:{href}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_names_in_any_case_and_with_a_mirrors_query() {
        for name in [
            "a.html",
            "b.HTM",
            "c.xhtml",
            "site/index.html?page=2",
            "site/index.html@page=2",
            "news/view.Html?id=12&lang=en",
            "archive/2009/talks.shtml",
            "news.php?id=5.html",
        ] {
            assert!(is_html_name(Path::new(name)), "{name}");
        }
        for name in [
            "a.txt",
            "html",
            ".html",
            "a.html.txt",
            "style.css",
            "x.htmlx",
            "index.php?id=5",
        ] {
            assert!(!is_html_name(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn plainly_html_content_is_sniffed() {
        for page in [
            "<!DOCTYPE html><html><body>x",
            "\u{feff}  \n<html lang=en>",
            "<!-- saved from url=(0042)https://example.org -->\n<!doctype HTML>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">",
            "<meta charset=utf-8>\n<title>x</title>\n<body><p>text",
            "<div>\n<head></head>",
        ] {
            assert!(sniff(page.as_bytes()), "{page:?}");
        }
        for text in [
            "Xi Meets Biden\n\nOn March 14, Xi met Biden <body> of water.",
            "Title\n<html> is a tag name",
            "",
            "<!-- never closed",
            "   ",
        ] {
            assert!(!sniff(text.as_bytes()), "{text:?}");
        }
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "<!DOCTYPE html><p>x".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert!(sniff(&utf16));
    }

    fn trim(title: &str, sites: &[&str]) -> (String, Vec<String>) {
        let sites: Vec<String> = sites.iter().map(|s| s.to_string()).collect();
        trim_site_name(title, &sites)
    }

    #[test]
    fn site_name_suffixes_are_trimmed() {
        assert_eq!(
            trim("PM call with President Macron: 23 March 2022 - GOV.UK", &[]).0,
            "PM call with President Macron: 23 March 2022"
        );
        assert_eq!(
            trim(
                "Xi Jinping Meets Biden | Ministry of Foreign Affairs of the People's Republic of China",
                &[]
            ),
            (
                "Xi Jinping Meets Biden".to_string(),
                vec!["Ministry of Foreign Affairs of the People's Republic of China".to_string()]
            )
        );
        assert_eq!(
            trim("Readout of a Call | The White House", &["The White House"]).0,
            "Readout of a Call"
        );
        assert_eq!(
            trim("Headline of the day - News - Embassy of Ruritania", &[]).0,
            "Headline of the day"
        );
    }

    #[test]
    fn leading_site_names_and_known_sites_are_trimmed() {
        assert_eq!(
            trim("Ministry of Foreign Affairs | Xi Meets Biden in Bali", &[]).0,
            "Xi Meets Biden in Bali"
        );
        assert_eq!(
            trim("MFA Russia :: Lavrov talks", &["MFA Russia"]).0,
            "Lavrov talks"
        );
        // An empty headline leaves the site's name alone: no title.
        assert_eq!(trim("| Ministry of Foreign Affairs", &[]).0, "");
        assert_eq!(trim("Ministry of External Affairs ::", &[]).0, "");
    }

    #[test]
    fn titles_that_only_look_divided_keep_their_parts() {
        // A dated part, a part that reports a contact, and a title too short to shorten stay.
        assert_eq!(
            trim("Telephone conversation - 12 March 2022", &[]).0,
            "Telephone conversation - 12 March 2022"
        );
        assert_eq!(
            trim("Xi Jinping - Biden hold talks", &[]).0,
            "Xi Jinping - Biden hold talks"
        );
        assert_eq!(trim("News - MFA", &[]).0, "News - MFA");
        assert_eq!(trim("India-Pakistan talks", &[]).0, "India-Pakistan talks");
        assert_eq!(trim("  ", &[]).0, "");
    }

    #[test]
    fn meta_dates_parse_as_written() {
        let d = |v: &str| meta_date(v).map(|d| d.to_string());
        assert_eq!(
            d("2021-03-14T23:30:00-05:00").as_deref(),
            Some("2021-03-14")
        );
        assert_eq!(d("2021-03-14").as_deref(), Some("2021-03-14"));
        assert_eq!(d(" 2021-03-14 10:00 ").as_deref(), Some("2021-03-14"));
        assert_eq!(d("20210314").as_deref(), Some("2021-03-14"));
        assert_eq!(d("2021/03/14").as_deref(), Some("2021-03-14"));
        assert_eq!(d("March 14, 2021").as_deref(), Some("2021-03-14"));
        assert_eq!(d("2021-03").as_deref(), Some("2021-03"));
        assert_eq!(d("2021-02-30"), None);
        assert_eq!(d("202103141"), None);
        assert_eq!(d("soon"), None);
        assert_eq!(d(""), None);
    }

    #[test]
    fn only_absolute_urls_are_kept() {
        assert_eq!(
            absolute_url(" https://www.gov.uk/a ").as_deref(),
            Some("https://www.gov.uk/a")
        );
        assert_eq!(
            absolute_url("HTTP://kremlin.ru/x").as_deref(),
            Some("HTTP://kremlin.ru/x")
        );
        assert_eq!(
            absolute_url("//mid.ru/en/1").as_deref(),
            Some("https://mid.ru/en/1")
        );
        for bad in [
            "/news/1",
            "news.html",
            "javascript:void(0)",
            "https://",
            "",
            "https://a b",
        ] {
            assert_eq!(absolute_url(bad), None, "{bad}");
        }
    }
}
