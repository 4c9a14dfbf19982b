//! An HTML page's bytes to text: the byte-order mark, then the page's own `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="...; charset=...">`, then detection.
//!
//! The declaration is found by the HTML standard's "prescan" of the first bytes: a small
//! scanner of tags and attributes that skips comments, as browsers run it before parsing.

use crate::loader::decode::{binary_kind, looks_like_text};
use crate::record::Problem;
use encoding_rs::{Encoding, UTF_8};

/// How far into the page a charset declaration is looked for. The standard says 1024 bytes;
/// older ministry pages put long scripts or comments first, so a little more is read.
const PRESCAN_BYTES: usize = 4096;

/// Decodes an HTML page, or says why it is not one.
pub fn decode(bytes: &[u8]) -> Result<String, Problem> {
    if bytes.is_empty() {
        return Err(Problem::new("empty", "empty file"));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return checked(text.into_owned());
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(Problem::new(
            "binary",
            format!("binary file ({kind}), not a text readout"),
        ));
    }
    let encoding = declared(bytes)
        .map(|declared| {
            // A page that declares a legacy encoding but is valid UTF-8 with non-ASCII text
            // was converted without its declaration: reading it as declared would garble
            // every accented name, and legacy text is almost never valid UTF-8 by chance.
            if declared != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                declared
            }
        })
        .unwrap_or_else(|| detected(bytes));
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    checked(text.into_owned())
}

fn checked(text: String) -> Result<String, Problem> {
    if looks_like_text(&text) {
        Ok(text)
    } else {
        Err(Problem::new(
            "not_text",
            "not text: the page's bytes are not in its declared or any detected encoding",
        ))
    }
}

/// UTF-8 when the bytes are valid UTF-8, else the legacy encoding the bytes look like.
fn detected(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// The encoding the page declares in its first bytes, as the standard's prescan finds it.
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut i = 0;
    while i < head.len() {
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            // The end of a comment may share its dashes with the start: "<!-->" ends it.
            match find(&head[i + 2..], b"-->") {
                Some(at) => i += 2 + at + 3,
                None => return None,
            }
        } else if starts_with_ignore_case(rest, b"<meta")
            && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            let (found, end) = meta_encoding(head, i + 5);
            if found.is_some() {
                return found;
            }
            i = end;
        } else if rest.len() >= 2
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic()
                || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Another tag: skip its name and attributes, whose values may hold a '>'.
            let mut at = i + 1;
            while at < head.len() && !is_space(head[at]) && head[at] != b'>' {
                at += 1;
            }
            loop {
                match attribute(head, at) {
                    Attribute::Found(_, _, next) => at = next,
                    Attribute::End(next) => {
                        at = next;
                        break;
                    }
                }
            }
            i = at.max(i + 1);
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            match head[i + 2..].iter().position(|&b| b == b'>') {
                Some(at) => i += 2 + at + 1,
                None => return None,
            }
        } else {
            i += 1;
        }
    }
    None
}

/// The encoding a `<meta` tag's attributes declare (read from `at`, just after its name), and
/// where the tag ends.
fn meta_encoding(head: &[u8], mut at: usize) -> (Option<&'static Encoding>, usize) {
    let mut charset: Option<&'static Encoding> = None;
    let mut from_content: Option<&'static Encoding> = None;
    let mut pragma = false;
    loop {
        match attribute(head, at) {
            Attribute::Found(name, value, next) => {
                at = next;
                if name.eq_ignore_ascii_case(b"charset") {
                    charset = charset.or_else(|| label_encoding(value));
                } else if name.eq_ignore_ascii_case(b"http-equiv") {
                    pragma |= value.eq_ignore_ascii_case(b"content-type");
                } else if name.eq_ignore_ascii_case(b"content") {
                    from_content = from_content.or_else(|| charset_in_content(value));
                }
            }
            Attribute::End(next) => {
                at = next;
                break;
            }
        }
    }
    let found = charset.or(if pragma { from_content } else { None });
    // A page cannot declare itself UTF-16 in its own ASCII bytes: the standard reads it as UTF-8.
    (found.map(Encoding::output_encoding), at)
}

fn label_encoding(label: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_label(label)
}

/// The encoding named by `charset=` in a Content-Type value ("text/html; charset=windows-1251").
fn charset_in_content(value: &[u8]) -> Option<&'static Encoding> {
    let lower = value.to_ascii_lowercase();
    let at = find(&lower, b"charset")?;
    let mut i = at + b"charset".len();
    while i < value.len() && is_space(value[i]) {
        i += 1;
    }
    if value.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while i < value.len() && is_space(value[i]) {
        i += 1;
    }
    let rest = &value[i..];
    let label = match rest.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let end = rest[1..].iter().position(|&b| b == q)?;
            &rest[1..1 + end]
        }
        _ => {
            let end = rest
                .iter()
                .position(|&b| is_space(b) || b == b';')
                .unwrap_or(rest.len());
            &rest[..end]
        }
    };
    label_encoding(label)
}

enum Attribute<'a> {
    /// A name, its value (empty when it has none) and where the next attribute may start.
    Found(&'a [u8], &'a [u8], usize),
    /// The tag ends: where scanning goes on.
    End(usize),
}

