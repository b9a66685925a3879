//! Opening a record's page: in a browser when keepers runs on a desktop of
//! its own, otherwise — over SSH, in a bare console — the address goes to
//! the clipboard through the terminal instead, since a browser started here
//! would open on the wrong machine.

use std::io;
use std::process::{Command, Stdio};

use super::terminal::Session;
use crate::app::LinkOutcome;

pub fn open_link(url: &str, session: &mut Session) -> io::Result<LinkOutcome> {
    if !has_local_display() {
        session.copy_to_clipboard(url)?;
        return Ok(LinkOutcome::Copied);
    }
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let started = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    Ok(match started {
        Ok(mut child) => {
            // Reaped off the UI task: openers return at once, browsers stay.
            std::thread::spawn(move || child.wait());
            LinkOutcome::Opened
        }
        Err(error) => LinkOutcome::Failed(format!("{opener} did not start ({error})")),
    })
}

/// Whether a browser started here would show on the user's screen: not in
/// an SSH session, and with a graphical session (always on macOS).
fn has_local_display() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    if set("SSH_CONNECTION") || set("SSH_TTY") {
        return false;
    }
    cfg!(target_os = "macos") || set("DISPLAY") || set("WAYLAND_DISPLAY")
}
