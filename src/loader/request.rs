//! Who asked for the contact: "at request", "at the request of X", "X called Y".

use super::people::Mention;
use crate::loader::pattern::Pattern;
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

static AT_REQUEST_OF: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:at|upon|on) the (?:request|invitation|initiative) of(?-u:\b)")
        .expect("valid regex")
});
static AT_LATTERS_REQUEST: Pattern = Pattern::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:at|on|upon) the (latter|former)[’']s (?:request|initiative)(?-u:\b)",
    )
    .expect("valid regex")
});
static BARE_REQUEST: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:at|upon|on) (?:his |her |their |the other side's )?request(?-u:\b)")
        .expect("valid regex")
});
static SIDE_INITIATIVE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:on|at|upon|by) the ((?:\w[\w.]*\s)?\w[\w.]*) (?:side|party)[’']s (?:initiative|request)(?-u:\b)|(?-u:\b)(?:(?:at|on|upon) the (?:initiative|request) of|initiated by|requested by) the ((?:\w[\w.]*\s)?\w[\w.]*) (?:side|party)(?-u:\b)|(?-u:\b)(?:on|at|upon) (\p{Lu}[\w.]*)[’']s (?:initiative|request)(?-u:\b)")
        .expect("valid regex")
});
/// "at President Macron's request", "on Chancellor Scholz's initiative".
static POSSESSIVE_REQUEST: Pattern = Pattern::new(|| {
    Regex::new(
        r"(?-u:\b)(?:at|on|upon)\s+(?P<who>[^,;]{1,60}?)[’']s\s+(?:request|initiative)(?-u:\b)",
    )
    .expect("valid regex")
});
static CALLED: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:received|took|answered) (?:(?:today|earlier today|yesterday|tonight|last night|this \w+|(?:on )?\w+day(?: (?:morning|afternoon|evening|night))?)\s+)?(?:(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?\w+,?\s+\d{4}\s+)?an? (?:(?:telephone|phone|video|congratulatory|condolence)\s+){0,2}(?:call|message|letter|cable) (?:\w+\s+){0,5}from|(?:call|conversation|talks) (?:was |were )?(?:initiated|placed|made|requested) by|initiated by|(?:at|on|upon) the request of)(?-u:\b)").expect("valid regex")
});
static SUBJECT_CALLED: Pattern = Pattern::new(|| {
    Regex::new(r"^\s*(?:(?:today|earlier today|this \w+|on \w+day|on \w+ \d{1,2}),?\s+)?(?:called|telephoned|phoned|rang|dial(?:l)?ed(?: up)?|(?:has |had )?(?:made|placed) an? (?:telephone |phone )?call (?:\w+\s+){0,2}to)(?-u:\b)")
            .expect("valid regex")
});

/// The phrasings [`requester`] looks for in a lead, in [`LEAD_PHRASINGS`]' order.
enum Phrasing {
    SideInitiative,
    AtRequestOf,
    Called,
    Possessive,
    LattersRequest,
    BareRequest,
}

static LEAD_PHRASINGS: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        SIDE_INITIATIVE.as_str(),
        AT_REQUEST_OF.as_str(),
        CALLED.as_str(),
        POSSESSIVE_REQUEST.as_str(),
        AT_LATTERS_REQUEST.as_str(),
        BARE_REQUEST.as_str(),
    ])
    .expect("valid request regexes")
});

/// The requester told after the lead, in the rest of its paragraph: "A telephone conversation
/// took place between X and Y. The conversation was initiated by the Polish side."
pub fn side_requester(text: &str, principals: &[Mention]) -> Option<usize> {
    if !may_name_an_initiating_side(text) {
        return None;
    }
    let c = SIDE_INITIATIVE.captures(text)?;
    let words = c
        .get(1)
        .or(c.get(2))
        .or(c.get(3))
        .map(|m| m.as_str())
        .unwrap_or("");
    let last = words.rsplit(' ').next().unwrap_or(words);
    let country =
        crate::data::country_for_user(words).or_else(|| crate::data::country_for_user(last))?;
    principals
        .iter()
        .position(|m| m.country.as_deref() == Some(&country.code))
}

