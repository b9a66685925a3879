//! Hostile text, as a compromised or careless backend might send it: escape
//! sequences that retitle the terminal, clear it or write the clipboard,
//! bidi overrides that reverse what the agent reads, and raw C1 controls.
//!
//! The demo plants them in a few records so every screen is exercised with
//! them. They reach the store only through `SafeText` constructors, exactly
//! as a connector's decoded input would; nothing here sanitises anything.

use super::random::Rng;

/// One in this many accounts is hostile: few enough not to clutter the
/// demo, enough that a workspace of a few hundred accounts has some.
const HOSTILE_ACCOUNT_EVERY: usize = 97;

/// Whether the account at this position gets hostile text in its name, a
/// contact, a ticket, a comment, a survey comment and a note.
pub(super) fn is_hostile_account(index: usize) -> bool {
    index % HOSTILE_ACCOUNT_EVERY == 3
}

/// Control sequences and characters a terminal would act on.
const PAYLOADS: &[&str] = &[
    // OSC 0: retitles the terminal window.
    "\u{1b}]0;pwned\u{7}",
    // CSI 2J: clears the screen.
    "\u{1b}[2J",
    // OSC 52: writes "rm -rf ~/*" to the clipboard.
    "\u{1b}]52;c;cm0gLXJmIH4vKg==\u{7}",
    // Right-to-left override: "invoice" U+202E "fdp.exe" reads as "invoiceexe.pdf".
    "\u{202e}",
    // 8-bit CSI (C1) turning text red, then the C1 control NEL.
    "\u{9b}31m\u{85}",
    // 8-bit OSC 8 hyperlink, terminated by the C1 string terminator.
    "\u{9d}8;;https://evil.example/\u{9c}",
    // Switches to the alternate screen and hides the cursor.
    "\u{1b}[?1049h\u{1b}[?25l",
    // Bidi isolate and embedding controls around ordinary text.
    "\u{2067}\u{202b}",
];

/// Appends `text` to `out` with a payload before, inside or after it.
pub(super) fn taint(rng: &mut Rng, text: &str, out: &mut String) {
    let payload = rng.pick(PAYLOADS);
    match rng.below(3) {
        0 => {
            out.push_str(payload);
            out.push_str(text);
        }
        1 => {
            // Split at a character boundary near the middle.
            let middle = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(at, _)| at);
            out.push_str(&text[..middle]);
            out.push_str(payload);
            out.push_str(&text[middle..]);
        }
        _ => {
            out.push_str(text);
            out.push_str(payload);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FieldCap, SafeText};

    #[test]
    fn tainted_text_keeps_the_original_and_adds_a_control() {
        let mut rng = Rng::new(9);
        for _ in 0..50 {
            let mut out = String::new();
            taint(&mut rng, "Łódź Ltd", &mut out);
            assert!(out.chars().any(|c| c.is_control() || ('\u{2000}'..='\u{206f}').contains(&c)));
            assert!(out.len() > "Łódź Ltd".len());
            let safe = SafeText::line(&out, FieldCap::NAME);
            assert!(safe.chars().all(|c| !c.is_control()));
        }
    }

    #[test]
    fn a_few_accounts_in_every_hundred_are_hostile() {
        let hostile = (0..1000).filter(|index| is_hostile_account(*index)).count();
        assert!((5..=15).contains(&hostile));
        assert!(is_hostile_account(3));
    }
}
