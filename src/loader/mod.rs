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
pub mod pattern;
pub mod people;
pub mod request;
pub mod scrape;
pub mod sentences;
pub mod speakers;
pub mod when;

use crate::loader::pattern::Pattern;
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
    /// The record's [`crate::contacts::LinkKey`] as stored, made where records are parsed in
    /// parallel (`corpus::load`); empty until then.
    pub link_key: String,
}

/// Files larger than this are refused rather than read: no readout comes near it.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads and parses one file. `source` is the path as it will be shown to the user; `size`,
/// when known, the size the walk just found it to have.
pub fn load_file(path: &Path, size: Option<u64>, source: &str) -> Loaded {
    thread_local! {
        /// The bytes of the file being parsed on this thread: one buffer, reused.
        static BYTES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BYTES.with_borrow_mut(|bytes| {
        let loaded = match read_capped(path, size, bytes) {
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

/// Reads and parses one line of a JSON Lines scrape: `len` bytes from `offset` of `path`.
pub fn load_line(path: &Path, offset: u64, len: u64, source: &str) -> Loaded {
    match read_line(path, offset, len) {
        Ok(Ok(bytes)) => scrape::parse_line(&bytes, source),
        Ok(Err(())) => Loaded::Skipped(Problem::new(
            "too_large",
            format!(
                "line is {len} bytes, over the {} MiB limit for a readout",
                MAX_FILE_BYTES >> 20
            ),
        )),
        Err(e) => Loaded::Skipped(Problem::new("unreadable", format!("cannot read: {e}"))),
    }
}

/// The bytes of one line of a scrape, or `Err(())` when it is over [`MAX_FILE_BYTES`].
pub fn read_line(path: &Path, offset: u64, len: u64) -> std::io::Result<Result<Vec<u8>, ()>> {
    use std::io::{Read, Seek, SeekFrom};
    if len > MAX_FILE_BYTES {
        return Ok(Err(()));
    }
    let mut file = std::fs::File::open(path)?;
    file.seek(SeekFrom::Start(offset))?;
    let mut bytes = vec![0; len as usize];
    file.read_exact(&mut bytes)?;
    Ok(Ok(bytes))
}

/// The largest read buffer a parsing thread keeps between files.
const KEPT_BUFFER_BYTES: usize = 1 << 20;

/// Reads the file into `bytes`, or gives its size when that is over [`MAX_FILE_BYTES`]. A size
/// the walk found spares a `stat` of each file (the walk asked the same of the kernel a moment
/// before); without one, the size is asked of the opened file, so the path is looked up once.
/// A file that grew over the limit since the walk is caught by the read, which stops there.
fn read_capped(
    path: &Path,
    size: Option<u64>,
    bytes: &mut Vec<u8>,
) -> std::io::Result<Result<(), u64>> {
    use std::io::Read;
    bytes.clear();
    if let Some(size) = size.filter(|&size| size > MAX_FILE_BYTES) {
        return Ok(Err(size));
    }
    let file = std::fs::File::open(path)?;
    let size = match size {
        Some(size) => size,
        None => file.metadata()?.len(),
    };
    if size > MAX_FILE_BYTES {
        return Ok(Err(size));
    }
    // One byte more than the size, so the read that finds the end needs no second buffer;
    // read through `take` because `File`'s own `read_to_end` asks the file's size again.
    bytes.reserve(size as usize + 1);
    let mut file = file.take(MAX_FILE_BYTES + 1);
    file.read_to_end(bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        bytes.clear();
        return Ok(Err(file.into_inner().metadata()?.len()));
    }
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
        link_key: String::new(),
    }))
}

/// Parses an HTML page: its main content goes through the text loader, with what its markup
/// says (dates, address, site name) as further evidence. The id is the hash of the whole
/// page's normalised text, as a text file's is of its text: it does not move when the
/// extraction improves.
fn parse_html(bytes: &[u8], source: &str) -> Loaded {
    parse_html_with(bytes, source, &PageFacts::default())
}

/// [`parse_html`], with facts known from elsewhere (a scrape's fields): its dates are trusted
/// before the markup's, its address used when the markup gives none.
fn parse_html_with(bytes: &[u8], source: &str, known: &PageFacts) -> Loaded {
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
    let html::Page { text, mut facts } = html::extract(&page);
    facts.dates.splice(0..0, known.dates.iter().copied());
    if facts.url.is_none() {
        facts.url.clone_from(&known.url);
    }
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
        link_key: String::new(),
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
    event::begin_document();
    let text = normalize::typed_apostrophes(text);
    let text = normalize::capital_titles(text.as_ref());
    let text = text.as_ref();
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
    // The sentences after the lead, which the date, the requester and the place may need.
    let opening = opening_sentences(&page.paragraphs, lead_at, lead);

    let mut when = when::resolve_with(
        &dated_lead(lead_paragraph, lead),
        title_text,
        &page.meta,
        &facts.dates,
        source,
    );
    // A lead with no date of its own, and the next sentence that says which day the contact
    // was: that weekday before the page's date, not the page's date.
    if !matches!(
        when.source,
        Some(crate::record::DateSource::Lead | crate::record::DateSource::Dateline)
    ) && let Some(day) = opening
        .iter()
        .take(2)
        .find_map(|s| when::contact_weekday(s))
    {
        let on_day = when::resolve_with(
            &format!("{lead} {day}"),
            title_text,
            &page.meta,
            &facts.dates,
            source,
        );
        if on_day.date.is_some() {
            when = on_day;
        }
    }
    let (_, lead_body) = when::split_dateline(lead);
    let event_type = if not_readout {
        None
    } else {
        event::classify(title_text, lead_body).map(|kind| {
            if kind != EventType::Message {
                return kind;
            }
            // "President A has congratulated B on his re-election. B received a call from
            // A.": the medium the next sentence names decides.
            let rest = lead_paragraph.get(lead.len()..).unwrap_or("");
            sentences::first_sentence(rest)
                .and_then(|next| event::classify("", next))
                .filter(|k| matches!(k, EventType::PhoneCall | EventType::VideoCall))
                .unwrap_or(kind)
        })
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
        if principals.is_empty() {
            principals = representatives_of_named_sides(lead_body, &page.paragraphs, lead_at);
        }
        name_from_byline(&mut principals, &page.paragraphs, lead_at);
        subject_named_above(&mut principals, lead_body, &page.paragraphs, lead_at);
        country_of_the_day(&mut principals, when.date.as_ref());
        let group_contact = people::meets_diplomatic_corps(lead_body);
        country_by_surname(
            &mut principals,
            &page.paragraphs,
            when.date.as_ref(),
            group_contact,
        );
        country_of_listed_side(&mut principals, lead_body);
        country_of_delegation_head(&mut principals, lead_body);
        country_from_context(&mut principals, &page.paragraphs);
        country_of_dateline_capital(&mut principals, || {
            location::dateline_capital_country(lead).or_else(|| {
                let lines: Vec<&str> = page.meta.iter().map(|(_, l)| l.as_str()).collect();
                location::dateline_line_capital_country(page.place_line.as_deref(), &lines)
            })
        });
        country_by_office_surname(&mut principals, when.date.as_ref());
        name_from_body(&mut principals, &page.paragraphs, lead_at);
        if group_contact
            && let Some(dean) = corps_speaker(&page.paragraphs, lead_at)
            && !principals.iter().any(|p| p.name == dean.name)
        {
            principals.push(dean);
        }
        if let Some(other) = partner_from_body(&principals, &page.paragraphs) {
            principals.insert(0, other);
        }
        if let Some(head) = delegation_head_from_body(&principals, lead_body, &opening) {
            principals.push(head);
        }
        let joined = joined_principals(&principals, &opening);
        principals.extend(joined);
        principals
    };
    // An arrival's welcoming party: its head joins the principals, the others attend.
    let mut principals = principals;
    // "President X returned home ...": a welcome reported below is the homecoming.
    let homecoming = reports_homecoming(lead);
    let welcome = if !not_readout
        && matches!(
            event_type,
            Some(EventType::Visit | EventType::Meeting | EventType::Talks)
        ) {
        let sentences: Vec<&str> = std::iter::once(lead_body)
            .chain(opening.iter().copied())
            .collect();
        welcoming_party(&mut principals, &sentences, lead, homecoming)
    } else {
        Welcome::default()
    };
    let mut requested_by = request::requester(lead_body, title_text, &principals)
        .or_else(|| {
            // The lead once more when a principal is not named in it as written (it came
            // from the title), with principals placed by name: "the President called China's
            // President Hu Jintao", Obama named in the title.
            let from_elsewhere = principals
                .iter()
                .any(|p| request::locate(lead_body, p).is_none());
            let sentences: Vec<&str> = from_elsewhere
                .then_some(lead_body)
                .into_iter()
                .chain(opening.iter().copied())
                .collect();
            request::body_requester(&sentences, &principals)
        })
        .or_else(|| message_sender(event_type, lead_body, title_text, &principals))
        .and_then(|i| named(&principals[i]));
    let mut attendees = attendees(&page.paragraphs, &principals);
    for m in welcome.attendees {
        if !attendees.iter().any(|a| a.name == m.name) {
            attendees.push(m);
        }
    }

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
    // The airport of a welcome is more specific than the country or city visited.
    let location = if not_readout {
        None
    } else {
        let found = location::location(lead, event_type);
        let country = found
            .as_deref()
            .and_then(|p| crate::data::country_by_name(p.trim_start_matches("the ")));
        // The sentences after the lead are read only where the lead names no place, or names
        // a country, and the dateline only where it is needed: both run on every readout
        // otherwise.
        let stated = (found.is_none() || country.is_some())
            .then(|| location::place_stated(&opening, event_type))
            .flatten();
        let dateline_cell = std::cell::OnceCell::new();
        let dateline = || {
            dateline_cell
                .get_or_init(|| location::lead_dateline_place(lead, event_type))
                .clone()
        };
        // A country is the least specific place: "on his state visit to Australia", then
        // "called on the Prime Minister at the Australian Parliament" gives the venue;
        // "ULAANBAATAR, … on an official visit to Mongolia" the capital of the dateline.
        let lead_place = found.map(|place| {
            let Some(country) = country else {
                return place;
            };
            stated
                .clone()
                .or_else(|| {
                    dateline().filter(|_| {
                        location::dateline_capital_country(lead) == Some(country.code.as_str())
                    })
                })
                .unwrap_or(place)
        });
        match welcome.airport {
            Some(airport)
                if lead_place
                    .clone()
                    .or_else(dateline)
                    .as_deref()
                    .is_none_or(is_country_or_capital) =>
            {
                Some(airport)
            }
            _ => lead_place
                .or(stated)
                .or_else(dateline)
                .or_else(|| location::place_reached(title_text, event_type))
                .or_else(|| {
                    let lines: Vec<&str> = page.meta.iter().map(|(_, l)| l.as_str()).collect();
                    location::place_in_date_line(&lines, event_type)
                })
                .or_else(|| {
                    location::place_of_dateline_line(page.place_line.as_deref(), event_type)
                }),
        }
    };
    let speakers = speakers::speakers(&page.paragraphs, &participants);
    let date = when.date.map(|d| d.to_string());
    // "his Indian counterpart S. Jaishankar": the office implied, the person's own by the table
    // of office-holders, else the other side's.
    let host_title = participants
        .iter()
        .filter(|p| p.role == Role::Principal)
        .filter_map(|p| p.title.clone())
        .find(|t| !is_counterpart(t));
    for p in &mut participants {
        if let Some(date) = date.as_deref() {
            p.inferred_name = inferred_name(p, date);
        }
        let counterpart = p.title.as_deref().is_some_and(is_counterpart);
        if counterpart {
            p.title = None;
        }
        if p.title.is_none() && p.role == Role::Principal {
            p.title = office_title(p, date.as_deref());
        }
        if counterpart && p.title.is_none() {
            p.title = host_title.clone();
        }
    }
    let mut events = Vec::new();
    if let Some(kind) = event_type {
        let primary = Event {
            event_type: kind,
            date: date.clone(),
            date_precision: when.precision,
            participants: participants
                .iter()
                .filter(|p| p.role == Role::Principal)
                .cloned()
                .collect(),
            requested_by: requested_by.clone(),
        };
        let calls_received = event::calls_received(lead_body);
        if calls_received || event::reports_separate_contacts(lead_body) {
            events.extend(one_contact_each(primary, calls_received));
        } else {
            events.push(primary);
        }
        if requested_by.is_none() {
            requested_by = events[0].requested_by.clone();
        }
        let (date, precision) = (events[0].date.clone(), events[0].date_precision);
        events.extend(
            later_events(&page.paragraphs, lead_at, lead, &principals, homecoming)
                .into_iter()
                .map(|mut e| {
                    // "Separately, the President also spoke with...": the same day, unless
                    // the sentence says otherwise.
                    if e.date.is_none() {
                        e.date = date.clone();
                        e.date_precision = precision;
                    }
                    // An office named without its holder: the holder on that day, as for the
                    // lead's principals.
                    if let Some(day) = e.date.clone() {
                        for p in e.participants.iter_mut().filter(|p| p.name.is_none()) {
                            p.inferred_name = inferred_name(p, &day);
                        }
                    }
                    e
                })
                // A contact of another month recalled below the readout ("Recent summit
                // telephone talks: September 28, 2007 ...") is background, not news.
                .filter(|e| !far_apart(e.date.as_deref(), date.as_deref())),
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
        contact: None,
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
    title: &str,
    principals: &[Mention],
) -> Option<usize> {
    if event_type != Some(EventType::Message) || principals.len() < 2 {
        return None;
    }
    // Principals the title gave ("President X congratulated Y on ..." above a quoted
    // message) are placed by where the title names them.
    let from_title = principals[..2].iter().all(|p| p.start == usize::MAX);
    let (text, at) = if from_title {
        let at = |p: &Mention| title.find(&p.as_written).unwrap_or(usize::MAX);
        (title, [at(&principals[0]), at(&principals[1])])
    } else {
        (lead, [principals[0].start, principals[1].start])
    };
    let lower = text.to_lowercase();
    let two_way = [
        "exchange", "received", "receives", "reply", "replied", "from",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let subject_first = at[0] < at[1] && at[0] < 120;
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
    // A news agency's title in lower case ("received the Mongolian ambassador, Gonchig
    // Ganbold", "Mozambican special envoy Julio Santos paid a courtesy call on …").
    let lower_case = people::lower_case_titled(lead);
    // Names found by position only where titles and known names left the lead short of two
    // people: the patterns are large, and most leads title both sides.
    let bare = if dedup_by_name(principals.clone()).len() + lower_case.len() < 2 {
        people::bare_mentions(lead)
    } else {
        Vec::new()
    };
    for found in lower_case.into_iter().chain(bare) {
        if !principals
            .iter()
            .any(|p| p.start < found.end && found.start < p.end)
        {
            principals.push(found);
        }
    }
    // "the Minister of Foreign Affairs and Trade of Ghana, Kofi Adjeman,": a long office and
    // the name after it, which the title patterns take for an office alone; "The Foreign
    // Ministers of Peru and Chile, Ana Soto and Kenji Mori,": two of one office.
    for m in people::appositive_titled(lead)
        .into_iter()
        .chain(people::paired_office_holders(lead))
    {
        match principals
            .iter_mut()
            .find(|p| p.start < m.end && m.start < p.end)
        {
            Some(p) if p.name.is_empty() => *p = m,
            // The person found by name alone: the office before is theirs too.
            Some(p) if p.name == m.name => {
                p.start = p.start.min(m.start);
                p.title = p.title.take().or(m.title);
                p.country = p.country.take().or(m.country);
            }
            Some(_) => {}
            None => principals.push(m),
        }
    }
    principals.sort_by_key(|m| m.start);
    let mut principals = dedup_by_name(principals);
    if let Some(mut unnamed) = people::unnamed_principal(lead, page)
        && !principals
            .iter()
            .any(|p| p.start < unnamed.end && unnamed.start < p.end)
    {
        // A publisher's name found in the page may be the other side's office, named in the
        // lead ("The Prime Minister spoke to the Prime Minister of Canada ..."): the office
        // named alone is then of no country the text gives.
        let own_country = lead
            .get(unnamed.start..unnamed.end)
            .is_some_and(|office| office.contains(" of "));
        if !own_country && principals.iter().any(|p| p.country == unnamed.country) {
            unnamed.country = None;
        }
        if let Some(i) = appositive_name(lead, &unnamed, &principals) {
            // "the Chairman of the US Senate Foreign Relations Committee, Senator B": one
            // person, the named one, of the country the office's words name.
            let between = &lead[unnamed.end..principals[i].start];
            let named_there = people::countries_named(between);
            let country = unnamed.country.clone().or(match &named_there[..] {
                [only] => Some(only.clone()),
                _ => None,
            });
            principals[i].country = principals[i].country.take().or(country);
        } else if !principals.iter().any(|p| is_named_as(p, &unnamed)) {
            principals.push(unnamed);
        }
    }
    // "The Foreign Ministers of Peru and Chile, Ana Soto and Kenji Mori": a country whose
    // person is named has no unnamed one besides.
    let counterparts: Vec<Mention> = people::counterparts(lead)
        .into_iter()
        .filter(|c| {
            !principals
                .iter()
                .any(|p| !p.name.is_empty() && p.country == c.country)
        })
        .collect();
    principals.extend(counterparts);
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
    add_listed_offices(lead, &mut principals);
    principals.retain(|m| !people::is_no_side(lead, m.start));
    principals.sort_by_key(|m| m.start);
    let in_title = people::find_mentions(title);
    if principals.len() < 2 {
        for m in in_title.iter().cloned() {
            // "Prime Minister Lee" in the title is the lead's "Lee Hsien Loong", "Minister
            // Dacic" the lead's "Ivica Dacic" (canonically "Ivica Dačić"): words compared
            // without case or accents.
            let surname = crate::contacts::key::name_words(&m.name);
            let same_person = |p: &Mention| {
                p.name == m.name
                    || [&p.name, &p.as_written].into_iter().any(|n| {
                        let words = crate::contacts::key::name_words(n);
                        words == surname || words.split(' ').any(|w| w == surname)
                    })
            };
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
    merge_appositive_offices(lead, &mut principals);
    principals
}

/// "met with Richard Rakoto, the Foreign Minister of Madagascar", "…, Madagascar's Foreign
/// Minister": an office set off by a comma right after a name is that person's, not another,
/// unnamed principal.
fn merge_appositive_offices(lead: &str, principals: &mut Vec<Mention>) {
    let mut i = 0;
    while i < principals.len() {
        let office = &principals[i];
        let owner = (office.name.is_empty() && office.start != usize::MAX)
            .then(|| {
                principals.iter().position(|p| {
                    let after_name = p.end <= office.start
                        && lead.get(p.end..office.start).is_some_and(is_appositive_gap);
                    let before_name = office.end <= p.start
                        && lead.get(office.end..p.start).is_some_and(is_office_tail);
                    !p.name.is_empty() && p.end != usize::MAX && (after_name || before_name)
                })
            })
            .flatten();
        let Some(owner) = owner else {
            i += 1;
            continue;
        };
        let office = principals.remove(i);
        let person = &mut principals[if owner > i { owner - 1 } else { owner }];
        person.title = person.title.take().or(office.title);
        person.country = person.country.take().or(office.country);
    }
    // An office no pattern took for a principal: its country still tells the person's.
    for p in principals.iter_mut() {
        if p.country.is_none() && !p.name.is_empty() && p.end != usize::MAX {
            p.country = country_of_office_after(lead, p.end);
        }
    }
}

/// The one country an office set off by a comma after `end` names: ", former Foreign Minister
/// of Madagascar".
fn country_of_office_after(lead: &str, end: usize) -> Option<String> {
    let rest = lead.get(end..)?.strip_prefix(',')?;
    let clause = rest.split([',', ';', '.']).next()?;
    // The office comes first, after "the" or "former" at most: not ", who visited Madagascar".
    let office_first = clause
        .split_whitespace()
        .find(|w| !is_gap_word(w))
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    let titled = office_first
        && crate::data::TITLES
            .iter()
            .any(|t| ascii::contains_phrase_ignore_case(clause, t));
    match &people::countries_named(clause)[..] {
        [only] if titled => Some(only.clone()),
        _ => None,
    }
}

/// The rest of an office the patterns did not take, up to the comma before its holder's name:
/// "The President| of Cuba's Councils of State and Ministers, |Miguel Díaz-Canel". A few words
/// after "of" or "for", none of them an office or "the" (that would be another person's).
fn is_office_tail(gap: &str) -> bool {
    const TAIL_WORDS: usize = 8;
    let Some(tail) = gap
        .strip_prefix(" of ")
        .or_else(|| gap.strip_prefix(" for "))
        .and_then(|t| t.trim_end().strip_suffix(','))
    else {
        return false;
    };
    let words: Vec<&str> = tail.split_whitespace().collect();
    words.len() <= TAIL_WORDS
        && !tail.contains(['.', ';', ':'])
        && !words
            .iter()
            .any(|w| w.eq_ignore_ascii_case("the") || crate::data::TITLES.iter().any(|t| t == w))
}

/// The words between a name and its office: a comma, and "the", "former" and the like.
fn is_appositive_gap(gap: &str) -> bool {
    gap.trim_start()
        .strip_prefix(',')
        .is_some_and(|rest| rest.split_whitespace().all(is_gap_word))
}

/// "the", "former", "new" and the like: a word that may stand between a name and its office.
fn is_gap_word(word: &str) -> bool {
    const WORDS: [&str; 8] = [
        "the",
        "former",
        "new",
        "newly",
        "appointed",
        "outgoing",
        "incoming",
        "current",
    ];
    WORDS.iter().any(|x| word.eq_ignore_ascii_case(x))
}

/// "Pakistan and Iran held talks ... The Foreign Minister of Pakistan A and the Foreign Minister
/// of Iran B led their delegations": a lead whose sides are countries and that names no one,
/// and a sentence of the opening (the lead's paragraph, the one after it, or one before it)
/// naming one person of each of those countries, and no one else. Those people are the
/// principals (placed after the lead, which does not name them).
fn representatives_of_named_sides(
    lead: &str,
    paragraphs: &[String],
    lead_at: usize,
) -> Vec<Mention> {
    const NEAR_PARAGRAPHS_BEFORE: usize = 2;
    const NEAR_SENTENCES: usize = 6;
    let mut sides = people::countries_named(lead);
    sides.sort();
    sides.dedup();
    if sides.len() < 2 {
        return Vec::new();
    }
    let near = paragraphs
        .iter()
        .take(lead_at + 2)
        .skip(lead_at.saturating_sub(NEAR_PARAGRAPHS_BEFORE))
        .flat_map(|p| sentences::sentences(p))
        .filter(|s| !lead.contains(s))
        .take(NEAR_SENTENCES);
    for sentence in near {
        let mut named = dedup_by_name(people::find_mentions(sentence));
        // "The Chilean delegation was led by A and the Japanese delegation by B".
        for m in named.iter_mut().filter(|m| m.country.is_none()) {
            m.country = sentence
                .get(..m.start)
                .and_then(delegation_led_by)
                .and_then(|(phrase, at)| delegation_country(phrase, at));
        }
        let mut countries: Vec<&str> = named.iter().filter_map(|m| m.country.as_deref()).collect();
        countries.sort_unstable();
        countries.dedup();
        let one_of_each_side = named.len() >= 2
            && countries.len() == named.len()
            && countries.iter().all(|c| sides.iter().any(|s| s == c));
        if one_of_each_side {
            return named
                .into_iter()
                .map(|m| Mention {
                    start: usize::MAX,
                    end: usize::MAX,
                    ..m
                })
                .collect();
        }
    }
    Vec::new()
}

/// "held talks with the Qatari Emir, the Kuwaiti Crown Prince Sheikh X and Y": an office named
/// by country in a list of named people is one of them, however many the text names, unless
/// its country is already one of theirs.
fn add_listed_offices(text: &str, mentions: &mut Vec<Mention>) {
    for office in people::unnamed_by_role(text) {
        let taken = mentions
            .iter()
            .any(|p| (p.start < office.end && office.start < p.end) || p.country == office.country);
        if !taken && listed_beside(text, &office, mentions) {
            mentions.push(office);
        }
    }
}

/// Whether `office` stands in a list with a named principal: only a comma, "and" or ", and"
/// (and a "the", and the person's office) between them, on either side.
fn listed_beside(lead: &str, office: &Mention, principals: &[Mention]) -> bool {
    static SEPARATOR: Pattern = Pattern::new(|| {
        // After the comma, the next person's office and honorifics ("Kuwaiti Crown Prince
        // Sheikh") may stand before the name the mention starts at.
        regex::Regex::new(
            r"^\s*(?:,\s*(?:(?i:and)\s+)?|(?i:and)\s+)(?:(?i:the)\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+)*$",
        )
        .expect("valid regex")
    });
    principals
        .iter()
        .filter(|p| !p.name.is_empty() && p.start != usize::MAX)
        .any(|p| {
            let between = if p.start >= office.end {
                lead.get(office.end..p.start)
            } else if p.end <= office.start {
                lead.get(p.end..office.start)
            } else {
                None
            };
            between.is_some_and(|b| SEPARATOR.is_match(b))
        })
}

/// The word "counterpart" where the title patterns take it for an office.
fn is_counterpart(title: &str) -> bool {
    title.eq_ignore_ascii_case("counterpart")
}

/// Whether a sentence names a message as a thing sent: a message, letter, cable or telegram.
fn names_a_message(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    ["message", "letter", "cable", "telegram"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Whether a mention names someone not in `known`.
fn has_new_person(mentions: &[Mention], known: &[String]) -> bool {
    mentions
        .iter()
        .any(|m| !m.name.is_empty() && !known.contains(&m.name))
}

/// Whether `short` is `full` without its first words ("Ahmadinejad", "Fogh Rasmussen" of
/// "Anders Fogh Rasmussen"), or one word of it.
fn is_shorter_form(short: &str, full: &str) -> bool {
    if short.is_empty() || short == full {
        return false;
    }
    if !short.contains(' ') {
        return full.split_whitespace().any(|w| w == short);
    }
    full.strip_suffix(short)
        .is_some_and(|rest| rest.ends_with(' '))
}

/// One event per counterpart of a lead that met or called several separately ("received the
/// ambassadors of Canada, Australia and Russia, separately"): the first principal, the host,
/// with each of the others. Who asked stays with the first contact, unless the others all
/// called the host ("received telephone calls from A; B; and C"): then each called.
fn one_contact_each(primary: Event, others_called: bool) -> Vec<Event> {
    let Some((host, others)) = primary.participants.split_first() else {
        return vec![primary];
    };
    if others.len() < 2 {
        return vec![primary];
    }
    others
        .iter()
        .enumerate()
        .map(|(i, other)| Event {
            event_type: primary.event_type,
            date: primary.date.clone(),
            date_precision: primary.date_precision,
            participants: vec![host.clone(), other.clone()],
            requested_by: if others_called {
                other.name.clone()
            } else {
                primary.requested_by.clone().filter(|_| i == 0)
            },
        })
        .collect()
}

/// A sentence after the lead, in its paragraph, that tells of a further contact: "He also
/// spoke to ...", "Separately, ...", "Later, ...".
fn announces_another_contact(sentence: &str) -> bool {
    let opening = |w: &str| {
        sentence
            .get(..w.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(w))
    };
    sentence.contains(" also ")
        || [
            "Separately",
            "Later",
            "Afterwards",
            "Subsequently",
            "In addition",
        ]
        .iter()
        .any(|w| opening(w))
}

/// Whether a text reports further senders of a message (`similar_messages.txt`). Every
/// paragraph after the lead is asked: a byte search for the phrases' first words' common part
/// ("imilar", "dentical") rules out almost all of them before the phrases are looked for.
fn reports_similar_messages(text: &str) -> bool {
    static PARTS: LazyLock<[memchr::memmem::Finder<'static>; 2]> = LazyLock::new(|| {
        [
            memchr::memmem::Finder::new("imilar"),
            memchr::memmem::Finder::new("dentical"),
        ]
    });
    PARTS.iter().any(|f| f.find(text.as_bytes()).is_some())
        && crate::data::SIMILAR_MESSAGES
            .iter()
            .any(|w| ascii::contains_phrase_ignore_case(text, w))
}

/// Whether two full dates are more than a week apart.
fn far_apart(a: Option<&str>, b: Option<&str>) -> bool {
    let day = |d: Option<&str>| {
        let mut parts = d?.splitn(3, '-').map(|p| p.parse::<i32>().ok());
        let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
        let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
        time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
    };
    match (day(a), day(b)) {
        (Some(a), Some(b)) => (a - b).whole_days().abs() > 7,
        _ => false,
    }
}

/// Whether an office the lead names ("the President of the United States") is a person it
/// also names ("..., Joe Biden,"): the same country, and the same title or none given.
/// The named principal that an office named alone stands beside as its name: only the office's
/// own words and one comma between ("the Chairman of the Senate Foreign Relations Committee,
/// Senator B"). None when anything else comes between: another person, a verb's "with" or
/// "to", an "and" of a list, or a sentence's end.
fn appositive_name(lead: &str, office: &Mention, principals: &[Mention]) -> Option<usize> {
    const LONGEST_OFFICE_WORDS: usize = 120;
    let i = principals.iter().position(|p| p.start >= office.end)?;
    if principals[i].name.is_empty() {
        return None;
    }
    let between = lead.get(office.end..principals[i].start)?;
    let words = between.trim_end().strip_suffix(',')?;
    let joins_another = words.split_whitespace().any(|w| {
        ["and", "with", "to", "&"]
            .iter()
            .any(|j| w.eq_ignore_ascii_case(j))
    });
    (between.len() <= LONGEST_OFFICE_WORDS && !words.contains([',', ';', '.']) && !joins_another)
        .then_some(i)
}

fn is_named_as(named: &Mention, office: &Mention) -> bool {
    !named.name.is_empty()
        && office.country.is_some()
        && named.country == office.country
        && (named.title.is_none() || named.title == office.title)
}

/// The one principal left without a country, on a readout datelined in a capital whose
/// country (`dateline_country`) no other principal has ("Amman, 18 June 2020 – His Majesty King
/// Abdullah received a phone call from Bahraini King Hamad"): the home side, the capital's
/// country.
fn country_of_dateline_capital<'a>(
    principals: &mut [Mention],
    dateline_country: impl FnOnce() -> Option<&'a str>,
) {
    // An organisation's official has no country to give ("the Secretary General of the
    // Commonwealth"): the one other principal without one is the dateline's.
    let left: Vec<usize> = (0..principals.len())
        .filter(|&i| {
            principals[i].country.is_none()
                && !is_organisation_office(principals[i].title.as_deref())
        })
        .collect();
    let [i] = left[..] else { return };
    // A known head of an organisation has no country.
    if !principals[i].name.is_empty()
        && !crate::data::office_holders::terms_of(&principals[i].name).is_empty()
    {
        return;
    }
    let Some(code) = dateline_country() else {
        return;
    };
    if principals
        .iter()
        .any(|p| p.country.as_deref() == Some(code))
    {
        return;
    }
    principals[i].country = Some(code.to_string());
}

/// "President Mnangagwa" in a text that names only the country he visits, and no other rule
/// gave a country: the one country whose holders of that office bore the family name. Last,
/// since a name is weaker evidence than the text's words or its dateline.
fn country_by_office_surname(principals: &mut [Mention], date: Option<&impl std::fmt::Display>) {
    use crate::data::office_holders;
    let date = date.map(|d| d.to_string());
    for p in principals
        .iter_mut()
        .filter(|p| !p.name.is_empty() && p.country.is_none())
    {
        // A family name alone ("President Mnangagwa"), or the whole name a holder bore: "Ana
        // Soto" is not Guillermo Fernández de Soto.
        let name = p.name.as_str();
        let office = p
            .title
            .as_deref()
            .and_then(|t| office_holders::office_of_title(t, None));
        if let Some(office) = office
            && let [only] =
                office_holders::countries_of_office_surname(name, office, date.as_deref())[..]
        {
            p.country = Some(only.to_string());
        }
    }
}

/// A known person who held office for more than one country or organisation (Josep Borrell,
/// Spain's foreign minister and then the EU's High Representative; Ban Ki-moon, Korea's and
/// then the UN's) belongs, on the contact's date, to the one they served then: an
/// organisation's head has no country. Without a date, or with a date no term covers, the
/// country stays as found.
fn country_of_the_day(principals: &mut [Mention], date: Option<&impl std::fmt::Display>) {
    use crate::data::office_holders;
    let Some(date) = date.map(|d| d.to_string()) else {
        return;
    };
    for p in principals.iter_mut().filter(|p| !p.name.is_empty()) {
        let terms = office_holders::terms_of(&p.name);
        let Some(first) = terms.first() else { continue };
        let several = terms.iter().any(|t| t.country != first.country);
        // Only a country the table gave (one of the person's own) is replaced.
        let from_table = terms.iter().any(|t| t.country == p.country);
        if !several || !from_table {
            continue;
        }
        if let Some(term) = office_holders::term_on(&terms, &date) {
            p.country = term.country.clone();
        }
    }
}

/// The country of a principal named without one ("Minister Pandor held talks with her
/// counterpart ... relations between South Africa and Equatorial Guinea"): of the countries the
/// opening paragraphs name, the one whose office-holder then bears the principal's family name;
/// then, when one principal is left without a country and the others have one, the country
/// the opening names that no other principal belongs to, if only one is.
fn country_by_surname(
    principals: &mut [Mention],
    paragraphs: &[String],
    date: Option<&impl std::fmt::Display>,
    group_contact: bool,
) {
    const CONTEXT_PARAGRAPHS: usize = 3;
    if !principals
        .iter()
        .any(|p| !p.name.is_empty() && p.country.is_none())
    {
        return;
    }
    let named: Vec<String> = countries_in_opening(paragraphs, CONTEXT_PARAGRAPHS)
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    let date = date.map(|d| d.to_string());
    for p in principals.iter_mut() {
        if p.name.is_empty() || p.country.is_some() {
            continue;
        }
        // "Ts.Elbegdorj": the family name follows a glued initial.
        let Some(surname) = p.name.split([' ', '.']).rfind(|w| !w.is_empty()) else {
            continue;
        };
        if let [only] =
            crate::data::office_holders::countries_of_surname(surname, &named, date.as_deref())[..]
        {
            p.country = Some(only.to_string());
        }
    }
    // With the diplomatic corps as the other side, the countries named are its embassies'.
    if group_contact {
        return;
    }
    let left: Vec<usize> = (0..principals.len())
        .filter(|&i| principals[i].country.is_none())
        .collect();
    let [i] = left[..] else { return };
    // A known head of an organisation has no country; a known person has the table's.
    let known = !crate::data::office_holders::terms_of(&principals[i].name).is_empty();
    if principals[i].name.is_empty() || principals.len() < 2 || known {
        return;
    }
    let untaken: Vec<&String> = named
        .iter()
        .filter(|c| !principals.iter().any(|p| p.country.as_ref() == Some(*c)))
        .collect();
    if let [only] = untaken[..] {
        principals[i].country = Some(only.clone());
    }
}

/// What an arrival's welcoming party adds to a record.
#[derive(Default)]
struct Welcome {
    /// The party but its head, who is a principal.
    attendees: Vec<Mention>,
    /// The airport named where the party is, or in the sentences around it.
    airport: Option<String>,
}

/// An arrival's welcoming party ([`people::welcoming_party`]) in the first of `sentences` (the
/// lead, then those after it) that tells of one: its head joins the principals, of the host
/// country when its title names none; the others attend. Nothing when the lead already names
/// three principals or more (a summit's arrival, where the welcome is a detail).
fn welcoming_party(
    principals: &mut Vec<Mention>,
    sentences: &[&str],
    lead: &str,
    homecoming: bool,
) -> Welcome {
    let mut welcome = Welcome::default();
    // A welcome below "President X returned home" is the homecoming: neither a contact nor
    // the place of the visit.
    if homecoming {
        return welcome;
    }
    let Some((sentence, (party, airport))) = sentences
        .iter()
        .find_map(|s| people::welcoming_party(s).map(|w| (*s, w)))
    else {
        return welcome;
    };
    welcome.airport = airport.or_else(|| sentences.iter().find_map(|s| people::airport(s)));
    if principals.len() >= 3 {
        return welcome;
    }
    let visitor = principals.first().and_then(|p| p.country.clone());
    for (i, m) in party.into_iter().enumerate() {
        if principals.iter().any(|p| p.name == m.name) {
            continue;
        }
        let mut m = Mention {
            start: usize::MAX,
            end: usize::MAX,
            ..m
        };
        if i == 0 {
            if m.country.is_none() {
                m.country = host_country(&[sentence, lead], visitor.as_deref());
            }
            principals.push(m);
        } else {
            welcome.attendees.push(m);
        }
    }
    welcome
}

/// The country a welcome took place in: the first country the texts name, by a capital city,
/// a name or an adjective, that is not the visitor's.
fn host_country(texts: &[&str], visitor: Option<&str>) -> Option<String> {
    for text in texts {
        let mut found: Vec<(usize, String)> = people::countries_named_at(text);
        for (city, code) in crate::data::CAPITALS.iter() {
            if let Some(at) = text.find(city.as_str()) {
                found.push((at, code.clone()));
            }
        }
        found.sort();
        if let Some((_, code)) = found.into_iter().find(|(_, c)| Some(c.as_str()) != visitor) {
            return Some(code);
        }
    }
    None
}

/// Whether a place is only a country or a capital, less specific than a building or airport.
fn is_country_or_capital(place: &str) -> bool {
    let place = place.trim_start_matches("the ");
    crate::data::country_by_name_or_adjective(place).is_some()
        || crate::data::CAPITALS.iter().any(|(city, _)| city == place)
}

/// The diplomatic corps' spokesperson, named in the body of a readout of a contact with the
/// corps ("Dean of the Diplomatic Corps NAME, Ambassador of X, noted ..."): the person who
/// speaks for the other side, a principal.
fn corps_speaker(paragraphs: &[String], lead_at: usize) -> Option<Mention> {
    const BODY_PARAGRAPHS: usize = 10;
    paragraphs
        .iter()
        .skip(lead_at)
        .take(BODY_PARAGRAPHS)
        .filter(|p| {
            let lower = p.to_lowercase();
            crate::data::GROUP_SPEAKERS
                .iter()
                .any(|t| lower.contains(&t.to_lowercase()))
        })
        .flat_map(|p| sentences::sentences(p))
        .find_map(people::group_speaker)
}

/// The other side of a contact whose lead names one person ("Telephone conversation with the
/// President of Uzbekistan Shavkat Mirziyoyev", on the site of the leader who called): a
/// person the body pairs with that principal ("Nursultan Nazarbayev and Shavkat Mirziyoyev
/// exchanged compliments"), known by the table or titled.
fn partner_from_body(principals: &[Mention], paragraphs: &[String]) -> Option<Mention> {
    const BODY_PARAGRAPHS: usize = 8;
    let [only] = principals else { return None };
    if only.name.is_empty() {
        return None;
    }
    let same = |m: &Mention| m.name == only.name || is_shorter_form(&m.name, &only.name);
    for paragraph in paragraphs.iter().take(BODY_PARAGRAPHS) {
        for sentence in sentences::sentences(paragraph) {
            let mentions = dedup_by_name(people::find_mentions(sentence));
            let [a, b] = &mentions[..] else { continue };
            let (first, second) = (a.start.min(b.start), a.end.max(b.end));
            let joined = sentence
                .get(first..second)
                .is_some_and(|s| s.contains(" and "));
            let other = match (same(a), same(b)) {
                (true, false) => b,
                (false, true) => a,
                _ => continue,
            };
            if joined
                && (other.country.is_some() || other.title.is_some())
                && !people::is_no_side(sentence, other.start)
            {
                return Some(Mention {
                    start: usize::MAX,
                    end: usize::MAX,
                    ..other.clone()
                });
            }
        }
    }
    None
}

/// "The three Presidents, together with Prime Minister D, held talks": people an opening
/// sentence joins to the principals named as a group, in a sentence that reports the contact,
/// are principals too (those listed after the joining phrase with only commas and "and"
/// between them). Known principals, and possessives, are not added again.
fn joined_principals(principals: &[Mention], opening: &[&str]) -> Vec<Mention> {
    static GROUP_JOINED: Pattern = Pattern::new(|| {
        regex::Regex::new(&format!(
            r"(?i)^(?:the|both|all)\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten)\s+)?(?:leaders|presidents|prime\s+ministers|heads\s+of\s+state(?:\s+and\s+government)?|foreign\s+ministers|ministers|sides)\s*,?\s+(?:{})(?-u:\b)",
            people::spaced_alternation(&crate::data::JOINED_BY)
        ))
        .expect("valid regex")
    });
    let mut out: Vec<Mention> = Vec::new();
    if principals.len() < 2 {
        return out;
    }
    for sentence in opening {
        let Some(join) = GROUP_JOINED.find(sentence.trim_start()) else {
            continue;
        };
        let sentence = sentence.trim_start();
        // "held cordial and fruitful talks": words between the verb and the contact.
        let tells_contact = event::classify("", sentence).is_some()
            || sentence
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w, "talks" | "met" | "meeting" | "discussed" | "conferred"));
        if !tells_contact {
            continue;
        }
        let mut end = join.end();
        for m in people::find_mentions(sentence) {
            if m.start < end {
                continue;
            }
            let gap = sentence.get(end..m.start).unwrap_or("");
            let gap = gap.trim().trim_start_matches(',').trim();
            if !(gap.is_empty() || gap == "and") {
                break;
            }
            end = m.end;
            if !m.name.is_empty()
                && !is_possessive(sentence, &m)
                && !is_a_principal(&m, principals)
                && !out.iter().any(|o| o.name == m.name)
            {
                out.push(Mention {
                    start: usize::MAX,
                    end: usize::MAX,
                    ..m
                });
            }
        }
    }
    out
}

/// "President A, Speaker of Parliament B, Prime Minister C and Foreign Minister D received ...":
/// people listed together (three or more), with nothing but commas and "and" between them, are
/// one side: those without a country take the one that two or more of the others share and
/// none contradicts.
fn country_of_listed_side(principals: &mut [Mention], lead: &str) {
    let mut order: Vec<usize> = (0..principals.len())
        .filter(|&i| principals[i].end <= lead.len())
        .collect();
    order.sort_by_key(|&i| principals[i].start);
    let joined = |a: &Mention, b: &Mention| {
        lead.get(a.end..b.start).is_some_and(|gap| {
            let gap = gap.trim().trim_start_matches(',').trim();
            gap.is_empty() || gap == "and"
        })
    };
    // Runs of listed people, as indexes into `principals`.
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if k > 0 && joined(&principals[order[k - 1]], &principals[i]) => run.push(i),
            _ => runs.push(vec![i]),
        }
    }
    for run in runs.into_iter().filter(|r| r.len() >= 3) {
        let countries: Vec<&String> = run
            .iter()
            .filter_map(|&i| principals[i].country.as_ref())
            .collect();
        let Some(first) = countries.first().copied() else {
            continue;
        };
        if countries.len() < 2 || countries.iter().any(|c| *c != first) {
            continue;
        }
        let first = first.clone();
        for &i in &run {
            principals[i].country.get_or_insert_with(|| first.clone());
        }
    }
}

/// "received a delegation from Chile led by Minister X", "a Chilean delegation headed by X":
/// X, of no stated country, is of the delegation's.
fn country_of_delegation_head(principals: &mut [Mention], lead: &str) {
    if !lead.contains("delegation") {
        return;
    }
    for p in principals
        .iter_mut()
        .filter(|p| !p.name.is_empty() && p.country.is_none() && p.end <= lead.len())
    {
        if let Some((phrase, at)) = lead.get(..p.start).and_then(delegation_led_by) {
            p.country = delegation_country(phrase, at);
        }
    }
}

/// "The minister told the delegation, led by Vice President of the Czech Senate, Ivo Barek,
/// that …": the head of the delegation a one-sided lead received ("received a delegation from
/// the Czech Senate"), named in the sentences after it, is the other principal, of the
/// delegation's country when the head's office names none.
fn delegation_head_from_body(
    principals: &[Mention],
    lead: &str,
    opening: &[&str],
) -> Option<Mention> {
    let [only] = principals else { return None };
    let at = lead.find("delegation")?;
    // A head the lead named is a principal already.
    if only.end != usize::MAX && only.start > at {
        return None;
    }
    for sentence in opening.iter().filter(|s| s.contains("delegation")) {
        let mut mentions = people::find_mentions(sentence);
        mentions.extend(people::appositive_titled(sentence));
        for m in mentions {
            if m.name.is_empty() || m.name == only.name {
                continue;
            }
            let Some((phrase, head_at)) = sentence.get(..m.start).and_then(delegation_led_by)
            else {
                continue;
            };
            let country = m
                .country
                .clone()
                .or_else(|| delegation_country(phrase, head_at))
                .or_else(|| delegation_country(lead, at));
            return Some(Mention {
                start: usize::MAX,
                end: usize::MAX,
                country,
                ..m
            });
        }
    }
    None
}

/// The text before a person when it ends by naming them a delegation's head ("a delegation
/// from Chile led by", "the delegation, headed by the"; `delegation_heads.txt`; or only "by"
/// where a list leaves the verb out: "and the Japanese delegation by"): that text up to the
/// head words, and where its last "delegation" is.
fn delegation_led_by(before: &str) -> Option<(&str, usize)> {
    let before = before.trim_end();
    let before = before.strip_suffix(" the").unwrap_or(before);
    let phrase = crate::data::DELEGATION_HEADS
        .iter()
        .find_map(|head| before.strip_suffix(head.as_str()))
        .or_else(|| {
            before
                .strip_suffix(" by")
                .filter(|p| p.ends_with("delegation"))
        })?;
    let phrase = phrase.trim_end().trim_end_matches(',');
    Some((phrase, phrase.rfind("delegation")?))
}

/// The one country the noun phrase of the delegation at `at` names: from its article ("a
/// high-level Chilean delegation", "the delegation from the Senate of Chile") to the first
/// word that ends it ("for talks", "led by", a comma).
fn delegation_country(text: &str, at: usize) -> Option<String> {
    const PHRASE_BEFORE: usize = 60;
    const PHRASE_ENDS: [&str; 12] = [
        ",", ".", " for ", " to ", " on ", " led ", " headed ", " under ", " who ", " which ",
        " that ", " at ",
    ];
    let mut from = at.saturating_sub(PHRASE_BEFORE);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    // The article may open the text: "The Chilean delegation was led by …".
    let opening =
        (from == 0 && ["The ", "A ", "An "].iter().any(|a| text.starts_with(a))).then_some(0);
    let article = [" a ", " an ", " the ", " his ", " her "]
        .iter()
        .filter_map(|a| text[from..at].rfind(a).map(|i| from + i))
        .max()
        .or(opening)?;
    let after = at + "delegation".len();
    let end = PHRASE_ENDS
        .iter()
        .filter_map(|w| text[after..].find(w).map(|i| after + i))
        .min()
        .unwrap_or(text.len());
    match &people::countries_named(&text[article..end])[..] {
        [code] => Some(code.clone()),
        _ => None,
    }
}

/// The countries the first `take` paragraphs name, each with how often, in order of first
/// naming.
fn countries_in_opening(paragraphs: &[String], take: usize) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for code in paragraphs
        .iter()
        .take(take)
        .flat_map(|p| people::countries_named(p))
    {
        match counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code, 1)),
        }
    }
    counts
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
    let counts: Vec<(String, usize)> = countries_in_opening(paragraphs, CONTEXT_PARAGRAPHS)
        .into_iter()
        .filter(|(code, _)| !taken.contains(code))
        .collect();
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
        .filter(|p| !is_organisation_office(p.title.as_deref()))
    {
        p.country = Some(best);
    }
}

