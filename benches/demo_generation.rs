//! Benchmark of the demo generator: writes the default demo (2,000 accounts)
//! and the large one (100,000 accounts, 1,000,000 tickets) into a temporary
//! directory and prints the wall time of each phase, the rows of each kind,
//! the file size and the process's peak resident memory.
//!
//! Run in release: `cargo bench --bench demo_generation`. The figures go
//! into BENCHMARKS.md by hand; this prints them and asserts nothing but the
//! budget of one minute for the large run.

use std::fs;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use keepers::demo::{DemoPhase, DemoProgress, DemoSpec, generate};

#[path = "support/memory.rs"]
mod memory;

use memory::peak_rss_kib;

/// The anchor day of the recorded figures, so every run writes the same data.
const TODAY: Date = Date::constant(2026, 11, 25);
const SEED: u64 = 2026;
/// The budget for 100k accounts and 1M tickets on a 2-core machine.
const BUDGET: Duration = Duration::from_secs(60);

fn main() {
    let runs = [
        ("default demo", DemoSpec::new(SEED, DemoSpec::DEFAULT_ACCOUNTS, TODAY)),
        ("large demo", DemoSpec::new(SEED, 100_000, TODAY)),
    ];
    for (label, spec) in runs {
        let elapsed = run(label, &spec);
        if spec.accounts == 100_000 {
            assert!(elapsed < BUDGET, "the large demo took {elapsed:?}, over {BUDGET:?}");
        }
    }
}

fn run(label: &str, spec: &DemoSpec) -> Duration {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("demo.db");
    let mut phases: Vec<(DemoPhase, Instant)> = Vec::new();
    let mut record = |progress: DemoProgress| {
        if phases.last().is_none_or(|(phase, _)| *phase != progress.phase) {
            phases.push((progress.phase, Instant::now()));
        }
    };
    let started = Instant::now();
    let summary = generate(&path, spec, &mut record).expect("the demo generates");
    let elapsed = started.elapsed();
    let file_size = fs::metadata(&path).map(|meta| meta.len()).unwrap_or(0);

    println!(
        "{label}: {} accounts, {} tickets, seed {}, anchor {}",
        spec.accounts, spec.tickets, spec.seed, spec.today
    );
    println!("  wall time        {:>10.2} s", elapsed.as_secs_f64());
    let mut ends = phases.iter().skip(1).map(|(_, at)| *at).chain([started + elapsed]);
    for (phase, began) in &phases {
        let ended = ends.next().unwrap_or(*began);
        println!("    {:<14} {:>10.2} s", phase.label(), (ended - *began).as_secs_f64());
    }
    for (kind, rows) in summary.rows_by_kind() {
        println!("  {kind:<16} {rows:>12}");
    }
    let total = summary.total_rows();
    println!("  rows in all      {total:>12}");
    println!("  rows per second  {:>12.0}", total as f64 / elapsed.as_secs_f64());
    println!("  file size        {:>10.1} MiB", file_size as f64 / (1024.0 * 1024.0));
    println!("  peak RSS so far  {:>10.1} MiB", peak_rss_kib() as f64 / 1024.0);
    println!();
    elapsed
}
