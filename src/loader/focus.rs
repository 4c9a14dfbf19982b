//! Finding the readout in the page: which line is its title and which paragraph its lead,
//! chosen by what they say (a contact phrase, a sentence) rather than by where they stand.
//!
//! Real pages open with whatever their site puts first: settings panels, section names, the
//! office's own blurb, a photo caption. No list of chrome can name it all, so a first line that
//! reports no contact loses to a later headline that does.

use super::event;
use super::layout::Layout;
use crate::loader::pattern::Pattern;
use regex::Regex;

/// How far into the page a headline or lead is looked for, in paragraphs.
const LOOKAHEAD: usize = 16;

/// The longest line that can be a headline.
const HEADLINE_MAX_CHARS: usize = 240;

/// Whether a text names a contact ("held talks", "spoke with", "congratulated").
pub fn reports_contact(text: &str) -> bool {
    event::classify("", text).is_some()
}

/// "ASTANA." or "NEW DELHI.": an agency's dateline in capitals, stopped by a full stop before
/// the agency's name ("ASTANA. AGENCY – President ..."), which the sentence splitter takes for
/// a sentence of its own.
fn is_place_in_capitals(sentence: &str) -> bool {
    const PLACE_WORDS: usize = 3;
    let Some(place) = sentence.trim().strip_suffix('.') else {
        return false;
    };
    let words = place.split_whitespace().count();
    (1..=PLACE_WORDS).contains(&words)
        && place.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && place
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '-' | '\''))
}

/// "Washington (Dec. 19/19).": a dateline of a known place and a bracket, written as a
/// sentence of its own.
fn is_place_and_bracket(sentence: &str) -> bool {
    const BRACKET_LEN: usize = 40;
    let Some(inner) = sentence.trim().strip_suffix(").") else {
        return false;
    };
    let Some((place, bracket)) = inner.split_once('(') else {
        return false;
    };
    bracket.len() <= BRACKET_LEN && super::layout::is_known_place(place.trim())
}

/// Whether a paragraph reads as a sentence (a lead) rather than a heading: it ends as a
/// sentence does, or it is a run of sentences whatever it ends with ([`is_paragraph`]).
pub fn is_sentence(paragraph: &str) -> bool {
    paragraph
        .trim_end()
        .ends_with(['.', '!', '?', '"', '\u{201D}', ':'])
        || is_paragraph(paragraph)
}

/// A heading-shaped paragraph: short and not ended by a full stop or a colon (which
/// introduces what follows: "The gist of their talks is as follows:").
fn is_headline(paragraph: &str) -> bool {
    let p = paragraph.trim_end();
    !p.ends_with(['.', ':', ';']) && p.chars().count() <= HEADLINE_MAX_CHARS
}

/// Re-chooses the page's title when the first line reports no contact: a later headline that
/// does replaces it (the lines above it were the site's), and a title that is itself the
/// readout's first sentence goes back to the body.
pub fn choose_title(page: &mut Layout) {
    // "Today, Monday, ..., the Minister received ..." or "The Prime Minister spoke to Japanese
    // Prime Minister Abe about ..." as the first line: a lead, not a title. A headline is
    // short, in the present tense, and rarely ends with a full stop.
    if let Some(title) = page.title.as_deref()
        && ((title.ends_with('.') && (title.chars().count() > 100 || tells_in_past_tense(title)))
            || is_paragraph(title))
    {
        let lead = page.title.take().unwrap_or_default();
        page.paragraphs.insert(0, lead);
        return;
    }
    // A title that reports a contact, names someone in office ("Wang Yi's Telephone Calls with
    // Foreign Ministers") or says the page is no readout ("List of readouts") stays.
    if page.title.as_deref().is_some_and(|t| {
        reports_contact(t)
            || !super::people::find_mentions(t).is_empty()
            || super::event::is_not_readout(t, "", &[])
    }) {
        return;
    }
    let window = page.paragraphs.len().min(LOOKAHEAD);
    for i in 0..window {
        let p = &page.paragraphs[i];
        if !reports_contact(p) {
            continue;
        }
        if is_headline(p) {
            page.title = Some(page.paragraphs[i].clone());
            page.paragraphs.drain(..=i);
        }
        // A sentence that reports the contact is the lead: the headline, if any, was above it.
        break;
    }
}

