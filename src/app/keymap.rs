//! The effective keymap: the registry's default keys with the user's
//! overrides from `keymap.toml` applied. Dispatch, the hint bar and the help
//! screen all read keys from here, so a rebound key shows where it works.
//!
//! Reading the file is `config::keymap`'s business; this module gets the
//! overrides as plain values and never touches a file.

use std::fmt;

use super::commands::{COMMANDS, Command, Context, Intent};
use super::keys::Key;

/// A command's keys as the user configured them, replacing its defaults.
/// No keys unbinds the command (it still runs from the `:` command line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub command: &'static Command,
    pub keys: Vec<Key>,
}

/// One command and the keys it answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    command: &'static Command,
    keys: Vec<Key>,
    /// Set by keymap.toml rather than by the registry: on a conflict the
    /// user's own binding wins, so an edit to the file always takes effect.
    configured: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// In registry order.
    bindings: Vec<Binding>,
}

/// Two commands of one context bound to the same key: only `winner` runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub key: Key,
    pub context: Context,
    pub winner: &'static str,
    pub loser: &'static str,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "keymap: {} is bound to both {} and {} ({}); {} wins",
            self.key,
            self.winner,
            self.loser,
            self.context.title(),
            self.winner
        )
    }
}

impl Default for Keymap {
    /// The registry's default keys.
    fn default() -> Keymap {
        Keymap::new(Vec::new())
    }
}

impl Keymap {
    /// The defaults with `overrides` applied; a later override of the same
    /// command replaces an earlier one, and a key listed twice counts once.
    pub fn new(overrides: Vec<KeyOverride>) -> Keymap {
        let mut bindings: Vec<Binding> = COMMANDS
            .iter()
            .map(|command| Binding { command, keys: command.keys.to_vec(), configured: false })
            .collect();
        for KeyOverride { command, keys } in overrides {
            if let Some(binding) = bindings.iter_mut().find(|binding| binding.command.id == command.id) {
                let mut unique = Vec::with_capacity(keys.len());
                for key in keys {
                    if !unique.contains(&key) {
                        unique.push(key);
                    }
                }
                binding.keys = unique;
                binding.configured = true;
            }
        }
        Keymap { bindings }
    }

    /// The same keys without the commands that change the workspace, for
    /// read-only mode: they leave help, the hint bar and the palette, and no
    /// key runs them.
    pub fn read_only(mut self) -> Keymap {
        self.bindings.retain(|binding| !binding.command.intent.writes());
        self
    }

    /// The keys `command` answers to, in the order they were given.
    pub fn keys(&self, command: &Command) -> &[Key] {
        self.bindings
            .iter()
            .find(|binding| binding.command.id == command.id)
            .map_or(&[], |binding| binding.keys.as_slice())
    }

    /// The command `key` runs in exactly `context` (globals not included).
    fn command_in(&self, context: Context, key: Key) -> Option<&'static Command> {
        let mut bound = self
            .bindings
            .iter()
            .filter(|binding| binding.command.context == context && binding.keys.contains(&key));
        let first = bound.next()?;
        Some(if first.configured { first } else { bound.find(|b| b.configured).unwrap_or(first) }.command)
    }

    /// The intent a key triggers in a context: the screen's own command
    /// first, then a global one.
    pub fn intent_for(&self, context: Context, key: Key) -> Option<Intent> {
        self.command_in(context, key)
            .or_else(|| self.command_in(Context::Global, key))
            .map(|command| command.intent)
    }

    /// The commands that apply in a context: its own, then the global ones
    /// it does not shadow completely. Unbound commands are listed too: they
    /// still run from the command line.
    pub fn commands_for(&self, context: Context) -> impl Iterator<Item = &'static Command> + '_ {
        let own = self.bindings.iter().filter(move |binding| binding.command.context == context);
        let global = self.bindings.iter().filter(move |binding| {
            let shadowed = !binding.keys.is_empty()
                && binding.keys.iter().all(|key| self.command_in(context, *key).is_some());
            binding.command.context == Context::Global && context != Context::Global && !shadowed
        });
        own.chain(global).map(|binding| binding.command)
    }

    /// Keys bound to two commands of the same context. A screen command
    /// shadowing a global one is intended and not reported.
    pub fn conflicts(&self) -> Vec<Conflict> {
        // Each binding's keys are unique, so every losing (command, key)
        // pair is reported exactly once.
        self.bindings
            .iter()
            .flat_map(|binding| binding.keys.iter().map(move |key| (binding.command, *key)))
            .filter_map(|(command, key)| {
                let winner = self.command_in(command.context, key)?;
                (winner.id != command.id).then_some(Conflict {
                    key,
                    context: command.context,
                    winner: winner.id,
                    loser: command.id,
                })
            })
            .collect()
    }

    /// The help screen for a context: the screen's own commands first, then
    /// the ones that work everywhere.
    pub fn help_lines(&self, context: Context) -> Vec<HelpLine> {
        let mut lines = Vec::new();
        let sections: &[Context] =
            if context == Context::Global { &[Context::Global] } else { &[context, Context::Global] };
        for section in sections {
            let commands: Vec<&Command> =
                self.commands_for(context).filter(|c| c.context == *section).collect();
            if commands.is_empty() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(HelpLine::Blank);
            }
            lines.push(HelpLine::Heading(section.title()));
            lines.extend(commands.into_iter().map(HelpLine::Command));
        }
        lines
    }
}

