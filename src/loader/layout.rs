//! The page's layout: which line is the title and which blocks are paragraphs.

use super::chrome::{continues_menu, is_chrome, is_clutter, is_cut_marker};
use super::meta::{self, MetaKind};

/// Title, date lines and body paragraphs of a normalised text, chrome and clutter removed.
#[derive(Debug, Default, PartialEq)]
pub struct Layout {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    /// Date lines (headers and bylines) found around the text, in order.
    pub meta: Vec<(MetaKind, String)>,
    /// A known place on its own line just above a date line ("New York" over "23 September
    /// 2012"): the page's dateline, set apart.
    pub place_line: Option<String>,
}

/// Splits normalised text into a title (the first line that is not chrome), date lines and
/// paragraphs.
///
/// Paragraphs are separated by blank lines. Inside a block, a line that ends a sentence also
/// ends a paragraph, so both one-line-per-paragraph files and hard-wrapped files read right.
/// A cut marker ("Related News") ends the readout; a place name on its own line just above a
/// date line ("New Delhi" / "December 1, 2009") is part of that dateline block.
pub fn layout(text: &str) -> Layout {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| super::chrome::without_chrome_suffix(l.trim()))
        .collect();
    let mut out = Layout::default();
    let mut current = String::new();
    let mut title_open = false;
    let mut after_menu = false;
    for (i, &line) in lines.iter().enumerate() {
        let wrapped_menu = after_menu && continues_menu(line);
        after_menu = is_chrome(line) && !line.is_empty();
        let clutter = is_clutter(line);
        if line.is_empty() || after_menu || wrapped_menu || clutter {
            // A caption wrapped over lines: its unfinished first lines go with it.
            if clutter && !ends_sentence(&current) {
                current.clear();
            }
            flush(&mut current, &mut out.paragraphs);
            title_open = false;
            after_menu |= wrapped_menu;
            continue;
        }
        if is_cut_marker(line) && out.title.is_some() {
            break;
        }
        if let Some(kind) = meta::classify(line) {
            flush(&mut current, &mut out.paragraphs);
            out.meta.push((kind, line.to_string()));
            title_open = false;
            continue;
        }
        let line = super::normalize::fold_spaces(line);
        let line = line.as_ref();
        // Above the title only a known place is taken for a dateline: a short heading
        // ("Press Release") can stand above a date line too.
        let place_above_date = is_place_above_date_line(line, &lines[i + 1..]);
        if out.title.is_none() && place_above_date && is_known_place(line) {
            out.place_line = Some(line.to_string());
            continue;
        }
        // Above the lead: only headings (a title repeated, a category) may come before it.
        if current.is_empty()
            && out.paragraphs.iter().all(|p| !ends_sentence(p))
            && let Some(place) = dateline_label_place(line).or_else(|| dateline_alone_place(line))
        {
            out.place_line.get_or_insert_with(|| place.to_string());
            continue;
        }
        match &mut out.title {
            None => {
                out.title = Some(line.to_string());
                title_open = true;
                continue;
            }
            Some(title) if title_open && continues_title(title, line) => {
                title.push(' ');
                title.push_str(line);
                title_open = false;
                continue;
            }
            Some(_) => title_open = false,
        }
        if place_above_date {
            // A dateline heads the text; a place and date at its foot sign it off ("New Delhi
            // / January 10, 2014" below an Indian release): where it was issued, not held.
            if current.is_empty() && out.paragraphs.is_empty() && is_known_place(line) {
                out.place_line.get_or_insert_with(|| line.to_string());
            }
            flush(&mut current, &mut out.paragraphs);
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
        if ends_sentence(line) {
            flush(&mut current, &mut out.paragraphs);
        }
    }
    flush(&mut current, &mut out.paragraphs);
    out
}

/// "New Delhi" on its own line, with a date line next.
fn is_place_above_date_line(line: &str, rest: &[&str]) -> bool {
    line.split_whitespace().nth(3).is_none()
        && !ends_sentence(line)
        && line
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
        && rest
            .iter()
            .find(|l| !l.is_empty())
            .is_some_and(|next| meta::classify(next).is_some())
}

/// A city or place of `capitals.tsv` or `places.tsv`, in any case.
pub(super) fn is_known_place(line: &str) -> bool {
    known_place(line).is_some()
}

/// The city or place of `capitals.tsv` or `places.tsv` a text is, in any case, as listed.
fn known_place(text: &str) -> Option<&'static str> {
    crate::data::CAPITALS
        .iter()
        .map(|(city, _)| city)
        .chain(crate::data::PLACES.iter().map(|(place, _)| place))
        .find(|place| place.eq_ignore_ascii_case(text))
        .map(String::as_str)
}

/// Where the first dash set off by spaces (" - ", " – ", " — ") is, and its length in bytes: a
/// dateline's end ("Riyadh - Saba", "Maputo — President …").
pub(super) fn first_dash(text: &str) -> Option<(usize, usize)> {
    [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| text.find(d).map(|at| (at, d.len())))
        .min()
}

