//! The contact map: which records share a contact. Only records linked to another are in it;
//! every other record is a contact of its own.
//!
//! It is kept beside the tantivy files (`contacts.tsv`) with the opstamp of the commit it was
//! made for: a map of another commit (a run killed after its commit, before linking) is not
//! used, and the next `diplo index` links again. The file is a header line, then one line per
//! linked record, `id<TAB>contact<TAB>records`, sorted by id: a search looks its few hits up
//! by binary search over the lines as read, without building a table of the whole map.

use anyhow::{Context, Result};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub const FILE_NAME: &str = "contacts.tsv";
const HEADER: &str = "# diplo contacts, opstamp ";

#[derive(Debug, Default)]
pub struct ContactMap {
    /// The lines after the header, as saved.
    text: String,
    /// Where each line starts in `text`.
    lines: Vec<u32>,
    /// Each contact's lines, made on first use (by views that list a contact's records).
    by_contact: OnceLock<FxHashMap<String, Vec<u32>>>,
    /// Each line's contact's line, made on first use (by views that count contacts).
    contact_lines: OnceLock<Vec<u32>>,
}

impl ContactMap {
    /// The map of these groups of record ids: each group under its smallest id.
    pub fn from_groups(groups: Vec<Vec<String>>) -> ContactMap {
        let mut rows: Vec<(String, String, usize)> = Vec::new();
        for mut group in groups {
            group.sort();
            group.dedup();
            if group.len() < 2 {
                continue;
            }
            let contact = group[0].clone();
            let n = group.len();
            rows.extend(group.into_iter().map(|id| (id, contact.clone(), n)));
        }
        rows.sort();
        let mut text = String::with_capacity(rows.len() * 32);
        for (id, contact, n) in rows {
            text.push_str(&format!("{id}\t{contact}\t{n}\n"));
        }
        ContactMap::of_text(text)
    }

