//! What linking needs to know of a record, kept in the index so that a refresh links the whole
//! corpus without reading stored records: the primary contact's day, type and principals, and
//! the text's [`Signature`].

use super::signature::Signature;
use crate::data::office_holders::{Office, office_of_title};
use crate::loader::date::{Date, days_from_civil};
use crate::record::{DatePrecision, EventType, Record};

#[derive(Debug, Clone, PartialEq)]
pub struct LinkKey {
    /// The event's day (days since 1970-01-01), when known to the day.
    pub day: Option<i64>,
    /// For a date known only to the month or year, its first and last days.
    pub within: Option<(i64, i64)>,
    pub event_type: EventType,
    /// The primary contact's principals.
    pub principals: Vec<KeyPrincipal>,
    /// The text's signature ([`Signature::to_text`]), when it has enough text.
    pub signature: Option<String>,
}

impl LinkKey {
    /// The key of a loaded record: read back from the one its loading made (on the parsing
    /// threads), else made from the record.
    pub fn of_loaded(loaded: &crate::loader::LoadedRecord) -> LinkKey {
        LinkKey::from_stored(&loaded.link_key).unwrap_or_else(|| LinkKey::of(&loaded.record))
    }

    pub fn of(record: &Record) -> LinkKey {
        let date = record.date.as_deref().and_then(Date::parse_iso_prefix);
        let days = date.map(|d| {
            let ((y, m, day), (ly, lm, ld)) = (d.first_day(), d.last_day());
            (days_from_civil(y, m, day), days_from_civil(ly, lm, ld))
        });
        let (day, within) = match days {
            Some((first, _)) if record.date_precision == DatePrecision::Day => (Some(first), None),
            Some(span) => (None, Some(span)),
            None => (None, None),
        };
        let principals = match record.events.first() {
            Some(event) => event.participants.iter().collect::<Vec<_>>(),
            None => record.principals().collect(),
        };
        let principals = principals
            .into_iter()
            .filter(|p| p.role == crate::record::Role::Principal)
            .map(|p| KeyPrincipal {
                words: p
                    .name
                    .as_deref()
                    .or(p.inferred_name.as_deref())
                    .map(name_words)
                    .unwrap_or_default(),
                country: p.country.clone(),
                office: p
                    .title
                    .as_deref()
                    .and_then(|t| office_of_title(t, p.country.as_deref())),
            })
            .collect();
        LinkKey {
            day,
            within,
            event_type: record.event_type,
            principals,
            signature: Signature::of(record.paragraphs.iter().map(|p| p.text.as_str()))
                .map(|s| s.to_text()),
        }
    }

    /// The key as the index keeps it, one line of five `|`-separated parts (about 140 bytes
    /// where JSON took 210): `DAY|FIRST,LAST|TYPE|NAME/ISO/O;NAME/ISO/O|SIGNATURE`, an unknown
    /// part empty and `/O` (the office's [`Office::code`]) left out when unknown; keys written
    /// before offices were kept have none. Names are [`name_words`], which hold neither `|`,
    /// `/` nor `;`.
    pub fn to_stored(&self) -> String {
        let day = self.day.map(|d| d.to_string()).unwrap_or_default();
        let within = self
            .within
            .map(|(a, b)| format!("{a},{b}"))
            .unwrap_or_default();
        let principals: Vec<String> = self
            .principals
            .iter()
            .map(|p| {
                let country = p.country.as_deref().unwrap_or("");
                match p.office {
                    Some(office) => format!("{}/{country}/{}", p.words, office.code()),
                    None => format!("{}/{country}", p.words),
                }
            })
            .collect();
        format!(
            "{day}|{within}|{}|{}|{}",
            self.event_type.as_str(),
            principals.join(";"),
            self.signature.as_deref().unwrap_or("")
        )
    }

    pub fn from_stored(stored: &str) -> Option<LinkKey> {
        let mut parts = stored.split('|');
        let (day, within, event_type, principals, signature) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        if parts.next().is_some() {
            return None;
        }
        let present = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Some(LinkKey {
            day: match day {
                "" => None,
                d => Some(d.parse().ok()?),
            },
            within: match within.split_once(',') {
                Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
                None => None,
            },
            event_type: EventType::ALL
                .into_iter()
                .find(|t| t.as_str() == event_type)?,
            principals: Self::principals_part(principals),
            signature: present(signature),
        })
    }

