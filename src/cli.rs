//! The command line: every flag of every subcommand, declared once with clap. Completions
//! and the man page are generated from these same definitions.

use crate::output::ColorWhen;
use crate::record::EventType;
use crate::search::SortOrder;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "diplo",
    version,
    about = "Turn a folder of diplomatic readouts into a searchable, structured corpus",
    long_about = "Turn a folder of diplomatic readouts into a searchable, structured corpus.\n\n\
        diplo extracts who talked to whom, when, in what form and who asked for the contact, \
        indexes it, and answers searches in milliseconds.\n\n\
        Exit status: 0 when something was found, 1 when nothing was, 2 on error."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Index folder [default: the nearest .diplo/ in this folder or its parents; `index` creates ./.diplo/]
    #[arg(long, global = true, env = "DIPLO_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Extra aliases: a TSV of `person|country<TAB>canonical<TAB>alias|alias` [default: aliases.tsv inside the index folder, when present]
    #[arg(long, global = true, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// When to color output: auto colors a terminal unless NO_COLOR is set
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse readouts and build or refresh the index
    Index(IndexArgs),
    /// Search the index (tantivy query language; every word required by default)
    Search(SearchArgs),
    /// Print one record, by id, unique id prefix, or source path
    Show(ShowArgs),
    /// Parse readouts without indexing and report every problem
    Check(CheckArgs),
    /// Count records by type, year, month, country, participant, requester and publisher
    Stats(StatsArgs),
    /// Every contact of a participant (or between two), oldest first, with the gaps between them
    Timeline(TimelineArgs),
    /// One line per contact (however many records report it), oldest first, with its publishers
    Contacts(ContactsArgs),
    /// The records of one contact side by side: who each names first, who asked, what only one reports
    Compare(CompareArgs),
    /// The readouts most like a given one
    Similar(SimilarArgs),
    /// Write records as jsonl, csv, event data or OpenSearch bulk NDJSON
    Export(ExportArgs),
    /// Who talked to whom, as a network for Graphviz (dot), Gephi (gexf) or any GraphML tool
    Graph(GraphArgs),
    /// Serve a local, read-only explorer of the index in the browser: search, facets, records, charts
    Serve(ServeArgs),
    /// Score the records of labelled files against a hand-made answer key, field by field
    #[command(
        long_about = "Score the records of labelled files against a hand-made answer key, field by field.\n\n\
        Loads the files under PATH as `check` does, matches them to the key's `file` names by \
        base name, and prints each field's accuracy with the scoring rules of the dev set's \
        scorer. The key is JSON Lines (see the README's \"Key format\").\n\n\
        Exit status: 0 when every scored field reaches its floor (--min, --min-field), 1 when \
        one does not, 2 on error (an unreadable or malformed key, a missing PATH, no keyed file found)."
    )]
    Eval(EvalArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    #[command(hide = true)]
    Man,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders of readouts (.txt, HTML, and .jsonl/.ndjson scrapes) [default: the paths the index was built from]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Rebuild from scratch instead of refreshing (needed after a diplo upgrade changes the index)
    #[arg(long)]
    pub rebuild: bool,
    /// Treat any problem as an error: nothing is written unless every file gives a complete record
    #[arg(long)]
    pub strict: bool,
    /// Print no progress bar and no summary (problems are still reported on stderr)
    #[arg(short, long)]
    pub quiet: bool,
    /// Skip what the corpus's .gitignore, .ignore and .rgignore files exclude
    #[arg(long)]
    pub ignore_files: bool,
    /// Follow symbolic links, also out of the corpus folder
    #[arg(long)]
    pub follow: bool,
    /// If another `diplo index` is running on this index, wait for it instead of failing
    #[arg(long)]
    pub wait: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, "phrases", AND/OR/NOT, -term, field:value; `*` matches every record
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Hits are paragraphs in which this participant is reported as speaking (name as for --participant)
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Most hits to print; 0 lists every hit, without snippets (see --snippets)
    #[arg(short = 'n', long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// With --limit 0, still give each hit its snippet (reads every matching record: slower)
    #[arg(long)]
    pub snippets: bool,
    /// Order of hits
    #[arg(long, value_enum, default_value_t = SortOrder::Relevance, allow_hyphen_values = true)]
    pub sort: SortOrder,
    /// Print JSON Lines, one object per hit
    #[arg(long, conflicts_with = "count")]
    pub json: bool,
    /// Print only the number of matching records
    #[arg(short, long)]
    pub count: bool,
    /// Print only the source path of every matching file, one a line, like `rg -l`
    #[arg(short = 'l', long, conflicts_with_all = ["count", "json", "speaker"])]
    pub files: bool,
    /// One hit per contact: the best record of each (`contact_records` counts its records);
    /// with --count, the number of contacts
    #[arg(long, conflicts_with_all = ["files", "speaker"])]
    pub collapse: bool,
}

/// The filters shared by `search`, `stats` and `export`.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only this event type
    #[arg(long = "type", value_name = "TYPE", value_parser = parse_event_type)]
    pub event_type: Option<EventType>,
    /// Only contacts with this participant (full or family name, any case); repeat for several
    #[arg(long, value_name = "NAME")]
    pub participant: Vec<String>,
    /// Only contacts involving this country (ISO code, name or adjective); repeat for several
    #[arg(long, value_name = "COUNTRY")]
    pub country: Vec<String>,
    /// Only records of this publisher (a page's URL host, else the first folder below the corpus path, as `stats` lists them); repeat for any of several
    #[arg(long, value_name = "NAME")]
    pub publisher: Vec<String>,
    /// Only events on or after this date: YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<crate::loader::date::Date>,
    /// Only events on or before this date: YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<crate::loader::date::Date>,
}

