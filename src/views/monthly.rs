//! Contacts per month by event type: what the explorer's timeline chart draws, counted from the
//! `date` and `event_type` columns.

use crate::index::reader::CorpusReader;
use crate::loader::date::civil_from_days;
use crate::record::EventType;
use anyhow::{Context, Result};
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The JSON contract of `/api/months`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Months {
    /// Every month from the first to the last with a contact, in order, empty ones included.
    pub months: Vec<Month>,
    /// Selected records without a date (in no month).
    pub undated: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Month {
    /// `YYYY-MM`.
    pub month: String,
    /// Contacts of each event type that month, in [`EventType::ALL`]'s order; types with none
    /// left out.
    pub by_event_type: Vec<TypeCount>,
    pub total: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TypeCount {
    pub event_type: EventType,
    pub count: u64,
}

/// Counts what `query` selects by month and event type.
pub fn months(reader: &CorpusReader, query: &dyn Query) -> Result<Months> {
    let (counts, undated) = reader
        .searcher
        .search(query, &MonthTypeCounts)
        .context("counting contacts by month")?;
    let Some((&first, &last)) = counts.keys().min().zip(counts.keys().max()) else {
        return Ok(Months {
            months: Vec::new(),
            undated,
        });
    };
    let mut months = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last {
        let by_type = counts.get(&(y, m));
        let by_event_type: Vec<TypeCount> = EventType::ALL
            .into_iter()
            .filter_map(|event_type| {
                let count = by_type
                    .and_then(|b| b.get(&event_type))
                    .copied()
                    .unwrap_or(0);
                (count > 0).then_some(TypeCount { event_type, count })
            })
            .collect();
        months.push(Month {
            month: format!("{y:04}-{m:02}"),
            total: by_event_type.iter().map(|c| c.count).sum(),
            by_event_type,
        });
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    Ok(Months { months, undated })
}

type ByMonth = FxHashMap<(i32, u8), FxHashMap<EventType, u64>>;

struct MonthTypeCounts;

impl Collector for MonthTypeCounts {
    type Fruit = (ByMonth, u64);
    type Child = SegmentMonths;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let fast = reader.fast_fields();
        Ok(SegmentMonths {
            dates: fast.date("date").ok(),
            types: fast.str("event_type")?,
            by_day_type: FxHashMap::default(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(ByMonth, u64)>) -> tantivy::Result<(ByMonth, u64)> {
        let mut all = ByMonth::default();
        let mut undated = 0;
        for (months, n) in fruits {
            undated += n;
            for (month, types) in months {
                let into = all.entry(month).or_default();
                for (t, n) in types {
                    *into.entry(t).or_default() += n;
                }
            }
        }
        Ok((all, undated))
    }
}

struct SegmentMonths {
    dates: Option<Column<tantivy::DateTime>>,
    types: Option<StrColumn>,
    /// Records per (day, type ordinal); turned into months and types once, at the end.
    by_day_type: FxHashMap<(i64, u64), u64>,
    undated: u64,
}

impl SegmentCollector for SegmentMonths {
    type Fruit = (ByMonth, u64);

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(date) = self.dates.as_ref().and_then(|c| c.first(doc)) else {
            self.undated += 1;
            return;
        };
        let day = date.into_timestamp_secs().div_euclid(86_400);
        let ord = self
            .types
            .as_ref()
            .and_then(|t| t.term_ords(doc).next())
            .unwrap_or(u64::MAX);
        *self.by_day_type.entry((day, ord)).or_default() += 1;
    }

    fn harvest(self) -> (ByMonth, u64) {
        let mut names: FxHashMap<u64, EventType> = FxHashMap::default();
        let mut out = ByMonth::default();
        for ((day, ord), n) in self.by_day_type {
            let Some(d) = civil_from_days(day) else {
                continue;
            };
            let t = *names.entry(ord).or_insert_with(|| {
                let mut name = String::new();
                self.types
                    .as_ref()
                    .and_then(|t| t.ord_to_str(ord, &mut name).ok())
                    .and_then(|found| found.then(|| EventType::parse(&name)))
                    .flatten()
                    .unwrap_or(EventType::Other)
            });
            *out.entry((d.year, d.month.unwrap_or(1)))
                .or_default()
                .entry(t)
                .or_default() += n;
        }
        (out, self.undated)
    }
}
