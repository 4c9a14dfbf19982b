//! What the last commit held, as a refresh needs it: each record (by id) and each source file
//! (by name), so that a file whose fingerprint is unchanged is not read again.

use super::table::{KeyedTable, RecordKey};
use crate::index::writer::PreviousRecords;
use crate::walk::{CorpusFile, fingerprint_parts};
use anyhow::{Result, bail};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};

/// A record of the last commit.
#[derive(Debug, Clone, Copy)]
pub struct PreviousRecord {
    /// How many problems the loader found in it.
    pub problems: u32,
    /// How many files had its text.
    pub files: u32,
}

/// A source file of the last commit: its fingerprint's size and time, and its record.
#[derive(Debug, Clone, Copy)]
struct PreviousFile {
    size: u64,
    modified_ns: u64,
    record: u32,
}

/// How a file of this run was found in the last commit without parsing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// The record's position in [`Previous::records`].
    pub record: u32,
    /// Its fingerprint changed but its text did not (the file was only touched).
    pub touched: bool,
}

#[derive(Default)]
pub struct Previous {
    pub records: KeyedTable<RecordKey, PreviousRecord>,
    /// By a 64-bit hash of the file's key (its name). Two names of a million meet by chance
    /// once in tens of millions of runs, and then still need the same size and the same time
    /// to the nanosecond, or the same text (see [`Previous::known`]), to be taken for each other.
    files: KeyedTable<u64, PreviousFile>,
}

/// A file key's hash. SipHash, not the tables' own hash: two names must not meet by chance.
fn name_hash(key: &str) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(key)
}

impl Previous {
    /// Reads the last commit's records and files from the index's fast fields.
    pub fn read(last_commit: PreviousRecords) -> Result<Previous> {
        let mut previous = Previous {
            records: KeyedTable::with_capacity(last_commit.count()),
            files: KeyedTable::with_capacity(last_commit.count()),
        };
        // What a refresh keeps of a fingerprint: its name's hash, its size and its time. One
        // that cannot be read leaves its file to be parsed again.
        let file_of = |fingerprint: &str| {
            fingerprint_parts(fingerprint)
                .map(|(name, size, modified_ns)| (name_hash(name), size, modified_ns))
        };
        let id_of = |id: &str| RecordKey::of(id).ok_or_else(|| id.to_string());
        last_commit.each(id_of, file_of, |key, problems, files| {
            let key = match key {
                Ok(key) => *key,
                Err(id) => bail!(
                    "the index holds a record id diplo does not make ({id:?}): run `diplo index --rebuild`"
                ),
            };
            let record = previous.records.insert(
                key,
                PreviousRecord {
                    problems,
                    files: 0,
                },
            )?;
            for &(name, size, modified_ns) in files.flatten() {
                let file = PreviousFile {
                    size,
                    modified_ns,
                    record,
                };
                let before = previous.files.len();
                previous.files.insert(name, file)?;
                if previous.files.len() > before {
                    previous.records.at_mut(record).files += 1;
                }
            }
            Ok(())
        })?;
        Ok(previous)
    }

    /// The record of the last commit that `file` still holds, if its fingerprint is unchanged,
    /// or if only its time changed and its text still hashes to the record's id.
    pub fn known(&self, file: &CorpusFile) -> Option<Known> {
        let before = self.files.get(&name_hash(&file.key()))?;
        if before.size != file.size {
            return None;
        }
        let touched = before.modified_ns != file.modified_ns;
        if touched {
            let id = self.records.at(before.record).0.id();
            if !super::same_text(file, &id) {
                return None;
            }
        }
        Some(Known {
            record: before.record,
            touched,
        })
    }
}
