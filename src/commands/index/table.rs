//! The compact tables a run keeps one entry in per record and per file of the corpus.
//!
//! A run of a million files keeps a million entries, so the layout is what decides whether it
//! stays within its memory target: entries sit in fixed-size chunks (growing never copies them
//! or leaves half a table spare), and the hash table holds only 4-byte positions (a
//! `HashMap` of these entries kept 24–56 bytes a slot, half of its slots empty after growing).

use rustc_hash::FxBuildHasher;
use std::hash::{BuildHasher, Hash};

/// A record id packed into two words. Ids are lowercase hex: a content hash cut to 16 digits,
/// a few more after a collision, fewer in tests. As text they took a 16-byte pointer and a
/// 16-byte allocation each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordKey([u64; 2]);

/// Digits a key holds: 16 in the first word, 14 in the second (its low byte is the length).
const KEY_DIGITS: usize = 30;

impl RecordKey {
    /// The key of an id of 1 to 30 lowercase hex digits; none for any other text.
    pub fn of(id: &str) -> Option<RecordKey> {
        if id.is_empty() || id.len() > KEY_DIGITS {
            return None;
        }
        let mut words = [0u64; 2];
        for (i, c) in id.bytes().enumerate() {
            let digit = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                _ => return None,
            };
            let (word, at) = if i < 16 { (0, i) } else { (1, i - 16) };
            words[word] |= u64::from(digit) << (60 - 4 * at);
        }
        words[1] |= id.len() as u64;
        Some(RecordKey(words))
    }

    /// The id again, as text.
    pub fn id(self) -> String {
        let len = (self.0[1] & 0xff) as usize;
        (0..len)
            .map(|i| {
                let (word, at) = if i < 16 { (0, i) } else { (1, i - 16) };
                let digit = (self.0[word] >> (60 - 4 * at)) & 0xf;
                char::from_digit(digit as u32, 16).unwrap_or('0')
            })
            .collect()
    }
}

/// Entries a chunk holds: small enough that the last, part-filled chunk costs little.
const CHUNK_LEN: usize = 4096;

/// A list that grows a chunk at a time, never moving what it holds.
struct Chunks<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Chunks<T> {
    fn new() -> Chunks<T> {
        Chunks {
            chunks: Vec::new(),
            len: 0,
        }
    }

    fn push(&mut self, value: T) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK_LEN => last.push(value),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK_LEN);
                chunk.push(value);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    fn get(&self, at: usize) -> &T {
        &self.chunks[at / CHUNK_LEN][at % CHUNK_LEN]
    }

    fn get_mut(&mut self, at: usize) -> &mut T {
        &mut self.chunks[at / CHUNK_LEN][at % CHUNK_LEN]
    }

    fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }
}

/// A map from small keys to values, kept in the order they were inserted; each entry has a
/// position (its rank in that order) by which it can be reached without hashing.
pub struct KeyedTable<K, V> {
    positions: hashbrown::HashTable<u32>,
    entries: Chunks<(K, V)>,
    hasher: FxBuildHasher,
}

impl<K: Hash + Eq + Copy, V> Default for KeyedTable<K, V> {
    fn default() -> Self {
        KeyedTable::with_capacity(0)
    }
}

