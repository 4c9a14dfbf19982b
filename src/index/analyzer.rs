//! The text analyzer: tantivy's `en_stem` chain in one pass, with the stems of recent words
//! remembered.
//!
//! Readouts reuse a small vocabulary, and the Snowball stemmer took about a sixth of a full
//! index run. The analyzer makes the same tokens as tantivy's chain (simple tokenizer, tokens
//! of 40 bytes or more removed, lower case, English stemmer), with the same positions and
//! offsets, and is registered under the same name: indexes written with or without it are
//! interchangeable. It is one tokenizer rather than four filters because a word seen before
//! is then one lookup of its text as written, where the chain copied it, lower-cased it and
//! looked it up again for every token.

use super::schema::TEXT_ANALYZER;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use tantivy::Index;
use tantivy::tokenizer::{Language, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer};

/// Words remembered per thread before its cache is cleared, which bounds it (a few MiB).
const CACHE_WORDS: usize = 100_000;

/// Tokens of this many bytes or more are dropped, as tantivy's `en_stem` drops them
/// (`RemoveLongFilter::limit(40)`); they still take a position.
const LONGEST_TOKEN: usize = 40;

/// Registers the analyzer on an opened or created index.
pub fn register(index: &Index) {
    index.tokenizers().register(TEXT_ANALYZER, analyzer());
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::from(CachedEnStem::default())
}

thread_local! {
    /// word as written → its term (lower-cased and stemmed). A token stream takes the map
    /// for its life and gives it back when dropped. It is not in the tokenizer: tantivy
    /// clones a field's analyzer for each snippet and each segment, and a cache in the clone
    /// would start empty each time.
    static STEMS: RefCell<FxHashMap<ShortWord, Box<str>>> = RefCell::new(FxHashMap::default());
}

/// A word of at most [`ShortWord::MAX`] bytes held inline, with its length in the last byte:
/// a lookup hashes and compares three machine words, where a boxed key called `memcmp` for
/// every token. Longer words, rare in prose, are stemmed without the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ShortWord([u64; 3]);

impl ShortWord {
    const MAX: usize = 23;

    /// The word at `bytes[start..end]`. Its machine words are read straight from `bytes`
    /// where eight bytes are there to read and masked to the word: copying the word into a
    /// buffer and reading the buffer back stalled on every token (store forwarding).
    fn within(bytes: &[u8], start: usize, end: usize) -> Option<ShortWord> {
        let len = end - start;
        if len > Self::MAX {
            return None;
        }
        let chunk = |i: usize| {
            let from = start + i * 8;
            let n = len.saturating_sub(i * 8).min(8);
            if n == 0 {
                return 0;
            }
            match bytes.get(from..from + 8) {
                Some(eight) => {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(eight);
                    u64::from_le_bytes(w) & low_bytes(n)
                }
                None => bytes[from..from + n]
                    .iter()
                    .rev()
                    .fold(0, |word, &b| (word << 8) | u64::from(b)),
            }
        };
        // The length goes in the last byte, which a word of at most 23 bytes leaves empty.
        Some(ShortWord([
            chunk(0),
            chunk(1),
            chunk(2) | ((len as u64) << 56),
        ]))
    }
}

/// A mask of the low `n` bytes of a machine word (`n` ≤ 8).
fn low_bytes(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    }
}

/// Splits on what is not alphanumeric (as `SimpleTokenizer`), drops long tokens, lower-cases
/// (as `LowerCaser`) and stems (`Stemmer::new(Language::English)`).
#[derive(Clone, Default)]
struct CachedEnStem {
    token: Token,
}

impl Tokenizer for CachedEnStem {
    type TokenStream<'a> = CachedEnStemStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CachedEnStemStream<'a> {
        self.token.reset();
        let mut stems = STEMS.take();
        if stems.len() > CACHE_WORDS {
            stems.clear();
        }
        CachedEnStemStream {
            text,
            at: 0,
            token: &mut self.token,
            stems,
        }
    }
}

struct CachedEnStemStream<'a> {
    text: &'a str,
    /// Where the search for the next token starts.
    at: usize,
    token: &'a mut Token,
    stems: FxHashMap<ShortWord, Box<str>>,
}

impl Drop for CachedEnStemStream<'_> {
    fn drop(&mut self) {
        STEMS.set(std::mem::take(&mut self.stems));
    }
}

impl CachedEnStemStream<'_> {
    /// The next run of alphanumeric characters at or after `self.at`.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let (start, end) = next_word(self.text, self.at)?;
        self.at = end;
        Some((start, end))
    }
}

/// The first run of alphanumeric characters at or after `at`, as `SimpleTokenizer` splits.
fn next_word(text: &str, at: usize) -> Option<(usize, usize)> {
    let start = skip_while(text, at, false)?;
    let end = skip_while(text, start, true).unwrap_or(text.len());
    Some((start, end))
}

/// The first character at or after `from` whose alphanumeric-ness is not `alphanumeric`.
fn skip_while(text: &str, from: usize, alphanumeric: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let same = if alphanumeric {
        ALPHANUMERIC
    } else {
        SEPARATOR
    };
    let mut i = from;
    while i < bytes.len() {
        // One table lookup per ASCII byte; a non-ASCII byte starts a character to decode.
        match BYTE_CLASS[bytes[i] as usize] {
            class if class == same => i += 1,
            NON_ASCII => {
                let c = text[i..].chars().next()?;
                if c.is_alphanumeric() != alphanumeric {
                    return Some(i);
                }
                i += c.len_utf8();
            }
            _ => return Some(i),
        }
    }
    None
}

