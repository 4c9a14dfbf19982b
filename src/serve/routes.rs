//! What each URL answers. Pages and `/api/` share the CLI's views and JSON contracts; every
//! handler reads the index through [`IndexState`], read-only.

use super::http::{Body, Request, Response};
use super::pages;
use super::state::IndexState;
use super::svg;
use super::view::{MAX_PAGE, PAGE_SIZE, View};
use crate::cli::ExportFormat;
use crate::index::reader::CorpusReader;
use crate::output::graph::{GraphFormat, write_graph};
use crate::query::Request as Parsed;
use crate::search::{SearchRequest, search};
use crate::views::graph::graph;
use crate::views::{corpus_stats, one_record_per_contact, stats::stats};
use std::sync::Arc;

/// Most hits `/api/search` returns at once.
pub const MAX_API_LIMIT: usize = 1_000;

/// A failed request: its status and what the user should do.
pub struct Failure {
    pub status: u16,
    pub message: String,
}

impl Failure {
    fn bad(message: impl Into<String>) -> Failure {
        Failure {
            status: 400,
            message: message.into(),
        }
    }

    fn not_found(message: impl Into<String>) -> Failure {
        Failure {
            status: 404,
            message: message.into(),
        }
    }
}

/// Anything from the query or the filters is the request's fault; the rest, the server's.
fn bad_query(e: anyhow::Error) -> Failure {
    Failure::bad(format!("{e:#}"))
}

fn internal(e: anyhow::Error) -> Failure {
    Failure {
        status: 500,
        message: format!("{e:#}"),
    }
}

type Answer = Result<Response, Failure>;

pub fn route(state: &IndexState, req: &Request) -> Response {
    let api = req.path.starts_with("/api/");
    let answer = answer(state, req);
    answer.unwrap_or_else(|f| {
        if api {
            Response::json(
                f.status,
                &serde_json::json!({"error": f.message, "status": f.status}),
            )
        } else {
            Response::html(f.status, pages::error_page(f.status, &f.message))
        }
    })
}

fn answer(state: &IndexState, req: &Request) -> Answer {
    let path = req.path.as_str();
    match path {
        "/static/app.css" => return Ok(Response::new(200, "text/css; charset=utf-8", APP_CSS)),
        "/static/app.js" => {
            return Ok(Response::new(200, "text/javascript; charset=utf-8", APP_JS));
        }
        "/favicon.ico" => return Ok(Response::new(204, "image/x-icon", Vec::new())),
        _ => {}
    }
    let reader = state.reader();
    let segments: Vec<&str> = path.trim_start_matches('/').splitn(2, '/').collect();
    // `/record/ID`, where ID may be a source path with slashes of its own.
    let (head, rest) = match segments.as_slice() {
        [head] => (*head, ""),
        [head, rest] => (*head, *rest),
        _ => ("", ""),
    };
    match (head, rest) {
        ("", "") => search_page(&reader, req),
        ("record", id) if !id.is_empty() => record_page(&reader, id),
        ("compare", id) if !id.is_empty() => compare_page(&reader, id),
        ("source", id) if !id.is_empty() => source_text(&reader, id),
        ("svg", "timeline") => timeline_svg(&reader, req),
        ("svg", "network") => network_svg(&reader, req),
        ("download", "") => download(&reader, req),
        ("api", rest) => api(&reader, req, rest),
        _ => Err(Failure::not_found(format!(
            "nothing at {path}: the explorer is at / and the API under /api/ (see the README)"
        ))),
    }
}

fn view_of(req: &Request) -> Result<View, Failure> {
    View::of(req).map_err(Failure::bad)
}

fn parse(reader: &CorpusReader, view: &View) -> Result<Parsed, Failure> {
    Parsed::parse(&reader.index, &reader.fields, view.query(), &view.filters()).map_err(bad_query)
}

fn search_page(reader: &Arc<CorpusReader>, req: &Request) -> Answer {
    let view = view_of(req)?;
    let parsed = parse(reader, &view)?;
    let results = search(
        reader,
        &SearchRequest {
            request: &parsed,
            limit: view.page * PAGE_SIZE,
            sort: view.sort,
            snippets: false,
            collapse: false,
            offset: (view.page - 1) * PAGE_SIZE,
        },
    )
    .map_err(internal)?;
    let hits = &results.hits;
    // Facets count the matching records, as the hits do; those of every record were counted
    // when the index was built.
    let counts = if selects_everything(&view) {
        corpus_stats::of_everything(reader, true)
    } else {
        stats(reader, &*parsed.selection, "records")
    }
    .map_err(internal)?;
    Ok(Response::html(
        200,
        pages::search_page(&pages::SearchPage {
            view: &view,
            hits,
            total: results.total,
            stats: &counts,
            records_in_index: reader.num_records(),
        }),
    ))
}

