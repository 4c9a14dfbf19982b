//! Where a contact took place, as the lead states it: "at the Great Hall of the People".

use crate::loader::pattern::Pattern;
use crate::record::EventType;
use regex::Regex;
use std::sync::LazyLock;

static PLACE: Pattern = Pattern::new(|| {
    Regex::new(&format!(r"(?-u:\b)(?:at|in)\s+({})", place_run())).expect("valid regex")
});

/// A named place, as a pattern: capitalised words joined by "of", "the", "de", "and"; headed
/// by a venue word ("the headquarters of the Presidency") or ending in one after a possessive
/// ("the Chief Adviser's office"), as `venue_words.txt` lists them.
fn place_run() -> String {
    let venues = crate::data::VENUE_WORDS
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    format!(
        r"(?:the\s+(?:{venues})\s+of\s+(?:the\s+)?|the\s+)?\p{{Lu}}[\p{{L}}'’\-]*(?:\s+(?:(?:of\s+the|of|the|de|and)(?-u:\b)|\p{{Lu}}[\p{{L}}'’\-]*))*(?:\s+(?:{venues})(?-u:\b))?"
    )
}

const NOT_PLACES: [&str; 9] = [
    "Request",
    "His",
    "Her",
    "Their",
    "Mr",
    "President",
    "Prime",
    "Minister",
    "Secretary",
];

/// "welcomed President Biden to Downing Street", "wrapped up her visit to Washington",
/// "visited Istanbul": a place reached, told by the verb of arriving.
static REACHED: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:welcomed|welcomes|received|receives|hosted|hosts)(?-u:\b)[^.;]{0,120}?(?-u:\b)to|visits?\s+to|visited|visiting|arrived\s+(?:in|at))\s+((?:the\s+)?\p{Lu}[\p{L}'’\-.]*(?:\s+(?:of\s+the|of|the|de|and|\p{Lu}[\p{L}'’\-.]*))*)")
        .expect("valid regex")
});

/// "in the nation's capital, Abu Dhabi", "in the Kingdom's capital Riyadh": the capital named
/// after the country's, for what it is; also "in the Turkish capital Ankara", "in the capital,
/// Nairobi", "in the capital city of Hanoi"; and other towns so named: "in the southern city
/// of Arequipa", "in the port city of Mombasa".
static NAMED_CAPITAL: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?:in|at)\s+the\s+(?:(?i:nation|country|kingdom|republic|emirate|state)[’']s\s+|\p{Lu}\p{L}+\s+)?(?:capital(?:\s+city)?|(?:\p{Ll}+\s+)?(?:city|town|port\s+city|resort\s+city|resort\s+town))(?:,|\s+of)?\s+(\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,2})")
        .expect("valid regex")
});

/// A wire or press-release dateline's place: "MOSCOW, October 10. /TASS/.", "Paris, 20 January".
static DATELINE_PLACE: Pattern = Pattern::new(|| {
    Regex::new(r"^\s*(\p{Lu}[\p{Lu} .'’\-]{2,30}|\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?),?\s+(?:\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}|\d{1,2}(?:st|nd|rd|th)?,?\s+\p{Lu}\p{Ll}{2,8})")
        .expect("valid regex")
});

/// Where an in-person contact took place: the first place the lead names after "at", "in" or a
/// verb of arriving. A call, video call or message has no place.
pub fn location(lead: &str, kind: Option<EventType>) -> Option<String> {
    if !is_in_person(kind) {
        return None;
    }
    let (_, body) = super::when::split_dateline(lead);
    let mut found: Vec<(usize, String)> = Vec::new();
    for re in [&PLACE, &REACHED, &NAMED_CAPITAL] {
        if let Some((at, place)) = re.captures_iter(body).find_map(|c| {
            let m = c.get(1)?;
            let place = clean_place(m.as_str())?;
            // "upon his arrival in Egypt, Cairo": the city after its country.
            let place = city_after_country(&place, &body[m.end()..]).unwrap_or(place);
            let visitor = c.get(0)?.as_str().starts_with("visiting")
                && (names_a_people(&place) || names_an_office(&place));
            let after = &body[m.end()..];
            let planned = is_planned_after(after);
            let sides = is_pair_of_sides(after)
                && crate::data::country_by_name(place.trim_start_matches("the ")).is_some();
            (!visitor && !planned && !sides && !is_other_place(&body[..m.start()]))
                .then_some((m.start(), place))
        }) {
            found.push((at, place));
        }
    }
    // The first place; of two at one start ("the Chief Adviser" and "the Chief Adviser's
    // office"), the longer. A country is the least specific: "who is on a State visit to
    // Tanzania, at State House" gives the venue.
    found.sort_by_key(|(at, place)| {
        let country = crate::data::country_by_name(place.trim_start_matches("the ")).is_some();
        (country, *at, std::cmp::Reverse(place.len()))
    });
    found.into_iter().next().map(|(_, place)| place)
}

