//! How the console looks: the styles of each kind of text and the glyphs it
//! draws with. Four palettes — dark (the default), light for white
//! backgrounds, "terminal" with only the 16 ANSI colours so the user's own
//! palette applies, and monochrome — and either Unicode or ASCII glyphs.
//! NO_COLOR (no-color.org) forces monochrome whatever was chosen; monochrome
//! keeps the selection visible through reverse video and bold.

use std::ffi::OsStr;

use ratatui::style::{Color, Modifier, Style};

use super::Glyphs;
use crate::config::ThemeName;
use crate::metrics::health::Band;
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
    pub glyphs: Glyphs,
    /// The colour of each lifecycle stage; `None` leaves it plain.
    stage_colour: fn(LifecycleStage) -> Option<Color>,
    /// The colour of each health band; `None` leaves it plain.
    band_colour: fn(Band) -> Option<Color>,
}

impl Theme {
    /// The theme the console starts with: `name` from `--theme` or the
    /// config, unless NO_COLOR is set to anything non-empty.
    pub fn for_console(name: ThemeName, ascii: bool, no_color: Option<&OsStr>) -> Theme {
        let name = match no_color {
            Some(value) if !value.is_empty() => ThemeName::Mono,
            _ => name,
        };
        let theme = Theme::named(name);
        if ascii { theme.with_glyphs(Glyphs::ascii()) } else { theme }
    }

    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::Terminal => Theme::terminal(),
            ThemeName::Mono => Theme::monochrome(),
        }
    }

    pub fn with_glyphs(self, glyphs: Glyphs) -> Theme {
        Theme { glyphs, ..self }
    }

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
            glyphs: Glyphs::unicode(),
            stage_colour: ansi_stage_colour,
            band_colour: ansi_band_colour,
        }
    }

    /// Dark text on a white background: every foreground is deep enough to
    /// read on white, so no yellow and no light grey.
    pub fn light() -> Theme {
        Theme {
            text: Style::new().fg(Color::Black),
            dim: Style::new().fg(Color::Rgb(88, 88, 88)),
            title: Style::new().fg(Color::Black).bg(Color::Rgb(175, 215, 255)).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Rgb(0, 80, 130)).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Rgb(200, 220, 250))
                .add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Rgb(130, 0, 130)).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Rgb(175, 0, 0)).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Rgb(110, 110, 110)),
            glyphs: Glyphs::unicode(),
            stage_colour: light_stage_colour,
            band_colour: light_band_colour,
        }
    }

    /// Only the 16 ANSI colours, which every terminal maps through the
    /// user's own palette, so a tuned colour scheme stays in charge.
    pub fn terminal() -> Theme {
        Theme {
            selected: Style::new().fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD),
            ..Theme::dark()
        }
    }

    /// No colour at all: emphasis by bold, underline and reverse.
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
            glyphs: Glyphs::unicode(),
            stage_colour: |_| None,
            band_colour: |_| None,
        }
    }

    pub fn stage(&self, stage: LifecycleStage) -> Style {
        match (self.stage_colour)(stage) {
            Some(colour) => Style::new().fg(colour),
            None => Style::new(),
        }
    }

    /// A health score in its band's colour, bold so it reads without colour too.
    pub fn band(&self, band: Option<Band>) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        match band.and_then(self.band_colour) {
            Some(colour) => bold.fg(colour),
            None => bold,
        }
    }
}

fn ansi_band_colour(band: Band) -> Option<Color> {
    Some(match band {
        Band::Poor => Color::LightRed,
        Band::Fair => Color::Yellow,
        Band::Good => Color::Green,
    })
}

/// The same hues as [`ansi_band_colour`], darkened to read on white.
fn light_band_colour(band: Band) -> Option<Color> {
    Some(match band {
        Band::Poor => Color::Rgb(175, 0, 0),
        Band::Fair => Color::Rgb(150, 85, 0),
        Band::Good => Color::Rgb(0, 120, 0),
    })
}

fn ansi_stage_colour(stage: LifecycleStage) -> Option<Color> {
    Some(match stage {
        LifecycleStage::Reach => Color::Gray,
        LifecycleStage::Acquisition => Color::LightBlue,
        LifecycleStage::Conversion => Color::Cyan,
        LifecycleStage::Retention => Color::Green,
        LifecycleStage::Loyalty => Color::Magenta,
        LifecycleStage::Churned => Color::LightRed,
        LifecycleStage::Reactivated => Color::Yellow,
    })
}

/// The same hues as [`ansi_stage_colour`], darkened to read on white.
fn light_stage_colour(stage: LifecycleStage) -> Option<Color> {
    Some(match stage {
        LifecycleStage::Reach => Color::Rgb(88, 88, 88),
        LifecycleStage::Acquisition => Color::Rgb(0, 60, 180),
        LifecycleStage::Conversion => Color::Rgb(0, 110, 130),
        LifecycleStage::Retention => Color::Rgb(0, 120, 0),
        LifecycleStage::Loyalty => Color::Rgb(130, 0, 130),
        LifecycleStage::Churned => Color::Rgb(175, 0, 0),
        LifecycleStage::Reactivated => Color::Rgb(150, 85, 0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_over_the_chosen_theme() {
        let theme = Theme::for_console(ThemeName::Light, false, Some(OsStr::new("1")));
        assert_eq!(theme.selected, Theme::monochrome().selected);
        assert_eq!(theme.text, Style::new());
    }

    #[test]
    fn an_empty_no_color_is_ignored() {
        let theme = Theme::for_console(ThemeName::Light, false, Some(OsStr::new("")));
        assert_eq!(theme.selected, Theme::light().selected);
    }

    #[test]
    fn ascii_changes_the_glyphs_and_keeps_the_colours() {
        let theme = Theme::for_console(ThemeName::Dark, true, None);
        assert_eq!(theme.glyphs, Glyphs::ascii());
        assert_eq!(theme.selected, Theme::dark().selected);
    }
}
