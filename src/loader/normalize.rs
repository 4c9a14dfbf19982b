//! Normalised text and the content id derived from it.

use std::borrow::Cow;
use std::sync::LazyLock;

/// Line ends to `\n`, exotic spaces to plain spaces, zero-width characters removed.
pub fn normalize_text(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    // Made at the first replacement: most texts have none and are returned as they are.
    let mut out: Option<String> = None;
    // Every character replaced is `\r`, `\t` or starts with one of four lead bytes, none of
    // them a UTF-8 continuation byte: vectorised searches for those bytes find every
    // candidate, and the runs between candidates are copied whole.
    let ascii = |from: usize| memchr::memchr3(b'\r', b'\t', 0xC2, &bytes[from..]).map(|i| from + i);
    let lead = |from: usize| memchr::memchr3(0xE2, 0xE3, 0xEF, &bytes[from..]).map(|i| from + i);
    let (mut next_ascii, mut next_lead) = (ascii(0), lead(0));
    let mut copied = 0;
    loop {
        let i = match (next_ascii, next_lead) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => break,
        };
        let c = text[i..].chars().next().unwrap_or(' ');
        let after = i + c.len_utf8();
        let replacement = match c {
            '\r' if bytes.get(after) == Some(&b'\n') => Some(""),
            '\r' => Some("\n"),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{3000}' | '\t' | '\u{2002}' | '\u{2003}'
            | '\u{2009}' => Some(" "),
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => Some(""),
            _ => None,
        };
        if let Some(replacement) = replacement {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..i]);
            out.push_str(replacement);
            copied = after;
        }
        if next_ascii == Some(i) {
            next_ascii = ascii(after);
        }
        if next_lead == Some(i) {
            next_lead = lead(after);
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
    }
}

/// "Iceland´s Minister", "Azerbaijan`s President": an acute accent or a backtick typed for an
/// apostrophe between two letters, read as one. Not part of [`normalize_text`], which the id is
/// computed from: ids do not move when the parser reads more.
pub fn typed_apostrophes(text: &str) -> Cow<'_, str> {
    // The acute accent is C2 B4 in UTF-8: its second byte, or a backtick, tells a candidate.
    if memchr::memchr2(b'`', 0xB4, text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut previous = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let between_letters =
            previous.is_alphabetic() && chars.peek().is_some_and(|n| n.is_alphabetic());
        if matches!(c, '\u{00B4}' | '`') && between_letters {
            out.push('\'');
        } else {
            out.push(c);
        }
        previous = c;
    }
    Cow::Owned(out)
}

/// "PRESIDENT Kofi Adjeman has met …", "ACCRA – FOREIGN MINISTER Ana Soto …": a newspaper's
/// opening words in capitals, read as the title they are when the words after them are not in
/// capitals too (a headline in capitals stays as written). Like [`typed_apostrophes`], not part
/// of the text the id is computed from.
pub fn capital_titles(text: &str) -> Cow<'_, str> {
    const DATELINE_BYTES: usize = 40;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let b = line.as_bytes();
        if b.len() > 2 && b[0].is_ascii_uppercase() && b[1].is_ascii_uppercase() {
            let dash = line
                .get(..DATELINE_BYTES.min(line.len()))
                .and_then(super::layout::first_dash)
                .map(|(dash_at, len)| dash_at + len);
            for from in std::iter::once(0).chain(dash) {
                if let Some(len) = capital_title_at(&line[from..]) {
                    spans.push((at + from, at + from + len));
                }
            }
        }
        at += line.len();
    }
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for (start, end) in spans {
        // ASCII letters only, so the byte length stays.
        let title_cased = title_case(&out[start..end]);
        out.replace_range(start..end, &title_cased);
    }
    Cow::Owned(out)
}

/// Each word's first letter kept and the rest lower-cased: "FOREIGN MINISTER" → "Foreign
/// Minister".
pub fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|first| first.to_string() + &chars.as_str().to_lowercase())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The length of the words in capitals that open `text` when, title-cased, they are a title
/// of `titles.txt` and the next word is not in capitals.
fn capital_title_at(text: &str) -> Option<usize> {
    const TITLE_WORDS: usize = 3;
    let words: Vec<&str> = text.split(' ').take(TITLE_WORDS + 1).collect();
    let capitals = |w: &str| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase());
    let run = words.iter().take_while(|w| capitals(w)).count();
    let next = words.get(run)?;
    // The next word is a name in mixed case ("Kofi"), not more capitals ("BIDEN:").
    let mixed =
        next.starts_with(|c: char| c.is_uppercase()) && next.chars().any(char::is_lowercase);
    if run == 0 || run > TITLE_WORDS || !mixed {
        return None;
    }
    let title = title_case(&words[..run].join(" "));
    crate::data::TITLES
        .contains(&title)
        .then(|| words[..run].iter().map(|w| w.len()).sum::<usize>() + run - 1)
}

