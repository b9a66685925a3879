//! A drawn frame as a picture: [`to_svg`] turns a ratatui [`Buffer`] into an
//! SVG of the terminal that would show it, in true colour, for screenshots.
//!
//! Every character is placed at its own cell's column, so the columns stay
//! aligned whatever font ends up drawing a glyph, and a wide character (CJK,
//! emoji) takes the two cells a terminal gives it. Named and indexed colours
//! are read through a fixed xterm palette, so a picture does not depend on
//! anyone's terminal settings.

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// The fonts asked for, the first one found wins. Each advances 0.6 em, the
/// width [`CellMetrics::MONO_14`] gives a cell.
pub const FONT_FAMILIES: [&str; 3] = ["DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono"];

/// The size of one terminal cell in pixels, and of the font drawn in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellMetrics {
    pub font_size: f32,
    pub width: f32,
    pub height: f32,
    /// From the top of a cell down to the baseline of its text.
    pub baseline: f32,
}

impl CellMetrics {
    /// 14 px text in cells 0.6 em wide and as tall as DejaVu Sans Mono's
    /// line (ascent 0.928 em plus descent 0.236 em): its box-drawing glyphs
    /// span that whole line, so the borders join from row to row.
    pub const MONO_14: CellMetrics =
        CellMetrics { font_size: 14.0, width: 8.4, height: 16.25, baseline: 13.0 };
}

/// A true colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    fn halfway_to(self, other: Rgb) -> Rgb {
        let mid = |a: u8, b: u8| ((u16::from(a) + u16::from(b)) / 2) as u8;
        Rgb(mid(self.0, other.0), mid(self.1, other.1), mid(self.2, other.2))
    }
}

/// What the terminal shows where no colour is set.
const DEFAULT_FOREGROUND: Rgb = Rgb(0xe5, 0xe5, 0xe5);
const DEFAULT_BACKGROUND: Rgb = Rgb(0x12, 0x12, 0x12);

/// xterm's 16 ANSI colours: black, red, green, yellow, blue, magenta, cyan,
/// grey, then the bright ones in the same order.
const ANSI: [Rgb; 16] = [
    Rgb(0x00, 0x00, 0x00),
    Rgb(0xcd, 0x00, 0x00),
    Rgb(0x00, 0xcd, 0x00),
    Rgb(0xcd, 0xcd, 0x00),
    Rgb(0x00, 0x00, 0xee),
    Rgb(0xcd, 0x00, 0xcd),
    Rgb(0x00, 0xcd, 0xcd),
    Rgb(0xe5, 0xe5, 0xe5),
    Rgb(0x7f, 0x7f, 0x7f),
    Rgb(0xff, 0x00, 0x00),
    Rgb(0x00, 0xff, 0x00),
    Rgb(0xff, 0xff, 0x00),
    Rgb(0x5c, 0x5c, 0xff),
    Rgb(0xff, 0x00, 0xff),
    Rgb(0x00, 0xff, 0xff),
    Rgb(0xff, 0xff, 0xff),
];

fn true_colour(colour: Color, default: Rgb) -> Rgb {
    match colour {
        Color::Reset => default,
        Color::Black => ANSI[0],
        Color::Red => ANSI[1],
        Color::Green => ANSI[2],
        Color::Yellow => ANSI[3],
        Color::Blue => ANSI[4],
        Color::Magenta => ANSI[5],
        Color::Cyan => ANSI[6],
        Color::Gray => ANSI[7],
        Color::DarkGray => ANSI[8],
        Color::LightRed => ANSI[9],
        Color::LightGreen => ANSI[10],
        Color::LightYellow => ANSI[11],
        Color::LightBlue => ANSI[12],
        Color::LightMagenta => ANSI[13],
        Color::LightCyan => ANSI[14],
        Color::White => ANSI[15],
        Color::Indexed(index) => indexed_colour(index),
        Color::Rgb(red, green, blue) => Rgb(red, green, blue),
    }
}

/// The 256-colour palette: the 16 ANSI colours, a 6×6×6 cube, 24 greys.
fn indexed_colour(index: u8) -> Rgb {
    match index {
        0..=15 => ANSI[usize::from(index)],
        16..=231 => {
            let cube = index - 16;
            let level = |step: u8| if step == 0 { 0 } else { 55 + 40 * step };
            Rgb(level(cube / 36), level(cube / 6 % 6), level(cube % 6))
        }
        _ => {
            let grey = 8 + 10 * (index - 232);
            Rgb(grey, grey, grey)
        }
    }
}

/// How a cell's text is drawn; runs of cells with equal ink share one
/// `<text>` element.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ink {
    colour: Rgb,
    bold: bool,
    italic: bool,
    underline: bool,
    strike: bool,
}

/// One cell as the terminal would show it, with the defaults and the
/// modifiers applied.
struct Painted<'a> {
    column: u16,
    symbol: &'a str,
    /// Two for a wide character, which hides the cell after it.
    width: u16,
    background: Rgb,
    /// None for hidden text.
    ink: Option<Ink>,
}

