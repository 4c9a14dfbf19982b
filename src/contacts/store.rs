//! The contact map: which records share a contact. Only records linked to another are in it;
//! every other record is a contact of its own.
//!
//! It is kept beside the tantivy files (`contacts.json`) with the opstamp of the commit it was
//! made for: a map of another commit (a run killed after its commit, before linking) is not
//! used, and the next `diplo index` links again.

use anyhow::{Context, Result};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "contacts.json";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactMap {
    /// The opstamp of the commit the map was made for.
    pub opstamp: u64,
    /// Each linked group: its record ids, sorted; the first is the contact's id.
    pub groups: Vec<Vec<String>>,
    #[serde(skip)]
    by_id: FxHashMap<String, u32>,
}

impl ContactMap {
    pub fn from_groups(groups: Vec<Vec<String>>) -> ContactMap {
        let mut groups: Vec<Vec<String>> = groups
            .into_iter()
            .map(|mut g| {
                g.sort();
                g.dedup();
                g
            })
            .filter(|g| g.len() > 1)
            .collect();
        groups.sort();
        let mut map = ContactMap {
            opstamp: 0,
            groups,
            by_id: FxHashMap::default(),
        };
        map.fill_lookup();
        map
    }

    fn fill_lookup(&mut self) {
        self.by_id = self
            .groups
            .iter()
            .enumerate()
            .flat_map(|(n, g)| g.iter().map(move |id| (id.clone(), n as u32)))
            .collect();
    }

    /// The contact id of a record: its group's first id, or its own.
    pub fn contact_of<'a>(&'a self, id: &'a str) -> &'a str {
        match self.by_id.get(id) {
            Some(&n) => &self.groups[n as usize][0],
            None => id,
        }
    }

    /// All record ids of the record's contact, itself included, sorted.
    pub fn members<'a>(&'a self, id: &'a str) -> Vec<&'a str> {
        match self.by_id.get(id) {
            Some(&n) => self.groups[n as usize].iter().map(String::as_str).collect(),
            None => vec![id],
        }
    }

    pub fn linked_records(&self) -> usize {
        self.by_id.len()
    }

    pub fn path_in(tantivy_dir: &Path) -> PathBuf {
        tantivy_dir.join(FILE_NAME)
    }

    /// The map saved for commit `opstamp`, or an empty one when there is none for it.
    pub fn read(tantivy_dir: &Path, opstamp: u64) -> ContactMap {
        let read = || -> Option<ContactMap> {
            let bytes = std::fs::read(Self::path_in(tantivy_dir)).ok()?;
            let mut map: ContactMap = serde_json::from_slice(&bytes).ok()?;
            (map.opstamp == opstamp).then(|| {
                map.fill_lookup();
                map
            })
        };
        read().unwrap_or_default()
    }

    /// Whether a map was saved for commit `opstamp`.
    pub fn is_saved_for(tantivy_dir: &Path, opstamp: u64) -> bool {
        #[derive(Deserialize)]
        struct Stamp {
            opstamp: u64,
        }
        std::fs::read(Self::path_in(tantivy_dir))
            .ok()
            .and_then(|b| serde_json::from_slice::<Stamp>(&b).ok())
            .is_some_and(|s| s.opstamp == opstamp)
    }

    /// Saves the map for commit `opstamp`, atomically (a new file renamed over the old).
    pub fn save(&mut self, tantivy_dir: &Path, opstamp: u64) -> Result<()> {
        self.opstamp = opstamp;
        let path = Self::path_in(tantivy_dir);
        let tmp = tantivy_dir.join(format!("{FILE_NAME}.tmp"));
        let json = serde_json::to_vec(self)?;
        std::fs::write(&tmp, json)
            .with_context(|| format!("cannot write {} (is the disk full?)", tmp.display()))?;
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_is_named_by_its_smallest_id_and_lone_records_by_their_own() {
        let map = ContactMap::from_groups(vec![vec!["b2".into(), "a1".into()], vec!["c3".into()]]);
        assert_eq!(map.contact_of("b2"), "a1");
        assert_eq!(map.contact_of("a1"), "a1");
        assert_eq!(map.contact_of("c3"), "c3");
        assert_eq!(map.members("b2"), ["a1", "b2"]);
        assert_eq!(map.linked_records(), 2);
    }

    #[test]
    fn a_map_of_another_commit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut map = ContactMap::from_groups(vec![vec!["x".into(), "y".into()]]);
        map.save(dir.path(), 7).unwrap();
        assert!(ContactMap::is_saved_for(dir.path(), 7));
        assert_eq!(ContactMap::read(dir.path(), 7).contact_of("y"), "x");
        assert!(!ContactMap::is_saved_for(dir.path(), 8));
        assert_eq!(ContactMap::read(dir.path(), 8).contact_of("y"), "y");
    }
}
