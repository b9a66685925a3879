//! `keepers demo` and the first run of `keepers --demo`: generates a demo
//! workspace with a progress bar on stderr.

use std::path::Path;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use jiff::Timestamp;

use crate::demo::{self, DemoError, DemoSpec};
use crate::model::{group_thousands, time};

pub fn generate_with_progress(
    path: &Path,
    seed: u64,
    accounts: usize,
    tickets: Option<usize>,
) -> Result<(), DemoError> {
    let mut spec = DemoSpec::new(seed, accounts, time::utc_date(Timestamp::now()));
    if let Some(tickets) = tickets {
        spec.tickets = tickets;
    }
    eprintln!(
        "keepers: generating a demo workspace at {} ({} accounts, {} tickets, seed {seed})",
        path.display(),
        spec.accounts,
        spec.tickets
    );
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{msg:>17} [{bar:40}] {pos}/{len} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let started = Instant::now();
    let summary = demo::generate(path, &spec, &mut |progress| {
        bar.set_message(progress.phase.label());
        bar.set_length(progress.total);
        bar.set_position(progress.done);
    });
    bar.finish_and_clear();
    let summary = summary?;
    let counts: Vec<String> = summary
        .rows_by_kind()
        .iter()
        .map(|(kind, count)| format!("{} {kind}", group_thousands(*count)))
        .collect();
    eprintln!("keepers: done in {:.1} s: {}", started.elapsed().as_secs_f64(), counts.join(", "));
    Ok(())
}
