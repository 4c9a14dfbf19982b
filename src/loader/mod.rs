//! The loader: one file in, one [`Record`] and its problems out.
//!
//! Each concern is a sub-parser with its own tests: decoding, normalisation, site chrome,
//! layout, dates, people, event type, requester, location and speakers.
//!
//! The sub-parsers' regexes use ASCII word boundaries, `(?-u:\b)`, never a Unicode `\b`: with
//! a Unicode boundary the regex crate's lazy DFA gives up on any text holding a non-ASCII
//! character ("Erdoğan", "–") and runs a far slower engine, which made the loader 30% slower.

pub mod ascii;
pub mod captures;
pub mod chrome;
pub mod date;
pub mod decode;
pub mod event;
pub mod focus;
pub mod html;
pub mod layout;
pub mod location;
pub mod meta;
pub mod normalize;
pub mod people;
pub mod request;
pub mod sentences;
pub mod speakers;
pub mod when;

use crate::record::{
    Event, EventType, Paragraph, Participant, Problem, Record, Role, SCHEMA_VERSION,
};
use people::Mention;
use std::path::Path;
use std::sync::LazyLock;

/// What loading one file gives: a record with the problems found in it, or no record at all
/// when the file cannot be read as text.
#[derive(Debug, Clone)]
pub enum Loaded {
    Record(Box<LoadedRecord>),
    Skipped(Problem),
}

#[derive(Debug, Clone)]
pub struct LoadedRecord {
    pub record: Record,
    pub problems: Vec<Problem>,
    /// The full content hash; the id is its abbreviation.
    pub hash: String,
}

/// Files larger than this are refused rather than read: no readout comes near it.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads and parses one file. `source` is the path as it will be shown to the user.
pub fn load_file(path: &Path, source: &str) -> Loaded {
    thread_local! {
        /// The bytes of the file being parsed on this thread: one buffer, reused.
        static BYTES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BYTES.with_borrow_mut(|bytes| {
        let loaded = match read_capped(path, bytes) {
            Ok(Ok(())) => parse_bytes(bytes, source),
            Ok(Err(size)) => Loaded::Skipped(Problem::new(
                "too_large",
                format!(
                    "file is {size} bytes, over the {} MiB limit for a readout",
                    MAX_FILE_BYTES >> 20
                ),
            )),
            Err(e) => Loaded::Skipped(Problem::new("unreadable", format!("cannot read: {e}"))),
        };
        // A rare large file does not keep its buffer for the rest of the run.
        if bytes.capacity() > KEPT_BUFFER_BYTES {
            *bytes = Vec::new();
        }
        loaded
    })
}

/// The largest read buffer a parsing thread keeps between files.
const KEPT_BUFFER_BYTES: usize = 1 << 20;

/// Reads the file into `bytes`, or gives its size when that is over [`MAX_FILE_BYTES`]. The
/// size is asked of the opened file, so the path is looked up once.
fn read_capped(path: &Path, bytes: &mut Vec<u8>) -> std::io::Result<Result<(), u64>> {
    use std::io::Read;
    bytes.clear();
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        return Ok(Err(size));
    }
    // One byte more than the size, so the read that finds the end needs no second buffer;
    // read through `take` because `File`'s own `read_to_end` asks the file's size again.
    bytes.reserve(size as usize + 1);
    file.take(u64::MAX).read_to_end(bytes)?;
    Ok(Ok(()))
}

/// Parses a file's bytes. Never panics, whatever the bytes. An HTML page (by its name, or by
/// content that is plainly HTML) is read through [`html`]; any other file as text.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Loaded {
    if html::is_html(bytes, source) {
        return parse_html(bytes, source);
    }
    let text = match decode::decode(bytes) {
        Ok(t) => t,
        Err(p) => return Loaded::Skipped(p),
    };
    let normalized = normalize::normalize_text(&text);
    let canonical = normalize::canonical_text(&normalized);
    if canonical.is_empty() {
        return Loaded::Skipped(Problem::new("empty", "no text (only white space)"));
    }
    let hash = normalize::content_hash(&canonical);
    let (record, problems) = parse_text(&normalized, source, normalize::id_from_hash(&hash));
    Loaded::Record(Box::new(LoadedRecord {
        record,
        problems,
        hash,
    }))
}

