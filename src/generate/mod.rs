//! A deterministic synthetic corpus: readouts in many publishers' house styles, with the
//! ground truth of each, for measuring the loader and benchmarking the index.
//!
//! The same `(seed, count)` always writes the same files. Vocabulary lives in
//! `src/data/generator/`; house styles in [`styles`].

pub mod dates;
pub mod rng;
pub mod styles;
pub mod vocab;

use crate::record::EventType;
use anyhow::{Context, Result};
use rayon::prelude::*;
use rng::Rng;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use styles::{Plan, Publisher, Side};

/// What a generated readout is known to say: one line of `truth.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Truth {
    /// Path of the file relative to the output folder, with `/` separators.
    pub source: String,
    pub publisher: String,
    pub date: String,
    pub date_precision: String,
    pub event_type: EventType,
    pub principals: Vec<TruthPrincipal>,
    pub requested_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TruthPrincipal {
    /// `None` when the text never names them ("The Prime Minister spoke to...").
    pub name: Option<String>,
    pub country: String,
}

/// One generated readout.
#[derive(Debug, Clone)]
pub struct Doc {
    pub text: String,
    pub truth: Truth,
}

/// Readout number `index` of the corpus seeded with `seed`.
pub fn generate_doc(seed: u64, index: u64) -> Doc {
    let mut rng = Rng::for_item(seed, index);
    let publisher = *rng.pick(&Publisher::ALL);
    let plan = Plan::random(&mut rng, publisher);
    let mut text = styles::write(&mut rng, &plan);
    // Files as they come off real sites: some hard-wrapped, some with Windows line ends or a
    // byte-order mark.
    if rng.chance(0.05) {
        text = hard_wrap(&text, 72);
    }
    if rng.chance(0.05) {
        text = text.replace('\n', "\r\n");
    }
    if rng.chance(0.03) {
        text.insert(0, '\u{feff}');
    }
    let d = plan.day;
    let slug = match rng.below(3) {
        0 => format!(
            "{}/{}/{:02}/readout-{index:06}.txt",
            publisher.slug(),
            d.year,
            d.month
        ),
        1 => format!(
            "{}/{}/{:02}/{:02}/{index:06}.txt",
            publisher.slug(),
            d.year,
            d.month,
            d.day
        ),
        _ => format!("{}/{}/item-{index:06}.txt", publisher.slug(), d.year),
    };
    let principal = |l: &vocab::Leader, implicit: bool| TruthPrincipal {
        name: (!implicit).then(|| l.name.clone()),
        country: l.country.clone(),
    };
    let requested_by = match plan.requester {
        Some(Side::Publisher) if !plan.implicit_a => Some(plan.a.name.clone()),
        Some(Side::Counterpart) => Some(plan.b.name.clone()),
        _ => None,
    };
    Doc {
        text,
        truth: Truth {
            source: slug,
            publisher: publisher.slug().to_string(),
            date: d.iso(),
            date_precision: "day".to_string(),
            event_type: plan.kind,
            principals: vec![principal(plan.a, plan.implicit_a), principal(plan.b, false)],
            requested_by,
        },
    }
}

/// Wraps every line longer than `width` at spaces, as plain-text mail and old sites do.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for line in text.lines() {
        let mut len = 0;
        for (i, word) in line.split(' ').enumerate() {
            if i > 0 {
                if len + 1 + word.len() > width {
                    out.push('\n');
                    len = 0;
                } else {
                    out.push(' ');
                    len += 1;
                }
            }
            out.push_str(word);
            len += word.len();
        }
        out.push('\n');
    }
    out
}

/// Writes `count` readouts under `out` and their truth to `out/truth.jsonl`. Returns the bytes
/// of readout text written.
pub fn write_corpus(out: &Path, count: u64, seed: u64) -> Result<u64> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let truth_path = out.join("truth.jsonl");
    let mut truth = std::io::BufWriter::new(
        std::fs::File::create(&truth_path)
            .with_context(|| format!("cannot create {}", truth_path.display()))?,
    );
    let mut bytes = 0u64;
    const CHUNK: u64 = 2048;
    let mut start = 0;
    while start < count {
        let end = (start + CHUNK).min(count);
        let docs: Vec<Result<Truth>> = (start..end)
            .into_par_iter()
            .map(|i| {
                let doc = generate_doc(seed, i);
                let path = out.join(&doc.truth.source);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                std::fs::write(&path, doc.text.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                Ok(doc.truth)
            })
            .collect();
        for t in docs {
            let t = t?;
            bytes += std::fs::metadata(out.join(&t.source)).map_or(0, |m| m.len());
            serde_json::to_writer(&mut truth, &t)?;
            truth.write_all(b"\n")?;
        }
        start = end;
    }
    truth.flush()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_documents() {
        for i in 0..50 {
            let a = generate_doc(42, i);
            let b = generate_doc(42, i);
            assert_eq!(a.text, b.text);
            assert_eq!(a.truth, b.truth);
        }
        assert_ne!(generate_doc(1, 0).text, generate_doc(2, 0).text);
    }

    #[test]
    fn documents_are_readout_sized_and_varied() {
        let docs: Vec<Doc> = (0..2000).map(|i| generate_doc(7, i)).collect();
        let total: usize = docs.iter().map(|d| d.text.len()).sum();
        let mean = total / docs.len();
        assert!((2000..4500).contains(&mean), "mean size {mean}");
        let korea = docs
            .iter()
            .filter(|d| d.text.contains("Korean Peninsula"))
            .count();
        assert!((200..380).contains(&korea), "{korea} of 2000 mention it");
        for p in Publisher::ALL {
            assert!(
                docs.iter().any(|d| d.truth.publisher == p.slug()),
                "{}",
                p.slug()
            );
        }
        for t in EventType::ALL
            .into_iter()
            .filter(|t| *t != EventType::Other)
        {
            assert!(docs.iter().any(|d| d.truth.event_type == t), "{t}");
        }
    }

    #[test]
    fn sources_are_unique_relative_paths() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..500 {
            let t = generate_doc(3, i).truth;
            assert!(!t.source.starts_with('/') && t.source.ends_with(".txt"));
            assert!(seen.insert(t.source));
        }
    }
}
