//! `keepers sync [SOURCE] [--full] [--json]`: pull every configured source
//! (or the one named), a spinner per source on stderr while it runs, and a
//! summary — or JSON — at the end. A source that fails is reported and the
//! others still run; the exit status says whether all succeeded.

use std::io::Write;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use jiff::Timestamp;
use serde_json::json;

use super::CliError;
use super::report::print_json;
use crate::connectors::freshdesk::Freshdesk;
use crate::connectors::hubspot::HubSpot;
use crate::connectors::zendesk::Zendesk;
use crate::connectors::{Pull, SourceConfig};
use crate::model::group_thousands;
use crate::store::Store;
use crate::sync::backoff::RandomDraws;
use crate::sync::pull::{SYNC_PAGE_CACHE_MIB, SyncReport, sync_source};

/// What one source's sync came to.
struct Outcome {
    name: String,
    result: Result<SyncReport, String>,
}

/// Runs the sync; `Ok(false)` when a source failed (reported already).
pub fn run(
    store: &Store,
    sources: &[SourceConfig],
    only: Option<&str>,
    full: bool,
    json: bool,
) -> Result<bool, CliError> {
    let chosen: Vec<&SourceConfig> =
        sources.iter().filter(|source| only.is_none_or(|name| source.name() == name)).collect();
    if chosen.is_empty() {
        let known: Vec<&str> = sources.iter().map(SourceConfig::name).collect();
        return Err(CliError::Usage(if known.is_empty() {
            "no source is configured: add a [[source]] to keepers.toml (config/examples/ shows how)".into()
        } else {
            format!("no source is named {:?}; configured: {}", only.unwrap_or_default(), known.join(", "))
        }));
    }
    store.set_page_cache_mib(SYNC_PAGE_CACHE_MIB)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let mut draws = RandomDraws::from_system().map_err(CliError::RandomSource)?;
    let mut outcomes = Vec::new();
    for source in chosen {
        let name = source.name().to_owned();
        let run = store.start_sync_run(&name, Timestamp::now())?;
        let spinner = spinner(&name, json);
        let result = match source {
            SourceConfig::Zendesk(config) => match Zendesk::from_config(config) {
                Err(error) => Err(error.to_string()),
                Ok(zendesk) => pull_source(store, &zendesk, full, &runtime, &mut draws, &spinner),
            },
            SourceConfig::Freshdesk(config) => match Freshdesk::from_config(config) {
                Err(error) => Err(error.to_string()),
                Ok(freshdesk) => pull_source(store, &freshdesk, full, &runtime, &mut draws, &spinner),
            },
            SourceConfig::Hubspot(config) => match HubSpot::from_config(config) {
                Err(error) => Err(error.to_string()),
                Ok(hubspot) => pull_source(store, &hubspot, full, &runtime, &mut draws, &spinner),
            },
        };
        spinner.finish_and_clear();
        let records = result.as_ref().map_or(0, SyncReport::records);
        store.finish_sync_run(run, Timestamp::now(), records, result.as_ref().err().map(String::as_str))?;
        outcomes.push(Outcome { name, result });
    }
    report(&outcomes, json)?;
    Ok(outcomes.iter().all(|outcome| outcome.result.is_ok()))
}

/// Syncs one source, its spinner counting the records written.
fn pull_source<P: Pull>(
    store: &Store,
    source: &P,
    full: bool,
    runtime: &tokio::runtime::Runtime,
    draws: &mut RandomDraws,
    spinner: &ProgressBar,
) -> Result<SyncReport, String> {
    let mut records = 0_u64;
    let sync = sync_source(store, source, full, draws, |stream, written| {
        records += written.total() as u64;
        spinner.set_message(format!("{stream}: {} records", group_thousands(records)));
    });
    runtime.block_on(sync).map_err(|error| error.to_string())
}

fn spinner(name: &str, json: bool) -> ProgressBar {
    if json || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::new_spinner().with_style(
        ProgressStyle::with_template("{spinner} {prefix}: {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    spinner.set_prefix(name.to_owned());
    spinner.enable_steady_tick(Duration::from_millis(120));
    spinner
}

fn report(outcomes: &[Outcome], json: bool) -> Result<(), CliError> {
    if json {
        let sources: Vec<serde_json::Value> = outcomes
            .iter()
            .map(|outcome| match &outcome.result {
                Ok(report) => json!({
                    "source": outcome.name,
                    "ok": true,
                    "records": report.records(),
                    "streams": report.streams.iter().map(|stream| json!({
                        "stream": stream.stream, "pages": stream.pages, "records": stream.records,
                    })).collect::<Vec<_>>(),
                }),
                Err(error) => json!({ "source": outcome.name, "ok": false, "error": error }),
            })
            .collect();
        print_json(&json!({ "sources": sources }))?;
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    for outcome in outcomes {
        match &outcome.result {
            Ok(report) => {
                let streams: Vec<String> = report
                    .streams
                    .iter()
                    .map(|stream| format!("{} {}", group_thousands(stream.records), stream.stream))
                    .collect();
                writeln!(
                    out,
                    "{}: {} records ({})",
                    outcome.name,
                    group_thousands(report.records()),
                    streams.join(", ")
                )?;
            }
            Err(error) => writeln!(out, "{}: failed: {error}", outcome.name)?,
        }
    }
    Ok(())
}
