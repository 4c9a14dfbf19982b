//! Folding a large index's segments together once a run has committed and linked.
//!
//! While a build runs, segments of more than [`super::writer::MERGE_MAX_DOCS`] are never merged
//! (a merge maps its segments, and merges running beside the writer took a 1M build's peak from
//! 494 to 754 MB). So a build of N readouts ends with a segment per 7,700 or so, and every
//! search opens every one: at a million readouts, 63 segments were most of a search's time, in
//! files opened and mapped. Once the run's commit is linked, nothing else holds memory, and the
//! segments are merged into about [`CONSOLIDATED_SEGMENTS`] a group at a time, so only one
//! group is mapped at once. Merging keeps the commit's opstamp and every record's id, so the
//! contact map and the stats saved for the commit stay valid.

use anyhow::{Context, Result};
use std::path::Path;
use tantivy::index::SegmentId;
use tantivy::indexer::IndexWriterOptions;
use tantivy::merge_policy::NoMergePolicy;
use tantivy::{Index, IndexWriter, TantivyError};

/// Segments an index may have before a run folds them together.
pub const MAX_SEGMENTS: usize = 16;

/// Segments a fold aims at: each group holds about this fraction of the records. A merge maps
/// every segment of its group: at a million readouts an eighth of the index was 175 MiB of
/// mapped pages at once, and a twelfth keeps the fold under the build's peak.
pub const CONSOLIDATED_SEGMENTS: usize = 12;

/// A segment: its id and the records alive in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentSize<Id> {
    pub id: Id,
    pub docs: u64,
}

/// Which segments to merge together, a group per new segment, when there are more than
/// `max_segments`: the smallest first, each group filled up to the target, an `aim`-th of all
/// the records (at least `floor`: groups are never smaller than what the writer merges on its
/// own). A segment of the target or more stays as it is, and so does a group of one.
pub fn groups<Id: Copy>(
    segments: &[SegmentSize<Id>],
    max_segments: usize,
    aim: usize,
    floor: u64,
) -> Vec<Vec<Id>> {
    if segments.len() <= max_segments {
        return Vec::new();
    }
    let total: u64 = segments.iter().map(|s| s.docs).sum();
    let target = total.div_ceil(aim.max(1) as u64).max(floor);
    let mut by_size = segments.to_vec();
    by_size.sort_by_key(|s| s.docs);
    let mut groups = Vec::new();
    let (mut group, mut docs) = (Vec::new(), 0u64);
    for segment in by_size.iter().filter(|s| s.docs < target) {
        if docs + segment.docs > target && !group.is_empty() {
            groups.push(std::mem::take(&mut group));
            docs = 0;
        }
        group.push(segment.id);
        docs += segment.docs;
    }
    groups.push(group);
    groups.retain(|g| g.len() > 1);
    groups
}

/// [`consolidate`] on the index in `index_dir` (its last commit).
pub fn consolidate_last_commit(
    index_dir: &Path,
    starting: impl FnOnce(usize),
) -> Result<Option<(usize, usize)>> {
    let dir = super::readable_tantivy_dir(index_dir);
    let index = Index::open_in_dir(&dir)
        .with_context(|| format!("cannot open the index in {}", index_dir.display()))?;
    consolidate(&index, &dir, starting)
}

