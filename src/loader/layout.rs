//! The page's layout: which line is the title and which blocks are paragraphs.

use super::chrome::is_chrome;

/// Title and body paragraphs of a normalised text, chrome removed.
#[derive(Debug, Default, PartialEq)]
pub struct Layout {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
}

/// Splits normalised text into a title (the first line that is not chrome) and paragraphs.
///
/// Paragraphs are separated by blank lines. Inside a block, a line that ends a sentence also
/// ends a paragraph, so both one-line-per-paragraph files and hard-wrapped files read right.
pub fn layout(text: &str) -> Layout {
    let mut title = None;
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || is_chrome(line) {
            flush(&mut current, &mut paragraphs);
            continue;
        }
        let line = collapse_spaces(line);
        if title.is_none() {
            title = Some(line);
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&line);
        if ends_sentence(&line) {
            flush(&mut current, &mut paragraphs);
        }
    }
    flush(&mut current, &mut paragraphs);
    Layout { title, paragraphs }
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
}
