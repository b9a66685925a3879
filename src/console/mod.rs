//! The interactive console: the runtime that connects the terminal, the app
//! core and the store.
//!
//! One tokio task owns the terminal and the [`State`]. It waits on terminal
//! events, effect results and signals; each turns into an [`Action`] for
//! [`app::update`], whose effects run on the blocking pool (SQLite is
//! synchronous). The screen is redrawn only after something changed, at
//! most once per frame interval, inside synchronized output so a terminal
//! never shows half a frame. The terminal is restored on every way out:
//! quit, error, panic, SIGTERM, SIGHUP and SIGINT. Every two seconds it
//! looks whether another process changed the workspace, and the screens
//! reload what they show when one did. The search box's matching runs on
//! its own thread, [`search_worker::SearchWorker`], which owns the index.

mod account_load;
mod effects;
mod input;
mod links;
mod memory;
mod push_worker;
pub mod queue_load;
pub mod search_worker;
mod sync_worker;
mod terminal;

pub use effects::{Sources, perform as perform_effect, settle};

use std::io;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use jiff::Timestamp;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::app::keymap::Keymap;
use crate::app::{self, Action, Effect, LinkTemplates, Notice, QueueScreen, SearchAnswer, State};
use crate::config::health::HealthConfig;
use crate::config::queues::QueuesConfig;
use crate::connectors::freshdesk::Freshdesk;
use crate::connectors::hubspot::HubSpot;
use crate::connectors::records::CommentRecord;
use crate::connectors::router::Router;
use crate::connectors::zendesk::Zendesk;
use crate::connectors::{PushConfig, SourceConfig, connector_from_config};
use crate::metrics::portfolio::LtvSettings;
use crate::model::Source;
use crate::playbooks::Playbooks;
use crate::store::Store;
use crate::sync::backoff::RandomDraws;
use crate::ui::{self, Theme};
use push_worker::PushWorker;
use search_worker::{SearchUpdate, SearchWorker};
use sync_worker::SyncWorker;

/// At most one frame per 8 ms: 120 frames a second is more than any
/// terminal shows, and coalescing key repeats keeps SSH traffic small.
const FRAME_INTERVAL: Duration = Duration::from_millis(8);

/// How often the console looks whether another process (a sync, an
/// import) changed the workspace: one cheap PRAGMA read.
const CHANGE_CHECK_INTERVAL: Duration = Duration::from_secs(2);

/// Why the console ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal asked us to stop; the conventional exit status is 128 + it.
    Signal(i32),
}

#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    #[error("the terminal could not be used: {0}")]
    Terminal(#[from] io::Error),
    #[error("the search could not start its thread: {0}")]
    SearchThread(io::Error),
    #[error("the outbox pusher could not start its thread: {0}")]
    PushThread(io::Error),
    #[error("the background sync could not start its thread: {0}")]
    SyncThread(io::Error),
}

/// Everything the console starts with.
pub struct Console {
    pub store: Store,
    /// Where the store lives: the search worker opens its own connection.
    pub workspace_path: PathBuf,
    /// The health and risk models of `health.toml`.
    pub models: HealthConfig,
    /// The queues of `queues.toml`.
    pub queues: QueuesConfig,
    /// The user's `queues.toml`, where a filter saved as a queue is written.
    pub queues_path: PathBuf,
    /// The user's name from `keepers.toml`: whose tasks are "mine".
    pub me: String,
    /// How LTV is computed, for the dashboard.
    pub ltv: LtvSettings,
    /// What the title bar calls the workspace.
    pub workspace_label: String,
    /// A message for the status line at start (a workspace warning, say).
    pub notice: Option<Notice>,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Whether the terminal reports clicks and the wheel.
    pub mouse: bool,
    /// The pages `o` opens.
    pub links: LinkTemplates,
    /// Offer and run nothing that writes.
    pub read_only: bool,
    /// Where actions are pushed (`[push]`); without it they stay local.
    pub push: Option<PushConfig>,
    /// The playbooks of `playbooks.toml`.
    pub playbooks: Playbooks,
    /// The backends to read (`[[source]]`); those with a schedule sync in
    /// the background.
    pub sources: Vec<SourceConfig>,
}

/// Runs the console until the user quits or a signal arrives.
pub fn run(console: Console) -> Result<Exit, ConsoleError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(event_loop(console))
}

/// Puts the terminal back to normal if the console left it in raw mode.
pub fn restore_terminal() {
    terminal::restore();
}

