//! The command line, declared once with clap: parsing, `--help`, the shell
//! completions and the man page all come from these types.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::metrics::{Breakdown, SeriesStep};
use super::risk::LevelChoice;
use crate::config::{LogLevel, ThemeName};
use crate::import::{FileFormat, ImportKind};
use crate::metrics::Window;

/// A keyboard-first console for support agents and customer-success managers.
///
/// With no command, keepers opens the console on the workspace; `--demo`
/// opens (and on first use generates) a demo workspace.
#[derive(Debug, Parser)]
#[command(name = "keepers", version, about, long_about, after_help = KEYS_HELP)]
pub struct Cli {
    /// Open the demo workspace, generating it first if it does not exist yet.
    #[arg(long)]
    pub demo: bool,

    /// The configuration file [default: keepers.toml in the config directory].
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// The workspace file [default: default.db in the data directory].
    #[arg(long, global = true, value_name = "PATH", env = "KEEPERS_WORKSPACE")]
    pub workspace: Option<PathBuf>,

    /// How much goes to the log file (never to the terminal).
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<LogLevel>,

    /// The console's colour theme [default: console.theme in the config,
    /// dark]. NO_COLOR, when set, makes it monochrome whatever this says.
    #[arg(long, value_enum, value_name = "NAME")]
    pub theme: Option<ThemeName>,

    /// Draw the console with ASCII only: borders from + - |, arrows and
    /// marks as letters, for terminals without box-drawing characters.
    #[arg(long)]
    pub ascii: bool,

    /// Change nothing: the console offers nothing that writes, and `keepers
    /// act` is refused.
    #[arg(long, global = true)]
    pub read_only: bool,

