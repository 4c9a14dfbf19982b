//! Publishers' house styles: how each writes a title, dateline, lead, body and page furniture.
//!
//! Phrasings vary inside each style as they do on real sites; the lead shapes here are
//! deliberately more varied than any one rule of the loader.

use super::dates::Day;
use super::rng::Rng;
use super::vocab::{self, CITIES, Leader, RARE_TERMS, country_adjective, country_after_of};
use crate::record::EventType;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publisher {
    ChinaMfa,
    ChinaEmbassy,
    Xinhua,
    WhiteHouse,
    StateDept,
    Kremlin,
    RussiaMfa,
    IndiaMea,
    JapanMofa,
    UkGov,
    Pakistan,
    Turkiye,
    Kazakhstan,
    IranMna,
}

impl Publisher {
    pub const ALL: [Publisher; 14] = [
        Publisher::ChinaMfa,
        Publisher::ChinaEmbassy,
        Publisher::Xinhua,
        Publisher::WhiteHouse,
        Publisher::StateDept,
        Publisher::Kremlin,
        Publisher::RussiaMfa,
        Publisher::IndiaMea,
        Publisher::JapanMofa,
        Publisher::UkGov,
        Publisher::Pakistan,
        Publisher::Turkiye,
        Publisher::Kazakhstan,
        Publisher::IranMna,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Publisher::ChinaMfa => "cn-mfa",
            Publisher::ChinaEmbassy => "cn-embassy",
            Publisher::Xinhua => "xinhua",
            Publisher::WhiteHouse => "us-whitehouse",
            Publisher::StateDept => "us-state",
            Publisher::Kremlin => "ru-kremlin",
            Publisher::RussiaMfa => "ru-mid",
            Publisher::IndiaMea => "in-mea",
            Publisher::JapanMofa => "jp-mofa",
            Publisher::UkGov => "uk-gov",
            Publisher::Pakistan => "pk-news",
            Publisher::Turkiye => "tr-iletisim",
            Publisher::Kazakhstan => "kz-akorda",
            Publisher::IranMna => "ir-mna",
        }
    }

    /// The publisher's country, and the tiers its own principal is drawn from.
    pub fn principal(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Publisher::ChinaMfa | Publisher::Xinhua => ("CHN", &["head", "head", "fm"]),
            Publisher::ChinaEmbassy => ("CHN", &["head"]),
            Publisher::WhiteHouse => ("USA", &["head"]),
            Publisher::StateDept => ("USA", &["fm"]),
            Publisher::Kremlin => ("RUS", &["head"]),
            Publisher::RussiaMfa => ("RUS", &["fm"]),
            Publisher::IndiaMea => ("IND", &["head", "head", "fm"]),
            Publisher::JapanMofa => ("JPN", &["head", "head", "fm"]),
            Publisher::UkGov => ("GBR", &["head"]),
            Publisher::Pakistan => ("PAK", &["head"]),
            Publisher::Turkiye => ("TUR", &["head"]),
            Publisher::Kazakhstan => ("KAZ", &["head"]),
            Publisher::IranMna => ("IRN", &["head"]),
        }
    }
}

/// Which side asked for the contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Publisher,
    Counterpart,
}

/// Everything decided about one readout before it is written.
pub struct Plan<'a> {
    pub publisher: Publisher,
    pub day: Day,
    pub a: &'a Leader,
    pub b: &'a Leader,
    pub kind: EventType,
    pub requester: Option<Side>,
    /// The publisher's principal is never named ("The Prime Minister spoke to...").
    pub implicit_a: bool,
    pub korea: bool,
    pub rare: Option<&'a str>,
    pub city: &'a str,
}

