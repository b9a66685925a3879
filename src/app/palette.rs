//! The command palette: what the `:` line offers while it is typed — every
//! command of the registry that applies on the screen (with its keys, or
//! none: a command without keys is still run from here) and the command
//! line's own words — narrowed by fuzzy matching on the typed
//! text (nucleo, the same matcher as the search box) and ranked best first.
//! `update` runs the entry chosen; `ui` draws the same list.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::commands::{COMMANDS, Command, Context};
use super::state::State;

/// The command line's own words, with what each does and whether it needs
/// more after it (then choosing it fills the line instead of running it).
pub const LINE_WORDS: &[(&str, &str, bool)] = &[
    ("account", "Open an account by id, domain or name: :account acme.com", true),
    ("queue", "Show a queue: :queue renewals", true),
    ("save-queue", "Save the filter on screen as a queue: :save-queue TITLE", true),
    ("sort", "Sort by a column: :sort mrr desc", true),
    ("note", "Add a note to the account on screen: :note Called, renewal on track", true),
    ("task", "Create a task on the account on screen: :task Send the quote due 7d", true),
    ("help", "Show the keys", false),
    ("q", "Quit", false),
];

/// The words that change the workspace or a config file: read-only mode
/// leaves them out.
pub const WRITING_WORDS: [&str; 3] = ["note", "task", "save-queue"];

/// One thing the palette offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Registry(&'static Command),
    /// One of [`LINE_WORDS`], by index.
    Word(usize),
}

impl Entry {
    /// What is typed to run it: a command id or a word.
    pub fn name(self) -> &'static str {
        match self {
            Entry::Registry(command) => command.id,
            Entry::Word(index) => LINE_WORDS[index].0,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Entry::Registry(command) => command.title,
            Entry::Word(index) => LINE_WORDS[index].1,
        }
    }
}

/// The entries for `typed` on the screen of `state`, best first; all of
/// them, words first, for an empty line.
pub fn entries(state: &State, typed: &str) -> Vec<Entry> {
    let context = state.context();
    let offered = (0..LINE_WORDS.len())
        .filter(|index| !(state.read_only && WRITING_WORDS.contains(&LINE_WORDS[*index].0)))
        .map(Entry::Word)
        .chain(
            COMMANDS
                .iter()
                .filter(|command| command.context == Context::Global || command.context == context)
                .filter(|command| !(state.read_only && command.intent.writes()))
                .map(Entry::Registry),
        );
    let typed = typed.trim();
    if typed.is_empty() {
        return offered.collect();
    }
    let pattern = Pattern::parse(typed, CaseMatching::Smart, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buffer = Vec::new();
    let mut scored: Vec<(u32, Entry)> = offered
        .filter_map(|entry| {
            let haystack = format!("{} {}", entry.name(), entry.title());
            let score = pattern.score(Utf32Str::new(&haystack, &mut buffer), &mut matcher)?;
            Some((score, entry))
        })
        .collect();
    // Stable: equal scores keep the registry's order.
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored.into_iter().map(|(_, entry)| entry).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    fn state() -> State {
        State::new(Timestamp::UNIX_EPOCH, 120, 40, "test".into())
    }

    #[test]
    fn an_empty_line_offers_the_words_then_the_commands_of_the_screen() {
        let all = entries(&state(), "");
        assert_eq!(all[0], Entry::Word(0));
        assert!(all.iter().any(|entry| entry.name() == "accounts.sort-mrr"));
        assert!(!all.iter().any(|entry| entry.name() == "account.tab-health"), "another screen's command");
    }

    #[test]
    fn read_only_offers_nothing_that_writes() {
        let mut state = state();
        state.read_only = true;
        let names: Vec<&str> = entries(&state, "").iter().map(|entry| entry.name()).collect();
        assert!(!names.contains(&"note") && !names.contains(&"save-queue"), "{names:?}");
        assert!(names.contains(&"account"));
    }

    #[test]
    fn typing_narrows_and_ranks_fuzzily() {
        let found = entries(&state(), "dashbrd");
        assert_eq!(found.first().map(|entry| entry.name()), Some("app.dashboard"));
        let found: Vec<&str> = entries(&state(), "sort mrr").iter().map(|entry| entry.name()).collect();
        assert_eq!(found[..2], ["sort", "accounts.sort-mrr"], "the word whose example says it, then the key");
        assert!(entries(&state(), "zzzzqqq").is_empty());
    }
}
