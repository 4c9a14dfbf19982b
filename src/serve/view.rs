//! The explorer's state, all of it in the URL: the query, the filters, the sort, the page and
//! the network's nodes. Parsed from a request's parameters (with the CLI's rules) and written
//! back into links, so that any view can be bookmarked and sent.

use super::http::Request;
use crate::loader::date::Date;
use crate::query::Filters;
use crate::record::EventType;
use crate::search::SortOrder;
use crate::views::graph::NodeKind;

/// Hits on one page.
pub const PAGE_SIZE: usize = 10;
/// Pages one can go forward to: a page is a top-N search, and N stays bounded.
pub const MAX_PAGE: usize = 100;

#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// As typed; empty means every record.
    pub q: String,
    pub event_type: Option<EventType>,
    pub countries: Vec<String>,
    pub participants: Vec<String>,
    pub publishers: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: SortOrder,
    /// From 1.
    pub page: usize,
    pub nodes: NodeKind,
}

impl Default for View {
    fn default() -> View {
        View {
            q: String::new(),
            event_type: None,
            countries: Vec::new(),
            participants: Vec::new(),
            publishers: Vec::new(),
            from: None,
            to: None,
            sort: SortOrder::Relevance,
            page: 1,
            nodes: NodeKind::People,
        }
    }
}

/// A filter shown as a chip, removable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    EventType,
    Country,
    Participant,
    Publisher,
    From,
    To,
}

impl Facet {
    pub fn param(self) -> &'static str {
        match self {
            Facet::EventType => "type",
            Facet::Country => "country",
            Facet::Participant => "participant",
            Facet::Publisher => "publisher",
            Facet::From => "from",
            Facet::To => "to",
        }
    }
}

