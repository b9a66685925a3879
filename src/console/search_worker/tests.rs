use std::sync::mpsc::Receiver;

use super::*;
use crate::model::AccountId;
use crate::search::SearchKind;

/// Enough candidates that a search takes several slices.
fn index(candidates: usize) -> SearchIndex {
    let mut index = SearchIndex::new();
    for record in 0..candidates as i64 {
        let kind = SearchKind::ALL[record as usize % 4];
        let text = format!("customer {} {}", record * 7919 % 10_000, record % 13);
        index.push(kind, record, AccountId(record / 4), &text);
    }
    index
}

fn spawn(
    load: impl Fn() -> Result<SearchIndex, String> + Send + 'static,
) -> (SearchWorker, Receiver<SearchUpdate>) {
    let (updates, received) = mpsc::channel();
    let worker = SearchWorker::spawn(load, move |update| {
        let _ = updates.send(update);
    })
    .expect("the search thread starts");
    (worker, received)
}

fn until_done(updates: &Receiver<SearchUpdate>) -> Vec<SearchUpdate> {
    let mut received = Vec::new();
    loop {
        let update = updates.recv_timeout(Duration::from_secs(30)).expect("an update");
        let done = update.done;
        received.push(update);
        if done {
            return received;
        }
    }
}

#[test]
fn the_final_hits_are_those_of_the_pure_search() {
    let (worker, updates) = spawn(|| Ok(index(50_000)));
    worker.search(1, "cus 12");
    let received = until_done(&updates);
    let last = received.last().expect("a final update");
    assert!(received[..received.len() - 1].iter().all(|update| !update.done && update.generation == 1));
    assert_eq!(
        (received[0].scanned, received[0].done),
        (SLICE, false),
        "the first slice is answered at once"
    );

    let mut search = Search::new(Arc::new(index(50_000)), "cus 12", HITS_PER_KIND);
    assert!(search.step(usize::MAX));
    assert_eq!((last.generation, last.query.as_str()), (1, "cus 12"));
    assert_eq!(last.hits, search.hits());
    assert_eq!((last.scanned, last.total), (50_000, 50_000));
    assert_eq!(last.error, None);
}

#[test]
fn a_newer_query_cancels_the_older_one() {
    let (release, wait) = mpsc::channel::<()>();
    let (worker, updates) = spawn(move || {
        // Held until the second query is waiting, so the first cannot finish.
        wait.recv().expect("released");
        Ok(index(50_000))
    });
    worker.search(1, "customer");
    // The worker is loading by now or soon: either way, the second query is
    // on the channel before the first one's first slice ends.
    worker.search(2, "cus 7");
    release.send(()).expect("the worker waits");
    let received = until_done(&updates);
    assert!(received.iter().all(|update| update.generation == 2), "{:?}", received.len());
    assert_eq!(received.last().map(|update| update.query.as_str()), Some("cus 7"));
}

#[test]
fn a_query_that_extends_a_finished_one_finds_the_same_hits() {
    let (worker, updates) = spawn(|| Ok(index(20_000)));
    worker.search(1, "cus 1");
    let first = until_done(&updates).pop().expect("the first result");
    assert_eq!(first.total, 20_000);
    worker.search(2, "cus 12");
    let refined = until_done(&updates).pop().expect("the refined result");
    assert!(refined.total < 20_000, "only the matches of \"cus 1\" are scanned");

    let mut search = Search::new(Arc::new(index(20_000)), "cus 12", HITS_PER_KIND);
    search.step(usize::MAX);
    assert_eq!(refined.hits, search.hits());
}

#[test]
fn forget_loads_the_index_afresh_for_the_next_query() {
    let loads = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = Arc::clone(&loads);
    let (worker, updates) = spawn(move || {
        counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(index(100))
    });
    worker.search(1, "cus");
    until_done(&updates);
    worker.search(2, "cust");
    until_done(&updates);
    assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 1, "kept between queries");
    worker.forget();
    worker.search(3, "cus");
    let last = until_done(&updates).pop().expect("a final update");
    assert_eq!((last.generation, last.scanned), (3, 100));
    assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 2, "loaded again after forget");
}

#[test]
fn a_failed_load_is_reported_to_every_query() {
    let (worker, updates) = spawn(|| Err("the workspace is locked".to_owned()));
    for generation in 1..=2 {
        worker.search(generation, "acme");
        let update = updates.recv_timeout(Duration::from_secs(30)).expect("an update");
        assert_eq!(update.generation, generation);
        assert!(update.done && update.hits.is_empty());
        assert_eq!(update.error.as_deref(), Some("the workspace is locked"));
    }
}

#[test]
fn dropping_the_worker_ends_its_thread() {
    let (worker, updates) = spawn(|| Ok(index(100)));
    worker.search(1, "cus");
    until_done(&updates);
    drop(worker);
    // The thread drops the callback, and with it the sender, when it ends.
    assert!(updates.recv_timeout(Duration::from_secs(30)).is_err());
}