/// The standard's "get an attribute" step: the next attribute of a tag from `at`.
fn attribute(head: &[u8], mut at: usize) -> Attribute<'_> {
    while at < head.len() && (is_space(head[at]) || head[at] == b'/') {
        at += 1;
    }
    if at >= head.len() {
        return Attribute::End(head.len());
    }
    if head[at] == b'>' {
        return Attribute::End(at + 1);
    }
    let name_start = at;
    // The first character of a name may be '='.
    at += 1;
    while at < head.len() && !matches!(head[at], b'=' | b'/' | b'>') && !is_space(head[at]) {
        at += 1;
    }
    let name = &head[name_start..at];
    while at < head.len() && is_space(head[at]) {
        at += 1;
    }
    if head.get(at) != Some(&b'=') {
        return Attribute::Found(name, &[], at);
    }
    at += 1;
    while at < head.len() && is_space(head[at]) {
        at += 1;
    }
    match head.get(at) {
        Some(&q @ (b'"' | b'\'')) => {
            let start = at + 1;
            match head[start..].iter().position(|&b| b == q) {
                Some(len) => Attribute::Found(name, &head[start..start + len], start + len + 1),
                None => Attribute::End(head.len()),
            }
        }
        Some(_) => {
            let start = at;
            while at < head.len() && !is_space(head[at]) && head[at] != b'>' {
                at += 1;
            }
            Attribute::Found(name, &head[start..at], at)
        }
        None => Attribute::End(head.len()),
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8]) -> Option<&'static str> {
        declared(bytes).map(Encoding::name)
    }

    #[test]
    fn meta_charset_is_found() {
        assert_eq!(
            name(b"<!DOCTYPE html><html><head><meta charset=\"windows-1251\"><title>x</title>"),
            Some("windows-1251")
        );
        assert_eq!(name(b"<meta charset=shift_jis>"), Some("Shift_JIS"));
        assert_eq!(name(b"<META CHARSET='ISO-8859-1'/>"), Some("windows-1252"));
    }

    #[test]
    fn http_equiv_content_type_is_found() {
        assert_eq!(
            name(b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"),
            Some("windows-1251")
        );
        assert_eq!(
            name(b"<meta content='text/html;charset=\"euc-jp\"' http-equiv='content-type'>"),
            Some("EUC-JP")
        );
        // Without the pragma, a content attribute declares nothing.
        assert_eq!(name(b"<meta name=x content=\"charset=koi8-r\">"), None);
    }

    #[test]
    fn declarations_in_comments_and_attribute_values_are_not_read() {
        assert_eq!(
            name(b"<!-- <meta charset=koi8-r> --><meta charset=utf-8>"),
            Some("UTF-8")
        );
        assert_eq!(
            name(b"<div title='<meta charset=koi8-r>'><meta charset=gbk>"),
            Some("GBK")
        );
        assert_eq!(name(b"<p>no declaration here</p>"), None);
        assert_eq!(name(b"<meta charset=no-such-encoding>"), None);
    }

    #[test]
    fn a_page_declaring_utf16_in_ascii_is_read_as_utf8() {
        assert_eq!(name(b"<meta charset=utf-16le>"), Some("UTF-8"));
    }

    #[test]
    fn windows_1251_and_shift_jis_pages_decode_by_their_declaration() {
        let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode("Лавров провёл переговоры");
        let mut page = b"<html><head><meta charset=\"windows-1251\"></head><body><p>".to_vec();
        page.extend_from_slice(&cyrillic);
        assert!(decode(&page).unwrap().contains("Лавров провёл переговоры"));

        let (japanese, _, _) = encoding_rs::SHIFT_JIS.encode("外務大臣会談");
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>"
                .to_vec();
        page.extend_from_slice(&japanese);
        assert!(decode(&page).unwrap().contains("外務大臣会談"));
    }

    #[test]
    fn a_bom_wins_over_the_declaration() {
        let mut page = b"\xEF\xBB\xBF<meta charset=windows-1251><p>".to_vec();
        page.extend_from_slice("Erdoğan".as_bytes());
        assert!(decode(&page).unwrap().ends_with("Erdoğan"));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "<p>Xi met Biden</p>".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap(), "<p>Xi met Biden</p>");
    }

    #[test]
    fn valid_utf8_wins_over_a_legacy_declaration() {
        let page = "<meta charset=iso-8859-1><p>Çavuşoğlu met Zarif</p>";
        assert!(decode(page.as_bytes()).unwrap().contains("Çavuşoğlu"));
    }

    #[test]
    fn undeclared_legacy_bytes_are_detected() {
        let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode(
            "Министр иностранных дел России Сергей Лавров провёл телефонный разговор с коллегой.",
        );
        let mut page = b"<html><body><p>".to_vec();
        page.extend_from_slice(&cyrillic);
        assert!(decode(&page).unwrap().contains("Сергей Лавров"));
    }

    #[test]
    fn binary_and_empty_pages_are_refused() {
        assert_eq!(decode(b"").unwrap_err().code, "empty");
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n").unwrap_err().code, "binary");
        assert_eq!(decode(b"<p>a\0b</p>").unwrap_err().code, "binary");
    }

    #[test]
    fn a_truncated_tag_or_comment_ends_the_scan() {
        assert_eq!(name(b"<!-- never closed <meta charset=gbk>"), None);
        assert_eq!(name(b"<meta charset=\"gbk"), None);
        assert_eq!(name(b"<"), None);
        assert_eq!(name(b"<a"), None);
        assert_eq!(name(b"<!"), None);
    }
}
