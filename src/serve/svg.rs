//! The explorer's pictures, drawn as SVG by the server (no script library, no CDN): contacts
//! per month by event type, and who talked to whom. Every label goes through maud, which
//! escapes it.

use super::view::{Facet, View};
use crate::record::EventType;
use crate::views::graph::{Graph, NodeKind};
use crate::views::monthly::{Month, Months, TypeCount};
use maud::{Markup, html};

const WIDTH: f64 = 760.0;
const CHART_HEIGHT: f64 = 220.0;
/// The network's picture: a circle of nodes, with room around it for names written outward.
const NETWORK_WIDTH: f64 = 760.0;
const NETWORK_HEIGHT: f64 = 700.0;
const NETWORK_RADIUS: f64 = 190.0;
/// Nodes drawn in the network: beyond a few dozen, a circle of names is unreadable.
pub const NETWORK_NODES: usize = 40;

/// A colour per event type, distinguishable for the common colour-vision deficiencies
/// (Okabe–Ito).
pub fn colour(t: EventType) -> &'static str {
    match t {
        EventType::Meeting => "#0072B2",
        EventType::PhoneCall => "#E69F00",
        EventType::VideoCall => "#009E73",
        EventType::Message => "#CC79A7",
        EventType::Visit => "#56B4E9",
        EventType::Talks => "#D55E00",
        EventType::Signing => "#F0E442",
        EventType::Other => "#777777",
    }
}

/// Stacked bars: one a month, a segment a type.
pub fn timeline_chart(months: &Months, counted: &str) -> Markup {
    let (left, bottom, top) = (40.0, 30.0, 10.0);
    let plot_w = WIDTH - left - 10.0;
    let plot_h = CHART_HEIGHT - bottom - top;
    let max = months
        .months
        .iter()
        .map(|m| m.total)
        .max()
        .unwrap_or(0)
        .max(1);
    let n = months.months.len().max(1) as f64;
    let bar_w = plot_w / n;
    let label = format!(
        "{counted} per month by event type, {} to {}",
        months.months.first().map_or("", |m| m.month.as_str()),
        months.months.last().map_or("", |m| m.month.as_str())
    );
    let used: Vec<EventType> = EventType::ALL
        .into_iter()
        .filter(|t| {
            months
                .months
                .iter()
                .any(|m| m.by_event_type.iter().any(|c| c.event_type == *t))
        })
        .collect();
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label=(label)
            viewBox=(format!("0 0 {WIDTH} {}", CHART_HEIGHT + 24.0)) {
            title { (label) }
            line x1=(left) y1=(top + plot_h) x2=(left + plot_w) y2=(top + plot_h) class="axis" {}
            text x=(left - 6.0) y=(top + 8.0) text-anchor="end" class="tick" { (max) }
            text x=(left - 6.0) y=(top + plot_h) text-anchor="end" class="tick" { "0" }
            @for (i, month) in months.months.iter().enumerate() {
                @let x = left + i as f64 * bar_w;
                @for (y, h, c) in stacked(month, top + plot_h, plot_h / max as f64) {
                    rect x=(fmt(x)) y=(fmt(y)) width=(fmt((bar_w - 1.0).max(0.5))) height=(fmt(h))
                        fill=(colour(c.event_type)) {
                        title { (month.month) ": " (c.count) " " (c.event_type.as_str()) }
                    }
                }
                @if month.month.ends_with("-01") || (i == 0) {
                    text x=(fmt(x)) y=(top + plot_h + 16.0) class="tick" { (&month.month[..4]) }
                }
            }
            @for (i, t) in used.iter().enumerate() {
                @let x = left + i as f64 * 95.0;
                rect x=(fmt(x)) y=(CHART_HEIGHT + 8.0) width="10" height="10" fill=(colour(*t)) {}
                text x=(fmt(x + 14.0)) y=(CHART_HEIGHT + 17.0) class="legend" { (t.as_str()) }
            }
        }
    }
}

/// A month's segments from the baseline up: (top, height, count).
fn stacked(month: &Month, baseline: f64, per_contact: f64) -> Vec<(f64, f64, &TypeCount)> {
    let mut y = baseline;
    month
        .by_event_type
        .iter()
        .map(|c| {
            let h = per_contact * c.count as f64;
            y -= h;
            (y, h, c)
        })
        .collect()
}