impl<'a> Plan<'a> {
    pub fn random(rng: &mut Rng, publisher: Publisher) -> Plan<'static> {
        let (country, tiers) = publisher.principal();
        let tier = *rng.pick(tiers);
        let own: Vec<&Leader> = vocab::LEADERS
            .iter()
            .filter(|l| l.country == country && l.tier == tier)
            .collect();
        let a = *rng.pick(&own);
        let day = Day::random(rng, a.from, a.to.min(2026));
        let same_tier: Vec<&Leader> = counterparts(a, day.year, Some(tier));
        let b = if same_tier.is_empty() {
            *rng.pick(&counterparts(a, day.year, None))
        } else {
            *rng.pick(&same_tier)
        };
        let kind = *rng.pick(&[
            EventType::PhoneCall,
            EventType::PhoneCall,
            EventType::PhoneCall,
            EventType::PhoneCall,
            EventType::PhoneCall,
            EventType::PhoneCall,
            EventType::VideoCall,
            EventType::VideoCall,
            EventType::Meeting,
            EventType::Meeting,
            EventType::Meeting,
            EventType::Talks,
            EventType::Message,
            EventType::Visit,
            EventType::Signing,
        ]);
        let implicit_a = match publisher {
            Publisher::UkGov => rng.chance(0.6),
            Publisher::Kremlin => rng.chance(0.15),
            Publisher::WhiteHouse => rng.chance(0.15),
            _ => false,
        };
        let requester = match kind {
            EventType::PhoneCall | EventType::VideoCall if rng.chance(0.45) => {
                if implicit_a || rng.chance(0.6) {
                    Some(Side::Counterpart)
                } else {
                    Some(Side::Publisher)
                }
            }
            // A message sent one way: its sender reached out (two thirds; the rest are exchanges).
            EventType::Message if rng.below(3) != 1 => Some(Side::Publisher),
            _ => None,
        };
        Plan {
            publisher,
            day,
            a,
            b,
            kind,
            requester,
            implicit_a,
            korea: rng.chance(0.14),
            rare: rng
                .chance(0.01)
                .then(|| rng.pick(RARE_TERMS.as_slice()).as_str()),
            city: rng.pick(CITIES.as_slice()).as_str(),
        }
    }
}

fn counterparts(a: &Leader, year: i32, tier: Option<&str>) -> Vec<&'static Leader> {
    vocab::LEADERS
        .iter()
        .filter(|l| l.country != a.country && l.from <= year && year <= l.to)
        .filter(|l| tier.is_none_or(|t| l.tier == t))
        .collect()
}

fn he(l: &Leader) -> &'static str {
    if l.female { "she" } else { "he" }
}

fn honorific(rng: &mut Rng, l: &Leader) -> &'static str {
    if l.female {
        rng.pick::<&str>(&["H.E. Ms.", "Her Excellency Ms.", "Ms.", "H.E."])
    } else {
        rng.pick::<&str>(&["H.E. Mr.", "His Excellency Mr.", "Mr.", "H.E."])
    }
}

/// The full name, or one of its other written forms.
fn name_form(rng: &mut Rng, l: &Leader) -> String {
    if !l.forms.is_empty() && rng.chance(0.35) {
        rng.pick(&l.forms).clone()
    } else {
        l.name.clone()
    }
}

/// How a counterpart is introduced in a lead.
#[derive(Clone, Copy)]
enum Form {
    /// "President Emmanuel Macron of France"
    TitleNameOf,
    /// "French President Emmanuel Macron"
    AdjTitleName,
    /// "President of France Emmanuel Macron"
    TitleOfName,
    /// "H.E. Mr. Emmanuel Macron, President of France"
    HonNameCommaTitle,
}

fn introduce(rng: &mut Rng, l: &Leader, form: Form) -> String {
    let name = name_form(rng, l);
    let of = country_after_of(&l.country);
    match form {
        Form::TitleNameOf => format!("{} {name} of {of}", l.title),
        Form::AdjTitleName => format!("{} {} {name}", country_adjective(&l.country), l.title),
        Form::TitleOfName => format!("{} of {of} {name}", l.title),
        Form::HonNameCommaTitle => {
            format!("{} {name}, {} of {of},", honorific(rng, l), l.title)
        }
    }
}

