//! Saving a filter as a named queue: a `[[queue]]` appended to the user's
//! `queues.toml`. The file's text is kept as it is, comments included; a
//! user without the file gets the shipped one with the new queue at its end
//! (a user's file replaces the shipped list, so starting from it keeps
//! every built-in queue). The whole new text is parsed before it is
//! written, and it replaces the old file in one rename, so a failed save
//! leaves the file as it was.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::ConfigError;
use super::queues::{DEFAULT_QUEUES_CONFIG, QueueDefinition, QueuesConfig};
use crate::metrics::RiskLevel;
use crate::metrics::queues::{QueueKind, QueueSort};
use crate::query::Filter;

/// The longest id made from a title.
const MAX_ID_CHARS: usize = 40;

/// Appends a queue titled `title` to the `queues.toml` at `path`: the
/// accounts of `base` (its kind, settings and order; every account without
/// it) that `filter` matches, on top of `base`'s own filter. Returns the
/// queue as it now reads from the file.
pub fn save_filter_as_queue(
    path: &Path,
    title: &str,
    base: Option<&QueueDefinition>,
    filter: &Filter,
) -> Result<QueueDefinition, ConfigError> {
    let existing = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => DEFAULT_QUEUES_CONFIG.to_owned(),
        Err(source) => return Err(ConfigError::Read { path: path.to_owned(), source }),
    };
    let current = QueuesConfig::parse(&existing, path)?;
    let id = unique_id(title, &current);
    let filter = match base.and_then(|queue| queue.filter.clone()) {
        Some(own) => both(own, filter.clone()),
        None => filter.clone(),
    };
    let mut text = existing;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&queue_entry(&id, title, base, &filter));
    let saved = QueuesConfig::parse(&text, path)?
        .get(&id)
        .cloned()
        .ok_or_else(|| invalid(path, format!("the saved queue {id:?} did not read back")))?;
    replace_file(path, &text).map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
    Ok(saved)
}

/// `first and second`, flattened as the parser would read it back.
fn both(first: Filter, second: Filter) -> Filter {
    let mut parts = Vec::new();
    for filter in [first, second] {
        match filter {
            Filter::And(inner) => parts.extend(inner),
            other => parts.push(other),
        }
    }
    Filter::And(parts)
}

/// The `[[queue]]` table, every value written by `toml` so that quotes and
/// escapes in a title or filter cannot break the file.
fn queue_entry(id: &str, title: &str, base: Option<&QueueDefinition>, filter: &Filter) -> String {
    let quoted = |text: &str| toml::Value::String(text.to_owned()).to_string();
    let kind = base.map_or(QueueKind::Filter, |queue| queue.kind);
    let mut lines = vec![
        String::new(),
        "[[queue]]".to_owned(),
        format!("id = {}", quoted(id)),
        format!("title = {}", quoted(title)),
        format!("kind = {}", quoted(kind_name(kind))),
    ];
    lines.extend(kind_settings(kind).into_iter().map(|(key, value)| format!("{key} = {value}")));
    lines.push(format!("filter = {}", quoted(&filter.to_string())));
    if let Some(sort) = base.map(|queue| queue.sort).filter(|sort| *sort != QueueSort::Urgency) {
        lines.push(format!("sort = {}", quoted(if sort == QueueSort::Mrr { "mrr" } else { "name" })));
    }
    lines.push(String::new());
    lines.join("\n")
}

fn kind_name(kind: QueueKind) -> &'static str {
    match kind {
        QueueKind::ChurnRisk { .. } => "churn_risk",
        QueueKind::Onboarding => "onboarding",
        QueueKind::Renewals { .. } => "renewals",
        QueueKind::CloseTheLoop { .. } => "close_the_loop",
        QueueKind::Sla { .. } => "sla",
        QueueKind::TrialsEnding { .. } => "trials_ending",
        QueueKind::Promoters { .. } => "promoters",
        QueueKind::WinBack => "win_back",
        QueueKind::Duplicates => "duplicates",
        QueueKind::MyTasks => "my_tasks",
        QueueKind::Filter => "filter",
    }
}

/// The settings of a kind as `queues.toml` writes them.
fn kind_settings(kind: QueueKind) -> Vec<(&'static str, String)> {
    match kind {
        QueueKind::ChurnRisk { at_least } => {
            let level = if at_least == RiskLevel::High { "high" } else { "medium" };
            vec![("level", format!("\"{level}\""))]
        }
        QueueKind::Renewals { days } | QueueKind::CloseTheLoop { days } | QueueKind::Promoters { days } => {
            vec![("days", days.to_string())]
        }
        QueueKind::Sla { hours } => vec![("hours", hours.to_string())],
        QueueKind::TrialsEnding { trial_days, days } => {
            vec![("trial_days", trial_days.to_string()), ("days", days.to_string())]
        }
        QueueKind::Onboarding
        | QueueKind::WinBack
        | QueueKind::Duplicates
        | QueueKind::MyTasks
        | QueueKind::Filter => Vec::new(),
    }
}

