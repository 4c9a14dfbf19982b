//! `diplo stats`: counts of the selected records by type, year, month, country, participant
//! and requester, computed by tantivy's aggregations over fast fields.

use crate::index::reader::CorpusReader;
use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::{AggContextParams, AggregationCollector};
use tantivy::collector::Count;
use tantivy::query::Query;

/// Most distinct days, persons or countries counted; beyond this the rest is summed as "other".
const MAX_BUCKETS: u32 = 65_000;

/// The JSON contract of `diplo stats --json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    pub total: u64,
    pub by_event_type: Vec<Bucket>,
    pub by_year: Vec<Bucket>,
    pub by_month: Vec<Bucket>,
    pub by_country: Vec<Bucket>,
    pub by_participant: Vec<Bucket>,
    pub by_requested_by: Vec<Bucket>,
    /// Records without a date (not in by_year / by_month).
    pub undated: u64,
    /// What is counted: `contacts` (each contact once, however many records report it) or,
    /// with `--documents`, `records`.
    pub counted: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bucket {
    pub key: String,
    pub count: u64,
}

/// Counts what `query` selects; `counted` names it (`contacts` or `records`).
pub fn stats(reader: &CorpusReader, query: &dyn Query, counted: &str) -> Result<Stats> {
    let terms =
        |field: &str| json!({"terms": {"field": field, "size": MAX_BUCKETS, "min_doc_count": 1}});
    let request: Aggregations = serde_json::from_value(json!({
        "event_type": terms("event_type"),
        "year": terms("year"),
        "day": terms("date"),
        "country": terms("country"),
        "person": terms("person"),
        "requested_by": terms("requested_by"),
    }))
    .context("building the stats aggregation")?;
    let collector = AggregationCollector::from_aggs(request, AggContextParams::default());
    let (results, total): (AggregationResults, usize) = reader
        .searcher
        .search(query, &(collector, Count))
        .context("counting records")?;
    let results = serde_json::to_value(results).context("reading the aggregation")?;
    let by_count = |name: &str| sorted_by_count(buckets(&results, name));
    let by_year = sorted_by_key(buckets(&results, "year"));
    let dated: u64 = by_year.iter().map(|b| b.count).sum();
    Ok(Stats {
        total: total as u64,
        by_event_type: by_count("event_type"),
        by_month: months(buckets(&results, "day")),
        by_year,
        by_country: by_count("country"),
        by_participant: by_count("person"),
        by_requested_by: by_count("requested_by"),
        undated: (total as u64).saturating_sub(dated),
        counted: counted.to_string(),
    })
}

/// The buckets of one terms aggregation, keys as strings (dates keep their `key_as_string`).
fn buckets(results: &Value, name: &str) -> Vec<Bucket> {
    results[name]["buckets"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|b| {
                    let key = match (&b["key_as_string"], &b["key"]) {
                        (Value::String(s), _) | (_, Value::String(s)) => s.clone(),
                        (_, Value::Number(n)) => n.to_string(),
                        _ => return None,
                    };
                    Some(Bucket {
                        key,
                        count: b["doc_count"].as_u64()?,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

fn sorted_by_count(mut b: Vec<Bucket>) -> Vec<Bucket> {
    b.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.key.cmp(&y.key)));
    b
}

fn sorted_by_key(mut b: Vec<Bucket>) -> Vec<Bucket> {
    b.sort_by(|x, y| x.key.cmp(&y.key));
    b
}

/// Per-day buckets (keys `2017-03-19T00:00:00Z`) summed into `YYYY-MM` buckets, in order.
fn months(days: Vec<Bucket>) -> Vec<Bucket> {
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    for d in days {
        if let Some(month) = d.key.get(0..7) {
            *months.entry(month.to_string()).or_default() += d.count;
        }
    }
    months
        .into_iter()
        .map(|(key, count)| Bucket { key, count })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_sum_into_months() {
        let day = |k: &str, c| Bucket {
            key: k.into(),
            count: c,
        };
        let m = months(vec![
            day("2017-04-12T00:00:00Z", 1),
            day("2017-03-19T00:00:00Z", 2),
            day("2017-04-30T00:00:00Z", 3),
        ]);
        assert_eq!(m, vec![day("2017-03", 2), day("2017-04", 4)]);
    }

    #[test]
    fn buckets_read_string_and_number_keys() {
        let v = json!({"a": {"buckets": [{"key": 2017, "doc_count": 3}, {"key": "x", "doc_count": 1}]}});
        let b = buckets(&v, "a");
        assert_eq!(b[0].key, "2017");
        assert_eq!(b[1].count, 1);
        assert!(buckets(&v, "missing").is_empty());
    }
}
