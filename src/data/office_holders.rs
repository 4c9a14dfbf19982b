//! Who held which office when: `office_holders.tsv` (heads of state, heads of government and
//! foreign ministers, with their terms, and the heads of international organisations) and
//! `office_titles.tsv` (which office a title a text gives stands for), their parsers and the
//! lookups over them.
//!
//! Dates are `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where only that is known. A term's `to` is the
//! day it ended (the successor usually took office the same day); an empty `to` is a term still
//! running.

use super::{data_lines, split_alternatives};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The kind of office a term is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Office {
    HeadOfState,
    HeadOfGovernment,
    ForeignMinister,
    /// The head of an international organisation (UN Secretary-General, NATO Secretary
    /// General, President of the European Commission, ...).
    OrgHead,
}

impl Office {
    /// The office a data file names: `head_of_state`, `head_of_government`,
    /// `foreign_minister` or `org_head`.
    pub fn parse(word: &str) -> Option<Office> {
        match word.trim() {
            "head_of_state" => Some(Office::HeadOfState),
            "head_of_government" => Some(Office::HeadOfGovernment),
            "foreign_minister" => Some(Office::ForeignMinister),
            "org_head" => Some(Office::OrgHead),
            _ => None,
        }
    }

    /// The name the data files use.
    pub fn as_str(self) -> &'static str {
        match self {
            Office::HeadOfState => "head_of_state",
            Office::HeadOfGovernment => "head_of_government",
            Office::ForeignMinister => "foreign_minister",
            Office::OrgHead => "org_head",
        }
    }

    /// One letter for the office, where a compact form is stored (a record's link key).
    pub fn code(self) -> char {
        match self {
            Office::HeadOfState => 's',
            Office::HeadOfGovernment => 'g',
            Office::ForeignMinister => 'f',
            Office::OrgHead => 'o',
        }
    }

    /// The office of a [`Office::code`].
    pub fn from_code(code: &str) -> Option<Office> {
        match code {
            "s" => Some(Office::HeadOfState),
            "g" => Some(Office::HeadOfGovernment),
            "f" => Some(Office::ForeignMinister),
            "o" => Some(Office::OrgHead),
            _ => None,
        }
    }
}

/// The codes the table uses for international organisations instead of an ISO country code.
pub const ORG_CODES: [&str; 5] = ["UN", "EU", "NATO", "ASEAN", "AU"];

/// One term of one person in one office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// ISO 3166-1 alpha-3 code; None for an organisation's head.
    pub country: Option<String>,
    /// The organisation's short code (`UN`, `EU`, ...); None for a country's office.
    pub org: Option<String>,
    pub office: Office,
    /// The usual English title (`President`, `Prime Minister`, `Secretary of State`, ...).
    pub title: String,
    /// Canonical English full name.
    pub name: String,
    /// Other spellings texts use.
    pub aliases: Vec<String>,
    /// First day in office: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub from: String,
    /// Last day in office, same forms; None while the term runs.
    pub to: Option<String>,
}

impl Term {
    /// The country code or organisation code the office belongs to.
    pub fn key(&self) -> &str {
        self.country
            .as_deref()
            .or(self.org.as_deref())
            .unwrap_or_default()
    }

    /// The earliest and latest day the term may have run, as `YYYYMMDD` numbers.
    fn span(&self) -> (u32, u32) {
        let (first, _) = date_bounds(&self.from).unwrap_or((0, 0));
        let last = self
            .to
            .as_deref()
            .and_then(date_bounds)
            .map_or(u32::MAX, |(_, hi)| hi);
        (first, last)
    }
}

/// The first and last day a date of the table's forms may stand for, as `YYYYMMDD` numbers
/// (`2005` → 20050101..20051231); None when the text is not such a date. Days are not checked
/// against the month's length: the numbers only need to order correctly.
pub fn date_bounds(date: &str) -> Option<(u32, u32)> {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let num = |s: &str, len: usize, max: u32| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
            .filter(|n| (1..=max).contains(n))
    };
    let year = num(parts.first()?, 4, 9999)?;
    match parts[1..] {
        [] => Some((year * 10000 + 101, year * 10000 + 1231)),
        [m] => {
            let m = num(m, 2, 12)?;
            Some((year * 10000 + m * 100 + 1, year * 10000 + m * 100 + 31))
        }
        [m, d] => {
            let day = year * 10000 + num(m, 2, 12)? * 100 + num(d, 2, 31)?;
            Some((day, day))
        }
        _ => None,
    }
}

/// A code of the country column: three capital letters, or an organisation code.
pub fn is_office_key(code: &str) -> bool {
    ORG_CODES.contains(&code) || (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()))
}

