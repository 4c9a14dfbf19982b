//! The pieces of [`super::one_record_per_contact`]: which documents of the index are linked
//! records (by their line in the contact map), found without a term lookup per record, and a
//! query that matches given documents.

use crate::index::reader::CorpusReader;
use anyhow::Result;
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
    let mut all = Vec::new();
    for segment in reader.searcher.segment_readers() {
        let mut lines = vec![0u32; segment.max_doc() as usize];
        let Some(ids) = segment.fast_fields().str("id")? else {
            all.push(lines);
            continue;
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
        all.push(lines);
    }
    Ok(Arc::new(all))
}

/// Collects the matching documents that are linked records: (line, address).
pub struct LinkedMatches {
    lines: Arc<Vec<Vec<u32>>>,
}

impl LinkedMatches {
    pub fn new(lines: Arc<Vec<Vec<u32>>>) -> LinkedMatches {
        LinkedMatches { lines }
    }
}

impl Collector for LinkedMatches {
    type Fruit = Vec<(u32, DocAddress)>;
    type Child = LinkedInSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<LinkedInSegment> {
        Ok(LinkedInSegment {
            lines: Arc::clone(&self.lines),
            segment,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, DocAddress)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

pub struct LinkedInSegment {
    lines: Arc<Vec<Vec<u32>>>,
    segment: SegmentOrdinal,
    found: Vec<(u32, DocAddress)>,
}

impl SegmentCollector for LinkedInSegment {
    type Fruit = Vec<(u32, DocAddress)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let line = self.lines[self.segment as usize]
            .get(doc as usize)
            .copied()
            .unwrap_or(0);
        if line > 0 {
            self.found
                .push((line - 1, DocAddress::new(self.segment, doc)));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

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