/// A lead that names its subject only by a pronoun ("He held a face-to-face meeting with
/// Canadian Ambassador X") or by one word of the name ("Rabuka made the comment following a
/// meeting with Australian Prime Minister X", "In a Facebook post, Anwar said … during a
/// telephone call"), in a story that named that person with an office in an earlier paragraph
/// ("Prime Minister Sitiveni Rabuka has stated …"): that person is a principal.
fn subject_named_above(
    principals: &mut Vec<Mention>,
    lead_body: &str,
    paragraphs: &[String],
    lead_at: usize,
) {
    if principals.len() >= 2 {
        return;
    }
    let above = &paragraphs[..lead_at.min(paragraphs.len())];
    let pronoun = ["He ", "She "]
        .iter()
        .any(|p| lead_body.trim_start().starts_with(p));
    let mut named = above
        .iter()
        .flat_map(|p| people::find_mentions(p))
        .filter(|m| {
            // Nor one a principal already names by a word of it ("Widodo" of "Joko Widodo").
            !m.name.is_empty()
                && !is_a_principal(m, principals)
                && !principals.iter().any(|p| is_shorter_form(&p.name, &m.name))
        });
    let subject = if pronoun {
        named.next().map(|m| (0, m))
    } else {
        named
            .filter(|m| m.title.is_some())
            .find_map(|m| Some((request::locate(lead_body, &m)?.0, m)))
    };
    if let Some((at, subject)) = subject {
        let before = principals.iter().filter(|p| p.start < at).count();
        principals.insert(before, subject);
    }
}