fn resolve(reader: &CorpusReader, id: &str) -> Result<tantivy::DocAddress, Failure> {
    crate::commands::show::resolve(reader, id.trim())
        .map_err(|e| Failure::not_found(format!("{e:#}")))
}

/// A record as `show --json` gives it, with the other records of its contact.
fn shown(
    reader: &CorpusReader,
    id: &str,
) -> Result<
    (
        crate::record::Record,
        Vec<crate::commands::show::ContactRecord>,
        tantivy::DocAddress,
    ),
    Failure,
> {
    let addr = resolve(reader, id)?;
    let mut record = reader.record(addr).map_err(internal)?;
    record.contact = Some(reader.contacts().contact_of(&record.id).to_string());
    let same = crate::commands::show::same_contact(reader, &record.id).map_err(internal)?;
    Ok((record, same, addr))
}

fn record_page(reader: &CorpusReader, id: &str) -> Answer {
    let (record, same_contact, addr) = shown(reader, id)?;
    let similar = crate::views::similar::similar(reader, addr, 5).map_err(internal)?;
    let doc = reader.doc(addr).map_err(internal)?;
    let other_sources: Vec<String> = reader.sources_of(&doc).into_iter().skip(1).collect();
    Ok(Response::html(
        200,
        pages::record_page(&pages::RecordPage {
            record: &record,
            same_contact: &same_contact,
            similar: &similar,
            other_sources: &other_sources,
        }),
    ))
}

fn comparison(
    reader: &CorpusReader,
    id: &str,
) -> Result<crate::views::compare::Comparison, Failure> {
    let addr = resolve(reader, id)?;
    crate::commands::compare::comparison(reader, addr)
        .map_err(internal)?
        .ok_or_else(|| {
            Failure::not_found(format!(
                "{id}: no other record of the index reports this contact, so there is nothing to compare"
            ))
        })
}

fn compare_page(reader: &CorpusReader, id: &str) -> Answer {
    let c = comparison(reader, id)?;
    Ok(Response::html(200, pages::compare_page(&c)))
}

/// Largest source file shown as text.
const MAX_SOURCE_BYTES: u64 = 32 * 1024 * 1024;

/// A record's source as it is on disk now, as plain text: the file, or a scrape's line. The
/// path comes from the index, never from the request, and only below the corpus paths the index
/// was built from; the text is sent as `text/plain` in a sandbox, so a saved page's scripts do
/// not run.
fn source_text(reader: &CorpusReader, id: &str) -> Answer {
    let addr = resolve(reader, id)?;
    let record = reader.record(addr).map_err(internal)?;
    let named = crate::walk::source_as_path(&record.source, record.source_bytes.as_deref());
    let file = crate::walk::file_of_source(named.clone());
    let gone = |why: String| Failure::not_found(format!("{}: {why}", record.source));
    let path = crate::index::source_file_path(&reader.info, &file).ok_or_else(|| {
        gone("outside the corpus paths the index was built from, so it is not served".into())
    })?;
    let size = std::fs::metadata(&path)
        .map_err(|e| {
            gone(format!(
                "cannot read it ({e}): run `diplo index` to refresh"
            ))
        })?
        .len();
    let text = if file != named {
        // `crawl.jsonl:412`: that line alone.
        let line: usize = record
            .source
            .rsplit(':')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let reading =
            std::fs::File::open(&path).map_err(|e| gone(format!("cannot read it ({e})")))?;
        use std::io::BufRead;
        std::io::BufReader::new(reading)
            .split(b'\n')
            .nth(line.saturating_sub(1))
            .and_then(Result::ok)
            .ok_or_else(|| {
                gone(format!(
                    "the scrape has no line {line} now: run `diplo index`"
                ))
            })?
    } else if size > MAX_SOURCE_BYTES {
        return Err(gone(format!(
            "{size} bytes, too large to show here: open {} instead",
            path.display()
        )));
    } else {
        std::fs::read(&path).map_err(|e| gone(format!("cannot read it ({e})")))?
    };
    Ok(Response::new(200, "text/plain; charset=utf-8", text)
        .with_header("Content-Security-Policy", "sandbox".into()))
}

