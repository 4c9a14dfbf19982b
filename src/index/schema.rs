//! The tantivy schema: which record facts are searched, filtered, sorted and stored.

use crate::record::Record;
use tantivy::TantivyDocument;
use tantivy::schema::Value;
use tantivy::schema::{
    DateOptions, FAST, Field, IndexRecordOption, NumericOptions, STORED, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::RAW_TOKENIZER_NAME;

/// Version of the index layout. An index written with another version must be rebuilt.
/// 2: the `listing` column.
/// 3: `hash` and `fingerprint` are no longer indexed as terms, and `title` and `participant`
/// are no longer columns (nothing read them).
/// 4: the paragraphs' texts are stored as `body` values, not inside the `record` JSON.
/// 5: the `link_key` column, which links the documents of one contact.
/// 6: the `speaker` and `speech` columns, who said what ([`super::speech`]); link keys as
/// compact lines, not JSON; stored documents compressed with zstd.
/// 7: the `publisher` column and term, for `--publisher` and its counts.
/// 8: listings without the id and (for a record of one file) the source, which their columns
/// hold; no field norms for fields matched exactly, whose length never weighs in a score.
pub const INDEX_SCHEMA_VERSION: u32 = 8;

/// English stemming analyzer shipped with tantivy.
pub const TEXT_ANALYZER: &str = "en_stem";

/// Handles on every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Record id (exact); sortable and listable from fast fields.
    pub id: Field,
    /// Full content hash, to tell a real duplicate from an id collision. Stored only.
    pub hash: Field,
    /// The whole record as JSON but for its paragraphs' texts, which are `body`'s stored
    /// values, so `show` never re-reads the source file.
    pub record: Field,
    /// Problems the loader found, as JSON.
    pub problems: Field,
    pub title: Field,
    /// One value per paragraph, stored.
    pub body: Field,
    /// Participant names, searched like text.
    pub names: Field,
    /// Lower-cased participant keys (full name, family name, aliases) for `--participant`.
    pub participant: Field,
    /// Canonical participant names, exact, for counting.
    pub person: Field,
    /// ISO codes of the participants' countries.
    pub country: Field,
    pub event_type: Field,
    pub requested_by: Field,
    /// First day the event date covers.
    pub date: Field,
    pub year: Field,
    /// Every path with this content, the primary one first.
    pub source: Field,
    /// `path`, size and modification time of each source file, to skip unchanged files. A
    /// column only: a refresh reads it whole.
    pub fingerprint: Field,
    /// How many problems the loader found in the record.
    pub problem_count: Field,
    /// The hit fields as JSON ([`super::listing::Listing`]), to list every match from a column.
    pub listing: Field,
    /// What linking needs of the record ([`crate::contacts::LinkKey::to_stored`]), so that a
    /// refresh links the whole corpus from a column.
    pub link_key: Field,
    /// The record's speakers as `SLOT NAME` ([`super::speech`]).
    pub speaker: Field,
    /// Each spoken paragraph's `body` positions and speakers ([`super::speech::Span`]).
    pub speech: Field,
    /// Who published the record: its URL's host, else the first folder below the corpus path
    /// ([`crate::views::contacts::publisher_of`]). Exact, for `--publisher` and counting.
    pub publisher: Field,
}

pub fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TEXT_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    // Matched whole, never weighed by length: no field norms (a byte a record a field).
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(RAW_TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let exact_fast = exact.clone().set_fast(RAW_TOKENIZER_NAME);
    let fields = Fields {
        id: b.add_text_field("id", exact_fast.clone().set_stored()),
        hash: b.add_text_field("hash", STORED),
        record: b.add_text_field("record", STORED),
        problems: b.add_text_field("problems", STORED),
        title: b.add_text_field("title", stemmed.clone()),
        body: b.add_text_field("body", stemmed.clone().set_stored()),
        names: b.add_text_field("names", stemmed),
        participant: b.add_text_field("participant", exact),
        person: b.add_text_field("person", exact_fast.clone()),
        country: b.add_text_field("country", exact_fast.clone()),
        event_type: b.add_text_field("event_type", exact_fast.clone()),
        requested_by: b.add_text_field("requested_by", exact_fast.clone()),
        date: b.add_date_field("date", DateOptions::default().set_indexed().set_fast()),
        year: b.add_u64_field("year", NumericOptions::default().set_indexed().set_fast()),
        source: b.add_text_field("source", exact_fast.clone().set_stored()),
        fingerprint: b.add_text_field(
            "fingerprint",
            TextOptions::default().set_fast(RAW_TOKENIZER_NAME),
        ),
        problem_count: b.add_u64_field("problem_count", FAST),
        listing: b.add_text_field(
            "listing",
            TextOptions::default().set_fast(RAW_TOKENIZER_NAME),
        ),
        link_key: b.add_text_field(
            "link_key",
            TextOptions::default().set_fast(RAW_TOKENIZER_NAME),
        ),
        speaker: b.add_text_field(
            "speaker",
            TextOptions::default().set_fast(RAW_TOKENIZER_NAME),
        ),
        speech: b.add_u64_field("speech", FAST),
        publisher: b.add_text_field("publisher", exact_fast),
    };
    (b.build(), fields)
}

/// The record a stored document holds: its JSON, with each paragraph's text from `body`.
/// None if the document has no record, or one that does not parse or fit its paragraphs.
pub fn stored_record(f: &Fields, doc: &TantivyDocument) -> Option<Record> {
    let json = doc.get_first(f.record)?.as_str()?;
    let mut record: Record = serde_json::from_str(json).ok()?;
    let mut texts = doc.get_all(f.body).map(|v| v.as_str());
    for p in &mut record.paragraphs {
        p.text = texts.next()??.to_string();
    }
    texts.next().is_none().then_some(record)
}

/// Looks up the fields of an opened index by name; fails if the index has another layout.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        id: f("id")?,
        hash: f("hash")?,
        record: f("record")?,
        problems: f("problems")?,
        title: f("title")?,
        body: f("body")?,
        names: f("names")?,
        participant: f("participant")?,
        person: f("person")?,
        country: f("country")?,
        event_type: f("event_type")?,
        requested_by: f("requested_by")?,
        date: f("date")?,
        year: f("year")?,
        source: f("source")?,
        fingerprint: f("fingerprint")?,
        problem_count: f("problem_count")?,
        listing: f("listing")?,
        link_key: f("link_key")?,
        speaker: f("speaker")?,
        speech: f("speech")?,
        publisher: f("publisher")?,
    })
}