/// The bytes that `char::is_whitespace` calls space on their own (ASCII), and every
/// non-ASCII byte, whose character must be decoded to tell.
const SPACE_OR_NOT_ASCII: [bool; 256] = {
    let mut set = [false; 256];
    let mut b = 0;
    while b < 256 {
        set[b] = b >= 0x80 || matches!(b as u8, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
        b += 1;
    }
    set
};

/// The text the id is computed from: lines trimmed, runs of spaces folded, blank lines dropped.
/// It depends only on the text, never on the parser, so ids survive parser improvements.
pub fn canonical_text(normalized: &str) -> String {
    let mut out = String::with_capacity(normalized.len());
    for line in normalized.split('\n') {
        let before = out.len();
        if before > 0 {
            out.push('\n');
        }
        if !push_words(line, &mut out) {
            out.truncate(before);
        }
    }
    out
}

/// The line's words (split as `str::split_whitespace` splits) joined by single spaces.
pub fn fold_spaces(line: &str) -> Cow<'_, str> {
    // Most lines are folded already, and are returned as they are.
    if is_folded_ascii(line) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    push_words(line, &mut out);
    Cow::Owned(out)
}

/// Appends the words of `text` to `out`, one space between them; false when it has none.
/// Text already written that way (words and single plain spaces, most of any line) is
/// copied in one piece; only a non-ASCII byte is decoded, to ask whether it starts a space.
fn push_words(text: &str, out: &mut String) -> bool {
    if is_folded_ascii(text) {
        out.push_str(text);
        return !text.is_empty();
    }
    let bytes = text.as_bytes();
    let n = bytes.len();
    let plain = |i: usize| !SPACE_OR_NOT_ASCII[usize::from(bytes[i])];
    // The length of the space character at `i`, 0 when it is not one.
    let space_at = |i: usize| -> usize {
        if bytes[i] < 0x80 {
            return usize::from(!plain(i));
        }
        text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8)
    };
    let skip_spaces = |mut i: usize| {
        while i < n {
            match space_at(i) {
                0 => break,
                k => i += k,
            }
        }
        i
    };
    let mut i = skip_spaces(0);
    if i == n {
        return false;
    }
    // Start of the text not yet copied.
    let mut run = i;
    loop {
        while i < n {
            if plain(i) {
                i += 1;
            } else if bytes[i] == b' ' && i + 1 < n && plain(i + 1) {
                i += 2;
            } else if bytes[i] >= 0x80 && space_at(i) == 0 {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            } else {
                break;
            }
        }
        let next_word = skip_spaces(i);
        if next_word == n {
            out.push_str(&text[run..i]);
            return true;
        }
        // A single plain space before a word that starts with a non-ASCII letter.
        if next_word == i + 1 && bytes[i] == b' ' {
            i = next_word;
            continue;
        }
        out.push_str(&text[run..i]);
        out.push(' ');
        i = next_word;
        run = i;
    }
}

/// Whether an ASCII text is already words with single plain spaces between them (most lines
/// are), told by vectorised searches instead of a look at each byte.
fn is_folded_ascii(text: &str) -> bool {
    static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    let bytes = text.as_bytes();
    text.is_ascii()
        && !bytes.starts_with(b" ")
        && !bytes.ends_with(b" ")
        && DOUBLE_SPACE.find(bytes).is_none()
        && memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_none()
        && memchr::memchr2(0x0B, 0x0C, bytes).is_none()
}

/// Number of hex digits of the content hash shown as an id (48 bits, like a long git abbrev).
pub const ID_LEN: usize = 12;

/// Full content hash (hex) of the canonical text.
pub fn content_hash(canonical: &str) -> String {
    blake3::hash(canonical.as_bytes()).to_hex().to_string()
}

/// Hex digits of a record id: [`ID_LEN`]. Test-only hook, in debug builds alone:
/// `DIPLO_TEST_ID_LEN=N` (1 to 12) shortens ids so that different texts collide among a few
/// dozen files, which a test needs and no real BLAKE3 prefix offers. A release build never
/// reads the variable.
pub fn id_len() -> usize {
    #[cfg(debug_assertions)]
    {
        static LEN: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
        *LEN.get_or_init(|| {
            std::env::var("DIPLO_TEST_ID_LEN")
                .ok()
                .and_then(|v| v.parse().ok())
                .filter(|n| (1..=ID_LEN).contains(n))
                .unwrap_or(ID_LEN)
        })
    }
    #[cfg(not(debug_assertions))]
    ID_LEN
}

