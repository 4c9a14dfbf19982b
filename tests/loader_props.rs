//! Property tests: the loader never panics, whatever the bytes (as text or as an HTML page),
//! and ids are stable.
//! Raise PROPTEST_CASES for a long run (the closing note of the hardening issue gives counts).

use diplo::loader::{Loaded, parse_bytes};
use proptest::prelude::*;

const SEEDS: [&[u8]; 4] = [
    include_bytes!("../seeds/000_fd7ad6a0d65a9c83.txt"),
    include_bytes!("../seeds/001_8f02d77f9fe261ac.txt"),
    include_bytes!("../seeds/002_45b956f5592036d3.txt"),
    include_bytes!("../seeds/003_e2447bf0e712ceff.txt"),
];

fn mutate(seed: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for &(pos, byte, op) in edits {
        let at = pos % (bytes.len() + 1);
        match op % 4 {
            0 if at < bytes.len() => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            2 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => bytes.truncate(at.max(1)),
        }
    }
    bytes
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = parse_bytes(&bytes, "fuzz.txt");
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,2000}") {
        let _ = parse_bytes(text.as_bytes(), "fuzz.txt");
    }

    #[test]
    fn mutated_seeds_never_panic(which in 0usize..4, edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..40)) {
        let _ = parse_bytes(&mutate(SEEDS[which], &edits), "seed.txt");
    }

    #[test]
    fn the_id_depends_only_on_the_text(which in 0usize..4, crlf in any::<bool>(), bom in any::<bool>()) {
        let text = String::from_utf8_lossy(SEEDS[which]).into_owned();
        let mut variant = if crlf { text.replace('\n', "\r\n") } else { text.clone() };
        if bom { variant.insert(0, '\u{feff}'); }
        let id = |bytes: &[u8], source: &str| match parse_bytes(bytes, source) {
            Loaded::Record(r) => r.record.id,
            Loaded::Skipped(p) => panic!("seed skipped: {p}"),
        };
        prop_assert_eq!(id(text.as_bytes(), "a.txt"), id(variant.as_bytes(), "elsewhere/b.txt"));
    }

    #[test]
    fn arbitrary_bytes_as_html_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = parse_bytes(&bytes, "fuzz.html");
    }

    #[test]
    fn arbitrary_markup_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("<".to_string()), Just(">".to_string()), Just("</".to_string()), Just("/>".to_string()),
            Just("<!--".to_string()), Just("-->".to_string()), Just("<!doctype html>".to_string()),
            Just("<meta charset=".to_string()), Just("\"".to_string()), Just("'".to_string()), Just("=".to_string()),
            Just("&".to_string()), Just(";".to_string()), Just("&#".to_string()), Just("&amp".to_string()),
            Just("<script>".to_string()), Just("</script>".to_string()), Just("<style>".to_string()),
            Just("<template>".to_string()), Just("<svg>".to_string()), Just("<math>".to_string()),
            Just("<table><tr><td>".to_string()), Just("<pre>".to_string()), Just("<br>".to_string()),
            Just("<article>".to_string()), Just("<main>".to_string()), Just("<h1>".to_string()),
            Just("<header>".to_string()), Just("<footer>".to_string()), Just("<form>".to_string()),
            Just("<div class=\"cookie related menu\">".to_string()), Just("<nav>".to_string()),
            Just("<time datetime=\"2021-02-30\">".to_string()), Just("<meta property=\"article:published_time\" content=\"".to_string()),
            Just("<link rel=canonical href=\"".to_string()), Just("<script type=\"application/ld+json\">{\"datePublished\":".to_string()),
            Just("<title>".to_string()), Just("</title>".to_string()), Just("<p>".to_string()), Just("</p>".to_string()),
            Just("</div>".to_string()), Just("<frameset>".to_string()), Just("<plaintext>".to_string()),
            "\\PC{0,40}",
        ],
        0..200,
    )) {
        let page = parts.concat();
        let _ = parse_bytes(page.as_bytes(), "fuzz.html");
        let _ = parse_bytes(page.as_bytes(), "fuzz.txt");
    }

    #[test]
    fn mutated_seed_pages_never_panic(which in 0usize..4, edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..40)) {
        let _ = parse_bytes(&mutate(&as_page(SEEDS[which]), &edits), "seed.html");
    }

    #[test]
    fn a_pages_id_depends_only_on_its_text(which in 0usize..4, crlf in any::<bool>(), bom in any::<bool>()) {
        let page = String::from_utf8(as_page(SEEDS[which])).expect("UTF-8 page");
        let mut variant = if crlf { page.replace('\n', "\r\n") } else { page.clone() };
        if bom { variant.insert(0, '\u{feff}'); }
        let id = |bytes: &[u8], source: &str| match parse_bytes(bytes, source) {
            Loaded::Record(r) => r.record.id,
            Loaded::Skipped(p) => panic!("seed page skipped: {p}"),
        };
        prop_assert_eq!(id(page.as_bytes(), "a.html"), id(variant.as_bytes(), "elsewhere/b.htm"));
    }
}

/// A seed wrapped into a page: each block a paragraph, its lines joined by <br>.
fn as_page(seed: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(seed);
    let mut body = String::new();
    for block in text.split("\n\n") {
        let block = block.trim();
        if block.is_empty() {
            continue;
        }
        let escaped = block.replace('&', "&amp;").replace('<', "&lt;");
        body.push_str(&format!("<p>{}</p>\n", escaped.replace('\n', "<br>\n")));
    }
    format!("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Seed</title></head>\n<body><nav><a href=\"/\">Home</a></nav>\n<main>\n{body}</main>\n</body></html>\n").into_bytes()
}
