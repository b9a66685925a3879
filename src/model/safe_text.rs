//! `SafeText`: text from outside, made safe to draw in a terminal.
//!
//! ratatui and crossterm copy cell text to the terminal as it is, so a
//! customer name holding `ESC ] 52 ; …` could write the user's clipboard and
//! one holding U+202E could reverse what the agent reads. Every string from a
//! backend, a file or the demo generator becomes `SafeText` when it is
//! decoded; nothing else in the program needs to think about it again.
//!
//! What is removed: C0 and C1 control characters, whole escape sequences
//! (CSI, OSC, DCS, SOS, PM, APC and two-character escapes, in their 7-bit and
//! 8-bit forms), bidi embeddings, overrides, isolates and marks, and other
//! invisible format characters. What is kept: every printable script, emoji
//! (with their zero-width joiners, variation selectors and flag tags), and —
//! only in multi-line fields — newlines and tabs. Each field has a length cap;
//! longer text is cut at a character-cluster boundary and ends in `…`.

use std::fmt;
use std::ops::Deref;

use unicode_segmentation::UnicodeSegmentation;

/// How long a field may be, in characters, before it is cut with an ellipsis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldCap(pub usize);

impl FieldCap {
    /// Names of people, companies, plans, owners.
    pub const NAME: FieldCap = FieldCap(200);
    /// E-mail addresses, domains, ids, tags and other short tokens.
    pub const TOKEN: FieldCap = FieldCap(320);
    /// Ticket subjects and task titles.
    pub const SUBJECT: FieldCap = FieldCap(500);
    /// Survey comments and notes.
    pub const COMMENT: FieldCap = FieldCap(20_000);
    /// Ticket comment bodies: a megabyte of text is far beyond any real reply.
    pub const BODY: FieldCap = FieldCap(1_000_000);
}

/// Sanitised text. Construct it with [`SafeText::line`] for single-line fields
/// or [`SafeText::multiline`] for bodies; there is no other way in.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SafeText(String);

impl SafeText {
    /// A single-line field: line breaks and tabs become one space each, so
    /// "ACME\nCorp" reads "ACME Corp" rather than "ACMECorp".
    pub fn line(raw: &str, cap: FieldCap) -> SafeText {
        if is_plain_line(raw, cap) {
            return SafeText(raw.to_owned());
        }
        SafeText(cap_length(sanitise(raw, false), cap))
    }

    /// A multi-line field: newlines and tabs are kept, CR LF and lone CR
    /// become LF.
    pub fn multiline(raw: &str, cap: FieldCap) -> SafeText {
        SafeText(cap_length(sanitise(raw, true), cap))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl Deref for SafeText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SafeText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SafeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// 8-bit string terminator.
const C1_ST: char = '\u{9c}';

/// What follows an introducer, and so how far the sequence runs.
enum Sequence {
    /// CSI: parameter and intermediate bytes, then one final byte.
    ControlSequence,
    /// OSC, DCS, SOS, PM, APC: a string ended by ST (or BEL for OSC).
    ControlString,
}

fn sanitise(raw: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    // Tag characters are only kept inside an emoji tag sequence (subdivision
    // flags start with U+1F3F4 WAVING BLACK FLAG).
    let mut in_emoji_tag = false;
    while let Some(c) = chars.next() {
        let sequence = match c {
            ESC => match chars.next() {
                Some('[') => Some(Sequence::ControlSequence),
                Some(']' | 'P' | 'X' | '^' | '_') => Some(Sequence::ControlString),
                Some(next) => {
                    // A two-character escape such as `ESC c` or `ESC ( B`:
                    // intermediates 0x20–0x2F, then one final character.
                    let mut last = next;
                    while ('\u{20}'..='\u{2f}').contains(&last) {
                        match chars.next() {
                            Some(following) => last = following,
                            None => break,
                        }
                    }
                    continue;
                }
                None => continue,
            },
            '\u{9b}' => Some(Sequence::ControlSequence),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => Some(Sequence::ControlString),
            _ => None,
        };
        match sequence {
            Some(Sequence::ControlSequence) => {
                for following in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&following) {
                        break;
                    }
                }
                continue;
            }
            Some(Sequence::ControlString) => {
                while let Some(following) = chars.next() {
                    if following == BEL || following == C1_ST {
                        break;
                    }
                    if following == ESC && chars.peek() == Some(&'\\') {
                        chars.next();
                        break;
                    }
                }
                continue;
            }
            None => {}
        }
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                push_break(&mut out, '\n', multiline);
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => push_break(&mut out, '\n', multiline),
            '\t' => push_break(&mut out, '\t', multiline),
            '\u{1f3f4}' => {
                in_emoji_tag = true;
                out.push(c);
            }
            '\u{e0020}'..='\u{e007f}' => {
                if in_emoji_tag {
                    out.push(c);
                }
                if c == '\u{e007f}' {
                    in_emoji_tag = false;
                }
            }
            c if is_removed(c) => {}
            c => {
                in_emoji_tag = false;
                out.push(c);
            }
        }
    }
    out
}