/// The known place set off by a comma after a country: "in Egypt, Cairo" is in Cairo.
fn city_after_country(place: &str, after: &str) -> Option<String> {
    const CITY_WORDS: usize = 3;
    crate::data::country_by_name(place.trim_start_matches("the "))?;
    let rest = after.strip_prefix(", ")?;
    let words: Vec<&str> = rest
        .split_whitespace()
        .take(CITY_WORDS)
        .take_while(|w| w.starts_with(char::is_uppercase))
        .collect();
    (1..=words.len()).rev().find_map(|n| {
        let city = words[..n].join(" ");
        let city = city.trim_end_matches([',', '.', ';']);
        super::layout::is_known_place(city).then(|| city.to_string())
    })
}

/// The place of the lead's dateline ("MOSCOW, October 10. /TASS/.", "Addis Ababa — "), for an
/// in-person contact whose text names no other place.
pub fn lead_dateline_place(lead: &str, kind: Option<EventType>) -> Option<String> {
    if !is_in_person(kind) {
        return None;
    }
    let (_, body) = super::when::split_dateline(lead);
    let mut end = (lead.len() - body.len()).max(lead.len().min(60));
    while !lead.is_char_boundary(end) {
        end += 1;
    }
    dateline_place(&lead[..end])
}

/// The place a text says was reached ("Official visit to China"), for an in-person contact.
pub fn place_reached(text: &str, kind: Option<EventType>) -> Option<String> {
    if matches!(
        kind,
        Some(EventType::PhoneCall | EventType::VideoCall | EventType::Message)
    ) {
        return None;
    }
    REACHED
        .captures_iter(text)
        .find_map(|c| clean_place(c.get(1)?.as_str()))
}

/// The place of a dateline, in title case when the dateline shouts it.
fn dateline_place(lead: &str) -> Option<String> {
    // "Addis Ababa — Prime Minister ...", "PUTRAJAYA: Prime Minister ...", "WASHINGTON (May 3,
    // 2021) —", "WASHINGTON (AP) —": a dateline without a date of its own, told by its dash, or
    // by a place in capitals and a colon or a bracket.
    static UNDATED: Pattern = Pattern::new(|| {
        Regex::new(r"^\s*(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?|\p{Lu}{3,}(?:[ -]\p{Lu}{3,})?)\s*(?:—|–|--)\s+\p{Lu}|^\s*(\p{Lu}{3,}(?:[ -]\p{Lu}{3,})?)\s*(?::\s+\p{Lu}|\((?:\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2},?\s+\d{4}|\p{Lu}\p{L}{1,11})\)\s*(?:—|–|--|-))")
            .expect("valid regex")
    });
    let c = DATELINE_PLACE.captures(lead);
    let undated = UNDATED.captures(lead);
    let place = match (&c, &undated) {
        (Some(c), _) => c.get(1)?.as_str(),
        (None, Some(u)) => u.get(1).or(u.get(2))?.as_str(),
        // "Washington (Dec. 19/19). The Minister ...": a known place before a bracket, or a
        // city and its country ("Antalya, Turkey (ANTARA News) -").
        (None, None) => {
            let head = lead.split_once(" (")?.0.trim();
            if super::layout::is_known_place(head) {
                head
            } else {
                let (city, country) = head.rsplit_once(", ")?;
                let city_words = city.split_whitespace().count();
                (crate::data::country_by_name(country).is_some()
                    && (1..=3).contains(&city_words)
                    && city
                        .split_whitespace()
                        .all(|w| w.starts_with(char::is_uppercase)))
                .then_some(city)?
            }
        }
    };
    let place = place.trim();
    let first = place.split([' ', '-']).next().unwrap_or("");
    let not_a_place = matches!(
        first,
        "On" | "In"
            | "At"
            | "From"
            | "By"
            | "Since"
            | "Until"
            | "Today"
            | "Yesterday"
            | "Last"
            | "This"
            | "Earlier"
            | "Later"
    ) || place
        .split([' ', '-'])
        .any(|w| super::date::weekday_number(&w.to_lowercase()).is_some());
    // "PRESIDENT BIDEN:" opens a transcript's turn, not a dateline.
    let office = place.split([' ', '-']).any(|w| {
        crate::data::TITLES
            .iter()
            .chain(crate::data::HONORIFICS.iter())
            .any(|t| t.eq_ignore_ascii_case(w))
    });
    if not_a_place || office || crate::data::country_by_name_or_adjective(place).is_some() {
        return None;
    }
    Some(unshouted(place))
}