/// "Riyadh - Saba", "BUENOS Aires – Argentina": a known place, a dash and a news agency's or a
/// country's name of up to three capitalised words, on a line of its own above the lead. The
/// line is the page's dateline, not its title: the place, as listed.
fn dateline_label_place(line: &str) -> Option<&'static str> {
    const LABEL_WORDS: usize = 3;
    let dash = first_dash(line)?;
    let (place, label) = (&line[..dash.0], &line[dash.0 + dash.1..]);
    let words: Vec<&str> = label.split_whitespace().collect();
    let is_label = (1..=LABEL_WORDS).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c == '('))
        && !ends_sentence(label);
    is_label.then(|| known_place(place.trim())).flatten()
}

/// "00:01 | Bogota (Colombia), Dec. 4.": a news agency's dateline on a line of its own above
/// the lead, a known place (its country in brackets) and a month and day: the place.
fn dateline_alone_place(line: &str) -> Option<&'static str> {
    const DATE_WORDS: usize = 4;
    // A clock time set off by a bar may come first.
    let line = match line.split_once(" | ") {
        Some((time, rest)) if time.bytes().all(|b| b.is_ascii_digit() || b == b':') => rest,
        _ => line,
    };
    let (place, date) = line.split_once(", ")?;
    let place = place.split_once(" (").map_or(place, |(p, _)| p);
    let dated = date.split_whitespace().count() <= DATE_WORDS
        && (!super::date::find_month_days(date).is_empty()
            || !super::date::find_dates(date).is_empty());
    dated.then(|| known_place(place.trim())).flatten()
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    if !current.is_empty() {
        paragraphs.push(std::mem::take(current));
    }
}

/// Whether a line ends a sentence: a hard-wrapped line ending in "Mr." or "H.E." does not.
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '"', '\u{201D}', ':', ';'])
        && !(line.ends_with('.') && super::sentences::is_abbreviation(line))
}