/// Printable ASCII within the cap and with no space at either end: text that
/// sanitising, trimming and capping would leave as it is. Most names and
/// titles are, and skipping the character-by-character pass for them keeps
/// building millions of task titles cheap.
fn is_plain_line(raw: &str, cap: FieldCap) -> bool {
    raw.len() <= cap.0
        && raw.bytes().all(|byte| (b' '..=b'~').contains(&byte))
        && !raw.starts_with(' ')
        && !raw.ends_with(' ')
}

fn push_break(out: &mut String, kept: char, multiline: bool) {
    if multiline {
        out.push(kept);
    } else if !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Control and invisible format characters. Zero-width joiner and non-joiner
/// are kept: emoji sequences and Persian, Indic and other scripts need them.
fn is_removed(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}'                      // soft hyphen
        | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{890}' | '\u{891}'
        | '\u{8e2}' | '\u{180e}'
        | '\u{200b}' | '\u{200e}' | '\u{200f}'   // zero-width space, LRM, RLM
        | '\u{202a}'..='\u{202e}'               // bidi embeddings and overrides
        | '\u{2060}'..='\u{206f}'               // word joiner, invisible operators, bidi isolates
        | '\u{feff}'                            // byte order mark
        | '\u{fff9}'..='\u{fffb}'               // interlinear annotation
        | '\u{110bd}' | '\u{110cd}' | '\u{13430}'..='\u{1343f}'
        | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}'
    )
}

