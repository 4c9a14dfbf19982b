//! When the contact took place: the lead's date for the main verb, else a wire dateline, a
//! date line above the text, the title, a byline, and as a last resort the file's path.
//! Partial and relative dates in the lead ("On March 14", "today", "on Friday") are resolved
//! against the page's own date when it has one.

use super::date::{self, Date, find_dates, find_month_days, find_month_years};
use super::meta::MetaKind;
use crate::data::{OTHER_EVENT_MARKERS, RELATIVE_DAYS};
use crate::loader::pattern::Pattern;
use crate::record::{DatePrecision, DateSource};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventDate {
    pub date: Option<Date>,
    pub precision: DatePrecision,
    pub source: Option<DateSource>,
}

impl EventDate {
    const UNKNOWN: EventDate = EventDate {
        date: None,
        precision: DatePrecision::Unknown,
        source: None,
    };

    fn of(date: Date, source: DateSource) -> EventDate {
        let precision = match (date.month, date.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        };
        EventDate {
            date: Some(date),
            precision,
            source: Some(source),
        }
    }
}

/// "BEIJING, June 19 (Xinhua) --", "ISLAMABAD, JAN 17 /DNA/ –", "TEHRAN, Nov. 04 (MNA) –".
static WIRE_DATELINE: Pattern = Pattern::new(|| {
    Regex::new(r"^\s*\p{Lu}[\p{L} .'’-]{1,40}?,\s+(?P<md>[A-Za-z]{3,9}\.?\s+\d{1,2})(?:,\s+\d{4})?(?:\.\s*/[^/]{1,20}/\.?|\s*(?:\([^)]{1,30}\)|/[^/]{1,20}/)?\s*(?:--|–|—|-|:))\s*")
        .expect("valid regex")
});
/// "on Friday", "last Friday"; and, as wires write it, a weekday right after or before the verb
/// of contact ("met Monday in Casa Rosada", "President Ruto Thursday held talks").
static WEEKDAY: Pattern = Pattern::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:on|last|this|met|meets|spoke|speaks|talked|held|holds|received|receives|hosted|hosts|welcomed|welcomes|called|telephoned|visited|signed)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?-u:\b)|(?-u:\b)(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:met|spoke|talked|held|received|hosted|welcomed|called|telephoned|visited|signed)(?-u:\b)",
    )
    .expect("valid regex")
});
/// The weekday a lead gives its contact ("on Friday", "met Monday", "Thursday held talks"), 0
/// for Monday.
fn weekday_named(text: &str) -> Option<u8> {
    let c = WEEKDAY.captures(text)?;
    date::weekday_number(c.get(1).or(c.get(2))?.as_str())
}

static RELATIVE: LazyLock<Vec<(Pattern, i64)>> = LazyLock::new(|| {
    RELATIVE_DAYS
        .iter()
        .filter_map(|(words, days)| {
            Some((
                Pattern::of(
                    Regex::new(&format!(r"(?i)(?-u:\b){}(?-u:\b)", regex::escape(words))).ok()?,
                ),
                days.parse().ok()?,
            ))
        })
        .collect()
});
static PATH_YMD: Pattern = Pattern::new(|| {
    Regex::new(r"(?:^|[/_-])(\d{4})[/_-](\d{2})(?:[/_-](\d{2}))?(?:[/_.-]|$)").expect("valid regex")
});

/// The month and day of a dateline, right after its first comma.
static DATELINE_MONTH_DAY: Pattern =
    Pattern::new(|| Regex::new(r"^\s+([A-Za-z]{3,9}\.?\s+\d{1,2})").expect("valid regex"));

