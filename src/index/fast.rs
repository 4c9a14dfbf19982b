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
    let ords: Vec<u64> = (0..column.num_terms() as u64).collect();
    terms_of(column, &ords)
}
