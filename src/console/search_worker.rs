//! The search box's worker: a thread that owns the search index and answers
//! each query in slices, so the UI task never waits for a scan.
//!
//! The index is loaded on the first query by a closure the console gives
//! (it opens its own `Store` on the workspace: a rusqlite connection cannot
//! be shared between threads), and let go when the workspace changes
//! ([`SearchWorker::forget`]) or after [`IDLE_FORGET`] without a query — on
//! 100k accounts it holds about 100 MB — to be loaded again on the next
//! query. Queries arrive as `(generation,
//! query)` on a channel. Between slices of candidates the worker looks at the
//! channel, so a newer query cancels the older one at once — the older one
//! then never sends a final update — and it sends the best hits so far
//! after the first slice and then at most every [`PARTIAL_INTERVAL`], and a
//! final update when it is done. A
//! query that only extends the last finished one rescans only its matches
//! ([`Search::refine`]).
//!
//! It must not touch the terminal or the State: updates leave through the
//! `send` callback, which the console turns into an action.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use crate::search::{Hit, Search, SearchIndex};

/// The most hits shown of each kind.
pub const HITS_PER_KIND: usize = 50;

/// Candidates scanned between two looks at the channel: well under a
/// millisecond of matching, so a newer query waits no longer than that.
const SLICE: usize = 4_096;

/// How often the best hits so far are sent while a search runs: once a
/// frame.
pub const PARTIAL_INTERVAL: Duration = Duration::from_millis(16);

/// How long the index is kept without a query.
pub const IDLE_FORGET: Duration = Duration::from_secs(120);

/// What the console asks of the worker.
enum Request {
    Search(u64, String),
    /// Let the index go: the workspace changed.
    Forget,
}

/// What the worker tells the console about a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchUpdate {
    pub generation: u64,
    pub query: String,
    /// The best hits so far, grouped by kind; final when `done`.
    pub hits: Vec<Hit>,
    pub scanned: usize,
    pub total: usize,
    pub done: bool,
    /// Since the worker took the query (the first query's includes loading
    /// the index).
    pub elapsed: Duration,
    /// Why the index could not be loaded; the next query tries again.
    pub error: Option<String>,
}

/// The handle of the worker thread; dropping it ends the thread at its next
/// look at the channel.
pub struct SearchWorker {
    queries: Sender<Request>,
}

impl SearchWorker {
    pub fn spawn(
        load: impl Fn() -> Result<SearchIndex, String> + Send + 'static,
        send: impl Fn(SearchUpdate) + Send + 'static,
    ) -> std::io::Result<SearchWorker> {
        let (queries, received) = mpsc::channel();
        thread::Builder::new().name("search".into()).spawn(move || run(received, load, send))?;
        Ok(SearchWorker { queries })
    }

    /// Asks for `query`; any query asked before is dropped.
    pub fn search(&self, generation: u64, query: impl Into<String>) {
        // The thread only ends when this handle is dropped, so the send
        // cannot fail while `self` exists.
        let _ = self.queries.send(Request::Search(generation, query.into()));
    }

    /// Lets the index go, to be loaded afresh by the next query.
    pub fn forget(&self) {
        let _ = self.queries.send(Request::Forget);
    }
}

/// What the channel holds when the worker looks.
enum Waiting {
    Nothing,
    Query(u64, String),
    Closed,
}

/// The newest query waiting, dropping the older ones; a request to forget
/// the index among them is carried out on `index` at once.
fn newest<T>(queries: &Receiver<Request>, index: &mut Option<T>) -> Waiting {
    let mut newest = Waiting::Nothing;
    loop {
        match queries.try_recv() {
            Ok(Request::Search(generation, query)) => newest = Waiting::Query(generation, query),
            Ok(Request::Forget) => *index = None,
            Err(TryRecvError::Empty) => return newest,
            Err(TryRecvError::Disconnected) => return Waiting::Closed,
        }
    }
}

fn run(
    queries: Receiver<Request>,
    load: impl Fn() -> Result<SearchIndex, String>,
    send: impl Fn(SearchUpdate),
) {
    let mut index: Option<Arc<SearchIndex>> = None;
    let mut last_finished: Option<Search> = None;
    let mut next: Option<(u64, String)> = None;
    loop {
        let (generation, query) = match next.take() {
            Some(query) => query,
            None => match queries.recv_timeout(IDLE_FORGET) {
                Ok(Request::Search(generation, query)) => (generation, query),
                Ok(Request::Forget) | Err(RecvTimeoutError::Timeout) => {
                    // A search keeps the index alive through its Arc.
                    let held = index.take().is_some() || last_finished.take().is_some();
                    if held {
                        super::memory::give_back_freed_memory();
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            },
        };
        let (generation, query) = match newest(&queries, &mut index) {
            Waiting::Nothing => (generation, query),
            Waiting::Query(generation, query) => (generation, query),
            Waiting::Closed => return,
        };
        let started = Instant::now();
        let update = |search: &Search, done| {
            let progress = search.progress();
            SearchUpdate {
                generation,
                query: query.clone(),
                hits: search.hits(),
                scanned: progress.scanned,
                total: progress.total,
                done,
                elapsed: started.elapsed(),
                error: None,
            }
        };

        if index.is_none() {
            last_finished = None;
        }
        let loaded = match &index {
            Some(loaded) => Ok(Arc::clone(loaded)),
            None => {
                let loaded = load().map(Arc::new);
                // Reading the rows freed as much as the index keeps.
                super::memory::give_back_freed_memory();
                loaded
            }
        };
        let search_index = match loaded {
            Ok(loaded) => {
                index = Some(Arc::clone(&loaded));
                loaded
            }
            Err(error) => {
                send(SearchUpdate {
                    generation,
                    query: query.clone(),
                    hits: Vec::new(),
                    scanned: 0,
                    total: 0,
                    done: true,
                    elapsed: started.elapsed(),
                    error: Some(error),
                });
                continue;
            }
        };

        let mut search = last_finished
            .as_ref()
            .and_then(|finished| finished.refine(&query))
            .unwrap_or_else(|| Search::new(search_index, &query, HITS_PER_KIND));
        // The first slice's hits go out at once, so a keystroke is answered
        // within a frame even when the whole scan takes several.
        let mut last_sent: Option<Instant> = None;
        loop {
            let done = search.step(SLICE);
            match newest(&queries, &mut index) {
                Waiting::Closed => return,
                Waiting::Query(generation, query) => {
                    next = Some((generation, query));
                    if done {
                        last_finished = Some(search);
                    }
                    break;
                }
                Waiting::Nothing if done => {
                    send(update(&search, true));
                    last_finished = Some(search);
                    break;
                }
                Waiting::Nothing => {
                    if last_sent.is_none_or(|sent| sent.elapsed() >= PARTIAL_INTERVAL) {
                        send(update(&search, false));
                        last_sent = Some(Instant::now());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