/// Splits a wire dateline off the lead: its month and day, and the rest of the lead.
pub fn split_dateline(lead: &str) -> (Option<(u8, u8)>, &str) {
    if !may_start_with_dateline(lead) {
        return (None, lead);
    }
    // The dateline is found without its groups, and its month and day are read by a small
    // pattern: the groups of the whole pattern, whose counted letter class makes tens of
    // thousands of states, cost more than all the rest of the date rules. The place has no
    // comma, so the month and day follow the match's first comma.
    let Some(whole) = WIRE_DATELINE.find(lead) else {
        return (None, lead);
    };
    let md = whole
        .as_str()
        .find(',')
        .and_then(|comma| DATELINE_MONTH_DAY.captures(&whole.as_str()[comma + 1..]))
        .and_then(|c| find_month_days(&c[1]).first().map(|f| (f.2, f.3)));
    match md {
        Some(md) => (Some(md), &lead[whole.end()..]),
        None => (None, lead),
    }
}

/// What [`WIRE_DATELINE`] needs before its comma, checked without running it (most leads open
/// with "On March 14," or a name and a verb): after any spaces, 2 to 41 letters, spaces or
/// `.'’-` up to the first comma. Letters here are all alphabetic characters, a superset of the
/// pattern's, so a lead that fails this cannot match.
fn may_start_with_dateline(lead: &str) -> bool {
    let mut chars = 0;
    for c in lead.trim_start().chars() {
        if c == ',' {
            return chars >= 2;
        }
        chars += 1;
        if chars > 41 || !(c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-')) {
            return false;
        }
    }
    false
}

/// Whether the words just before `start` say the date belongs to another event.
fn is_other_event(text: &str, start: usize) -> bool {
    let before = &text[..start];
    if is_own_contact_before(before) {
        return false;
    }
    // A date in brackets glosses what came a few words before it: "on the occasion of the
    // 72nd anniversary of diplomatic relations (January 18, 2022)".
    let words = if before.trim_end().ends_with('(') {
        12
    } else {
        4
    };
    let window: String = before
        .split_whitespace()
        .rev()
        .take(words)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    MARKERS_AS_WORDS.iter().any(|[m, first, last, inside]| {
        window == *m
            || window.starts_with(first.as_str())
            || window.ends_with(last.as_str())
            || window.contains(inside.as_str())
    })
}

/// "held a telephone conversation on 3 March with", "received a phone call on 3 March from":
/// the lead's own contact, dated where it is told, not "their meeting on 3 March" (a marker
/// of `other_event_markers.txt`).
fn is_own_contact_before(before: &str) -> bool {
    static OWN: Pattern = Pattern::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:held|had|holds|has|received|receives|conducted|made|makes)\s+(?:a\s+|an\s+)?(?:[a-z-]+\s+){0,2}(?:call|conversation|meeting|talks|visit|summit)\s+on\s*$")
            .expect("valid regex")
    });
    // "In a telephone conversation on 3 March, A and B …": the lead opens with its contact.
    static OPENING: Pattern = Pattern::new(|| {
        Regex::new(r"^\s*(?:In|During)\s+(?:a|an|the|their|his|her)\s+(?:[a-z-]+\s+){0,2}(?:call|conversation|meeting|talks)\s+on\s*$")
            .expect("valid regex")
    });
    const REACH: usize = 80;
    let mut from = before.len().saturating_sub(REACH);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = &before[from..];
    tail.trim_end().ends_with(" on") && (OWN.is_match(tail) || OPENING.is_match(before))
}

/// Each marker of `other_event_markers.txt` alone, as the window's first words, as its last
/// words and as words inside it, made once rather than for every date of every lead.
static MARKERS_AS_WORDS: LazyLock<Vec<[String; 4]>> = LazyLock::new(|| {
    OTHER_EVENT_MARKERS
        .iter()
        .map(|m| {
            [
                m.clone(),
                format!("{m} "),
                format!(" {m}"),
                format!(" {m} "),
            ]
        })
        .collect()
});

