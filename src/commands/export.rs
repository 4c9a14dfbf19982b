//! `diplo export --format jsonl|csv|events|opensearch [QUERY] [filters] [--output FILE]`.

use super::{Outcome, stdout};
use crate::cli::{ExportArgs, ExportFormat, GlobalArgs};
use crate::index::{
    self,
    reader::{Access, CorpusReader},
};
use crate::output::json;
use crate::views::export::{
    CSV_HEADER, EVENTS_HEADER, csv_row, event_rows, for_each_record, opensearch_mapping,
    write_opensearch,
};
use crate::views::{one_record_per_contact, selection};
use anyhow::{Context, Result, bail};
use std::fs::File;
use std::io::{BufWriter, Write};

pub fn run(args: &ExportArgs, global: &GlobalArgs) -> Result<Outcome> {
    if args.mapping && args.format != ExportFormat::Opensearch {
        bail!("--mapping goes with --format opensearch");
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(File::create(path).with_context(|| {
            format!("cannot create the --output file {}", path.display())
        })?)),
        None => Box::new(stdout()),
    };
    if args.mapping {
        serde_json::to_writer_pretty(&mut out, &opensearch_mapping())?;
        writeln!(out)?;
        out.flush()?;
        return Ok(Outcome::Found);
    }
    let dir = index::locate_existing(global.index.as_deref())?;
    let reader = CorpusReader::open(&dir, Access::Scans)?;
    let mut query = selection(&reader, args.query.as_deref(), &args.filters.to_filters())?;
    if args.format == ExportFormat::Events && !args.documents {
        query = one_record_per_contact(&reader, query)?;
    } else if args.documents && args.format != ExportFormat::Events {
        bail!("--documents goes with --format events (the other formats give every document)");
    }
    let count = write_records(&reader, &*query, args.format, &mut out)?;
    out.flush()?;
    Ok(if count > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// Writes the records `query` selects in `format` (oldest first); returns how many there were.
pub fn write_records(
    reader: &CorpusReader,
    query: &dyn tantivy::query::Query,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<usize> {
    let contacts = reader.contacts();
    let count = match format {
        ExportFormat::Jsonl => for_each_record(reader, query, |mut r| {
            // Exactly what `show --json` prints.
            r.contact = Some(contacts.contact_of(&r.id).to_string());
            let same_contact = super::show::same_contact(reader, &r.id)?;
            let shown = super::show::Shown {
                record: &r,
                same_contact: &same_contact,
            };
            Ok(json::write_line(&mut &mut *out, &shown)?)
        })?,
        ExportFormat::Opensearch => {
            for_each_record(reader, query, |r| write_opensearch(&mut &mut *out, &r))?
        }
        ExportFormat::Csv | ExportFormat::Events => {
            let events = format == ExportFormat::Events;
            let mut csv = csv::Writer::from_writer(&mut *out);
            if events {
                csv.write_record(EVENTS_HEADER)?;
            } else {
                csv.write_record(CSV_HEADER)?;
            }
            let n = for_each_record(reader, query, |r| {
                if events {
                    let sources = contact_sources(reader, &r)?;
                    let contact = contacts.contact_of(&r.id);
                    for row in event_rows(&r) {
                        csv.write_record(
                            row.iter().map(String::as_str).chain([contact, &sources]),
                        )?;
                    }
                } else {
                    csv.write_record(csv_row(&r))?;
                }
                Ok(())
            })?;
            csv.flush()?;
            n
        }
    };
    Ok(count)
}

/// Every source of the contact a record reports (its own files and those of the contact's
/// other records), `; `-separated.
fn contact_sources(reader: &CorpusReader, record: &crate::record::Record) -> Result<String> {
    let mut sources = Vec::new();
    for id in reader.contacts().members(&record.id) {
        let Some(addr) = reader.find_exact(reader.fields.id, id)? else {
            continue;
        };
        let doc = reader.doc(addr)?;
        sources.extend(reader.sources_of(&doc));
    }
    Ok(sources.join("; "))
}
