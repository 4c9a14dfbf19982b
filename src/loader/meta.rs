//! Date lines around a readout: a header ("2018/03/09", "Updated: 2010-09-27 14:01") or a
//! byline ("Published By : Admin | June 2, 2020 | 21:29 IST"). They carry the page's date,
//! which dates the event when the lead says only "today" or "On March 14".

use super::date::{FoundDate, find_dates, find_month_days};
use crate::data::DATE_LABELS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaKind {
    Header,
    Byline,
}

/// Whether a line is a date line, and which kind. Sentences that merely contain a date are not.
pub fn classify(line: &str) -> Option<MetaKind> {
    let line = line.trim();
    if line.len() > 140 || line.ends_with('.') && line.split_whitespace().count() > 8 {
        return None;
    }
    let dates = find_dates(line);
    if dates.is_empty() {
        return None;
    }
    let lower = line.to_lowercase();
    let labelled = DATE_LABELS
        .iter()
        .filter(|(label, _)| {
            lower.starts_with(label.as_str())
                && lower[label.len()..].starts_with(|c: char| !c.is_alphanumeric())
        })
        .max_by_key(|(label, _)| label.len());
    if let Some((_, kind)) = labelled {
        return Some(if kind == "byline" {
            MetaKind::Byline
        } else {
            MetaKind::Header
        });
    }
    if leftover_words(line, &dates) <= 2 || is_date_then_labels(line, &dates) {
        return Some(MetaKind::Header);
    }
    None
}

/// "January 20, 2022 - Paris, France - Global Affairs Canada": a date first, then short
/// labels (a place, the publisher) set off by dashes or bars, with no sentence among them.
fn is_date_then_labels(line: &str, dates: &[FoundDate]) -> bool {
    let Some(first) = dates.first() else {
        return false;
    };
    if first.start > 0 || line.ends_with(['.', ':']) {
        return false;
    }
    let rest = &line[first.end..];
    let pieces: Vec<&str> = rest
        .split(['|', '–', '—'])
        .flat_map(|p| p.split(" - "))
        .map(|p| p.trim().trim_start_matches('-').trim())
        .filter(|p| !p.is_empty())
        .collect();
    rest.trim_start().starts_with(['-', '|', '–', '—'])
        && !pieces.is_empty()
        && pieces.iter().all(|p| {
            p.split_whitespace().count() <= 5
                && p.split_whitespace().all(|w| {
                    w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                        || matches!(w, "of" | "the" | "and" | "for" | "de" | "du" | "la")
                })
        })
}

/// Words of a line that are not part of its date (`dates`, as found in it), time, weekday or
/// separators.
fn leftover_words(line: &str, dates: &[FoundDate]) -> usize {
    let mut rest = line.to_string();
    for f in dates.iter().rev() {
        rest.replace_range(f.start..f.end, " ");
    }
    for f in find_month_days(&rest).iter().rev() {
        rest.replace_range(f.0..f.1, " ");
    }
    rest.split(|c: char| c.is_whitespace() || matches!(c, '|' | ',' | '-' | '/' | '(' | ')'))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .filter(|w| {
            let l = w.to_lowercase();
            !matches!(
                l.trim_end_matches('.'),
                "am" | "pm"
                    | "a.m"
                    | "p.m"
                    | "ist"
                    | "gmt"
                    | "utc"
                    | "pkt"
                    | "msk"
                    | "jst"
                    | "est"
                    | "edt"
                    | "bst"
            ) && super::date::weekday_number(l.trim_end_matches(',')).is_none()
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_only_lines_are_headers() {
        assert_eq!(classify("2018/03/09"), Some(MetaKind::Header));
        assert_eq!(classify("December 1, 2009"), Some(MetaKind::Header));
        assert_eq!(classify("March 14, 2018, 17:30"), Some(MetaKind::Header));
        assert_eq!(classify("14 March 2018 18:02"), Some(MetaKind::Header));
        assert_eq!(
            classify("Updated: 2010-09-27 14:01"),
            Some(MetaKind::Header)
        );
        assert_eq!(classify("MARCH 14, 2021"), Some(MetaKind::Header));
    }

    #[test]
    fn publication_lines_are_bylines() {
        assert_eq!(
            classify("Published By : Admin | June 2, 2020 | 21:29 IST"),
            Some(MetaKind::Byline)
        );
        assert_eq!(
            classify("Publication Date: 16/11/2012"),
            Some(MetaKind::Byline)
        );
        assert_eq!(
            classify("Source: Xinhua| 2020-06-19 22:01:35| Editor: huaxia"),
            Some(MetaKind::Byline)
        );
        assert_eq!(
            classify("Published 23 November 2025"),
            Some(MetaKind::Byline)
        );
    }

    #[test]
    fn sentences_and_titles_with_dates_are_not_date_lines() {
        assert_eq!(
            classify("On March 19, 2017, President Xi Jinping met with Rex Tillerson."),
            None
        );
        assert_eq!(
            classify("PM call with President Trump: 23 November 2025"),
            None
        );
        assert_eq!(
            classify("Xi Jinping Meets with US Secretary of State"),
            None
        );
    }

    #[test]
    fn a_date_then_place_and_publisher_is_a_date_line() {
        assert_eq!(
            classify("March 3, 2021 - Lima, Peru - Ministry of Foreign Affairs"),
            Some(MetaKind::Header)
        );
        assert_eq!(
            classify("March 3, 2021 - The minister met her counterpart in Lima"),
            None
        );
    }

    #[test]
    fn a_labelled_added_and_updated_line_is_a_date_line() {
        assert_eq!(
            classify(
                "Ekleme: 02.03.2021 10:15:00 / Güncelleme: 02.03.2021 10:15:00 / English News"
            ),
            Some(MetaKind::Header)
        );
    }
}
