//! Contacts: the documents that report one contact (mirrors of one readout, the two sides'
//! readouts of one call), linked under one id.
//!
//! A contact's id is the smallest record id among its documents, so it is stable across
//! re-indexing and across adding unrelated files, and `diplo show` accepts it. A document
//! linked to no other is a contact of its own, with its own id.

pub mod key;
pub mod link;
pub mod signature;
pub mod store;

pub use key::LinkKey;
pub use store::ContactMap;

/// The contact map of `(id, key)` pairs: [`link::link`] over the keys, each group under its
/// smallest id.
pub fn contacts_of(records: &[(String, LinkKey)]) -> ContactMap {
    let keys: Vec<LinkKey> = records.iter().map(|(_, k)| k.clone()).collect();
    let groups = link::link(&keys)
        .into_iter()
        .map(|group| group.into_iter().map(|i| records[i].0.clone()).collect())
        .collect();
    ContactMap::from_groups(groups)
}
