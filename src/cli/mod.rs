//! The command line: parses arguments, loads the configuration, and runs
//! either the console or a headless command. Errors from every layer meet
//! here and are printed once, as one readable report.

mod accounts;
mod act;
mod args;
mod demo;
mod doctor;
mod health;
mod import;
mod logging;
mod metrics;
mod queue;
mod report;
mod rfm;
mod risk;
mod snapshots;
mod sync;

pub use args::{ActCommand, Cli, Command, ConfigFile, OutboxCommand};

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use jiff::Timestamp;

use crate::app::keymap::Keymap;
use crate::app::{LinkTemplates, Notice};
use crate::config::health::{DEFAULT_HEALTH_CONFIG, HealthConfig};
use crate::config::keymap::{self, DEFAULT_KEYMAP_CONFIG};
use crate::config::playbooks::DEFAULT_PLAYBOOKS_CONFIG;
use crate::config::queues::{DEFAULT_QUEUES_CONFIG, QueuesConfig};
use crate::config::{Config, ConfigError, DEFAULT_CONFIG, Paths};
use crate::connectors::SourceConfig;
use crate::console::{self, Console, ConsoleError, Exit};
use crate::demo::DemoError;
use crate::import::{ImportError, ImportRequest, Mapping};
use crate::metrics::WindowError;
use crate::playbooks::Playbooks;
use crate::store::{Store, StoreError};
use crate::ui::Theme;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Demo(#[from] DemoError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Console(#[from] ConsoleError),
    #[error(
        "the console needs a terminal, and standard output is not one: run keepers in a terminal, or use a subcommand (keepers --help)"
    )]
    NotATerminal,
    #[error(transparent)]
    Window(#[from] WindowError),
    #[error("the filter has a mistake:\n  {0}")]
    Filter(String),
    #[error(
        "no queue is named {name:?}{nearest}\n  the queues are: {names} (keepers queue --list counts them)"
    )]
    UnknownQueue { name: String, nearest: String, names: String },
    #[error("no account matches {0:?}: give its id (42), its domain (acme.com) or part of its name")]
    NoSuchAccount(String),
    #[error("{query:?} matches several accounts; give the id or the domain of one:\n{candidates}")]
    AmbiguousAccount { query: String, candidates: String },
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
    #[error("{0}")]
    Usage(String),
    #[error("cannot make an idempotency key from the system's random source: {0}")]
    RandomSource(io::Error),
}

/// Runs keepers with the process's arguments and returns its exit status:
/// 0 ok, 1 error, 2 usage (from clap), 128 + n after signal n.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // `keepers risk | head`: the reader has what it wanted.
        Err(CliError::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        // A filter is typed by hand: its mistakes are usage errors.
        Err(error @ (CliError::Filter(_) | CliError::UnknownQueue { .. } | CliError::Usage(_))) => {
            console_safe_eprintln(&format!("keepers: {error}"));
            ExitCode::from(2)
        }
        Err(error) => {
            console_safe_eprintln(&format!("keepers: {}", report(&error)));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes, one per line.
fn report(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(&format!("\n  caused by: {cause_text}"));
        }
        source = cause.source();
    }
    text
}

fn console_safe_eprintln(text: &str) {
    // Make sure a message never lands on a raw-mode alternate screen.
    console::restore_terminal();
    let _ = writeln!(io::stderr(), "{text}");
}

/// Everything a command needs to know about where files are.
struct Setup {
    paths: Paths,
    config: Config,
    config_path: PathBuf,
    /// The health and risk models from `health.toml` beside `keepers.toml`.
    models: HealthConfig,
}