/// The year that puts month/day closest before (or at most a week after) the reference date.
/// A reference day more than a month after it is no page of that contact's (a later listing,
/// a crawl stamp), and gives no year.
fn with_year(month: u8, day: u8, reference: Date) -> Option<Date> {
    const LATEST_PUBLICATION_DAYS: i64 = 31;
    let year = reference.year;
    let candidate = Date::ymd(year, month, day)?;
    if let (Some(_), Some(_)) = (reference.month, reference.day) {
        let (ry, rm, rd) = reference.first_day();
        let reference_day = date::days_from_civil(ry, rm, rd);
        let mut gap = date::days_from_civil(year, month, day) - reference_day;
        let mut chosen = candidate;
        if gap > 7 {
            chosen = Date::ymd(year - 1, month, day)?;
            gap = date::days_from_civil(year - 1, month, day) - reference_day;
        }
        return (-gap <= LATEST_PUBLICATION_DAYS).then_some(chosen);
    }
    Some(candidate)
}

/// A date line's date with this month and day: the year of a dateline or lead that gives none,
/// when the page also carries other dates (the day it was crawled, a site-wide "today").
fn same_day_in_meta(meta: &[(MetaKind, String)], month: u8, day: u8) -> Option<Date> {
    meta.iter()
        .flat_map(|(_, line)| find_dates(line))
        .map(|f| f.date)
        .find(|d| d.month == Some(month) && d.day == Some(day))
}

/// The page's own date: a date line, the title, a byline, then an HTML page's markup (in that
/// order of trust: what the text shows before what the markup says).
fn page_date(
    title: &str,
    meta: &[(MetaKind, String)],
    markup: &[Date],
) -> Option<(Date, DateSource)> {
    let from_meta = |kind: MetaKind| {
        meta.iter()
            .filter(|(k, _)| *k == kind)
            .find_map(|(_, line)| find_dates(line).first().map(|f| f.date))
    };
    from_meta(MetaKind::Header)
        .map(|d| (d, DateSource::Header))
        .or_else(|| {
            find_dates(title)
                .first()
                .map(|f| (f.date, DateSource::Title))
        })
        .or_else(|| from_meta(MetaKind::Byline).map(|d| (d, DateSource::Byline)))
        .or_else(|| markup.first().map(|&d| (d, DateSource::Meta)))
}

/// A date written in the file's path: `2019/12/09/…`, `…-25-october-2022.txt`, `2019/12/`.
pub fn path_date(path: &str) -> Option<Date> {
    let name_part = path.replace(['_', '-'], " ");
    if let Some(f) = find_dates(&name_part).first() {
        return Some(f.date);
    }
    let c = PATH_YMD.captures(path)?;
    let year: i32 = c[1].parse().ok()?;
    let month: u8 = c[2].parse().ok()?;
    match c.get(3).and_then(|d| d.as_str().parse::<u8>().ok()) {
        Some(day) => Date::ymd(year, month, day),
        None => ((1800..=2200).contains(&year) && (1..=12).contains(&month)).then_some(Date {
            year,
            month: Some(month),
            day: None,
        }),
    }
}

/// The weekday a sentence after the lead gives the contact ("The landmark phone call by Obama
/// came on Friday"), as "on Friday", when the sentence names the contact and no full date.
pub fn contact_weekday(sentence: &str) -> Option<String> {
    static CONTACT_ON_DAY: Pattern = Pattern::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:call|conversation|meeting|talks|talk)(?-u:\b)[^.;]{0,60}?(?-u:\b)(?:came|took\s+place|was\s+held|were\s+held|happened|occurred)\s+on\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?-u:\b)")
            .expect("valid regex")
    });
    if !find_dates(sentence).is_empty() {
        return None;
    }
    CONTACT_ON_DAY
        .captures(sentence)
        .map(|c| format!("on {}", &c[1]))
}

/// The days a relative word of the text puts the contact from the day of writing ("yesterday"
/// is -1), by `relative_days.tsv`.
fn relative_days(text: &str) -> Option<i64> {
    RELATIVE
        .iter()
        .find(|(re, _)| re.is_match(text))
        .map(|(_, days)| *days)
}