/// Parses an HTML page: its main content goes through the text loader, with what its markup
/// says (dates, address, site name) as further evidence. The id is the hash of the whole
/// page's normalised text, as a text file's is of its text: it does not move when the
/// extraction improves.
fn parse_html(bytes: &[u8], source: &str) -> Loaded {
    let page = match html::decode(bytes) {
        Ok(t) => t,
        Err(p) => return Loaded::Skipped(p),
    };
    let canonical = normalize::canonical_text(&normalize::normalize_text(&page));
    if canonical.is_empty() {
        return Loaded::Skipped(Problem::new("empty", "no text (only white space)"));
    }
    let hash = normalize::content_hash(&canonical);
    // html5ever's time grows with the nesting depth times the tags: refuse what no page needs.
    let limit = html::depth::MAX_DEPTH;
    if html::depth::max_depth(&page, limit) > limit {
        return Loaded::Skipped(Problem::new(
            "too_deep",
            format!(
                "markup nested over {limit} levels deep: not parsed (no readout page comes near it)"
            ),
        ));
    }
    let html::Page { text, facts } = html::extract(&page);
    let text = normalize::normalize_text(&text);
    if normalize::canonical_text(&text).is_empty() {
        return Loaded::Skipped(Problem::new(
            "empty",
            "no text: the page holds only markup, scripts or site chrome",
        ));
    }
    let (record, problems) = parse_text_with(&text, source, normalize::id_from_hash(&hash), &facts);
    Loaded::Record(Box::new(LoadedRecord {
        record,
        problems,
        hash,
    }))
}

/// The full content hash `parse_bytes` gives these bytes (the id is its abbreviation), without
/// parsing them; none when they give no record.
pub fn content_hash_of(bytes: &[u8], source: &str) -> Option<String> {
    let text: std::borrow::Cow<'_, str> = if html::is_html(bytes, source) {
        std::borrow::Cow::Owned(html::decode(bytes).ok()?)
    } else {
        decode::decode(bytes).ok()?
    };
    let canonical = normalize::canonical_text(&normalize::normalize_text(&text));
    (!canonical.is_empty()).then(|| normalize::content_hash(&canonical))
}

/// What an HTML page's markup says about it, beside its text: evidence the text loader weighs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageFacts {
    /// Publication dates from the markup, most trusted first (see `html_meta.tsv`).
    pub dates: Vec<date::Date>,
    /// The page's address: `<link rel="canonical">`, else `og:url`.
    pub url: Option<String>,
    /// The site's name (`og:site_name`, the part of `<title>` after the headline): evidence of
    /// the publisher, as a publisher's name in the text is.
    pub site: Vec<String>,
}

/// Extracts a record from normalised text.
pub fn parse_text(text: &str, source: &str, id: String) -> (Record, Vec<Problem>) {
    parse_text_with(text, source, id, &PageFacts::default())
}