/// One line of `office_holders.tsv`: country or org code, office, title, name, aliases, from,
/// to (the last column may be left off for a running term). None when the line is malformed.
pub fn parse_term(line: &str) -> Option<Term> {
    let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
    if !(6..=7).contains(&cols.len()) {
        return None;
    }
    let key = cols[0];
    if !is_office_key(key) {
        return None;
    }
    let is_org = ORG_CODES.contains(&key);
    let office = Office::parse(cols[1])?;
    if is_org != (office == Office::OrgHead) {
        return None;
    }
    let (title, name) = (cols[2], cols[3]);
    if title.is_empty() || name.is_empty() {
        return None;
    }
    let (from_lo, _) = date_bounds(cols[5])?;
    let to = match cols.get(6).copied().unwrap_or("") {
        "" => None,
        to => {
            let (_, to_hi) = date_bounds(to)?;
            if to_hi < from_lo {
                return None;
            }
            Some(to.to_string())
        }
    };
    Some(Term {
        country: (!is_org).then(|| key.to_string()),
        org: is_org.then(|| key.to_string()),
        office,
        title: title.to_string(),
        name: name.to_string(),
        aliases: split_alternatives(cols[4]),
        from: cols[5].to_string(),
        to,
    })
}

/// `office_holders.tsv`: one term per line; malformed lines are skipped.
pub fn parse_office_holders(text: &str) -> Vec<Term> {
    data_lines(text).filter_map(parse_term).collect()
}

/// One line of `office_titles.tsv`: a title, the office it names, and the countries it is
/// limited to (empty: anywhere).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeTitle {
    pub title: String,
    pub office: Office,
    pub countries: Vec<String>,
}

/// `office_titles.tsv`: `title<TAB>office<TAB>country|country`; malformed lines are skipped.
pub fn parse_office_titles(text: &str) -> Vec<OfficeTitle> {
    data_lines(text)
        .filter_map(|line| {
            let mut cols = line.split('\t').map(str::trim);
            let title = cols.next().filter(|t| !t.is_empty())?.to_string();
            let office = Office::parse(cols.next()?)?;
            let countries = split_alternatives(cols.next().unwrap_or(""));
            countries
                .iter()
                .all(|c| is_office_key(c))
                .then_some(OfficeTitle {
                    title,
                    office,
                    countries,
                })
        })
        .collect()
}

pub static OFFICE_HOLDERS: LazyLock<Vec<Term>> =
    LazyLock::new(|| parse_office_holders(include_str!("office_holders.tsv")));
pub static OFFICE_TITLES: LazyLock<Vec<OfficeTitle>> =
    LazyLock::new(|| parse_office_titles(include_str!("office_titles.tsv")));

/// A name or title as the lookups compare it: lower case, accents and marks folded to ASCII
/// letters, and every run of anything but letters and digits (hyphens, apostrophes, dots,
/// commas, spaces) one space. `Mevlüt Çavuşoğlu` → `mevlut cavusoglu`.
pub fn fold_name(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue; // a combining mark of a decomposed letter
        }
        let folded = fold_char(c);
        // ʻ and ʼ are letters to Unicode, apostrophes to a reader (Tonga's ʻAkilisi Pōhiva).
        if folded.is_none() && (!c.is_alphanumeric() || matches!(c, '\u{2bb}' | '\u{2bc}')) {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        match folded {
            Some(ascii) => out.push_str(ascii),
            // Other letters (Cyrillic, Arabic, ...) are kept as they are, lower-cased.
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A Latin letter or digit folded to lower-case ASCII; None for anything else.
fn fold_char(c: char) -> Option<&'static str> {
    const ASCII: [&str; 36] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
        "s", "t", "u", "v", "w", "x", "y", "z", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    ];
    Some(match c {
        'a'..='z' => ASCII[c as usize - 'a' as usize],
        'A'..='Z' => ASCII[c as usize - 'A' as usize],
        '0'..='9' => ASCII[26 + c as usize - '0' as usize],
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ' | 'ẫ' | 'ậ' | 'ắ' | 'ằ' | 'ẳ' | 'ẵ'
        | 'ặ' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'ð' | 'Ď' | 'Đ' | 'Ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė'
        | 'Ę' | 'Ě' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể' | 'ễ' | 'ệ' => "e",
        'ğ' | 'ĝ' | 'ġ' | 'ģ' | 'Ğ' | 'Ģ' => "g",
        'ĥ' | 'ħ' | 'Ĥ' | 'Ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ'
        | 'ỉ' | 'ị' => "i",
        'ķ' | 'Ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' | 'Ĺ' | 'Ļ' | 'Ľ' | 'Ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö'
        | 'Ø' | 'Ō' | 'Ő' | 'Ơ' | 'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ' | 'ỗ' | 'ộ' | 'ớ' | 'ờ' | 'ở'
        | 'ỡ' | 'ợ' => "o",
        'œ' | 'Œ' => "oe",
        'ŕ' | 'ř' | 'Ŕ' | 'Ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'Ś' | 'Ş' | 'Š' | 'Ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ț' | 'Ţ' | 'Ť' | 'Ț' => "t",
        'þ' | 'Þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' | 'Ù' | 'Ú' | 'Û' | 'Ü'
        | 'Ū' | 'Ů' | 'Ű' | 'Ư' | 'ụ' | 'ủ' | 'ứ' | 'ừ' | 'ử' | 'ữ' | 'ự' => "u",
        'ý' | 'ÿ' | 'ŷ' | 'Ý' | 'Ÿ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => return None,
    })
}