    /// The principals' part of a stored key (`NAME/ISO/O;NAME/ISO`, any part of each possibly
    /// empty or, for the office, left out), read alone.
    pub fn principals_part(part: &str) -> Vec<KeyPrincipal> {
        part.split(';')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let mut fields = p.split('/');
                let name = fields.next().unwrap_or_default();
                let country = fields.next().unwrap_or_default();
                KeyPrincipal {
                    words: name.to_string(),
                    country: (!country.is_empty()).then(|| country.to_string()),
                    office: fields.next().and_then(Office::from_code),
                }
            })
            .collect()
    }

    pub fn signature(&self) -> Option<Signature> {
        Signature::from_text(self.signature.as_deref()?)
    }
}

/// A principal as linking compares it.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPrincipal {
    /// [`name_words`] of the canonical name, or else of the office-holder inferred for an
    /// unnamed principal; empty when neither is known.
    pub words: String,
    /// ISO code (or an organisation's code) when known.
    pub country: Option<String>,
    /// The office its title names, when the title is one of `office_titles.tsv`: an unnamed
    /// principal is matched only to a holder of the same kind of office.
    pub office: Option<Office>,
}

impl KeyPrincipal {
    pub fn new(words: &str, country: Option<&str>, office: Option<Office>) -> KeyPrincipal {
        KeyPrincipal {
            words: words.to_string(),
            country: country.map(str::to_string),
            office,
        }
    }
}

/// A name as lower-case words without accents, initials and punctuation, so that two
/// publishers' spellings meet: "Joseph R. Biden Jr." → "joseph biden jr", "Erdoğan" →
/// "erdogan", "Amir-Abdollahian" → "amir abdollahian". Word order is kept; matching ignores it
/// ("Kishida Fumio").
pub fn name_words(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::canonical_combining_class;
    let folded: String = name
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_initials_case_and_dots() {
        assert_eq!(name_words("Joseph R. Biden Jr."), "joseph biden jr");
        assert_eq!(name_words("D. Tsogtbaatar"), "tsogtbaatar");
        assert_eq!(name_words("Amir-Abdollahian"), "amir abdollahian");
        assert_eq!(name_words("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(name_words("Pham Minh Chính"), "pham minh chinh");
        assert_eq!(name_words("Сергей Лавров"), "сергеи лавров");
    }

    #[test]
    fn a_key_round_trips_and_reads_a_seed() {
        let seed = include_str!("../../seeds/003_e2447bf0e712ceff.txt");
        let crate::loader::Loaded::Record(loaded) =
            crate::loader::parse_bytes(seed.as_bytes(), "seeds/x.txt")
        else {
            panic!("the seed does not parse");
        };
        let key = LinkKey::of(&loaded.record);
        assert_eq!(key.principals.len(), 2);
        assert!(key.principals.iter().any(|p| p.words.contains("xi")));
        assert!(
            key.principals
                .iter()
                .all(|p| p.office == Some(Office::HeadOfState))
        );
        assert!(key.signature().is_some());
        assert_eq!(LinkKey::from_stored(&key.to_stored()), Some(key));
        let bare = LinkKey {
            day: None,
            within: Some((17_000, 17_030)),
            event_type: EventType::Message,
            principals: vec![
                KeyPrincipal::new("", Some("GBR"), Some(Office::HeadOfGovernment)),
                KeyPrincipal::new("xi jinping", None, None),
            ],
            signature: None,
        };
        assert_eq!(bare.to_stored(), "|17000,17030|message|/GBR/g;xi jinping/|");
        assert_eq!(
            LinkKey::principals_part(bare.to_stored().split('|').nth(3).unwrap()),
            bare.principals
        );
        assert_eq!(LinkKey::from_stored(&bare.to_stored()), Some(bare));
        assert_eq!(LinkKey::from_stored("a|b"), None);
        // A key stored before offices were kept reads with none.
        assert_eq!(
            LinkKey::principals_part("/GBR;xi jinping/CHN"),
            [
                KeyPrincipal::new("", Some("GBR"), None),
                KeyPrincipal::new("xi jinping", Some("CHN"), None)
            ]
        );
    }
}
