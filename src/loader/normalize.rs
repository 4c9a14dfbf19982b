//! Normalised text and the content id derived from it.

/// Line ends to `\n`, exotic spaces to plain spaces, zero-width characters removed.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Runs of ordinary characters are copied whole; only the listed ones are looked at.
    let mut copied = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let replacement = match c {
            '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => "",
            '\r' => "\n",
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{3000}' | '\t' | '\u{2002}' | '\u{2003}'
            | '\u{2009}' => " ",
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

/// The text the id is computed from: lines trimmed, runs of spaces folded, blank lines dropped.
/// It depends only on the text, never on the parser, so ids survive parser improvements.
pub fn canonical_text(normalized: &str) -> String {
    let mut out = String::with_capacity(normalized.len());
    for line in normalized.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for (i, w) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
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
    fn id_ignores_line_ends_spacing_and_blank_lines() {
        let a = canonical_text(&normalize_text("Title\r\n\r\n  Body  text \r\n"));
        let b = canonical_text(&normalize_text("Title\n\n\n\nBody text"));
        assert_eq!(a, b);
        assert_eq!(id_from_hash(&content_hash(&a)).len(), ID_LEN);
        assert_eq!(content_hash(&a), content_hash(&b));
    }

    #[test]
    fn different_text_gives_different_ids() {
        assert_ne!(content_hash("Xi met Biden"), content_hash("Xi met Trump"));
    }
}
