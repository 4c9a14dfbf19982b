//! Human output of the analyst views: paragraph hits, stats tables, timelines, similar records,
//! eval scores.

use super::human::{highlight, write_hit_header, write_table};
use super::{Styles, paint};
use crate::views::eval::EvalReport;
use crate::views::similar::Similar;
use crate::views::speaker::ParagraphHit;
use crate::views::stats::{Bucket, Stats};
use crate::views::timeline::Contact;
use std::io::{self, Write};

/// Widest per-year bar, in characters.
const BAR_WIDTH: u64 = 40;

/// A paragraph hit: record header, then `¶N speakers:` and the highlighted snippet.
pub fn write_paragraph_hit<W: Write + ?Sized>(
    out: &mut W,
    hit: &ParagraphHit,
    styles: &Styles,
) -> io::Result<()> {
    write_hit_header(
        out,
        hit.date.as_deref(),
        hit.event_type,
        hit.title.as_deref(),
        styles,
    )?;
    writeln!(
        out,
        "  {} {} {}  {}",
        paint(styles.label, "id"),
        paint(styles.id, &hit.id),
        paint(styles.label, &format!("¶{}", hit.paragraph + 1)),
        paint(styles.label, &format!("({})", hit.speakers.join(", "))),
    )?;
    writeln!(
        out,
        "  {}",
        highlight(&hit.snippet, &hit.highlights, styles)
    )?;
    writeln!(out)
}

/// The stats as small tables; years with a bar scaled to the busiest year.
pub fn write_stats<W: Write>(
    out: &mut W,
    stats: &Stats,
    limit: usize,
    styles: &Styles,
) -> io::Result<()> {
    let noun = stats.counted.as_str();
    writeln!(out, "{} {noun}", stats.total)?;
    let max = stats
        .by_year
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(1)
        .max(1);
    let years: Vec<[String; 3]> = stats
        .by_year
        .iter()
        .map(|b| {
            let width = (b.count * BAR_WIDTH).div_ceil(max) as usize;
            [b.key.clone(), b.count.to_string(), "█".repeat(width)]
        })
        .collect();
    writeln!(out)?;
    write_table(out, ["year", noun, ""], &years, styles)?;
    if stats.undated > 0 {
        writeln!(out, "undated  {}", stats.undated)?;
    }
    let tables: [(&str, &[Bucket]); 6] = [
        ("event type", &stats.by_event_type),
        ("month", &stats.by_month),
        ("country", &stats.by_country),
        ("participant", &stats.by_participant),
        ("requested by", &stats.by_requested_by),
        ("publisher", &stats.by_publisher),
    ];
    for (name, buckets) in tables {
        writeln!(out)?;
        let shown = if limit == 0 || name == "event type" {
            buckets.len()
        } else {
            limit.min(buckets.len())
        };
        // Months are in calendar order: the latest are the ones worth showing.
        let rows = if name == "month" {
            &buckets[buckets.len() - shown..]
        } else {
            &buckets[..shown]
        };
        let rows: Vec<[String; 2]> = rows
            .iter()
            .map(|b| [b.key.clone(), b.count.to_string()])
            .collect();
        write_table(out, [name, noun], &rows, styles)?;
        if shown < buckets.len() {
            let which = if name == "month" { "earlier" } else { "more" };
            writeln!(
                out,
                "… {} {which} (--limit 0 shows all)",
                buckets.len() - shown
            )?;
        }
    }
    Ok(())
}

/// The timeline as one table, gaps in days.
pub fn write_timeline<W: Write>(
    out: &mut W,
    contacts: &[Contact],
    styles: &Styles,
) -> io::Result<()> {
    let rows: Vec<[String; 7]> = contacts
        .iter()
        .map(|c| {
            [
                c.date.clone().unwrap_or_else(|| "????-??-??".into()),
                c.days_since_previous
                    .map_or(String::new(), |d| format!("+{d}d")),
                c.event_type.as_str().to_string(),
                c.requested_by.clone().unwrap_or_else(|| "-".into()),
                c.records.to_string(),
                c.id.clone(),
                c.title.clone().unwrap_or_else(|| "(untitled)".into()),
            ]
        })
        .collect();
    write_table(
        out,
        [
            "date",
            "gap",
            "type",
            "requested by",
            "records",
            "id",
            "title",
        ],
        &rows,
        styles,
    )?;
    writeln!(out, "{} contacts", contacts.len())
}