impl<K: Hash + Eq + Copy, V> KeyedTable<K, V> {
    /// A table with room for `capacity` keys before its position table grows.
    pub fn with_capacity(capacity: usize) -> KeyedTable<K, V> {
        KeyedTable {
            positions: hashbrown::HashTable::with_capacity(capacity),
            entries: Chunks::new(),
            hasher: FxBuildHasher,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len
    }

    /// The position of `key`, if the table has it.
    pub fn position(&self, key: &K) -> Option<u32> {
        let entries = &self.entries;
        self.positions
            .find(self.hasher.hash_one(key), |&at| {
                entries.get(at as usize).0 == *key
            })
            .copied()
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        self.position(key).map(|at| self.at(at).1)
    }

    pub fn contains(&self, key: &K) -> bool {
        self.position(key).is_some()
    }

    /// Adds `key` unless the table has it; either way, gives its position.
    pub fn insert(&mut self, key: K, value: V) -> anyhow::Result<u32> {
        self.entry(key, || value).map(|(at, _)| at)
    }

    /// The position of `key`, added with `value()` unless the table has it, and whether it was
    /// added: one hash and one probe, where asking [`KeyedTable::position`] first and then
    /// inserting took two (each a likely cache miss at a million entries).
    pub fn entry(&mut self, key: K, value: impl FnOnce() -> V) -> anyhow::Result<(u32, bool)> {
        let (entries, hasher) = (&self.entries, &self.hasher);
        let found = self.positions.entry(
            hasher.hash_one(key),
            |&at| entries.get(at as usize).0 == key,
            |&at| hasher.hash_one(entries.get(at as usize).0),
        );
        let vacant = match found {
            hashbrown::hash_table::Entry::Occupied(at) => return Ok((*at.get(), false)),
            hashbrown::hash_table::Entry::Vacant(vacant) => vacant,
        };
        let Ok(at) = u32::try_from(self.entries.len) else {
            anyhow::bail!(
                "more than 4 billion records or files in one run: index the corpus in parts"
            );
        };
        vacant.insert(at);
        self.entries.push((key, value()));
        Ok((at, true))
    }

    /// The key and value at a position given by this table.
    pub fn at(&self, at: u32) -> (&K, &V) {
        let (key, value) = self.entries.get(at as usize);
        (key, value)
    }

    pub fn at_mut(&mut self, at: u32) -> &mut V {
        &mut self.entries.get_mut(at as usize).1
    }

    /// Every entry, in the order of insertion.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_key_gives_back_its_id_for_every_length_it_holds() {
        let digits = "0123456789abcdef0123456789abcd";
        for len in 1..=KEY_DIGITS {
            let id = &digits[..len];
            assert_eq!(RecordKey::of(id).map(RecordKey::id).as_deref(), Some(id));
        }
        // An id lengthened after a collision has a key of its own, as has a prefix of zeros.
        let short = RecordKey::of("fd7ad6a0d65a9c83");
        assert_ne!(short, RecordKey::of("fd7ad6a0d65a9c830000"));
        assert_ne!(RecordKey::of("0"), RecordKey::of("00"));
    }

    #[test]
    fn a_record_key_refuses_what_is_not_a_short_lowercase_hex_id() {
        for id in [
            "",
            "FD7A",
            "fd7g",
            "seeds/a.txt",
            &"a".repeat(KEY_DIGITS + 1),
        ] {
            assert_eq!(RecordKey::of(id), None, "{id:?}");
        }
    }

    #[test]
    fn a_keyed_table_finds_each_key_at_its_position_across_chunks() {
        let mut table = KeyedTable::with_capacity(0);
        let n = 3 * CHUNK_LEN as u64 + 7;
        for i in 0..n {
            assert_eq!(table.insert(i * 7919, i).unwrap(), i as u32);
        }
        let again = table.insert(7919, 99).unwrap();
        assert_eq!(again, 1, "a key already there keeps its entry");
        assert_eq!(table.len(), n as usize);
        for i in 0..n {
            let at = table.position(&(i * 7919)).unwrap();
            assert_eq!(at, i as u32);
            assert_eq!(table.at(at), (&(i * 7919), &i));
        }
        assert_eq!(table.get(&1), None);
        assert_eq!(table.entry(7919, || unreachable!()).unwrap(), (1, false));
        assert_eq!(table.entry(1, || 42).unwrap(), (n as u32, true));
        assert_eq!(table.get(&1), Some(&42));
        assert_eq!(
            table.position(&(5 * 7919)),
            Some(5),
            "found after the table grew"
        );
        *table.at_mut(1) += 1;
        assert_eq!(table.get(&7919), Some(&2));
        let order: Vec<u64> = table.iter().map(|(k, _)| *k).take(3).collect();
        assert_eq!(order, [0, 7919, 2 * 7919]);
    }
}
