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
    text: Text,
    /// Where each line starts in `text`, made on first use: a search looks its hits up by
    /// binary search over the bytes (at a million readouts, reading the whole map and
    /// indexing its lines took most of a search).
    lines: OnceLock<Vec<u32>>,
    /// Each contact's lines, made on first use (by views that list a contact's records).
    by_contact: OnceLock<FxHashMap<String, Vec<u32>>>,
}

/// The map's lines: made in memory, or the saved file mapped, past its header.
#[derive(Debug, Default)]
enum Text {
    #[default]
    Empty,
    Owned(String),
    Mapped {
        map: memmap2::Mmap,
        start: usize,
    },
}

impl Text {
    fn bytes(&self) -> &[u8] {
        match self {
            Text::Empty => &[],
            Text::Owned(text) => text.as_bytes(),
            Text::Mapped { map, start } => map.get(*start..).unwrap_or(&[]),
        }
    }
}

impl ContactMap {
    /// The map of these groups of record ids: each group under its smallest id.
    pub fn from_groups(groups: Vec<Vec<String>>) -> ContactMap {
        let ids: Vec<&str> = groups.iter().flatten().map(String::as_str).collect();
        let mut at = 0;
        let positions: Vec<Vec<usize>> = groups
            .iter()
            .map(|group| {
                at += group.len();
                (at - group.len()..at).collect()
            })
            .collect();
        ContactMap::from_position_groups(&positions, |i| ids[i])
    }

