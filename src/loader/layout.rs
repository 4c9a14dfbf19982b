//! The page's layout: which line is the title and which blocks are paragraphs.

use super::chrome::{is_chrome, is_clutter, is_cut_marker};
use super::meta::{self, MetaKind};

/// Title, date lines and body paragraphs of a normalised text, chrome and clutter removed.
#[derive(Debug, Default, PartialEq)]
pub struct Layout {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    /// Date lines (headers and bylines) found around the text, in order.
    pub meta: Vec<(MetaKind, String)>,
}

/// Splits normalised text into a title (the first line that is not chrome), date lines and
/// paragraphs.
///
/// Paragraphs are separated by blank lines. Inside a block, a line that ends a sentence also
/// ends a paragraph, so both one-line-per-paragraph files and hard-wrapped files read right.
/// A cut marker ("Related News") ends the readout; a place name on its own line just above a
/// date line ("New Delhi" / "December 1, 2009") is part of that dateline block.
pub fn layout(text: &str) -> Layout {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut out = Layout::default();
    let mut current = String::new();
    for (i, &line) in lines.iter().enumerate() {
        if line.is_empty() || is_chrome(line) || is_clutter(line) {
            flush(&mut current, &mut out.paragraphs);
            continue;
        }
        if is_cut_marker(line) && out.title.is_some() {
            break;
        }
        if let Some(kind) = meta::classify(line) {
            flush(&mut current, &mut out.paragraphs);
            out.meta.push((kind, line.to_string()));
            continue;
        }
        let line = collapse_spaces(line);
        if out.title.is_none() {
            out.title = Some(line);
            continue;
        }
        if is_place_above_date_line(&line, &lines[i + 1..]) {
            flush(&mut current, &mut out.paragraphs);
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&line);
        if ends_sentence(&line) {
            flush(&mut current, &mut out.paragraphs);
        }
    }
    flush(&mut current, &mut out.paragraphs);
    out
}

/// "New Delhi" on its own line, with a date line next.
fn is_place_above_date_line(line: &str, rest: &[&str]) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() <= 3
        && !ends_sentence(line)
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && rest
            .iter()
            .find(|l| !l.is_empty())
            .is_some_and(|next| meta::classify(next).is_some())
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    if !current.is_empty() {
        paragraphs.push(std::mem::take(current));
    }
}

fn collapse_spaces(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '"', '\u{201D}', ':', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

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
