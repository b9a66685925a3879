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
    pub fn clear(&mut self) -> io::Result<()> {
        self.terminal.clear()
    }

    /// Draws one frame inside synchronized output (terminals that do not
    /// know the sequence ignore it).
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        self.terminal.draw(render)?;
        execute!(self.terminal.backend_mut(), EndSynchronizedUpdate)
    }
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
