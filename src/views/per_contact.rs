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

/// For each segment, each document's line in the contact map plus one (0: not linked).
///
/// The `id` column's dictionary and the map are both sorted by id, so one pass over the
/// dictionary finds every linked record's ordinal; looking each linked id up in each segment
/// cost a term lookup apiece (most of `stats` on 100k readouts).
pub fn linked_lines(reader: &CorpusReader) -> Result<Arc<Vec<Vec<u32>>>> {
    let contacts = reader.contacts();
    let linked: Vec<&[u8]> = (0..contacts.linked_records())
        .map(|n| contacts.id_at(n).as_bytes())
        .collect();
    // Segment by segment across the cores: each reads its own dictionary and column.
    let all = reader
        .searcher
        .segment_readers()
        .par_iter()
        .map(|segment| segment_lines(segment, &linked))
        .collect::<tantivy::Result<Vec<_>>>()?;
    Ok(Arc::new(all))
}

/// One segment's documents' lines plus one (0: not linked), `linked` being the map's ids in order.
fn segment_lines(segment: &SegmentReader, linked: &[&[u8]]) -> tantivy::Result<Vec<u32>> {
    let mut lines = vec![0u32; segment.max_doc() as usize];
    let Some(ids) = segment.fast_fields().str("id")? else {
        return Ok(lines);
    };
    let mut ord_lines: FxHashMap<u64, u32> = FxHashMap::default();
    let mut stream = ids.dictionary().stream()?;
    let mut n = 0usize;
    while n < linked.len() && stream.advance() {
        let key = stream.key();
        while n < linked.len() && linked[n] < key {
            n += 1;
        }
        if n < linked.len() && linked[n] == key {
            ord_lines.insert(stream.term_ord(), n as u32 + 1);
        }
    }
    if !ord_lines.is_empty() {
        for (doc, line) in lines.iter_mut().enumerate() {
            if let Some(ord) = ids.term_ords(doc as DocId).next() {
                *line = ord_lines.get(&ord).copied().unwrap_or(0);
            }
        }
    }
    Ok(lines)
}

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

/// The matching documents that are linked records, as (line, address): from the lines of
/// every document ([`linked_lines`]) when many match, else by looking each match's id up in
/// the map, which reads only the matches (a timeline of two leaders matches a few hundred).
pub fn linked_matches(
    reader: &CorpusReader,
    matching: &[Vec<DocId>],
) -> Result<Vec<(u32, DocAddress)>> {
    let found: usize = matching.iter().map(Vec::len).sum();
    let address = |segment: usize, doc: DocId| DocAddress::new(segment as SegmentOrdinal, doc);
    if found.saturating_mul(FEW_MATCHES) >= reader.searcher.num_docs() as usize {
        let lines = linked_lines(reader)?;
        return Ok(matching
            .iter()
            .enumerate()
            .flat_map(|(segment, docs)| {
                let lines = &lines[segment];
                docs.iter().filter_map(move |&doc| {
                    let line = lines.get(doc as usize).copied().unwrap_or(0);
                    (line > 0).then(|| (line - 1, address(segment, doc)))
                })
            })
            .collect());
    }
    let contacts = reader.contacts();
    let mut linked = Vec::new();
    for (segment, docs) in matching.iter().enumerate() {
        if docs.is_empty() {
            continue;
        }
        let Some(ids) = reader
            .searcher
            .segment_reader(segment as SegmentOrdinal)
            .fast_fields()
            .str("id")?
        else {
            continue;
        };
        let doc_ords: Vec<(DocId, u64)> = docs
            .iter()
            .filter_map(|&doc| ids.term_ords(doc).next().map(|ord| (doc, ord)))
            .collect();
        let mut ords: Vec<u64> = doc_ords.iter().map(|&(_, ord)| ord).collect();
        ords.sort_unstable();
        ords.dedup();
        let mut ord_lines: FxHashMap<u64, u32> = FxHashMap::default();
        let mut at = ords.iter();
        ids.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            if let Some(&ord) = at.next() {
                let line = std::str::from_utf8(bytes)
                    .ok()
                    .and_then(|id| contacts.find(id));
                if let Some(line) = line {
                    ord_lines.insert(ord, line as u32);
                }
            }
        })?;
        linked.extend(doc_ords.into_iter().filter_map(|(doc, ord)| {
            ord_lines
                .get(&ord)
                .map(|&line| (line, address(segment, doc)))
        }));
    }
    Ok(linked)
}

/// Fewer matches than one document in this many are looked up one by one.
const FEW_MATCHES: usize = 16;

/// Matches the given documents of one searcher's segments, each with a score of 1.
#[derive(Debug, Clone)]
pub struct Documents {
    by_segment: Arc<FxHashMap<SegmentId, Vec<DocId>>>,
}

impl Documents {
    pub fn new(searcher: &tantivy::Searcher, docs: Vec<DocAddress>) -> Documents {
        let mut by_segment: FxHashMap<SegmentId, Vec<DocId>> = FxHashMap::default();
        for addr in docs {
            let id = searcher.segment_reader(addr.segment_ord).segment_id();
            by_segment.entry(id).or_default().push(addr.doc_id);
        }
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
