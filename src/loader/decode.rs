//! Bytes to text: encodings, byte-order marks and binary detection.

use crate::record::Problem;
use std::borrow::Cow;

/// Decodes a file's bytes into text, or says why the file is not text.
///
/// UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark load as they
/// are; other bytes that are not UTF-8 are read as Windows-1252, the usual encoding of
/// older ministry pages, unless they look like binary data. UTF-8 is borrowed, not copied.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Problem> {
    if bytes.is_empty() {
        return Err(Problem::new("empty", "empty file"));
    }
    if let Some(text) = decode_utf16_with_bom(bytes) {
        return Ok(Cow::Owned(text));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(kind) = binary_kind(bytes) {
        return Err(Problem::new(
            "binary",
            format!("binary file ({kind}), not a text readout"),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            if looks_like_text(&text) {
                Ok(Cow::Owned(text.into_owned()))
            } else {
                Err(Problem::new(
                    "not_text",
                    "not text: neither UTF-8 nor Windows-1252 (convert it to UTF-8)",
                ))
            }
        }
    }
}

fn decode_utf16_with_bom(bytes: &[u8]) -> Option<String> {
    let (encoding, rest) = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (encoding_rs::UTF_16LE, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (encoding_rs::UTF_16BE, rest)
    } else {
        return None;
    };
    let (text, _) = encoding.decode_without_bom_handling(rest);
    Some(text.into_owned())
}

/// Names the kind of binary data, as ripgrep does: a NUL byte or a well-known file signature.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 6] = [
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x7FELF", "executable"),
    ];
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(kind);
    }
    bytes.contains(&0).then_some("contains a NUL byte")
}

/// Text has few control characters other than line breaks and tabs.
pub(crate) fn looks_like_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C')) || c == '\u{FFFD}' {
            control += 1;
        }
    }
    control * 100 <= total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFHello").unwrap(), "Hello");
    }

    #[test]
    fn utf8_is_borrowed_and_other_encodings_are_decoded_into_new_text() {
        assert!(matches!(
            decode("Erdoğan met Xi".as_bytes()),
            Ok(Cow::Borrowed(_))
        ));
        assert!(matches!(decode(b"China\x92s position"), Ok(Cow::Owned(_))));
    }

    #[test]
    fn windows_1252_quotes_and_dashes_decode() {
        // "China\x92s position \x96 firm" in Windows-1252.
        let text = decode(b"China\x92s position \x96 firm").unwrap();
        assert_eq!(text, "China\u{2019}s position \u{2013} firm");
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Xi met Biden".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), "Xi met Biden");
    }

    #[test]
    fn empty_pdf_png_and_nul_are_refused_with_a_reason() {
        assert_eq!(decode(b"").unwrap_err().code, "empty");
        assert!(decode(b"%PDF-1.7 ...").unwrap_err().message.contains("PDF"));
        assert!(decode(b"\x89PNG\r\n").unwrap_err().message.contains("PNG"));
        assert!(decode(b"text\0more").unwrap_err().message.contains("NUL"));
    }

    #[test]
    fn control_heavy_bytes_are_not_text() {
        let bytes: Vec<u8> = (0..200u8)
            .map(|i| if i % 2 == 0 { 0x81 } else { 0x05 })
            .collect();
        assert_eq!(decode(&bytes).unwrap_err().code, "not_text");
    }
}
