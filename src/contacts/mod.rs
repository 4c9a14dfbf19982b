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

pub use key::{KeyPrincipal, LinkKey};
pub use store::ContactMap;

/// Links documents as they are added, then gives the contact map: [`link::link`] over their
/// keys, each group under its smallest id.
#[derive(Default)]
pub struct Linker {
    ids: Vec<String>,
    corpus: link::Corpus,
}

impl Linker {
    pub fn push(&mut self, id: String, key: &LinkKey) {
        self.ids.push(id);
        self.corpus.push(key);
    }

    pub fn finish(self) -> ContactMap {
        let groups = self
            .corpus
            .link()
            .into_iter()
            .map(|group| group.into_iter().map(|i| self.ids[i].clone()).collect())
            .collect();
        ContactMap::from_groups(groups)
    }
}
