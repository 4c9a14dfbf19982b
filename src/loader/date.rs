//! Dates as readouts write them: "March 19, 2017", "19 March 2017", "2018/03/09", "2010-09-27".

use crate::loader::pattern::Pattern;
use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// A calendar date, possibly partial (year only, or year and month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// A full date, if it exists in the calendar (no February 30, no year 217).
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid_year = (1800..=2200).contains(&year);
        let valid = valid_year
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as users type dates on the command line.
    pub fn parse_iso_prefix(s: &str) -> Option<Date> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u32>().ok())
                .flatten()
        };
        let year = num(parts.first()?, 4)? as i32;
        match parts.len() {
            1 => (1800..=2200).contains(&year).then_some(Date {
                year,
                month: None,
                day: None,
            }),
            2 => {
                let month = num(parts[1], 2)? as u8;
                ((1800..=2200).contains(&year) && (1..=12).contains(&month)).then_some(Date {
                    year,
                    month: Some(month),
                    day: None,
                })
            }
            3 => Date::ymd(year, num(parts[1], 2)? as u8, num(parts[2], 2)? as u8),
            _ => None,
        }
    }

    /// The first day this date covers.
    pub fn first_day(self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date covers.
    pub fn last_day(self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        (
            self.year,
            month,
            self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Month number of an English month name or abbreviation, any case, with or without a dot.
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u8 + 1)
}

/// The months' full names, in lower case.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether a word is a month's full name, in any case ("September", not "Sep" or "Jun").
pub fn is_month_name(word: &str) -> bool {
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

const MONTH_PATTERN: &str = r"(?i:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";

static MONTH_DAY_YEAR: Pattern = Pattern::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)({MONTH_PATTERN})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+|/\s?)(\d{{4}})(?-u:\b)"
    ))
    .expect("valid regex")
});
static DAY_MONTH_YEAR: Pattern = Pattern::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|/)({MONTH_PATTERN})(?:,\s*|\s+|/)(\d{{4}})(?-u:\b)"
    ))
    .expect("valid regex")
});
/// "2022 Nov. 17", as some agencies date their stories: the year first, the month in words.
static YEAR_MONTH_NAME_DAY: Pattern = Pattern::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(\d{{4}})\s+({MONTH_PATTERN})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)"
    ))
    .expect("valid regex")
});
static YEAR_MONTH_DAY: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?-u:\b)").expect("valid regex")
});
/// "December 11 to 13, 2015", "11-13 December 2015": a span of days dates its first day.
static MONTH_DAY_RANGE_YEAR: Pattern = Pattern::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)({MONTH_PATTERN})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:to|-|–|—|and)\s*\d{{1,2}}(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .expect("valid regex")
});
static DAY_RANGE_MONTH_YEAR: Pattern = Pattern::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:to|-|–|—|and)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+({MONTH_PATTERN}),?\s+(\d{{4}})(?-u:\b)"
    ))
    .expect("valid regex")
});
/// "16/11/2012", "05.10.2021", "18-06-2020": numeric dates with the year last are day-first outside the US,
/// and US publishers write months in words.
static DAY_MONTH_YEAR_NUMERIC: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?-u:\b)").expect("valid regex")
});
/// "March 14", "Nov. 04" without a year (checked after full dates, so never a full date's part).
static MONTH_DAY: Pattern = Pattern::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)({MONTH_PATTERN})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+\d{{4}})?"
    ))
    .expect("valid regex")
});
/// "14 March", "21st of March" without a year.
static DAY_MONTH: Pattern = Pattern::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_PATTERN})(?:,?\s+\d{{4}})?"
    ))
    .expect("valid regex")
});
/// "in March 2019": a month of a year.
static MONTH_YEAR: Pattern = Pattern::new(|| {
    Regex::new(&format!(r"(?-u:\b)({MONTH_PATTERN})\s+(\d{{4}})(?-u:\b)")).expect("valid regex")
});