/// A first line of several sentences and more words than any headline has: a whole page's
/// text on one line (a wire story with its dateline in front and its source line at the end),
/// whatever it ends with.
fn is_paragraph(line: &str) -> bool {
    const HEADLINE_WORDS: usize = 40;
    line.split_whitespace().nth(HEADLINE_WORDS).is_some()
        && super::sentences::sentence_spans(line).len() >= 2
}

/// Whether a line tells of a contact in the past tense, as a lead does ("spoke to", "met",
/// "held talks"), where a headline says "speaks", "meets", "holds".
fn tells_in_past_tense(line: &str) -> bool {
    static PAST: Pattern = Pattern::new(|| {
        Regex::new(r"(?-u:\b)(?:spoke|met|held|received|had|called|discussed|welcomed|hosted|telephoned|talked|exchanged)\s+(?:\w+\s+){0,2}?(?:to|with|talks|a|an|the|\p{Lu})")
            .expect("valid regex")
    });
    PAST.is_match(line)
}

/// A photo's caption: it ends with the photo's credit ("... PHOTO: MFA"), or its people stand
/// with a participle and no verb ("Foreign Minister A meeting Foreign Secretary B on the
/// sidelines of ..."). A caption above the lead names the same people, but it is not the lead.
pub fn is_caption(paragraph: &str) -> bool {
    static CREDIT: Pattern = Pattern::new(|| {
        Regex::new(r"(?:\b(?:PHOTO|Photo|Photograph|Picture|Image)\s*(?:credit\s*)?:\s*[^.:]{1,60}|\((?i:photo|picture)[^)]{0,60}\))\s*$")
            .expect("valid regex")
    });
    static FINITE: Pattern = Pattern::new(|| {
        Regex::new(r"(?-u:\b)(?:met|meets|held|holds|received|receives|spoke|speaks|called|discussed|had|has|have|visited|signed|exchanged|telephoned|talked|hosted|welcomed|is|was|were|are)(?-u:\b)")
            .expect("valid regex")
    });
    let paragraph = paragraph.trim_end();
    // Most paragraphs name no photo and have a verb: the cheap tests go first.
    let names_a_picture = ["PHOTO", "Photo", "photo", "Picture", "picture", "Image"]
        .iter()
        .any(|w| paragraph.contains(w));
    if names_a_picture && CREDIT.is_match(paragraph) {
        return true;
    }
    let first = super::sentences::first_sentence(paragraph).unwrap_or(paragraph);
    // "Maputo — President A meeting his counterpart B …": a story's dateline heads its lead,
    // never a caption.
    !FINITE.is_match(first) && has_participle_near_start(first) && !opens_with_place_and_dash(first)
}

/// "Maputo — …", "HARARE - …": a known place and a dash open the text.
fn opens_with_place_and_dash(text: &str) -> bool {
    const PLACE_BYTES: usize = 30;
    super::layout::first_dash(text)
        .map(|(at, _)| at)
        .filter(|&at| at <= PLACE_BYTES)
        .is_some_and(|at| super::layout::is_known_place(text[..at].trim()))
}

/// People joined by a participle ("Minister Ana Lima meeting Foreign Secretary Tom Hale"),
/// the first name standing within the text's first [`PARTICIPLE_REACH`] characters, before
/// any full stop.
static PARTICIPLE: Pattern = Pattern::new(|| {
    Regex::new(r"\p{Lu}[\p{L}'’-]+\s+(?:meeting|greeting|welcoming|receiving|speaking\s+(?:with|to)|talking\s+(?:with|to)|shaking\s+hands\s+with|with)\s+(?:\p{Lu}|the\s+\p{Lu})")
        .expect("valid regex")
});