/// [`parse_text`], with what an HTML page's markup says about it.
pub fn parse_text_with(
    text: &str,
    source: &str,
    id: String,
    facts: &PageFacts,
) -> (Record, Vec<Problem>) {
    let mut page = layout::layout(text);
    focus::choose_title(&mut page);
    let title = page.title.clone();
    let title_text = title.as_deref().unwrap_or("");
    // The lead is the first paragraph written as a sentence that reports a contact: a page
    // listing readouts puts a heading above each, and a real page puts its site's text first.
    let lead_at = focus::lead_index(&page.paragraphs);
    let lead_paragraph = lead_at.map(|i| page.paragraphs[i].as_str()).unwrap_or("");
    let lead_at = lead_at.unwrap_or(0);
    let lead = focus::lead_sentence(lead_paragraph);
    let not_readout = event::is_not_readout(title_text, lead, &page.paragraphs);

    let when = when::resolve_with(
        &dated_lead(lead_paragraph, lead),
        title_text,
        &page.meta,
        &facts.dates,
        source,
    );
    let (_, lead_body) = when::split_dateline(lead);
    let event_type = if not_readout {
        None
    } else {
        event::classify(title_text, lead_body)
    };

    // A transcript or a list of links names people, but reports no contact between them.
    let principals = if not_readout {
        Vec::new()
    } else {
        // A site's name in the markup tells the publisher as one in the text does.
        let whole: std::borrow::Cow<'_, str> = if facts.site.is_empty() {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(format!("{text}\n{}", facts.site.join("\n")))
        };
        let mut principals = lead_principals(lead_body, title_text, &whole);
        country_from_context(&mut principals, &page.paragraphs);
        name_from_body(&mut principals, &page.paragraphs, lead_at);
        principals
    };
    let requested_by = request::requester(lead_body, title_text, &principals)
        .or_else(|| {
            let opening = opening_sentences(&page.paragraphs, lead_at, lead);
            request::body_requester(&opening, &principals)
        })
        .or_else(|| message_sender(event_type, lead_body, &principals))
        .and_then(|i| named(&principals[i]));
    let attendees = attendees(&page.paragraphs, &principals);

    let mut participants: Vec<Participant> = principals
        .iter()
        .cloned()
        .map(|m| participant(m, Role::Principal))
        .collect();
    participants.extend(
        attendees
            .into_iter()
            .map(|m| participant(m, Role::Attendee)),
    );

    // A title that names the place reached ("Official visit to China") tells where, when the
    // lead does not.
    let location = location::location(lead, event_type)
        .or_else(|| location::place_reached(title_text, event_type));
    let speakers = speakers::speakers(&page.paragraphs, &participants);
    let date = when.date.map(|d| d.to_string());
    for p in &mut participants {
        if let Some(date) = date.as_deref() {
            p.inferred_name = inferred_name(p, date);
        }
        if p.title.is_none() && p.role == Role::Principal {
            p.title = office_title(p, date.as_deref());
        }
    }
    let mut events = Vec::new();
    if let Some(kind) = event_type {
        events.push(Event {
            event_type: kind,
            date: date.clone(),
            date_precision: when.precision,
            participants: participants
                .iter()
                .filter(|p| p.role == Role::Principal)
                .cloned()
                .collect(),
            requested_by: requested_by.clone(),
        });
        let (date, precision) = (events[0].date.clone(), events[0].date_precision);
        events.extend(
            later_events(&page.paragraphs, lead_at, &principals)
                .into_iter()
                .map(|mut e| {
                    // "Separately, the President also spoke with...": the same day, unless
                    // the sentence says otherwise.
                    if e.date.is_none() {
                        e.date = date.clone();
                        e.date_precision = precision;
                    }
                    e
                }),
        );
    }
    let paragraphs: Vec<Paragraph> = page
        .paragraphs
        .into_iter()
        .zip(speakers)
        .map(|(text, speakers)| Paragraph { text, speakers })
        .collect();

    let record = Record {
        schema_version: SCHEMA_VERSION,
        id,
        source: source.to_string(),
        source_bytes: None,
        title,
        date,
        date_precision: when.precision,
        date_source: when.source,
        event_type: event_type.unwrap_or(EventType::Other),
        requested_by,
        location,
        participants,
        paragraphs,
        events,
        url: facts.url.clone(),
    };
    let mut problems = problems(&record, event_type.is_some());
    if not_readout {
        problems.push(Problem::new(
            "not_a_readout",
            "looks like a transcript, briefing or list, not a readout of a contact",
        ));
    }
    (record, problems)
}