/// What a picture counts: contacts, unless `documents` is asked for.
fn counted_selection(
    reader: &CorpusReader,
    view: &View,
    req: &Request,
) -> Result<(Box<dyn tantivy::query::Query>, &'static str), Failure> {
    let parsed = parse(reader, view)?;
    if flag(req, "documents")? {
        Ok((parsed.selection, "records"))
    } else {
        let query = one_record_per_contact(reader, parsed.selection).map_err(internal)?;
        Ok((query, "contacts"))
    }
}

/// Whether a view asks for every record: no query and no filter.
fn selects_everything(view: &View) -> bool {
    view.query().is_none() && view.filters().is_empty()
}

fn flag(req: &Request, name: &str) -> Result<bool, Failure> {
    match req.one(name).as_deref() {
        None | Some("0") | Some("false") => Ok(false),
        Some("1") | Some("true") => Ok(true),
        Some(other) => Err(Failure::bad(format!("{name}={other:?}: use 1 or 0"))),
    }
}

fn number(req: &Request, name: &str, default: usize, max: usize) -> Result<usize, Failure> {
    match req.one(name) {
        None => Ok(default),
        Some(n) => match n.parse::<usize>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(Failure::bad(format!(
                "{name}={n:?}: give a number from 0 to {max}"
            ))),
        },
    }
}

fn svg_response(markup: maud::Markup) -> Response {
    Response::new(200, "image/svg+xml; charset=utf-8", markup.into_string())
}

fn timeline_svg(reader: &CorpusReader, req: &Request) -> Answer {
    let view = view_of(req)?;
    let (query, counted) = counted_selection(reader, &view, req)?;
    let months = crate::views::monthly::months(reader, &*query).map_err(internal)?;
    Ok(svg_response(svg::timeline_chart(&months, counted)))
}

fn network_svg(reader: &CorpusReader, req: &Request) -> Answer {
    let view = view_of(req)?;
    let (query, _) = counted_selection(reader, &view, req)?;
    let network = graph(reader, &*query, view.nodes, svg::NETWORK_NODES).map_err(internal)?;
    Ok(svg_response(svg::network(&network, &view)))
}

/// The network of what a view selects, in a graph file format.
fn network_file(
    reader: &CorpusReader,
    view: &View,
    req: &Request,
    format: GraphFormat,
    max_nodes: usize,
) -> Answer {
    let (query, _) = counted_selection(reader, view, req)?;
    let network = graph(reader, &*query, view.nodes, max_nodes).map_err(internal)?;
    let mut body = Vec::new();
    write_graph(&mut body, &network, format).map_err(|e| internal(e.into()))?;
    Ok(Response::new(200, format.media_type(), body))
}

/// The current query's records or network as a file.
fn download(reader: &Arc<CorpusReader>, req: &Request) -> Answer {
    let view = view_of(req)?;
    let format = req.one("format").unwrap_or_default();
    let name = match view.query() {
        Some(_) => "diplo-query",
        None => "diplo",
    };
    if let Some(graph_format) = GraphFormat::parse(&format) {
        return Ok(
            network_file(reader, &view, req, graph_format, 0)?.with_header(
                "Content-Disposition",
                format!(
                    "attachment; filename=\"{name}.{}\"",
                    graph_format.extension()
                ),
            ),
        );
    }
    let (export, media, extension) = match format.as_str() {
        "jsonl" => (ExportFormat::Jsonl, "application/x-ndjson", "jsonl"),
        "csv" => (ExportFormat::Csv, "text/csv; charset=utf-8", "csv"),
        "events" => (
            ExportFormat::Events,
            "text/csv; charset=utf-8",
            "events.csv",
        ),
        other => {
            return Err(Failure::bad(format!(
                "format={other:?}: use jsonl, csv, events, graphml, gexf, dot or json"
            )));
        }
    };
    // Parsed here so that a bad query is a 400 before any byte of the file is sent.
    let parsed = parse(reader, &view)?;
    let query = if export == ExportFormat::Events && !flag(req, "documents")? {
        one_record_per_contact(reader, parsed.selection).map_err(internal)?
    } else {
        parsed.selection
    };
    let reader = Arc::clone(reader);
    let mut response = Response::new(200, media, Vec::new()).with_header(
        "Content-Disposition",
        format!("attachment; filename=\"{name}.{extension}\""),
    );
    response.body = Body::Stream(Box::new(move |out| {
        crate::commands::export::write_records(&reader, &*query, export, out)?;
        Ok(())
    }));
    Ok(response)
}

