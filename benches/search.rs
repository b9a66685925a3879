//! How fast the search box answers on the real strings of a large
//! workspace: one query's full scan and ranking with our `Search`
//! (nucleo-matcher behind a character-set mask), with nucleo-matcher scoring
//! every string, and with fuzzy-matcher's SkimMatcherV2 scoring every
//! string; the time until the incremental `Search` has its first 50 hits
//! stepping in slices; and the memory of the index.
//!
//! Run with `cargo bench --bench search`. It reads the console benchmark's
//! workspace (100k accounts, 353k contacts, 1M tickets, 100k notes), which
//! is generated once into target/bench-workspaces/ when missing.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use keepers::console::search_worker::{SearchUpdate, SearchWorker};
use keepers::search::{CandidateRef, Search, SearchIndex, SearchKind};
use keepers::store::Store;

#[path = "support/console_workspace.rs"]
mod console_workspace;
#[path = "support/memory.rs"]
mod memory;

use console_workspace::workspace;

use memory::peak_rss_kib;

/// The console benchmark's workspace.
const ACCOUNTS: usize = 100_000;
/// Hits kept per kind, as the search box shows them.
const LIMIT: usize = 50;
/// Candidates per step of the incremental search: a few milliseconds.
const SLICE: usize = 20_000;
/// Runs of each query with each matcher.
const RUNS: usize = 5;

/// What a user types: two letters, a company name with letters missing, an
/// e-mail fragment, a word of ticket subjects, a Polish phrase, and nothing
/// that exists.
const QUERIES: [(&str, &str); 6] = [
    ("two letters", "ma"),
    ("typo'd company", "shmidt autombil"),
    ("e-mail fragment", "lsmith@nova"),
    ("subject word", "salesforce sync"),
    ("non-ASCII", "błąd erp"),
    ("no match", "zqxjv"),
];

fn main() {
    let path = workspace(ACCOUNTS);
    let store = Store::open(&path).expect("the bench workspace opens");
    let loading = Instant::now();
    let everything = store.search_index().expect("the search index loads");
    let load_time = loading.elapsed();
    drop(store);
    let peak_after_load = peak_rss_kib();
    println!("workspace: {}", path.display());
    println!(
        "index of {} candidates: loaded in {:.2} s, {} MB on the heap, peak RSS after the load {} MB",
        everything.len(),
        load_time.as_secs_f64(),
        everything.heap_bytes() / 1_000_000,
        peak_after_load / 1024
    );
    for kind in SearchKind::ALL {
        println!("  {kind:?}: {}", everything.iter().filter(|candidate| candidate.kind == kind).count());
    }

    let accounts: SearchIndex =
        subset(&everything, |candidate| candidate.kind == SearchKind::Account, usize::MAX);
    let first_million = subset(&everything, |_| true, 1_000_000);
    for (name, index) in [("100k accounts", accounts), ("first 1M candidates", first_million)] {
        println!("\n== {name}: {} strings, {} MB index ==", index.len(), index.heap_bytes() / 1_000_000);
        measure(Arc::new(index));
    }
    keystrokes(path);
    println!("\npeak RSS of the process: {} MB", peak_rss_kib() / 1024);
}

/// Typing in the search box as the console does it: each prefix of a few
/// queries goes to the search worker over the whole index, after the answer
/// to the one before is complete; timed from the request to the worker's
/// first answer (what the next frame shows) and to its last.
fn keystrokes(path: PathBuf) {
    let (answers, received) = std::sync::mpsc::channel();
    let worker = SearchWorker::spawn(
        move || Store::open(&path).and_then(|store| store.search_index()).map_err(|error| error.to_string()),
        move |update: SearchUpdate| {
            let _ = answers.send((Instant::now(), update));
        },
    )
    .expect("the search thread starts");
    let mut first_answers = Vec::new();
    let mut complete = Vec::new();
    let mut generation = 0;
    // The first query loads the index; it is not a keystroke.
    worker.search(generation, "x");
    while !received.recv().expect("an answer").1.done {}
    for query in ["nordwind gmbh", "emily obrien", "błąd erp", "refund"] {
        for end in query.char_indices().map(|(at, c)| at + c.len_utf8()) {
            generation += 1;
            let asked = Instant::now();
            worker.search(generation, &query[..end]);
            let mut first = None;
            loop {
                let (at, update) = received.recv().expect("an answer");
                if update.generation != generation {
                    continue;
                }
                first.get_or_insert(at - asked);
                if update.done {
                    complete.push(at - asked);
                    break;
                }
            }
            first_answers.extend(first);
        }
    }
    let quantile = |samples: &mut Vec<Duration>, q: f64| {
        samples.sort();
        ms(samples[((samples.len() - 1) as f64 * q).round() as usize])
    };
    println!(
        "\n== keystrokes through the search worker, whole index, {} keys ==\n  first answer p50 {:.2} ms p99 {:.2} ms; complete p50 {:.2} ms p99 {:.2} ms",
        first_answers.len(),
        quantile(&mut first_answers, 0.5),
        quantile(&mut first_answers, 0.99),
        quantile(&mut complete, 0.5),
        quantile(&mut complete, 0.99),
    );
}