async fn event_loop(console: Console) -> Result<Exit, ConsoleError> {
    let Console {
        store,
        workspace_path,
        models,
        queues,
        queues_path,
        me,
        ltv,
        workspace_label,
        notice,
        keymap,
        theme,
        mouse,
        links,
        read_only,
        push,
        playbooks,
        sources: backends,
    } = console;
    let mut session = terminal::Session::enter(mouse)?;
    let size = session.size()?;
    let mut state = State::new(Timestamp::now(), size.width, size.height, workspace_label);
    state.notice = notice;
    state.keymap = if read_only { keymap.read_only() } else { keymap };
    state.links = links;
    state.read_only = read_only;
    state.me = me.clone();
    state.queues = QueueScreen::new(
        queues.queues.iter().map(|queue| (queue.id.clone(), queue.title.to_string())).collect(),
    );
    let (actions, mut results) = mpsc::unbounded_channel::<Action>();
    let searcher =
        search_worker(workspace_path.clone(), actions.clone()).map_err(ConsoleError::SearchThread)?;
    let link_answers = actions.clone();
    let pushes = push.is_some();
    let pushes_to = SourceConfig::push_targets(&backends);
    if pushes || !pushes_to.is_empty() {
        state.outbox.sync = app::SyncActivity::Idle;
    }
    let sources = Sources {
        models,
        queues: Mutex::new(queues),
        queues_path,
        me,
        ltv,
        pushes,
        pushes_to,
        playbooks,
        clock: Timestamp::now,
    };
    let runner = effects::Runner::new(store, sources, actions.clone());
    // Read-only never writes, so it pushes nothing either.
    let pusher = if read_only {
        None
    } else {
        let router = push_router(push.as_ref(), &backends, &mut state);
        match router.is_empty() {
            true => None,
            false => Some(
                PushWorker::spawn(runner.store(), router, actions.clone())
                    .map_err(ConsoleError::PushThread)?,
            ),
        }
    };
    // The helpdesks a ticket's comments are read from when it is opened.
    let conversations = Conversations::of(&backends);
    if !read_only {
        state.comment_sources = conversations.sources();
    }
    // Read-only writes nothing, what it reads from backends included.
    let _syncer = if read_only {
        None
    } else {
        SyncWorker::spawn(workspace_path.clone(), backends, actions.clone())
            .map_err(ConsoleError::SyncThread)?
    };
    runner.run_all(app::start(&mut state).effects);
    let mut change_check = tokio::time::interval(CHANGE_CHECK_INTERVAL);

    let mut events = crossterm::event::EventStream::new();
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut dirty = true;
    let mut next_frame = Instant::now();
    let mut shown_view = (state.screen, state.help_open);
    loop {
        if state.quit {
            return Ok(Exit::Quit);
        }
        if dirty && Instant::now() >= next_frame {
            if (state.screen, state.help_open) != shown_view {
                session.clear()?;
                shown_view = (state.screen, state.help_open);
            }
            session.draw(|frame| ui::draw(frame, &state, &theme))?;
            dirty = false;
            next_frame = Instant::now() + FRAME_INTERVAL;
        }
        let action = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => input::action_for(&event),
                Some(Err(error)) => return Err(error.into()),
                // The terminal went away: nothing is left to draw on.
                None => return Ok(Exit::Signal(libc_signal::HANGUP)),
            },
            Some(action) = results.recv() => Some(action),
            _ = terminate.recv() => return Ok(Exit::Signal(libc_signal::TERMINATE)),
            _ = hangup.recv() => return Ok(Exit::Signal(libc_signal::HANGUP)),
            _ = interrupt.recv() => return Ok(Exit::Signal(libc_signal::INTERRUPT)),
            _ = tokio::time::sleep_until(next_frame), if dirty => None,
            _ = change_check.tick() => {
                runner.look_for_changes();
                None
            }
        };
        if let Some(action) = action {
            let outcome = app::update(&mut state, action);
            dirty |= outcome.redraw;
            let mut for_store = Vec::new();
            for effect in outcome.effects {
                match effect {
                    Effect::CopyToClipboard { text } => session.copy_to_clipboard(&text)?,
                    Effect::OpenLink { url } => {
                        let outcome = links::open_link(&url, &mut session)?;
                        let _ = link_answers.send(Action::LinkOpened { url, outcome });
                    }
                    Effect::Search { generation, query } => searcher.search(generation, query),
                    Effect::ForgetSearchIndex => searcher.forget(),
                    Effect::FetchComments { generation, ticket, source, external, width } => {
                        let conversations = conversations.clone();
                        let answers = link_answers.clone();
                        tokio::spawn(async move {
                            let result = conversations.read(source, &external, generation).await;
                            let _ = answers.send(Action::CommentsFetched {
                                generation,
                                ticket,
                                source,
                                width,
                                result,
                            });
                        });
                    }
                    Effect::WakePusher => {
                        if let Some(pusher) = &pusher {
                            pusher.wake();
                        }
                    }
                    effect => for_store.push(effect),
                }
            }
            runner.run_all(for_store);
        }
    }
}