/// The last day on or before `day` that is the weekday `want` (0 is Monday, as
/// [`date::weekday_number`] numbers them); none for a day known only to the month or year.
fn weekday_on_or_before(day: Date, want: u8) -> Option<Date> {
    day.day?;
    let (y, m, d) = day.first_day();
    let back = (i64::from(date::weekday(y, m, d)) - i64::from(want)).rem_euclid(7);
    date::add_days(day, -back)
}

/// A dateline with a full date ("WASHINGTON, May 3, 2021 —", "Islamabad, August 24, 2021
/// (PPI-OT):", "ATHENS, 27 August 2020 –", "Addis Ababa February 6/2022 /ENA/", with its
/// country: "Suva, Fiji, 15 September 2023 -"): the day of
/// publication. The lead's own words then
/// date the contact from it ("spoke yesterday", "on Wednesday", or a date of its own);
/// without them, the contact is of that day.
fn from_full_dateline(lead: &str) -> Option<EventDate> {
    static PLACE_BEFORE: Pattern =
        Pattern::new(|| Regex::new(r"^\s*\p{Lu}[\p{L} .'’-]{1,40}?,?\s*$").expect("valid regex"));
    static MARK_AFTER: Pattern = Pattern::new(|| {
        Regex::new(r"^\s*(?:(?:\([^)]{1,30}\)|/[^/]{1,20}/)\s*(?:--|–|—|-|:)?|--|–|—|-|:)\s*")
            .expect("valid regex")
    });
    let found = find_dates(lead).into_iter().next()?;
    // The place, or the place and its country ("Suva, Fiji,").
    let before = &lead[..found.start];
    let placed = PLACE_BEFORE.is_match(before)
        || before.split_once(',').is_some_and(|(city, country)| {
            PLACE_BEFORE.is_match(city) && PLACE_BEFORE.is_match(country)
        });
    if !placed {
        return None;
    }
    let mark = MARK_AFTER.find(&lead[found.end..])?;
    let day = found.date;
    let rest = &lead[found.end + mark.end()..];
    if let Some(f) = find_dates(rest)
        .into_iter()
        .find(|f| !is_other_event(rest, f.start))
    {
        return Some(EventDate::of(f.date, DateSource::Lead));
    }
    // "Tokyo, 15 September 2023: ... spoke on September 14 with ...": the lead's day, in the
    // dateline's year (or the year before, for a day after it).
    if let Some(&(_, _, month, month_day)) = find_month_days(rest)
        .iter()
        .find(|f| !is_other_event(rest, f.0))
        && let Some(dated) = with_year(month, month_day, day)
    {
        return Some(EventDate::of(dated, DateSource::Lead));
    }
    let from_day = relative_days(rest)
        .and_then(|days| date::add_days(day, days))
        .or_else(|| weekday_on_or_before(day, weekday_named(rest)?));
    Some(EventDate::of(from_day.unwrap_or(day), DateSource::Dateline))
}

/// Resolves the event date of a readout from its lead sentence, title, date lines and path.
pub fn resolve(lead: &str, title: &str, meta: &[(MetaKind, String)], path: &str) -> EventDate {
    resolve_with(lead, title, meta, &[], path)
}

