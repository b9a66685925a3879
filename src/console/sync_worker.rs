//! Background sync in the console: one thread with its own connection to
//! the workspace and its own small runtime reads each `[[source]]` that
//! has `sync_every_minutes`, first soon after the console opens and then on
//! that schedule, and reports each run through the action channel. Its
//! writes come from another connection, so the console's check for
//! changes reloads what is on screen; input is never blocked.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use tokio::sync::mpsc::UnboundedSender;

use crate::app::{Action, SourceSync};
use crate::connectors::SourceConfig;
use crate::connectors::freshdesk::Freshdesk;
use crate::connectors::hubspot::HubSpot;
use crate::connectors::zendesk::Zendesk;
use crate::store::Store;
use crate::sync::backoff::RandomDraws;
use crate::sync::pull::{SYNC_PAGE_CACHE_MIB, sync_source};

/// How long after the console opens the first syncs start: the first
/// screen's loads go first.
const FIRST_SYNC_AFTER: Duration = Duration::from_secs(5);

pub struct SyncWorker {
    /// Dropped with the console: the thread then ends.
    _stop: mpsc::Sender<()>,
}

impl SyncWorker {
    /// Starts the thread if any source has a schedule; `None` otherwise.
    pub fn spawn(
        workspace: PathBuf,
        sources: Vec<SourceConfig>,
        actions: UnboundedSender<Action>,
    ) -> std::io::Result<Option<SyncWorker>> {
        let scheduled: Vec<(SourceConfig, Duration)> = sources
            .into_iter()
            .filter_map(|source| {
                let minutes = source.sync_every_minutes();
                (minutes > 0).then(|| (source, Duration::from_secs(u64::from(minutes) * 60)))
            })
            .collect();
        if scheduled.is_empty() {
            return Ok(None);
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let mut draws = RandomDraws::from_system()?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        thread::Builder::new().name("keepers-sync".into()).spawn(move || {
            let report = |name: &str, state: SourceSync| {
                // The receiver is gone only when the console is closing.
                let _ = actions.send(Action::SourceSynced { source: name.to_owned(), state });
            };
            let store = match Store::open(&workspace) {
                Ok(store) => store,
                Err(error) => {
                    for (source, _) in &scheduled {
                        report(source.name(), SourceSync::Failed { message: error.to_string() });
                    }
                    return;
                }
            };
            let _ = store.set_page_cache_mib(SYNC_PAGE_CACHE_MIB);
            let mut due: Vec<Instant> = scheduled.iter().map(|_| Instant::now() + FIRST_SYNC_AFTER).collect();
            loop {
                let now = Instant::now();
                for ((source, every), next) in scheduled.iter().zip(due.iter_mut()) {
                    if *next > now {
                        continue;
                    }
                    report(source.name(), SourceSync::Running);
                    let state = sync_once(&store, source, &runtime, &mut draws);
                    report(source.name(), state);
                    *next = Instant::now() + *every;
                }
                let wait = due
                    .iter()
                    .min()
                    .map_or(Duration::from_secs(60), |next| next.saturating_duration_since(Instant::now()));
                match stopped.recv_timeout(wait) {
                    Err(RecvTimeoutError::Timeout) => {}
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        })?;
        Ok(Some(SyncWorker { _stop: stop }))
    }
}

fn sync_once(
    store: &Store,
    source: &SourceConfig,
    runtime: &tokio::runtime::Runtime,
    draws: &mut RandomDraws,
) -> SourceSync {
    let run = store.start_sync_run(source.name(), Timestamp::now()).ok();
    let result = match source {
        SourceConfig::Zendesk(config) => match Zendesk::from_config(config) {
            Err(error) => Err(error.to_string()),
            Ok(zendesk) => runtime
                .block_on(sync_source(store, &zendesk, false, draws, |_, _| {}))
                .map_err(|error| error.to_string()),
        },
        SourceConfig::Freshdesk(config) => match Freshdesk::from_config(config) {
            Err(error) => Err(error.to_string()),
            Ok(freshdesk) => runtime
                .block_on(sync_source(store, &freshdesk, false, draws, |_, _| {}))
                .map_err(|error| error.to_string()),
        },
        SourceConfig::Hubspot(config) => match HubSpot::from_config(config) {
            Err(error) => Err(error.to_string()),
            Ok(hubspot) => runtime
                .block_on(sync_source(store, &hubspot, false, draws, |_, _| {}))
                .map_err(|error| error.to_string()),
        },
    };
    let records = result.as_ref().map_or(0, |report| report.records());
    if let Some(run) = run {
        let _ =
            store.finish_sync_run(run, Timestamp::now(), records, result.as_ref().err().map(String::as_str));
    }
    match result {
        Ok(_) => SourceSync::Done { at: Timestamp::now(), records },
        Err(message) => SourceSync::Failed { message },
    }
}