/// A place as a dateline writes it, in title case when the dateline shouts it ("ADDIS ABABA").
fn unshouted(place: &str) -> String {
    if place.chars().any(char::is_lowercase) {
        return place.to_string();
    }
    super::normalize::title_case(place)
}

/// "the new Ambassador of Sudan in Iraq", "the next summit, to be held in Chicago", "heads of
/// missions representing their countries in Mongolia": the place of an envoy's posting or of
/// another, planned event, not of the contact (`planned_place_words.txt`, `posting_words.txt`).
fn is_other_place(before: &str) -> bool {
    // The window starts at a word's start: "resident" cut from "President" is no word.
    let mut from = before.len().saturating_sub(60);
    while from > 0
        && from < before.len()
        && (!before.is_char_boundary(from) || before.as_bytes()[from - 1].is_ascii_alphanumeric())
    {
        from += 1;
    }
    // Within the place's own clause: "… in New York next week will be crucial, the President
    // said in Athens" keeps "next" from Athens.
    let window = &before[from..];
    let window = window.rsplit([',', ';']).next().unwrap_or(window);
    let has = |words: &[String]| {
        words
            .iter()
            .any(|w| super::ascii::contains_phrase_ignore_case(window, w))
    };
    let at_venue = before.trim_end().ends_with(" at") || before.trim_end() == "at";
    has(&crate::data::PLANNED_PLACE_WORDS)
        || (!at_venue && has(&crate::data::POSTING_WORDS))
        || is_topic_place(before)
}

/// "the situation in Montenegro", "tension in the region": a place the sides talked about
/// (`topic_place_words.txt`), the noun right before its "in".
fn is_topic_place(before: &str) -> bool {
    let before = before.trim_end();
    let before = before.strip_suffix(" the").unwrap_or(before);
    let Some(head) = before.strip_suffix(" in") else {
        return false;
    };
    let noun = head.rsplit(char::is_whitespace).next().unwrap_or(head);
    crate::data::TOPIC_PLACE_WORDS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(noun))
}

/// "The UN General Assembly in New York next week will be crucial, the President said after he
/// met …": a place followed within a few words by a planned event's words
/// (`planned_place_words.txt`) is that event's.
fn is_planned_after(after: &str) -> bool {
    const WORDS_AFTER: usize = 3;
    let end = after
        .split_inclusive(char::is_whitespace)
        .filter(|w| !w.trim().is_empty())
        .take(WORDS_AFTER)
        .map(str::len)
        .sum::<usize>();
    // The words' lengths count from the first word; leading spaces too.
    let lead = after.len() - after.trim_start().len();
    let window = after.get(..(lead + end).min(after.len())).unwrap_or(after);
    crate::data::PLANNED_PLACE_WORDS
        .iter()
        .any(|w| super::ascii::contains_phrase_ignore_case(window, w))
}

/// The place a sentence after the lead says the contact took place in: "The audience took
/// place at the AU Commission Headquarters in Addis Ababa, Ethiopia.", "They met at the AU
/// Headquarters", "called on Prime Minister Hale at the Parliament House". Not from a
/// sentence about another contact ("recently met ... at", `another_contact_words.txt`).
pub fn place_stated(sentences: &[&str], kind: Option<EventType>) -> Option<String> {
    static TOOK_PLACE: Pattern = Pattern::new(|| {
        Regex::new(&format!(r"(?i:(?-u:\b)(?:meeting|talks|audience|ceremony|conversation|signing|visit)\s+(?:\w+\s+){{0,2}}?(?:took\s+place|was\s+held|were\s+held|was\s+hosted)\s+(?:at|in))\s+({})", place_run()))
            .expect("valid regex")
    });
    static MET_AT: Pattern = Pattern::new(|| {
        Regex::new(&format!(r"(?-u:\b)(?:met|meets|called\s+on|(?:had|held)\s+(?:a|an|their)\s+(?:[\w-]+\s+){{0,2}}?(?:meeting|talks|discussions)|held\s+(?:[\w-]+\s+){{0,2}}?(?:talks|discussions)|meeting\s+with)(?-u:\b)[^.;]{{0,80}}?\sat\s+({})", place_run()))
            .expect("valid regex")
    });
    // "The meeting took place yesterday in the nation's capital, Abu Dhabi", "At the meeting
    // held at the Ministry of Foreign Affairs this afternoon": the first place the lead's rules
    // find after the words that say the meeting was held.
    static HELD: Pattern = Pattern::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:meeting|talks|audience|ceremony|conversation|signing)\s+(?:\w+\s+){0,2}?(?:took\s+place|was\s+held|were\s+held|was\s+hosted|held)(?-u:\b)")
            .expect("valid regex")
    });
    if !is_in_person(kind) {
        return None;
    }
    sentences.iter().find_map(|s| {
        if let Some(place) = TOOK_PLACE
            .captures(s)
            .and_then(|c| clean_place(c.get(1)?.as_str()))
        {
            return Some(place);
        }
        let another = || {
            crate::data::ANOTHER_CONTACT_WORDS
                .iter()
                .any(|w| super::ascii::contains_phrase_ignore_case(s, w))
        };
        HELD.find(s)
            .and_then(|m| location(&s[m.end()..], kind))
            .or_else(|| clean_place(MET_AT.captures(s)?.get(1)?.as_str()))
            .filter(|_| !another())
    })
}

