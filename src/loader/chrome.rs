//! Site chrome: navigation, breadcrumbs and page furniture that are not part of a readout.

use crate::data::{CHROME, CHROME_SUFFIXES, CLUTTER, CUT_MARKERS};
use crate::loader::pattern::Pattern;
use regex::Regex;
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// The patterns anchored at the start of the line in one regex, each other pattern alone. Not
/// a single regex or a `RegexSet`: a search anchored at the start stops within a few bytes,
/// and a pattern anchored at the end is searched backwards from it, where a set scans every
/// byte of every line (most lines are whole paragraphs). One regex for the anchored ones
/// rather than one each: most of the cost of a short search is the call itself.
static CLUTTER_SET: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let (at_start, others): (Vec<&String>, Vec<&String>) =
        CLUTTER.iter().partition(|p| p.starts_with('^'));
    let joined = at_start
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    std::iter::once(joined)
        .filter(|j| !j.is_empty())
        .chain(others.into_iter().cloned())
        .map(|p| Pattern::of(Regex::new(&format!("(?i){p}")).expect("valid clutter pattern")))
        .collect()
});
static CUT_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::new(&CUT_MARKERS));

/// Page clutter that is dropped wherever it stands: captions, editor credits, republication
/// notices, attribution lines (`clutter.txt`).
pub fn is_clutter(line: &str) -> bool {
    let line = line.trim();
    CLUTTER_SET.iter().any(|re| re.is_match(line))
}

/// The line without the site chrome that ends it ("Wednesday, 24 July 2019. PDF Print
/// E-mail" → "Wednesday, 24 July 2019."; `chrome_suffixes.txt`).
pub fn without_chrome_suffix(line: &str) -> &str {
    let bytes = line.as_bytes();
    for suffix in CHROME_SUFFIXES.iter() {
        let Some(start) = line.len().checked_sub(suffix.len()) else {
            continue;
        };
        let at_word = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        if at_word && bytes[start..].eq_ignore_ascii_case(suffix.as_bytes()) {
            return line[..start].trim_end();
        }
    }
    line
}

/// A heading that starts the appended clutter ("Related News", "Leave a Reply"): it and
/// everything after it are not part of the readout (`cut_markers.txt`).
pub fn is_cut_marker(line: &str) -> bool {
    in_set(&CUT_SET, line)
}

static CHROME_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::new(&CHROME));

/// Lines compared by [`chrome_key`], with the longest key's length so that a longer line (a
/// sentence, most lines) is told apart without making its key.
struct PhraseSet {
    keys: FxHashSet<String>,
    longest: usize,
}

impl PhraseSet {
    fn new(phrases: &[String]) -> PhraseSet {
        let keys: FxHashSet<String> = phrases.iter().map(|p| chrome_key(p)).collect();
        let longest = keys.iter().map(String::len).max().unwrap_or(0);
        PhraseSet { keys, longest }
    }
}

/// Whether the line's key is in the set. Trailing colons, dots and spaces are at the end of a
/// key, so a line whose trimmed start is longer than the longest key plus them cannot match.
fn in_set(set: &PhraseSet, line: &str) -> bool {
    let trimmed = line.trim().trim_end_matches([':', ' ', '.']);
    // Lower-casing can shrink a letter to a third of its bytes (the Kelvin sign): allow for it
    // unless the line is ASCII, whose lower case has as many bytes.
    let fits =
        trimmed.len() <= set.longest || (trimmed.len() <= set.longest * 3 && !trimmed.is_ascii());
    fits && set.keys.contains(&chrome_key(line))
}

/// A line's comparison key: lower case, trailing colons, dots and spaces removed.
fn chrome_key(line: &str) -> String {
    line.trim()
        .trim_end_matches([':', ' ', '.'])
        .trim_start()
        .to_lowercase()
}

/// Whether a line (already normalised) is site chrome rather than text.
pub fn is_chrome(line: &str) -> bool {
    let line = line.trim();
    in_set(&CHROME_SET, line) || is_breadcrumb(line) || is_menu(line)
}