const PARTICIPLE_REACH: usize = 150;

/// Whether [`PARTICIPLE`] matches from a place within reach of the start. Its leftmost match
/// tells: a later start is never nearer. The same pattern anchored at the start behind
/// `[^.]{0,150}?` took about 50,000 cycles a sentence (its lazy DFA, counting characters from
/// every place, built states for each new text); this takes a search and a count.
fn has_participle_near_start(text: &str) -> bool {
    PARTICIPLE.find(text).is_some_and(|m| {
        let before = &text[..m.start()];
        !before.contains('.') && before.chars().nth(PARTICIPLE_REACH).is_none()
    })
}

/// The lead paragraph: the first sentence-shaped paragraph near the top that reports a contact,
/// else the first sentence-shaped one, else the first. A photo's caption is never the lead.
pub fn lead_index(paragraphs: &[String]) -> Option<usize> {
    let window = paragraphs.len().min(LOOKAHEAD);
    let is_sentence = |p: &String| is_sentence(p) && !is_caption(p);
    let Some(first) = paragraphs[..window].iter().position(is_sentence) else {
        return (!paragraphs.is_empty()).then_some(0);
    };
    // The common case, a lead right below the title, costs one phrase search.
    if lead_reports_contact(&paragraphs[first]) {
        return Some(first);
    }
    // A contact reported just below ("The White House released the following readout:"),
    // else a first sentence that names people in office, in words no phrase list has.
    let near = (first + 1..window.min(first + NEAR_LEAD))
        .find(|&i| is_sentence(&paragraphs[i]) && lead_reports_contact(&paragraphs[i]));
    if let Some(i) = near {
        return Some(i);
    }
    if names_people(&paragraphs[first]) {
        return Some(first);
    }
    (first + 1..window)
        .find(|&i| is_sentence(&paragraphs[i]) && lead_reports_contact(&paragraphs[i]))
        .or(Some(first))
}

/// How many paragraphs below the first sentence a lead that reports a contact may stand.
const NEAR_LEAD: usize = 3;

/// The lead paragraph's first sentence, or its first two when the first is only a dateline
/// ("MOSCOW, October 10. /TASS/. Iraqi Prime Minister ... has arrived", "Baku, 12 March 2018,
/// AZERTAC. Azerbaijani Foreign Minister ... met").
pub fn lead_sentence(paragraph: &str) -> &str {
    const DATELINE_WORDS: usize = 8;
    let first = super::sentences::first_sentence(paragraph).unwrap_or("");
    // "Baku, 12 March 2018, AZERTAC." is a dateline written as a sentence of its own.
    // "Baku, March 3, AZERTAC.": a month and day without the year date it too.
    let dateline_sentence = (first.split_whitespace().count() <= DATELINE_WORDS
        && (!super::date::find_dates(first).is_empty()
            || !super::date::find_month_days(first).is_empty())
        && !reports_contact(first))
        || is_place_in_capitals(first)
        || is_place_and_bracket(first);
    if !dateline_sentence && !super::when::split_dateline(first).1.trim().is_empty() {
        return first;
    }
    let spans = super::sentences::sentence_spans(paragraph);
    match (spans.first(), spans.get(1)) {
        (Some(a), Some(b)) => &paragraph[a.0..b.1],
        _ => first,
    }
}

fn names_people(paragraph: &str) -> bool {
    !super::people::find_mentions(lead_sentence(paragraph)).is_empty()
}