/// Nodes on a circle, busiest first from the top, clockwise; edges as lines as thick as their
/// weight. A node links to the view filtered by it.
pub fn network(graph: &Graph, view: &View) -> Markup {
    let nodes = &graph.nodes[..graph.nodes.len().min(NETWORK_NODES)];
    let (cx, cy) = (NETWORK_WIDTH / 2.0, NETWORK_HEIGHT / 2.0);
    // Clockwise from the top, in degrees.
    let angle = |i: usize| -> f64 { 360.0 * i as f64 / nodes.len().max(1) as f64 - 90.0 };
    let place = |i: usize| -> (f64, f64) {
        let a = angle(i).to_radians();
        (cx + NETWORK_RADIUS * a.cos(), cy + NETWORK_RADIUS * a.sin())
    };
    let at: rustc_hash::FxHashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let heaviest = graph
        .edges
        .iter()
        .map(|e| e.weight)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let busiest = nodes.iter().map(|n| n.contacts).max().unwrap_or(1).max(1) as f64;
    let label = format!(
        "who talked to whom: {} {} and {} links",
        nodes.len(),
        graph.nodes_are,
        graph.edges.len()
    );
    let facet = match view.nodes {
        NodeKind::People => Facet::Participant,
        NodeKind::Countries => Facet::Country,
    };
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="network" role="group" aria-label=(label)
            viewBox=(format!("0 0 {NETWORK_WIDTH} {NETWORK_HEIGHT}")) {
            title { (label) }
            @for edge in &graph.edges {
                @if let (Some(&a), Some(&b)) = (at.get(edge.source.as_str()), at.get(edge.target.as_str())) {
                    @let ((x1, y1), (x2, y2)) = (place(a), place(b));
                    line x1=(fmt(x1)) y1=(fmt(y1)) x2=(fmt(x2)) y2=(fmt(y2)) class="edge"
                        stroke-width=(fmt(1.0 + 5.0 * edge.weight as f64 / heaviest)) {
                        title { (edge.source) " – " (edge.target) ": " (edge.weight) }
                    }
                }
            }
            @for (i, node) in nodes.iter().enumerate() {
                @let (x, y) = place(i);
                @let r = 4.0 + 8.0 * (node.contacts as f64 / busiest).sqrt();
                @let label = outward_label(angle(i), x, r);
                a href=(view.with(facet, &node.id).link("/")) class="node" {
                    circle cx=(fmt(x)) cy=(fmt(y)) r=(fmt(r)) {}
                    text x=(fmt(label.x)) y=(fmt(y + 4.0)) text-anchor=(label.anchor)
                        transform=(format!("rotate({:.1} {:.1} {:.1})", label.rotate, x, y)) { (node.id) }
                    title { (node.id) ": " (node.contacts) " contacts" }
                }
            }
        }
    }
}

/// Where a node's name goes: along the radius, away from the circle, never upside down.
struct Label {
    x: f64,
    anchor: &'static str,
    rotate: f64,
}

fn outward_label(degrees: f64, x: f64, r: f64) -> Label {
    if degrees.to_radians().cos() >= -1e-9 {
        Label {
            x: x + r + 4.0,
            anchor: "start",
            rotate: degrees,
        }
    } else {
        Label {
            x: x - r - 4.0,
            anchor: "end",
            rotate: degrees + 180.0,
        }
    }
}

/// Coordinates to one decimal: shorter SVG, the same picture.
fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::graph::{Edge, Node};

    #[test]
    fn labels_are_escaped_in_the_network() {
        let graph = Graph {
            schema_version: 1,
            nodes_are: "people".into(),
            contacts: 1,
            nodes: vec![
                Node {
                    id: "<script>alert(1)</script>".into(),
                    country: None,
                    contacts: 1,
                },
                Node {
                    id: "\"onmouseover=x".into(),
                    country: None,
                    contacts: 1,
                },
            ],
            edges: vec![Edge {
                source: "\"onmouseover=x".into(),
                target: "<script>alert(1)</script>".into(),
                weight: 1,
            }],
        };
        let svg = network(&graph, &View::default()).into_string();
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"), "{svg}");
        assert!(!svg.contains("\"onmouseover"), "{svg}");
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(svg.matches("<line").count(), 1);
    }

    #[test]
    fn a_month_stacks_its_types() {
        let months = Months {
            months: vec![Month {
                month: "2018-03".into(),
                by_event_type: vec![
                    TypeCount {
                        event_type: EventType::Meeting,
                        count: 2,
                    },
                    TypeCount {
                        event_type: EventType::PhoneCall,
                        count: 1,
                    },
                ],
                total: 3,
            }],
            undated: 0,
        };
        let svg = timeline_chart(&months, "contacts").into_string();
        assert_eq!(
            svg.matches("<rect").count(),
            4,
            "two bars and two legend keys: {svg}"
        );
        assert!(svg.contains("2018-03: 2 meeting"));
    }
}