/// The place a date line names before the date ("Lusaka, 3 March 2022") or beside the date and
/// the publisher ("January 20, 2022 - Paris, France - Global Affairs Canada" gives Paris), for
/// an in-person contact.
pub fn place_in_date_line(lines: &[&str], kind: Option<EventType>) -> Option<String> {
    if !is_in_person(kind) {
        return None;
    }
    lines.iter().find_map(|line| {
        if let Some(head) = date_line_head_place(line) {
            return Some(unshouted(head));
        }
        line.split(" - ").skip(1).find_map(|label| {
            let (place, country) = label.trim().rsplit_once(", ")?;
            crate::data::country_by_name_or_adjective(country)?;
            let place = place.trim();
            (place.split_whitespace().count() <= 4
                && place.chars().next().is_some_and(char::is_uppercase))
            .then(|| place.to_string())
        })
    })
}

/// "Lusaka, 3 March 2022": the known place heading a date line, which is its dateline.
fn date_line_head_place(line: &str) -> Option<&str> {
    let head = line.split([',', '–', '—']).next().unwrap_or("");
    let head = head.split(" - ").next().unwrap_or(head).trim();
    (head.len() < line.trim().len() && super::layout::is_known_place(head)).then_some(head)
}

/// The country whose capital (or seat of government) a text's dateline names: "Muscat: His
/// Majesty ...", "Amman, 18 June 2020 – ...", "ABU DHABI, 17 February 2020 –", after a news
/// agency's name: "RSS (KATHMANDU, 29 March 2022) –" (`capitals.tsv`).
pub fn dateline_capital_country(text: &str) -> Option<&'static str> {
    static DATELINE: Pattern = Pattern::new(|| {
        Regex::new(
            r"^\s*(?:\p{Lu}{2,8}\s*\(\s*)?(\p{Lu}[\p{L} .'’-]{1,30}?)\s*(?:,|:|—|–|--|\(|\s-\s)",
        )
        .expect("valid regex")
    });
    let city = DATELINE.captures(text)?.get(1)?.as_str().trim();
    capital_country(city)
}

/// The country whose capital a page's dateline set apart names: its place line ("Riyadh -
/// Saba", "New Delhi" over a date) or the place heading a date line ("Lusaka, 3 March 2022").
pub fn dateline_line_capital_country(
    place_line: Option<&str>,
    lines: &[&str],
) -> Option<&'static str> {
    place_line
        .into_iter()
        .chain(lines.iter().filter_map(|l| date_line_head_place(l)))
        .find_map(capital_country)
}

/// The country a capital (or seat of government) is of, in any case (`capitals.tsv`).
fn capital_country(city: &str) -> Option<&'static str> {
    static BY_NAME: LazyLock<rustc_hash::FxHashMap<String, &'static str>> = LazyLock::new(|| {
        crate::data::CAPITALS
            .iter()
            .map(|(city, code)| (city.to_lowercase(), code.as_str()))
            .collect()
    });
    // "Nuku’alofa" typed with a curly apostrophe is the table's "Nuku'alofa".
    BY_NAME.get(&city.to_lowercase().replace('’', "'")).copied()
}

/// A page's place line above its date line ([`super::layout::Layout::place_line`]), for an
/// in-person contact whose text names no place.
pub fn place_of_dateline_line(place: Option<&str>, kind: Option<EventType>) -> Option<String> {
    place.filter(|_| is_in_person(kind)).map(str::to_string)
}

fn is_in_person(kind: Option<EventType>) -> bool {
    !matches!(
        kind,
        Some(EventType::PhoneCall | EventType::VideoCall | EventType::Message)
    )
}

/// Whether a phrase opens with a people's adjective ("Saudi Arabian Crown Prince Mohammed"):
/// after "visiting" it is the visitor, not a place visited.
fn names_a_people(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().take(2).collect();
    (1..=words.len()).any(|n| {
        let first = words[..n].join(" ");
        crate::data::is_country_adjective(&first) && crate::data::country_by_name(&first).is_none()
    })
}