fn cap_length(text: String, cap: FieldCap) -> String {
    let text = if text.contains('\n') || text.contains('\t') { text } else { text.trim().to_owned() };
    if text.chars().count() <= cap.0 {
        return text;
    }
    let mut out = String::new();
    let mut used = 0;
    for cluster in text.graphemes(true) {
        let length = cluster.chars().count();
        if used + length + 1 > cap.0 {
            break;
        }
        out.push_str(cluster);
        used += length;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(raw: &str) -> String {
        SafeText::line(raw, FieldCap::NAME).into_string()
    }

    fn multi(raw: &str) -> String {
        SafeText::multiline(raw, FieldCap::BODY).into_string()
    }

    #[test]
    fn c0_and_c1_controls_are_removed() {
        assert_eq!(line("a\u{0}b\u{7}c\u{8}d\u{7f}e"), "abcde");
        // NEL (U+0085) is a line break, so it becomes a space like LF.
        assert_eq!(line("a\u{80}b\u{85}c\u{9a}d"), "ab cd");
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(line("\u{1b}[2J\u{1b}[1;31mRed\u{1b}[0m Co"), "Red Co");
        assert_eq!(line("x\u{9b}31mY"), "xY");
    }

    #[test]
    fn osc_sequences_are_removed_with_either_terminator() {
        assert_eq!(line("\u{1b}]0;pwned\u{7}Acme"), "Acme");
        assert_eq!(line("\u{1b}]52;c;aGVsbG8=\u{1b}\\Acme"), "Acme");
        assert_eq!(line("\u{9d}8;;http://evil\u{9c}Acme"), "Acme");
        assert_eq!(line("Acme\u{1b}]0;unterminated title"), "Acme");
    }

    #[test]
    fn dcs_sos_pm_apc_strings_are_removed() {
        assert_eq!(line("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b"), "ab");
        assert_eq!(line("a\u{1b}Xsos\u{1b}\\b\u{1b}^pm\u{1b}\\c\u{1b}_apc\u{1b}\\d"), "abcd");
        assert_eq!(line("a\u{90}dcs\u{9c}b"), "ab");
    }

    #[test]
    fn two_character_escapes_are_removed() {
        assert_eq!(line("a\u{1b}cb\u{1b}(Bc\u{1b}7d"), "abcd");
        assert_eq!(line("trailing\u{1b}"), "trailing");
    }

    #[test]
    fn bidi_controls_and_format_characters_are_removed() {
        assert_eq!(line("invoice\u{202e}fdp.exe"), "invoicefdp.exe");
        assert_eq!(line("\u{2066}a\u{2067}b\u{2068}c\u{2069}"), "abc");
        assert_eq!(line("\u{200e}x\u{200f}\u{200b}y\u{feff}\u{ad}z\u{2060}"), "xyz");
        assert_eq!(line("\u{61c}a\u{202a}b\u{202c}"), "ab");
    }

    #[test]
    fn scripts_and_emoji_are_kept() {
        for text in [
            "Zakłady Mięsne Łódź sp. z o.o.",
            "บริษัท สยามเทค จำกัด",
            "Müller & Söhne GmbH",
            "Società Ferretti S.r.l.",
            "ООО «Северный ветер»",
            "שלום עולם",
            "مرحبا بالعالم",
            "東京株式会社 데이터",
            "👩‍💻 team 👍🏽 ❤️",
            "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
            "می\u{200c}خواهم",
        ] {
            assert_eq!(line(text), text);
        }
    }

    #[test]
    fn stray_tag_characters_are_removed() {
        assert_eq!(line("a\u{e0041}\u{e0042}b"), "ab");
    }

    #[test]
    fn line_breaks_and_tabs_depend_on_the_field() {
        assert_eq!(line("ACME\nCorp"), "ACME Corp");
        assert_eq!(line("ACME\r\n\tCorp"), "ACME Corp");
        assert_eq!(multi("one\r\ntwo\rthree\n\tfour"), "one\ntwo\nthree\n\tfour");
        assert_eq!(multi("a\u{2028}b"), "a\nb");
    }

    #[test]
    fn plain_ascii_is_kept_as_the_full_pass_would_keep_it() {
        let printable: String = (b' '..=b'~').map(char::from).collect();
        let cases = [
            printable.clone(),
            printable.trim().to_owned(),
            " padded ".to_owned(),
            String::new(),
            "a".repeat(200),
            "a".repeat(201),
            "tab\there".to_owned(),
            "del\u{7f}".to_owned(),
        ];
        for raw in cases {
            let full_pass = cap_length(sanitise(&raw, false), FieldCap::NAME);
            assert_eq!(SafeText::line(&raw, FieldCap::NAME).into_string(), full_pass, "{raw:?}");
        }
    }

    #[test]
    fn single_line_fields_are_trimmed() {
        assert_eq!(line("  Acme  "), "Acme");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let text = SafeText::line(&"x".repeat(500), FieldCap(10));
        assert_eq!(text.as_str(), "xxxxxxxxx…");
        assert_eq!(text.chars().count(), 10);
        assert_eq!(SafeText::line("short", FieldCap(10)).as_str(), "short");
        assert_eq!(SafeText::line("exactly10!", FieldCap(10)).as_str(), "exactly10!");
    }

    #[test]
    fn cutting_never_splits_a_character_cluster() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let text = SafeText::line(&format!("ab{family}{family}"), FieldCap(6));
        assert_eq!(text.as_str(), "ab…");
    }
}
