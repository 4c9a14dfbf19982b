//! The kind of contact a readout reports, from the phrases of `event_phrases.tsv`.

use crate::data::EVENT_PHRASES;
use crate::record::EventType;
use regex::Regex;
use std::sync::LazyLock;

static PHRASES: LazyLock<Vec<(Regex, EventType)>> = LazyLock::new(|| {
    EVENT_PHRASES
        .iter()
        .filter_map(|(phrase, kind)| {
            let re = Regex::new(&format!(r"(?i)\b{}\b", regex::escape(phrase))).ok()?;
            Some((re, EventType::parse(kind)?))
        })
        .collect()
});

/// The event type named by the first phrase (in priority order) found in the title or lead.
pub fn classify(title: &str, lead: &str) -> Option<EventType> {
    PHRASES
        .iter()
        .find(|(re, _)| re.is_match(title) || re.is_match(lead))
        .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telephone_talks_are_a_phone_call() {
        assert_eq!(
            classify(
                "Xi Jinping Holds Telephone Talks with President Donald Trump of the US",
                ""
            ),
            Some(EventType::PhoneCall)
        );
    }

    #[test]
    fn meets_with_is_a_meeting() {
        assert_eq!(
            classify(
                "Xi Jinping Meets with US Secretary of State Rex Tillerson",
                "President Xi Jinping met at the Great Hall"
            ),
            Some(EventType::Meeting)
        );
    }

    #[test]
    fn video_link_beats_meeting() {
        assert_eq!(
            classify("", "The two leaders held a virtual meeting via video link."),
            Some(EventType::VideoCall)
        );
    }

    #[test]
    fn held_talks_are_talks() {
        assert_eq!(
            classify(
                "",
                "Premier Li Keqiang held talks with Chancellor Angela Merkel."
            ),
            Some(EventType::Talks)
        );
    }

    #[test]
    fn congratulatory_message() {
        assert_eq!(
            classify("Xi Jinping Sends Congratulatory Message to Moon Jae-in", ""),
            Some(EventType::Message)
        );
    }

    #[test]
    fn unrelated_text_has_no_type() {
        assert_eq!(
            classify(
                "Foreign Ministry Spokesperson's Regular Press Conference",
                "Q: What is your comment?"
            ),
            None
        );
    }
}