impl FilterArgs {
    pub fn to_filters(&self) -> crate::query::Filters {
        crate::query::Filters {
            event_type: self.event_type,
            participants: self.participant.clone(),
            countries: self.country.clone(),
            publishers: self.publisher.clone(),
            from: self.from,
            to: self.to,
        }
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A record id, a unique prefix of one, or a source path
    #[arg(value_name = "ID")]
    pub id: String,
    /// Print the record as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders of readouts (.txt, HTML, and .jsonl/.ndjson scrapes)
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Print JSON Lines, one object per file: {source, ok, problems, record}
    #[arg(long)]
    pub json: bool,
    /// With --json, print each line as soon as its file is read, without the record's
    /// `contact` (linking the documents of one contact waits for every file)
    #[arg(long, requires = "json")]
    pub no_contacts: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The answer key: JSON Lines, one object per labelled file
    #[arg(value_name = "KEY.jsonl")]
    pub key: PathBuf,
    /// Files or folders of readouts (.txt and HTML), matched to the key by base name
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Print one JSON object: {fields: {NAME: {correct, total, accuracy}}, matched_files, ...}
    #[arg(long)]
    pub json: bool,
    /// List up to N misses (file, want, got) per field
    #[arg(long, value_name = "N")]
    pub misses: Option<usize>,
    /// Exit 1 when any scored field's accuracy is below F (0 to 1)
    #[arg(long, value_name = "F", value_parser = crate::commands::eval::parse_floor)]
    pub min: Option<f64>,
    /// A floor for one field, FIELD=F (overrides --min for it); repeat for several
    #[arg(long, value_name = "FIELD=F", value_parser = crate::commands::eval::parse_field_floor)]
    pub min_field: Vec<(String, f64)>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Count only records matching this query [default: every record]
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Rows per table (participants, countries, requesters); 0 shows all
    #[arg(short = 'n', long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Print the counts as one JSON object
    #[arg(long)]
    pub json: bool,
    /// Count documents: a contact reported by several records counts once each [default: count contacts]
    #[arg(long)]
    pub documents: bool,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// A participant (full or family name, any case); give it twice for the contacts between two
    #[arg(long, value_name = "NAME", required = true, num_args = 1)]
    pub participant: Vec<String>,
    /// Print JSON Lines, one object per contact
    #[arg(long)]
    pub json: bool,
    /// One row per document: a contact reported by several records shows once each [default: once]
    #[arg(long)]
    pub documents: bool,
}

#[derive(Debug, Args)]
pub struct ContactsArgs {
    /// Only contacts with a record matching this query [default: every record]
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only contacts reported by at least N records (2: those with more than one readout)
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_records: usize,
    /// Print JSON Lines, one object per contact
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// A record id (or unique prefix, or source path) of the contact, or the contact's id
    #[arg(value_name = "ID")]
    pub id: String,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// A record id, a unique prefix of one, or a source path
    #[arg(value_name = "ID")]
    pub id: String,
    /// Most records to list
    #[arg(short = 'n', long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Print JSON Lines, one object per similar record
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The full record, one JSON object per line
    Jsonl,
    /// One row per record, participants flattened
    Csv,
    /// One CSV row per directed pair of principals, with CAMEO and PLOVER codes
    Events,
    /// OpenSearch/Elasticsearch bulk NDJSON (the mapping is printed with --mapping)
    Opensearch,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,
    /// Export only records matching this query [default: every record]
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Write to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With --format opensearch: print the index mapping (JSON) instead of the documents
    #[arg(long)]
    pub mapping: bool,
    /// With --format events: rows for every document, not once per contact
    #[arg(long)]
    pub documents: bool,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Draw only contacts with a record matching this query [default: every record]
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "dot")]
    pub format: crate::output::graph::GraphFormat,
    /// What a node is: a principal, or a principal's country
    #[arg(long, value_enum, value_name = "KIND", default_value = "people")]
    pub nodes: crate::views::graph::NodeKind,
    /// Keep only the N nodes with most contacts, and the edges between them; 0 keeps all
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub max_nodes: usize,
    /// Count every document: a contact reported by several records weighs once each [default: once]
    #[arg(long)]
    pub documents: bool,
    /// Write to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on (0: any free port)
    #[arg(long, default_value_t = 8750, value_name = "PORT")]
    pub port: u16,
    /// Address to listen on; anything but loopback makes the index readable from other machines
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// Open the explorer in the default browser once it listens
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

fn parse_event_type(s: &str) -> Result<EventType, String> {
    EventType::parse(s).ok_or_else(|| {
        let names: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        format!("unknown event type; use one of {}", names.join(", "))
    })
}

fn parse_date(s: &str) -> Result<crate::loader::date::Date, String> {
    crate::loader::date::Date::parse_iso_prefix(s)
        .ok_or_else(|| "not a date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2017-03)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sort_accepts_minus_date() {
        let cli = Cli::try_parse_from(["diplo", "search", "x", "--sort", "-date"]).unwrap();
        match cli.command {
            Command::Search(a) => assert_eq!(a.sort, SortOrder::DateDesc),
            _ => panic!("expected search"),
        }
    }

    #[test]
    fn unknown_type_is_refused_with_the_valid_ones() {
        let err = Cli::try_parse_from(["diplo", "search", "x", "--type", "summit"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("phone_call"), "{err}");
    }
}