/// An id made from the title (lower-case ASCII letters, digits and `_`),
/// with a number added if the file has it already.
fn unique_id(title: &str, current: &QueuesConfig) -> String {
    let mut base = String::new();
    for character in title.chars().flat_map(char::to_lowercase) {
        if character.is_ascii_alphanumeric() {
            base.push(character);
        } else if !base.is_empty() && !base.ends_with('_') {
            base.push('_');
        }
        if base.len() >= MAX_ID_CHARS {
            break;
        }
    }
    let base = match base.trim_end_matches('_') {
        "" => "saved_queue".to_owned(),
        trimmed => trimmed.to_owned(),
    };
    (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}_{n}") })
        .find(|id| current.get(id).is_none())
        .unwrap_or(base)
}

/// Writes `text` beside `path` and renames it over `path`: readers see the
/// old file or the new one, never half of one.
fn replace_file(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(directory) = path.parent().filter(|directory| !directory.as_os_str().is_empty()) {
        fs::create_dir_all(directory)?;
    }
    let staging = path.with_extension("toml.saving");
    let mut file = OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&staging)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    fs::rename(&staging, path)
}

fn invalid(path: &Path, message: String) -> ConfigError {
    ConfigError::Invalid { path: path.to_owned(), line: 1, column: 1, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query;

    fn saved_in(directory: &Path) -> std::path::PathBuf {
        directory.join("queues.toml")
    }

    #[test]
    fn a_first_save_keeps_the_shipped_queues_and_adds_the_new_one() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = saved_in(directory.path());
        let filter = query::parse("plan:enterprise and health < 50").expect("filter");
        let saved = save_filter_as_queue(&path, "Enterprise in trouble", None, &filter).expect("saved");
        assert_eq!(saved.id, "enterprise_in_trouble");
        assert_eq!(saved.title.as_str(), "Enterprise in trouble");
        assert_eq!(saved.kind, QueueKind::Filter);
        assert_eq!(saved.filter, Some(filter));
        let config = QueuesConfig::load(&path).expect("the file reads");
        let shipped = QueuesConfig::shipped().expect("shipped");
        assert_eq!(config.queues.len(), shipped.queues.len() + 1);
        assert_eq!(config.queues[..shipped.queues.len()], shipped.queues[..]);
        let text = fs::read_to_string(&path).expect("text");
        assert!(text.starts_with("# keepers queues"), "the shipped comments are kept");
    }

    #[test]
    fn a_queue_saved_from_a_queue_keeps_its_kind_settings_and_filter() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = saved_in(directory.path());
        let shipped = QueuesConfig::shipped().expect("shipped");
        let renewals = shipped.get("renewals").expect("renewals");
        let filter = query::parse("owner:\"Ann \\\"Q\\\" Lee\"").expect("a filter with quotes");
        let saved = save_filter_as_queue(&path, "Renewals \"mine\"", Some(renewals), &filter).expect("saved");
        assert_eq!(saved.kind, renewals.kind);
        assert_eq!(saved.filter, Some(filter.clone()));
        assert_eq!(saved.title.as_str(), "Renewals \"mine\"");
        let poor = shipped.get("poor_health_enterprise").expect("a queue with a filter of its own");
        let narrowed = save_filter_as_queue(&path, "Poor and mine", Some(poor), &filter).expect("saved");
        let own = poor.filter.clone().expect("its own filter");
        let expected = query::parse(&format!("({own}) and ({filter})")).expect("both");
        assert_eq!(narrowed.filter, Some(expected));
    }

    #[test]
    fn ids_are_made_from_titles_and_never_repeat() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = saved_in(directory.path());
        let filter = query::parse("nps <= 6").expect("filter");
        let first = save_filter_as_queue(&path, "Churn risk", None, &filter).expect("saved");
        assert_eq!(first.id, "churn_risk_2", "the shipped churn_risk keeps its id");
        let second = save_filter_as_queue(&path, "Churn  risk!", None, &filter).expect("saved");
        assert_eq!(second.id, "churn_risk_3");
        let other = save_filter_as_queue(&path, "Łódź — клиенты", None, &filter).expect("saved");
        assert_eq!(other.id, "d");
        let none = save_filter_as_queue(&path, "клиенты", None, &filter).expect("saved");
        assert_eq!(none.id, "saved_queue");
    }

    #[test]
    fn a_broken_file_is_reported_and_left_alone() {
        let directory = tempfile::tempdir().expect("temporary directory");
        let path = saved_in(directory.path());
        fs::write(&path, "[[queue]]\nid = \"x\"\nkind = \"nonsense\"\n").expect("write");
        let filter = query::parse("nps <= 6").expect("filter");
        let error = save_filter_as_queue(&path, "Mine", None, &filter).expect_err("refused");
        assert!(error.to_string().contains("queues.toml:"), "{error}");
        assert_eq!(fs::read_to_string(&path).expect("text"), "[[queue]]\nid = \"x\"\nkind = \"nonsense\"\n");
    }
}