/// The lead, with the short sentence after it when that only dates it ("... received a phone
/// call from ... . On Tuesday, May 28, 2024.").
fn dated_lead<'a>(lead_paragraph: &'a str, lead: &'a str) -> std::borrow::Cow<'a, str> {
    const DATE_SENTENCE_MAX_CHARS: usize = 40;
    let rest = lead_paragraph.get(lead.len()..).unwrap_or("");
    match sentences::first_sentence(rest) {
        Some(next)
            if next.chars().count() <= DATE_SENTENCE_MAX_CHARS
                && !date::find_dates(next).is_empty() =>
        {
            std::borrow::Cow::Owned(format!("{lead} {next}"))
        }
        _ => std::borrow::Cow::Borrowed(lead),
    }
}

/// The sentences after the lead that may still say who asked: the rest of the lead's
/// paragraph and the next few paragraphs.
fn opening_sentences<'a>(paragraphs: &'a [String], lead_at: usize, lead: &str) -> Vec<&'a str> {
    const OPENING_PARAGRAPHS: usize = 4;
    const OPENING_SENTENCES: usize = 8;
    let Some(lead_paragraph) = paragraphs.get(lead_at) else {
        return Vec::new();
    };
    let rest = lead_paragraph.get(lead.len()..).unwrap_or("");
    std::iter::once(rest)
        .chain(
            paragraphs
                .iter()
                .skip(lead_at + 1)
                .take(OPENING_PARAGRAPHS - 1)
                .map(String::as_str),
        )
        .flat_map(sentences::sentences)
        .take(OPENING_SENTENCES)
        .collect()
}