/// Folded name or alias → every term of the people it names, in table order.
static BY_NAME: LazyLock<FxHashMap<String, Vec<&'static Term>>> = LazyLock::new(|| {
    let mut map: FxHashMap<String, Vec<&'static Term>> = FxHashMap::default();
    for term in OFFICE_HOLDERS.iter() {
        for name in std::iter::once(&term.name).chain(&term.aliases) {
            let terms = map.entry(fold_name(name)).or_default();
            if !terms.iter().any(|t| std::ptr::eq(*t, term)) {
                terms.push(term);
            }
        }
    }
    map
});

/// (office, country or org code) → its terms, in table order.
static BY_OFFICE: LazyLock<FxHashMap<(Office, &'static str), Vec<&'static Term>>> =
    LazyLock::new(|| {
        let mut map: FxHashMap<(Office, &'static str), Vec<&'static Term>> = FxHashMap::default();
        for term in OFFICE_HOLDERS.iter() {
            map.entry((term.office, term.key())).or_default().push(term);
        }
        map
    });

/// The terms of a person, by canonical name or any alias: case, accents, hyphens, apostrophes
/// and dots do not matter (`abe shinzo`, `Abe Shinzō`). Empty when the name is unknown.
pub fn terms_of(name: &str) -> Vec<&'static Term> {
    BY_NAME.get(&fold_name(name)).cloned().unwrap_or_default()
}

/// The country a person held office for (`Some(None)` for the head of an organisation); None
/// when the name is unknown. When the person held office for different countries, the term
/// covering `date` decides, else the latest term.
pub fn country_of(name: &str, date: Option<&str>) -> Option<Option<&'static str>> {
    let terms = terms_of(name);
    let first = terms.first()?;
    if terms.iter().all(|t| t.country == first.country) {
        return Some(first.country.as_deref());
    }
    let chosen = date
        .and_then(|d| term_on(&terms, d))
        .or_else(|| latest(&terms))?;
    Some(chosen.country.as_deref())
}

/// The countries whose office-holders, among `countries`, bear this family name (the last
/// word of a name or alias, folded as [`terms_of`] folds): "Pandor" among South Africa and
/// Equatorial Guinea is South Africa's. With a date, only terms that may cover it count.
pub fn countries_of_surname(
    surname: &str,
    countries: &[String],
    date: Option<&str>,
) -> Vec<&'static str> {
    countries_bearing(surname, date, |_, country| {
        countries.iter().any(|c| c == country)
    })
}

/// The countries whose holders of `office`, anywhere, bear this family name: "President
/// Mnangagwa", with no country named, is Zimbabwe's. With a date, only terms that may cover it.
pub fn countries_of_office_surname(
    surname: &str,
    office: Office,
    date: Option<&str>,
) -> Vec<&'static str> {
    countries_bearing(surname, date, |t, _| t.office == office)
}

/// The countries of the terms that pass `keep` (given the term and its country) and whose
/// holder bears the family name (the last word of a name or alias, folded as [`terms_of`]
/// folds), each once. With a date, only terms that may cover it count.
fn countries_bearing(
    surname: &str,
    date: Option<&str>,
    keep: impl Fn(&Term, &str) -> bool,
) -> Vec<&'static str> {
    let surname = fold_name(surname);
    let bounds = date.and_then(date_bounds);
    let mut found: Vec<&'static str> = Vec::new();
    for t in OFFICE_HOLDERS.iter() {
        let Some(country) = t.country.as_deref() else {
            continue;
        };
        if !keep(t, country) || found.contains(&country) {
            continue;
        }
        if let Some((lo, hi)) = bounds {
            let (first, last) = t.span();
            if !(first <= hi && lo <= last) {
                continue;
            }
        }
        // The family name may be of several words ("Cavaco Silva"): the name's last words.
        let bears = std::iter::once(&t.name).chain(t.aliases.iter()).any(|n| {
            let n = fold_name(n);
            n.strip_suffix(surname.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
        });
        if bears {
            found.push(country);
        }
    }
    found
}