/// The publisher's own principal as its house style names them.
fn own_reference(rng: &mut Rng, p: &Plan) -> String {
    let a = p.a;
    if p.implicit_a {
        return match p.publisher {
            Publisher::Kremlin => "The President of Russia".into(),
            _ => format!("The {}", a.title),
        };
    }
    let name = name_form(rng, a);
    match p.publisher {
        Publisher::ChinaMfa | Publisher::ChinaEmbassy if a.tier == "fm" => {
            if p.day.year >= 2023 && rng.chance(0.5) {
                format!(
                    "Member of the Political Bureau of the CPC Central Committee and Director of the Office of the Central Foreign Affairs Commission {}",
                    a.name
                )
            } else if (2018..=2022).contains(&p.day.year) {
                format!("State Councilor and Foreign Minister {}", a.name)
            } else {
                format!("Foreign Minister {}", a.name)
            }
        }
        Publisher::Xinhua => format!("Chinese {} {}", a.title, a.name),
        Publisher::WhiteHouse => {
            if rng.chance(0.4) {
                format!("President {}", a.short)
            } else {
                format!("President {name}")
            }
        }
        Publisher::StateDept => {
            if rng.chance(0.3) {
                format!("Secretary {}", a.short)
            } else {
                format!("Secretary of State {name}")
            }
        }
        Publisher::Kremlin => {
            if rng.chance(0.7) {
                a.name.clone()
            } else {
                format!("President of Russia {}", a.name)
            }
        }
        Publisher::RussiaMfa => match rng.below(3) {
            0 => format!("Russian Foreign Minister {name}"),
            1 => format!("Minister of Foreign Affairs of the Russian Federation {name}"),
            _ => format!("Foreign Minister {name}"),
        },
        Publisher::IndiaMea => {
            if a.tier == "fm" {
                format!(
                    "External Affairs Minister {}",
                    a.forms.first().unwrap_or(&a.name)
                )
            } else {
                format!("{} {name}", a.title)
            }
        }
        Publisher::JapanMofa => {
            let hon = if a.female { "Ms." } else { "Mr." };
            if rng.chance(0.2) {
                format!("{} {}", a.title, a.short)
            } else if a.tier == "fm" && rng.chance(0.5) {
                format!("{hon} {name}, Minister for Foreign Affairs of Japan,")
            } else {
                format!("{hon} {name}, {} of Japan,", a.title)
            }
        }
        Publisher::Kazakhstan => match rng.below(3) {
            0 => format!("Head of State {}", a.name),
            1 => format!("President of Kazakhstan {}", a.name),
            _ => format!("President {}", a.name),
        },
        Publisher::IranMna => format!("Iranian President {}", a.name),
        Publisher::Turkiye if rng.chance(0.3) => format!("President {}", a.short),
        _ => format!("{} {name}", a.title),
    }
}

fn counterpart_form(rng: &mut Rng, p: &Plan) -> Form {
    match p.publisher {
        Publisher::Kremlin | Publisher::Kazakhstan => {
            *rng.pick(&[Form::TitleOfName, Form::TitleOfName, Form::AdjTitleName])
        }
        Publisher::IndiaMea | Publisher::JapanMofa => *rng.pick(&[
            Form::HonNameCommaTitle,
            Form::HonNameCommaTitle,
            Form::TitleNameOf,
        ]),
        Publisher::Xinhua | Publisher::IranMna | Publisher::UkGov => {
            *rng.pick(&[Form::AdjTitleName, Form::AdjTitleName, Form::TitleNameOf])
        }
        _ => *rng.pick(&[
            Form::TitleNameOf,
            Form::TitleNameOf,
            Form::AdjTitleName,
            Form::HonNameCommaTitle,
        ]),
    }
}