/// One line of the help screen.
#[derive(Debug, Clone, Copy)]
pub enum HelpLine {
    Heading(&'static str),
    Command(&'static Command),
    Blank,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::commands::find;
    use crate::app::keys::KeyCode;

    fn rebind(id: &str, keys: &[&str]) -> KeyOverride {
        KeyOverride {
            command: find(id).expect("a registry id"),
            keys: keys.iter().map(|key| key.parse().expect("a key")).collect(),
        }
    }

    #[test]
    fn screen_keys_come_before_global_ones() {
        let keymap = Keymap::default();
        assert_eq!(keymap.intent_for(Context::AccountList, Key::plain(KeyCode::Enter)), Some(Intent::Open));
        assert_eq!(keymap.intent_for(Context::AccountDetail, Key::plain(KeyCode::Enter)), Some(Intent::Open));
        assert_eq!(keymap.intent_for(Context::Ticket, Key::plain(KeyCode::Enter)), None);
        assert_eq!(keymap.intent_for(Context::AccountDetail, Key::char('h')), Some(Intent::Back));
        assert_eq!(keymap.intent_for(Context::AccountDetail, Key::char('j')), Some(Intent::MoveDown));
        assert_eq!(keymap.intent_for(Context::AccountList, Key::char('x')), None);
    }

    #[test]
    fn the_defaults_have_no_conflicts() {
        assert_eq!(Keymap::default().conflicts(), Vec::new());
    }

    #[test]
    fn an_override_replaces_the_keys_of_its_command_only() {
        let keymap = Keymap::new(vec![rebind("list.down", &["J", "ctrl-n", "J"])]);
        let down = find("list.down").unwrap();
        assert_eq!(keymap.keys(down), &[Key::char('J'), Key::ctrl('n')], "a repeated key counts once");
        assert_eq!(keymap.intent_for(Context::AccountList, Key::char('J')), Some(Intent::MoveDown));
        assert_eq!(keymap.intent_for(Context::AccountList, Key::char('j')), None, "j no longer moves");
        assert_eq!(keymap.intent_for(Context::AccountList, Key::char('k')), Some(Intent::MoveUp));
    }

    #[test]
    fn an_empty_list_unbinds_but_help_still_lists_the_command() {
        let keymap = Keymap::new(vec![rebind("app.help", &[])]);
        let help = find("app.help").unwrap();
        assert!(keymap.keys(help).is_empty());
        assert_eq!(keymap.intent_for(Context::AccountList, Key::char('?')), None);
        assert!(keymap.commands_for(Context::AccountList).any(|command| command.id == "app.help"));
    }

    #[test]
    fn a_same_context_duplicate_is_a_conflict_the_configured_command_wins() {
        let keymap = Keymap::new(vec![rebind("list.up", &["j"])]);
        assert_eq!(keymap.intent_for(Context::AccountList, Key::char('j')), Some(Intent::MoveUp));
        let conflicts = keymap.conflicts();
        assert_eq!(
            conflicts,
            vec![Conflict {
                key: Key::char('j'),
                context: Context::Global,
                winner: "list.up",
                loser: "list.down"
            }]
        );
        assert_eq!(
            conflicts[0].to_string(),
            "keymap: j is bound to both list.up and list.down (Everywhere); list.up wins"
        );
    }

    #[test]
    fn a_screen_command_shadowing_a_global_one_is_no_conflict() {
        let keymap = Keymap::new(vec![rebind("accounts.sort-next", &["q"])]);
        assert!(keymap.conflicts().is_empty());
        assert_eq!(keymap.intent_for(Context::AccountList, Key::char('q')), Some(Intent::NextSortColumn));
        assert_eq!(keymap.intent_for(Context::AccountDetail, Key::char('q')), Some(Intent::Quit));
    }

    #[test]
    fn help_shows_the_rebound_keys() {
        let keymap = Keymap::new(vec![rebind("app.quit", &["ctrl-q"])]);
        let quit = keymap
            .help_lines(Context::AccountList)
            .into_iter()
            .find_map(|line| match line {
                HelpLine::Command(command) if command.id == "app.quit" => Some(command),
                _ => None,
            })
            .expect("quit is in the help");
        assert_eq!(keymap.keys(quit), &[Key::ctrl('q')]);
    }
}
