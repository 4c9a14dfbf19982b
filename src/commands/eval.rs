//! `diplo eval KEY.jsonl PATH...`: load the files under PATH as `check` does, match them to
//! the key's `file` names by base name, and print per-field accuracy.

use super::{Outcome, stdout};
use crate::cli::{EvalArgs, GlobalArgs};
use crate::contacts::{LinkKey, Linker};
use crate::corpus::{Loading, load_in_order};
use crate::loader::Loaded;
use crate::output::{Styles, json, use_color, views};
use crate::views::eval::{EvalReport, FIELDS, Got, Predicted, base_name, parse_key, score};
use crate::walk::walk;
use anyhow::{Context, Result, bail};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

pub fn run(args: &EvalArgs, global: &GlobalArgs) -> Result<Outcome> {
    let key_path = &args.key;
    let text = std::fs::read_to_string(key_path)
        .with_context(|| format!("cannot read the key file {}", key_path.display()))?;
    let key = parse_key(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}: {}; each line of a key is one JSON object with at least \"file\" and \
             \"principals\" (see the README's \"Key format\")",
            key_path.display(),
            e.line,
            e.message
        )
    })?;
    if key.rows.is_empty() {
        bail!(
            "the key file {} has no lines: write one JSON object per labelled file",
            key_path.display()
        );
    }
    for name in &key.repeated {
        eprintln!(
            "diplo: warning: {} has more than one line for {name}: the last one is scored",
            key_path.display()
        );
    }

    let roots = super::roots(&args.paths)?;
    let (files, walk_problems) = walk(&roots, std::path::Path::new(crate::index::INDEX_FOLDER));

    // What each keyed base name gave, the last file of that name winning (as `check --json`
    // read by score.py); the sources, to warn when two files share a keyed name.
    let mut got: BTreeMap<String, Got> = BTreeMap::new();
    let mut sources: HashMap<String, Vec<String>> = HashMap::new();
    let mut unkeyed = 0usize;
    // The keyed files' records are linked as `diplo index` links them, for the contact scores.
    let mut linker = Linker::default();
    let mut record_ids: HashMap<String, String> = HashMap::new();
    let mut note = |source: &str, g: Got| {
        let name = base_name(source);
        if key.rows.contains_key(name) {
            sources
                .entry(name.to_string())
                .or_default()
                .push(source.to_string());
            got.insert(name.to_string(), g);
        } else {
            unkeyed += 1;
        }
    };
    for p in &walk_problems {
        note(
            &p.source,
            Got::Nothing(vec![format!("unreadable: {}", p.message)]),
        );
    }
    // Files the key does not name are counted, not parsed.
    load_in_order(
        &files,
        |file| (!key.rows.contains_key(base_name(&file.source()))).then_some(()),
        |file, loaded| {
            let source = file.source();
            match loaded {
                Loading::Parsed(Loaded::Record(r)) => {
                    linker.push(&r.record.id, &LinkKey::of_loaded(&r));
                    let name = base_name(&source).to_string();
                    record_ids.insert(name, r.record.id.clone());
                    note(&source, Got::Record(Box::new(Predicted::of(&r.record))))
                }
                Loading::Parsed(Loaded::Skipped(p)) => note(
                    &source,
                    Got::Nothing(vec![format!("{}: {}", p.code, p.message)]),
                ),
                Loading::Known(()) => note(&source, Got::Nothing(Vec::new())),
            }
            Ok(())
        },
    )?;
    let contacts = linker.finish();
    for (name, g) in got.iter_mut() {
        if let (Got::Record(p), Some(id)) = (g, record_ids.get(name)) {
            p.contact = Some(contacts.contact_of(id).to_string());
        }
    }
    let mut shared: Vec<(&String, &Vec<String>)> =
        sources.iter().filter(|(_, s)| s.len() > 1).collect();
    shared.sort();
    for (name, all) in shared {
        eprintln!(
            "diplo: warning: {} files are named {name} ({}): the last one is scored",
            all.len(),
            all.join(", ")
        );
    }

    let unmatched: Vec<String> = key
        .rows
        .keys()
        .filter(|name| !got.contains_key(*name))
        .cloned()
        .collect();
    if got.is_empty() {
        bail!(
            "no file under {} has the name of a file in the key {} ({} names, such as {}): \
             the key's \"file\" is matched to each file's base name",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            key_path.display(),
            key.rows.len(),
            unmatched.first().map_or("", String::as_str)
        );
    }
    for name in &unmatched {
        eprintln!("diplo: warning: {name} is in the key but not under the paths given: not scored");
    }

    let matched = got.len();
    let scores = score(&key.rows, &got);
    let report = EvalReport::new(scores, matched, unmatched, unkeyed, args.misses);
    let floor = |field: &str| {
        let own = args
            .min_field
            .iter()
            .rev()
            .find(|(f, _)| f == field)
            .map(|(_, v)| *v);
        own.or(args.min)
    };
    for (field, _) in &args.min_field {
        if report
            .fields
            .iter()
            .any(|(f, t)| f == field && t.total == 0)
        {
            eprintln!(
                "diplo: warning: --min-field {field}: nothing in this key scores {field}, so its floor is not checked"
            );
        }
    }
    let below = report.below(floor);

    let mut out = stdout();
    if args.json {
        json::write_line(&mut out, &report)?;
    } else {
        views::write_eval(&mut out, &report, &Styles::new(use_color(global.color)))?;
    }
    out.flush()?;
    for (field, acc, min) in &below {
        eprintln!("diplo: {field} accuracy {acc:.3} is below its floor {min}");
    }
    Ok(if below.is_empty() {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// `FIELD=F` for `--min-field`: a known field and a floor from 0 to 1.
pub fn parse_field_floor(s: &str) -> Result<(String, f64), String> {
    let Some((field, value)) = s.split_once('=') else {
        return Err("write FIELD=F, e.g. date=0.6".to_string());
    };
    let field = field.trim();
    if !FIELDS.contains(&field) {
        return Err(format!(
            "unknown field {field:?}; use one of {}",
            FIELDS.join(", ")
        ));
    }
    Ok((field.to_string(), parse_floor(value.trim())?))
}

/// A floor for `--min`: a number from 0 to 1.
pub fn parse_floor(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "{s:?} is not an accuracy; write a number from 0 to 1, e.g. 0.8"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_floors_name_a_field_and_a_number_from_0_to_1() {
        assert_eq!(parse_field_floor("date=0.6"), Ok(("date".to_string(), 0.6)));
        assert!(parse_field_floor("date").unwrap_err().contains("FIELD=F"));
        assert!(
            parse_field_floor("day=0.5")
                .unwrap_err()
                .contains("event_type")
        );
        assert!(parse_field_floor("date=1.5").is_err());
        assert!(parse_floor("x").is_err());
        assert!(parse_floor("NaN").is_err());
        assert_eq!(parse_floor("1"), Ok(1.0));
    }
}