/// The sentence core: "A had a telephone conversation with B at the latter's request".
fn contact_clause(rng: &mut Rng, p: &Plan, a: &str, b: &str) -> String {
    let b = b.trim_end_matches(',');
    let b_adj = country_adjective(&p.b.country);
    let a_adj = country_adjective(&p.a.country);
    let verb = match p.kind {
        EventType::PhoneCall => match p.publisher {
            Publisher::JapanMofa => "held a telephone talk with",
            Publisher::Pakistan => {
                *rng.pick(&["held a telephonic conversation with", "spoke by phone with"])
            }
            Publisher::IndiaMea => *rng.pick(&[
                "spoke on phone with",
                "had a telephone conversation with",
                "held a telephonic conversation with",
            ]),
            Publisher::UkGov | Publisher::WhiteHouse | Publisher::StateDept => *rng.pick(&[
                "spoke to",
                "spoke with",
                "had a call with",
                "spoke by phone with",
            ]),
            _ => *rng.pick(&[
                "held telephone talks with",
                "had a telephone conversation with",
                "held a phone call with",
                "had a phone conversation with",
                "spoke over the phone with",
            ]),
        },
        EventType::VideoCall => *rng.pick(&[
            "held a virtual meeting with",
            "held talks via video link with",
            "held a video call with",
            "had a video conference with",
        ]),
        EventType::Meeting => *rng.pick(&["met with", "met", "held a meeting with"]),
        EventType::Talks => "held talks with",
        _ => "met with",
    };
    match (p.kind, p.requester) {
        (EventType::PhoneCall | EventType::VideoCall, Some(Side::Counterpart)) => {
            match rng.below(if p.kind == EventType::PhoneCall { 7 } else { 5 }) {
                0 if p.publisher == Publisher::ChinaMfa
                    || p.publisher == Publisher::ChinaEmbassy =>
                {
                    format!("{a} {verb} {b} at request")
                }
                0 | 1 => format!("{a} {verb} {b} at the latter's request"),
                2 => format!("{a} {verb} {b} at the request of the {b_adj} side"),
                3 => format!("{a} {verb} {b} on the {b_adj} side's initiative"),
                4 => format!(
                    "At the request of the {b_adj} side, {} {verb} {b}",
                    lower_article(a)
                ),
                5 if rng.chance(0.5) => {
                    format!("{a} {verb} {b} at {} {}’s request", p.b.title, p.b.short)
                }
                5 => format!("{a} received a telephone call from {b}"),
                _ => format!("{b} called {}", lower_article(a)),
            }
        }
        (EventType::PhoneCall | EventType::VideoCall, Some(Side::Publisher)) => {
            match rng.below(if p.kind == EventType::PhoneCall { 4 } else { 2 }) {
                0 => format!("{a} {verb} {b} at the request of the {a_adj} side"),
                1 => format!("{a} {verb} {b} on the {a_adj} side's initiative"),
                2 => format!("{a} called {b}"),
                _ => format!("{a} telephoned {b}"),
            }
        }
        (EventType::Meeting, _) => match rng.below(4) {
            0 => format!("{a} {verb} {b} in {}", p.city),
            1 => format!(
                "{a} {verb} {b} on the sidelines of the summit in {}",
                p.city
            ),
            2 => format!("{a} received {b} in {}", p.city),
            _ => format!("{a} {verb} {b}"),
        },
        (EventType::Visit, _) => format!(
            "{a} paid an official visit to {}, where {} was welcomed by {b}",
            vocab::country_name(&p.b.country),
            he(p.a)
        ),
        (EventType::Message, Some(Side::Publisher)) => match rng.below(2) {
            0 => format!(
                "{a} sent a congratulatory message to {b} on {} re-election",
                if p.b.female { "her" } else { "his" }
            ),
            _ => format!(
                "{a} sent a message of condolences to {b} over the floods in {}",
                vocab::country_name(&p.b.country)
            ),
        },
        (EventType::Message, _) => format!(
            "{a} and {b} exchanged congratulatory messages on the anniversary of diplomatic relations"
        ),
        (EventType::Signing, _) => match rng.below(2) {
            0 => format!(
                "{a} and {b} signed a joint statement on comprehensive strategic partnership"
            ),
            _ => format!(
                "{a} and {b} witnessed the signing of agreements on trade, energy and transport"
            ),
        },
        _ => format!("{a} {verb} {b}"),
    }
}

/// "The Prime Minister" in the middle of a sentence reads "the Prime Minister".
fn lower_article(s: &str) -> String {
    match s.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => s.to_string(),
    }
}

/// "held a phone call" in a title: "Holds Telephone Talks with".
fn title_verb(kind: EventType) -> &'static str {
    match kind {
        EventType::PhoneCall => "Holds Telephone Talks with",
        EventType::VideoCall => "Holds Video Call with",
        EventType::Meeting => "Meets with",
        EventType::Talks => "Holds Talks with",
        EventType::Visit => "Visits",
        EventType::Message => "Sends Message to",
        EventType::Signing => "Signs Joint Statement with",
        EventType::Other => "and",
    }
}

