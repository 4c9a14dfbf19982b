//! Reading strings from fast-field columns in bulk. Looking each ordinal up on its own
//! decompresses a dictionary block per lookup (most of a no-op refresh's time on 10k
//! readouts); sorted bulk lookups decode each block once.

use anyhow::Result;
use tantivy::columnar::StrColumn;

/// The strings of `ords`, which must be sorted and free of duplicates, in the same order.
pub fn terms_of(column: &StrColumn, ords: &[u64]) -> Result<Vec<String>> {
    let mut terms = Vec::with_capacity(ords.len());
    column.dictionary().sorted_ords_to_term_cb(ords, |bytes| {
        terms.push(String::from_utf8_lossy(bytes).into_owned())
    })?;
    Ok(terms)
}

/// Every string of a column, indexed by ordinal.
pub fn all_terms(column: &StrColumn) -> Result<Vec<String>> {
    map_terms(column, str::to_string)
}

/// Every string of a column made into what the caller keeps of it, indexed by ordinal: the
/// dictionary is read once, in order, and no string is kept (a refresh of a million readouts
/// read two million strings to keep a hash and two numbers of each).
pub fn map_terms<T>(column: &StrColumn, mut make: impl FnMut(&str) -> T) -> Result<Vec<T>> {
    let mut made = Vec::with_capacity(column.num_terms());
    let mut terms = column.dictionary().stream()?;
    while terms.advance() {
        made.push(make(&String::from_utf8_lossy(terms.key())));
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{FAST, STRING, Schema};
    use tantivy::{Index, TantivyDocument};

    /// The fast-field column of one document a name.
    fn column_of(names: &[String]) -> StrColumn {
        let mut schema = Schema::builder();
        let name = schema.add_text_field("name", STRING | FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for n in names {
            let mut doc = TantivyDocument::default();
            doc.add_text(name, n);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let segment = searcher.segment_reader(0);
        segment.fast_fields().str("name").unwrap().unwrap()
    }

    #[test]
    fn every_term_is_made_once_in_ordinal_order() {
        // Enough distinct names, with shared prefixes, to fill several dictionary blocks.
        let names: Vec<String> = (0..5000)
            .map(|i| format!("corpus/mfa/2024/{:02}/{i:05}-readout.txt\u{1f}{i}", i % 12))
            .collect();
        let column = column_of(&names);
        let ords: Vec<u64> = (0..column.num_terms() as u64).collect();
        let looked_up = terms_of(&column, &ords).unwrap();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(looked_up, sorted);
        assert_eq!(map_terms(&column, str::to_string).unwrap(), sorted);
        assert_eq!(all_terms(&column).unwrap(), sorted);
        let lengths: Vec<usize> = sorted.iter().map(String::len).collect();
        assert_eq!(map_terms(&column, str::len).unwrap(), lengths);
    }
}