/// A principal the lead names by office alone ("The Secretary-General met …") whose page names
/// the office's holder in a byline above the lead ("António Guterres, Secretary-General",
/// "Ban Ki-Moon, Former Secretary-General": a site lists its past holders so; "Secretary-General
/// Ban Ki-moon"): the byline's name, as the table of known people spells it where it has the
/// person.
fn name_from_byline(principals: &mut [Mention], paragraphs: &[String], lead_at: usize) {
    use crate::data::office_holders::fold_name;
    const BYLINE_WORDS: usize = 8;
    let above = &paragraphs[..lead_at.min(paragraphs.len())];
    for p in principals.iter_mut().filter(|p| p.name.is_empty()) {
        let Some(title) = p.title.as_deref() else {
            continue;
        };
        let office = fold_name(title);
        let byline = above.iter().find_map(|line| {
            if line.split_whitespace().nth(BYLINE_WORDS).is_some() {
                return None;
            }
            // "NAME, [Former] OFFICE"
            let after_comma = line.split_once(", ").and_then(|(name, held)| {
                let held = held.trim();
                let held = held
                    .strip_prefix("Former ")
                    .or_else(|| held.strip_prefix("former "))
                    .unwrap_or(held);
                (fold_name(held) == office).then_some(name.trim())
            });
            // "OFFICE NAME"
            let after_office = || {
                let words: Vec<(usize, &str)> = line
                    .split_whitespace()
                    .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
                    .collect();
                (1..words.len()).find_map(|k| {
                    let head = &line[..words[k].0];
                    (fold_name(head) == office).then(|| line[words[k].0..].trim())
                })
            };
            after_comma
                .or_else(after_office)
                .filter(|name| people::plausible_bare_name(name))
        });
        if let Some(name) = byline {
            p.name = people::known_person(name).map_or_else(|| name.to_string(), |(n, _)| n);
            p.as_written = name.to_string();
        }
    }
}