/// Contacts as a table, oldest first: one row each, however many records report it.
pub fn write_contacts<W: Write>(
    out: &mut W,
    contacts: &[crate::views::contacts::ContactSummary],
    styles: &Styles,
) -> io::Result<()> {
    let rows: Vec<[String; 6]> = contacts
        .iter()
        .map(|c| {
            [
                c.date.clone().unwrap_or_else(|| "????-??-??".into()),
                c.event_type.as_str().to_string(),
                c.records.to_string(),
                c.participants.join(", "),
                c.publishers.join(", "),
                c.contact.clone(),
            ]
        })
        .collect();
    write_table(
        out,
        [
            "date",
            "type",
            "records",
            "participants",
            "publishers",
            "contact",
        ],
        &rows,
        styles,
    )?;
    let records: usize = contacts.iter().map(|c| c.records).sum();
    writeln!(
        out,
        "{} contacts, reported by {records} records",
        contacts.len()
    )
}

/// A comparison: each record's facts, then the statements only it reports.
pub fn write_comparison<W: Write>(
    out: &mut W,
    c: &crate::views::compare::Comparison,
    styles: &Styles,
) -> io::Result<()> {
    writeln!(
        out,
        "contact {}: {} records",
        paint(styles.id, &c.contact),
        c.records.len()
    )?;
    let facts: Vec<[String; 7]> = c
        .records
        .iter()
        .map(|s| {
            [
                s.id.clone(),
                s.publisher.clone(),
                s.date.clone().unwrap_or_else(|| "????-??-??".into()),
                s.event_type.as_str().to_string(),
                s.first_named.clone().unwrap_or_else(|| "-".into()),
                s.requested_by.clone().unwrap_or_else(|| "-".into()),
                s.paragraphs
                    .iter()
                    .filter(|p| p.only_here)
                    .count()
                    .to_string(),
            ]
        })
        .collect();
    write_table(
        out,
        [
            "id",
            "publisher",
            "date",
            "type",
            "names first",
            "asked",
            "only here",
        ],
        &facts,
        styles,
    )?;
    for side in &c.records {
        let only: Vec<_> = side.paragraphs.iter().filter(|p| p.only_here).collect();
        if only.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            paint(
                styles.label,
                &format!("only in {} ({}):", side.id, side.publisher)
            )
        )?;
        for p in only {
            writeln!(out, "  ¶{} {}", p.paragraph + 1, p.text)?;
        }
    }
    Ok(())
}

/// Similar records as a table, best first.
pub fn write_similar<W: Write>(
    out: &mut W,
    similar: &[Similar],
    styles: &Styles,
) -> io::Result<()> {
    let rows: Vec<[String; 5]> = similar
        .iter()
        .map(|s| {
            [
                format!("{:.2}", s.score),
                s.date.clone().unwrap_or_else(|| "????-??-??".into()),
                s.event_type.as_str().to_string(),
                s.id.clone(),
                s.title.clone().unwrap_or_else(|| "(untitled)".into()),
            ]
        })
        .collect();
    write_table(out, ["score", "date", "type", "id", "title"], &rows, styles)
}

/// The eval table: one row per field (`-` where nothing was scored), a summary line, then the
/// misses when they were asked for.
pub fn write_eval<W: Write>(out: &mut W, report: &EvalReport, styles: &Styles) -> io::Result<()> {
    let rows: Vec<[String; 3]> = report
        .fields
        .iter()
        .map(|(field, t)| match t.accuracy() {
            Some(acc) => [
                field.to_string(),
                format!("{acc:.3}"),
                format!("({}/{})", t.correct, t.total),
            ],
            None => [field.to_string(), "-".into(), "(0/0)".into()],
        })
        .collect();
    write_table(out, ["field", "accuracy", "(ok/n)"], &rows, styles)?;
    let lowest = report
        .fields
        .iter()
        .filter_map(|(f, t)| Some((*f, t.accuracy()?)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    writeln!(
        out,
        "{} keyed files scored, {} key files not found, {} files not in the key{}",
        report.matched_files,
        report.unmatched_key_files,
        report.unkeyed_files,
        lowest.map_or(String::new(), |(f, a)| format!("; lowest: {f} {a:.3}")),
    )?;
    if let Some(misses) = &report.misses {
        for (field, _) in &report.fields {
            let Some(list) = misses.get(field) else {
                continue;
            };
            writeln!(out)?;
            writeln!(out, "{}", paint(styles.label, &format!("{field} misses:")))?;
            for m in list {
                writeln!(
                    out,
                    "  {}: want {} got {}",
                    paint(styles.path, &m.file),
                    m.want,
                    m.got
                )?;
            }
        }
    }
    Ok(())
}