/// A date found in a text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub date: Date,
}

/// How a full-date pattern writes the month.
#[derive(Clone, Copy)]
enum MonthAs {
    Name,
    Number,
}

/// A full-date pattern and which of its groups hold the year, month and day.
struct FullDate {
    re: &'static Pattern,
    year: usize,
    month: usize,
    day: usize,
    month_as: MonthAs,
}

const FULL_DATES: [FullDate; 7] = [
    FullDate {
        re: &MONTH_DAY_YEAR,
        year: 3,
        month: 1,
        day: 2,
        month_as: MonthAs::Name,
    },
    FullDate {
        re: &DAY_MONTH_YEAR,
        year: 3,
        month: 2,
        day: 1,
        month_as: MonthAs::Name,
    },
    FullDate {
        re: &YEAR_MONTH_NAME_DAY,
        year: 1,
        month: 2,
        day: 3,
        month_as: MonthAs::Name,
    },
    FullDate {
        re: &YEAR_MONTH_DAY,
        year: 1,
        month: 2,
        day: 3,
        month_as: MonthAs::Number,
    },
    FullDate {
        re: &MONTH_DAY_RANGE_YEAR,
        year: 3,
        month: 1,
        day: 2,
        month_as: MonthAs::Name,
    },
    FullDate {
        re: &DAY_RANGE_MONTH_YEAR,
        year: 3,
        month: 2,
        day: 1,
        month_as: MonthAs::Name,
    },
    FullDate {
        re: &DAY_MONTH_YEAR_NUMERIC,
        year: 3,
        month: 2,
        day: 1,
        month_as: MonthAs::Number,
    },
];

/// The full-date patterns in one set: one pass over a text tells which of them match at
/// all, and only those are run for their groups (most texts hold one kind of date or none).
static ANY_FULL_DATE: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new(FULL_DATES.iter().map(|f| f.re.as_str())).expect("valid date regexes")
});

/// Every full date written in the text, in order of position. Impossible dates are skipped.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let mut found = Vec::new();
    // Every full date has a four-digit year: most lines have none and need no regex.
    if !has_four_digits(text) {
        return found;
    }
    for i in ANY_FULL_DATE.matches(text).iter() {
        let pattern = &FULL_DATES[i];
        for c in pattern.re.captures_iter(text) {
            let month = c.get(pattern.month).and_then(|m| match pattern.month_as {
                MonthAs::Name => month_number(m.as_str()),
                MonthAs::Number => m.as_str().parse().ok(),
            });
            let mut day = c.get(pattern.day);
            let mut month = month;
            // "2/13/2018": no thirteenth month, so a US publisher's month comes first.
            if std::ptr::eq(pattern.re, &DAY_MONTH_YEAR_NUMERIC)
                && month.is_some_and(|m| m > 12)
                && let Some(first) = day.filter(|d| d.as_str().parse::<u8>().is_ok_and(|n| n <= 12))
            {
                month = first.as_str().parse().ok();
                day = c.get(pattern.month);
            }
            push(&mut found, &c, c.get(pattern.year), month, day);
        }
    }
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    found.dedup_by(|b, a| b.start < a.end);
    found
}

/// Whether the text holds four ASCII digits in a row.
fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    text.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    })
}

/// A month and day written without a year ("On March 14", "JAN 17", "21 March"), with the
/// byte span. Spans that carry a year are full dates and are not returned.
pub fn find_month_days(text: &str) -> Vec<(usize, usize, u8, u8)> {
    let mut found = Vec::new();
    for c in MONTH_DAY.captures_iter(text) {
        let whole = c.get(0).expect("group 0");
        if whole.as_str().ends_with(|ch: char| ch.is_ascii_digit())
            && whole.as_str().len() > 8
            && has_year(whole.as_str())
        {
            continue;
        }
        if let (Some(m), Some(d)) = (month_number(&c[1]), c[2].parse::<u8>().ok())
            && (1..=31).contains(&d)
        {
            found.push((whole.start(), whole.end(), m, d));
        }
    }
    for c in DAY_MONTH.captures_iter(text) {
        let whole = c.get(0).expect("group 0");
        if has_year(whole.as_str()) {
            continue;
        }
        if let (Some(m), Some(d)) = (month_number(&c[2]), c[1].parse::<u8>().ok())
            && (1..=31).contains(&d)
        {
            found.push((whole.start(), whole.end(), m, d));
        }
    }
    found.sort_by_key(|f| f.0);
    found.dedup_by(|b, a| b.0 < a.1);
    found
}