    /// The map of these groups of positions, each position's record id given by `id`: as
    /// [`ContactMap::from_groups`], without a `String` an id (the groups of a million
    /// readouts' linking are made while their ids are held once, end to end).
    pub fn from_position_groups<'a>(
        groups: &[Vec<usize>],
        id: impl Fn(usize) -> &'a str,
    ) -> ContactMap {
        // (position, its contact's position, records in the contact)
        let mut rows: Vec<(u32, u32, u32)> = Vec::new();
        let mut group: Vec<usize> = Vec::new();
        for positions in groups {
            group.clear();
            group.extend_from_slice(positions);
            group.sort_by(|&a, &b| id(a).cmp(id(b)));
            group.dedup_by(|a, b| id(*a) == id(*b));
            if group.len() < 2 {
                continue;
            }
            let (contact, n) = (group[0] as u32, group.len() as u32);
            rows.extend(group.iter().map(|&i| (i as u32, contact, n)));
        }
        // Sorted by a key made of each id's first bytes, the ids themselves compared only
        // where those are equal: a million rows compared through their ids took a second.
        let mut keyed: Vec<(u128, (u32, u32, u32))> = rows
            .into_iter()
            .map(|row| (id_prefix(id(row.0 as usize)), row))
            .collect();
        keyed.sort_unstable_by(|(ka, a), (kb, b)| {
            ka.cmp(kb).then_with(|| {
                (id(a.0 as usize), id(a.1 as usize), a.2).cmp(&(
                    id(b.0 as usize),
                    id(b.1 as usize),
                    b.2,
                ))
            })
        });
        let rows = keyed.into_iter().map(|(_, row)| row);
        let mut text = String::with_capacity(rows.len() * 40);
        for (at, contact, n) in rows {
            let (at, contact) = (id(at as usize), id(contact as usize));
            text.extend([at, "\t", contact, "\t", &n.to_string(), "\n"]);
        }
        ContactMap::of_text(text)
    }

    fn of_text(text: String) -> ContactMap {
        ContactMap {
            text: Text::Owned(text),
            ..ContactMap::default()
        }
    }

    fn bytes(&self) -> &[u8] {
        self.text.bytes()
    }

    /// Where each line starts, made on first use.
    fn lines(&self) -> &[u32] {
        self.lines.get_or_init(|| {
            let bytes = self.bytes();
            let mut lines = Vec::new();
            let mut at = 0usize;
            while at < bytes.len() {
                lines.push(at as u32);
                at += memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len() - at, |n| n + 1);
            }
            lines
        })
    }

    /// Line `n`'s id, contact and record count.
    fn line(&self, n: usize) -> (&str, &str, usize) {
        let lines = self.lines();
        self.line_from(lines[n] as usize)
    }

    /// The id, contact and record count of the line that starts at byte `start`.
    fn line_from(&self, start: usize) -> (&str, &str, usize) {
        let bytes = self.bytes();
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
        // Lines are ASCII ids and numbers; a damaged one reads as empty.
        let line = std::str::from_utf8(&bytes[start..end])
            .unwrap_or("")
            .trim_end();
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

    /// The line of record `id`, found by binary search over the bytes (lines are sorted by
    /// id), without indexing the lines.
    fn line_of(&self, id: &str) -> Option<(&str, &str, usize)> {
        self.line_start_of(id).map(|start| self.line_from(start))
    }

    /// Where the line of record `id` starts.
    fn line_start_of(&self, id: &str) -> Option<usize> {
        let bytes = self.bytes();
        // `low` and `high` are always line starts (or the end).
        let (mut low, mut high) = (0usize, bytes.len());
        while low < high {
            let mid = low + (high - low) / 2;
            let start = memchr::memrchr(b'\n', &bytes[low..mid]).map_or(low, |n| low + n + 1);
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
            let key_end = memchr::memchr(b'\t', &bytes[start..end]).map_or(end, |n| start + n);
            match bytes[start..key_end].cmp(id.as_bytes()) {
                std::cmp::Ordering::Equal => return Some(start),
                std::cmp::Ordering::Greater => high = start,
                std::cmp::Ordering::Less => low = end + 1,
            }
        }
        None
    }

    /// Where the line of record `id` starts in the map: a handle that sorts as the ids do,
    /// found by binary search over the bytes, without indexing the lines.
    pub fn line_at_of(&self, id: &str) -> Option<u32> {
        self.line_start_of(id).map(|start| start as u32)
    }

    /// The contact id of the line that starts at `at` (a handle of [`ContactMap::line_at_of`]
    /// or [`ContactMap::ids_with_lines`]).
    pub fn contact_at(&self, at: u32) -> &str {
        let at = at as usize;
        if at >= self.bytes().len() {
            return "";
        }
        self.line_from(at).1
    }

    /// Every linked record's id with where its line starts, in id order, read straight from
    /// the map.
    pub fn ids_with_lines(&self) -> impl Iterator<Item = (u32, &str)> {
        let bytes = self.bytes();
        let mut at = 0usize;
        std::iter::from_fn(move || {
            if at >= bytes.len() {
                return None;
            }
            let start = at;
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
            at = end + 1;
            let key_end = memchr::memchr(b'\t', &bytes[start..end]).map_or(end, |n| start + n);
            Some((
                start as u32,
                std::str::from_utf8(&bytes[start..key_end]).unwrap_or(""),
            ))
        })
    }

    /// The contact id of a record: its group's smallest id, or its own.
    pub fn contact_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.line_of(id).map_or(id, |line| line.1)
    }

    /// How many records report the record's contact (1 when no other does).
    pub fn records_of(&self, id: &str) -> usize {
        self.line_of(id).map_or(1, |line| line.2)
    }

    /// All record ids of the record's contact, itself included, sorted.
    pub fn members<'a>(&'a self, id: &'a str) -> Vec<&'a str> {
        let by_contact = self.by_contact.get_or_init(|| {
            let mut map: FxHashMap<String, Vec<u32>> = FxHashMap::default();
            for n in 0..self.lines().len() {
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
        self.lines().len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes().is_empty()
    }

    pub fn path_in(tantivy_dir: &Path) -> PathBuf {
        tantivy_dir.join(FILE_NAME)
    }

    /// The map saved for commit `opstamp`, or an empty one when there is none for it. The file
    /// is mapped, not read: a search looks up only its hits.
    pub fn read(tantivy_dir: &Path, opstamp: u64) -> ContactMap {
        let Ok(file) = std::fs::File::open(Self::path_in(tantivy_dir)) else {
            return ContactMap::default();
        };
        // SAFETY: the map is only read; diplo replaces the file by renaming a new one over it,
        // never by writing into it, so the mapped bytes do not change under the reader.
        let Ok(map) = (unsafe { memmap2::Mmap::map(&file) }) else {
            return ContactMap::default();
        };
        let Some(newline) = memchr::memchr(b'\n', &map) else {
            return ContactMap::default();
        };
        let header = std::str::from_utf8(&map[..newline]).unwrap_or("");
        if saved_opstamp(header) != Some(opstamp) {
            return ContactMap::default();
        }
        ContactMap {
            text: Text::Mapped {
                map,
                start: newline + 1,
            },
            ..ContactMap::default()
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
        let mut contents = format!("{HEADER}{opstamp}\n").into_bytes();
        contents.extend_from_slice(self.bytes());
        std::fs::write(&tmp, contents)
            .with_context(|| format!("cannot write {} (is the disk full?)", tmp.display()))?;
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }
}

/// An id's first 16 bytes, big-endian, the rest of a shorter id zeros: where two ids' prefixes
/// differ, they sort as the ids do; where they are equal, the ids must be compared.
fn id_prefix(id: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = id.len().min(16);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

fn saved_opstamp(header: &str) -> Option<u64> {
    header.strip_prefix(HEADER)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn ids_whose_prefixes_differ_sort_as_their_prefixes(a in "[0-9a-f\\x00]{0,20}", b in "[0-9a-f\\x00]{0,20}") {
            let (pa, pb) = (id_prefix(&a), id_prefix(&b));
            if pa != pb {
                proptest::prop_assert_eq!(pa.cmp(&pb), a.cmp(&b));
            }
        }

        /// Rows are listed in the order of their ids, ids of more than 16 bytes that share
        /// their first 16 among them.
        #[test]
        fn a_map_lists_its_rows_in_the_order_of_their_ids(
            ids in proptest::collection::vec("(0123456789abcdef)?[0-9a-c]{1,3}", 2..40),
        ) {
            let groups: Vec<Vec<usize>> = (0..ids.len()).collect::<Vec<_>>().chunks(3).map(<[usize]>::to_vec).collect();
            let map = ContactMap::from_position_groups(&groups, |i| ids[i].as_str());
            let listed: Vec<&str> = map.ids_with_lines().map(|(_, id)| id).collect();
            let mut sorted = listed.clone();
            sorted.sort_unstable();
            proptest::prop_assert_eq!(listed, sorted);
        }
    }

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
            map.ids_with_lines().map(|(_, id)| id).collect::<Vec<_>>(),
            ["a1", "b2", "d4", "e5", "f6"]
        );
        // A line's handle sorts as its id and names its contact.
        let (b2, e5) = (map.line_at_of("b2").unwrap(), map.line_at_of("e5").unwrap());
        assert!(b2 < e5);
        assert_eq!((map.contact_at(b2), map.contact_at(e5)), ("a1", "d4"));
        assert_eq!(map.line_at_of("c3"), None);
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

    #[test]
    fn a_saved_map_is_looked_up_in_place_as_the_one_made() {
        let groups: Vec<Vec<String>> = (0..50u32)
            .map(|g| {
                (0..=g % 4 + 1)
                    .map(|m| format!("{:04x}{m}", g * 7))
                    .collect()
            })
            .collect();
        let made = ContactMap::from_groups(groups.clone());
        let dir = tempfile::tempdir().unwrap();
        made.save(dir.path(), 3).unwrap();
        let read = ContactMap::read(dir.path(), 3);
        assert_eq!(read.linked_records(), made.linked_records());
        for id in groups.iter().flatten() {
            assert_eq!(read.contact_of(id), made.contact_of(id), "{id}");
            assert_eq!(read.records_of(id), made.records_of(id), "{id}");
            assert_eq!(read.line_at_of(id), made.line_at_of(id), "{id}");
        }
        // Ids before the first, between two and after the last are in no contact.
        for absent in ["", "0", "0000", "0015", "00075", "zzzz"] {
            assert_eq!(read.contact_of(absent), absent);
            assert_eq!(read.records_of(absent), 1);
        }
    }
}