/// The helpdesks a ticket's conversation is read from when it is opened.
#[derive(Clone, Default)]
struct Conversations {
    zendesk: Option<Arc<Zendesk>>,
    freshdesk: Option<Arc<Freshdesk>>,
}

impl Conversations {
    fn of(backends: &[SourceConfig]) -> Conversations {
        let mut conversations = Conversations::default();
        for source in backends {
            match source {
                SourceConfig::Zendesk(config) => {
                    conversations.zendesk = Zendesk::from_config(config).ok().map(Arc::new)
                }
                SourceConfig::Freshdesk(config) => {
                    conversations.freshdesk = Freshdesk::from_config(config).ok().map(Arc::new);
                }
                SourceConfig::Hubspot(_) => {}
            }
        }
        conversations
    }

    fn sources(&self) -> Vec<Source> {
        let mut sources = Vec::new();
        if self.zendesk.is_some() {
            sources.push(Source::Zendesk);
        }
        if self.freshdesk.is_some() {
            sources.push(Source::Freshdesk);
        }
        sources
    }

    /// The comments of the ticket `external` is in `source`.
    async fn read(&self, source: Source, external: &str, seed: u64) -> Result<Vec<CommentRecord>, String> {
        let mut draws = RandomDraws::from_seed(seed);
        let read = match (source, &self.zendesk, &self.freshdesk) {
            (Source::Zendesk, Some(zendesk), _) => zendesk.comments(external, &mut draws).await,
            (Source::Freshdesk, _, Some(freshdesk)) => match external.parse::<u64>() {
                Ok(id) => freshdesk.conversations(id, &mut draws).await,
                Err(_) => return Err(format!("{external:?} is not a Freshdesk ticket id")),
            },
            _ => return Err(format!("no {source} source is configured")),
        };
        read.map_err(|error| error.to_string())
    }
}

/// Where the pusher sends items: the `[push]` webhook and the sources that
/// take changes back. A backend that cannot be set up is said on the
/// status line; its items wait in the outbox.
fn push_router(push: Option<&PushConfig>, backends: &[SourceConfig], state: &mut State) -> Router {
    let mut router = Router::default();
    let mut problems = Vec::new();
    if let Some(config) = push {
        match connector_from_config(config) {
            Ok(webhook) => router.webhook = Some(webhook),
            Err(error) => problems.push(format!("[push]: {error}")),
        }
    }
    for source in backends {
        match source {
            SourceConfig::Zendesk(config) => match Zendesk::from_config(config) {
                Ok(zendesk) => router.zendesk = Some(zendesk),
                Err(error) => problems.push(error.to_string()),
            },
            SourceConfig::Freshdesk(config) => match Freshdesk::from_config(config) {
                Ok(freshdesk) => router.freshdesk = Some(freshdesk),
                Err(error) => problems.push(error.to_string()),
            },
            SourceConfig::Hubspot(config) => match HubSpot::from_config(config) {
                Ok(hubspot) => router.hubspot = Some(hubspot),
                Err(error) => problems.push(error.to_string()),
            },
        }
    }
    if !problems.is_empty() {
        state.notice = Some(Notice {
            text: format!("{}; actions for it wait in the outbox (O)", problems.join("; ")),
            is_error: true,
        });
    }
    router
}

/// The search box's worker: it loads the index on its own connection to
/// the workspace and answers through the action channel.
fn search_worker(workspace: PathBuf, actions: mpsc::UnboundedSender<Action>) -> io::Result<SearchWorker> {
    let load = move || {
        Store::open(&workspace).and_then(|store| store.search_index()).map_err(|error| error.to_string())
    };
    SearchWorker::spawn(load, move |update: SearchUpdate| {
        let answer = SearchAnswer {
            generation: update.generation,
            query: update.query,
            hits: update.hits,
            scanned: update.scanned,
            total: update.total,
            done: update.done,
            error: update.error,
        };
        // The receiver is gone only when the console is closing.
        let _ = actions.send(Action::from(answer));
    })
}

/// Signal numbers for exit statuses (POSIX values, the same on Linux and macOS).
mod libc_signal {
    pub const HANGUP: i32 = 1;
    pub const INTERRUPT: i32 = 2;
    pub const TERMINATE: i32 = 15;
}
