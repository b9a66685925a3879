//! `queues.toml`: the queues the team works through, each a name, a title,
//! a kind with its settings, an optional filter and a sort, read into
//! [`QueueDefinition`]s for [`crate::metrics::queues`].
//!
//! The commented file `config/queues.toml` in the source tree is compiled in
//! and is the default. A user's file replaces the list as a whole — queues
//! are a list, and merging two lists item by item would surprise. Every
//! mistake names the file, the line and the column: an unknown kind or sort
//! (with the nearest valid one), a setting the kind does not take, a
//! repeated id, and a filter that does not parse — at the filter's own
//! column within that line.

use std::ops::RangeInclusive;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, line_and_column};
use crate::app::suggest::nearest;
use crate::metrics::RiskLevel;
use crate::metrics::queues::{QueueKind, QueueSort};
use crate::model::{FieldCap, SafeText};
use crate::query::{self, Filter};

/// The commented default queues, as shipped.
pub const DEFAULT_QUEUES_CONFIG: &str = include_str!("../../config/queues.toml");

/// One queue, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueDefinition {
    pub id: String,
    pub title: SafeText,
    pub kind: QueueKind,
    /// What the queue's accounts must also match.
    pub filter: Option<Filter>,
    pub sort: QueueSort,
}

/// Every queue, in the order of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuesConfig {
    pub queues: Vec<QueueDefinition>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QueuesFile {
    #[serde(default)]
    queue: Vec<QueueEntry>,
}

/// A `[[queue]]` as written, with positions for errors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QueueEntry {
    id: Spanned<String>,
    title: String,
    kind: Spanned<String>,
    filter: Option<Spanned<String>>,
    sort: Option<Spanned<String>>,
    level: Option<Spanned<String>>,
    days: Option<Spanned<u32>>,
    hours: Option<Spanned<u32>>,
    trial_days: Option<Spanned<u32>>,
}

const SORTS: [(&str, QueueSort); 3] =
    [("urgency", QueueSort::Urgency), ("mrr", QueueSort::Mrr), ("name", QueueSort::Name)];

const LEVELS: [(&str, RiskLevel); 2] = [("medium", RiskLevel::Medium), ("high", RiskLevel::High)];

/// Windows in days: a day to ten years.
const DAYS: RangeInclusive<u32> = 1..=3_650;

/// The SLA horizon: an hour to a month.
const HOURS: RangeInclusive<u32> = 1..=720;

impl QueuesConfig {
    /// Reads `path`. A missing file means the shipped queues.
    pub fn load(path: &Path) -> Result<QueuesConfig, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => QueuesConfig::parse(&text, path),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => QueuesConfig::shipped(),
            Err(source) => Err(ConfigError::Read { path: path.to_owned(), source }),
        }
    }

    /// The queues of the shipped `config/queues.toml`.
    pub fn shipped() -> Result<QueuesConfig, ConfigError> {
        QueuesConfig::parse(DEFAULT_QUEUES_CONFIG, Path::new("queues.toml (built in)"))
    }

    /// Parses `queues.toml` text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<QueuesConfig, ConfigError> {
        let doc = Doc { text, path };
        let file: QueuesFile = toml::from_str(text).map_err(|error| {
            let span = error.span().unwrap_or(0..0);
            doc.error(span.start, 0, error.message())
        })?;
        let mut queues: Vec<QueueDefinition> = Vec::with_capacity(file.queue.len());
        for entry in &file.queue {
            let queue = doc.queue(entry)?;
            if queues.iter().any(|earlier| earlier.id == queue.id) {
                return Err(doc.error(
                    entry.id.span().start,
                    0,
                    format!("a second queue is named {:?}: give each queue its own id", queue.id),
                ));
            }
            queues.push(queue);
        }
        Ok(QueuesConfig { queues })
    }

    /// The queue named `id`.
    pub fn get(&self, id: &str) -> Option<&QueueDefinition> {
        self.queues.iter().find(|queue| queue.id == id)
    }
}

/// The file being read, for error positions.
pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) path: &'a Path,
}