/// A title wrapped onto a second line: the first line is long and the next one continues it
/// without a blank line between.
fn continues_title(title: &str, line: &str) -> bool {
    title.chars().count() >= 60
        && line.chars().count() <= 60
        && !ends_sentence(line)
        && !title.ends_with(['.', ':', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_place_above_the_date_line_is_the_dateline_not_the_title() {
        let l = layout(
            "New York\n23 September 2012\nReadout of the Secretary-General's meeting\n\nThe Secretary-General met the President.\n",
        );
        assert_eq!(
            l.title.as_deref(),
            Some("Readout of the Secretary-General's meeting")
        );
        assert_eq!(l.place_line.as_deref(), Some("New York"));
        // A heading above a date line is still the title.
        let l = layout("Press Release\n23 September 2012\n\nThe President met the King.\n");
        assert_eq!(l.title.as_deref(), Some("Press Release"));
        assert_eq!(l.place_line, None);
        // A title's second line is the title's, place or not.
        let l = layout(
            "Li Keqiang Holds Telephone Talks with Prime Minister Lee Hsien Loong of\nSingapore\n2013/10/06\n\nOn October 6, Premier Li Keqiang had a call.\n",
        );
        assert_eq!(
            l.title.as_deref(),
            Some(
                "Li Keqiang Holds Telephone Talks with Prime Minister Lee Hsien Loong of Singapore"
            )
        );
        assert_eq!(l.place_line, None);
        // Below the title, the place line is kept as well as set apart.
        let l = layout("Talks with Japan\n\nNew Delhi\nJanuary 5, 2014\n\nThe two sides met.\n");
        assert_eq!(l.place_line.as_deref(), Some("New Delhi"));
        assert_eq!(l.paragraphs, ["The two sides met."]);
        // At the foot it signs the release off, and is no dateline.
        let l = layout("Talks with Japan\n\nThe two sides met.\n\nNew Delhi\nJanuary 10, 2014\n");
        assert_eq!(l.place_line, None);
        assert_eq!(l.paragraphs, ["The two sides met."]);
    }

    #[test]
    fn a_place_and_a_day_on_a_line_above_the_lead_are_the_dateline() {
        for line in ["00:01 | Lima (Peru), Dec. 4.", "Lima, March 3."] {
            let l = layout(&format!(
                "Minister meets envoys\n\n{line}\n\nThe Minister met the envoys.\n"
            ));
            assert_eq!(l.place_line.as_deref(), Some("Lima"), "{line}");
            assert_eq!(l.paragraphs, ["The Minister met the envoys."], "{line}");
        }
        // A sentence that starts with a place is no dateline.
        let l = layout("Minister meets envoys\n\nLima, the capital, hosted the envoys.\n");
        assert_eq!(l.place_line, None);
    }

    #[test]
    fn a_place_and_an_agency_on_a_line_above_the_lead_are_the_dateline() {
        let l =
            layout("[11/07/2023 02:48]\nRiyadh - Saba\nThe Minister received the Ambassador.\n");
        assert_eq!(l.place_line.as_deref(), Some("Riyadh"));
        let l = layout(
            "Minister meets President\n\nBUENOS Aires – Argentina\n\nThe Minister met the President.\n",
        );
        assert_eq!(l.title.as_deref(), Some("Minister meets President"));
        assert_eq!(l.place_line.as_deref(), Some("Buenos Aires"));
        assert_eq!(l.paragraphs, ["The Minister met the President."]);
        // A title that names two places, or a place and more words, stays the title.
        for title in ["Moscow – Beijing talks", "Riyadh - a new era of ties"] {
            let l = layout(&format!("{title}\n\nThe Minister met the President.\n"));
            assert_eq!(l.title.as_deref(), Some(title));
            assert_eq!(l.place_line, None);
        }
    }

    #[test]
    fn first_non_chrome_line_is_the_title() {
        let l = layout(
            "Home > China News\nXi Meets Biden\n\nOn May 1, 2021, Xi met Biden.\n\nSuggest To A Friend:",
        );
        assert_eq!(l.title.as_deref(), Some("Xi Meets Biden"));
        assert_eq!(l.paragraphs, ["On May 1, 2021, Xi met Biden."]);
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph() {
        let l =
            layout("Title\n\nOn May 1, 2021, President Xi\nmet President Biden.\nBoth agreed.\n");
        assert_eq!(
            l.paragraphs,
            [
                "On May 1, 2021, President Xi met President Biden.",
                "Both agreed."
            ]
        );
    }

    #[test]
    fn a_wrapped_line_ending_in_an_honorific_does_not_end_the_paragraph() {
        let l =
            layout("Title\n\nOn May 1, 2021, the Prime Minister met H.E. Mr.\nEmmanuel Macron.\n");
        assert_eq!(
            l.paragraphs,
            ["On May 1, 2021, the Prime Minister met H.E. Mr. Emmanuel Macron."]
        );
    }

    #[test]
    fn a_caption_wrapped_onto_two_lines_is_dropped_whole() {
        let l = layout(
            "Title\n\nText.\n\nChinese Premier Li Keqiang talks with Israeli Prime Minister Benjamin\nNetanyahu in Beijing, March 29, 2013. (Xinhua/Li Xueren)\n",
        );
        assert_eq!(l.paragraphs, ["Text."]);
    }

    #[test]
    fn a_menu_bar_wrapped_onto_a_second_line() {
        let l = layout(
            "Home  Embassy Info  About China  China & Russia  Economy & Trade\nConsular Affairs  Culture & Education\nXi Jinping Meets with President Putin\n\nText.\n",
        );
        assert_eq!(
            l.title.as_deref(),
            Some("Xi Jinping Meets with President Putin")
        );
    }

    #[test]
    fn a_long_title_wrapped_onto_a_second_line() {
        let l = layout(
            "Foreign Minister Sergey Lavrov's videoconference with Indonesian\nForeign Minister Retno Marsudi\n2 January 2018 11:43\n\nText.\n",
        );
        assert_eq!(
            l.title.as_deref(),
            Some(
                "Foreign Minister Sergey Lavrov's videoconference with Indonesian Foreign Minister Retno Marsudi"
            )
        );
        assert_eq!(l.paragraphs, ["Text."]);
    }

    #[test]
    fn a_paragraph_without_final_stop_ends_at_a_blank_line() {
        let l = layout("Title\n\nFirst block without stop\n\nSecond.");
        assert_eq!(l.paragraphs, ["First block without stop", "Second."]);
    }

    #[test]
    fn nothing_but_chrome_gives_no_title() {
        assert_eq!(layout("Print\n\nSuggest to a friend\n"), Layout::default());
    }

    #[test]
    fn date_lines_are_kept_apart_and_clutter_dropped() {
        let l = layout(
            "Briefing Room\nReadout of a Call\nMarch 14, 2021\n\nPresident Biden spoke today with X.\n\n###\n",
        );
        assert_eq!(l.title.as_deref(), Some("Readout of a Call"));
        assert_eq!(l.meta, [(MetaKind::Header, "March 14, 2021".to_string())]);
        assert_eq!(l.paragraphs, ["President Biden spoke today with X."]);
    }

    #[test]
    fn related_links_and_everything_after_are_cut() {
        let l = layout("Title\n\nOne.\n\nRelated News\nXi Meets Someone\nAnother Link\n");
        assert_eq!(l.paragraphs, ["One."]);
    }

    #[test]
    fn place_and_date_block_is_not_a_paragraph() {
        let l = layout("Title\n\nText.\n\nNew Delhi\nDecember 1, 2009\n");
        assert_eq!(l.paragraphs, ["Text."]);
        assert_eq!(l.meta.len(), 1);
    }
}
