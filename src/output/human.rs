//! The human format: aligned, readable in a terminal, colored only when asked.

use super::{Styles, paint};
use crate::record::{Problem, Record};
use crate::search::Hit;
use std::io::{self, Write};

/// One search hit: a header line, the id and source, then the snippet with matches marked.
pub fn write_hit<W: Write + ?Sized>(out: &mut W, hit: &Hit, styles: &Styles) -> io::Result<()> {
    write_hit_header(
        out,
        hit.date.as_deref(),
        hit.event_type,
        hit.title.as_deref(),
        styles,
    )?;
    writeln!(
        out,
        "  {} {}  {}",
        paint(styles.label, "id"),
        paint(styles.id, &hit.id),
        paint(styles.path, &hit.source)
    )?;
    if hit.contact_records > 1 {
        writeln!(
            out,
            "  {} {}  {}",
            paint(styles.label, "contact"),
            paint(styles.id, &hit.contact),
            paint(
                styles.label,
                &format!(
                    "reported by {} records (diplo show {})",
                    hit.contact_records, hit.id
                )
            )
        )?;
    }
    if hit.source_missing {
        writeln!(
            out,
            "  {}",
            paint(
                styles.label,
                "(source file gone since indexing: run `diplo index` to refresh)"
            )
        )?;
    }
    if !hit.snippet.is_empty() {
        let para = hit.paragraph.map_or(String::new(), |p| {
            format!("{} ", paint(styles.label, &format!("¶{}", p + 1)))
        });
        writeln!(
            out,
            "  {para}{}",
            highlight(&hit.snippet, &hit.highlights, styles)
        )?;
    }
    writeln!(out)
}

/// The first line of a hit: date, event type, title.
pub fn write_hit_header<W: Write + ?Sized>(
    out: &mut W,
    date: Option<&str>,
    event_type: crate::record::EventType,
    title: Option<&str>,
    styles: &Styles,
) -> io::Result<()> {
    writeln!(
        out,
        "{}  {}  {}",
        paint(styles.date, date.unwrap_or("????-??-??")),
        paint(styles.kind, event_type.as_str()),
        paint(styles.title, title.unwrap_or("(untitled)")),
    )
}

pub(crate) fn highlight(
    text: &str,
    ranges: &[crate::search::Highlight],
    styles: &Styles,
) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 16);
    let mut at = 0;
    for r in ranges {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&text[at..r.start]);
        let matched = &text[r.start..r.end];
        if styles.matched == anstyle::Style::new() {
            out.push_str(matched);
        } else {
            out.push_str(&paint(styles.matched, matched));
        }
        at = r.end;
    }
    out.push_str(&text[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A record for a person to read: header, participants table, then numbered paragraphs.
pub fn write_record<W: Write>(
    out: &mut W,
    record: &Record,
    problems: &[Problem],
    styles: &Styles,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        paint(
            styles.title,
            record.title.as_deref().unwrap_or("(untitled)")
        )
    )?;
    writeln!(
        out,
        "{}  {}  {} {}  {}",
        paint(
            styles.date,
            record.date.as_deref().unwrap_or("date unknown")
        ),
        paint(styles.kind, record.event_type.as_str()),
        paint(styles.label, "id"),
        paint(styles.id, &record.id),
        paint(styles.path, &record.source),
    )?;
    writeln!(out)?;
    let rows: Vec<[String; 4]> = record
        .participants
        .iter()
        .map(|p| {
            [
                p.name.clone().unwrap_or_else(|| "(unnamed)".into()),
                p.title.clone().unwrap_or_else(|| "-".into()),
                p.country.clone().unwrap_or_else(|| "-".into()),
                p.role.as_str().to_string(),
            ]
        })
        .collect();
    write_table(
        out,
        ["participant", "title", "country", "role"],
        &rows,
        styles,
    )?;
    writeln!(out)?;
    let date_note = match (record.date.as_deref(), record.date_source) {
        (Some(date), Some(source)) => format!(
            "{date} ({} precision, from the {})",
            record.date_precision.as_str(),
            source.as_str()
        ),
        (Some(date), None) => format!("{date} ({} precision)", record.date_precision.as_str()),
        (None, _) => "-".to_string(),
    };
    writeln!(out, "{} {date_note}", paint(styles.label, "date:        "))?;
    writeln!(
        out,
        "{} {}",
        paint(styles.label, "requested by:"),
        record.requested_by.as_deref().unwrap_or("-")
    )?;
    writeln!(
        out,
        "{} {}",
        paint(styles.label, "location:    "),
        record.location.as_deref().unwrap_or("-")
    )?;
    if let Some(url) = &record.url {
        writeln!(out, "{} {url}", paint(styles.label, "url:         "))?;
    }
    if record.events.len() > 1 {
        writeln!(out, "{}", paint(styles.label, "events:"))?;
        for (i, e) in record.events.iter().enumerate() {
            let who: Vec<&str> = e
                .participants
                .iter()
                .map(|p| p.name.as_deref().or(p.country.as_deref()).unwrap_or("?"))
                .collect();
            let asked = e
                .requested_by
                .as_deref()
                .map_or(String::new(), |r| format!(", requested by {r}"));
            writeln!(
                out,
                "  {}. {} {} with {}{asked}",
                i + 1,
                e.date.as_deref().unwrap_or("date unknown"),
                e.event_type.as_str(),
                who.join(", ")
            )?;
        }
    }
    for p in problems {
        writeln!(
            out,
            "{} {}",
            paint(styles.label, "problem:     "),
            p.message
        )?;
    }
    writeln!(out)?;
    for (i, p) in record.paragraphs.iter().enumerate() {
        let speakers = if p.speakers.is_empty() {
            String::new()
        } else {
            format!(
                " {}",
                paint(styles.label, &format!("[{}]", p.speakers.join(", ")))
            )
        };
        writeln!(
            out,
            "{}{}",
            paint(styles.label, &format!("[{}]", i + 1)),
            speakers
        )?;
        writeln!(out, "{}", p.text)?;
        writeln!(out)?;
    }
    Ok(())
}

/// A left-aligned table with a header row; columns as wide as their widest cell.
pub fn write_table<W: Write, const N: usize>(
    out: &mut W,
    header: [&str; N],
    rows: &[[String; N]],
    styles: &Styles,
) -> io::Result<()> {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| -> String {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(
        out,
        "{}",
        paint(
            styles.label,
            &line(header.iter().map(|h| h.to_string()).collect())
        )
    )?;
    for row in rows {
        writeln!(out, "{}", line(row.to_vec()))?;
    }
    Ok(())
}
