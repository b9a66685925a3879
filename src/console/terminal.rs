//! Entering and leaving the terminal's interactive mode. Restoring is
//! idempotent and happens on drop, on panic (before the panic message is
//! printed, so it lands on a sane screen) and on every exit path.

use std::io::{self, Stdout, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Size;
use ratatui::{Frame, Terminal};

/// Whether the terminal is in raw mode on the alternate screen right now.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

pub struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    /// Raw mode on the alternate screen; with `mouse`, the terminal also
    /// reports clicks and the wheel (and keeps its own text selection for
    /// Shift with the mouse, in most terminals).
    pub fn enter(mouse: bool) -> io::Result<Session> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let mut stdout = io::stdout();
        let entered = execute!(stdout, EnterAlternateScreen, Hide)
            .and_then(|()| if mouse { execute!(stdout, EnableMouseCapture) } else { Ok(()) });
        if let Err(error) = entered {
            restore();
            return Err(error);
        }
        let terminal = Terminal::new(CrosstermBackend::new(stdout)).inspect_err(|_| restore())?;
        Ok(Session { terminal })
    }

    pub fn size(&self) -> io::Result<Size> {
        self.terminal.size()
    }

    /// Forgets what the terminal shows, so the next draw repaints every
    /// cell. Terminals and ratatui do not always agree on the width of a
    /// character (Thai spacing vowels, some emoji), and a screen switch that
    /// only sends the cells that changed can leave a stray glyph behind.
    ///
    /// Through `resize` rather than ratatui's `clear`, which asks the
    /// terminal where its cursor is: the answer races the event stream for
    /// the input, and a terminal slow to answer (a loaded machine, a far
    /// SSH host) made the console fail with "the cursor position could not
    /// be read".
    pub fn clear(&mut self) -> io::Result<()> {
        let area = self.terminal.size()?.into();
        self.terminal.resize(area)
    }

    /// Draws one frame inside synchronized output (terminals that do not
    /// know the sequence ignore it).
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        self.terminal.draw(render)?;
        execute!(self.terminal.backend_mut(), EndSynchronizedUpdate)
    }
}

impl Session {
    /// Puts `text` on the clipboard of the terminal the user sits at, with
    /// OSC 52: it travels over SSH like any output. Inside tmux the
    /// sequence is also sent wrapped for passthrough, for a tmux that does
    /// not take OSC 52 from programs itself.
    pub fn copy_to_clipboard(&mut self, text: &str) -> io::Result<()> {
        let sequence = clipboard_sequence(text);
        let backend = self.terminal.backend_mut();
        backend.write_all(sequence.as_bytes())?;
        if std::env::var_os("TMUX").is_some() {
            backend.write_all(tmux_passthrough(&sequence).as_bytes())?;
        }
        backend.flush()
    }
}

/// OSC 52 with the text in base64, ended by BEL (which more terminals
/// accept than ST).
fn clipboard_sequence(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// A sequence wrapped in tmux's DCS passthrough, each ESC doubled.
fn tmux_passthrough(sequence: &str) -> String {
    format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"))
}

/// Standard base64 (RFC 4648) with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group =
            chunk.iter().enumerate().fold(0u32, |group, (i, byte)| group | u32::from(*byte) << (16 - 8 * i));
        for position in 0..4 {
            if position <= chunk.len() {
                out.push(char::from(ALPHABET[(group >> (18 - 6 * position) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Stops mouse reporting, leaves the alternate screen, shows the cursor and
/// leaves raw mode. Errors are ignored: after an SSH drop there is no
/// terminal left to restore.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut stdout = io::stdout();
        let _ = execute!(stdout, EndSynchronizedUpdate, DisableMouseCapture, LeaveAlternateScreen, Show);
        let _ = disable_raw_mode();
        let _ = stdout.flush();
    }
}

fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_follows_the_rfc_test_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64("Łódź".as_bytes()), "xYHDs2TFug==");
    }

    #[test]
    fn the_clipboard_sequence_is_osc_52_and_tmux_gets_it_wrapped() {
        let sequence = clipboard_sequence("acme.de");
        assert_eq!(sequence, "\x1b]52;c;YWNtZS5kZQ==\x07");
        assert_eq!(tmux_passthrough(&sequence), "\x1bPtmux;\x1b\x1b]52;c;YWNtZS5kZQ==\x07\x1b\\");
    }
}
