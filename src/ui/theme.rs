//! Colours and emphasis. The dark theme is the default; with NO_COLOR set the
//! monochrome theme keeps the selection visible through reverse video and bold.

use ratatui::style::{Color, Modifier, Style};

use crate::model::LifecycleStage;

#[derive(Debug, Clone)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub heading: Style,
    pub selected: Style,
    pub key: Style,
    pub error: Style,
    pub border: Style,
    colour: bool,
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new().bg(Color::Rgb(40, 60, 90)).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            colour: true,
        }
    }

    /// No colour at all (NO_COLOR): emphasis by bold, underline and reverse.
    pub fn monochrome() -> Theme {
        Theme {
            text: Style::new(),
            dim: Style::new(),
            title: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            heading: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: Style::new().add_modifier(Modifier::BOLD),
            error: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new(),
            colour: false,
        }
    }

    /// The theme for this environment: monochrome when NO_COLOR is set to
    /// anything non-empty (no-color.org).
    pub fn from_environment() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::monochrome(),
            _ => Theme::dark(),
        }
    }

    pub fn stage(&self, stage: LifecycleStage) -> Style {
        if !self.colour {
            return Style::new();
        }
        let colour = match stage {
            LifecycleStage::Reach => Color::Gray,
            LifecycleStage::Acquisition => Color::LightBlue,
            LifecycleStage::Conversion => Color::Cyan,
            LifecycleStage::Retention => Color::Green,
            LifecycleStage::Loyalty => Color::Magenta,
            LifecycleStage::Churned => Color::LightRed,
            LifecycleStage::Reactivated => Color::Yellow,
        };
        Style::new().fg(colour)
    }
}
