//! Linking the documents of one contact after a run's commit (see [`crate::contacts`]): the
//! keys of every record are read from the `link_key` column, and the contact map is saved
//! beside the commit it was made for.

use super::readable_tantivy_dir;
use crate::contacts::{ContactMap, LinkKey, Linker};
use anyhow::{Context, Result};
use std::path::Path;
use tantivy::Index;

/// The opstamp of the index's last commit, if it has one.
pub fn last_opstamp(index_dir: &Path) -> Option<u64> {
    let index = Index::open_in_dir(readable_tantivy_dir(index_dir)).ok()?;
    Some(index.load_metas().ok()?.opstamp)
}

/// Makes the contact map of the index's last commit. When nothing changed since `previous` (the
/// opstamp of the commit before), the map made for it is carried over instead.
pub fn link_last_commit(index_dir: &Path, previous: Option<u64>, changed: bool) -> Result<usize> {
    let dir = readable_tantivy_dir(index_dir);
    let index = Index::open_in_dir(&dir)
        .with_context(|| format!("cannot open the index in {}", index_dir.display()))?;
    let opstamp = index.load_metas()?.opstamp;
    if ContactMap::is_saved_for(&dir, opstamp) {
        return Ok(ContactMap::read(&dir, opstamp).linked_records());
    }
    let map = match previous {
        Some(before) if !changed && ContactMap::is_saved_for(&dir, before) => {
            ContactMap::read(&dir, before)
        }
        _ => link_all(&index)?,
    };
    map.save(&dir, opstamp)?;
    Ok(map.linked_records())
}

/// Links every live record of the index, its key read from the `link_key` column.
fn link_all(index: &Index) -> Result<ContactMap> {
    let segments = index.searchable_segments()?;
    let documents = segments.iter().map(|s| s.meta().num_docs() as usize).sum();
    let mut linker = Linker::with_capacity(documents);
    for segment in segments {
        let segment = tantivy::SegmentReader::open(&segment)?;
        let fast = segment.fast_fields();
        let (Some(key_col), Some(id_col)) = (fast.str("link_key")?, fast.str("id")?) else {
            continue;
        };
        let stored_keys = super::fast::all_terms(&key_col)?;
        let ids = super::fast::all_terms(&id_col)?;
        for doc in segment.doc_ids_alive() {
            let id = id_col.term_ords(doc).next().map(|o| &ids[o as usize]);
            let key = key_col
                .term_ords(doc)
                .next()
                .and_then(|o| LinkKey::from_stored(&stored_keys[o as usize]));
            if let (Some(id), Some(key)) = (id, key) {
                linker.push(id, &key);
            }
        }
    }
    Ok(linker.finish())
}