/// "Home > China News", "Home » News » Readouts", "You are here: Home / Media".
fn is_breadcrumb(line: &str) -> bool {
    // '>', and the last bytes of '»' and '›': most lines have none, found without decoding.
    let separators = if memchr::memchr3(b'>', 0xBB, 0xBA, line.as_bytes()).is_some() {
        line.chars()
            .filter(|c| matches!(c, '>' | '»' | '›'))
            .count()
    } else {
        0
    };
    let starts_with = |prefix: &str| {
        line.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    let starts_home = starts_with("home") || starts_with("you are here");
    (starts_home && (separators > 0 || line.contains(" / ") || line.contains(" | ")))
        || separators >= 2
}

/// A navigation bar: many short items separated by runs of spaces or bars, and no sentence.
fn is_menu(line: &str) -> bool {
    menu_items(line) >= 4
}

/// The rest of a navigation bar wrapped onto the next line: two or more short items.
pub fn continues_menu(line: &str) -> bool {
    menu_items(line) >= 2
}

/// How many short items separated by runs of spaces or bars the line holds, when it is only
/// such items (0 otherwise).
fn menu_items(line: &str) -> usize {
    // Most lines are sentences: no separator, or a final full stop.
    if line.trim_end().ends_with('.') || !(line.contains("  ") || line.contains(" | ")) {
        return 0;
    }
    let items: Vec<&str> = line
        .split("  ")
        .flat_map(|s| s.split(" | "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let only_items = items.len() >= 2
        && items.iter().all(|i| i.split_whitespace().count() <= 4)
        && !line.trim_end().ends_with('.');
    if only_items { items.len() } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggest_to_a_friend_in_any_case_is_chrome() {
        assert!(is_chrome("Suggest to a friend:"));
        assert!(is_chrome("Suggest To A Friend"));
        assert!(is_chrome("Print"));
    }

    #[test]
    fn buttons_after_a_date_are_cut_and_font_buttons_are_clutter() {
        assert_eq!(
            without_chrome_suffix("Wednesday, 24 July 2019. PDF Print E-mail"),
            "Wednesday, 24 July 2019."
        );
        assert_eq!(without_chrome_suffix("PDF Print E-mail"), "");
        // Only the whole words, at the line's end.
        assert_eq!(without_chrome_suffix("Blueprint Email"), "Blueprint Email");
        assert_eq!(
            without_chrome_suffix("Print E-mail the minister"),
            "Print E-mail the minister"
        );
        assert!(is_clutter("+ larger fontnormal font- Smaller font"));
    }

    #[test]
    fn breadcrumbs_are_chrome() {
        assert!(is_chrome("Home > China News"));
        assert!(is_chrome(" Home > China News"));
        assert!(is_chrome("Home » Media Center » Bilateral"));
    }

    #[test]
    fn embassy_menu_bar_is_chrome() {
        let menu = "Home  Embassy Info  About China  China & Greece  Economy & Trade  Consular Affairs  Culture & Education  Science & Technology  The Olympics  China's EU Policy Paper ";
        assert!(is_chrome(menu));
    }

    #[test]
    fn captions_credits_and_notices_are_clutter() {
        assert!(is_clutter(
            "Chinese President Xi Jinping holds talks in Beijing, June 19, 2020. (Xinhua/Li Xueren)"
        ));
        assert!(is_clutter("[Editor: Zhang Wei]"));
        assert!(is_clutter("Editor: huaxia"));
        assert!(is_clutter(
            "This article is republished from Xinhua News Agency. All rights reserved."
        ));
        assert!(is_clutter(
            "The below is attributable to Spokesperson Ned Price:"
        ));
        assert!(is_clutter(
            "From: Prime Minister's Office, 10 Downing Street"
        ));
        assert!(!is_clutter(
            "The two sides agreed to maintain close contacts."
        ));
        assert!(is_cut_marker("Related News"));
        assert!(is_cut_marker("Leave a Reply"));
        assert!(!is_cut_marker("Related news was discussed."));
    }

    #[test]
    fn titles_and_sentences_are_not_chrome() {
        assert!(!is_chrome(
            "Xi Jinping Holds Telephone Talks with President Donald Trump of the US"
        ));
        assert!(!is_chrome(
            "The two heads of state agreed to maintain close contacts through various channels."
        ));
        assert!(!is_chrome("Homeland security was discussed."));
    }
}
