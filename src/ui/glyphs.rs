//! Every non-letter glyph the console draws itself — borders, sort arrows,
//! the champion mark, dashes, separators and arrow key names — in one place,
//! so `--ascii` (or `[console] ascii = true`) swaps them all at once for
//! terminals and fonts without box-drawing characters.
//!
//! Customer text (SafeText) is never touched here: a name in Cyrillic stays
//! in Cyrillic. Only the characters keepers adds around it change.

use ratatui::symbols::{bar, border};

use crate::app::keys::Key;

/// Bars of a chart in ASCII: a full cell is `#`, a part of one `.`.
const ASCII_BARS: bar::Set<'static> = bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "#",
    half: ".",
    three_eighths: ".",
    one_quarter: ".",
    one_eighth: ".",
    empty: " ",
};

/// Box corners and lines from `+`, `-` and `|`.
const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glyphs {
    pub border: border::Set<'static>,
    pub sort_ascending: &'static str,
    pub sort_descending: &'static str,
    /// Marks a contact who is the account's champion.
    pub champion: &'static str,
    /// Marks a row picked for a bulk action.
    pub picked: &'static str,
    /// Ends text that is still on its way ("loading…").
    pub ellipsis: &'static str,
    /// Stands for a missing value and separates a title from its details.
    pub dash: &'static str,
    /// Separates items in a title: "keepers · demo.db".
    pub separator: &'static str,
    /// Between the ends of a range: "1–20 of 90".
    pub range: &'static str,
    /// Between width and height: "80×24".
    pub times: &'static str,
    /// From one lifecycle stage to the next in the timeline.
    pub stage_arrow: &'static str,
    /// Points at rows further down.
    pub more_below: &'static str,
    /// The bars of the usage chart.
    pub bars: bar::Set<'static>,
    /// A day's health score in the header's trend, lowest to highest.
    pub trend_levels: [&'static str; 8],
    /// A day without a saved health score in the trend.
    pub trend_missing: &'static str,
    /// Arrow keys by name ("up") instead of by arrow ("↑").
    arrow_keys_by_name: bool,
    /// "at least" and "at most" in a health scale's text: "≥ 80 %" or ">= 80 %".
    at_least: &'static str,
    at_most: &'static str,
}

impl Glyphs {
    pub fn unicode() -> Glyphs {
        Glyphs {
            border: border::PLAIN,
            sort_ascending: "▲",
            sort_descending: "▼",
            champion: "★",
            picked: "✓",
            ellipsis: "…",
            dash: "—",
            separator: "·",
            range: "–",
            times: "×",
            stage_arrow: "→",
            more_below: "↓",
            bars: bar::NINE_LEVELS,
            trend_levels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
            trend_missing: "·",
            arrow_keys_by_name: false,
            at_least: "≥",
            at_most: "≤",
        }
    }

    pub fn ascii() -> Glyphs {
        Glyphs {
            border: ASCII_BORDER,
            sort_ascending: "^",
            sort_descending: "v",
            champion: "*",
            picked: "+",
            ellipsis: "...",
            dash: "-",
            separator: "|",
            range: "-",
            times: "x",
            stage_arrow: "->",
            more_below: "v",
            bars: ASCII_BARS,
            trend_levels: ["_", "_", ".", "-", "-", "=", "#", "#"],
            trend_missing: " ",
            arrow_keys_by_name: true,
            at_least: ">=",
            at_most: "<=",
        }
    }

    /// Daily scores (0–100) as one glyph each.
    pub fn trend(&self, scores: &[Option<u8>]) -> String {
        let levels = self.trend_levels.len();
        scores
            .iter()
            .map(|score| match score {
                Some(score) => self.trend_levels[usize::from(*score).min(99) * levels / 100],
                None => self.trend_missing,
            })
            .collect()
    }

    /// A health scale as `metrics` words it ("full marks at ≥ 80 %"), with
    /// its comparison signs in these glyphs. Scales are keepers' own text.
    pub fn comparisons(&self, scale: &str) -> String {
        scale.replace('≥', self.at_least).replace('≤', self.at_most)
    }

    pub fn sort_arrow(&self, descending: bool) -> &'static str {
        if descending { self.sort_descending } else { self.sort_ascending }
    }

    /// A key as help and the hint bar show it: "ctrl-f", "enter", "↑" (or "up").
    pub fn key_name(&self, key: &Key) -> String {
        let name = key.to_string();
        if !self.arrow_keys_by_name {
            return name;
        }
        // Key names are keepers' own text, so every arrow in one is a key.
        name.replace('↑', "up").replace('↓', "down").replace('←', "left").replace('→', "right")
    }

    /// Swaps the glyphs that keepers puts into a timeline line. The first
    /// separator is always ours (stage names and scores are ASCII); what
    /// follows it may be customer text and is left as it is.
    pub fn timeline_summary(&self, summary: String, separator: TimelineSeparator) -> String {
        let (ours, replacement) = match separator {
            TimelineSeparator::StageArrow => (" → ", self.stage_arrow),
            TimelineSeparator::Dash => (" — ", self.dash),
        };
        if replacement == ours.trim() {
            return summary;
        }
        summary.replacen(ours, &format!(" {replacement} "), 1)
    }
}

/// Which separator of its own a timeline line may start with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineSeparator {
    /// "retention → loyalty: reason"
    StageArrow,
    /// "NPS 9 — comment"
    Dash,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::KeyCode;

    #[test]
    fn ascii_glyphs_are_all_ascii() {
        let glyphs = Glyphs::ascii();
        let border = glyphs.border;
        let all = [
            border.top_left,
            border.top_right,
            border.bottom_left,
            border.bottom_right,
            border.vertical_left,
            border.vertical_right,
            border.horizontal_top,
            border.horizontal_bottom,
            glyphs.sort_ascending,
            glyphs.sort_descending,
            glyphs.champion,
            glyphs.ellipsis,
            glyphs.dash,
            glyphs.separator,
            glyphs.range,
            glyphs.times,
            glyphs.stage_arrow,
            glyphs.more_below,
            glyphs.bars.full,
            glyphs.bars.half,
            glyphs.bars.one_eighth,
            glyphs.trend_missing,
            glyphs.at_least,
            glyphs.at_most,
        ];
        let all = [&all[..], &glyphs.trend_levels[..]].concat();
        assert!(all.iter().all(|glyph| glyph.is_ascii()), "{all:?}");
    }

    #[test]
    fn arrow_keys_are_named_in_ascii() {
        let up = Key::plain(KeyCode::Up);
        assert_eq!(Glyphs::unicode().key_name(&up), "↑");
        assert_eq!(Glyphs::ascii().key_name(&up), "up");
        assert_eq!(Glyphs::ascii().key_name(&Key::plain(KeyCode::Right)), "right");
        assert_eq!(Glyphs::ascii().key_name(&Key::char('j')), "j");
    }

    #[test]
    fn only_our_own_separator_changes_in_a_timeline_line() {
        let glyphs = Glyphs::ascii();
        assert_eq!(
            glyphs.timeline_summary("retention → loyalty: a → b".into(), TimelineSeparator::StageArrow),
            "retention -> loyalty: a → b"
        );
        assert_eq!(
            glyphs.timeline_summary("NPS 9 — great — thanks".into(), TimelineSeparator::Dash),
            "NPS 9 - great — thanks"
        );
        let unchanged = "retention → loyalty".to_owned();
        assert_eq!(
            Glyphs::unicode().timeline_summary(unchanged.clone(), TimelineSeparator::StageArrow),
            unchanged
        );
    }
}
