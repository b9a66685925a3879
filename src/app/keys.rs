//! Keys and mouse input as the app sees them: independent of the terminal
//! library, so the command registry, the keymap and `update` can be tested
//! without one. The console converts terminal events into [`Key`] and
//! [`Mouse`].

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// What the mouse did, and at which cell (0-based, from the top left).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub gesture: Gesture,
    pub column: u16,
    pub row: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gesture {
    /// The left button went down.
    Click,
    ScrollUp,
    ScrollDown,
}

/// A key with its modifiers. Shift is folded into the character
/// (`G`, `?`), so only Ctrl and Alt are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false, alt: false }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: true, alt: false }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a key: use a character (j, G, ?), a name (enter, esc, tab, up, pgdn, f5) or a modifier (ctrl-k, alt-x)"
)]
pub struct BadKey(pub String);

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

impl FromStr for Key {
    type Err = BadKey;
    fn from_str(raw: &str) -> Result<Key, BadKey> {
        let bad = || BadKey(raw.to_owned());
        let mut key = Key::plain(KeyCode::Esc);
        let mut rest = raw.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 2 && lower.starts_with("ctrl-") {
                key.ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 2 && lower.starts_with("alt-") {
                key.alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        key.code = if let Some((_, code)) = NAMED.iter().find(|(name, _)| *name == lower) {
            *code
        } else if let Some(number) = lower.strip_prefix('f').filter(|n| !n.is_empty()) {
            match number.parse::<u8>() {
                Ok(n @ 1..=12) => KeyCode::F(n),
                _ => return Err(bad()),
            }
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                _ => return Err(bad()),
            }
        };
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            code => {
                let name = NAMED.iter().find(|(_, named)| *named == code).map(|(name, _)| *name);
                f.write_str(name.unwrap_or("?"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_characters_names_and_modifiers() {
        assert_eq!("j".parse::<Key>().unwrap(), Key::char('j'));
        assert_eq!("G".parse::<Key>().unwrap(), Key::char('G'));
        assert_eq!("ctrl-k".parse::<Key>().unwrap(), Key::ctrl('k'));
        assert_eq!("Enter".parse::<Key>().unwrap(), Key::plain(KeyCode::Enter));
        assert_eq!("pgdn".parse::<Key>().unwrap(), Key::plain(KeyCode::PageDown));
        assert_eq!("f5".parse::<Key>().unwrap(), Key::plain(KeyCode::F(5)));
        assert_eq!("f".parse::<Key>().unwrap(), Key::char('f'));
        let alt_x = "alt-x".parse::<Key>().unwrap();
        assert!(alt_x.alt && alt_x.code == KeyCode::Char('x'));
    }

    #[test]
    fn rejects_what_is_not_a_key() {
        for raw in ["", "jk", "ctrl-", "f13", "hyper-x"] {
            assert!(raw.parse::<Key>().is_err(), "{raw}");
        }
    }

    #[test]
    fn display_reads_back() {
        for raw in ["j", "ctrl-k", "enter", "pgdn", "f5", "space", "?"] {
            let key: Key = raw.parse().unwrap();
            assert_eq!(key.to_string().parse::<Key>().unwrap(), key);
        }
    }
}