fn api(reader: &Arc<CorpusReader>, req: &Request, rest: &str) -> Answer {
    let (name, arg) = rest.split_once('/').unwrap_or((rest, ""));
    match (name, arg) {
        ("search", "") => {
            let view = view_of(req)?;
            let parsed = parse(reader, &view)?;
            let limit = number(req, "limit", PAGE_SIZE, MAX_API_LIMIT)?;
            let offset = number(req, "offset", 0, MAX_PAGE * PAGE_SIZE)?;
            let results = search(
                reader,
                &SearchRequest {
                    request: &parsed,
                    // 0 would list every match: the API keeps to its bound instead.
                    limit: (offset + limit).max(1),
                    sort: view.sort,
                    snippets: false,
                    collapse: flag(req, "collapse")?,
                    offset,
                },
            )
            .map_err(internal)?;
            let hits = &results.hits[..results.hits.len().min(limit)];
            Ok(Response::json(
                200,
                &serde_json::json!({
                    "schema_version": crate::record::SCHEMA_VERSION,
                    "total": results.total,
                    "offset": offset,
                    "hits": hits,
                }),
            ))
        }
        ("record", id) if !id.is_empty() => {
            let (record, same_contact, _) = shown(reader, id)?;
            Ok(Response::json(
                200,
                &crate::commands::show::Shown {
                    record: &record,
                    same_contact: &same_contact,
                },
            ))
        }
        ("similar", id) if !id.is_empty() => {
            let addr = resolve(reader, id)?;
            let limit = number(req, "limit", 10, 100)?.max(1);
            let found = crate::views::similar::similar(reader, addr, limit).map_err(internal)?;
            Ok(Response::json(200, &found))
        }
        ("compare", id) if !id.is_empty() => Ok(Response::json(200, &comparison(reader, id)?)),
        ("stats", "") => {
            let view = view_of(req)?;
            let counts = if selects_everything(&view) {
                corpus_stats::of_everything(reader, flag(req, "documents")?).map_err(internal)?
            } else {
                let (query, counted) = counted_selection(reader, &view, req)?;
                stats(reader, &*query, counted).map_err(internal)?
            };
            Ok(Response::json(200, &counts))
        }
        ("months", "") => {
            let view = view_of(req)?;
            let (query, _) = counted_selection(reader, &view, req)?;
            let months = crate::views::monthly::months(reader, &*query).map_err(internal)?;
            Ok(Response::json(200, &months))
        }
        ("timeline", "") => {
            let participants = req.all("participant");
            if participants.is_empty() || participants.len() > 2 {
                return Err(Failure::bad(
                    "give one or two participant= names (full or family name, any case)",
                ));
            }
            let contacts =
                crate::views::timeline::timeline(reader, &participants, flag(req, "documents")?)
                    .map_err(bad_query)?;
            Ok(Response::json(200, &contacts))
        }
        ("contacts", "") => {
            let view = view_of(req)?;
            let parsed = parse(reader, &view)?;
            let min = number(req, "min_records", 1, usize::MAX)?;
            let found = crate::views::contacts::contacts(reader, &parsed, min).map_err(internal)?;
            Ok(Response::json(200, &found))
        }
        ("graph", "") => {
            let view = view_of(req)?;
            let format = match req.one("format") {
                None => GraphFormat::Json,
                Some(f) => GraphFormat::parse(&f).ok_or_else(|| {
                    Failure::bad(format!("format={f:?}: use json, dot, graphml or gexf"))
                })?,
            };
            let max_nodes = number(req, "max_nodes", 0, usize::MAX)?;
            network_file(reader, &view, req, format, max_nodes)
        }
        _ => Err(Failure::not_found(format!(
            "no API at /api/{rest}: the API has search, record/ID, similar/ID, compare/ID, stats, months, timeline, contacts and graph (see the README)"
        ))),
    }
}

const APP_CSS: &str = include_str!("static/app.css");
const APP_JS: &str = include_str!("static/app.js");