/// A one-way message's sender asked for nothing, but is the one who reached out: the lead's
/// subject ("President X sent a cable of congratulations to ..."), unless messages were
/// exchanged or the subject received one.
fn message_sender(
    event_type: Option<EventType>,
    lead: &str,
    principals: &[Mention],
) -> Option<usize> {
    if event_type != Some(EventType::Message) || principals.len() < 2 {
        return None;
    }
    let lower = lead.to_lowercase();
    let two_way = [
        "exchange", "received", "receives", "reply", "replied", "from",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let subject_first = principals[0].start < principals[1].start && principals[0].start < 120;
    (!two_way && subject_first && !principals[0].name.is_empty()).then_some(0)
}

fn named(m: &Mention) -> Option<String> {
    (!m.name.is_empty()).then(|| m.name.clone())
}

/// The principals of the lead sentence: the people it names, an office it names without a
/// person ("The Prime Minister spoke to..."), counterparts named by country ("with German,
/// UK, and French counterparts"), and, when fewer than two are found, people of the title.
fn lead_principals(lead: &str, title: &str, page: &str) -> Vec<Mention> {
    let mut principals: Vec<Mention> = people::find_mentions(lead);
    // Names found by position only where titles and known names left the lead short of two
    // people: the patterns are large, and most leads title both sides.
    if dedup_by_name(principals.clone()).len() < 2 {
        for bare in people::bare_mentions(lead) {
            if !principals
                .iter()
                .any(|p| p.start < bare.end && bare.start < p.end)
            {
                principals.push(bare);
            }
        }
    }
    principals.sort_by_key(|m| m.start);
    let mut principals = dedup_by_name(principals);
    if let Some(unnamed) = people::unnamed_principal(lead, page)
        && !principals
            .iter()
            .any(|p| p.start < unnamed.end && unnamed.start < p.end || is_named_as(p, &unnamed))
    {
        principals.push(unnamed);
    }
    principals.extend(people::counterparts(lead));
    if principals.len() < 2 {
        for role in people::unnamed_by_role(lead) {
            let taken = principals
                .iter()
                .any(|p| (p.start < role.end && role.start < p.end) || p.country == role.country);
            if !taken {
                principals.push(role);
            }
        }
    }
    principals.sort_by_key(|m| m.start);
    let in_title = people::find_mentions(title);
    if principals.len() < 2 {
        for m in in_title.iter().cloned() {
            // "Prime Minister Lee" in the title is the lead's "Lee Hsien Loong".
            let same_person =
                |p: &Mention| p.name == m.name || p.name.split_whitespace().any(|w| w == m.name);
            if !principals.iter().any(same_person) {
                principals.push(Mention {
                    start: usize::MAX,
                    end: usize::MAX,
                    ..m
                });
            }
        }
    }
    fill_titles_from_title_line(&mut principals, &in_title);
    principals
}

/// Whether an office the lead names ("the President of the United States") is a person it
/// also names ("..., Joe Biden,"): the same country, and the same title or none given.
fn is_named_as(named: &Mention, office: &Mention) -> bool {
    !named.name.is_empty()
        && office.country.is_some()
        && named.country == office.country
        && (named.title.is_none() || named.title == office.title)
}

/// The country of a principal named by office alone, when neither the text's words for it nor
/// the publisher tell: the country the opening paragraphs name most often that no other
/// principal belongs to ("the importance the UK is placing on ...").
fn country_from_context(principals: &mut [Mention], paragraphs: &[String]) {
    const CONTEXT_PARAGRAPHS: usize = 5;
    if !principals
        .iter()
        .any(|p| p.name.is_empty() && p.country.is_none())
    {
        return;
    }
    let taken: Vec<String> = principals
        .iter()
        .filter_map(|p| p.country.clone())
        .collect();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for paragraph in paragraphs.iter().take(CONTEXT_PARAGRAPHS) {
        for code in people::countries_named(paragraph) {
            if taken.contains(&code) {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => *n += 1,
                None => counts.push((code, 1)),
            }
        }
    }
    let Some((best, n)) = counts.iter().max_by_key(|(_, n)| *n).cloned() else {
        return;
    };
    // A tie between two countries tells nothing.
    if counts.iter().filter(|(_, m)| *m == n).count() > 1 {
        return;
    }
    if let Some(p) = principals
        .iter_mut()
        .find(|p| p.name.is_empty() && p.country.is_none())
    {
        p.country = Some(best);
    }
}

/// A principal the lead names by office or as a counterpart ("Turkey's foreign minister met
/// his Iranian counterpart") and the body then names ("The meeting between Mevlüt Çavuşoğlu and
/// Javad Zarif"): the first person of the same country, and of the same office where both are
/// known, in the lead's paragraph and the next few.
fn name_from_body(principals: &mut [Mention], paragraphs: &[String], lead_at: usize) {
    use crate::data::office_holders::{self, Office};
    const BODY_PARAGRAPHS: usize = 4;
    if !principals
        .iter()
        .any(|p| p.name.is_empty() && p.country.is_some())
    {
        return;
    }
    let office_of = |m: &Mention| -> Option<Office> {
        match m.title.as_deref() {
            Some(t) => office_holders::office_of_title(t, m.country.as_deref()),
            None => office_holders::terms_of(&m.name).first().map(|t| t.office),
        }
    };
    for paragraph in paragraphs.iter().skip(lead_at).take(BODY_PARAGRAPHS) {
        for sentence in sentences::sentences(paragraph) {
            for m in people::find_mentions(sentence) {
                if m.name.is_empty() || principals.iter().any(|p| p.name == m.name) {
                    continue;
                }
                let Some(slot) = principals.iter_mut().find(|p| {
                    p.name.is_empty()
                        && p.country.is_some()
                        && p.country == m.country
                        && match (p.title.as_ref().and(office_of(p)), office_of(&m)) {
                            (Some(a), Some(b)) => a == b,
                            (Some(_), None) => false,
                            (None, _) => true,
                        }
                }) else {
                    continue;
                };
                slot.name = m.name;
                slot.as_written = m.as_written;
                slot.title = slot.title.take().or(m.title);
            }
        }
    }
}

/// Further contacts reported later in the document (a round-up of calls): a paragraph whose
/// first sentence names someone who is not yet a principal and a contact verb for them.
fn later_events(paragraphs: &[String], lead: usize, primary: &[Mention]) -> Vec<Event> {
    let mut events = Vec::new();
    let mut known: Vec<String> = primary.iter().map(|m| m.name.clone()).collect();
    for paragraph in paragraphs.iter().skip(lead + 1) {
        let Some(sentence) = sentences::first_sentence(paragraph) else {
            continue;
        };
        let Some(kind) = event::classify("", sentence) else {
            continue;
        };
        // "During the telephone conversation, ..." is the same contact; "Talks ... are expected to
        // take place later" is a plan.
        if refers_to_the_contact(sentence) || event::announces_only(sentence) {
            continue;
        }
        let mut mentions = dedup_by_name(people::find_mentions(sentence));
        // "congratulations on King Bhumibol's birthday": a possessive person did nothing.
        mentions.retain(|m| {
            let written = sentence.get(m.start..m.end).unwrap_or("");
            let after = sentence.get(m.end..).unwrap_or("");
            let possessive = |t: &str| t.ends_with("'s") || t.ends_with("’s");
            !(possessive(written) || after.starts_with("'s") || after.starts_with("’s"))
        });
        // "Ahmadinejad" in a later paragraph is the "Mahmoud Ahmadinejad" already known.
        for m in &mut mentions {
            if let Some(full) = known
                .iter()
                .find(|k| !m.name.contains(' ') && k.split_whitespace().any(|w| w == m.name))
            {
                m.name = full.clone();
            }
        }
        if !mentions
            .iter()
            .any(|m| !m.name.is_empty() && !known.contains(&m.name))
        {
            continue;
        }
        let mut principals = mentions;
        if principals.len() < 2
            && let Some(subject) = primary.first()
        {
            principals.insert(0, subject.clone());
        }
        let when = when::resolve(sentence, "", &[], "");
        let requested_by =
            request::requester(sentence, "", &principals).and_then(|i| named(&principals[i]));
        known.extend(principals.iter().map(|m| m.name.clone()));
        events.push(Event {
            event_type: kind,
            date: when.date.map(|d| d.to_string()),
            date_precision: when.precision,
            participants: principals
                .into_iter()
                .map(|m| participant(m, Role::Principal))
                .collect(),
            requested_by,
        });
    }
    events
}

/// Whether a sentence speaks of the contact already reported ("During the telephone
/// conversation, ...", "In the meeting, ...").
fn refers_to_the_contact(sentence: &str) -> bool {
    static THE_CONTACT: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(?:during|in|at|after|following|throughout)\s+(?:the|this|their|today's|today’s)\s+(?:\w+\s+){0,2}(?:conversation|call|meeting|talks|talk|video\s+conference|videoconference|exchange)(?-u:\b)")
            .expect("valid regex")
    });
    THE_CONTACT.is_match(sentence.trim_start())
}