    /// Leave the mouse to the terminal (its own text selection) instead of
    /// clicking rows and scrolling with the wheel.
    #[arg(long)]
    pub no_mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

const KEYS_HELP: &str = "In the console, press ? to see every key.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate a deterministic demo workspace.
    ///
    /// The same seed and size give the same data, relative to today's date.
    /// It is written to --workspace, or to demo.db in the data directory.
    Demo {
        /// Seed of the generator [default: demo.seed in the config, 42].
        #[arg(long)]
        seed: Option<u64>,
        /// Number of accounts [default: demo.accounts in the config, 2000].
        #[arg(long)]
        accounts: Option<usize>,
        /// Number of tickets [default: ten per account].
        #[arg(long)]
        tickets: Option<usize>,
    },
    /// Every portfolio KPI over a period: NPS, CSAT, CES, churn, CRR, NRR,
    /// GRR, repeat purchases, order value, LTV, support times, open tickets.
    Metrics {
        /// The period: 90d, 12w, 2026-11, 2026-Q4, 2026-W48 or 2026-01-01..2026-04-01.
        #[arg(long, default_value = "90d")]
        period: Window,
        /// Break the numbers down by lifecycle stage, owner, plan or RFM segment.
        #[arg(long, value_enum, conflicts_with = "series")]
        by: Option<Breakdown>,
        /// A trend instead of one period: the last --count weeks, months or
        /// quarters, the current one included.
        #[arg(long, value_enum)]
        series: Option<SeriesStep>,
        /// How many periods a --series has.
        #[arg(long, default_value_t = 12, requires = "series")]
        count: usize,
        /// Show each number's formula and inputs.
        #[arg(long)]
        explain: bool,
        /// Print JSON (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// One account's health score, band, 30-day change and churn risk.
    Health {
        /// The account: its id (42 or #42), its domain, or (part of) its name.
        account: String,
        /// Show every component with its inputs, scale, weight and contribution.
        #[arg(long)]
        explain: bool,
        /// Print JSON (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// The accounts at churn risk, riskiest first, with the rules that fired.
    Risk {
        /// Only accounts at this level [default: medium and high].
        #[arg(long, value_enum)]
        level: Option<LevelChoice>,
        /// Print JSON (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// The accounts a filter selects, e.g. `health < 50 and renewal < 90d and plan:enterprise`.
    Accounts {
        /// A filter: fields, comparisons, and/or/not, parentheses (see the README).
        #[arg(long)]
        filter: Option<String>,
        /// Print JSON (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// A queue of queues.toml: its accounts, each with the reason it is in it.
    ///
    /// `keepers queue --list` shows every queue with its count.
    Queue {
        /// The queue's id, as --list shows it (e.g. renewals, close_the_loop).
        #[arg(required_unless_present = "list", conflicts_with = "list")]
        name: Option<String>,
        /// Narrow the queue (or --list's counts) with a filter, e.g. `plan:enterprise owner:me`.
        #[arg(long)]
        filter: Option<String>,
        /// List every queue with its title and count.
        #[arg(long)]
        list: bool,
        /// Print JSON (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// Act on a record from a script, as the console does: the change and
    /// its outbox item are written together.
    Act {
        #[command(subcommand)]
        action: ActCommand,
        /// Who acts [default: [user] name in keepers.toml].
        #[arg(long = "as", global = true, value_name = "NAME")]
        actor: Option<String>,
        /// Print JSON (schema in the README).
        #[arg(long, global = true)]
        json: bool,
    },
    /// The outbox: every action with its idempotency key and whether it
    /// stayed local, waits to be pushed, was pushed or was refused.
    Outbox {
        #[command(subcommand)]
        action: Option<OutboxCommand>,
        /// Only the items a backend refused.
        #[arg(long)]
        failed: bool,
        /// Print JSON (schema in the README).
        #[arg(long, global = true)]
        json: bool,
    },
    /// Import accounts, contacts, tickets, survey answers, purchases or
    /// usage from a CSV or JSONL file, every row in one transaction.
    ///
    /// A bad row stops the import with its file, line, column and reason,
    /// and nothing is imported; --skip-bad imports the other rows and writes
    /// the bad ones, each with its reason, to FILE.rejected.csv (or .jsonl).
    /// Records already in the workspace are skipped, so a second import of
    /// a file adds nothing. The fields of each kind are in the README.
    Import {
        /// The file: .csv with a header row, or .jsonl/.ndjson with one JSON object per line.
        file: PathBuf,
        /// What the file holds; import accounts before the records that refer to them.
        #[arg(long, value_enum)]
        kind: ImportKind,
        /// A TOML file saying which column holds each field, and defaults
        /// for empty ones (see config/examples/csv.toml).
        #[arg(long, value_name = "MAP.toml")]
        map: Option<PathBuf>,
        /// The file's format, when its extension does not say.
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
        /// Import the good rows and write the bad ones to FILE.rejected.csv (or .jsonl).
        #[arg(long)]
        skip_bad: bool,
        /// Print JSON (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// Run the playbooks of playbooks.toml: make the tasks that what
    /// happened since the last run asks for (a second run makes none twice).
    Playbooks {
        /// Print JSON (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// Read every configured backend ([[source]] in keepers.toml), or the one
    /// named, from where its last sync stopped.
    Sync {
        /// The source's name (default: every source).
        source: Option<String>,
        /// Read everything again from the start instead of from the saved cursors.
        #[arg(long)]
        full: bool,
        /// Print JSON (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// Check the configuration, the workspace, and each backend's
    /// credentials and reachability, and say what to fix.
    Doctor {
        /// Print JSON (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// RFM scores and segments of every customer with a purchase.
    Rfm {
        /// Print JSON (schema in the README).
        #[arg(long)]
        json: bool,
    },
    /// Print the configuration in effect, or the commented defaults.
    Config {
        /// Print a default configuration file, with every setting explained.
        #[arg(long)]
        default: bool,
        /// Which file --default prints: keepers.toml, health.toml, keymap.toml or queues.toml.
        #[arg(long, value_enum, default_value = "keepers", requires = "default")]
        file: ConfigFile,
    },
    /// Print a shell completion script, e.g. `keepers completions bash > ~/.local/share/bash-completion/completions/keepers`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `keepers man > keepers.1`.
    Man,
}

/// The configuration files keepers reads, each with commented defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ConfigFile {
    /// keepers.toml: workspace, demo, metrics, log.
    Keepers,
    /// health.toml: health components, bands and churn-risk rules.
    Health,
    /// keymap.toml: the console's keys, command by command.
    Keymap,
    /// queues.toml: the queues, their kinds, filters and sorts.
    Queues,
    /// playbooks.toml: the playbooks, their triggers and the tasks they plan.
    Playbooks,
}

/// What `keepers outbox` does besides listing.
#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// Push every pending item to the `[push]` backend, waiting out
    /// backoffs, and say what happened.
    Push {
        /// Stop waiting for backoffs after this many seconds.
        #[arg(long, default_value_t = 60)]
        patience: u64,
    },
    /// Send a refused item again.
    Retry { item: i64 },
    /// Give up pushing an item; its local change stays.
    Discard { item: i64 },
}

/// What `keepers act` does. Records are named as the console names them:
/// an account by id (42), domain (acme.com) or part of its name; a task,
/// ticket, survey answer or contact by its id.
#[derive(Debug, Subcommand)]
pub enum ActCommand {
    /// Add a note to an account, e.g. `keepers act note acme.com "Called: renewal on track"`.
    Note {
        account: String,
        /// The note's text (the words are joined with spaces).
        #[arg(required = true)]
        text: Vec<String>,
    },
    /// Log a call, e-mail, meeting or chat and how it went, e.g.
    /// `keepers act touch acme.com call --outcome "renewal agreed" Talked to Bo`.
    Touch {
        account: String,
        /// call, email, meeting or chat.
        channel: String,
        /// How it went: "renewal agreed", "no answer".
        #[arg(long)]
        outcome: String,
        /// The contact it was with, by id.
        #[arg(long)]
        contact: Option<i64>,
        /// What was said (the words are joined with spaces).
        summary: Vec<String>,
    },
    /// Create an open task on an account, e.g. `keepers act task acme.com "Send the quote" --due 7d`.
    Task {
        account: String,
        /// The task's title (the words are joined with spaces).
        #[arg(required = true)]
        title: Vec<String>,
        /// When it is due: a day (2026-12-01) or days from today (7d).
        #[arg(long)]
        due: Option<String>,
        /// Whose it is [default: --as, or [user] name in keepers.toml].
        #[arg(long)]
        owner: Option<String>,
    },
    /// Mark a task done, by its id (as `keepers act task --json` gives it).
    Done { task: i64 },
    /// Put a task off until a day (2026-12-01) or for some days (7d).
    Snooze { task: i64, until: String },
    /// Give a task to someone else.
    Reassign { task: i64, owner: String },
    /// Move an account to a lifecycle stage (a timeline event), e.g. `keepers act stage acme.com churned`.
    Stage {
        account: String,
        /// reach, acquisition, conversion, retention, loyalty, churned or reactivated (or an alias).
        stage: String,
        /// Why, for the timeline.
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Set a ticket's status, priority or assignee, and add an internal note.
    Ticket {
        ticket: i64,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        priority: Option<String>,
        #[arg(long)]
        assignee: Option<String>,
        /// An internal note (not sent to the requester).
        #[arg(long)]
        note: Option<String>,
    },
    /// Mark a detractor's or bad rating's loop closed, with its outcome.
    CloseLoop {
        /// The survey answer's id.
        survey: i64,
        /// What came of the follow-up (the words are joined with spaces).
        #[arg(required = true)]
        outcome: Vec<String>,
    },
    /// Tick (or untick) a MEDDIC element of a renewal or expansion, e.g.
    /// `keepers act meddic acme.com economic-buyer CFO signs above 50k`.
    Meddic {
        account: String,
        /// metrics, economic-buyer, decision-criteria, decision-process, identify-pain or champion.
        element: String,
        /// Mark it not done (yet).
        #[arg(long)]
        undone: bool,
        /// What shows it (the words are joined with spaces).
        evidence: Vec<String>,
    },
    /// Merge a duplicate into the record kept; `keepers act undo` splits them again.
    Merge {
        /// The account (or, with --contacts, contact id) to keep.
        keep: String,
        /// The duplicate that becomes part of it.
        duplicate: String,
        /// Merge two contacts (by id) instead of two accounts.
        #[arg(long)]
        contacts: bool,
    },
    /// Undo a batch of actions (the newest one still local if no id is given).
    Undo { batch: Option<i64> },
}