/// The record id: the content hash abbreviated.
pub fn id_from_hash(hash: &str) -> String {
    hash[..id_len()].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_words_in_capitals_that_are_a_title_are_read_as_one() {
        assert_eq!(
            capital_titles("Talks\nPRESIDENT Kofi Adjeman has met his counterpart.\n"),
            "Talks\nPresident Kofi Adjeman has met his counterpart.\n"
        );
        assert_eq!(
            capital_titles("ACCRA - FOREIGN MINISTER Ana Soto met the envoy."),
            "ACCRA - Foreign Minister Ana Soto met the envoy."
        );
        // A headline in capitals, a word that is no title, or capitals mid-line stay.
        for text in [
            "PRESIDENT MEETS ENVOY",
            "PRESIDENT BIDEN: Well, thank you.",
            "NEW Minister Ana Soto met the envoy.",
            "The PRESIDENT Kofi Adjeman met the envoy.",
        ] {
            assert!(matches!(capital_titles(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn an_accent_or_backtick_between_letters_is_an_apostrophe() {
        assert_eq!(
            typed_apostrophes("Iceland´s Minister and Azerbaijan`s President"),
            "Iceland's Minister and Azerbaijan's President"
        );
        // Elsewhere they are left as they are; a text without them is not copied.
        assert_eq!(typed_apostrophes("run `diplo` ´"), "run `diplo` ´");
        assert!(matches!(typed_apostrophes("Iceland's"), Cow::Borrowed(_)));
    }

    #[test]
    fn crlf_and_nbsp_normalise() {
        assert_eq!(
            normalize_text("Home\u{a0}>\u{a0}News\r\nText\rMore"),
            "Home > News\nText\nMore"
        );
    }

    #[test]
    fn runs_between_replaced_characters_are_kept_exactly() {
        assert_eq!(
            normalize_text("\u{feff}Erdoğan\r\r\nmet\u{200b} Xi\tin\u{3000}Ankara\r"),
            "Erdoğan\n\nmet Xi in Ankara\n"
        );
        assert_eq!(normalize_text("plain ASCII\n"), "plain ASCII\n");
    }

    #[test]
    fn a_text_with_nothing_to_replace_is_not_copied() {
        assert!(matches!(
            normalize_text("Erdoğan met Xi.\n"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(normalize_text("Erdoğan\tmet Xi."), Cow::Owned(_)));
    }

    #[test]
    fn id_ignores_line_ends_spacing_and_blank_lines() {
        let a = canonical_text(&normalize_text("Title\r\n\r\n  Body  text \r\n"));
        let b = canonical_text(&normalize_text("Title\n\n\n\nBody text"));
        assert_eq!(a, b);
        assert_eq!(id_from_hash(&content_hash(&a)).len(), ID_LEN);
        assert_eq!(content_hash(&a), content_hash(&b));
    }

    /// The first implementations, character by character: the byte scans must agree with them.
    fn normalize_reference(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let replacement = match c {
                '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => "",
                '\r' => "\n",
                '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{3000}' | '\t' | '\u{2002}'
                | '\u{2003}' | '\u{2009}' => " ",
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => "",
                _ => continue,
            };
            out.push_str(&text[copied..i]);
            out.push_str(replacement);
            copied = i + c.len_utf8();
        }
        out.push_str(&text[copied..]);
        out
    }

    fn canonical_reference(normalized: &str) -> String {
        let mut out = String::new();
        for line in normalized.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if words.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&words.join(" "));
        }
        out
    }

    /// Text built from the characters the scans treat specially, and ordinary ones.
    fn tricky_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "a", "Xi", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}",
            "\u{AD}", "\u{C2}", "é", "ğ", "\u{1680}", "\u{2000}", "\u{2002}", "\u{2007}",
            "\u{2009}", "\u{200A}", "\u{200B}", "\u{200D}", "\u{2028}", "\u{202F}", "\u{205F}",
            "\u{2019}", "–", "\u{3000}", "\u{3001}", "\u{FEFF}", "\u{FEFE}", "😀",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #[test]
        fn byte_scans_agree_with_the_character_by_character_versions(text in tricky_text()) {
            let normalized = normalize_text(&text);
            proptest::prop_assert_eq!(&normalized, &normalize_reference(&text));
            proptest::prop_assert_eq!(canonical_text(&normalized), canonical_reference(&normalized));
            proptest::prop_assert_eq!(canonical_text(&text), canonical_reference(&text));
            proptest::prop_assert_eq!(fold_spaces(&text), text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    #[test]
    fn different_text_gives_different_ids() {
        assert_ne!(content_hash("Xi met Biden"), content_hash("Xi met Trump"));
    }
}