/// Whether a phrase holds an office's word ("U.S. Vice President Kamala Harris"): after
/// "visiting" it is the visitor, not a place visited.
fn names_an_office(phrase: &str) -> bool {
    phrase
        .split_whitespace()
        .any(|w| crate::data::TITLES.iter().any(|t| t == w))
}

/// A place as matched, trimmed of joining words, or nothing when it is a date, a person or a flag.
fn clean_place(raw: &str) -> Option<String> {
    let mut place = cut_run_on(raw.trim())
        .trim_end_matches([',', '.'])
        .to_string();
    for tail in [" of the", " of", " the", " de", " and"] {
        while let Some(p) = place.strip_suffix(tail) {
            place = p.to_string();
        }
    }
    if let Some(p) = place.strip_suffix("'s").or(place.strip_suffix("’s")) {
        place = p.to_string();
    }
    let first_word = place
        .trim_start_matches("the ")
        .split_whitespace()
        .next()
        .unwrap_or("");
    let is_date = super::date::month_number(first_word).is_some()
        || first_word.ends_with("day")
        || matches!(first_word, "Today" | "Tonight" | "Tomorrow" | "Yesterday");
    // "at the Prime Minister's office" is a place; "at Prime Minister Ali's invitation" is not.
    let venue = crate::data::VENUE_WORDS
        .iter()
        .any(|v| place.ends_with(&format!("’s {v}")) || place.ends_with(&format!("'s {v}")));
    let is_person_or_flag = !venue
        && NOT_PLACES
            .iter()
            .any(|w| first_word.trim_end_matches('.') == *w);
    // "in the Kenyan capital Nairobi": a people's adjective alone names no place.
    let unqualified = place.trim_start_matches("the ");
    let adjective_alone = crate::data::is_country_adjective(unqualified)
        && crate::data::country_by_name(unqualified).is_none();
    (!is_date
        && !is_person_or_flag
        && !adjective_alone
        && !is_region(unqualified)
        && place.len() > 2)
        .then_some(place)
}

/// "the latter's visit to Europe", "a tour of the Middle East": a continent or region, no
/// country, is where no contact took place (`region_words.txt`).
fn is_region(place: &str) -> bool {
    place
        .split_whitespace()
        .all(|w| crate::data::REGION_WORDS.iter().any(|r| r == w))
        && crate::data::country_by_name(place).is_none()
}

/// "participating in the Chile - Peru Opinion Leaders Meeting", "the India–Pakistan talks": a
/// country with a dash and another country after it names the two sides, not a place.
fn is_pair_of_sides(after: &str) -> bool {
    let Some(rest) = after.trim_start().strip_prefix(['-', '–', '—']) else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().take(3).collect();
    (1..=words.len()).any(|n| crate::data::country_by_name(&words[..n].join(" ")).is_some())
}