fn title_noun(kind: EventType) -> &'static str {
    match kind {
        EventType::PhoneCall => "telephone conversation",
        EventType::VideoCall => "videoconference",
        EventType::Meeting => "meeting",
        EventType::Talks => "talks",
        EventType::Visit => "official visit",
        EventType::Message => "message",
        EventType::Signing => "signing ceremony",
        EventType::Other => "contact",
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn fill(template: &str, p: &Plan, a_short: &str, rng: &mut Rng) -> String {
    template
        .replace("{A}", a_short)
        .replace("{B}", &p.b.short)
        .replace("{AC}", &vocab::country_name(&p.a.country))
        .replace("{BC}", &vocab::country_name(&p.b.country))
        .replace("{AADJ}", &country_adjective(&p.a.country))
        .replace("{BADJ}", &country_adjective(&p.b.country))
        .replace("{CITY}", rng.pick(CITIES.as_slice()).as_str())
        .replace("{RARE}", p.rare.unwrap_or("water management"))
}

/// A random sentence of one kind from `sentences.tsv`.
fn one(rng: &mut Rng, kind: &str) -> &'static str {
    let all = vocab::sentences(kind);
    all[rng.below(all.len())]
}

/// Body paragraphs: alternating statements of both sides, with the occasional aside.
fn body(rng: &mut Rng, p: &Plan, a_short: &str) -> Vec<String> {
    let points = vocab::sentences("point");
    let mut extras: Vec<String> = Vec::new();
    if p.korea {
        extras.push(one(rng, "korea").to_string());
    }
    if p.rare.is_some() {
        extras.push(one(rng, "rare").to_string());
    }
    if rng.chance(0.5) {
        extras.push(one(rng, "other").to_string());
    }
    let count = rng.range(4, 6) as usize;
    let mut paragraphs = Vec::new();
    for i in 0..count {
        let intro = if i % 2 == 0 { "intro_a" } else { "intro_b" };
        let mut text = fill(one(rng, intro), p, a_short, rng);
        let first = if !extras.is_empty() && rng.chance(0.5) {
            extras.pop().unwrap_or_default()
        } else {
            rng.pick(points.as_slice()).to_string()
        };
        text.push(' ');
        text.push_str(&fill(&first, p, a_short, rng));
        for _ in 0..rng.range(2, 5) {
            text.push(' ');
            text.push_str(&capitalize(&fill(
                rng.pick::<&str>(points.as_slice()),
                p,
                a_short,
                rng,
            )));
        }
        paragraphs.push(text);
    }
    for extra in extras {
        paragraphs.push(format!(
            "The two sides noted that {}",
            fill(&extra, p, a_short, rng)
        ));
    }
    if rng.chance(0.3) {
        paragraphs.push(fill(one(rng, "distract"), p, a_short, rng));
    }
    if rng.chance(0.3) {
        paragraphs.push(fill(one(rng, "future"), p, a_short, rng));
    }
    paragraphs.push(one(rng, "closing").to_string());
    paragraphs
}

