//! Printers: the human format and JSON Lines, behind one color decision. Commands hand
//! printers finished values; no command formats output ad hoc.

pub mod graph;
pub mod human;
pub mod json;
pub mod views;

use anstyle::{AnsiColor, Style};
use std::io::IsTerminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// Color when stdout is a terminal, `TERM` is not `dumb` and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

/// Whether to color stdout. `NO_COLOR` set to anything, even empty, turns `auto` off, as in ripgrep.
pub fn use_color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// The styles of each element of human output; all plain when color is off.
#[derive(Debug, Clone, Copy, Default)]
pub struct Styles {
    pub date: Style,
    pub kind: Style,
    pub title: Style,
    pub id: Style,
    pub matched: Style,
    pub label: Style,
    pub path: Style,
}

impl Styles {
    pub fn new(color: bool) -> Styles {
        if !color {
            return Styles::default();
        }
        Styles {
            date: Style::new().fg_color(Some(AnsiColor::Green.into())),
            kind: Style::new().fg_color(Some(AnsiColor::Cyan.into())),
            title: Style::new().bold(),
            id: Style::new().fg_color(Some(AnsiColor::Yellow.into())),
            matched: Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            label: Style::new().dimmed(),
            path: Style::new().fg_color(Some(AnsiColor::Magenta.into())),
        }
    }
}

/// `text` wrapped in a style's escape codes (nothing added for the plain style).
pub fn paint(style: Style, text: &str) -> String {
    if style == Style::new() {
        text.to_string()
    } else {
        format!("{style}{text}{style:#}")
    }
}