/// For a principal the text names only by office ("The Prime Minister", of a UK page), the
/// office-holder on that date, from the table of office-holders.
fn inferred_name(p: &Participant, date: &str) -> Option<String> {
    use crate::data::office_holders;
    if p.name.is_some() || p.role != Role::Principal {
        return None;
    }
    let country = p.country.as_deref()?;
    let office = office_holders::office_of_title(p.title.as_deref()?, Some(country))?;
    office_holders::holder(office, country, date).map(|t| t.name.clone())
}

/// A known office-holder the text names without a title ("his US counterpart Barack Obama"):
/// the title of the office the table says the person held then (or last, without a date).
fn office_title(p: &Participant, date: Option<&str>) -> Option<String> {
    use crate::data::office_holders;
    let terms = office_holders::terms_of(p.name.as_deref()?);
    let term = match date {
        Some(date) => office_holders::term_on(&terms, date),
        None => office_holders::latest(&terms),
    }?;
    Some(term.title.clone())
}

fn participant(m: Mention, role: Role) -> Participant {
    Participant {
        name: (!m.name.is_empty()).then_some(m.name),
        as_written: (!m.as_written.is_empty()).then_some(m.as_written),
        inferred_name: None,
        title: m.title,
        country: m.country,
        role,
    }
}