fn lead_reports_contact(paragraph: &str) -> bool {
    reports_contact(lead_sentence(paragraph))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, paragraphs: &[&str]) -> Layout {
        Layout {
            title: Some(title.to_string()),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            meta: Vec::new(),
            place_line: None,
        }
    }

    #[test]
    fn a_whole_story_on_its_first_line_is_the_body_not_the_title() {
        let story = "Lisbon, Mar 3, 2015, WIRE - Portuguese Prime Minister Ana Costa spoke with Chilean President Pablo Rojas by telephone Tuesday, the government said. The two leaders discussed trade in copper and the coming summit in Santiago. Costa also instructed Foreign Minister Rui Lopes and his counterpart Elena Vidal to prepare it. --WIRE 10:53 LOCAL TIME www.wire.example/1104535";
        let mut l = page(story, &["--WIRE"]);
        choose_title(&mut l);
        assert_eq!(l.title, None);
        assert_eq!(l.paragraphs[0], story);
        // A long headline of one sentence stays.
        let headline = "Prime Minister Ana Costa Holds Telephone Talks with President Pablo Rojas of Chile on Trade in Copper, Lithium and Wine, the Coming Summit in Santiago, the Situation in Venezuela and the Reform of the World Trade Organization";
        let mut l = page(
            headline,
            &["Prime Minister Ana Costa spoke with President Pablo Rojas."],
        );
        choose_title(&mut l);
        assert_eq!(l.title.as_deref(), Some(headline));
    }

    #[test]
    fn a_settings_panel_loses_to_the_headline_below_it() {
        let mut l = page(
            "Accessibility options",
            &[
                "Text size:",
                "The Presidency's news",
                "President Anna Berg had a telephone conversation with Prime Minister Tomas Ruud",
                "The leaders discussed trade.",
            ],
        );
        choose_title(&mut l);
        assert_eq!(
            l.title.as_deref(),
            Some("President Anna Berg had a telephone conversation with Prime Minister Tomas Ruud")
        );
        assert_eq!(l.paragraphs, ["The leaders discussed trade."]);
    }

    #[test]
    fn an_office_blurb_is_not_the_lead() {
        let paragraphs: Vec<String> = [
            "The Office of the Prime Minister assists the Prime Minister in leading the Government.",
            "Official visit",
            "On Monday, Prime Minister Ola Lind met with President Ken Oda.",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        assert_eq!(lead_index(&paragraphs), Some(2));
    }

    #[test]
    fn a_title_that_reports_a_contact_stays() {
        let mut l = page(
            "Xi Jinping Meets with President Putin",
            &["Menu", "On May 1, Xi met Putin."],
        );
        choose_title(&mut l);
        assert_eq!(
            l.title.as_deref(),
            Some("Xi Jinping Meets with President Putin")
        );
        assert_eq!(l.paragraphs.len(), 2);
    }

    #[test]
    fn a_first_line_that_is_the_lead_goes_back_to_the_body() {
        let lead = "Today, Monday, November 7, 2022, the Minister of Foreign Affairs, Sam Hale, received the new Ambassador of the Republic of Chile, Mr. Jon Ruiz.";
        let mut l = page(lead, &["They discussed relations."]);
        choose_title(&mut l);
        assert_eq!(l.title, None);
        assert_eq!(l.paragraphs[0], lead);
    }

    #[test]
    fn a_headline_below_the_lead_is_not_taken() {
        let mut l = page(
            "News",
            &[
                "On May 1, the President met the Chancellor.",
                "President visits factory",
            ],
        );
        choose_title(&mut l);
        assert_eq!(l.title.as_deref(), Some("News"));
        assert_eq!(l.paragraphs.len(), 2);
    }

    #[test]
    fn a_photo_caption_is_not_the_lead() {
        let caption = "Foreign Minister Ana Lima meeting Foreign Secretary Tom Hale on the sidelines \
                       of the summit in Jakarta yesterday.";
        assert!(is_caption(caption));
        assert!(is_caption(
            "The two ministers before their talks. PHOTO: MFA"
        ));
        assert!(is_caption("Leaders at the summit. (Photo: Reuters)"));
        assert!(!is_caption(
            "Foreign Minister Ana Lima met Foreign Secretary Tom Hale in Jakarta yesterday."
        ));
        // A dateline heads a story's lead, written the way a caption is.
        assert!(!is_caption(
            "Maputo — Foreign Minister Ana Lima meeting Foreign Secretary Tom Hale at the ministry, April 16."
        ));
        let lead = "Foreign Minister Ana Lima held bilateral meetings yesterday with her \
                    counterparts from Britain and Norway.";
        let paragraphs = [caption.to_string(), lead.to_string()];
        assert_eq!(lead_index(&paragraphs), Some(1));
    }

    proptest::proptest! {
        #[test]
        fn a_participle_is_found_as_the_anchored_pattern_finds_it(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "President", "Ana", "Soto", "Lima", "meeting", "greeting", "with", "the",
                    "The", "Mr.", ".", "talking", "to", "speaking", "shaking", "hands", "Émile",
                    "O’Neil", "al-Sisi", "on", "sidelines", "of", "a", "very", "long",
                    "summit", "in", "Jakarta", "yesterday", "Minister", "x",
                ]),
                0..50,
            ),
            spaces in proptest::collection::vec(
                proptest::sample::select(vec![" ", "  ", "\n", "", ", "]),
                50,
            ),
        ) {
            let anchored = Regex::new(r"^[^.]{0,150}?\p{Lu}[\p{L}'’-]+\s+(?:meeting|greeting|welcoming|receiving|speaking\s+(?:with|to)|talking\s+(?:with|to)|shaking\s+hands\s+with|with)\s+(?:\p{Lu}|the\s+\p{Lu})").unwrap();
            let mut text = String::new();
            for (w, s) in words.iter().zip(&spaces) {
                text.push_str(w);
                text.push_str(s);
            }
            proptest::prop_assert_eq!(has_participle_near_start(&text), anchored.is_match(&text), "{:?}", text);
        }
    }

    #[test]
    fn a_participle_counts_only_near_the_start() {
        let far = format!("{} Ana Lima meeting Tom Hale", "word ".repeat(30));
        assert!(!has_participle_near_start(&far));
        assert!(has_participle_near_start(&far[30..]));
        assert!(!has_participle_near_start(
            "At the summit. Ana Lima meeting Tom Hale"
        ));
    }

    #[test]
    fn a_first_line_told_in_the_past_tense_is_the_lead() {
        let mut l = page(
            "The Prime Minister spoke to Chancellor Olaf Berg about energy.",
            &["The leaders agreed to stay in touch."],
        );
        choose_title(&mut l);
        assert_eq!(l.title, None);
        assert_eq!(l.paragraphs.len(), 2);
        // A headline in the present tense stays, full stop or not.
        let mut l = page("Prime Minister speaks to Chancellor Berg.", &["They met."]);
        choose_title(&mut l);
        assert!(l.title.is_some());
    }

    #[test]
    fn a_dateline_written_as_a_sentence_runs_on_into_the_lead() {
        let p = "Baku, 12 March 2018, AZERTAC. Azerbaijani Foreign Minister Elmar Mammadyarov \
                 met with his Mongolian counterpart. They discussed trade.";
        assert!(lead_sentence(p).ends_with("met with his Mongolian counterpart."));
        let p = "Baku, March 3, AZERTAC. Foreign Minister Ana Soto has met with her Chilean \
                 counterpart. They discussed trade.";
        assert!(lead_sentence(p).ends_with("met with her Chilean counterpart."));
        let p = "LIMA. NEWSWIRE – President Ana Soto received the ambassador of Chile. They \
                 discussed trade.";
        assert!(lead_sentence(p).ends_with("received the ambassador of Chile."));
        let p = "Washington (Dec. 19/19). The Minister of Foreign Affairs met with Senator Ana \
                 Soto. They discussed trade.";
        assert!(lead_sentence(p).ends_with("met with Senator Ana Soto."));
        assert!(!is_place_and_bracket("The Minister met him (twice)."));
        assert!(is_place_in_capitals("NEW DELHI."));
        assert!(!is_place_in_capitals("Lima."));
        assert!(!is_place_in_capitals("THE TWO LEADERS MET TODAY."));
        assert!(!is_place_in_capitals("A."));
        let p = "President A met President B on 3 May 2021. They discussed trade.";
        assert_eq!(
            lead_sentence(p),
            "President A met President B on 3 May 2021."
        );
    }
}
