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
    /// Every id, end to end: one allocation rather than one a record (a million ids as
    /// `String`s took 40 MB).
    ids: String,
    /// Where each id ends in `ids`.
    id_ends: Vec<usize>,
    corpus: link::Corpus,
}

impl Linker {
    /// A linker with room for `documents` before it grows.
    pub fn with_capacity(documents: usize) -> Linker {
        Linker {
            ids: String::new(),
            id_ends: Vec::with_capacity(documents),
            corpus: link::Corpus::with_capacity(documents),
        }
    }

    pub fn push(&mut self, id: &str, key: &LinkKey) {
        self.ids.push_str(id);
        self.id_ends.push(self.ids.len());
        self.corpus.push(key);
    }

    /// The contact map of the documents pushed. Their linking facts are let go before the
    /// map is made.
    pub fn finish(self) -> ContactMap {
        let Linker {
            ids,
            id_ends,
            corpus,
        } = self;
        let groups = corpus.link();
        let id = |n: usize| {
            let start = n.checked_sub(1).map_or(0, |before| id_ends[before]);
            &ids[start..id_ends[n]]
        };
        ContactMap::from_position_groups(&groups, id)
    }
}