/// One mention per person: a later "President Macron" or "Macron's" is the "Emmanuel Macron"
/// already named.
fn dedup_by_name(mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for m in mentions {
        let same = |o: &&mut Mention| {
            !m.name.is_empty()
                && (o.name == m.name
                    || (!m.name.contains(' ') && o.name.split_whitespace().any(|w| w == m.name))
                    || o.name.ends_with(&format!(" {}", m.name)))
        };
        match out.iter_mut().find(same) {
            Some(o) => {
                o.title = o.title.take().or(m.title);
                o.country = o.country.take().or(m.country);
            }
            None => out.push(m),
        }
    }
    out
}

/// A principal named without a title in the lead may have one in the title line.
fn fill_titles_from_title_line(principals: &mut [Mention], in_title: &[Mention]) {
    for p in principals.iter_mut() {
        if let Some(t) = in_title.iter().find(|t| t.name == p.name) {
            p.title = p.title.take().or(t.title.clone());
            p.country = p.country.take().or(t.country.clone());
        }
    }
}

/// Words that say people attended, in lower case.
const ATTENDANCE_MARKERS: [&str; 6] = [
    "attended",
    "were present",
    "was present",
    "also present",
    "accompanied",
    "were also",
];

/// Whether the text holds an attendance marker, in any case. The markers are ASCII without a
/// "k" or a final "i", so a text's lower case holds one exactly when its ASCII lower case does
/// (besides ASCII capitals, only the Kelvin sign and a dotted capital I lower-case to ASCII
/// letters): no Unicode lower-casing is needed.
fn has_attendance_marker(text: &str) -> bool {
    static FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        LazyLock::new(|| ascii::finders(&ATTENDANCE_MARKERS));
    ascii::contains_any_ignore_case(text, &FINDERS)
}

/// People said to have attended: "State Councilor Yang Jiechi and other people attended the meeting."
fn attendees(paragraphs: &[String], principals: &[Mention]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for paragraph in paragraphs.iter().skip(1) {
        // Most paragraphs name no attendees: only those with a marker are split.
        if !has_attendance_marker(paragraph) {
            continue;
        }
        for sentence in sentences::sentences(paragraph) {
            if !has_attendance_marker(sentence) {
                continue;
            }
            for m in people::find_mentions(sentence) {
                if !principals.iter().any(|p| p.name == m.name)
                    && !out.iter().any(|o| o.name == m.name)
                {
                    out.push(m);
                }
            }
        }
    }
    out
}

