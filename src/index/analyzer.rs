//! The text analyzer: tantivy's `en_stem` chain, with the stems of recent words remembered.
//!
//! Readouts reuse a small vocabulary, and the Snowball stemmer took about a sixth of a full
//! index run. The chain is the same as tantivy's (simple tokenizer, long tokens removed, lower
//! case, English stemmer), so it makes the same terms and is registered under the same name:
//! indexes written with or without it are interchangeable.

use super::schema::TEXT_ANALYZER;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use tantivy::Index;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// Words remembered per thread before its cache is cleared, which bounds it (a few MiB).
const CACHE_WORDS: usize = 100_000;

/// Registers the analyzer on an opened or created index.
pub fn register(index: &Index) {
    index.tokenizers().register(TEXT_ANALYZER, analyzer());
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(CachedStemmer)
        .build()
}

/// The English stemmer, remembering each word's stem in a cache of its thread. The cache is
/// not in the filter: tantivy clones a field's analyzer for each snippet and each segment, and
/// a cache in the clone would start empty each time.
#[derive(Clone, Copy)]
struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner }
    }
}

#[derive(Clone)]
struct CachedStemmerFilter<T> {
    inner: T,
}

thread_local! {
    /// lower-cased word → its stem
    static STEMS: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        STEMS.with_borrow_mut(|stems| {
            if stems.len() > CACHE_WORDS {
                stems.clear();
            }
        });
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

struct CachedStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        STEMS.with_borrow_mut(|stems| match stems.get(&token.text) {
            Some(stem) => {
                token.text.clear();
                token.text.push_str(stem);
            }
            None => {
                let stem = stem_one(&token.text);
                stems.insert(std::mem::take(&mut token.text), stem.clone());
                token.text = stem;
            }
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
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

    #[test]
    fn makes_the_same_terms_as_tantivys_en_stem() {
        let text = "The two Presidents held talks via video link, discussing the Korean \
            Peninsula's denuclearization; both sides agreed to strengthen cooperation. \
            Erdoğan spoke. Talks TALKS talking talked. antidisestablishmentarianismwordlongerthanforty x";
        let mut ours = analyzer();
        let mut theirs = tantivy::tokenizer::TokenizerManager::default()
            .get("en_stem")
            .expect("tantivy ships en_stem");
        // Twice: the second pass reads the stems from the cache.
        for _ in 0..2 {
            assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text));
        }
    }
}