/// How many token positions one value of a text field takes in tantivy's numbering: the
/// position after its last indexed token (0 when it indexes none). Tantivy starts the next
/// value of the field one position further (`POSITION_GAP`), so a document's positions tell
/// which of its values (paragraphs) a match is in.
fn positions_taken(text: &str) -> u32 {
    let (mut at, mut position, mut taken) = (0, 0u32, 0u32);
    while let Some((start, end)) = next_word(text, at) {
        if end - start < LONGEST_TOKEN {
            taken = position + 1;
        }
        position += 1;
        at = end;
    }
    taken
}

/// Tantivy's gap between two values of one field, in positions.
const POSITION_GAP: u32 = 1;

/// The positions each of a document's values of a text field takes, given in order: its
/// first position and how many it takes.
pub fn value_spans<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<(u32, u32)> {
    let mut next = 0u32;
    values
        .into_iter()
        .map(|text| {
            let (start, taken) = (next, positions_taken(text));
            next = start + taken + POSITION_GAP;
            (start, taken)
        })
        .collect()
}

const SEPARATOR: u8 = 0;
const ALPHANUMERIC: u8 = 1;
const NON_ASCII: u8 = 2;

/// The class of each byte: an ASCII separator, an ASCII letter or digit, or not ASCII.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            ALPHANUMERIC
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table
};

impl TokenStream for CachedEnStemStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((start, end)) = self.next_word() {
            self.token.position = self.token.position.wrapping_add(1);
            if end - start >= LONGEST_TOKEN {
                continue;
            }
            let word = &self.text[start..end];
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.text.clear();
            let key = ShortWord::within(self.text.as_bytes(), start, end);
            match key.and_then(|k| self.stems.get(&k)) {
                Some(term) => self.token.text.push_str(term),
                None => {
                    let term = stem_one(&lower_case(word));
                    self.token.text.push_str(&term);
                    if let Some(k) = key {
                        self.stems.insert(k, term.into_boxed_str());
                    }
                }
            }
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// A word in lower case, as tantivy's `LowerCaser` makes it: character by character, without
/// the final-sigma rule of `str::to_lowercase`.
fn lower_case(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.chars().flat_map(char::to_lowercase).collect()
    }
}

/// One lower-cased word's stem, by tantivy's own English stemmer.
fn stem_one(word: &str) -> String {
    thread_local! {
        static STEMMER: RefCell<TextAnalyzer> = RefCell::new(
            TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        );
    }
    STEMMER.with_borrow_mut(|stemmer| {
        let mut stream = stemmer.token_stream(word);
        if stream.advance() {
            stream.token().text.clone()
        } else {
            word.to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    fn en_stem() -> TextAnalyzer {
        tantivy::tokenizer::TokenizerManager::default()
            .get("en_stem")
            .expect("tantivy ships en_stem")
    }

    #[test]
    fn short_words_differ_by_every_byte_and_by_length() {
        let key = |w: &str| ShortWord::within(w.as_bytes(), 0, w.len()).expect("short");
        assert_eq!(key("talks"), key("talks"));
        assert_ne!(key("talks"), key("talkS"));
        assert_ne!(key("a"), key("a\0"));
        assert_ne!(key("denuclearizations12345"), key("denuclearizations12346"));
        assert!(ShortWord::within(&[b'x'; 23], 0, 23).is_some());
        assert!(ShortWord::within(&[b'x'; 24], 0, 24).is_none());
    }

    #[test]
    fn a_word_has_one_key_wherever_it_stands_in_the_text() {
        let text = "denuclearization, talks and denuclearization. Talks: talks";
        let alone = |w: &str| ShortWord::within(w.as_bytes(), 0, w.len());
        for word in ["denuclearization", "talks", "and", "Talks"] {
            for (start, _) in text.match_indices(word) {
                let key = ShortWord::within(text.as_bytes(), start, start + word.len());
                assert_eq!(key, alone(word), "{word} at {start}");
            }
        }
        assert_ne!(alone("talks"), alone("Talks"));
    }

    #[test]
    fn lower_case_is_tantivys_without_the_final_sigma_rule() {
        assert_eq!(lower_case("TALKS"), "talks");
        assert_eq!(lower_case("ΟΔΟΣ"), "οδοσ");
        assert_eq!(lower_case("İstanbul"), "i\u{307}stanbul");
        assert_eq!(lower_case("\u{212A}elvin"), "kelvin");
    }

    proptest::proptest! {
        #[test]
        fn makes_the_same_tokens_as_tantivys_en_stem_on_any_text(
            text in "([a-zA-Z0-9]{1,12}|[ ,.'’\\-]|[ÄäßİıΣσςǅ\u{212A}é\u{301}日本語١٢]|x{38,42}|[\\PC]){0,40}"
        ) {
            let mut ours = analyzer();
            let mut theirs = en_stem();
            // Twice: the second pass reads the stems from the cache.
            for _ in 0..2 {
                proptest::prop_assert_eq!(tokens(&mut ours, &text), tokens(&mut theirs, &text));
            }
        }
    }

    #[test]
    fn makes_the_same_terms_as_tantivys_en_stem() {
        let text = "The two Presidents held talks via video link, discussing the Korean \
            Peninsula's denuclearization; both sides agreed to strengthen cooperation. \
            Erdoğan spoke. Talks TALKS talking talked. antidisestablishmentarianismwordlongerthanforty x";
        let mut ours = analyzer();
        let mut theirs = en_stem();
        // Twice: the second pass reads the stems from the cache.
        for _ in 0..2 {
            assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text));
        }
    }
}