/// Merges the segments of the index in `tantivy_dir` as [`groups`] says, one group at a time,
/// and gives how many segments there were and are; `starting` is told how many there are
/// before the first merge. Skipped (nothing merged) when another run holds the writer lock:
/// that run folds them when it ends.
pub fn consolidate(
    index: &Index,
    tantivy_dir: &Path,
    starting: impl FnOnce(usize),
) -> Result<Option<(usize, usize)>> {
    // Only ids are kept: a segment's files are not removed while any of its metas lives.
    let sizes: Vec<SegmentSize<SegmentId>> = index
        .searchable_segment_metas()?
        .iter()
        .map(|m| SegmentSize {
            id: m.id(),
            docs: u64::from(m.num_docs()),
        })
        .collect();
    let groups = groups(
        &sizes,
        MAX_SEGMENTS,
        CONSOLIDATED_SEGMENTS,
        super::writer::MERGE_MAX_DOCS as u64,
    );
    if groups.is_empty() {
        return Ok(None);
    }
    let options = IndexWriterOptions::builder()
        .num_worker_threads(1)
        .num_merge_threads(1)
        .build();
    let mut writer: IndexWriter = match index.writer_with_options(options) {
        Ok(writer) => writer,
        Err(TantivyError::LockFailure(..)) => return Ok(None),
        Err(e) => {
            return Err(e).with_context(|| {
                format!(
                    "cannot open the index in {} to merge",
                    tantivy_dir.display()
                )
            });
        }
    };
    writer.set_merge_policy(Box::new(NoMergePolicy));
    starting(sizes.len());
    // One merge at a time: two at once (one per core) took a 1M refresh's merging from
    // 18.5 to 11 s, and its peak from 241 to 335 MB, over what a million-readout build may use.
    for group in &groups {
        writer.merge(group).wait().with_context(|| {
            format!(
                "cannot merge the index's segments in {} (is the disk full?); the index keeps every record and stays usable, and the next `diplo index` tries again",
                tantivy_dir.display()
            )
        })?;
    }
    writer.wait_merging_threads().ok();
    let after = index.searchable_segment_metas()?.len();
    Ok(Some((sizes.len(), after)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(docs: &[u64]) -> Vec<SegmentSize<usize>> {
        docs.iter()
            .enumerate()
            .map(|(id, &docs)| SegmentSize { id, docs })
            .collect()
    }

    #[test]
    fn few_segments_are_left_alone() {
        assert!(groups(&sizes(&[16_000; 16]), 16, 8, 10_000).is_empty());
    }

    #[test]
    fn a_million_in_63_segments_becomes_about_eight() {
        let segments = sizes(&[16_000; 63]);
        let groups = groups(&segments, 16, 8, 10_000);
        // 1,008,000 / 8 = 126,000 a group: seven segments of 16,000 each.
        assert_eq!(groups.len(), 9);
        assert!(groups.iter().all(|g| g.len() == 7));
        let mut merged: Vec<usize> = groups.concat();
        merged.sort_unstable();
        assert_eq!(merged, (0..63).collect::<Vec<_>>(), "each segment once");
    }

    #[test]
    fn large_segments_stay_and_the_small_ones_a_refresh_left_are_merged_first() {
        // Eight folded segments of 125,000, and nine small ones refreshes wrote since.
        let mut docs = vec![125_000; 8];
        docs.extend([10_000, 9_000, 500, 300, 200, 100, 50, 20, 10]);
        let groups = groups(&sizes(&docs), 16, 8, 10_000);
        assert_eq!(groups, [vec![16, 15, 14, 13, 12, 11, 10, 9, 8]]);
    }

    #[test]
    fn merging_keeps_every_record_and_the_commit() {
        use tantivy::schema::{STORED, STRING, Schema};
        let dir = tempfile::tempdir().unwrap();
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING | STORED);
        let index = Index::create_in_dir(dir.path(), schema.build()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for segment in 0..(MAX_SEGMENTS + 4) {
            for doc in 0..3 {
                writer
                    .add_document(tantivy::doc!(id => format!("{segment}-{doc}")))
                    .unwrap();
            }
            writer.commit().unwrap();
        }
        let opstamp = index.load_metas().unwrap().opstamp;
        drop(writer);
        let mut told = 0;
        let (before, after) = consolidate(&index, dir.path(), |n| told = n)
            .unwrap()
            .unwrap();
        assert_eq!(told, before);
        assert_eq!((before, after), (MAX_SEGMENTS + 4, 1));
        let metas = index.load_metas().unwrap();
        assert_eq!(metas.opstamp, opstamp, "the same commit");
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.num_docs(), 3 * (MAX_SEGMENTS as u64 + 4));
        assert!(
            consolidate(&index, dir.path(), |_| panic!("nothing to merge"))
                .unwrap()
                .is_none()
        );
        let stores = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "store")
            })
            .count();
        assert_eq!(stores, 1, "the merged segments' files are removed");
    }
}