/// Whether a title is only ever an international organisation's office ("Secretary-General",
/// "High Representative", `office_titles.tsv`): its holder has no country, and the countries a
/// text discusses ("the situation in Syria") are not the holder's.
fn is_organisation_office(title: Option<&str>) -> bool {
    use crate::data::office_holders::{Office, office_of_title};
    title.is_some_and(|t| office_of_title(t, None) == Some(Office::OrgHead))
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
    // A page's date lines and photo captions between the paragraphs are not its body.
    let body = paragraphs
        .iter()
        .skip(lead_at)
        .filter(|p| focus::is_sentence(p) && !focus::is_caption(p))
        .take(BODY_PARAGRAPHS);
    for paragraph in body {
        for sentence in sentences::sentences(paragraph) {
            // "The meeting between A and B was also attended by C": C is not who met.
            let attendance = attendance_marker_at(sentence).unwrap_or(usize::MAX);
            let mut mentions = people::find_mentions(sentence);
            // "During the meeting with Peruvian ambassador Luis Quispe": a news agency's
            // title in lower case, read only where a principal is still unnamed.
            if principals.iter().any(|p| p.name.is_empty()) {
                for m in people::lower_case_titled(sentence) {
                    if !mentions.iter().any(|o| o.start < m.end && m.start < o.end) {
                        mentions.push(m);
                    }
                }
                mentions.sort_by_key(|m| m.start);
            }
            for m in mentions {
                // "the importance of Vladimir Putin's visit": a possessive person did nothing.
                if m.name.is_empty()
                    || m.start >= attendance
                    || is_possessive(sentence, &m)
                    || people::is_no_side(sentence, m.start)
                    || principals.iter().any(|p| p.name == m.name)
                {
                    continue;
                }
                // "President Cavaco Silva" of no stated country is the unnamed President of
                // Portugal when a President of Portugal bore that family name.
                // "Foreign Minister Kwame Mensah" of no stated country is the unnamed Minister of
                // Foreign Affairs of the lead when no other unnamed principal holds that office.
                let office = m.title.as_ref().and(office_of(&m));
                let sole_holder = office.is_some()
                    && principals
                        .iter()
                        .filter(|p| {
                            p.name.is_empty() && p.title.is_some() && office_of(p) == office
                        })
                        .count()
                        == 1;
                let of_country = |p: &Mention| match (&p.country, &m.country) {
                    (Some(a), Some(b)) => a == b,
                    (Some(a), None) => {
                        sole_holder
                            || !office_holders::countries_of_surname(
                                &m.name,
                                std::slice::from_ref(a),
                                None,
                            )
                            .is_empty()
                    }
                    (None, _) => false,
                };
                let Some(slot) = principals.iter_mut().find(|p| {
                    p.name.is_empty()
                        && of_country(p)
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
fn later_events(
    paragraphs: &[String],
    lead_at: usize,
    lead: &str,
    primary: &[Mention],
    homecoming: bool,
) -> Vec<Event> {
    let mut events = Vec::new();
    let mut known: Vec<String> = primary.iter().map(|m| m.name.clone()).collect();
    // The lead's paragraph goes on with another contact only where it says so ("He also
    // spoke to German Chancellor Angela Merkel."); a later paragraph may open with one.
    let in_lead_paragraph = paragraphs
        .get(lead_at)
        .map(|p| sentences::sentences(p))
        .unwrap_or_default()
        .into_iter()
        .skip_while(|s| !lead.is_empty() && !s.contains(lead) && !lead.contains(*s))
        .skip(1)
        .filter(|s| announces_another_contact(s));
    // A later paragraph's first sentence, and any of its sentences that reports further
    // senders ("The Crown Prince and the Prime Minister sent similar cables").
    let openings = paragraphs.iter().skip(lead_at + 1).flat_map(|p| {
        let first = sentences::first_sentence(p);
        let all = if reports_similar_messages(p) {
            sentences::sentences(p)
        } else {
            Vec::new()
        };
        let similar = all
            .into_iter()
            .skip(1)
            .filter(|s| reports_similar_messages(s));
        first.into_iter().chain(similar)
    });
    for sentence in in_lead_paragraph.chain(openings) {
        let Some(kind) = event::classify("", sentence) else {
            continue;
        };
        // "The Prime Minister arrived back home ... On landing, she was greeted by the Deputy
        // Prime Minister": the homecoming, not another contact.
        if homecoming && people::welcoming_party(sentence).is_some() {
            continue;
        }
        // "During the telephone conversation, ..." is the same contact; "Talks ... are expected to
        // take place later" is a plan; "congratulated President X for convening the summit" or
        // "reiterated his condolences" in the body is what was said, not a message sent.
        if refers_to_the_contact(sentence)
            || event::announces_only(sentence)
            || (kind == EventType::Message && !names_a_message(sentence))
        {
            continue;
        }
        // "Ahmadinejad" or "Mr. Fogh Rasmussen" in a later paragraph is the "Mahmoud
        // Ahmadinejad" or "Anders Fogh Rasmussen" already known.
        let as_known = |mut m: Mention| {
            if let Some(full) = known.iter().find(|k| is_shorter_form(&m.name, k)) {
                m.name = full.clone();
            }
            m
        };
        let mut mentions: Vec<Mention> = dedup_by_name(people::find_mentions(sentence))
            .into_iter()
            .map(as_known)
            .collect();
        // "Later, Prince Charles met with Speaker of the Majlis Sheikh ...": names the
        // sentence's shape gives, where no title pattern gives a new one.
        if !has_new_person(&mentions, &known) {
            for bare in people::bare_mentions(sentence) {
                if !mentions
                    .iter()
                    .any(|m| m.start < bare.end && bare.start < m.end)
                {
                    mentions.push(as_known(bare));
                }
            }
            mentions.sort_by_key(|m| m.start);
        }
        // "congratulations on King Bhumibol's birthday": a possessive person did nothing;
        // "... also attended by C": C did not meet anyone.
        let attendance = attendance_marker_at(sentence).unwrap_or(usize::MAX);
        mentions.retain(|m| m.start < attendance);
        mentions.retain(|m| !is_possessive(sentence, m));
        if !has_new_person(&mentions, &known) {
            continue;
        }
        add_listed_offices(sentence, &mut mentions);
        mentions.sort_by_key(|m| m.start);
        let mut principals = mentions;
        if principals.len() < 2
            && let Some(subject) = primary.first()
        {
            principals.insert(0, subject.clone());
        }
        // "the Qatari Emir" of a later contact is the "Qatari Emir Sheikh Hamad ..." the
        // body named, as for the lead's offices.
        name_from_body(&mut principals, paragraphs, lead_at);
        let when = when::resolve(sentence, "", &[], "");
        known.extend(principals.iter().map(|m| m.name.clone()));
        let event = |people: Vec<Mention>, requested_by| Event {
            event_type: kind,
            date: when.date.map(|d| d.to_string()),
            date_precision: when.precision,
            participants: people
                .into_iter()
                .map(|m| participant(m, Role::Principal))
                .collect(),
            requested_by,
        };
        // "The Crown Prince and the Prime Minister sent similar cables": each a sender of the
        // lead's message to its recipients, not a contact between the two.
        if kind == EventType::Message && reports_similar_messages(sentence) {
            let recipients = primary.get(1..).unwrap_or_default();
            for sender in principals.iter().filter(|m| !m.name.is_empty()) {
                let people = std::iter::once(sender).chain(recipients).cloned().collect();
                events.push(event(people, named(sender)));
            }
            continue;
        }
        let requested_by = request::requester(sentence, "", &principals)
            .or_else(|| message_sender(Some(kind), sentence, "", &principals))
            .and_then(|i| named(&principals[i]));
        events.push(event(principals, requested_by));
    }
    events
}

/// Whether a lead reports a principal coming back home from a trip (`homecoming.txt`).
fn reports_homecoming(lead: &str) -> bool {
    static HOME: Pattern = Pattern::new(|| {
        let phrases = people::spaced_alternation(&crate::data::HOMECOMING);
        regex::Regex::new(&format!(r"(?i)\b(?:{phrases})\b")).expect("valid regex")
    });
    HOME.is_match(lead)
}

/// Whether a mention is a possessive ("King Bhumibol's birthday"): someone spoken of, not
/// someone who met.
fn is_possessive(sentence: &str, m: &Mention) -> bool {
    let written = sentence.get(m.start..m.end).unwrap_or("");
    let after = sentence.get(m.end..).unwrap_or("");
    let possessive = |t: &str| t.ends_with("'s") || t.ends_with("’s");
    possessive(written) || after.starts_with("'s") || after.starts_with("’s")
}

/// Whether a sentence speaks of the contact already reported ("During the telephone
/// conversation, ...", "In the meeting, ...", "The meeting between A and B was attended by").
fn refers_to_the_contact(sentence: &str) -> bool {
    static THE_CONTACT: Pattern = Pattern::new(|| {
        regex::Regex::new(r"(?i)^(?:(?:during|in|at|after|following|throughout)\s+)?(?:the|this|their|today's|today’s)\s+(?:\w+\s+){0,2}(?:conversation|call|meeting|talks|talk|video\s+conference|videoconference|exchange)(?-u:\b)")
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

/// Where the first attendance marker of a sentence begins, in any ASCII case.
fn attendance_marker_at(sentence: &str) -> Option<usize> {
    if !has_attendance_marker(sentence) {
        return None;
    }
    let lower = sentence.to_ascii_lowercase();
    ATTENDANCE_MARKERS
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
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
                if !is_a_principal(&m, principals) && !out.iter().any(|o| o.name == m.name) {
                    out.push(m);
                }
            }
        }
    }
    out
}

/// Whether a mention is a principal already found: by name, or by one word of the name the
/// text gave ("Foreign Minister Somchai" of "Somchai Wongsawat", given name or family name).
fn is_a_principal(m: &Mention, principals: &[Mention]) -> bool {
    principals.iter().any(|p| {
        p.name == m.name
            || is_shorter_form(&m.name, &p.name)
            || is_shorter_form(&m.as_written, &p.as_written)
    })
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
    fn a_file_is_read_whole_whatever_size_the_walk_gave() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Xi Jinping met Joe Biden.").unwrap();
        let mut bytes = Vec::new();
        for size in [None, Some(0), Some(3), Some(25), Some(4096)] {
            assert!(matches!(read_capped(&path, size, &mut bytes), Ok(Ok(()))));
            assert_eq!(bytes, b"Xi Jinping met Joe Biden.", "{size:?}");
        }
        // A size over the limit is taken from the walk: the file is not opened.
        let missing = dir.path().join("missing.txt");
        let over = MAX_FILE_BYTES + 1;
        assert!(matches!(read_capped(&missing, Some(over), &mut bytes), Ok(Err(s)) if s == over));
        assert!(read_capped(&missing, Some(10), &mut bytes).is_err());
    }

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

    #[test]
    fn a_principal_called_by_one_word_of_the_name_is_no_attendee() {
        let m = |name: &str| Mention {
            start: 0,
            end: 0,
            name: name.into(),
            as_written: name.into(),
            title: None,
            country: None,
        };
        let principals = [m("Kenji Tanaka"), m("Somchai Rattanakul")];
        assert!(is_a_principal(&m("Somchai"), &principals));
        assert!(is_a_principal(&m("Tanaka"), &principals));
        assert!(!is_a_principal(&m("Niran Chaiyo"), &principals));
        let r = parse(
            "Foreign Ministers meet\n\nOn March 3, 2011, Mr. Kenji Tanaka, Minister for Foreign Affairs, held talks with Mr. Somchai Rattanakul, Minister of Foreign Affairs of the Kingdom of Thailand.\n\nForeign Minister Somchai said the two countries were also working on trade, and Deputy Minister Niran Chaiyo attended the talks.\n",
        );
        let attendees: Vec<Option<&str>> = r
            .participants
            .iter()
            .filter(|p| p.role == Role::Attendee)
            .map(|p| p.name.as_deref())
            .collect();
        assert_eq!(attendees, [Some("Niran Chaiyo")]);
    }

    fn parse(text: &str) -> Record {
        parse_text(text, "x.txt", "id".into()).0
    }

    #[test]
    fn an_audience_with_the_pope_and_a_guest_named_after_a_comma() {
        // "His Excellency, Mister …": honorifics parted by a comma; the Pope is the Holy See's
        // head of state; the guest's next meeting, and who came with him, are no sides.
        let r = parse(
            "Audience with the President of Chile\n\nOn 4 March 2019, the Holy Father, Pope Francis received in audience His Excellency, Mister Tomas Rivera Ortiz, President of the Republic of Chile, who subsequently met with His Eminence Cardinal Secretary of State Pietro Parolin, accompanied by His Excellency, Marco Lenti, Undersecretary.\n",
        );
        assert_eq!(
            principals(&r),
            [
                (Some("Francis"), Some("VAT")),
                (Some("Tomas Rivera Ortiz"), Some("CHL"))
            ]
        );
    }

    #[test]
    fn a_pronoun_lead_takes_its_subject_from_the_paragraph_above() {
        let r = parse(
            "Minister back at work\n\nMANILA - Foreign Affairs Secretary Ramon Cruz reported for work Monday after an illness.\n\n\"He is back at his desk today,\" a spokesperson told reporters.\n\nHe held a meeting with Canadian Ambassador John Hale at the ministry.\n",
        );
        assert_eq!(principal_names(&r), [Some("Ramon Cruz"), Some("John Hale")]);
    }

    #[test]
    fn a_lead_naming_its_subject_by_one_word_takes_the_person_named_above() {
        let r = parse(
            "Prime Minister meets counterpart\n\nPrime Minister Ratu Kamali has stated that the region is at peace.\n\nKamali made the comment following a two-hour meeting with Australian Prime Minister John Hale in Nadi last night.\n",
        );
        assert_eq!(
            principal_names(&r),
            [Some("Ratu Kamali"), Some("John Hale")]
        );
    }

    #[test]
    fn a_venue_stated_after_the_lead_beats_a_country_visited_or_the_dateline() {
        let r = parse(
            "Sri Lankan President meets Australian Premier\n\nMay 4, 2017\n\nPresident Ravi Dias met Prime Minister John Hale of Australia on the second day of his state visit to Australia.\n\nPresident Dias called on Prime Minister Hale at the Parliament House in Canberra on Thursday morning.\n",
        );
        assert_eq!(r.location.as_deref(), Some("the Parliament House"));
        let r = parse(
            "President receives minister\n\nULAANBAATAR, September 3, 2019 - Minister Ivan Petrov, who is on an official visit to Mongolia, paid a courtesy call on President Bat Erdene.\n",
        );
        assert_eq!(r.location.as_deref(), Some("Ulaanbaatar"));
        let r = parse(
            "President receives Speaker\n\nALGIERS – Tuesday, 2 May 2023 (APS) – The President of the Republic, Karim Saadi, received on Tuesday the Speaker of the Senate of Mali, Ousmane Traore.\n\nThe audience took place at the headquarters of the Presidency of the Republic.\n",
        );
        assert_eq!(
            r.location.as_deref(),
            Some("the headquarters of the Presidency of the Republic")
        );
    }

    #[test]
    fn an_unnamed_office_takes_a_family_name_its_past_holders_bore() {
        let r = parse(
            "President congratulates Ghana\n\nLISBON, 9 December 2024 – The President of the Republic sent a message of congratulations to the President-elect of Ghana, John Mahama.\n\nThe message of President Rebelo de Sousa reads as follows.\n",
        );
        assert!(
            principals(&r).contains(&(Some("Rebelo de Sousa"), Some("PRT"))),
            "{:?}",
            principals(&r)
        );
    }

    #[test]
    fn a_later_contact_with_an_office_takes_the_name_the_body_gave_it() {
        let r = parse(
            "President back from Riyadh\n\nAnkara, 12 March 2019\n\nPresident Recep Tayyip Erdogan returned home on Tuesday from a two-day visit to Saudi Arabia.\n\nThe President went to Riyadh at the invitation of Saudi King Salman bin Abdulaziz Al Saud.\n\nPresident Erdogan also held talks with the Saudi King, the Bahraini King Hamad bin Isa Al Khalifa and Arab League Secretary General Ahmed Aboul Gheit on the sidelines of the forum.\n\nOn his arrival at Esenboga Airport, President Erdogan was welcomed by Vice President Fuat Oktay.\n",
        );
        let met: Vec<Vec<Option<&str>>> = r
            .events
            .iter()
            .map(|e| e.participants.iter().map(|p| p.name.as_deref()).collect())
            .collect();
        assert!(
            met.iter()
                .any(|e| e.contains(&Some("Salman bin Abdulaziz Al Saud"))
                    && e.contains(&Some("Hamad bin Isa Al Khalifa"))
                    && e.contains(&Some("Ahmed Aboul Gheit"))),
            "{met:?}"
        );
        // Welcomed home by his own vice president: the homecoming, not a contact.
        assert!(
            !met.iter()
                .flatten()
                .any(|n| n.is_some_and(|n| n.contains("Oktay"))),
            "{met:?}"
        );
    }

    #[test]
    fn a_homecoming_is_told_by_the_lead() {
        assert!(reports_homecoming(
            "The President returned home on Monday from Qatar."
        ));
        assert!(reports_homecoming(
            "Prime Minister arrives back home after the summit"
        ));
        assert!(!reports_homecoming(
            "The President returned the greetings of the Emir."
        ));
        assert!(!reports_homecoming("He met the Home Secretary."));
    }

    #[test]
    fn an_office_named_by_country_in_a_list_of_named_principals_is_one_of_them() {
        for lead in [
            "President Recep Tayyip Erdogan held talks with the Qatari Emir, Kuwaiti Crown Prince Sheikh Mishal Al-Ahmad Al-Jaber Al-Sabah and Gulf Cooperation Council Secretary General Jasem Mohamed Albudaiwi in Doha on Tuesday.",
            "President Recep Tayyip Erdogan held talks with Kuwaiti Crown Prince Sheikh Mishal Al-Ahmad Al-Jaber Al-Sabah and the Qatari Emir in Doha on Tuesday.",
        ] {
            let r = parse(&format!(
                "Erdogan holds talks in Doha\n\nAnkara, 5 December 2023\n\n{lead}\n"
            ));
            assert!(
                r.principals()
                    .any(|p| p.country.as_deref() == Some("QAT")
                        && p.title.as_deref() == Some("Emir")),
                "{lead}: {:?}",
                principals(&r)
            );
            assert!(principals(&r).len() >= 3, "{lead}: {:?}", principals(&r));
        }
        // An office of a country already a principal's is that principal, not another.
        let r = parse(
            "Erdogan meets Emir\n\nAnkara, 5 December 2023\n\nPresident Recep Tayyip Erdogan met Emir of Qatar Sheikh Tamim bin Hamad Al Thani and the Qatari Emir's brother in Doha.\n",
        );
        assert_eq!(
            r.principals()
                .filter(|p| p.country.as_deref() == Some("QAT"))
                .count(),
            1,
            "{:?}",
            principals(&r)
        );
    }

    fn principal_names(r: &Record) -> Vec<Option<&str>> {
        r.principals().map(|p| p.name.as_deref()).collect()
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
    fn an_office_named_alone_is_not_the_other_side_whose_office_names_a_publisher() {
        // "Prime Minister of Canada" is also how Canada's PMO signs its pages: here it is the
        // other side's office, so the office named alone is of no country the page gives.
        let r = parse(
            "The Prime Minister held a call with the Prime Minister of Canada Louise Tremblay on Friday.\n\nThey talked about tariffs on steel.\n",
        );
        assert_eq!(
            principals(&r),
            [(None, None), (Some("Louise Tremblay"), Some("CAN"))]
        );
        assert_eq!(
            r.principals().next().unwrap().title.as_deref(),
            Some("Prime Minister")
        );
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
    fn ambassadors_received_are_named_by_the_body_in_lower_case_titles() {
        let r = parse(
            "President receives ambassadors\n\nLIMA, 3 May 2021 – President Ana Soto of Peru received ambassadors of Chile and Brazil.\n\nAt the meeting with Chilean ambassador Pedro Rojas the President stressed the value of Gabriel Boric’s visit.\n\nPresident Ana Soto with the ambassadors. | Photo Credit: Presidency\n\nThe sides discussed trade.\n\nIn the talk with Brazilian ambassador Joao Silva, the sides discussed the railway.\n",
        );
        assert_eq!(
            principals(&r),
            [
                (Some("Ana Soto"), Some("PER")),
                (Some("Pedro Rojas"), Some("CHL")),
                (Some("Joao Silva"), Some("BRA"))
            ]
        );
    }

    #[test]
    fn a_person_joined_to_the_principals_as_a_group_is_a_principal() {
        let text = |join: &str| {
            format!(
                "Trilateral summit in Lima\n\nPresident Ana Soto of Chile and President Luis Arce of Bolivia visited Lima on 4 June 2009 at the invitation of President Alan Garcia of Peru.\n\nThe three Presidents, {join} Mr. Omar Vidal, Prime Minister of Peru, held warm and open talks on trade.\n"
            )
        };
        let r = parse(&text("together with"));
        let names: Vec<Option<&str>> = r.principals().map(|p| p.name.as_deref()).collect();
        assert!(names.contains(&Some("Omar Vidal")), "{names:?}");
        let vidal = r
            .principals()
            .find(|p| p.name.as_deref() == Some("Omar Vidal"));
        assert_eq!(vidal.and_then(|p| p.country.as_deref()), Some("PER"));
        // Not a group of the principals: a person beside one of them is not added.
        let r = parse(
            &text("said, as").replace("The three Presidents, said, as", "Officials said, as"),
        );
        assert!(
            r.principals()
                .all(|p| p.name.as_deref() != Some("Omar Vidal"))
        );
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
    fn an_office_of_the_lead_takes_the_name_the_body_gives_that_office() {
        let r = parse(
            "Foreign Minister receives envoy\n\n12 March 2024\n\nThe Minister of Foreign Affairs received the Ambassador of Norway to Ghana, Erik Lund, in Accra on Tuesday.\n\nForeign Minister Kwame Asante welcomed the Ambassador and recalled the two countries' ties.\n",
        );
        assert_eq!(
            names_and_countries(&r),
            [
                (Some("Kwame Asante"), Some("GHA")),
                (Some("Erik Lund"), Some("NOR"))
            ]
        );
        // A person of another office is someone else.
        let r = parse(
            "Foreign Minister receives envoy\n\n12 March 2024\n\nThe Minister of Foreign Affairs received the Ambassador of Norway to Ghana, Erik Lund, in Accra on Tuesday.\n\nPresident Kwame Asante will visit Oslo in May.\n",
        );
        assert_eq!(principal_names(&r), [None, Some("Erik Lund")]);
    }

    #[test]
    fn a_titled_family_name_no_rule_placed_is_of_the_one_country_whose_holders_bore_it() {
        let r = parse(
            "Leaders meet\n\nPresident Mnangagwa began his visit to the Republic of Mozambique with a meeting with his counterpart President Filipe Nyusi.\n",
        );
        assert_eq!(
            names_and_countries(&r),
            [
                (Some("Mnangagwa"), Some("ZWE")),
                (Some("Filipe Nyusi"), Some("MOZ"))
            ]
        );
    }

    #[test]
    fn someone_mourned_in_a_condolence_message_is_no_principal() {
        let r = parse(
            "King sends condolences\n\nKing Tomas of Norland sent a cable of condolences to Prime Minister Ana Rojas of Chile on the passing of former President Mateo Robles.\n",
        );
        assert_eq!(principal_names(&r), [Some("Tomas"), Some("Ana Rojas")]);
    }

    #[test]
    fn an_envoy_carrying_a_message_met_and_the_sender_did_not() {
        for lead in [
            "Chilean special envoy Ana Rojas has paid a courtesy call on President Kofi Adjeman to convey a special message from Chilean President Mateo Robles.",
            "Special Envoy Ana Rojas met President Kofi Adjeman on Monday, delivering a letter from President Mateo Robles.",
        ] {
            let r = parse(&format!("Envoy calls on President\n\n{lead}\n"));
            assert_eq!(
                principal_names(&r),
                [Some("Ana Rojas"), Some("Kofi Adjeman")],
                "{lead}"
            );
        }
    }

    #[test]
    fn two_of_one_office_are_each_of_the_country_in_their_place() {
        let r = parse(
            "Ministers meet\n\nThe Foreign Ministers of Peru and Chile, Ana Soto and Kenji Mori, met in Lima on 3 March 2021.\n",
        );
        assert_eq!(
            names_and_countries(&r),
            [
                (Some("Ana Soto"), Some("PER")),
                (Some("Kenji Mori"), Some("CHL"))
            ]
        );
    }

    #[test]
    fn the_heads_of_two_sides_delegations_are_of_their_sides() {
        let r = parse(
            "Consultations\n\nChile and Japan held political consultations in Santiago on 3 March 2021. The Chilean delegation was led by Deputy Foreign Minister Ana Soto and the Japanese delegation by Vice Minister Kenji Mori.\n",
        );
        assert_eq!(
            names_and_countries(&r),
            [
                (Some("Ana Soto"), Some("CHL")),
                (Some("Kenji Mori"), Some("JPN"))
            ]
        );
    }

    #[test]
    fn a_long_office_before_a_known_person_is_theirs() {
        let r = parse(
            "Minister meets envoy\n\nThe Minister for Foreign Affairs and Trade, Simon Coveney TD, met the Secretary of State for Northern Ireland, James Brokenshire MP in Dublin today.\n",
        );
        let principals: Vec<_> = r
            .principals()
            .map(|p| (p.name.as_deref(), p.title.as_deref(), p.country.as_deref()))
            .collect();
        assert_eq!(
            principals,
            [
                (
                    Some("Simon Coveney"),
                    Some("Minister for Foreign Affairs and Trade"),
                    Some("IRL")
                ),
                (
                    Some("James Brokenshire"),
                    Some("Secretary of State for Northern Ireland"),
                    Some("GBR")
                )
            ]
        );
    }

    #[test]
    fn the_head_of_a_delegation_is_of_the_delegation_s_country() {
        for lead in [
            "Accra, 5 June 2023 - The President received a delegation from Chile led by Foreign Minister Ana Rojas at the Jubilee House.",
            "Accra, 5 June 2023 - The President received a high-level Chilean delegation, headed by Foreign Minister Ana Rojas, at the Jubilee House.",
        ] {
            let r = parse(&format!("President meets delegation\n\n{lead}\n"));
            assert_eq!(
                names_and_countries(&r),
                [(None, Some("GHA")), (Some("Ana Rojas"), Some("CHL"))],
                "{lead}"
            );
        }
    }

    #[test]
    fn the_head_of_a_received_delegation_named_below_the_lead_is_the_other_side() {
        let r = parse(
            "Minister receives senators\n\nToday is:\n\nTuesday, May 09, 2017\n\nLima, (Andina) -- Foreign Minister Ana Rojas on Monday received a delegation from the Senate of Chile for talks on trade.\n\nThe minister told the delegation, led by Vice President of the Senate, Ivo Marek, that ties should grow.\n",
        );
        assert_eq!(
            r.title.as_deref(),
            Some("Minister receives senators"),
            "a widget's label is no title"
        );
        assert_eq!(
            names_and_countries(&r),
            [
                (Some("Ana Rojas"), Some("PER")),
                (Some("Ivo Marek"), Some("CHL"))
            ]
        );
        // A head the lead names is not looked for again.
        let r = parse(
            "Minister receives senators\n\nLima, 8 May 2017 -- Foreign Minister Ana Rojas received a delegation from Chile led by Senator Ivo Marek.\n\nThe delegation, headed by Senator Ivo Marek, toured the port.\n",
        );
        assert_eq!(principal_names(&r), [Some("Ana Rojas"), Some("Ivo Marek")]);
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

    #[test]
    fn a_shorter_form_is_the_full_name_without_first_words() {
        assert!(is_shorter_form("Fogh Rasmussen", "Anders Fogh Rasmussen"));
        assert!(is_shorter_form("Ahmadinejad", "Mahmoud Ahmadinejad"));
        assert!(!is_shorter_form("Anders Fogh", "Anders Fogh Rasmussen"));
        assert!(!is_shorter_form("Ogh Rasmussen", "Anders Fogh Rasmussen"));
        assert!(!is_shorter_form("", "Anders Fogh Rasmussen"));
    }

    #[test]
    fn dates_more_than_a_week_apart_are_far() {
        assert!(far_apart(Some("2007-09-28"), Some("2021-10-08")));
        assert!(!far_apart(Some("2021-10-05"), Some("2021-10-08")));
        assert!(!far_apart(None, Some("2021-10-08")));
        assert!(!far_apart(Some("2021-10"), Some("2021-10-08")));
    }

    #[test]
    fn a_sentence_after_the_lead_announces_a_contact_only_where_it_says_so() {
        assert!(announces_another_contact(
            "He also spoke to German Chancellor Angela Merkel."
        ));
        assert!(announces_another_contact(
            "Later, Prince Charles met with the Speaker."
        ));
        assert!(!announces_another_contact(
            "The two leaders discussed the epidemic."
        ));
    }

    #[test]
    fn separate_contacts_give_one_event_each() {
        let r = parse(
            "Minister receives ambassadors\n\nNigerian Prime Minister Samuel Okonkwo received \
             the ambassadors of Norway, Chile and Japan on 12 March 2021, separately.",
        );
        let pairs: Vec<Vec<Option<String>>> = r
            .events
            .iter()
            .map(|e| e.participants.iter().map(|p| p.country.clone()).collect())
            .collect();
        let pair = |other: &str| vec![Some("NGA".to_string()), Some(other.to_string())];
        assert_eq!(pairs, [pair("NOR"), pair("CHL"), pair("JPN")]);
        // Without "separately" the ambassadors met together: one contact.
        let r = parse(
            "Minister receives ambassadors\n\nNigerian Prime Minister Samuel Okonkwo received \
             the ambassadors of Norway, Chile and Japan on 12 March 2021.",
        );
        assert_eq!(r.events.len(), 1);
    }

    #[test]
    fn senders_of_similar_cables_each_send_the_leads_message() {
        let r = parse(
            "Amir sends condolences\n\nKUWAIT, March 6, 2020 - His Highness the Amir Sheikh \
             Ali Al-Sabah sent a cable of condolences on Friday to Tunisian President Kais \
             Saied over the attack.\n\nHis Highness expressed sorrow over the loss of life. \
             Crown Prince Sheikh Fahd Al-Sabah and Prime Minister Sheikh Omar Al-Sabah sent \
             similar cables.",
        );
        let events: Vec<(Vec<Option<&str>>, Option<&str>)> = r
            .events
            .iter()
            .map(|e| {
                let names = e.participants.iter().map(|p| p.name.as_deref()).collect();
                (names, e.requested_by.as_deref())
            })
            .collect();
        let sent = |from: &'static str| (vec![Some(from), Some("Kais Saied")], Some(from));
        assert_eq!(
            events,
            [
                sent("Ali Al-Sabah"),
                sent("Fahd Al-Sabah"),
                sent("Omar Al-Sabah")
            ]
        );
    }

    #[test]
    fn every_similar_message_phrase_passes_the_byte_search() {
        for phrase in crate::data::SIMILAR_MESSAGES.iter() {
            assert!(reports_similar_messages(phrase), "{phrase}");
        }
    }

    #[test]
    fn someone_who_attended_is_not_named_as_a_principal_from_the_body() {
        let r = parse(
            "Ministers meet\n\nTurkey's foreign minister met his Iranian counterpart in \
             Istanbul on 3 May 2019.\n\nThe meeting between Mevlüt Çavuşoğlu and Javad Zarif \
             was also attended by Hakan Fidan, the head of intelligence.",
        );
        let names: Vec<Option<&str>> = r.principals().map(|p| p.name.as_deref()).collect();
        assert_eq!(
            names,
            [Some("Mevlüt Çavuşoğlu"), Some("Mohammad Javad Zarif")]
        );
        assert_eq!(r.events.len(), 1, "the body's sentence is the same meeting");
        assert_eq!(attendance_marker_at("A and B, attended by C"), Some(9));
    }

    /// Each principal's name and country.
    fn names_and_countries(r: &Record) -> Vec<(Option<&str>, Option<&str>)> {
        r.participants
            .iter()
            .filter(|p| p.role == Role::Principal)
            .map(|p| (p.name.as_deref(), p.country.as_deref()))
            .collect()
    }

    #[test]
    fn countries_as_the_sides_and_their_people_named_next() {
        let r = parse(
            "ISLAMABAD: Pakistan and Iran on 3 August 2023 held delegation-level talks at the \
             Ministry of Foreign Affairs in Islamabad.\n\n\
             The Foreign Minister of Pakistan Ana Soto and the Foreign Minister of Iran Luis \
             Rojas led their respective delegations in the talks.",
        );
        let principals = names_and_countries(&r);
        assert_eq!(
            principals,
            [
                (Some("Ana Soto"), Some("PAK")),
                (Some("Luis Rojas"), Some("IRN"))
            ]
        );
        // People of other countries, or of one side only, are not taken.
        let r = parse(
            "Pakistan and Iran on 3 August 2023 held talks in Islamabad.\n\n\
             Foreign Minister Tom Hale of Chile and Foreign Minister Ana Soto of Pakistan welcomed them.",
        );
        assert!(
            r.participants.iter().all(|p| p.role != Role::Principal),
            "{:?}",
            r.participants
        );
    }

    #[test]
    fn an_office_and_the_name_beside_it_are_one_principal() {
        let r = parse(
            "On 6 May 2022 Foreign Minister Ana Soto of Chile met with the Chairman of the US \
             Senate Foreign Relations Committee, Senator Tom Hale.",
        );
        let principals = names_and_countries(&r);
        assert_eq!(
            principals,
            [
                (Some("Ana Soto"), Some("CHL")),
                (Some("Tom Hale"), Some("USA"))
            ]
        );
        // An office and a person joined by "and" are two.
        let r = parse(
            "On 6 May 2022 The President met with the Prime Minister and Senator Tom Hale of the US.",
        );
        assert!(
            r.participants.iter().any(|p| p.name.is_none()),
            "{:?}",
            r.participants
        );
    }

    #[test]
    fn an_office_s_holder_named_in_a_byline_above_the_lead() {
        let r = parse(
            "Readout of the Secretary-General's meeting with the Foreign Minister of Chile\n\n\
             Ana Soto, Former Secretary-General\n\n\
             The Secretary-General met today with the Foreign Minister of Chile, Luis Rojas, \
             in Geneva on 3 May 2014.",
        );
        assert_eq!(
            names_and_countries(&r),
            [(Some("Ana Soto"), None), (Some("Luis Rojas"), Some("CHL"))]
        );
        let r = parse(
            "Readout of the Secretary-General's meeting with the Foreign Minister of Chile\n\n\
             Secretary-General Ana Soto\n\n\
             The Secretary-General met today with the Foreign Minister of Chile, Luis Rojas, \
             in Geneva on 3 May 2014.",
        );
        assert_eq!(
            names_and_countries(&r),
            [(Some("Ana Soto"), None), (Some("Luis Rojas"), Some("CHL"))]
        );
        // A byline of another office names no one.
        let r = parse(
            "Readout of the Secretary-General's meeting with the Foreign Minister of Chile\n\n\
             Ana Soto, Spokesperson\n\n\
             The Secretary-General met today with the Foreign Minister of Chile, Luis Rojas, \
             in Geneva on 3 May 2014.",
        );
        assert_eq!(
            names_and_countries(&r),
            [(None, None), (Some("Luis Rojas"), Some("CHL"))]
        );
    }

    #[test]
    fn an_organisation_s_head_takes_no_country_from_the_countries_discussed() {
        let r = parse_text(
            "Readout of the Secretary-General's meeting with the Secretary of State\n\n\
             The Secretary-General met today with the Secretary of State of the United States, \
             Ana Soto, on the margins of a conference in Geneva on 3 May 2014.\n\n\
             They discussed the situation in Syria and the humanitarian needs of Syrians.",
            "x.txt",
            "id".into(),
        )
        .0;
        let countries: Vec<_> = r
            .participants
            .iter()
            .map(|p| (p.title.as_deref(), p.country.as_deref()))
            .collect();
        assert_eq!(
            countries,
            [
                (Some("Secretary-General"), None),
                (Some("Secretary of State"), Some("USA"))
            ]
        );
        assert!(is_organisation_office(Some("High Representative")));
        assert!(!is_organisation_office(Some("President")));
        assert!(!is_organisation_office(None));
    }

    #[test]
    fn a_family_name_and_the_countries_named_give_each_principal_a_country() {
        let r = parse(
            "Ministers hold talks\n\nOn 2 June 2022, Minister Pandor held talks with her \
             counterpart, Mr Tomas Ndong Obiang, Minister of Foreign Affairs.\n\nThey discussed \
             relations between South Africa and Equatorial Guinea.",
        );
        let countries: Vec<Option<&str>> = r.principals().map(|p| p.country.as_deref()).collect();
        assert_eq!(countries, [Some("ZAF"), Some("GNQ")]);
    }

    #[test]
    fn a_message_the_title_reports_is_from_the_titles_subject() {
        let r = parse(
            "President Vladimir Putin congratulated Emmanuel Macron on his re-election May 1, 2022\n\n\
             The message reads, in particular: \"Please accept my congratulations.\"",
        );
        assert_eq!(r.event_type, EventType::Message);
        assert_eq!(r.requested_by.as_deref(), Some("Vladimir Putin"));
    }

    #[test]
    fn a_weekday_the_next_sentence_gives_dates_the_contact_before_the_page() {
        let r = parse(
            "Presidents hold telephone exchange\nSat Sep 28, 2013 11:13:22\n\nPresident A has \
             engaged in a telephone conversation with his counterpart B.\n\nThe phone call came \
             on Friday as President A was heading to the airport.",
        );
        assert_eq!(r.date.as_deref(), Some("2013-09-27"));
    }

    #[test]
    fn congratulations_carried_by_a_call_are_a_call() {
        let r = parse(
            "Leaders speak\n\nPresident Joe Biden has congratulated Prime Minister Narendra Modi \
             on his re-election on 5 June 2024. Modi received a call from Biden.",
        );
        assert_eq!(r.event_type, EventType::PhoneCall);
        assert_eq!(r.requested_by.as_deref(), Some("Joe Biden"));
    }

    #[test]
    fn people_listed_together_are_one_side() {
        let r = parse(
            "Leaders receive diplomats\n\nOn 1 February 2017, President Ts.Elbegdorj, Speaker of \
             Parliament M.Enkhbold, Prime Minister J.Erdenebat and Foreign Minister D.Batbold \
             received heads of foreign diplomatic missions in Ulaanbaatar. They exchanged \
             greetings on the Mongolian Lunar New Year.",
        );
        let countries: Vec<Option<&str>> = r.principals().map(|p| p.country.as_deref()).collect();
        assert_eq!(countries, [Some("MNG"); 4]);
    }

    #[test]
    fn the_other_side_of_a_one_sided_lead_is_the_person_the_body_pairs_with_it() {
        let r = parse(
            "Telephone conversation with the President of Uzbekistan Shavkat Mirziyoyev\n\n\
             The partners in conversation discussed the pandemic on 20 March 2020.\n\nAt the \
             end of the conversation, Nursultan Nazarbayev and Shavkat Mirziyoyev exchanged \
             greetings.",
        );
        let names: Vec<Option<&str>> = r.principals().map(|p| p.name.as_deref()).collect();
        assert_eq!(
            names,
            [Some("Nursultan Nazarbayev"), Some("Shavkat Mirziyoyev")]
        );
    }

    #[test]
    fn calls_received_from_several_are_one_call_each_by_its_caller() {
        let r = parse(
            "Calls received by the Prime Minister\n\nPrime Minister Narendra Modi received \
             telephone calls on 24 May 2019 from H.E. Mr. E.D. Mnangagwa, President of Zimbabwe; \
             and H.E. Mr. Filipe Jacinto Nyusi, President of Mozambique.",
        );
        let calls: Vec<(Option<&str>, Option<&str>)> = r
            .events
            .iter()
            .map(|e| (e.participants[1].name.as_deref(), e.requested_by.as_deref()))
            .collect();
        assert_eq!(
            calls,
            [
                (Some("E.D. Mnangagwa"), Some("E.D. Mnangagwa")),
                (Some("Filipe Jacinto Nyusi"), Some("Filipe Jacinto Nyusi"))
            ]
        );
        assert_eq!(r.requested_by.as_deref(), Some("E.D. Mnangagwa"));
    }

    #[test]
    fn news_style_leads_keep_names_clean() {
        let r = parse(
            "Leaders meet\n\nNAIROBI — President Uhuru Kenyatta Thursday held talks with \
             Malaysian Prime Minister Datuk Seri Ismail Sabri Yaakob at State House on 3 March 2022.",
        );
        let names: Vec<Option<&str>> = r.principals().map(|p| p.name.as_deref()).collect();
        assert_eq!(names, [Some("Uhuru Kenyatta"), Some("Ismail Sabri Yaakob")]);
        assert_eq!(r.event_type, EventType::Talks);
    }

    #[test]
    fn a_person_of_two_offices_belongs_to_the_one_held_on_the_day() {
        let country = |text: &str| {
            parse(text)
                .principals()
                .find(|p| p.name.as_deref() == Some("Federica Mogherini"))
                .map(|p| p.country.clone())
        };
        assert_eq!(
            country(
                "Ministers meet\n\nOn 3 March 2016, Prime Minister Shinzo Abe met Federica \
                 Mogherini in Tokyo."
            ),
            Some(None),
            "the EU's High Representative then"
        );
        assert_eq!(
            country(
                "Ministers meet\n\nOn 3 March 2014, Prime Minister Shinzo Abe met Federica \
                 Mogherini in Tokyo."
            ),
            Some(Some("ITA".to_string())),
            "Italy's foreign minister then"
        );
    }

    #[test]
    fn the_home_side_of_a_capital_dateline() {
        let r = parse(
            "King receives call\n\nAmman, 18 June 2020 – His Majesty King Abdullah received a \
             phone call from Bahraini King Hamad bin Isa Al Khalifa.",
        );
        let countries: Vec<Option<&str>> = r.principals().map(|p| p.country.as_deref()).collect();
        assert_eq!(countries, [Some("JOR"), Some("BHR")]);
        // An organisation's official beside: no country, and the dateline's is still given;
        // a capital typed with a curly apostrophe.
        let r = parse(
            "Courtesy call\n\nNuku’alofa, 30 March 2024: Prime Minister, Hon Sione Vea held a meeting with Rt Hon. Ana Rojas, Secretary General of the Commonwealth.",
        );
        assert_eq!(
            names_and_countries(&r),
            [(Some("Sione Vea"), Some("TON")), (Some("Ana Rojas"), None)]
        );
        // The dateline set apart on a line of its own, or heading the date line.
        for head in ["Amman - Petra\n", "Amman, 18 June 2020\n\n"] {
            let r = parse(&format!(
                "King receives call\n\n{head}His Majesty King Abdullah received a phone call \
                 from Bahraini King Hamad bin Isa Al Khalifa."
            ));
            let countries: Vec<Option<&str>> =
                r.principals().map(|p| p.country.as_deref()).collect();
            assert_eq!(countries, [Some("JOR"), Some("BHR")], "{head}");
        }
    }

    #[test]
    fn an_office_after_a_name_and_a_comma_is_that_persons() {
        for lead in [
            "Foreign Minister Ana Soto met with Richard Rakoto, the Foreign Minister of Madagascar, in Lima.",
            "Ana Soto met with Richard Rakoto, Madagascar's Foreign Minister, in Lima.",
            "State Minister Ana Soto held a discussion with Richard Rakoto, former Foreign Minister of Madagascar.",
            "The President of Peru's Councils of State and Ministers, Ana Soto, received the President of Madagascar, Richard Rakoto.",
        ] {
            let r = parse(&format!("Meeting\n\n{lead}"));
            let found: Vec<(Option<&str>, Option<&str>)> = r
                .principals()
                .map(|p| (p.name.as_deref(), p.country.as_deref()))
                .collect();
            assert_eq!(found.len(), 2, "{lead}: {found:?}");
            assert_eq!(found[1], (Some("Richard Rakoto"), Some("MDG")), "{lead}");
        }
    }

    #[test]
    fn an_official_supporting_a_principal_is_no_principal() {
        let r = parse(
            "Prime Ministers meet\n\nPrime Minister Ana Soto, supported by Foreign Secretary \
             Maria Lopez, met with Samoan Prime Minister Fiame Tala in Suva.",
        );
        let names: Vec<Option<&str>> = r.principals().map(|p| p.name.as_deref()).collect();
        assert_eq!(names, [Some("Ana Soto"), Some("Fiame Tala")]);
    }

    #[test]
    fn a_surname_in_the_title_is_the_leads_person_whatever_the_accents() {
        let r = parse(
            "Minister Dacic meets with Ambassadors\n\nMinister of Foreign Affairs of Serbia \
             Ivica Dacic met today with the Ambassadors of Serbia.",
        );
        let names: Vec<Option<&str>> = r.principals().map(|p| p.as_written.as_deref()).collect();
        assert_eq!(names, [Some("Ivica Dacic")]);
    }

    #[test]
    fn an_envoy_titled_in_lower_case_in_the_lead_is_a_principal() {
        let r = parse(
            "Envoy calls on Prime Minister\n\nThimphu, 3 May 2022 - The Prime Minister received \
             the Mongolian ambassador, Bat Erdene, at his office.",
        );
        let found: Vec<(Option<&str>, Option<&str>)> = r
            .principals()
            .map(|p| (p.name.as_deref(), p.country.as_deref()))
            .collect();
        assert_eq!(
            found,
            [(None, Some("BTN")), (Some("Bat Erdene"), Some("MNG"))]
        );
    }

    #[test]
    fn a_counterpart_named_after_the_word_is_a_principal_with_the_implied_office() {
        let r = parse(
            "Ministers meet\n\nOn 4 May 2022, Foreign Minister Ana Lima met her Kenyan \
             counterpart Rachel Omamo in Lisbon.",
        );
        let found: Vec<(Option<&str>, Option<&str>, Option<&str>)> = r
            .principals()
            .map(|p| (p.name.as_deref(), p.title.as_deref(), p.country.as_deref()))
            .collect();
        assert_eq!(
            found[1],
            (Some("Rachel Omamo"), Some("Foreign Minister"), Some("KEN"))
        );
    }
}
