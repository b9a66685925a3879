//! What the `:` command line understands: a few words of its own (`q`,
//! `help`, `sort mrr desc`, `account acme.com`, `queue renewals`,
//! `save-queue Enterprise at risk`) and every command id of the registry
//! (`list.down`). Parsing only; `update` carries the command out.

use super::commands::{self, COMMANDS, Command};
use super::suggest::nearest;
use crate::store::{AccountColumn, AccountSort};

/// The longest command line kept: anything typed beyond it is ignored, so a
/// key held down cannot grow the state without bound.
pub const MAX_CHARS: usize = 200;

/// A command typed on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineCommand {
    Quit,
    Help,
    Sort(AccountSort),
    /// Open the account with this id, domain or name (or part of a name).
    Account(String),
    /// Open the queue with this id, or whose title contains it.
    Queue(String),
    /// Save the filter on screen as a queue with this title.
    SaveQueue(String),
    /// Add a note with this text to the account on screen.
    Note(String),
    /// Create a task with this title on the account on screen, due as
    /// written after ` due ` (a day or days from today), if at all.
    Task {
        title: String,
        due: Option<String>,
    },
    /// A registry command, run as if its key had been pressed.
    Registry(&'static Command),
}

/// The command line's own words, for suggestions.
const WORDS: &[&str] = &["q", "quit", "help", "sort", "account", "queue", "save-queue", "note", "task"];

/// Sortable columns as the command line names them.
const COLUMNS: &[(&str, AccountColumn)] = &[
    ("name", AccountColumn::Name),
    ("stage", AccountColumn::Stage),
    ("plan", AccountColumn::Plan),
    ("mrr", AccountColumn::Mrr),
    ("renewal", AccountColumn::Renewal),
    ("owner", AccountColumn::Owner),
];

/// Reads a command line (without its `:`). An error is a message for the
/// status line that says what to type instead.
pub fn parse(line: &str) -> Result<LineCommand, String> {
    let line = line.trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    let no_argument = |command: LineCommand| {
        if rest.is_empty() { Ok(command) } else { Err(format!(":{word} takes nothing after it")) }
    };
    match word {
        "q" | "quit" => no_argument(LineCommand::Quit),
        "help" => no_argument(LineCommand::Help),
        "sort" => parse_sort(rest),
        "account" if rest.is_empty() => Err(":account needs part of a name or a domain".to_owned()),
        "account" => Ok(LineCommand::Account(rest.to_owned())),
        "queue" if rest.is_empty() => Err(":queue needs a queue's id, e.g. :queue renewals".to_owned()),
        "queue" => Ok(LineCommand::Queue(rest.to_owned())),
        "save-queue" if rest.is_empty() => Err(":save-queue needs a title for the new queue".to_owned()),
        "save-queue" => Ok(LineCommand::SaveQueue(rest.to_owned())),
        "note" if rest.is_empty() => {
            Err(":note needs the note's text, e.g. :note Called, renewal on track".to_owned())
        }
        "note" => Ok(LineCommand::Note(rest.to_owned())),
        "task" => parse_task(rest),
        _ => match commands::find(word) {
            Some(command) => no_argument(LineCommand::Registry(command)),
            None => Err(unknown(word)),
        },
    }
}

fn parse_sort(rest: &str) -> Result<LineCommand, String> {
    let names: Vec<&str> = COLUMNS.iter().map(|(name, _)| *name).collect();
    let usage = format!(":sort needs a column ({}), then asc or desc if you like", names.join(", "));
    let mut words = rest.split_whitespace();
    let Some(column_word) = words.next() else { return Err(usage) };
    let column_word = column_word.to_lowercase();
    let Some((_, column)) = COLUMNS.iter().find(|(name, _)| *name == column_word) else {
        return Err(match nearest(&column_word, &names) {
            Some(name) => format!("no column {column_word:?}: did you mean {name}?"),
            None => usage,
        });
    };
    let descending = match (words.next().map(str::to_lowercase).as_deref(), words.next()) {
        (None | Some("asc"), None) => false,
        (Some("desc"), None) => true,
        _ => return Err(usage),
    };
    Ok(LineCommand::Sort(AccountSort { column: *column, descending }))
}

/// `:task TITLE [due DAY]`: the last " due " starts the due day.
fn parse_task(rest: &str) -> Result<LineCommand, String> {
    let padded = format!(" {rest}");
    let (title, due) = match padded.rsplit_once(" due ") {
        Some((title, due)) => (title.trim(), Some(due.trim().to_owned())),
        None => (rest, None),
    };
    if title.is_empty() {
        return Err(":task needs a title, e.g. :task Send the quote due 7d".to_owned());
    }
    Ok(LineCommand::Task { title: title.to_owned(), due })
}

fn unknown(word: &str) -> String {
    let mut names: Vec<&str> = WORDS.to_vec();
    names.extend(COMMANDS.iter().map(|command| command.id));
    match nearest(word, &names) {
        Some(name) => format!("unknown command :{word}: did you mean :{name}?"),
        None => format!(
            "unknown command :{word}: try :q, :help, :sort, :account, :queue or a command id such as :list.down"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_own_words_are_read() {
        assert_eq!(parse("q"), Ok(LineCommand::Quit));
        assert_eq!(parse(" quit "), Ok(LineCommand::Quit));
        assert_eq!(parse("help"), Ok(LineCommand::Help));
        assert_eq!(parse("account  Acme Corp "), Ok(LineCommand::Account("Acme Corp".into())));
        assert_eq!(parse("queue renewals"), Ok(LineCommand::Queue("renewals".into())));
        assert_eq!(parse("save-queue Big and sad"), Ok(LineCommand::SaveQueue("Big and sad".into())));
        assert!(parse("queue").is_err() && parse("save-queue ").is_err());
        assert_eq!(
            parse("task Send the quote due 7d"),
            Ok(LineCommand::Task { title: "Send the quote".into(), due: Some("7d".into()) })
        );
        assert_eq!(parse("task Call back"), Ok(LineCommand::Task { title: "Call back".into(), due: None }));
        assert!(parse("task").is_err() && parse("task  due 7d").is_err());
    }

    #[test]
    fn sort_takes_a_column_and_an_optional_direction() {
        let sort = |column, descending| Ok(LineCommand::Sort(AccountSort { column, descending }));
        assert_eq!(parse("sort mrr"), sort(AccountColumn::Mrr, false));
        assert_eq!(parse("sort MRR desc"), sort(AccountColumn::Mrr, true));
        assert_eq!(parse("sort renewal asc"), sort(AccountColumn::Renewal, false));
        assert!(parse("sort").unwrap_err().contains("name, stage, plan, mrr, renewal, owner"));
        assert_eq!(parse("sort onwer"), Err("no column \"onwer\": did you mean owner?".into()));
        assert!(parse("sort mrr sideways").is_err());
    }

    #[test]
    fn registry_ids_are_commands() {
        assert_eq!(parse("list.down"), Ok(LineCommand::Registry(commands::find("list.down").unwrap())));
        assert!(parse("list.down 3").is_err());
        assert!(parse("account").is_err());
    }

    #[test]
    fn an_unknown_command_suggests_the_nearest() {
        assert_eq!(parse("srot"), Err("unknown command :srot: did you mean :sort?".into()));
        assert_eq!(parse("list.dwon"), Err("unknown command :list.dwon: did you mean :list.down?".into()));
        assert!(parse("xyzzy plugh").unwrap_err().starts_with("unknown command :xyzzy: try :q"));
    }
}