fn has_year(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_digit()).any(|w| w.len() == 4)
}

/// "in March 2019": month-precision dates, with their span.
pub fn find_month_years(text: &str) -> Vec<(usize, usize, Date)> {
    MONTH_YEAR
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let month = month_number(&c[1])?;
            let year: i32 = c[2].parse().ok()?;
            (1800..=2200).contains(&year).then_some((
                whole.start(),
                whole.end(),
                Date {
                    year,
                    month: Some(month),
                    day: None,
                },
            ))
        })
        .collect()
}

/// The weekday (0 = Monday) of a full date.
pub fn weekday(year: i32, month: u8, day: u8) -> u8 {
    // 1970-01-01 was a Thursday (3).
    ((days_from_civil(year, month, day) + 3).rem_euclid(7)) as u8
}

/// The date `days` days after (or before) a full date.
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    let (y, m, d) = date.first_day();
    civil_from_days(days_from_civil(y, m, d) + days)
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> Option<Date> {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Date::ymd(y, m, d)
}

/// Day of the week named by a word ("Friday", "friday"), 0 = Monday.
pub fn weekday_number(word: &str) -> Option<u8> {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w = word.to_lowercase();
    DAYS.iter().position(|d| *d == w).map(|i| i as u8)
}

fn push(
    found: &mut Vec<FoundDate>,
    caps: &regex::Captures,
    year: Option<regex::Match>,
    month: Option<u8>,
    day: Option<regex::Match>,
) {
    let whole = caps.get(0).expect("group 0 always exists");
    let year = year.and_then(|m| m.as_str().parse().ok());
    let day = day.and_then(|m| m.as_str().parse().ok());
    if let (Some(y), Some(m), Some(d)) = (year, month, day)
        && let Some(date) = Date::ymd(y, m, d)
    {
        found.push(FoundDate {
            start: whole.start(),
            end: whole.end(),
            date,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<String> {
        find_dates(text).first().map(|f| f.date.to_string())
    }

    #[test]
    fn month_day_year_in_a_lead() {
        assert_eq!(
            first("On March 19, 2017, President Xi Jinping met").as_deref(),
            Some("2017-03-19")
        );
        assert_eq!(
            first("On the morning of April 12, 2017, President Xi").as_deref(),
            Some("2017-04-12")
        );
    }

    #[test]
    fn day_month_year_with_ordinals_and_upper_case() {
        assert_eq!(
            first("On 21 March 2019 local time").as_deref(),
            Some("2019-03-21")
        );
        assert_eq!(first("05th October 2021").as_deref(), Some("2021-10-05"));
        assert_eq!(first("ON 3 NOV. 2020 THE").as_deref(), Some("2020-11-03"));
    }

    #[test]
    fn a_year_before_the_month_in_words_and_a_comma_without_a_space() {
        assert_eq!(
            first("Seoul, 2022 Nov. 17 (Yonhap) -- ").as_deref(),
            Some("2022-11-17")
        );
        assert_eq!(
            first("Dhaka, 05 October,2019: the Prime Minister").as_deref(),
            Some("2019-10-05")
        );
        assert_eq!(
            first("on March 14,2019 in Lima").as_deref(),
            Some("2019-03-14")
        );
    }

    #[test]
    fn numeric_year_first_dates() {
        assert_eq!(first("2018/03/09").as_deref(), Some("2018-03-09"));
        assert_eq!(
            first("Updated: 2010-09-27 14:01").as_deref(),
            Some("2010-09-27")
        );
    }

    #[test]
    fn a_span_of_days_dates_its_first_day() {
        assert_eq!(
            first("From December 11 to 13, 2015, Mr. Shinzo Abe").as_deref(),
            Some("2015-12-11")
        );
        assert_eq!(
            first("on 11-13 December 2015").as_deref(),
            Some("2015-12-11")
        );
    }

    #[test]
    fn numeric_day_first_dates() {
        assert_eq!(
            first("Publication Date: 16/11/2012").as_deref(),
            Some("2012-11-16")
        );
        assert_eq!(first("05.10.2021").as_deref(), Some("2021-10-05"));
        // No thirteenth month: the month first, as US publishers write it.
        assert_eq!(first("Published: 2/13/2018").as_deref(), Some("2018-02-13"));
        assert_eq!(first("31/12/2018").as_deref(), Some("2018-12-31"));
        assert_eq!(first("13/13/2018"), None);
    }

    #[test]
    fn month_days_without_a_year() {
        let md = |t: &str| {
            find_month_days(t)
                .iter()
                .map(|f| (f.2, f.3))
                .collect::<Vec<_>>()
        };
        assert_eq!(md("BEIJING, June 19 (Xinhua) --"), [(6, 19)]);
        assert_eq!(md("ISLAMABAD, JAN 17 /DNA/ –"), [(1, 17)]);
        assert_eq!(md("TEHRAN, Nov. 04 (MNA) –"), [(11, 4)]);
        assert_eq!(md("On the afternoon of 21 March local time"), [(3, 21)]);
        assert!(md("On March 14, 2016, the two").is_empty());
    }

    #[test]
    fn weekdays_and_day_arithmetic() {
        assert_eq!(weekday(2020, 6, 19), 4); // a Friday
        assert_eq!(weekday_number("Friday"), Some(4));
        let d = Date::ymd(2020, 3, 1).unwrap();
        assert_eq!(add_days(d, -1).unwrap().to_string(), "2020-02-29");
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(first("February 30, 2018"), None);
        assert_eq!(first("March 3, 0217"), None);
        assert_eq!(first("2019-13-01"), None);
    }

    #[test]
    fn user_dates_accept_year_month_or_day() {
        assert_eq!(Date::parse_iso_prefix("2017").unwrap().to_string(), "2017");
        assert_eq!(
            Date::parse_iso_prefix("2017-03").unwrap().last_day(),
            (2017, 3, 31)
        );
        assert_eq!(
            Date::parse_iso_prefix("2016-02").unwrap().last_day(),
            (2016, 2, 29)
        );
        assert_eq!(
            Date::parse_iso_prefix("2017-03-19").unwrap().to_string(),
            "2017-03-19"
        );
        assert!(Date::parse_iso_prefix("2017-3").is_none());
        assert!(Date::parse_iso_prefix("yesterday").is_none());
        assert!(Date::parse_iso_prefix("2017-02-30").is_none());
    }

    #[test]
    fn days_from_civil_matches_known_values() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2017, 3, 19), 17_244);
    }

    #[test]
    fn dates_with_dashes_and_slashes() {
        let dates = |text: &str| -> Vec<String> {
            find_dates(text)
                .iter()
                .map(|f| f.date.to_string())
                .collect()
        };
        assert_eq!(dates("18-06-2020 05:54 PM"), ["2020-06-18"]);
        assert_eq!(dates("Friday 12/September/2025 22:19 PM"), ["2025-09-12"]);
        assert_eq!(dates("Addis Ababa October 6/2022 (ENA)"), ["2022-10-06"]);
        assert_eq!(
            dates("Addis Ababa December 25/ 2019 Prime Minister"),
            ["2019-12-25"]
        );
    }
}