impl Painted<'_> {
    /// Blank cells need no text unless a line is drawn through or under them.
    fn draws_text(&self) -> bool {
        self.ink.is_some_and(|ink| ink.underline || ink.strike || !self.symbol.trim().is_empty())
    }
}

fn paint(cell: &Cell, column: u16, width: u16) -> Painted<'_> {
    let modifier = cell.modifier;
    let mut foreground = true_colour(cell.fg, DEFAULT_FOREGROUND);
    let mut background = true_colour(cell.bg, DEFAULT_BACKGROUND);
    if modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut foreground, &mut background);
    }
    if modifier.contains(Modifier::DIM) {
        foreground = foreground.halfway_to(background);
    }
    let ink = (!modifier.contains(Modifier::HIDDEN)).then_some(Ink {
        colour: foreground,
        bold: modifier.contains(Modifier::BOLD),
        italic: modifier.contains(Modifier::ITALIC),
        underline: modifier.contains(Modifier::UNDERLINED),
        strike: modifier.contains(Modifier::CROSSED_OUT),
    });
    Painted { column, symbol: cell.symbol(), width, background, ink }
}

/// The cells of row `y` left to right, skipping those a wide character hides.
fn painted_row(buffer: &Buffer, y: u16) -> Vec<Painted<'_>> {
    let area = buffer.area;
    let mut row = Vec::with_capacity(usize::from(area.width));
    let mut x = area.left();
    while x < area.right() {
        let cell = &buffer[(x, y)];
        let width = (cell.symbol().width() as u16).clamp(1, area.right() - x);
        row.push(paint(cell, x - area.left(), width));
        x += width;
    }
    row
}