/// False when [`SIDE_INITIATIVE`] cannot match: every phrasing holds "request" or "initiat",
/// so an ASCII text with neither is told without the pattern (case-insensitive, with Unicode
/// word classes), which most paragraphs then skip.
fn may_name_an_initiating_side(text: &str) -> bool {
    static WORDS: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        LazyLock::new(|| super::ascii::finders(&["request", "initiat"]));
    !text.is_ascii() || super::ascii::contains_any_ignore_case(text, &WORDS)
}

/// Whether a sentence holds a word that every rule of [`body_requester`] needs one of: a
/// request, an initiative, a call, a phone, "rang", or "from". Checked in ASCII case; a text
/// with other characters is read in full.
fn may_say_who_asked(text: &str) -> bool {
    static WORDS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
        super::ascii::finders(&["request", "initiat", "call", "phone", "rang", "from"])
    });
    !text.is_ascii() || super::ascii::contains_any_ignore_case(text, &WORDS)
}

/// The requester told later in the opening paragraphs ("Modi received a call from Biden.",
/// "The discussion was conducted on Russia's initiative."): each sentence is read with the
/// principals located in it by their names, surnames or, for an unnamed one, "the" and office.
pub fn body_requester(sentences: &[&str], principals: &[Mention]) -> Option<usize> {
    for sentence in sentences {
        // Most sentences say nothing of who asked: none of the words every rule below needs.
        if !may_say_who_asked(sentence) {
            continue;
        }
        if let Some(i) = side_requester(sentence, principals) {
            return Some(i);
        }
        let mut located: Vec<(Mention, usize)> = principals
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                locate(sentence, p).map(|(start, end)| {
                    let mut m = p.clone();
                    m.start = start;
                    m.end = end;
                    (m, i)
                })
            })
            .collect();
        if located.is_empty() {
            continue;
        }
        located.sort_by_key(|(m, _)| m.start);
        let (mentions, order): (Vec<Mention>, Vec<usize>) = located.into_iter().unzip();
        let sentence_requester = match mentions.len() {
            1 => called_from_only(sentence, &mentions[0])
                .or_else(|| asked_by_only(sentence, &mentions[0]))
                .map(|i| order[i])
                .or_else(|| {
                    // "the President called China's President Hu Jintao": of two principals,
                    // the one not named is the caller.
                    (principals.len() == 2 && called_to_only(sentence, &mentions[0]))
                        .then(|| 1 - order[0])
                }),
            _ => requester(sentence, "", &mentions)
                .filter(|_| !BARE_REQUEST.is_match(sentence) || mentions.len() >= 2)
                .map(|i| order[i]),
        };
        if sentence_requester.is_some() {
            return sentence_requester;
        }
    }
    None
}

/// "... was initiated by Barack Obama", "received a call from Biden": one located principal
/// named right after a phrase that says who asked.
fn called_from_only(sentence: &str, only: &Mention) -> Option<usize> {
    CALLED
        .find_iter(sentence)
        .any(|m| m.end() <= only.start && only.start - m.end() <= 40)
        .then_some(0)
}

/// "The conversation, arranged at Wang's request, ...": the one located principal is named in
/// the possessive of a request or an initiative.
fn asked_by_only(sentence: &str, only: &Mention) -> Option<usize> {
    let c = POSSESSIVE_REQUEST.captures(sentence)?;
    let who = c.name("who")?;
    (who.start() <= only.start && only.end <= who.end()).then_some(0)
}

/// "the President called China's President Hu Jintao": the one located principal is who was
/// called, named within a few words after the verb.
fn called_to_only(sentence: &str, only: &Mention) -> bool {
    static CALLED_TO: Pattern = Pattern::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:called|telephoned|phoned|rang|dial(?:l)?ed(?:\s+up)?|(?:made|placed)\s+an?\s+(?:telephone\s+|phone\s+)?call\s+to)\s")
            .expect("valid regex")
    });
    CALLED_TO
        .find_iter(sentence)
        .any(|m| m.end() <= only.start && only.start - m.end() <= 40)
        && !sentence[..only.start].contains(" was called")
}

