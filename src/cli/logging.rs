//! The log file. keepers never logs to the terminal: the console owns it, and
//! a log line in the middle of a frame would garble the screen.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

use crate::config::LogLevel;

/// Sends `tracing` output at `level` and above to `path`, appending. The
/// file and its directory are readable by their owner only: log lines can
/// name customers.
pub fn init(path: &Path, level: LogLevel) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    }
    let file: File = OpenOptions::new().create(true).append(true).mode(0o600).open(path)?;
    let filter = EnvFilter::new(format!("keepers={level}"));
    // A second init (tests calling it twice) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init();
    Ok(())
}