/// The SVG picture of `buffer`, drawn with `metrics`.
pub fn to_svg(buffer: &Buffer, metrics: &CellMetrics) -> String {
    let area = buffer.area;
    let width = pixels(f32::from(area.width) * metrics.width);
    let height = pixels(f32::from(area.height) * metrics.height);
    let families: Vec<String> = FONT_FAMILIES.iter().map(|family| format!("'{family}'")).collect();
    let mut svg = String::new();
    // xml:space keeps spaces inside underlined runs, each of which has its
    // own position.
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" xml:space="preserve">"#
    );
    let _ = writeln!(svg, r#"<rect width="{width}" height="{height}" fill="{}"/>"#, DEFAULT_BACKGROUND.hex());
    let rows: Vec<Vec<Painted>> = (area.top()..area.bottom()).map(|y| painted_row(buffer, y)).collect();
    for (line, row) in rows.iter().enumerate() {
        write_backgrounds(&mut svg, row, line as f32 * metrics.height, metrics);
    }
    let _ = writeln!(
        svg,
        r#"<g font-family="{}, monospace" font-size="{}">"#,
        families.join(", "),
        pixels(metrics.font_size)
    );
    for (line, row) in rows.iter().enumerate() {
        write_texts(&mut svg, row, line as f32 * metrics.height + metrics.baseline, metrics);
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// One rectangle for each run of cells with the same background, except
/// for the terminal's own background, which the picture starts with.
fn write_backgrounds(svg: &mut String, row: &[Painted], top: f32, metrics: &CellMetrics) {
    let mut start = 0;
    while start < row.len() {
        let background = row[start].background;
        let end = start + row[start..].iter().take_while(|cell| cell.background == background).count();
        if background != DEFAULT_BACKGROUND {
            let columns: u16 = row[start..end].iter().map(|cell| cell.width).sum();
            let _ = writeln!(
                svg,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                pixels(f32::from(row[start].column) * metrics.width),
                pixels(top),
                pixels(f32::from(columns) * metrics.width),
                pixels(metrics.height),
                background.hex()
            );
        }
        start = end;
    }
}

/// One `<text>` for each run of cells with the same ink. Blank cells are
/// left out without ending a run, since every character carries its own x.
fn write_texts(svg: &mut String, row: &[Painted], baseline: f32, metrics: &CellMetrics) {
    let mut cells = row.iter().filter(|cell| cell.draws_text()).peekable();
    while let Some(first) = cells.next() {
        let Some(ink) = first.ink else { continue };
        let mut run = vec![first];
        while let Some(next) = cells.next_if(|next| next.ink == Some(ink)) {
            run.push(next);
        }
        write_text(svg, &run, ink, baseline, metrics);
    }
}

fn write_text(svg: &mut String, run: &[&Painted], ink: Ink, baseline: f32, metrics: &CellMetrics) {
    let _ = write!(svg, r#"<text y="{}" fill="{}""#, pixels(baseline), ink.colour.hex());
    if ink.bold {
        svg.push_str(r#" font-weight="bold""#);
    }
    if ink.italic {
        svg.push_str(r#" font-style="italic""#);
    }
    let decorations: Vec<&str> = [(ink.underline, "underline"), (ink.strike, "line-through")]
        .into_iter()
        .filter_map(|(on, decoration)| on.then_some(decoration))
        .collect();
    if !decorations.is_empty() {
        let _ = write!(svg, r#" text-decoration="{}""#, decorations.join(" "));
    }
    svg.push('>');
    for piece in pieces(run) {
        let xs: Vec<String> =
            piece.iter().map(|cell| pixels(f32::from(cell.column) * metrics.width)).collect();
        let text: String = piece.iter().map(|cell| escape(cell.symbol)).collect();
        let _ = write!(svg, r#"<tspan x="{}">{text}</tspan>"#, xs.join(" "));
    }
    svg.push_str("</text>\n");
}

/// Splits a run where SVG's one-x-per-character positioning cannot follow
/// the cells: after a cell of several characters (a letter with combining
/// marks, an emoji with a selector), whose first character alone takes the
/// cell's x and whose others are shaped on from it.
fn pieces<'a, 'b>(run: &'b [&'a Painted<'a>]) -> Vec<&'b [&'a Painted<'a>]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (index, cell) in run.iter().enumerate() {
        if cell.symbol.chars().count() > 1 {
            pieces.push(&run[start..=index]);
            start = index + 1;
        }
    }
    if start < run.len() {
        pieces.push(&run[start..]);
    }
    pieces
}

/// A length in pixels to two decimals at most, without trailing zeros.
fn pixels(value: f32) -> String {
    let fixed = format!("{value:.2}");
    fixed.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    use super::*;

    fn svg_of(text: &str, style: Style) -> String {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 8, 1));
        buffer.set_string(0, 0, text, style);
        to_svg(&buffer, &CellMetrics::MONO_14)
    }

    #[test]
    fn escapes_what_xml_reads_as_markup() {
        let svg = svg_of(r#"<&>"'"#, Style::new());
        assert!(svg.contains(">&lt;&amp;&gt;&quot;&apos;</tspan>"), "{svg}");
        assert!(!svg.contains("<&"), "{svg}");
    }

    #[test]
    fn a_wide_character_takes_two_cells() {
        let svg = svg_of("漢a", Style::new());
        assert!(svg.contains(r#"<tspan x="0 16.8">漢a</tspan>"#), "{svg}");
    }

    #[test]
    fn a_letter_with_combining_marks_keeps_one_cell() {
        let svg = svg_of("e\u{301}x", Style::new());
        assert!(svg.contains("<tspan x=\"0\">e\u{301}</tspan><tspan x=\"8.4\">x</tspan>"), "{svg}");
    }

    #[test]
    fn colours_are_true_colours() {
        let svg = svg_of("a", Style::new().fg(Color::Red).bg(Color::Rgb(40, 60, 90)));
        assert!(svg.contains(r##"<text y="13" fill="#cd0000">"##), "{svg}");
        assert!(svg.contains(r##"<rect x="0" y="0" width="8.4" height="16.25" fill="#283c5a"/>"##), "{svg}");
        assert_eq!(indexed_colour(196), Rgb(0xff, 0, 0));
        assert_eq!(indexed_colour(244), Rgb(0x80, 0x80, 0x80));
        assert_eq!(indexed_colour(9), ANSI[9]);
    }

    #[test]
    fn one_rectangle_and_one_text_per_run() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 8, 1));
        buffer.set_string(0, 0, "ab cd", Style::new().fg(Color::Yellow).bg(Color::Blue));
        buffer.set_string(
            5,
            0,
            "ef",
            Style::new().fg(Color::Yellow).bg(Color::Blue).add_modifier(Modifier::BOLD),
        );
        let svg = to_svg(&buffer, &CellMetrics::MONO_14);
        assert!(svg.contains(r##"<rect x="0" y="0" width="58.8" height="16.25" fill="#0000ee"/>"##), "{svg}");
        assert!(svg.contains(r#"<tspan x="0 8.4 25.2 33.6">abcd</tspan>"#), "{svg}");
        assert!(svg.contains(r#" font-weight="bold"><tspan x="42 50.4">ef</tspan>"#), "{svg}");
    }

    #[test]
    fn reversed_swaps_the_colours_after_the_defaults() {
        let svg = svg_of("a", Style::new().fg(Color::Red).add_modifier(Modifier::REVERSED));
        assert!(svg.contains(r##"fill="#cd0000"/>"##), "the background is the foreground: {svg}");
        assert!(svg.contains(r##"<text y="13" fill="#121212">"##), "the text takes the background: {svg}");
    }

    #[test]
    fn underlined_blanks_are_drawn_and_hidden_text_is_not() {
        let underlined = svg_of("a b", Style::new().add_modifier(Modifier::UNDERLINED));
        assert!(underlined.contains(r#"text-decoration="underline"><tspan x="0 8.4 16.8">a b</tspan>"#));
        let hidden = svg_of("secret", Style::new().add_modifier(Modifier::HIDDEN));
        assert!(!hidden.contains("secret"), "{hidden}");
    }
}