/// Where a principal is named in a sentence: the name as written, the canonical name, its last
/// word (a surname), or, unnamed, "the" and the office.
pub fn locate(sentence: &str, p: &Mention) -> Option<(usize, usize)> {
    let find_word = |w: &str| {
        sentence
            .match_indices(w)
            .map(|(i, _)| (i, i + w.len()))
            .find(|&(i, e)| {
                let before = sentence[..i].chars().next_back();
                let after = sentence[e..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
    };
    if p.name.is_empty() {
        let title = p.title.as_deref()?;
        return find_word(&format!("the {title}")).or_else(|| find_word(&format!("The {title}")));
    }
    [p.as_written.as_str(), p.name.as_str()]
        .into_iter()
        .filter(|n| !n.is_empty())
        .find_map(find_word)
        .or_else(|| {
            let last = p
                .as_written
                .rsplit(' ')
                .next()
                .filter(|w| w.chars().count() > 2)?;
            find_word(last)
        })
        .or_else(|| {
            let last = p
                .name
                .rsplit(' ')
                .next()
                .filter(|w| w.chars().count() > 2)?;
            find_word(last)
        })
        .or_else(|| {
            // A family name written first ("Wang Yi" is "Wang").
            let first = p
                .name
                .split(' ')
                .next()
                .filter(|w| w.chars().count() > 2 && *w != p.name)?;
            find_word(first)
        })
}

/// The index, among the principals' mentions in the lead, of the one who asked for the contact.
///
/// `principals` are the lead's principal mentions in order; the first is the sentence's subject.
pub fn requester(lead: &str, title: &str, principals: &[Mention]) -> Option<usize> {
    if principals.is_empty() {
        return None;
    }
    let mention_after = |pos: usize| principals.iter().position(|m| m.start >= pos);
    // Which request phrasings the lead holds, in one pass; a phrasing it lacks is not run.
    let phrased = LEAD_PHRASINGS.matches(lead);
    // "on the Polish side's initiative"; a possessive that names no country ("at the latter's
    // request", "at Chancellor Merz's request") is read by the phrasings below.
    if phrased.matched(Phrasing::SideInitiative as usize)
        && let Some(i) = side_requester(lead, principals)
    {
        return Some(i);
    }
    if phrased.matched(Phrasing::AtRequestOf as usize)
        && let Some(m) = AT_REQUEST_OF.find(lead)
    {
        return mention_after(m.end());
    }
    if phrased.matched(Phrasing::Called as usize)
        && let Some(m) = CALLED.find(lead)
    {
        return mention_after(m.end());
    }
    if phrased.matched(Phrasing::Possessive as usize)
        && let Some(c) = POSSESSIVE_REQUEST.captures(lead)
        && !matches!(&c["who"].to_lowercase()[..], "the latter" | "the former")
        && !c["who"].to_lowercase().ends_with(" side")
    {
        let who = &c["who"];
        if let Some(i) = principals
            .iter()
            .position(|m| !m.name.is_empty() && m.name.split_whitespace().any(|w| who.contains(w)))
        {
            return Some(i);
        }
    }
    if phrased.matched(Phrasing::LattersRequest as usize)
        && let Some(c) = AT_LATTERS_REQUEST.captures(lead)
    {
        // The latter of those named before the phrase ("X talked to Y at the latter's request
        // after a call with Z"); of all, when fewer than two come before it.
        let named_before = principals
            .iter()
            .take_while(|m| m.start < c.get(0).map_or(lead.len(), |m| m.start()))
            .count();
        let last = if named_before >= 2 {
            named_before
        } else {
            principals.len()
        };
        return if &c[1].to_lowercase() == "latter" {
            Some(last - 1)
        } else {
            Some(0)
        };
    }
    // "X called Y": the subject placed the call.
    if principals.len() >= 2
        && lead.get(principals[0].end..).is_some_and(|rest| {
            let rest = rest.trim_start_matches([',', ' ']);
            // "called on the Prime Minister" is a courtesy call in person, and "called for
            // calm" no call (`not_a_call_after_called.txt`): no one asked for them.
            SUBJECT_CALLED
                .find(rest)
                .is_some_and(|m| !crate::loader::event::called_describes_or_urges(&rest[m.end()..]))
        })
    {
        return Some(0);
    }
    // "held telephone talks at request with Y": the other party asked.
    if (phrased.matched(Phrasing::BareRequest as usize) || BARE_REQUEST.is_match(title))
        && principals.len() >= 2
    {
        return Some(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::people::find_mentions;

    #[test]
    fn the_side_that_initiated_is_found_after_the_lead() {
        let lead =
            "President Andrzej Duda of Poland and President Volodymyr Zelensky of Ukraine spoke.";
        let mentions = find_mentions(lead);
        for rest in [
            "The conversation was initiated by the Polish side.",
            "It was held at the REQUEST of the Polish side.",
            "The call took place on the Polish side's initiative.",
        ] {
            assert_eq!(
                side_requester(rest, &mentions).map(|i| mentions[i].name.as_str()),
                Some("Andrzej Duda"),
                "{rest}"
            );
        }
        assert_eq!(
            side_requester("The two sides exchanged views.", &mentions),
            None
        );
    }

    fn lead_mentions(lead: &str) -> Vec<Mention> {
        let mut m = find_mentions(lead);
        m.extend(crate::loader::people::bare_mentions(lead));
        m.sort_by_key(|m| m.start);
        m
    }

    #[test]
    fn the_requester_told_later_by_a_possessive_request() {
        let principals = lead_mentions(
            "Foreign Minister Ana Soto of Chile held a telephone conversation with Foreign Minister Luis Rojas of Peru.",
        );
        let later = ["The conversation, arranged at Rojas's request, lasted an hour."];
        let i = body_requester(&later, &principals).unwrap();
        assert_eq!(principals[i].name, "Luis Rojas");
        // A family name written first.
        let principals = lead_mentions(
            "Foreign Minister Yun Byung-se had phone talks with Foreign Minister Wang Yi of China.",
        );
        let later = ["The conversation, arranged at Wang's request, lasted an hour."];
        let i = body_requester(&later, &principals).unwrap();
        assert_eq!(principals[i].name, "Wang Yi");
        assert_eq!(
            body_requester(&["It was arranged at short notice."], &principals),
            None
        );
    }

    #[test]
    fn the_requester_told_in_a_later_sentence_by_surname() {
        let principals = lead_mentions(
            "President Carla Mendes has congratulated Ravi Anand on his re-election as Prime Minister of India.",
        );
        let opening = ["Anand received a call from Mendes.", "They spoke warmly."];
        let i = body_requester(&opening, &principals).unwrap();
        assert_eq!(principals[i].name, "Carla Mendes");
    }

    #[test]
    fn a_country_that_took_the_initiative_in_a_later_sentence() {
        let principals = lead_mentions(
            "President Aino Virta of Finland and President Vladimir Putin of Russia had a telephone conversation on Tuesday.",
        );
        for sentence in [
            "The discussion was conducted on Russia’s initiative.",
            "The conversation was initiated by the Russian party.",
        ] {
            let i = body_requester(&[sentence], &principals).unwrap();
            assert_eq!(principals[i].name, "Vladimir Putin", "{sentence}");
        }
    }

    #[test]
    fn a_call_initiated_by_a_named_counterpart() {
        let lead = "President Omar Saleh has engaged in a telephone conversation initiated by his US counterpart Joe Biden.";
        let principals = lead_mentions(lead);
        let i = requester(lead, "", &principals).unwrap();
        assert_eq!(principals[i].name, "Joe Biden");
    }

    #[test]
    fn a_possessive_that_names_no_country_is_not_a_side() {
        let lead = "Foreign Minister Ana Costa held a video conference with Foreign Minister Hakan Fidan of Türkiye at the latter's request.";
        let principals = find_mentions(lead);
        assert_eq!(requester(lead, "", &principals), Some(1));
    }

    #[test]
    fn the_subject_who_made_a_call_to_someone() {
        let lead = "Russian President Vladimir Putin made a phone call on Monday to Japanese Prime Minister Taro Sato.";
        let principals = find_mentions(lead);
        assert_eq!(principals.len(), 2);
        assert_eq!(requester(lead, "", &principals), Some(0));
    }

    proptest::proptest! {
        #[test]
        fn text_the_gate_skips_has_no_side_phrasing(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "on", "at", "upon", "the", "Polish", "US", "side", "side's", "side’s",
                    "initiative", "request", "Request", "INITIATED", "requested", "by", "of",
                    "reque", "initiat", "initiate", "ſide", "reqveſt", ".", "K",
                ]),
                0..14,
            ),
        ) {
            let text = words.join(" ");
            if !may_name_an_initiating_side(&text) {
                proptest::prop_assert!(SIDE_INITIATIVE.captures(&text).is_none(), "{:?}", text);
            }
        }
    }

    fn who(lead: &str) -> Option<String> {
        let mentions = find_mentions(lead);
        requester(lead, "", &mentions).map(|i| mentions[i].name.clone())
    }

    #[test]
    fn at_request_means_the_other_party_asked() {
        assert_eq!(who("On March 9, 2018, President Xi Jinping held telephone talks at request with President Donald Trump of the United States (US)").as_deref(), Some("Donald Trump"));
        assert_eq!(who("On October 25, 2017, President Xi Jinping held telephone talks with President Donald Trump of the United States (US) at request.").as_deref(), Some("Donald Trump"));
    }

    #[test]
    fn at_the_request_of_names_the_requester() {
        assert_eq!(who("At the request of President Emmanuel Macron of France, President Vladimir Putin had a telephone conversation with him.").as_deref(), Some("Emmanuel Macron"));
    }

    #[test]
    fn a_call_received_at_a_time_of_day_names_its_caller() {
        for lead in [
            "President Ana Soto received Tuesday evening a telephone call from President Luis Rojas of Peru.",
            "President Ana Soto received on Tuesday evening a telephone call from President Luis Rojas of Peru.",
            "President Ana Soto received last night a phone call from President Luis Rojas of Peru.",
            "President Ana Soto received a call on Sunday evening from President Luis Rojas of Peru.",
            "President Ana Soto received a phone call on 3 March 2021 from President Luis Rojas of Peru.",
            "President Ana Soto took a call from President Luis Rojas of Peru.",
            "President Ana Soto received on Sunday the 9th of April 2017 a phone call from President Luis Rojas of Peru.",
            "President Ana Soto on Monday evening received a congratulatory phone call from President Luis Rojas of Peru.",
        ] {
            assert_eq!(who(lead).as_deref(), Some("Luis Rojas"), "{lead}");
        }
        // "called" that describes names no caller.
        assert_eq!(
            who("Minister Ana Soto called the meeting with Minister Luis Rojas of Peru sincere."),
            None
        );
    }

    #[test]
    fn latter_request() {
        assert_eq!(who("President Vladimir Putin had a telephone conversation with Chancellor Olaf Scholz of Germany at the latter's request.").as_deref(), Some("Olaf Scholz"));
        // The latter of the two named before the phrase, not someone named after it.
        assert_eq!(who("Foreign Minister Ana Soto talked to Foreign Minister Luis Rojas at the latter's request after a call with Secretary of State Tom Hale.").as_deref(), Some("Luis Rojas"));
        // An initiative as a request.
        assert_eq!(who("Foreign Minister Ana Soto had a phone call with Secretary-General Luis Rojas on the latter's initiative.").as_deref(), Some("Luis Rojas"));
    }

    #[test]
    fn side_initiative() {
        assert_eq!(who("Vladimir Putin had a telephone conversation with President Donald Trump of the United States on the American side's initiative.").as_deref(), Some("Donald Trump"));
    }

    #[test]
    fn x_called_y_and_received_a_call_from() {
        assert_eq!(who("Prime Minister Boris Johnson called President Joe Biden of the United States today.").as_deref(), Some("Boris Johnson"));
        assert_eq!(who("Prime Minister Narendra Modi received a telephone call from President Joe Biden of the United States.").as_deref(), Some("Joe Biden"));
    }

    #[test]
    fn request_of_a_side_named_by_its_adjective() {
        assert_eq!(who("President Xi Jinping held a phone call with President Emmanuel Macron of France at the request of the French side.").as_deref(), Some("Emmanuel Macron"));
        assert_eq!(who("At the request of the South Korean side, President Xi Jinping had a telephone conversation with President Moon Jae-in of the Republic of Korea.").as_deref(), Some("Moon Jae-in"));
    }

    #[test]
    fn dialled_up_and_called_on() {
        assert_eq!(
            who("Prime Minister Ravi Dias dialled up President Tom Hale of the United States on Monday.").as_deref(),
            Some("Ravi Dias")
        );
        // A courtesy call in person: no one is said to have asked.
        assert_eq!(
            who(
                "President Ravi Dias called on Prime Minister Tom Hale of Australia at the Parliament House."
            ),
            None
        );
    }

    #[test]
    fn name_comma_title_subject_called() {
        assert_eq!(who("H.E. Mr. Justin Trudeau, Prime Minister of Canada, called Prime Minister Narendra Modi today.").as_deref(), Some("Justin Trudeau"));
    }

    #[test]
    fn a_time_word_between_subject_and_verb() {
        assert_eq!(who("Chinese Foreign Minister Wang Yi on Saturday telephoned American Secretary of State John Kerry.").as_deref(), Some("Wang Yi"));
        assert_eq!(who("Secretary Blinken received today a telephone call from Foreign Minister Sergey Lavrov of Russia.").as_deref(), Some("Sergey Lavrov"));
    }

    #[test]
    fn at_the_possessive_request() {
        assert_eq!(who("President Xi Jinping held telephone talks with Chancellor Friedrich Merz of Germany at Chancellor Merz’s request.").as_deref(), Some("Friedrich Merz"));
    }

    #[test]
    fn initiative_told_in_a_later_sentence() {
        let lead = "A telephone conversation took place between Vladimir Putin and President of Poland Andrzej Duda.";
        let mentions = find_mentions(lead);
        assert_eq!(requester(lead, "", &mentions), None);
        let i = side_requester(
            "The conversation was initiated by the Polish side.",
            &mentions,
        );
        assert_eq!(i.map(|i| mentions[i].name.as_str()), Some("Andrzej Duda"));
    }

    #[test]
    fn no_request_phrase_means_no_requester() {
        assert_eq!(
            who(
                "On April 12, 2017, President Xi Jinping held telephone talks with President Donald Trump of the US."
            ),
            None
        );
    }

    #[test]
    fn of_two_principals_the_one_not_named_beside_the_verb_called_the_other() {
        let lead = "A call between President Hu Jintao of China and President Barack Obama.";
        let mentions = find_mentions(lead);
        assert_eq!(mentions.len(), 2);
        let called = "Tonight, the President called China's President Hu Jintao to discuss trade.";
        assert_eq!(body_requester(&[called], &mentions), Some(1));
        // Who was called is not told where the named one calls.
        let calls = "Tonight, President Hu Jintao called to discuss trade.";
        assert_eq!(body_requester(&[calls], &mentions), None);
    }

    #[test]
    fn time_words_between_call_and_from() {
        let lead = "Sultan Haitham bin Tarik received a telephone call this evening from \
                    President Emmanuel Macron of France.";
        let mentions = find_mentions(lead);
        let macron = mentions.iter().position(|m| m.name == "Emmanuel Macron");
        assert!(macron.is_some());
        assert_eq!(requester(lead, "", &mentions), macron);
    }
}