    fn of_text(text: String) -> ContactMap {
        let mut lines = Vec::new();
        let mut at = 0usize;
        while at < text.len() {
            lines.push(at as u32);
            at += memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len() - at, |n| n + 1);
        }
        ContactMap {
            text,
            lines,
            by_contact: OnceLock::new(),
            contact_lines: OnceLock::new(),
        }
    }

    /// Line `n`'s id, contact and record count.
    fn line(&self, n: usize) -> (&str, &str, usize) {
        let start = self.lines[n] as usize;
        let end = self
            .lines
            .get(n + 1)
            .map_or(self.text.len(), |&e| e as usize);
        let line = self.text[start..end].trim_end();
        let tab = |from: usize| memchr::memchr(b'\t', &line.as_bytes()[from..]).map(|t| from + t);
        let Some(first) = tab(0) else {
            return (line, line, 1);
        };
        let id = &line[..first];
        let (contact, count) = match tab(first + 1) {
            Some(second) => (&line[first + 1..second], &line[second + 1..]),
            None => (&line[first + 1..], ""),
        };
        (id, contact, count.parse().unwrap_or(1))
    }

    /// Line `n`'s record id.
    pub fn id_at(&self, n: usize) -> &str {
        self.line(n).0
    }

    /// The line of the contact of line `n`'s record (its contact is its smallest member, so
    /// also a line): one number per contact. The table is made on first use, in two passes.
    pub fn contact_line(&self, n: usize) -> usize {
        let table = self.contact_lines.get_or_init(|| {
            let mut own: FxHashMap<&str, u32> = FxHashMap::default();
            for n in 0..self.lines.len() {
                let (id, contact, _) = self.line(n);
                if id == contact {
                    own.insert(id, n as u32);
                }
            }
            (0..self.lines.len())
                .map(|n| own.get(self.line(n).1).copied().unwrap_or(n as u32))
                .collect()
        });
        table.get(n).map_or(n, |&c| c as usize)
    }

    /// [`ContactMap::contact_line`] by two lookups, without making its table: for a few lines.
    pub fn contact_line_looked_up(&self, n: usize) -> usize {
        self.find(self.line(n).1).unwrap_or(n)
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.lines
            .binary_search_by(|&start| {
                let start = start as usize;
                let end = self.text[start..]
                    .find('\t')
                    .map_or(self.text.len(), |t| start + t);
                self.text[start..end].cmp(id)
            })
            .ok()
    }

    /// The contact id of a record: its group's smallest id, or its own.
    pub fn contact_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.find(id).map_or(id, |n| self.line(n).1)
    }

    /// How many records report the record's contact (1 when no other does).
    pub fn records_of(&self, id: &str) -> usize {
        self.find(id).map_or(1, |n| self.line(n).2)
    }

    /// All record ids of the record's contact, itself included, sorted.
    pub fn members<'a>(&'a self, id: &'a str) -> Vec<&'a str> {
        let by_contact = self.by_contact.get_or_init(|| {
            let mut map: FxHashMap<String, Vec<u32>> = FxHashMap::default();
            for n in 0..self.lines.len() {
                map.entry(self.line(n).1.to_string())
                    .or_default()
                    .push(n as u32);
            }
            map
        });
        match by_contact.get(self.contact_of(id)) {
            Some(lines) => lines.iter().map(|&n| self.line(n as usize).0).collect(),
            None => vec![id],
        }
    }

    pub fn linked_records(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn path_in(tantivy_dir: &Path) -> PathBuf {
        tantivy_dir.join(FILE_NAME)
    }

    /// The map saved for commit `opstamp`, or an empty one when there is none for it.
    pub fn read(tantivy_dir: &Path, opstamp: u64) -> ContactMap {
        let Ok(text) = std::fs::read_to_string(Self::path_in(tantivy_dir)) else {
            return ContactMap::default();
        };
        match text.split_once('\n') {
            Some((header, rest)) if saved_opstamp(header) == Some(opstamp) => {
                ContactMap::of_text(rest.to_string())
            }
            _ => ContactMap::default(),
        }
    }

    /// Whether a map was saved for commit `opstamp` (its header alone is read).
    pub fn is_saved_for(tantivy_dir: &Path, opstamp: u64) -> bool {
        use std::io::BufRead;
        let Ok(file) = std::fs::File::open(Self::path_in(tantivy_dir)) else {
            return false;
        };
        let mut header = String::new();
        std::io::BufReader::new(file).read_line(&mut header).is_ok()
            && saved_opstamp(header.trim_end()) == Some(opstamp)
    }

    /// Saves the map for commit `opstamp`, atomically (a new file renamed over the old).
    pub fn save(&self, tantivy_dir: &Path, opstamp: u64) -> Result<()> {
        let path = Self::path_in(tantivy_dir);
        let tmp = tantivy_dir.join(format!("{FILE_NAME}.tmp"));
        let contents = format!("{HEADER}{opstamp}\n{}", self.text);
        std::fs::write(&tmp, contents)
            .with_context(|| format!("cannot write {} (is the disk full?)", tmp.display()))?;
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }
}

fn saved_opstamp(header: &str) -> Option<u64> {
    header.strip_prefix(HEADER)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_is_named_by_its_smallest_id_and_lone_records_by_their_own() {
        let map = ContactMap::from_groups(vec![
            vec!["b2".into(), "a1".into()],
            vec!["c3".into()],
            vec!["f6".into(), "d4".into(), "e5".into()],
        ]);
        assert_eq!(map.contact_of("b2"), "a1");
        assert_eq!(map.contact_of("a1"), "a1");
        assert_eq!(map.contact_of("c3"), "c3");
        assert_eq!(map.contact_of("e5"), "d4");
        assert_eq!(map.members("b2"), ["a1", "b2"]);
        assert_eq!(map.members("f6"), ["d4", "e5", "f6"]);
        assert_eq!(map.members("c3"), ["c3"]);
        assert_eq!((map.records_of("e5"), map.records_of("c3")), (3, 1));
        assert_eq!(map.linked_records(), 5);
        assert_eq!(
            (0..map.linked_records())
                .map(|n| map.id_at(n))
                .collect::<Vec<_>>(),
            ["a1", "b2", "d4", "e5", "f6"]
        );
    }

    #[test]
    fn a_map_of_another_commit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let map = ContactMap::from_groups(vec![vec!["x".into(), "y".into()]]);
        map.save(dir.path(), 7).unwrap();
        assert!(ContactMap::is_saved_for(dir.path(), 7));
        assert_eq!(ContactMap::read(dir.path(), 7).contact_of("y"), "x");
        assert!(!ContactMap::is_saved_for(dir.path(), 8));
        assert_eq!(ContactMap::read(dir.path(), 8).contact_of("y"), "y");
        assert!(ContactMap::read(dir.path(), 8).is_empty());
    }
}
