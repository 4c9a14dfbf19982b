//! Where an index's bytes go, per tantivy component and field, largest first:
//! `cargo run --release --example index_space -- .diplo/tantivy`.

use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(dir) = std::env::args().nth(1) else {
        return Err("give the index's tantivy folder, e.g. .diplo/tantivy".into());
    };
    let index = tantivy::Index::open_in_dir(&dir)
        .map_err(|e| format!("{dir}: not a tantivy index ({e})"))?;
    let usage = index.reader()?.searcher().space_usage()?;
    let mut bytes: BTreeMap<(&str, String), u64> = BTreeMap::new();
    for segment in usage.segments() {
        let parts = [
            ("term", segment.termdict()),
            ("postings", segment.postings()),
            ("positions", segment.positions()),
            ("fast", segment.fast_fields()),
            ("fieldnorm", segment.fieldnorms()),
        ];
        for (part, fields) in parts {
            for field in fields.fields() {
                *bytes
                    .entry((part, field.field_name().to_string()))
                    .or_default() += field.total().get_bytes();
            }
        }
        *bytes.entry(("store", "all".to_string())).or_default() +=
            segment.store().total().get_bytes();
    }
    let mut rows: Vec<_> = bytes.into_iter().filter(|(_, b)| *b > 0).collect();
    rows.sort_by_key(|(_, b)| std::cmp::Reverse(*b));
    for ((part, field), b) in rows {
        println!("{part:10} {field:15} {:8.1} MB", b as f64 / 1e6);
    }
    Ok(())
}