impl Doc<'_> {
    /// An error at a byte offset of the file, `columns` characters further
    /// right (for a place inside a string value).
    pub(super) fn error(&self, offset: usize, columns: usize, message: impl Into<String>) -> ConfigError {
        let (line, column) = line_and_column(self.text, offset);
        ConfigError::Invalid {
            path: self.path.to_owned(),
            line,
            column: column + columns,
            message: message.into(),
        }
    }

    fn queue(&self, entry: &QueueEntry) -> Result<QueueDefinition, ConfigError> {
        let id = entry.id.get_ref().trim();
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return Err(self.error(
                entry.id.span().start,
                0,
                format!("id {id:?} must be letters, digits, _ and - only, such as \"renewals\""),
            ));
        }
        let kind = self.kind(entry)?;
        let filter = match &entry.filter {
            Some(text) => Some(self.filter(text)?),
            None if kind == QueueKind::Filter => {
                return Err(self.error(
                    entry.kind.span().start,
                    0,
                    "a queue of kind \"filter\" needs a filter, such as filter = \"band:poor and renewal < 90d\"",
                ));
            }
            None => None,
        };
        let sort = match &entry.sort {
            Some(word) => self.choice(word, &SORTS, "sort")?,
            None => QueueSort::default(),
        };
        Ok(QueueDefinition {
            id: id.to_owned(),
            title: SafeText::line(&entry.title, FieldCap::SUBJECT),
            kind,
            filter,
            sort,
        })
    }

    /// The kind with its settings, refusing settings it does not take.
    fn kind(&self, entry: &QueueEntry) -> Result<QueueKind, ConfigError> {
        let names: Vec<(&str, &str)> = QueueKind::NAMES.iter().map(|name| (*name, *name)).collect();
        let name = self.choice(&entry.kind, &names, "queue kind")?;
        let days = |default: u32| self.number(entry.days.as_ref(), "days", DAYS, default);
        let kind = match name {
            "churn_risk" => QueueKind::ChurnRisk {
                at_least: match &entry.level {
                    Some(word) => self.choice(word, &LEVELS, "risk level")?,
                    None => RiskLevel::High,
                },
            },
            "onboarding" => QueueKind::Onboarding,
            "renewals" => QueueKind::Renewals { days: days(90)? },
            "close_the_loop" => QueueKind::CloseTheLoop { days: days(30)? },
            "sla" => QueueKind::Sla { hours: self.number(entry.hours.as_ref(), "hours", HOURS, 4)? },
            "trials_ending" => QueueKind::TrialsEnding {
                trial_days: self.number(entry.trial_days.as_ref(), "trial_days", DAYS, 14)?,
                days: days(3)?,
            },
            "promoters" => QueueKind::Promoters { days: days(30)? },
            "win_back" => QueueKind::WinBack,
            "duplicates" => QueueKind::Duplicates,
            "my_tasks" => QueueKind::MyTasks,
            _ => QueueKind::Filter,
        };
        let takes: &[&str] = match kind {
            QueueKind::ChurnRisk { .. } => &["level"],
            QueueKind::Renewals { .. } | QueueKind::CloseTheLoop { .. } | QueueKind::Promoters { .. } => {
                &["days"]
            }
            QueueKind::Sla { .. } => &["hours"],
            QueueKind::TrialsEnding { .. } => &["trial_days", "days"],
            _ => &[],
        };
        let given = [
            ("level", entry.level.as_ref().map(|value| value.span().start)),
            ("days", entry.days.as_ref().map(|value| value.span().start)),
            ("hours", entry.hours.as_ref().map(|value| value.span().start)),
            ("trial_days", entry.trial_days.as_ref().map(|value| value.span().start)),
        ];
        for (setting, offset) in given {
            if let Some(offset) = offset.filter(|_| !takes.contains(&setting)) {
                let takes = if takes.is_empty() { "no settings".to_owned() } else { takes.join(", ") };
                return Err(self.error(
                    offset,
                    0,
                    format!("{setting} does not apply to a queue of kind {name:?}, which takes {takes}"),
                ));
            }
        }
        Ok(kind)
    }

    /// A filter, parsed; a mistake points at its column within the line.
    fn filter(&self, text: &Spanned<String>) -> Result<Filter, ConfigError> {
        query::parse(text.get_ref()).map_err(|error| {
            let start = text.span().start;
            // The value's span starts at its opening quote: one character,
            // or three for a multi-line string.
            let written = self.text.get(start..).unwrap_or("");
            let quote = if written.starts_with("\"\"\"") || written.starts_with("'''") { 3 } else { 1 };
            self.error(start, quote + error.column - 1, format!("the filter has a mistake at its {error}"))
        })
    }

    pub(super) fn choice<T: Copy>(
        &self,
        word: &Spanned<String>,
        choices: &[(&str, T)],
        what: &str,
    ) -> Result<T, ConfigError> {
        let written = word.get_ref().as_str();
        if let Some((_, choice)) = choices.iter().find(|(name, _)| *name == written) {
            return Ok(*choice);
        }
        let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
        let suggestion =
            nearest(written, &names).map(|name| format!("did you mean {name:?}? ")).unwrap_or_default();
        Err(self.error(
            word.span().start,
            0,
            format!("unknown {what} {written:?}: {suggestion}(the {what}s are {})", names.join(", ")),
        ))
    }

    fn number(
        &self,
        value: Option<&Spanned<u32>>,
        setting: &str,
        range: RangeInclusive<u32>,
        default: u32,
    ) -> Result<u32, ConfigError> {
        let Some(value) = value else { return Ok(default) };
        if range.contains(value.get_ref()) {
            return Ok(*value.get_ref());
        }
        Err(self.error(
            value.span().start,
            0,
            format!("{setting} must be from {} to {}, not {}", range.start(), range.end(), value.get_ref()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<QueuesConfig, ConfigError> {
        QueuesConfig::parse(text, Path::new("queues.toml"))
    }

    #[test]
    fn the_shipped_queues_are_every_built_in_kind_and_a_saved_filter() {
        let config = QueuesConfig::shipped().unwrap();
        let ids: Vec<&str> = config.queues.iter().map(|queue| queue.id.as_str()).collect();
        for kind in QueueKind::NAMES {
            assert!(ids.contains(&kind) || kind == "filter", "{kind} is not shipped");
        }
        let saved = config.get("poor_health_enterprise").unwrap();
        assert_eq!(saved.kind, QueueKind::Filter);
        assert_eq!(saved.sort, QueueSort::Mrr);
        assert_eq!(
            saved.filter.as_ref().map(ToString::to_string).as_deref(),
            Some("band:poor and plan:enterprise")
        );
        assert_eq!(config.get("renewals").unwrap().kind, QueueKind::Renewals { days: 90 });
        assert_eq!(
            config.get("churn_risk").unwrap().kind,
            QueueKind::ChurnRisk { at_least: RiskLevel::High }
        );
    }

    #[test]
    fn settings_and_defaults_are_read() {
        let config = parse(
            "[[queue]]\nid = \"risky\"\ntitle = \"Risky\"\nkind = \"churn_risk\"\nlevel = \"medium\"\nsort = \"name\"\n\
             [[queue]]\nid = \"trials\"\ntitle = \"Trials\"\nkind = \"trials_ending\"\n",
        )
        .unwrap();
        assert_eq!(config.queues[0].kind, QueueKind::ChurnRisk { at_least: RiskLevel::Medium });
        assert_eq!(config.queues[0].sort, QueueSort::Name);
        assert_eq!(config.queues[1].kind, QueueKind::TrialsEnding { trial_days: 14, days: 3 });
        assert_eq!(config.queues[1].sort, QueueSort::Urgency);
        assert!(parse("").unwrap().queues.is_empty());
    }

    #[test]
    fn an_unknown_kind_names_its_line_and_the_nearest_kind() {
        let error =
            parse("[[queue]]\nid = \"r\"\ntitle = \"R\"\nkind = \"renewal\"\n").unwrap_err().to_string();
        assert!(error.starts_with("queues.toml:4:8: unknown queue kind \"renewal\""), "{error}");
        assert!(error.contains("did you mean \"renewals\"?"), "{error}");
    }

    #[test]
    fn a_bad_filter_names_the_line_and_the_filter_column() {
        let text = "[[queue]]\nid = \"f\"\ntitle = \"F\"\nkind = \"filter\"\nfilter = \"band:poor and helth < 50\"\n";
        let error = parse(text).unwrap_err().to_string();
        // `filter = "` is 10 characters; "helth" starts at the filter's column 15.
        assert!(
            error.starts_with("queues.toml:5:25: the filter has a mistake at its column 15: unknown field"),
            "{error}"
        );
        assert!(error.contains("did you mean \"health\"?"), "{error}");
    }

    #[test]
    fn mistakes_in_settings_are_refused_with_their_line() {
        let queue = |rest: &str| format!("[[queue]]\nid = \"q\"\ntitle = \"Q\"\n{rest}");
        let error = parse(&queue("kind = \"win_back\"\ndays = 3\n")).unwrap_err().to_string();
        assert!(error.starts_with("queues.toml:5:8: days does not apply"), "{error}");
        let error = parse(&queue("kind = \"renewals\"\ndays = 0\n")).unwrap_err().to_string();
        assert!(error.starts_with("queues.toml:5:8: days must be from 1"), "{error}");
        let error = parse(&queue("kind = \"filter\"\n")).unwrap_err().to_string();
        assert!(error.starts_with("queues.toml:4:8: a queue of kind \"filter\" needs a filter"), "{error}");
        let error = parse(&queue("kind = \"onboarding\"\nsort = \"arr\"\n")).unwrap_err().to_string();
        assert!(error.contains("unknown sort \"arr\""), "{error}");
        let error = parse(&queue("kind = \"onboarding\"\ncolour = 1\n")).unwrap_err().to_string();
        assert!(error.starts_with("queues.toml:5:1: "), "{error}");
        let twice = format!("{}{}", queue("kind = \"onboarding\"\n"), queue("kind = \"win_back\"\n"));
        let error = parse(&twice).unwrap_err().to_string();
        assert!(error.starts_with("queues.toml:6:6: a second queue is named \"q\""), "{error}");
    }
}
