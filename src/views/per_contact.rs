//! The pieces of [`super::one_record_per_contact`]: which documents of the index are linked
//! records (by their line in the contact map), found without a term lookup per record, and a
//! query that matches given documents.

use crate::index::reader::CorpusReader;
use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{BitSet, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Collects the matching documents, segment by segment (in segment order).
pub struct MatchingDocs;

impl Collector for MatchingDocs {
    type Fruit = Vec<Vec<DocId>>;
    type Child = MatchingInSegment;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<MatchingInSegment> {
        Ok(MatchingInSegment(Vec::new()))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<DocId>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits)
    }
}

pub struct MatchingInSegment(Vec<DocId>);

impl SegmentCollector for MatchingInSegment {
    type Fruit = Vec<DocId>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.0.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.0.extend_from_slice(docs);
    }

    fn harvest(self) -> Self::Fruit {
        self.0
    }
}

/// The matching documents that are linked records, as (where their line starts in the contact
/// map, address), segment by segment across the cores. Each segment's matched ids are read
/// from its `id` dictionary in one sorted pass, and found in the map one of two ways:
/// - when many match, in a table of the map's ids (looking each up in the map by binary search
///   cost about 14 string comparisons apiece);
/// - when few match (a timeline of two leaders: a few hundred), by binary search, which spares
///   building the table.
///
/// Only the matched ids are read and looked up. Reading every id of each dictionary and looking
/// each up in the table, as before, cost `stats` of a phrase matching 14% of the readouts 4 of
/// its 14.5 ms of CPU time at 100k, and half its time at 1M (408 ms against 235).
pub fn linked_matches(
    reader: &CorpusReader,
    matching: &[Vec<DocId>],
) -> Result<Vec<(u32, DocAddress)>> {
    let contacts = reader.contacts();
    let found: usize = matching.iter().map(Vec::len).sum();
    let many = found.saturating_mul(FEW_MATCHES) >= reader.searcher.num_docs() as usize;
    let table: Option<FxHashMap<&[u8], u32>> = many.then(|| {
        let mut table =
            FxHashMap::with_capacity_and_hasher(contacts.linked_records(), Default::default());
        table.extend(
            contacts
                .ids_with_lines()
                .map(|(at, id)| (id.as_bytes(), at)),
        );
        table
    });
    let line_of = |id: &[u8]| match &table {
        Some(table) => table.get(id).copied(),
        None => std::str::from_utf8(id)
            .ok()
            .and_then(|id| contacts.line_at_of(id)),
    };
    let per_segment = matching
        .par_iter()
        .enumerate()
        .map(
            |(segment, docs)| -> tantivy::Result<Vec<(u32, DocAddress)>> {
                let segment = segment as SegmentOrdinal;
                let ids = match docs.is_empty() {
                    true => None,
                    false => reader
                        .searcher
                        .segment_reader(segment)
                        .fast_fields()
                        .str("id")?,
                };
                let Some(ids) = ids else {
                    return Ok(Vec::new());
                };
                let doc_ords: Vec<(DocId, u64)> = docs
                    .iter()
                    .filter_map(|&doc| ids.term_ords(doc).next().map(|ord| (doc, ord)))
                    .collect();
                let mut ords: Vec<u64> = doc_ords.iter().map(|&(_, ord)| ord).collect();
                ords.sort_unstable();
                ords.dedup();
                let mut ord_lines: FxHashMap<u64, u32> =
                    FxHashMap::with_capacity_and_hasher(ords.len(), Default::default());
                let mut at = ords.iter();
                ids.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    if let (Some(&ord), Some(line)) = (at.next(), line_of(bytes)) {
                        ord_lines.insert(ord, line);
                    }
                })?;
                Ok(doc_ords
                    .into_iter()
                    .filter_map(|(doc, ord)| {
                        let line = *ord_lines.get(&ord)?;
                        Some((line, DocAddress::new(segment, doc)))
                    })
                    .collect())
            },
        )
        .collect::<tantivy::Result<Vec<_>>>()?;
    Ok(per_segment.into_iter().flatten().collect())
}

/// Fewer matches than one document in this many are looked up one by one.
const FEW_MATCHES: usize = 16;

/// Matches the given documents of one searcher's segments, each with a score of 1.
#[derive(Debug, Clone)]
pub struct Documents {
    by_segment: Arc<FxHashMap<SegmentId, Vec<DocId>>>,
}

impl Documents {
    /// The documents of each of the searcher's segments, by segment ordinal.
    pub fn new(searcher: &tantivy::Searcher, by_ordinal: Vec<Vec<DocId>>) -> Documents {
        let by_segment = by_ordinal
            .into_iter()
            .enumerate()
            .filter(|(_, docs)| !docs.is_empty())
            .map(|(ordinal, docs)| {
                let segment = searcher.segment_reader(ordinal as SegmentOrdinal);
                (segment.segment_id(), docs)
            })
            .collect();
        Documents {
            by_segment: Arc::new(by_segment),
        }
    }
}

impl Query for Documents {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for Documents {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Some(docs) = self.by_segment.get(&reader.segment_id()) else {
            return Ok(Box::new(EmptyScorer));
        };
        let mut set = BitSet::with_max_value(reader.max_doc());
        for &doc in docs {
            set.insert(doc);
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(set), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let listed = self
            .by_segment
            .get(&reader.segment_id())
            .is_some_and(|docs| docs.contains(&doc));
        if listed {
            Ok(Explanation::new("a listed document", 1.0))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is not listed"
            )))
        }
    }
}