fn setup(cli: &Cli) -> Result<Setup, CliError> {
    let paths = Paths::discover()?;
    let (config_path, explicit) = match &cli.config {
        Some(path) => (path.clone(), true),
        None => (paths.config_file(), false),
    };
    let config = Config::load(&config_path, explicit)?;
    let health_path = config_path.with_file_name("health.toml");
    let models = HealthConfig::load(&health_path, false)?;
    let level = cli.log_level.unwrap_or(config.log.level);
    if let Err(error) = logging::init(&paths.log_file(), level) {
        // Logging is a help, not a requirement: say so once and go on.
        eprintln!("keepers: warning: cannot write the log file {}: {error}", paths.log_file().display());
    }
    Ok(Setup { paths, config, config_path, models })
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    match &cli.command {
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "keepers", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command()).render(&mut io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { default: true, file }) => {
            let text = match file {
                ConfigFile::Keepers => DEFAULT_CONFIG,
                ConfigFile::Health => DEFAULT_HEALTH_CONFIG,
                ConfigFile::Keymap => DEFAULT_KEYMAP_CONFIG,
                ConfigFile::Queues => DEFAULT_QUEUES_CONFIG,
                ConfigFile::Playbooks => DEFAULT_PLAYBOOKS_CONFIG,
            };
            io::stdout().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { default: false, .. }) => {
            let setup = setup(&cli)?;
            print_config(&cli, &setup)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Demo { seed, accounts, tickets }) => {
            let setup = setup(&cli)?;
            let path = cli.workspace.clone().unwrap_or_else(|| setup.paths.demo_workspace());
            let seed = seed.unwrap_or(setup.config.demo.seed);
            let accounts = accounts.unwrap_or(setup.config.demo.accounts);
            demo::generate_with_progress(&path, seed, accounts, *tickets)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Metrics { period, by, series, count, explain, json }) => {
            let setup = setup(&cli)?;
            let store = open_workspace(&cli, &setup)?;
            let request = metrics::MetricsRequest {
                period: *period,
                by: *by,
                series: series.map(|step| (step, *count)),
                explain: *explain,
                json: *json,
            };
            metrics::run(
                &store,
                &setup.models,
                &setup.config.metrics.ltv_settings,
                Timestamp::now(),
                &request,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Health { account, explain, json }) => {
            let setup = setup(&cli)?;
            let store = open_workspace(&cli, &setup)?;
            health::run(&store, &setup.models, now(), account, *explain, *json)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Risk { level, json }) => {
            let setup = setup(&cli)?;
            let store = open_workspace(&cli, &setup)?;
            risk::run(&store, &setup.models, now(), *level, *json)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Act { action, actor, json }) => {
            let setup = setup(&cli)?;
            refuse_writes(&cli, &setup, "keepers act changes the workspace")?;
            let store = open_workspace(&cli, &setup)?;
            let actor = actor.as_deref().unwrap_or(&setup.config.user.name);
            let pushes_to = SourceConfig::push_targets(&setup.config.source);
            act::run(&store, action, actor, setup.config.push.is_some(), &pushes_to, now(), *json)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Outbox { action, failed, json }) => {
            let setup = setup(&cli)?;
            let store = open_workspace(&cli, &setup)?;
            match action {
                None => act::outbox(&store, *failed, *json)?,
                Some(command) => {
                    refuse_writes(
                        &cli,
                        &setup,
                        "keepers outbox push, retry and discard change the workspace",
                    )?;
                    act::outbox_command(
                        &store,
                        setup.config.push.as_ref(),
                        &setup.config.source,
                        command,
                        *json,
                    )?
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Accounts { filter, json }) => {
            let setup = setup(&cli)?;
            let store = open_workspace(&cli, &setup)?;
            accounts::run(&store, &setup.config.user.name, now(), filter.as_deref(), *json)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Queue { name, filter, list, json }) => {
            let setup = setup(&cli)?;
            let queues = QueuesConfig::load(&setup.config_path.with_file_name("queues.toml"))?;
            let store = open_workspace(&cli, &setup)?;
            let request = queue::QueueRequest {
                name: name.as_deref(),
                filter: filter.as_deref(),
                list: *list,
                json: *json,
            };
            queue::run(&store, &setup.models, &queues, &setup.config.user.name, now(), &request)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import { file, kind, map, format, skip_bad, json }) => {
            let setup = setup(&cli)?;
            refuse_writes(&cli, &setup, "keepers import changes the workspace")?;
            // Read before the workspace opens, so a mistake in it costs nothing.
            let mapping = match map {
                Some(path) => Mapping::load(path, *kind)?,
                None => Mapping::default(),
            };
            let mut store = open_workspace(&cli, &setup)?;
            let request = ImportRequest {
                path: file,
                kind: *kind,
                format: *format,
                mapping: &mapping,
                skip_bad: *skip_bad,
            };
            import::run(&mut store, &request, now(), *json)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Playbooks { json }) => {
            let setup = setup(&cli)?;
            refuse_writes(&cli, &setup, "keepers playbooks makes tasks")?;
            let playbooks = Playbooks::load(&setup.config_path.with_file_name("playbooks.toml"))?;
            let store = open_workspace(&cli, &setup)?;
            act::playbooks(&store, &playbooks, setup.config.push.is_some(), now(), *json)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Sync { source, full, json }) => {
            let setup = setup(&cli)?;
            refuse_writes(&cli, &setup, "keepers sync writes what it reads into the workspace")?;
            let store = open_workspace(&cli, &setup)?;
            let all_ok = sync::run(&store, &setup.config.source, source.as_deref(), *full, *json)?;
            Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Some(Command::Doctor { json }) => {
            let setup = setup(&cli)?;
            let all_ok =
                doctor::run(&setup.config, &setup.config_path, &workspace_path(&cli, &setup), *json)?;
            Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Some(Command::Rfm { json }) => {
            let setup = setup(&cli)?;
            let store = open_workspace(&cli, &setup)?;
            rfm::run(&store, now(), *json)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let setup = setup(&cli)?;
            run_console(&cli, &setup)
        }
    }
}

fn workspace_path(cli: &Cli, setup: &Setup) -> PathBuf {
    if let Some(path) = &cli.workspace {
        return path.clone();
    }
    if cli.demo {
        return setup.paths.demo_workspace();
    }
    match &setup.config.workspace.path {
        Some(path) => setup.paths.expand_home(path),
        None => setup.paths.default_workspace(),
    }
}

/// The current instant, to the second: reports show no nanoseconds.
fn now() -> Timestamp {
    Timestamp::from_second(Timestamp::now().as_second()).unwrap_or_else(|_| Timestamp::now())
}

/// Opens the workspace for a headless command and takes today's health
/// snapshot if it is not taken yet. Warnings go to stderr, where they do
/// not mix with the command's output.
/// Refuses a command that writes (`what` says how) when keepers runs
/// read-only, by flag or by configuration.
fn refuse_writes(cli: &Cli, setup: &Setup, what: &str) -> Result<(), CliError> {
    if cli.read_only || setup.config.workspace.read_only {
        return Err(CliError::Usage(format!(
            "{what}, and read-only is on (--read-only or [workspace] read_only in keepers.toml)"
        )));
    }
    Ok(())
}

fn open_workspace(cli: &Cli, setup: &Setup) -> Result<Store, CliError> {
    let mut store = Store::open(&workspace_path(cli, setup))?;
    for warning in store.warnings() {
        eprintln!("keepers: warning: {warning}");
    }
    snapshots::record_today(&mut store, &setup.models, now())?;
    Ok(store)
}

/// Takes today's health snapshot on a connection of its own while the
/// console starts, so the first frame does not wait for it; WAL lets the
/// console read meanwhile. A failure is logged: the console works without.
fn record_snapshot_in_background(path: PathBuf, models: HealthConfig) {
    std::thread::spawn(move || {
        let recorded =
            Store::open(&path).and_then(|mut store| snapshots::record_today(&mut store, &models, now()));
        match recorded {
            Ok(days) => tracing::info!(days, "health snapshots recorded"),
            Err(error) => tracing::warn!("could not record today's health snapshot: {error}"),
        }
    });
}

fn print_config(cli: &Cli, setup: &Setup) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    let exists = setup.config_path.exists();
    writeln!(
        out,
        "config file:  {}{}",
        setup.config_path.display(),
        if exists { "" } else { "  (absent: defaults in use)" }
    )?;
    writeln!(out, "workspace:    {}", workspace_path(cli, setup).display())?;
    writeln!(out, "demo:         {}", setup.paths.demo_workspace().display())?;
    writeln!(out, "log file:     {}", setup.paths.log_file().display())?;
    writeln!(out, "log level:    {}", cli.log_level.unwrap_or(setup.config.log.level))?;
    writeln!(out, "demo seed:    {}", setup.config.demo.seed)?;
    writeln!(out, "demo size:    {} accounts", setup.config.demo.accounts)?;
    writeln!(out, "theme:        {}", cli.theme.unwrap_or(setup.config.console.theme))?;
    Ok(())
}

fn run_console(cli: &Cli, setup: &Setup) -> Result<ExitCode, CliError> {
    if !io::stdout().is_terminal() {
        return Err(CliError::NotATerminal);
    }
    // Read before the workspace opens, so a mistake in the file is reported
    // before any work; only the console reads it, so a bad keymap never
    // stops a headless command.
    let keymap = Keymap::new(keymap::load(&setup.config_path.with_file_name("keymap.toml"))?);
    let queues_path = setup.config_path.with_file_name("queues.toml");
    let queues = QueuesConfig::load(&queues_path)?;
    let path = workspace_path(cli, setup);
    if cli.demo && !path.exists() {
        demo::generate_with_progress(&path, setup.config.demo.seed, setup.config.demo.accounts, None)?;
    }
    let store = Store::open(&path)?;
    tracing::info!(workspace = %path.display(), "opened the workspace");
    record_snapshot_in_background(path.clone(), setup.models.clone());
    let conflicts: Vec<String> = keymap.conflicts().iter().map(ToString::to_string).collect();
    for conflict in &conflicts {
        tracing::warn!("{conflict}");
    }
    // One status line: the workspace's first warning, else the first
    // conflict, and how many more there are; the log has every one.
    for warning in store.warnings() {
        tracing::warn!("{warning}");
    }
    let warnings: Vec<&String> = store.warnings().iter().chain(&conflicts).collect();
    let notice = warnings.first().map(|first| {
        let text = match warnings.len() - 1 {
            0 => (*first).clone(),
            more => format!("{first} (and {more} more: see the log)"),
        };
        Notice { text, is_error: true }
    });
    let label = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned());
    let theme = Theme::for_console(
        cli.theme.unwrap_or(setup.config.console.theme),
        cli.ascii || setup.config.console.ascii,
        std::env::var_os("NO_COLOR").as_deref(),
    );
    let started = Console {
        store,
        workspace_path: path.clone(),
        models: setup.models.clone(),
        queues,
        queues_path,
        me: setup.config.user.name.clone(),
        ltv: setup.config.metrics.ltv_settings.clone(),
        workspace_label: label,
        notice,
        keymap,
        theme,
        mouse: setup.config.console.mouse && !cli.no_mouse,
        read_only: cli.read_only || setup.config.workspace.read_only,
        links: LinkTemplates {
            account: setup.config.links.account.clone(),
            ticket: setup.config.links.ticket.clone(),
        },
        push: setup.config.push.clone(),
        playbooks: Playbooks::load(&setup.config_path.with_file_name("playbooks.toml"))?,
        sources: setup.config.source.clone(),
    };
    match console::run(started)? {
        Exit::Quit => Ok(ExitCode::SUCCESS),
        Exit::Signal(number) => {
            tracing::info!(signal = number, "stopped by a signal");
            Ok(ExitCode::from(128 + number as u8))
        }
    }
}