/// Of a person's terms, the one that may cover a date (`YYYY-MM-DD`, or a month or year).
pub fn term_on(terms: &[&'static Term], date: &str) -> Option<&'static Term> {
    let (lo, hi) = date_bounds(date)?;
    terms
        .iter()
        .find(|t| {
            let (first, last) = t.span();
            first <= hi && lo <= last
        })
        .copied()
}

/// Of a person's terms, the one that began last.
pub fn latest(terms: &[&'static Term]) -> Option<&'static Term> {
    terms.iter().max_by_key(|t| t.span().0).copied()
}

/// Who held an office in a country (ISO code) or organisation (`UN`, `EU`, ...) on a date
/// (`YYYY-MM-DD`, or a month or year). The answer is the one term that may cover the date, or
/// else the one term that surely covers it (a term's own dates may be coarse: `2004` may end on
/// any day of 2004). None when no term covers the date, or when more than one may and none
/// surely does: a coarse date that spans a change of holder, or a change known only to the
/// month or year. On the day one holder hands over to the next (the outgoing term's `to` is the
/// incoming term's `from`), the incoming holder is the answer.
pub fn holder(office: Office, country_or_org: &str, date: &str) -> Option<&'static Term> {
    let (lo, hi) = date_bounds(date)?;
    let terms = BY_OFFICE.get(&(office, country_or_org.trim()))?;
    let candidates: Vec<&'static Term> = terms
        .iter()
        .copied()
        .filter(|t| {
            let (first, last) = t.span();
            first <= hi && lo <= last
        })
        .collect();
    // A term that surely covers the date excludes the others, which only may (their coarse
    // dates leave it open): one office has one holder at a time.
    let surely: Vec<&'static Term> = candidates
        .iter()
        .copied()
        .filter(|t| {
            let first = date_bounds(&t.from).map_or(u32::MAX, |(_, hi)| hi);
            let last =
                t.to.as_deref()
                    .and_then(date_bounds)
                    .map_or(u32::MAX, |(lo, _)| lo);
            first <= lo && hi <= last
        })
        .collect();
    match (candidates.as_slice(), surely.as_slice()) {
        ([], _) => None,
        ([only], _) | (_, [only]) => Some(*only),
        _ if lo == hi => {
            let day = date.trim();
            let incoming: Vec<_> = candidates.iter().filter(|t| t.from == day).collect();
            let all_others_end_today = candidates
                .iter()
                .all(|t| t.from == day || t.to.as_deref() == Some(day));
            match incoming.as_slice() {
                [one] if all_others_end_today => Some(**one),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The office a title names (`Prime Minister` → head of government), given the country where
/// it is used when known: `Chancellor` is head of government in Germany and Austria only,
/// `Secretary of State` foreign minister in the United States only. Case, accents and
/// punctuation do not matter. A title limited to some countries, used without a country, gives
/// their office when they all agree.
pub fn office_of_title(title: &str, country: Option<&str>) -> Option<Office> {
    static BY_TITLE: LazyLock<FxHashMap<String, Vec<&'static OfficeTitle>>> = LazyLock::new(|| {
        let mut map: FxHashMap<String, Vec<&'static OfficeTitle>> = FxHashMap::default();
        for t in OFFICE_TITLES.iter() {
            map.entry(fold_name(&t.title)).or_default().push(t);
        }
        map
    });
    let entries = BY_TITLE.get(&fold_name(title))?;
    let generic = entries.iter().find(|t| t.countries.is_empty());
    match country.map(str::trim) {
        Some(code) => entries
            .iter()
            .find(|t| t.countries.iter().any(|c| c == code))
            .or(generic)
            .map(|t| t.office),
        None => generic.map(|t| t.office).or_else(|| {
            let first = entries.first()?.office;
            entries.iter().all(|t| t.office == first).then_some(first)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# comment\n\
        GBR\thead_of_government\tPrime Minister\tBoris Johnson\tAlexander Boris de Pfeffel Johnson\t2019-07-24\t2022-09-06\n\
        GBR\thead_of_government\tPrime Minister\tLiz Truss\tElizabeth Truss\t2022-09-06\t2022-10-25\n\
        UN\torg_head\tSecretary-General\tAntónio Guterres\tAntonio Guterres\t2017-01-01\n\
        XYZ\thead_of_state\tPresident\tNobody\t\t2001\t2004\n";

    #[test]
    fn dates_of_each_precision_have_bounds() {
        assert_eq!(date_bounds("2022-09-06"), Some((20220906, 20220906)));
        assert_eq!(date_bounds("2022-09"), Some((20220901, 20220931)));
        assert_eq!(date_bounds("2022"), Some((20220101, 20221231)));
        for bad in [
            "",
            "22",
            "2022-9",
            "2022-13",
            "2022-01-32",
            "2022-01-01-01",
            "abcd",
        ] {
            assert_eq!(date_bounds(bad), None, "{bad}");
        }
    }

    #[test]
    fn office_codes_round_trip() {
        use Office::*;
        for office in [HeadOfState, HeadOfGovernment, ForeignMinister, OrgHead] {
            assert_eq!(Office::from_code(&office.code().to_string()), Some(office));
        }
        assert_eq!(Office::from_code(""), None);
        assert_eq!(Office::from_code("x"), None);
    }

    #[test]
    fn office_words_round_trip() {
        for o in [
            Office::HeadOfState,
            Office::HeadOfGovernment,
            Office::ForeignMinister,
            Office::OrgHead,
        ] {
            assert_eq!(Office::parse(o.as_str()), Some(o));
        }
        assert_eq!(Office::parse("king"), None);
    }

    #[test]
    fn keys_are_iso_codes_or_org_codes() {
        assert!(is_office_key("GBR"));
        assert!(is_office_key("NATO"));
        assert!(!is_office_key("gbr"));
        assert!(!is_office_key("GB"));
        assert!(!is_office_key("OSCE"));
    }

    #[test]
    fn term_lines_give_every_column() {
        let terms = parse_office_holders(SAMPLE);
        assert_eq!(terms.len(), 4);
        let johnson = &terms[0];
        assert_eq!(johnson.country.as_deref(), Some("GBR"));
        assert_eq!(johnson.org, None);
        assert_eq!(johnson.office, Office::HeadOfGovernment);
        assert_eq!(johnson.title, "Prime Minister");
        assert_eq!(johnson.aliases, ["Alexander Boris de Pfeffel Johnson"]);
        assert_eq!(johnson.to.as_deref(), Some("2022-09-06"));
        let guterres = &terms[2];
        assert_eq!(
            (guterres.country.as_deref(), guterres.org.as_deref()),
            (None, Some("UN"))
        );
        assert_eq!(
            guterres.to, None,
            "a running term may leave off the last column"
        );
        assert!(terms[3].aliases.is_empty());
        assert_eq!(terms[3].from, "2001");
    }

    #[test]
    fn malformed_term_lines_are_skipped() {
        for bad in [
            "GBR\thead_of_government\tPrime Minister\tBoris Johnson\t\t2019-07-24\t2022-09-06\textra",
            "GBR\thead_of_government\tPrime Minister\tBoris Johnson\t2019-07-24",
            "gb\thead_of_government\tPrime Minister\tX\t\t2019",
            "GBR\tprime_minister\tPrime Minister\tX\t\t2019",
            "GBR\torg_head\tSecretary-General\tX\t\t2019",
            "UN\thead_of_state\tSecretary-General\tX\t\t2019",
            "GBR\thead_of_state\t\tX\t\t2019",
            "GBR\thead_of_state\tKing\t\t\t2019",
            "GBR\thead_of_state\tKing\tX\t\t19-01-01",
            "GBR\thead_of_state\tKing\tX\t\t2019\t2018",
            "GBR\thead_of_state\tKing\tX\t\t2019\tlater",
        ] {
            assert_eq!(parse_office_holders(bad), [], "{bad}");
        }
    }

    #[test]
    fn shipped_table_has_no_malformed_line() {
        let text = include_str!("office_holders.tsv");
        let mut bad = Vec::new();
        for line in data_lines(text) {
            if parse_term(line).is_none() {
                bad.push(line);
            }
        }
        assert!(bad.is_empty(), "malformed lines:\n{}", bad.join("\n"));
        assert_eq!(OFFICE_HOLDERS.len(), data_lines(text).count());
        assert!(OFFICE_HOLDERS.len() > 1000, "{}", OFFICE_HOLDERS.len());
        for t in OFFICE_HOLDERS.iter() {
            assert!(is_office_key(t.key()), "{}", t.name);
            assert!(
                t.name.trim() == t.name && !t.aliases.contains(&t.name),
                "{}",
                t.name
            );
        }
    }

    #[test]
    fn shipped_terms_of_one_office_do_not_overlap() {
        // Offices held by two or more people at once are not in the table, so the terms of
        // one office follow each other: the next starts no earlier than the last day of the
        // one before (the handover day belongs to both).
        // The EU has three heads at once: its offices are told apart by title.
        let mut offices: FxHashMap<(Office, &str, &str), Vec<&Term>> = FxHashMap::default();
        for t in OFFICE_HOLDERS.iter() {
            let title = if t.org.as_deref() == Some("EU") {
                t.title.as_str()
            } else {
                ""
            };
            offices
                .entry((t.office, t.key(), title))
                .or_default()
                .push(t);
        }
        let mut overlaps = Vec::new();
        for terms in offices.values() {
            let mut sorted = terms.clone();
            sorted.sort_by_key(|t| t.span().0);
            for pair in sorted.windows(2) {
                // Overlap for certain: the next term began before the earliest day the one
                // before can have ended (a running term has not ended).
                let prev_last_lo = pair[0]
                    .to
                    .as_deref()
                    .and_then(date_bounds)
                    .map_or(u32::MAX, |(lo, _)| lo);
                let (_, next_first_hi) = date_bounds(&pair[1].from).unwrap_or_default();
                if next_first_hi < prev_last_lo {
                    overlaps.push(format!(
                        "{} {}: {} ({}..{:?}) / {} ({})",
                        pair[0].key(),
                        pair[0].office.as_str(),
                        pair[0].name,
                        pair[0].from,
                        pair[0].to,
                        pair[1].name,
                        pair[1].from
                    ));
                }
            }
        }
        overlaps.sort();
        assert!(
            overlaps.is_empty(),
            "overlapping terms:\n{}",
            overlaps.join("\n")
        );
    }

    #[test]
    fn names_fold_case_accents_and_punctuation() {
        assert_eq!(fold_name("Mevlüt Çavuşoğlu"), "mevlut cavusoglu");
        assert_eq!(fold_name("  Joseph R. Biden, Jr. "), "joseph r biden jr");
        assert_eq!(fold_name("Jean-Yves Le Drian"), "jean yves le drian");
        assert_eq!(fold_name("Abdel Fattah al-Sisi"), "abdel fattah al sisi");
        assert_eq!(fold_name("O’Neill"), "o neill");
        assert_eq!(fold_name("ʻAkilisi Pōhiva"), "akilisi pohiva");
        assert_eq!(fold_name("Abe Shinzo\u{304}"), "abe shinzo");
        assert_eq!(fold_name("Weiß"), "weiss");
        assert_eq!(fold_name("Лавров"), "лавров");
    }

    #[test]
    fn terms_of_finds_people_by_any_spelling() {
        let abe = terms_of("Abe Shinzo");
        assert!(!abe.is_empty());
        assert!(abe.iter().all(|t| t.name == "Shinzo Abe"));
        assert_eq!(abe.len(), 2, "Abe was prime minister twice");
        assert!(terms_of("shinzo abe").len() == 2);
        assert!(
            terms_of("mevlut cavusoglu")
                .iter()
                .any(|t| t.name == "Mevlüt Çavuşoğlu")
        );
        assert!(
            terms_of("Sergei Lavrov")
                .iter()
                .any(|t| t.country.as_deref() == Some("RUS"))
        );
        assert!(
            terms_of("joseph r. biden jr.")
                .iter()
                .any(|t| t.name == "Joe Biden")
        );
        let putin = terms_of("Vladimir Putin");
        assert_eq!(putin.len(), 3, "president twice and prime minister once");
        assert!(terms_of("Nobody Atall").is_empty());
    }

    #[test]
    fn people_in_both_tables_have_one_canonical_name() {
        // A person of people.tsv who held an office here goes by the same canonical name.
        for p in super::super::PEOPLE.iter() {
            for t in terms_of(&p.name) {
                assert_eq!(t.name, p.name, "people.tsv and office_holders.tsv disagree");
            }
        }
    }

    #[test]
    fn country_of_gives_the_country_or_an_organisation() {
        assert_eq!(country_of("Shavkat Mirziyoyev", None), Some(Some("UZB")));
        assert_eq!(
            country_of("Antonio Guterres", Some("2020-01-01")),
            Some(None)
        );
        assert_eq!(country_of("António Guterres", None), Some(None));
        assert_eq!(
            country_of("Narendra Modi", Some("2020-01-01")),
            Some(Some("IND"))
        );
        assert_eq!(country_of("Nobody Atall", None), None);
        // Guterres was Portugal's prime minister before the UN: the date decides.
        assert_eq!(
            country_of("António Guterres", Some("2001-06")),
            Some(Some("PRT"))
        );
    }

    #[test]
    fn holder_answers_who_held_an_office_on_a_day() {
        let name = |o, c, d| holder(o, c, d).map(|t| t.name.as_str());
        assert_eq!(
            name(Office::HeadOfGovernment, "GBR", "2022-05-22"),
            Some("Boris Johnson")
        );
        assert_eq!(
            name(Office::HeadOfState, "USA", "2011-02-15"),
            Some("Barack Obama")
        );
        assert_eq!(
            name(Office::ForeignMinister, "CHN", "2023-10-14"),
            Some("Wang Yi")
        );
        assert_eq!(
            name(Office::ForeignMinister, "CHN", "2023-04-01"),
            Some("Qin Gang")
        );
        assert_eq!(
            name(Office::HeadOfState, "RUS", "2010-01-01"),
            Some("Dmitry Medvedev")
        );
        assert_eq!(
            name(Office::HeadOfGovernment, "RUS", "2010-01-01"),
            Some("Vladimir Putin")
        );
        assert_eq!(
            name(Office::OrgHead, "UN", "2010-06-01"),
            Some("Ban Ki-moon")
        );
        assert_eq!(
            name(Office::OrgHead, "NATO", "2020-06-01"),
            Some("Jens Stoltenberg")
        );
        assert_eq!(
            name(Office::OrgHead, "EU", "2020-06-01"),
            None,
            "the EU has three heads at once"
        );
        assert_eq!(
            name(Office::HeadOfState, "USA", "1990-01-01"),
            None,
            "before the table"
        );
        assert_eq!(name(Office::HeadOfState, "XYZ", "2010-01-01"), None);
        assert_eq!(name(Office::HeadOfState, "USA", "someday"), None);
    }

    #[test]
    fn every_shipped_term_holds_its_office_on_its_first_day() {
        // The EU's three heads share one office code, so holder() cannot tell them apart.
        let mut wrong = Vec::new();
        for t in OFFICE_HOLDERS
            .iter()
            .filter(|t| t.org.as_deref() != Some("EU"))
        {
            if t.from.len() != 10 {
                continue;
            }
            let found = holder(t.office, t.key(), &t.from);
            if found != Some(t) {
                wrong.push(format!(
                    "{} {} {} {}: {:?}",
                    t.key(),
                    t.office.as_str(),
                    t.from,
                    t.name,
                    found.map(|f| &f.name)
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn holder_on_a_handover_day_is_the_incoming_holder() {
        // Johnson's term ends and Truss's begins on 2022-09-06.
        let name = |d| holder(Office::HeadOfGovernment, "GBR", d).map(|t| t.name.as_str());
        assert_eq!(name("2022-09-05"), Some("Boris Johnson"));
        assert_eq!(name("2022-09-06"), Some("Liz Truss"));
        assert_eq!(name("2022-09-07"), Some("Liz Truss"));
    }

    #[test]
    fn holder_of_a_coarse_date_needs_one_term() {
        let name = |o, c, d| holder(o, c, d).map(|t| t.name.as_str());
        assert_eq!(
            name(Office::HeadOfState, "USA", "2011-02"),
            Some("Barack Obama")
        );
        assert_eq!(
            name(Office::HeadOfState, "USA", "2011"),
            Some("Barack Obama")
        );
        assert_eq!(
            name(Office::HeadOfState, "USA", "2017"),
            None,
            "Obama and Trump"
        );
        assert_eq!(name(Office::HeadOfGovernment, "GBR", "2022"), None);
    }

    #[test]
    fn holder_with_terms_known_to_the_year_only() {
        let terms = parse_office_holders(
            "XYZ\thead_of_state\tPresident\tA B\t\t2001\t2004\n\
             XYZ\thead_of_state\tPresident\tC D\t\t2004\t2009-05\n",
        );
        let pick = |d: &str| {
            let (lo, hi) = date_bounds(d).unwrap();
            let found: Vec<_> = terms
                .iter()
                .filter(|t| {
                    let (first, last) = t.span();
                    first <= hi && lo <= last
                })
                .map(|t| t.name.as_str())
                .collect();
            found
        };
        assert_eq!(pick("2002-06-01"), ["A B"]);
        assert_eq!(
            pick("2004-06-01"),
            ["A B", "C D"],
            "the year of the change is open"
        );
        assert_eq!(pick("2009-05-20"), ["C D"]);
        assert_eq!(pick("2009-06-01"), Vec::<&str>::new());
        // In the shipped table: Slovenia's foreign ministry changed hands in 2004, a year the
        // table knows only as a year (Rupel to 2004, Vajgl from 2004 to 2004-12-03).
        let name = |d| holder(Office::ForeignMinister, "SVN", d).map(|t| t.name.as_str());
        assert_eq!(name("2003-06-01"), Some("Dimitrij Rupel"));
        assert_eq!(name("2004-06-01"), None, "Rupel or Vajgl");
        assert_eq!(
            name("2004-12-10"),
            Some("Dimitrij Rupel"),
            "his second term"
        );
        let vajgl = terms_of("Ivo Vajgl");
        assert_eq!(
            (vajgl[0].from.as_str(), vajgl[0].to.as_deref()),
            ("2004", Some("2004-12-03"))
        );
    }

    #[test]
    fn title_lines_give_title_office_and_countries() {
        let titles = parse_office_titles(
            "# t\nPresident\thead_of_state\t\nChancellor\thead_of_government\tDEU|AUT\n\
             Bad\tnone\t\nBad too\thead_of_state\tgermany\n",
        );
        assert_eq!(titles.len(), 2);
        assert_eq!(titles[0].office, Office::HeadOfState);
        assert!(titles[0].countries.is_empty());
        assert_eq!(titles[1].countries, ["DEU", "AUT"]);
    }

    #[test]
    fn shipped_titles_parse() {
        let text = include_str!("office_titles.tsv");
        assert_eq!(OFFICE_TITLES.len(), data_lines(text).count());
    }

    #[test]
    fn titles_map_to_offices_by_country() {
        use Office::*;
        assert_eq!(office_of_title("President", Some("USA")), Some(HeadOfState));
        assert_eq!(office_of_title("president", Some("FRA")), Some(HeadOfState));
        assert_eq!(office_of_title("President", None), Some(HeadOfState));
        assert_eq!(
            office_of_title("Prime Minister", Some("GBR")),
            Some(HeadOfGovernment)
        );
        assert_eq!(
            office_of_title("Chancellor", Some("DEU")),
            Some(HeadOfGovernment)
        );
        assert_eq!(
            office_of_title("Chancellor", Some("AUT")),
            Some(HeadOfGovernment)
        );
        assert_eq!(office_of_title("Chancellor", Some("GBR")), None);
        assert_eq!(
            office_of_title("Secretary of State", Some("USA")),
            Some(ForeignMinister)
        );
        assert_eq!(office_of_title("Secretary of State", Some("GBR")), None);
        assert_eq!(
            office_of_title("Foreign Secretary", Some("GBR")),
            Some(ForeignMinister)
        );
        assert_eq!(
            office_of_title("Taoiseach", Some("IRL")),
            Some(HeadOfGovernment)
        );
        assert_eq!(
            office_of_title("External Affairs Minister", Some("IND")),
            Some(ForeignMinister)
        );
        assert_eq!(
            office_of_title("Minister of Foreign Affairs", None),
            Some(ForeignMinister)
        );
        assert_eq!(office_of_title("Emir", Some("QAT")), Some(HeadOfState));
        assert_eq!(office_of_title("King", Some("JOR")), Some(HeadOfState));
        assert_eq!(
            office_of_title("Premier", Some("CHN")),
            Some(HeadOfGovernment)
        );
        assert_eq!(office_of_title("Secretary-General", None), Some(OrgHead));
        assert_eq!(
            office_of_title("Secretary General", Some("NATO")),
            Some(OrgHead)
        );
        assert_eq!(office_of_title("Grand Vizier", None), None);
    }

    #[test]
    fn shipped_titles_name_the_offices_of_the_shipped_terms() {
        // Every title in the table maps back to its office where it is used; a monarch who
        // also heads the government keeps the monarch's title for both offices.
        let head_of_state_too = |t: &Term| {
            t.office == Office::HeadOfGovernment
                && terms_of(&t.name).iter().any(|s| {
                    s.office == Office::HeadOfState && s.key() == t.key() && s.title == t.title
                })
        };
        let mut wrong = Vec::new();
        for t in OFFICE_HOLDERS.iter() {
            if office_of_title(&t.title, Some(t.key())) != Some(t.office) && !head_of_state_too(t) {
                wrong.push(format!("{} {} {}", t.key(), t.office.as_str(), t.title));
            }
        }
        wrong.sort();
        wrong.dedup();
        assert!(
            wrong.is_empty(),
            "titles not in office_titles.tsv:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn a_family_name_is_found_among_the_countries_given() {
        let both = ["GNQ".to_string(), "ZAF".to_string()];
        assert_eq!(countries_of_surname("Pandor", &both, None), ["ZAF"]);
        assert_eq!(
            countries_of_surname("Pandor", &both, Some("2022-06-02")),
            ["ZAF"]
        );
        // A family name of two words.
        assert_eq!(
            countries_of_surname("Cavaco Silva", &["PRT".to_string()], None),
            ["PRT"]
        );
        assert!(countries_of_surname("Silva Cavaco", &["PRT".to_string()], None).is_empty());
        // Not in office on that date, nor in another country.
        assert!(countries_of_surname("Pandor", &both, Some("2010-01-01")).is_empty());
        assert!(countries_of_surname("Pandor", &["FRA".to_string()], None).is_empty());
        // Anywhere, for one office.
        assert_eq!(
            countries_of_office_surname("Mnangagwa", Office::HeadOfState, None),
            ["ZWE"]
        );
        assert!(countries_of_office_surname("Mnangagwa", Office::ForeignMinister, None).is_empty());
        assert!(
            countries_of_office_surname("Mnangagwa", Office::HeadOfState, Some("2010-01-01"))
                .is_empty()
        );
    }
}