/// Writes the whole page of one readout.
pub fn write(rng: &mut Rng, p: &Plan) -> String {
    let a_ref = own_reference(rng, p);
    let form = counterpart_form(rng, p);
    let b_ref = introduce(rng, p.b, form);
    let a_short = if p.implicit_a {
        lower_article(&a_ref)
    } else if p.a.country == "CHN" {
        p.a.name.clone()
    } else {
        p.a.short.clone()
    };
    let a_short = capitalize(&a_short);
    let b_title_name = format!("{} {}", p.b.title, p.b.name);
    let b_adj = country_adjective(&p.b.country);
    let d = p.day;
    let clause = |rng: &mut Rng| contact_clause(rng, p, &a_ref, &b_ref);
    let mut lines: Vec<String> = Vec::new();
    let mut tail: Vec<String> = Vec::new();
    let lead: String;
    match p.publisher {
        Publisher::ChinaMfa | Publisher::ChinaEmbassy => {
            if p.publisher == Publisher::ChinaMfa {
                lines.push("Home\u{a0}>\u{a0}Ministry News".into());
            } else if rng.chance(0.4) {
                lines.push("You are here: Home / News / Readouts".into());
            } else {
                lines.push(format!(
                    "Home  Embassy Info  About China  China & {}  Economy & Trade  Consular Affairs  Culture & Education",
                    vocab::country_name(&p.b.country).trim_start_matches("the ")
                ));
            }
            lines.push(format!(
                "{} {} {b_title_name} of {}",
                p.a.name,
                title_verb(p.kind),
                country_after_of(&p.b.country)
            ));
            let header = rng.chance(0.5);
            if header {
                lines.push(d.slashed());
            }
            let c = clause(rng);
            lead = match rng.below(if header { 4 } else { 3 }) {
                0 if rng.chance(0.3) => format!("On {}, {}, {c}.", d.weekday(), d.mdy()),
                0 => format!("On {}, {c}.", d.mdy()),
                1 => format!("In the evening of {}, {c}.", d.mdy()),
                2 => format!("On the afternoon of {}, {c}.", d.mdy()),
                _ => format!("On the afternoon of {} local time, {c}.", d.md()),
            };
            tail.push("Suggest To A Friend:".into());
            tail.push("Print".into());
            if rng.chance(0.3) {
                tail.push("Related News".into());
                tail.push(format!("{} Meets with {} Delegation", p.a.name, b_adj));
                tail.push(format!(
                    "Wang Yi Holds Talks with Foreign Minister of {}",
                    country_after_of(&p.b.country)
                ));
            }
        }
        Publisher::Xinhua => {
            lines.push(format!(
                "{} {} {b_adj} {}",
                p.a.name,
                title_verb(p.kind).to_lowercase(),
                p.b.title
            ));
            lines.push(format!(
                "Source: Xinhua| {} {:02}:{:02}:{:02}| Editor: huaxia",
                d.iso(),
                rng.range(8, 23),
                rng.range(0, 59),
                rng.range(0, 59)
            ));
            let c = clause(rng);
            let when = if rng.chance(0.5) {
                format!("on {}", d.weekday())
            } else {
                String::new()
            };
            let (first, rest) = split_subject(&c, &a_ref);
            let sentence = if !when.is_empty() && first {
                format!("{a_ref} {when} {rest}")
            } else {
                c.clone()
            };
            let wire_month = if rng.chance(0.5) {
                d.month_name().to_string()
            } else {
                d.month_abbrev(true)
            };
            lead = format!("BEIJING, {} {} (Xinhua) -- {sentence}.", wire_month, d.day);
            if rng.chance(0.4) {
                tail.push(
                    format!(
                        "{a_ref} {} {b_ref} in {}, {}. (Xinhua/Li Xueren)",
                        "talks with",
                        p.city,
                        d.mdy()
                    )
                    .replace(",,", ","),
                );
            }
            tail.push("[Editor: Zhang Wei]".into());
            if rng.chance(0.5) {
                tail.push(
                    "This article is republished from Xinhua News Agency. All rights reserved."
                        .into(),
                );
            }
        }
        Publisher::WhiteHouse => {
            lines.push("Briefing Room".into());
            lines.push("Statements and Releases".into());
            lines.push(format!(
                "Readout of President {}’s {} with {b_title_name} of {}",
                p.a.short,
                capitalize(title_noun(p.kind)),
                country_after_of(&p.b.country)
            ));
            lines.push(d.mdy());
            let c = clause(rng);
            lead = match rng.below(3) {
                0 => format!("{}.", insert_after_subject(&c, &a_ref, "today")),
                1 => format!("Today, {c}."),
                _ => format!("On {}, {c}.", d.mdy()),
            };
            tail.push("###".into());
        }
        Publisher::StateDept => {
            lines.push(format!(
                "Secretary {}’s {} with {b_adj} {}",
                p.a.short,
                capitalize(title_noun(p.kind)),
                b_title_name
            ));
            lines.push("READOUT".into());
            lines.push("OFFICE OF THE SPOKESPERSON".into());
            lines.push(d.mdy().to_uppercase());
            lines.push("The below is attributable to Spokesperson Ned Price:".into());
            let c = clause(rng);
            lead = format!("{}.", insert_after_subject(&c, &a_ref, "today"));
        }
        Publisher::Kremlin => {
            lines.push(format!(
                "{} with {} of {} {}",
                capitalize(title_noun(p.kind)),
                p.b.title,
                country_after_of(&p.b.country),
                p.b.name
            ));
            lines.push(format!(
                "{}, {:02}:{:02}",
                d.mdy(),
                rng.range(9, 22),
                rng.range(0, 59)
            ));
            lead = if p.kind == EventType::PhoneCall && !p.implicit_a && rng.chance(0.25) {
                // The passive Kremlin lead, with the initiative told in a second sentence.
                let initiative = match p.requester {
                    Some(Side::Counterpart) => {
                        format!(" The conversation was initiated by the {b_adj} side.")
                    }
                    Some(Side::Publisher) => {
                        " The conversation was initiated by the Russian side.".to_string()
                    }
                    None => String::new(),
                };
                format!(
                    "A telephone conversation took place between {} and {}.{initiative}",
                    p.a.name,
                    b_ref.trim_end_matches(',')
                )
            } else {
                format!("{}.", clause(rng))
            };
            tail.push("Publication status".into());
            tail.push(format!(
                "Published in sections: News, Transcripts · Date of publication: {}",
                d.mdy()
            ));
        }
        Publisher::RussiaMfa => {
            lines.push(format!(
                "Foreign Minister {}’s {} with {b_adj} {}",
                p.a.name,
                title_noun(p.kind),
                b_title_name
            ));
            lines.push(format!(
                "{} {:02}:{:02}",
                d.dmy(),
                rng.range(9, 22),
                rng.range(0, 59)
            ));
            let c = clause(rng);
            lead = if rng.chance(0.6) {
                format!("On {}, {c}.", d.md())
            } else {
                format!("{c}.")
            };
        }
        Publisher::IndiaMea => {
            lines.push("Ministry of External Affairs".into());
            lines.push("Government of India".into());
            lines.push(format!(
                "{} between {} and {} of {}",
                capitalize(title_noun(p.kind)),
                p.a.title,
                p.b.title,
                country_after_of(&p.b.country)
            ));
            match rng.below(3) {
                0 => lines.push(format!("{} {:02}, {}", d.month_name(), d.day, d.year)),
                1 => lines.push(format!(
                    "Published By : Admin | {} | {:02}:{:02} IST",
                    d.mdy(),
                    rng.range(8, 23),
                    rng.range(0, 59)
                )),
                _ => {}
            }
            let header = lines.len() > 3;
            let c = clause(rng);
            lead = if header && rng.chance(0.5) {
                format!("{}.", insert_after_verb_today(&c))
            } else {
                format!("On {}, {c}.", d.dmy())
            };
            if !header || rng.chance(0.5) {
                tail.push("New Delhi".into());
                tail.push(d.mdy());
            }
        }
        Publisher::JapanMofa => {
            lines.push(format!(
                "Japan-{} Summit {}",
                vocab::country_name(&p.b.country).trim_start_matches("the "),
                match p.kind {
                    EventType::PhoneCall => "Telephone Talk",
                    EventType::VideoCall => "Video Conference",
                    _ => "Meeting",
                }
            ));
            lines.push(d.mdy());
            let c = clause(rng);
            lead = format!(
                "On {}, commencing at {}:{:02} p.m. for approximately {} minutes, {c}.",
                d.md(),
                rng.range(1, 9),
                rng.range(0, 5) * 10,
                rng.range(2, 6) * 10
            );
            tail.push("Related Links".into());
            tail.push(format!(
                "Japan-{} Relations",
                vocab::country_name(&p.b.country).trim_start_matches("the ")
            ));
        }
        Publisher::UkGov => {
            let title_date = rng.chance(0.6);
            lines.push(format!(
                "PM {} with {} {}{}",
                match p.kind {
                    EventType::PhoneCall => "call",
                    EventType::VideoCall => "video call",
                    EventType::Meeting | EventType::Talks => "meeting",
                    _ => "statement",
                },
                p.b.title,
                p.b.short,
                if title_date {
                    format!(": {}", d.dmy())
                } else {
                    String::new()
                }
            ));
            lines.push("From: Prime Minister's Office, 10 Downing Street".into());
            if !title_date || rng.chance(0.5) {
                lines.push(format!("Published {}", d.dmy()));
            }
            let c = clause(rng);
            let when = *rng.pick(&["today", "this evening", "this afternoon", "this morning"]);
            lead = format!("{} {when}.", c);
        }
        Publisher::Pakistan => {
            lines.push(format!(
                "PM {} holds {} with {b_adj} {}",
                p.a.short,
                title_noun(p.kind),
                p.b.title
            ));
            if rng.chance(0.5) {
                lines.push(format!(
                    "Published By : Admin | {} | {:02}:{:02} PKT",
                    d.mdy(),
                    rng.range(8, 23),
                    rng.range(0, 59)
                ));
            } else {
                lines.push(format!("Publication Date: {}", d.dmy_numeric('/')));
            }
            let c = clause(rng);
            lead = format!(
                "ISLAMABAD, {} {:02} /DNA/ – {c}.",
                d.month_abbrev(false).to_uppercase(),
                d.day
            );
            tail.push("Share".into());
            tail.push("Leave a Reply".into());
            tail.push(
                "Your email address will not be published. Required fields are marked *".into(),
            );
        }
        Publisher::Turkiye => {
            lines.push("Directorate of Communications".into());
            lines.push(format!(
                "President Erdoğan holds {} with {b_adj} {} {}",
                title_noun(p.kind),
                p.b.title,
                p.b.short
            ));
            lines.push(if rng.chance(0.5) {
                d.dmy_ordinal()
            } else {
                d.dmy_numeric('.')
            });
            lead = format!("{}.", clause(rng));
        }
        Publisher::Kazakhstan => {
            lines.push(format!(
                "{} {} {}",
                p.a.name,
                title_verb(p.kind).to_lowercase(),
                format_args!(
                    "{} of {} {}",
                    p.b.title,
                    country_after_of(&p.b.country),
                    p.b.name
                )
            ));
            lines.push(d.dmy());
            lead = format!("{}.", clause(rng));
        }
        Publisher::IranMna => {
            lines.push(format!(
                "Iranian President, {b_adj} {} hold {}",
                p.b.title.to_lowercase(),
                title_noun(p.kind)
            ));
            lines.push(format!(
                "News ID: {} - {} {}, {}, {}:{:02} PM",
                rng.range(1_000_000, 9_999_999),
                d.month_abbrev(false),
                d.day,
                d.year,
                rng.range(1, 11),
                rng.range(0, 59)
            ));
            lead = format!(
                "TEHRAN, {} {:02} (MNA) – {}.",
                d.month_abbrev(true),
                d.day,
                clause(rng)
            );
        }
    }
    let mut text = String::new();
    for l in &lines {
        text.push_str(l);
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&capitalize(&lead.replace(",.", ".").replace("..", ".")));
    text.push_str("\n\n");
    let paragraphs = body(rng, p, &a_short);
    let japan = p.publisher == Publisher::JapanMofa;
    if japan {
        text.push_str("The overview is as follows.\n\n");
    }
    for (i, para) in paragraphs.iter().enumerate() {
        if japan {
            text.push_str(&format!("{}. ", i + 1));
        }
        text.push_str(para);
        text.push_str("\n\n");
    }
    for l in tail {
        text.push_str(&l);
        text.push('\n');
    }
    text
}