fn measure(index: Arc<SearchIndex>) {
    let texts: Vec<&str> = index.iter().map(|candidate| candidate.text).collect();
    let mut medians = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    println!(
        "{:<16} {:<18} {:>8} {:>11} {:>11} {:>11} {:>12} {:>10}",
        "query", "", "matches", "Search", "nucleo all", "skim all", "first 50", "max slice"
    );
    for (what, query) in QUERIES {
        let (search, matches) = median(|| full_search(&index, query));
        let (nucleo, _) = median(|| std::hint::black_box(nucleo_every_string(&texts, query)));
        let (skim, _) = median(|| std::hint::black_box(skim_every_string(&texts, query)));
        let (first_fifty, slowest_slice) = first_hits(&index, query);
        println!(
            "{what:<16} {:<18} {matches:>8} {:>8.1} ms {:>8.1} ms {:>8.1} ms {:>9.2} ms {:>7.2} ms",
            format!("{query:?}"),
            ms(search),
            ms(nucleo),
            ms(skim),
            ms(first_fifty),
            ms(slowest_slice)
        );
        for (column, value) in medians.iter_mut().zip([search, nucleo, skim, first_fifty]) {
            column.push(value);
        }
    }
    let [search, nucleo, skim, first_fifty] = medians.map(|mut values| {
        values.sort();
        ms(values[values.len() / 2])
    });
    println!(
        "p50 over the queries: Search {search:.1} ms, nucleo every string {nucleo:.1} ms, \
         skim every string {skim:.1} ms, first 50 hits {first_fifty:.2} ms"
    );
}

/// The median duration of `RUNS` runs, and what the last one returned.
fn median<T>(mut run: impl FnMut() -> T) -> (Duration, T) {
    let mut durations = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        last = Some(run());
        durations.push(started.elapsed());
    }
    durations.sort();
    (durations[RUNS / 2], last.expect("at least one run"))
}

/// Our search to the end, with the hits' highlighting; the number of matches.
fn full_search(index: &Arc<SearchIndex>, query: &str) -> usize {
    let mut search = Search::new(index.clone(), query, LIMIT);
    search.step(usize::MAX);
    std::hint::black_box(search.hits());
    search.progress().matches
}

/// The time until the incremental search has 50 hits (or is done without),
/// and the slowest slice until then: the median over `RUNS`.
fn first_hits(index: &Arc<SearchIndex>, query: &str) -> (Duration, Duration) {
    let mut runs: Vec<(Duration, Duration)> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let mut search = Search::new(index.clone(), query, LIMIT);
            let mut slowest = Duration::ZERO;
            loop {
                let slice = Instant::now();
                let done = search.step(SLICE);
                slowest = slowest.max(slice.elapsed());
                if done || search.progress().matches >= LIMIT {
                    break;
                }
            }
            std::hint::black_box(search.hits());
            (started.elapsed(), slowest)
        })
        .collect();
    runs.sort();
    runs[RUNS / 2]
}

/// nucleo-matcher on every string, keeping the best 50: what a search does
/// without the index's preparation and mask.
fn nucleo_every_string(texts: &[&str], query: &str) -> usize {
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buffer = Vec::new();
    let mut best = BinaryHeap::new();
    for (position, text) in texts.iter().enumerate() {
        if let Some(score) = pattern.score(Utf32Str::new(text, &mut buffer), &mut matcher) {
            keep_best(&mut best, i64::from(score), position);
        }
    }
    best.len()
}

/// fuzzy-matcher's SkimMatcherV2 (smart case by default) on every string,
/// keeping the best 50.
fn skim_every_string(texts: &[&str], query: &str) -> usize {
    let matcher = SkimMatcherV2::default();
    let mut best = BinaryHeap::new();
    for (position, text) in texts.iter().enumerate() {
        if let Some(score) = matcher.fuzzy_match(text, query) {
            keep_best(&mut best, score, position);
        }
    }
    best.len()
}

fn keep_best(best: &mut BinaryHeap<Reverse<(i64, Reverse<usize>)>>, score: i64, position: usize) {
    best.push(Reverse((score, Reverse(position))));
    if best.len() > LIMIT {
        best.pop();
    }
}

fn subset(index: &SearchIndex, keep: impl Fn(&CandidateRef<'_>) -> bool, most: usize) -> SearchIndex {
    let mut subset = SearchIndex::new();
    for candidate in index.iter().filter(keep).take(most) {
        subset.push(candidate.kind, candidate.record, candidate.account, candidate.text);
    }
    subset.shrink_to_fit();
    subset
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1_000.0
}
