//! Where a contact took place, as the lead states it: "at the Great Hall of the People".

use regex::Regex;
use std::sync::LazyLock;

static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:at|in)\s+((?:the\s+)?\p{Lu}[\p{L}'’\-]*(?:\s+(?:of\s+the|of|the|de|and|\p{Lu}[\p{L}'’\-]*))*)")
        .expect("valid regex")
});

const NOT_PLACES: [&str; 6] = [
    "Request",
    "Mr",
    "President",
    "Prime",
    "Minister",
    "Secretary",
];

/// The first place named after "at" or "in" in the lead sentence, if any.
pub fn location(lead: &str) -> Option<String> {
    PLACE.captures_iter(lead).find_map(|c| {
        let mut place = c[1].trim().to_string();
        for tail in [" of the", " of", " the", " de", " and"] {
            while let Some(p) = place.strip_suffix(tail) {
                place = p.to_string();
            }
        }
        let first_word = place
            .trim_start_matches("the ")
            .split_whitespace()
            .next()
            .unwrap_or("");
        let is_date =
            super::date::month_number(first_word).is_some() || first_word.ends_with("day");
        let is_person_or_flag = NOT_PLACES
            .iter()
            .any(|w| first_word.trim_end_matches('.') == *w);
        (!is_date && !is_person_or_flag && place.len() > 2).then_some(place)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn great_hall_of_the_people() {
        assert_eq!(
            location("On March 19, 2017, President Xi Jinping met at the Great Hall of the People with Secretary of State Rex Tillerson of the US.").as_deref(),
            Some("the Great Hall of the People")
        );
    }

    #[test]
    fn city_names() {
        assert_eq!(
            location("Prime Minister Modi met President Putin in Vladivostok on Thursday.")
                .as_deref(),
            Some("Vladivostok")
        );
    }

    #[test]
    fn dates_and_request_flags_are_not_places() {
        assert_eq!(
            location("President Xi Jinping held telephone talks at Request in March 2018."),
            None
        );
        assert_eq!(
            location(
                "On April 12, 2017, President Xi Jinping held telephone talks with President Donald Trump of the US."
            ),
            None
        );
    }
}