/// [`resolve`], with the dates an HTML page's markup gives (`markup`, in order of trust): they
/// rank as a byline, after the page's date lines and title and before the path, and date
/// "today" or "on Friday" as a byline does.
pub fn resolve_with(
    lead: &str,
    title: &str,
    meta: &[(MetaKind, String)],
    markup: &[Date],
    path: &str,
) -> EventDate {
    if let Some(date) = from_full_dateline(lead) {
        return date;
    }
    let (dateline, lead) = split_dateline(lead);
    let page = page_date(title, meta, markup);
    // The path is read only when the text gives no page date: most readouts date themselves.
    let path_text = path;
    let path = std::cell::OnceCell::new();
    let path = || *path.get_or_init(|| path_date(path_text));
    let reference = || page.map(|p| p.0).or_else(path);

    if let Some(f) = find_dates(lead)
        .into_iter()
        .find(|f| !is_other_event(lead, f.start))
    {
        return EventDate::of(f.date, DateSource::Lead);
    }
    if let Some(f) = find_month_days(lead)
        .into_iter()
        .find(|f| !is_other_event(lead, f.0))
    {
        return match same_day_in_meta(meta, f.2, f.3)
            .or_else(|| reference().and_then(|r| with_year(f.2, f.3, r)))
        {
            Some(date) => EventDate::of(date, DateSource::Lead),
            None => EventDate::UNKNOWN,
        };
    }
    if let Some((_, _, date)) = find_month_years(lead)
        .into_iter()
        .find(|f| !is_other_event(lead, f.0))
    {
        return EventDate::of(date, DateSource::Lead);
    }
    let dated_by_dateline = dateline.and_then(|(m, d)| {
        let date = same_day_in_meta(meta, m, d).or_else(|| with_year(m, d, reference()?))?;
        Some((date, DateSource::Dateline))
    });
    if let Some(want) = weekday_named(lead) {
        if let Some((date, source)) = dated_by_dateline {
            return EventDate::of(date, source);
        }
        if let Some((day, source)) = page
            && let Some(date) = weekday_on_or_before(day, want)
        {
            return EventDate::of(date, source);
        }
    }
    if let Some(days) = relative_days(lead)
        && let Some((day, source)) = page
        && day.day.is_some()
        && let Some(date) = date::add_days(day, days)
    {
        return EventDate::of(date, source);
    }
    if let Some((date, source)) = dated_by_dateline {
        return EventDate::of(date, source);
    }
    if let Some((date, source)) = page {
        return EventDate::of(date, source);
    }
    match path() {
        Some(date) => EventDate::of(date, DateSource::Path),
        None => EventDate::UNKNOWN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_told_after_the_lead_s_own_contact_dates_it() {
        for lead in [
            "Minister Ana Soto held a telephone conversation on 3 March 2021 with her counterpart.",
            "Minister Ana Soto received a phone call on 3 March 2021 from her counterpart.",
            "Minister Ana Soto had a meeting on 3 March 2021 with her counterpart.",
            "In a telephone conversation on 3 March 2021, Minister Ana Soto and her counterpart spoke of trade.",
        ] {
            assert_eq!(
                resolve(lead, "", &[], "x.txt")
                    .date
                    .map(|d| d.to_string())
                    .as_deref(),
                Some("2021-03-03"),
                "{lead}"
            );
        }
        // Their earlier meeting's day is not this contact's.
        let lead =
            "Minister Ana Soto called her counterpart, following their meeting on 3 March 2021.";
        assert_eq!(resolve(lead, "", &[], "x.txt").date, None);
    }

    #[test]
    fn a_lead_that_cannot_open_with_a_dateline_is_told_without_the_pattern() {
        for wire in [
            "BEIJING, June 19 (Xinhua) -- Chinese President Xi Jinping held talks",
            "ISLAMABAD, JAN 17 /DNA/ – Prime Minister",
            "  TEHRAN, Nov. 04 (MNA) – Iranian",
            "SÃO PAULO, May 2 - Brazil's",
        ] {
            assert!(may_start_with_dateline(wire), "{wire}");
            assert!(split_dateline(wire).0.is_some(), "{wire}");
        }
        for lead in [
            "On March 14, 2021, President Biden spoke with",
            "President Xi Jinping held talks with President Putin in Moscow, Russia.",
            "Xi Jinping",
            "A, May 2 - too short a place",
        ] {
            assert!(!may_start_with_dateline(lead), "{lead}");
            assert_eq!(split_dateline(lead), (None, lead));
        }
    }

    /// What `split_dateline` gave when it read the month and day from the whole pattern's group.
    fn split_by_groups(lead: &str) -> (Option<(u8, u8)>, &str) {
        match WIRE_DATELINE.captures(lead) {
            Some(c) => match find_month_days(&c["md"]).first().map(|f| (f.2, f.3)) {
                Some(md) => (Some(md), &lead[c.get(0).map_or(0, |m| m.end())..]),
                None => (None, lead),
            },
            None => (None, lead),
        }
    }

    proptest::proptest! {
        #[test]
        fn the_dateline_split_is_the_one_its_groups_give(
            lead in "[ ]{0,2}[A-ZÉ][A-Za-zé .'’-]{0,12}, {1,2}(May|Jan\\.|JUNE|Sept|Septembers|Xyz)[.]? {1,2}[0-9]{1,3}(, [0-9]{4})? ?(\\(Xinhua\\)|/DNA/)? ?(--|–|-|:|,)? ?[A-Za-z ]{0,8}"
        ) {
            proptest::prop_assert_eq!(split_dateline(&lead), split_by_groups(&lead), "{:?}", lead);
        }

        #[test]
        fn no_lead_the_check_rejects_has_a_dateline(
            lead in "[ \t]{0,2}[A-Za-zÉé0-9 .'’,:(/-]{0,50}( (May|Jan\\.|JUNE) [0-9]{1,2})?[ ,(A-Z)/:–—-]{0,8}[a-z ]{0,5}"
        ) {
            if !may_start_with_dateline(&lead) {
                proptest::prop_assert!(WIRE_DATELINE.captures(&lead).is_none(), "{:?}", lead);
            }
        }
    }

    fn at(
        lead: &str,
        title: &str,
        meta: &[(MetaKind, &str)],
        path: &str,
    ) -> (String, &'static str, &'static str) {
        let meta: Vec<(MetaKind, String)> = meta.iter().map(|(k, l)| (*k, l.to_string())).collect();
        let e = resolve(lead, title, &meta, path);
        (
            e.date.map(|d| d.to_string()).unwrap_or_default(),
            e.precision.as_str(),
            e.source.map_or("", |s| s.as_str()),
        )
    }

    #[test]
    fn the_leads_own_date_wins() {
        assert_eq!(
            at(
                "In the evening of December 15, 2013, President Xi Jinping spoke with...",
                "",
                &[(MetaKind::Header, "2013/12/16")],
                ""
            ),
            ("2013-12-15".into(), "day", "lead")
        );
    }

    #[test]
    fn partial_lead_date_takes_the_year_of_the_header() {
        assert_eq!(
            at(
                "On the afternoon of 21 March local time, Wang Yi met...",
                "",
                &[(MetaKind::Header, "2019/03/22")],
                ""
            ),
            ("2019-03-21".into(), "day", "lead")
        );
        assert_eq!(
            at(
                "On December 31, the two ministers spoke.",
                "",
                &[(MetaKind::Header, "January 2, 2020")],
                ""
            ),
            ("2019-12-31".into(), "day", "lead")
        );
    }

    #[test]
    fn a_dateline_with_a_full_date_dates_the_lead() {
        for (lead, want) in [
            (
                "WASHINGTON, May 3, 2021 — President Biden spoke with President Macron.",
                "2021-05-03",
            ),
            (
                "Islamabad, August 24, 2021 (PPI-OT): Prime Minister Khan spoke with ...",
                "2021-08-24",
            ),
            (
                "ATHENS, 27 August 2020 – Prime Minister Mitsotakis spoke yesterday with ...",
                "2020-08-26",
            ),
            (
                "ATHENS, 27 August 2020 – President Trump called Prime Minister Mitsotakis on \
                 Wednesday.",
                "2020-08-26",
            ),
            (
                "Suva, Fiji, 15 September 2023 - Prime Minister Ana Soto met with Prime \
                 Minister Luis Rojas yesterday in Suva.",
                "2023-09-14",
            ),
        ] {
            assert_eq!(
                at(lead, "", &[], ""),
                (want.into(), "day", "dateline"),
                "{lead}"
            );
        }
        assert_eq!(
            at(
                "Addis Ababa February 6/2022 /ENA/ Prime Minister Abiy Ahmed has discussed with \
                 President Buhari.",
                "",
                &[],
                ""
            ),
            ("2022-02-06".into(), "day", "dateline")
        );
        // A place is no dateline without the mark that ends one.
        assert_eq!(
            at("Paris, 3 May 2021 is when they met.", "", &[], "").2,
            "lead"
        );
        // The lead's day without a year is the contact's, in the dateline's year.
        for (lead, want) in [
            (
                "Oslo, 15 March 2024 (NTB): The Foreign Minister spoke on March 14 with her Finnish counterpart.",
                "2024-03-14",
            ),
            (
                "LIMA, January 2, 2020 — The President met on 30 December with the Chilean Foreign Minister.",
                "2019-12-30",
            ),
        ] {
            assert_eq!(
                at(lead, "", &[], ""),
                (want.into(), "day", "lead"),
                "{lead}"
            );
        }
    }

    #[test]
    fn the_day_a_later_sentence_gives_the_contact() {
        assert_eq!(
            contact_weekday("The landmark phone call by Obama came on Friday as he left.")
                .as_deref(),
            Some("on Friday")
        );
        assert_eq!(
            contact_weekday("The meeting took place on Monday, 3 May 2021, in Rome."),
            None,
            "a full date speaks for itself"
        );
        assert_eq!(contact_weekday("He will travel on Friday."), None);
    }

    #[test]
    fn a_page_dated_months_later_gives_no_year() {
        assert_eq!(
            at(
                "On Feb. 19, the three foreign ministers met in Tbilisi.",
                "",
                &[(MetaKind::Header, "29.05.2020 11:10")],
                ""
            ),
            (String::new(), "unknown", "")
        );
    }

    #[test]
    fn a_date_in_brackets_after_an_anniversary_is_not_the_contacts() {
        assert_eq!(
            at(
                "Prime Minister A on Thursday held phone talks with Premier B on the occasion of \
                 the 72nd founding anniversary of diplomatic relations (January 18, 2022).",
                "",
                &[(MetaKind::Byline, "January 13, 2022 3:40 PM")],
                ""
            ),
            ("2022-01-13".into(), "day", "byline")
        );
    }

    #[test]
    fn a_partial_date_without_any_year_is_unknown() {
        assert_eq!(
            at("On February 22, the two leaders met.", "", &[], ""),
            (String::new(), "unknown", "")
        );
    }

    #[test]
    fn wire_datelines_with_the_year_from_the_byline() {
        assert_eq!(
            at(
                "BEIJING, June 19 (Xinhua) -- Chinese President Xi Jinping on Friday held a phone call with...",
                "",
                &[(
                    MetaKind::Byline,
                    "Source: Xinhua| 2020-06-19 22:01:35| Editor: huaxia"
                )],
                ""
            ),
            ("2020-06-19".into(), "day", "dateline")
        );
        assert_eq!(
            at(
                "ISLAMABAD, JAN 17 /DNA/ – Prime Minister Imran Khan held...",
                "",
                &[(MetaKind::Byline, "Publication Date: 18/01/2021")],
                ""
            ),
            ("2021-01-17".into(), "day", "dateline")
        );
    }

    #[test]
    fn relative_days_count_from_the_page_date() {
        assert_eq!(
            at(
                "The Prime Minister spoke to President Trump this evening.",
                "PM call with President Trump: 23 November 2025",
                &[],
                ""
            ),
            ("2025-11-23".into(), "day", "title")
        );
        assert_eq!(
            at(
                "President Biden spoke today with Prime Minister Kishida.",
                "",
                &[(MetaKind::Header, "March 14, 2021")],
                ""
            ),
            ("2021-03-14".into(), "day", "header")
        );
        assert_eq!(
            at(
                "The President spoke by phone yesterday with...",
                "",
                &[(
                    MetaKind::Byline,
                    "Published By : Admin | June 2, 2020 | 21:29 IST"
                )],
                ""
            ),
            ("2020-06-01".into(), "day", "byline")
        );
    }

    #[test]
    fn a_weekday_is_the_last_such_day_up_to_the_page_date() {
        assert_eq!(
            at(
                "On Friday, the two leaders spoke.",
                "",
                &[(MetaKind::Header, "2020/06/21")],
                ""
            ),
            ("2020-06-19".into(), "day", "header")
        );
    }

    #[test]
    fn a_weekday_right_after_or_before_the_verb() {
        for lead in [
            "President Ana Soto met Monday in the palace with her Peruvian counterpart.",
            "President Ana Soto Monday held talks with her Peruvian counterpart.",
        ] {
            assert_eq!(
                at(lead, "", &[(MetaKind::Header, "2024/10/01")], ""),
                ("2024-09-30".into(), "day", "header"),
                "{lead}"
            );
        }
    }

    #[test]
    fn other_events_dates_are_not_the_event_date() {
        assert_eq!(
            at(
                "The two leaders recalled the Inter-Korean Summit held on April 27, 2018 and spoke today.",
                "",
                &[(MetaKind::Header, "2018/05/20")],
                ""
            ),
            ("2018-05-20".into(), "day", "header")
        );
    }

    fn with_markup(lead: &str, meta: &[(MetaKind, &str)], markup: &str) -> (String, &'static str) {
        let meta: Vec<(MetaKind, String)> = meta.iter().map(|(k, l)| (*k, l.to_string())).collect();
        let markup: Vec<Date> = find_dates(markup).into_iter().map(|f| f.date).collect();
        let e = resolve_with(lead, "", &meta, &markup, "2001/01/01/page.html");
        (
            e.date.map(|d| d.to_string()).unwrap_or_default(),
            e.source.map_or("", |s| s.as_str()),
        )
    }

    #[test]
    fn the_markups_date_ranks_after_the_texts_own_dates_and_before_the_path() {
        // The lead's own date wins.
        assert_eq!(
            with_markup("On March 14, 2021, the two leaders met.", &[], "2021-03-15"),
            ("2021-03-14".into(), "lead")
        );
        // A date line of the text wins.
        assert_eq!(
            with_markup(
                "The two leaders met today.",
                &[(MetaKind::Byline, "Published 2 June 2020")],
                "2020-06-03"
            ),
            ("2020-06-02".into(), "byline")
        );
        // Alone, it dates the contact, and "today" counts from it.
        assert_eq!(
            with_markup("The two leaders met.", &[], "2020-06-03"),
            ("2020-06-03".into(), "meta")
        );
        assert_eq!(
            with_markup("The two leaders spoke yesterday.", &[], "2020-06-03"),
            ("2020-06-02".into(), "meta")
        );
        // It gives the year of a lead's "On March 14".
        assert_eq!(
            with_markup("On March 14, the two leaders met.", &[], "2021-03-15"),
            ("2021-03-14".into(), "lead")
        );
        // Without it, the path.
        assert_eq!(
            with_markup("The two leaders met.", &[], ""),
            ("2001-01-01".into(), "path")
        );
    }

    #[test]
    fn the_path_is_a_last_resort() {
        assert_eq!(
            at(
                "The two leaders met.",
                "",
                &[],
                "corpus/2019/12/09/readout.txt"
            ),
            ("2019-12-09".into(), "day", "path")
        );
        assert_eq!(
            at(
                "The two leaders met.",
                "",
                &[],
                "mea/call-with-pm-25-october-2022.txt"
            ),
            ("2022-10-25".into(), "day", "path")
        );
    }
}