/// A place cut where its run of capitalised words runs on into what follows it: a weekday
/// ("a visit to Kazakhstan Tuesday"), a people's adjective and an office ("welcomed at the Grand
/// Serail Qatari Ambassador to Lebanon"), or a venue word with no possessive before it (a venue
/// word ends a place only as "the Chief Adviser's office").
fn cut_run_on(place: &str) -> String {
    static TITLE_FIRST_WORDS: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
        crate::data::TITLES
            .iter()
            .filter_map(|t| t.split_whitespace().next())
            .collect()
    });
    let words: Vec<&str> = place.split_whitespace().collect();
    let cut = (1..words.len())
        .find(|&i| {
            let word = words[i].trim_end_matches([',', '.']);
            super::date::weekday_number(&word.to_lowercase()).is_some()
                || (crate::data::is_country_adjective(word)
                    && words
                        .get(i + 1)
                        .is_some_and(|next| TITLE_FIRST_WORDS.contains(next)))
        })
        .unwrap_or(words.len());
    let mut words = &words[..cut];
    for venue in crate::data::VENUE_WORDS.iter() {
        let venue_words = venue.split_whitespace().count();
        let Some(at) = words.len().checked_sub(venue_words) else {
            continue;
        };
        if at > 0 && words[at..].join(" ") == *venue {
            let possessive = words[at - 1].ends_with("'s") || words[at - 1].ends_with("’s");
            if !possessive {
                words = &words[..at];
            }
            break;
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visiting_leader_is_no_place() {
        assert_eq!(
            location("President Yoon held talks with visiting Saudi Arabian Crown Prince Mohammed at the Presidential Office.", None).as_deref(),
            Some("the Presidential Office")
        );
        assert_eq!(
            location(
                "The Prime Minister met the President while visiting Istanbul.",
                None
            )
            .as_deref(),
            Some("Istanbul")
        );
    }

    #[test]
    fn a_place_the_sides_talked_about_is_no_venue() {
        assert_eq!(
            location(
                "Amid tension in Jerusalem, the two ministers met today in Amman.",
                None
            )
            .as_deref(),
            Some("Amman")
        );
        assert_eq!(
            location(
                "The two officials exchanged views on the current situation in Montenegro.",
                None
            ),
            None
        );
    }

    #[test]
    fn great_hall_of_the_people() {
        assert_eq!(
            location("On March 19, 2017, President Xi Jinping met at the Great Hall of the People with Secretary of State Rex Tillerson of the US.", None).as_deref(),
            Some("the Great Hall of the People")
        );
    }

    #[test]
    fn city_names() {
        assert_eq!(
            location(
                "Prime Minister Modi met President Putin in Vladivostok on Thursday.",
                None
            )
            .as_deref(),
            Some("Vladivostok")
        );
    }

    #[test]
    fn dates_and_request_flags_are_not_places() {
        assert_eq!(
            location(
                "President Xi Jinping held telephone talks at Request in March 2018.",
                None
            ),
            None
        );
        assert_eq!(
            location(
                "On April 12, 2017, President Xi Jinping held telephone talks with President Donald Trump of the US.",
                None
            ),
            None
        );
    }

    #[test]
    fn calls_and_messages_have_no_place() {
        let lead = "President Ana Ruiz spoke by phone with Chancellor Olaf Berg in Berlin.";
        assert_eq!(location(lead, Some(EventType::PhoneCall)), None);
        assert_eq!(
            location(lead, Some(EventType::Meeting)).as_deref(),
            Some("Berlin")
        );
    }

    #[test]
    fn a_place_reached() {
        assert_eq!(
            location("Prime Minister Lena Holt welcomed the President of Chile, Jon Ruiz, to Downing Street this morning.", None).as_deref(),
            Some("Downing Street")
        );
        assert_eq!(
            location("Foreign Secretary Ana Vidal wrapped up her visit to Ottawa today by meeting with Foreign Minister Tom Reid.", None).as_deref(),
            Some("Ottawa")
        );
    }

    #[test]
    fn the_dateline_place_when_the_lead_names_none() {
        assert_eq!(
            lead_dateline_place("MOSCOW, October 10. /TASS/. Prime Minister Ali Hamid has arrived on a visit, a correspondent reported.", Some(EventType::Visit)).as_deref(),
            Some("Moscow")
        );
    }

    #[test]
    fn an_envoys_posting_is_not_the_place() {
        assert_eq!(
            location(
                "The Minister received the new Ambassador of the Republic of Chile in Peru, Mr. Jon Ruiz.",
                None
            ),
            None
        );
        // The city of an envoy's embassy is where the envoy is posted.
        assert_eq!(
            location(
                "The Charge d'Affaires of the Embassy of Pakistan in Abuja, Aamir Khan, paid a courtesy call on the Minister.",
                Some(EventType::Meeting)
            ),
            None
        );
        // The visitor after "visiting" is no place visited.
        assert_eq!(
            location(
                "The President received the visiting U.S. Vice President Ana Soto at the Jubilee House.",
                Some(EventType::Meeting)
            )
            .as_deref(),
            Some("the Jubilee House")
        );
        // Where a visitor is based is not where they met.
        assert_eq!(
            location(
                "The Prime Minister received Dr Ana Soto, who is based in Texas, at the Parliament Building.",
                Some(EventType::Meeting)
            )
            .as_deref(),
            Some("the Parliament Building")
        );
        // A venue "at" is the contact's, envoys or not.
        assert_eq!(
            location(
                "The President received the heads of diplomatic missions at the Presidential Palace in Valletta.",
                None
            )
            .as_deref(),
            Some("the Presidential Palace")
        );
    }

    #[test]
    fn a_venue_beats_a_country_named_before_it() {
        assert_eq!(
            location(
                "The President received President Ana Ruiz, who is on a State visit to Tanzania, at State House.",
                Some(EventType::Meeting)
            )
            .as_deref(),
            Some("State House")
        );
    }

    #[test]
    fn a_region_or_a_pair_of_sides_is_no_place() {
        let meeting = Some(EventType::Meeting);
        assert_eq!(
            location(
                "The ministers held a bilateral meeting on the occasion of the latter's visit to Europe.",
                meeting
            ),
            None
        );
        assert_eq!(
            location(
                "The Minister received columnists participating in the Chile - Peru Opinion Leaders Meeting.",
                meeting
            ),
            None
        );
        // A country whose name is all region words is a country.
        assert_eq!(
            location("The President met the King in South Africa.", meeting).as_deref(),
            Some("South Africa")
        );
    }

    #[test]
    fn a_weekday_before_the_date_is_not_a_dateline_place() {
        assert_eq!(
            location(
                "On Thursday, November 10, President Ana Ruiz met with Premier Li Wei.",
                Some(EventType::Meeting)
            ),
            None
        );
    }

    #[test]
    fn a_place_stated_after_the_lead_or_beside_the_date() {
        let meeting = Some(EventType::Meeting);
        assert_eq!(
            place_stated(
                &["The audience took place at the AU Commission Headquarters in Addis Ababa."],
                meeting
            )
            .as_deref(),
            Some("the AU Commission Headquarters")
        );
        assert_eq!(
            place_stated(
                &["The call took place in Rome."],
                Some(EventType::PhoneCall)
            ),
            None
        );
        assert_eq!(
            place_in_date_line(
                &["January 20, 2022 - Paris, France - Global Affairs Canada"],
                meeting
            )
            .as_deref(),
            Some("Paris")
        );
        assert_eq!(
            place_in_date_line(&["January 20, 2022 - Global Affairs Canada"], meeting),
            None
        );
        // A known place heading the date line is its dateline, shouted or not.
        for line in ["Lusaka, 3 March 2022", "LUSAKA – 3 March 2022"] {
            assert_eq!(
                place_in_date_line(&[line], meeting).as_deref(),
                Some("Lusaka"),
                "{line}"
            );
        }
        assert_eq!(
            place_in_date_line(&["Thursday, 3 March 2022"], meeting),
            None
        );
        assert_eq!(
            place_in_date_line(&["Lusaka, 3 March 2022"], Some(EventType::PhoneCall)),
            None
        );
    }

    #[test]
    fn where_envoys_are_posted_is_not_where_they_met() {
        assert_eq!(
            location(
                "The President received heads of missions representing their countries in Mongolia.",
                Some(EventType::Meeting)
            ),
            None
        );
        assert_eq!(
            location(
                "The Prime Minister welcomed the President of France to Downing Street.",
                Some(EventType::Meeting)
            )
            .as_deref(),
            Some("Downing Street")
        );
    }

    #[test]
    fn the_capital_named_after_the_nations_is_the_place() {
        assert_eq!(
            location(
                "The President received the Prime Minister of Chad in the nation’s capital, Accra, on Monday.",
                Some(EventType::Meeting)
            )
            .as_deref(),
            Some("Accra")
        );
    }

    #[test]
    fn a_dateline_without_a_date_still_places_a_meeting() {
        let meeting = Some(EventType::Meeting);
        assert_eq!(
            lead_dateline_place(
                "Addis Ababa — Prime Minister Abiy Ahmed held discussions with the minister.",
                meeting
            )
            .as_deref(),
            Some("Addis Ababa")
        );
        assert_eq!(
            lead_dateline_place(
                "PUTRAJAYA: Prime Minister Mahathir received the envoy.",
                meeting
            )
            .as_deref(),
            Some("Putrajaya")
        );
        assert_eq!(
            lead_dateline_place("PRESIDENT BIDEN: Thank you all.", meeting),
            None
        );
        assert_eq!(
            lead_dateline_place("Minister Soto (left) met the Senator.", meeting),
            None
        );
        // A date or an agency in brackets after the place, as US departments and wires write it.
        for lead in [
            "NAIROBI (June 9, 2023) — Secretary Ruto met with the visiting minister.",
            "NAIROBI (Reuters) — President Ruto met with the visiting minister.",
            "NAIROBI, 9th June, 2023 (KNA) -- President Ruto met with the visiting minister.",
            "Nairobi (Dec. 19/19). The Minister of Foreign Affairs met today with the Senator.",
            "Nairobi, Kenya (KNA) - The Minister of Foreign Affairs met the Senator.",
        ] {
            assert_eq!(
                lead_dateline_place(lead, meeting).as_deref(),
                Some("Nairobi"),
                "{lead}"
            );
        }
        assert_eq!(
            lead_dateline_place(
                "Addis Ababa October 6/2022 (ENA) Prime Minister Abiy Ahmed held talks.",
                meeting
            )
            .as_deref(),
            Some("Addis Ababa")
        );
    }

    #[test]
    fn a_datelines_capital_tells_its_country() {
        for (text, want) in [
            (
                "Muscat: His Majesty Sultan Haitham received a call",
                Some("OMN"),
            ),
            (
                "Amman, 18 June 2020 – His Majesty King Abdullah received",
                Some("JOR"),
            ),
            (
                "ABU DHABI, 17 February 2020 – Sheikh Mohamed met",
                Some("ARE"),
            ),
            (
                "Addis Ababa — Prime Minister Abiy Ahmed held talks",
                Some("ETH"),
            ),
            (
                "RSS (KATHMANDU, 29 March 2022) – Foreign Affairs Minister Ram Thapa held",
                Some("NPL"),
            ),
            ("WASHINGTON (AP) — The President met", Some("USA")),
            ("Note: the President met", None),
            ("President Biden met, today,", None),
        ] {
            assert_eq!(dateline_capital_country(text), want, "{text}");
        }
    }

    #[test]
    fn a_venue_word_heads_or_ends_a_place() {
        assert_eq!(
            location("President Ali held on Monday at the headquarters of the Presidency of the Republic talks with his Malian counterpart.", None).as_deref(),
            Some("the headquarters of the Presidency of the Republic")
        );
        assert_eq!(
            place_stated(
                &["The meeting took place at the Prime Minister’s office in Colombo."],
                None
            )
            .as_deref(),
            Some("the Prime Minister’s office")
        );
        // A venue word without a possessive before it is not part of the place; "of" is a word,
        // not the start of "office".
        assert_eq!(
            location(
                "The ministers met at the Grand Hotel office of the forum.",
                None
            )
            .as_deref(),
            Some("the Grand Hotel")
        );
    }

    #[test]
    fn a_place_ends_before_a_weekday_or_a_visitor() {
        assert_eq!(
            location(
                "Premier Karam on Monday welcomed at the Grand Serail Egyptian Ambassador Omar Nabil.",
                None
            )
            .as_deref(),
            Some("the Grand Serail")
        );
        assert_eq!(
            location(
                "The minister will meet his counterpart before he leaves on a visit to Peru Friday.",
                None
            )
            .as_deref(),
            Some("Peru")
        );
    }

    #[test]
    fn a_capital_named_after_its_country() {
        for (lead, city) in [
            (
                "The minister met his Somali counterpart in the Kenyan capital Nairobi.",
                "Nairobi",
            ),
            ("The two presidents met in the capital, Lima.", "Lima"),
            ("The delegations met in the capital city of Hanoi.", "Hanoi"),
            (
                "The delegations met in the southern city of Arequipa.",
                "Arequipa",
            ),
            (
                "The delegations met in the port city of Mombasa.",
                "Mombasa",
            ),
            (
                "He met the President upon his arrival in Egypt, Cairo.",
                "Cairo",
            ),
        ] {
            assert_eq!(location(lead, None).as_deref(), Some(city), "{lead}");
        }
    }

    #[test]
    fn a_place_of_next_week_is_not_the_place() {
        assert_eq!(
            location(
                "The General Assembly in New York next week will be crucial, President Ana Soto said in Athens after she met the minister.",
                None
            )
            .as_deref(),
            Some("Athens")
        );
    }

    #[test]
    fn a_planned_visit_is_not_the_place() {
        assert_eq!(
            location(
                "Prime Minister Sato is planning an early visit to Hanoi, he said after meeting the Vietnamese envoy.",
                None
            ),
            None
        );
    }

    #[test]
    fn a_later_sentence_saying_where_they_met() {
        for (sentence, place) in [
            (
                "They met at the AU Commission Headquarters on Tuesday.",
                "the AU Commission Headquarters",
            ),
            (
                "The two heads of state had a meeting on 3 May at State House Kampala.",
                "State House Kampala",
            ),
            (
                "President Dias called on Prime Minister Hale at the Parliament House in Canberra.",
                "the Parliament House",
            ),
        ] {
            assert_eq!(
                place_stated(&[sentence], Some(EventType::Meeting)).as_deref(),
                Some(place),
                "{sentence}"
            );
        }
        for (sentence, place) in [
            (
                "The meeting took place yesterday in the nation's capital, Abu Dhabi.",
                "Abu Dhabi",
            ),
            (
                "At the meeting held at the Ministry of Foreign Affairs this afternoon, the two discussed trade.",
                "the Ministry of Foreign Affairs",
            ),
        ] {
            assert_eq!(
                place_stated(&[sentence], Some(EventType::Meeting)).as_deref(),
                Some(place),
                "{sentence}"
            );
        }
        // Another contact: an earlier meeting, or a further one.
        for sentence in [
            "The two leaders recently met at the Kremlin.",
            "He also met the Speaker at the National Assembly.",
        ] {
            assert_eq!(place_stated(&[sentence], None), None, "{sentence}");
        }
        // A call has no place.
        assert_eq!(
            place_stated(
                &["They met at the AU Commission Headquarters."],
                Some(EventType::PhoneCall)
            ),
            None
        );
    }
}
