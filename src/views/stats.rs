//! `diplo stats`: counts of the selected records by type, year, month, country, participant
//! and requester, counted from the fast-field columns.

use crate::index::reader::CorpusReader;
use crate::loader::date::civil_from_days;
use anyhow::{Context, Result};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Cardinality, Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The JSON contract of `diplo stats --json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Stats {
    pub total: u64,
    pub by_event_type: Vec<Bucket>,
    pub by_year: Vec<Bucket>,
    pub by_month: Vec<Bucket>,
    pub by_country: Vec<Bucket>,
    pub by_participant: Vec<Bucket>,
    pub by_requested_by: Vec<Bucket>,
    /// A page's URL host, else the first folder below the corpus path (index schema 7 on).
    pub by_publisher: Vec<Bucket>,
    /// Records without a date (not in by_year / by_month).
    pub undated: u64,
    /// What is counted: `contacts` (each contact once, however many records report it) or,
    /// with `--documents`, `records`.
    pub counted: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Bucket {
    pub key: String,
    pub count: u64,
}

/// Counts what `query` selects; `counted` names it (`contacts` or `records`).
pub fn stats(reader: &CorpusReader, query: &dyn Query, counted: &str) -> Result<Stats> {
    let counts = reader
        .searcher
        .search(query, &ColumnCounts)
        .context("counting records")?;
    let [event_types, countries, persons, requesters, publishers] = counts.terms;
    let listed = |map: FxHashMap<String, u64>| -> Vec<Bucket> {
        sorted_by_count(
            map.into_iter()
                .map(|(key, count)| Bucket { key, count })
                .collect(),
        )
    };
    let by_year = sorted_by_key(
        counts
            .years
            .into_iter()
            .map(|(year, count)| Bucket {
                key: year.to_string(),
                count,
            })
            .collect(),
    );
    let by_month = sorted_by_key(
        counts
            .months
            .into_iter()
            .map(|((year, month), count)| Bucket {
                key: format!("{year:04}-{month:02}"),
                count,
            })
            .collect(),
    );
    let dated: u64 = by_year.iter().map(|b| b.count).sum();
    Ok(Stats {
        total: counts.total,
        by_event_type: listed(event_types),
        by_month,
        by_year,
        by_country: listed(countries),
        by_participant: listed(persons),
        by_requested_by: listed(requesters),
        by_publisher: listed(publishers),
        undated: counts.total.saturating_sub(dated),
        counted: counted.to_string(),
    })
}

/// The string columns counted, in the order of [`Counts::terms`].
const TERM_COLUMNS: [&str; 5] = [
    "event_type",
    "country",
    "person",
    "requested_by",
    "publisher",
];

/// What the selected records hold: how many records have each value of each string column
/// (a record counts once per distinct value), each year and each month (of the `date`
/// column's first day, whose year is the `year` column's).
#[derive(Debug, Default)]
struct Counts {
    total: u64,
    terms: [FxHashMap<String, u64>; 5],
    years: FxHashMap<i32, u64>,
    months: FxHashMap<(i32, u8), u64>,
}

/// Counts straight from the fast-field columns: per segment, one counter per dictionary
/// ordinal, turned into strings once at the end. Tantivy's terms aggregations gave the same
/// numbers through intermediate keys and JSON, at several times the cost (most of `stats`).
struct ColumnCounts;

impl Collector for ColumnCounts {
    type Fruit = Counts;
    type Child = SegmentCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        let fast = reader.fast_fields();
        let mut columns = Vec::with_capacity(TERM_COLUMNS.len());
        for name in TERM_COLUMNS {
            let column = fast.str(name)?;
            let counters = vec![0u64; column.as_ref().map_or(0, |c| c.num_terms())];
            columns.push((column, counters));
        }
        Ok(SegmentCounts {
            columns,
            dates: fast.date("date").ok(),
            days: FxHashMap::default(),
            counts: Counts::default(),
            ords: Vec::new(),
            block_ords: Vec::new(),
            firsts: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        for fruit in fruits {
            all.total += fruit.total;
            for (into, from) in all.terms.iter_mut().zip(fruit.terms) {
                for (key, n) in from {
                    *into.entry(key).or_default() += n;
                }
            }
            for (year, n) in fruit.years {
                *all.years.entry(year).or_default() += n;
            }
            for (month, n) in fruit.months {
                *all.months.entry(month).or_default() += n;
            }
        }
        Ok(all)
    }
}

struct SegmentCounts {
    /// Each string column with a counter per ordinal.
    columns: Vec<(Option<StrColumn>, Vec<u64>)>,
    dates: Option<Column<tantivy::DateTime>>,
    /// Records per day; years and months are summed from them once, at the end.
    days: FxHashMap<i64, u64>,
    counts: Counts,
    ords: Vec<u64>,
    block_ords: Vec<Option<u64>>,
    firsts: Vec<Option<tantivy::DateTime>>,
}

impl SegmentCounts {
    fn count_terms(&mut self, doc: DocId) {
        for (column, counters) in &mut self.columns {
            let Some(column) = column else { continue };
            Self::count_ords(column, doc, counters, &mut self.ords);
        }
    }

    /// One record's distinct ordinals of one column, counted.
    fn count_ords(column: &StrColumn, doc: DocId, counters: &mut [u64], ords: &mut Vec<u64>) {
        ords.clear();
        ords.extend(column.term_ords(doc));
        if ords.len() > 1 {
            ords.sort_unstable();
            ords.dedup();
        }
        for &ord in ords.iter() {
            counters[ord as usize] += 1;
        }
    }

    fn count_day(&mut self, date: tantivy::DateTime) {
        let day = date.into_timestamp_secs().div_euclid(86_400);
        *self.days.entry(day).or_default() += 1;
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.counts.total += 1;
        self.count_terms(doc);
        if let Some(date) = self.dates.as_ref().and_then(|c| c.first(doc)) {
            self.count_day(date);
        }
    }

    /// Blocks of documents (a query without scores): the dates are read for the block at once.
    fn collect_block(&mut self, docs: &[DocId]) {
        self.counts.total += docs.len() as u64;
        // A column of at most one value a record is read for the block at once; looking each
        // record up in an optional column's index cost most of `stats`.
        let mut block_ords = std::mem::take(&mut self.block_ords);
        for (column, counters) in &mut self.columns {
            let Some(column) = column else { continue };
            if column.ords().get_cardinality() == Cardinality::Multivalued {
                for &doc in docs {
                    Self::count_ords(column, doc, counters, &mut self.ords);
                }
            } else {
                block_ords.clear();
                block_ords.resize(docs.len(), None);
                column.ords().first_vals(docs, &mut block_ords);
                for ord in block_ords.iter().flatten() {
                    counters[*ord as usize] += 1;
                }
            }
        }
        self.block_ords = block_ords;
        let mut firsts = std::mem::take(&mut self.firsts);
        if let Some(dates) = &self.dates {
            firsts.clear();
            firsts.resize(docs.len(), None);
            dates.first_vals(docs, &mut firsts);
            for date in firsts.iter().flatten() {
                self.count_day(*date);
            }
        }
        self.firsts = firsts;
    }

    fn harvest(mut self) -> Counts {
        for (&day, &n) in &self.days {
            if let Some(d) = civil_from_days(day) {
                *self.counts.years.entry(d.year).or_default() += n;
                *self
                    .counts
                    .months
                    .entry((d.year, d.month.unwrap_or(1)))
                    .or_default() += n;
            }
        }
        for ((column, counters), into) in self.columns.iter().zip(self.counts.terms.iter_mut()) {
            let Some(column) = column else { continue };
            let ords: Vec<u64> = (0..counters.len() as u64)
                .filter(|&o| counters[o as usize] > 0)
                .collect();
            let mut at = ords.iter();
            let read = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                if let Some(&ord) = at.next() {
                    into.insert(
                        String::from_utf8_lossy(bytes).into_owned(),
                        counters[ord as usize],
                    );
                }
            });
            // A dictionary that cannot be read counts nothing rather than half.
            if read.is_err() {
                into.clear();
            }
        }
        self.counts
    }
}

fn sorted_by_count(mut b: Vec<Bucket>) -> Vec<Bucket> {
    b.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.key.cmp(&y.key)));
    b
}

fn sorted_by_key(mut b: Vec<Bucket>) -> Vec<Bucket> {
    b.sort_by(|x, y| x.key.cmp(&y.key));
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::build_schema;
    use tantivy::query::AllQuery;
    use tantivy::{DateTime, Index, TantivyDocument};

    #[test]
    fn a_record_counts_once_per_value_and_its_date_gives_year_and_month() {
        let (schema, f) = build_schema();
        let index = Index::create_in_ram(schema);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let record = |countries: &[&str], day: Option<(i32, u8, u8)>| {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.event_type, "phone_call");
            for c in countries {
                doc.add_text(f.country, *c);
            }
            if let Some((y, m, d)) = day {
                let days = crate::loader::date::days_from_civil(y, m, d);
                doc.add_date(f.date, DateTime::from_timestamp_secs(days * 86_400));
                doc.add_u64(f.year, y as u64);
            }
            doc
        };
        // Two American principals make one American record.
        writer
            .add_document(record(&["USA", "USA", "CHN"], Some((2018, 3, 9))))
            .unwrap();
        writer
            .add_document(record(&["USA"], Some((2018, 3, 31))))
            .unwrap();
        writer.add_document(record(&["FRA"], None)).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let counts = searcher.search(&AllQuery, &ColumnCounts).unwrap();
        assert_eq!(counts.total, 3);
        assert_eq!(counts.terms[1]["USA"], 2);
        assert_eq!(counts.terms[1]["CHN"], 1);
        assert_eq!(counts.terms[0]["phone_call"], 3);
        assert_eq!(counts.years[&2018], 2);
        assert_eq!(counts.months[&(2018, 3)], 2);
        assert!(counts.terms[2].is_empty());
    }
}