/// What a complete record has and this one lacks.
fn problems(record: &Record, typed: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    if record.title.is_none() {
        problems.push(Problem::new("no_title", "no title found"));
    }
    if record.paragraphs.is_empty() {
        problems.push(Problem::new("no_body", "no body text found"));
    }
    if record.date.is_none() {
        problems.push(Problem::new(
            "no_date",
            "no date found in the lead, dateline, date lines, title or path",
        ));
    }
    if !typed {
        problems.push(Problem::new(
            "no_event_type",
            "no event type recognised (meeting, call, talks, visit, message...)",
        ));
    }
    let principals = record.principals().count();
    if principals < 2 {
        problems.push(Problem::new(
            "few_principals",
            format!("fewer than two principals found ({principals})"),
        ));
    }
    for p in record.principals() {
        if p.country.is_none() {
            let who = p.name.as_deref().unwrap_or("unnamed principal");
            problems.push(Problem::new(
                "no_country",
                format!("no country found for {who}"),
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendance_markers_are_what_the_ascii_search_assumes() {
        for m in ATTENDANCE_MARKERS {
            assert!(m.is_ascii() && !m.contains('k') && !m.ends_with('i'), "{m}");
            assert_eq!(m, m.to_lowercase());
        }
    }

    #[test]
    fn an_attendance_marker_is_found_in_any_case_as_full_lower_casing_finds_it() {
        let unicode_lowercase = |text: &str| {
            let lower = text.to_lowercase();
            ATTENDANCE_MARKERS.iter().any(|m| lower.contains(m))
        };
        for text in [
            "Wang Yi also ATTENDED the talks.",
            "Officials Were Present.",
            "Ministers were  present.",
            "ACCOMPANİED by aides",
            "accompani\u{307}ed",
            "The envoy was presEnt at Ankara’s request.",
            "Nobody else came.",
            "",
        ] {
            assert_eq!(
                has_attendance_marker(text),
                unicode_lowercase(text),
                "{text}"
            );
        }
        assert!(has_attendance_marker("Wang Yi also ATTENDED the talks."));
        assert!(!has_attendance_marker("ACCOMPANİED by aides"));
    }

    fn parse(text: &str) -> Record {
        parse_text(text, "x.txt", "id".into()).0
    }

    fn principals(r: &Record) -> Vec<(Option<&str>, Option<&str>)> {
        r.principals()
            .map(|p| (p.name.as_deref(), p.country.as_deref()))
            .collect()
    }

    #[test]
    fn an_office_and_the_person_holding_it_are_one_principal() {
        let r = parse(
            "PM meeting with the President\n\nPrime Minister Rishi Sunak welcomed the President of the United States, Joe Biden, to Downing Street this morning.\n",
        );
        assert_eq!(
            principals(&r),
            [
                (Some("Rishi Sunak"), Some("GBR")),
                (Some("Joe Biden"), Some("USA"))
            ]
        );
    }

    #[test]
    fn an_unnamed_principal_takes_the_country_its_text_keeps_naming() {
        let r = parse(
            "PM call with Prime Minister Kishida: 3 May 2022\n\nThe Prime Minister spoke to Japanese Prime Minister Fumio Kishida today.\n\nThe Prime Minister set out the steps the UK is taking on energy, and the leaders agreed the UK and Japan would work together.\n",
        );
        assert_eq!(
            principals(&r),
            [(None, Some("GBR")), (Some("Fumio Kishida"), Some("JPN"))]
        );
        let unnamed = r.principals().next().unwrap();
        assert_eq!(unnamed.inferred_name.as_deref(), Some("Boris Johnson"));
    }

    #[test]
    fn a_known_office_holder_needs_no_title_for_a_country() {
        let r = parse(
            "News\n\nOn 4 March 2019, Shavkat Mirziyoyev held talks with Kassym-Jomart Tokayev in Tashkent.\n",
        );
        let countries: Vec<Option<&str>> = r.principals().map(|p| p.country.as_deref()).collect();
        assert_eq!(countries, [Some("UZB"), Some("KAZ")]);
    }

    #[test]
    fn principals_named_only_in_the_body_are_named_there() {
        let r = parse(
            "Ministers meet\n\nTurkey's foreign minister met his Iranian counterpart in Istanbul on 3 May 2019, sources said.\n\nThe meeting between Mevlüt Çavuşoğlu and Javad Zarif was held at the Dolmabahce Office.\n",
        );
        let names: Vec<Option<&str>> = r.principals().map(|p| p.name.as_deref()).collect();
        assert_eq!(
            names,
            [Some("Mevlüt Çavuşoğlu"), Some("Mohammad Javad Zarif")]
        );
        assert_eq!(r.events.len(), 1, "the body's report is the same contact");
    }

    #[test]
    fn a_sentence_about_the_same_call_is_not_another_contact() {
        assert!(refers_to_the_contact(
            "During the telephone conversation, the presidents tasked their foreign ministers Ali Demir and Tom Reed."
        ));
        assert!(!refers_to_the_contact(
            "Separately, the President spoke with Chancellor Olaf Berg."
        ));
    }
}