impl View {
    /// The view a request asks for; an error names the parameter at fault.
    pub fn of(req: &Request) -> Result<View, String> {
        let event_type = match req.one("type") {
            None => None,
            Some(t) => Some(EventType::parse(&t).ok_or_else(|| {
                let names: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
                format!(
                    "type={t:?} is not an event type; use one of {}",
                    names.join(", ")
                )
            })?),
        };
        let date = |name: &str| -> Result<Option<String>, String> {
            match req.one(name) {
                None => Ok(None),
                Some(d) if Date::parse_iso_prefix(&d).is_some() => Ok(Some(d)),
                Some(d) => Err(format!(
                    "{name}={d:?} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
                )),
            }
        };
        let sort = match req.one("sort").as_deref() {
            None | Some("relevance") => SortOrder::Relevance,
            Some("date") => SortOrder::Date,
            Some("-date") => SortOrder::DateDesc,
            Some(other) => {
                return Err(format!(
                    "sort={other:?} is not an order; use relevance, date or -date"
                ));
            }
        };
        let page = match req.one("page") {
            None => 1,
            Some(p) => match p.parse::<usize>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
                _ => return Err(format!("page={p:?} is not a page; use 1 to {MAX_PAGE}")),
            },
        };
        let nodes = match req.one("nodes") {
            None => NodeKind::People,
            Some(n) => NodeKind::parse(&n)
                .ok_or_else(|| format!("nodes={n:?}: use people or countries"))?,
        };
        Ok(View {
            q: req.one("q").unwrap_or_default(),
            event_type,
            countries: req.all("country"),
            participants: req.all("participant"),
            publishers: req.all("publisher"),
            from: date("from")?,
            to: date("to")?,
            sort,
            page,
            nodes,
        })
    }

    /// The query for the searcher: None (every record) when the box is empty.
    pub fn query(&self) -> Option<&str> {
        let q = self.q.trim();
        (!q.is_empty()).then_some(q)
    }

    pub fn filters(&self) -> Filters {
        Filters {
            event_type: self.event_type,
            participants: self.participants.clone(),
            countries: self.countries.clone(),
            publishers: self.publishers.clone(),
            from: self.from.as_deref().and_then(Date::parse_iso_prefix),
            to: self.to.as_deref().and_then(Date::parse_iso_prefix),
        }
    }

    /// The active filters as (facet, value) chips.
    pub fn chips(&self) -> Vec<(Facet, String)> {
        let mut chips = Vec::new();
        if let Some(t) = self.event_type {
            chips.push((Facet::EventType, t.as_str().to_string()));
        }
        chips.extend(self.countries.iter().map(|c| (Facet::Country, c.clone())));
        chips.extend(
            self.participants
                .iter()
                .map(|p| (Facet::Participant, p.clone())),
        );
        chips.extend(
            self.publishers
                .iter()
                .map(|p| (Facet::Publisher, p.clone())),
        );
        chips.extend(self.from.iter().map(|d| (Facet::From, d.clone())));
        chips.extend(self.to.iter().map(|d| (Facet::To, d.clone())));
        chips
    }

    /// This view with a filter added (and back on page 1).
    pub fn with(&self, facet: Facet, value: &str) -> View {
        let mut v = self.clone();
        v.page = 1;
        let value = value.to_string();
        match facet {
            Facet::EventType => v.event_type = EventType::parse(&value),
            Facet::Country if !v.countries.contains(&value) => v.countries.push(value),
            Facet::Participant if !v.participants.contains(&value) => v.participants.push(value),
            Facet::Publisher if !v.publishers.contains(&value) => v.publishers.push(value),
            Facet::From => v.from = Some(value),
            Facet::To => v.to = Some(value),
            _ => {}
        }
        v
    }

    /// This view narrowed to one year (the year facet).
    pub fn with_year(&self, year: &str) -> View {
        self.with(Facet::From, year).with(Facet::To, year)
    }

    /// This view without a filter (and back on page 1).
    pub fn without(&self, facet: Facet, value: &str) -> View {
        let mut v = self.clone();
        v.page = 1;
        match facet {
            Facet::EventType => v.event_type = None,
            Facet::Country => v.countries.retain(|c| c != value),
            Facet::Participant => v.participants.retain(|p| p != value),
            Facet::Publisher => v.publishers.retain(|p| p != value),
            Facet::From => v.from = None,
            Facet::To => v.to = None,
        }
        v
    }

    pub fn on_page(&self, page: usize) -> View {
        View {
            page,
            ..self.clone()
        }
    }

    /// The view's parameters as a query string, defaults left out (no leading `?`).
    pub fn to_query(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            s.append_pair("q", &self.q);
        }
        if let Some(t) = self.event_type {
            s.append_pair("type", t.as_str());
        }
        for c in &self.countries {
            s.append_pair("country", c);
        }
        for p in &self.participants {
            s.append_pair("participant", p);
        }
        for p in &self.publishers {
            s.append_pair("publisher", p);
        }
        if let Some(d) = &self.from {
            s.append_pair("from", d);
        }
        if let Some(d) = &self.to {
            s.append_pair("to", d);
        }
        match self.sort {
            SortOrder::Relevance => {}
            SortOrder::Date => {
                s.append_pair("sort", "date");
            }
            SortOrder::DateDesc => {
                s.append_pair("sort", "-date");
            }
        }
        if self.page != 1 {
            s.append_pair("page", &self.page.to_string());
        }
        if self.nodes != NodeKind::People {
            s.append_pair("nodes", self.nodes.as_str());
        }
        s.finish()
    }

    /// A link to `path` with this view's parameters.
    pub fn link(&self, path: &str) -> String {
        let query = self.to_query();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str) -> Request {
        Request {
            method: "GET".into(),
            path: "/".into(),
            query: form_urlencoded::parse(query.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
            raw_query: query.into(),
            host: None,
        }
    }

    #[test]
    fn a_view_survives_its_own_url() {
        let v = View::of(&request(
            "q=%22Korean+Peninsula%22&type=phone_call&country=USA&country=CHN&participant=Xi+Jinping&publisher=mfa.gov.cn&from=2017&to=2018-06&sort=-date&page=3&nodes=countries",
        ))
        .unwrap();
        assert_eq!(v.q, "\"Korean Peninsula\"");
        assert_eq!(v.countries, ["USA", "CHN"]);
        assert_eq!(v.page, 3);
        assert_eq!(View::of(&request(&v.to_query())).unwrap(), v);
    }

    #[test]
    fn chips_come_off_one_at_a_time_and_facets_go_back_to_page_one() {
        let v = View::of(&request("country=USA&country=CHN&page=2")).unwrap();
        let fewer = v.without(Facet::Country, "USA");
        assert_eq!(fewer.countries, ["CHN"]);
        assert_eq!(fewer.page, 1);
        let year = View::default().with_year("2018");
        assert_eq!(year.to_query(), "from=2018&to=2018");
    }

    #[test]
    fn a_bad_parameter_is_named() {
        for (query, named) in [
            ("type=summit", "type="),
            ("from=yesterday", "from="),
            ("sort=best", "sort="),
            ("page=0", "page="),
            ("page=100000", "page="),
            ("nodes=states", "nodes="),
        ] {
            let err = View::of(&request(query)).unwrap_err();
            assert!(err.starts_with(named), "{query}: {err}");
        }
    }
}