/// Whether the clause starts with the subject `a`, and the clause after it.
fn split_subject<'s>(clause: &'s str, a: &str) -> (bool, &'s str) {
    match clause.strip_prefix(a) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, clause),
    }
}

/// "President Biden spoke with X" -> "President Biden spoke today with X".
fn insert_after_subject(clause: &str, a: &str, word: &str) -> String {
    // The clause need not start with `a`: look past it only where that is a character boundary.
    if clause
        .get(a.len().min(clause.len())..)
        .is_some_and(|rest| rest.starts_with(" and "))
    {
        return format!("{} {clause}", capitalize(word));
    }
    match split_subject(clause, a) {
        (true, rest) => match rest.split_once(' ') {
            Some((verb, more)) if !verb.is_empty() => format!("{a} {verb} {word} {more}"),
            _ => format!("{clause} {word}"),
        },
        _ => format!("{clause} {word}"),
    }
}

/// "received a telephone call from X" -> "received a telephone call today from X".
fn insert_after_verb_today(clause: &str) -> String {
    for anchor in [" a telephone call from ", " with "] {
        if let Some(i) = clause.find(anchor) {
            let (head, rest) = clause.split_at(i);
            if anchor == " with " {
                return format!("{head} today{rest}");
            }
            let word = anchor.trim_end();
            return format!("{head}{word} today{}", &rest[word.len()..]);
        }
    }
    format!("{clause} today")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_that_ends_inside_a_character_is_not_a_crash() {
        // Found by `diplo-gen --count 300000`: the subject's length fell inside "ç".
        let clause = "French President François Hollande called President Barack Obama";
        assert_eq!(
            insert_after_subject(clause, "President Xi Jinping", "today"),
            format!("{clause} today")
        );
        assert_eq!(
            insert_after_subject("President Biden spoke with X", "President Biden", "today"),
            "President Biden spoke today with X"
        );
    }
}
