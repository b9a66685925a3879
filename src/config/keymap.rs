//! `keymap.toml`: the user's keys for the console's commands, read into the
//! overrides that [`crate::app::keymap::Keymap`] applies to the registry's
//! defaults.
//!
//! The file has one table, `[keys]`, mapping command ids to lists of key
//! names; a list replaces that command's default keys and an empty list
//! unbinds it. An unknown command id (with the nearest valid one), a key
//! name that is not a key, or a value that is not a list of strings is an
//! error naming the file, the line and the column. Conflicts between
//! commands are not errors here: the keymap reports them once it is built.
//!
//! Reads text only; where the file lives is the caller's business.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::{ConfigError, line_and_column};
use crate::app::commands::{self, COMMANDS};
use crate::app::keymap::KeyOverride;
use crate::app::keys::Key;
use crate::app::suggest::nearest;

/// The commented default keymap, as shipped: it binds nothing extra.
pub const DEFAULT_KEYMAP_CONFIG: &str = include_str!("../../config/keymap.toml");

/// Reads `path`. A missing file means the defaults (no overrides).
pub fn load(path: &Path) -> Result<Vec<KeyOverride>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(source) => Err(ConfigError::Read { path: path.to_owned(), source }),
    }
}

/// Parses `keymap.toml` text into overrides, in the order the file gives
/// them; `path` is only used in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Vec<KeyOverride>, ConfigError> {
    let error = |span: Range<usize>, message: String| {
        let (line, column) = line_and_column(text, span.start);
        ConfigError::Invalid { path: path.to_owned(), line, column, message }
    };
    let root = DeTable::parse(text)
        .map_err(|parse_error| error(parse_error.span().unwrap_or(0..0), parse_error.message().to_owned()))?;
    let mut overrides = Vec::new();
    for (section, value) in in_file_order(root.get_ref()) {
        if section.get_ref() != "keys" {
            return Err(error(
                section.span(),
                format!("unknown table {:?}: keymap.toml has one table, [keys]", section.get_ref()),
            ));
        }
        let DeValue::Table(keys) = value.get_ref() else {
            return Err(error(value.span(), "keys must be a table: [keys]".to_owned()));
        };
        for (id, list) in in_file_order(keys) {
            overrides.push(read_override(id, list, &error)?);
        }
    }
    Ok(overrides)
}

type Entry<'t, 'i> = (&'t Spanned<DeString<'i>>, &'t Spanned<DeValue<'i>>);

/// A table's entries in the order they appear in the file, so the first
/// mistake in the file is the one reported.
fn in_file_order<'t, 'i>(table: &'t DeTable<'i>) -> Vec<Entry<'t, 'i>> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

fn read_override(
    id: &Spanned<DeString<'_>>,
    list: &Spanned<DeValue<'_>>,
    error: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<KeyOverride, ConfigError> {
    let name = id.get_ref().as_ref();
    let Some(command) = commands::find(name) else {
        let ids: Vec<&str> = COMMANDS.iter().map(|command| command.id).collect();
        let suggestion =
            nearest(name, &ids).map(|near| format!("did you mean {near:?}? ")).unwrap_or_default();
        return Err(error(
            id.span(),
            format!(
                "unknown command {name:?}: {suggestion}(`keepers config --default --file keymap` lists every command)"
            ),
        ));
    };
    let not_a_list =
        || error(list.span(), format!("{name} must be a list of key names, like [\"j\", \"down\"]"));
    let DeValue::Array(items) = list.get_ref() else { return Err(not_a_list()) };
    let mut keys = Vec::with_capacity(items.len());
    for item in items.iter() {
        let DeValue::String(raw) = item.get_ref() else { return Err(not_a_list()) };
        let key: Key = raw.parse().map_err(|bad| error(item.span(), format!("{name}: {bad}")))?;
        keys.push(key);
    }
    Ok(KeyOverride { command, keys })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Keymap;

    fn read(text: &str) -> Result<Vec<KeyOverride>, ConfigError> {
        parse(text, Path::new("keymap.toml"))
    }

    #[test]
    fn the_shipped_file_binds_nothing() {
        assert_eq!(read(DEFAULT_KEYMAP_CONFIG).unwrap(), Vec::new());
    }

    #[test]
    fn the_shipped_file_shows_every_command_with_its_default_keys() {
        for command in COMMANDS {
            let prefix = format!("# \"{}\" = ", command.id);
            let line = DEFAULT_KEYMAP_CONFIG
                .lines()
                .find(|line| line.starts_with(&prefix))
                .unwrap_or_else(|| panic!("keymap.toml does not show {}", command.id));
            let overrides = read(&format!("[keys]\n{}", &line[2..])).expect("the commented line reads");
            assert_eq!(overrides[0].keys, command.keys, "{}", command.id);
        }
    }

    #[test]
    fn lists_replace_and_empty_lists_unbind() {
        let overrides =
            read("[keys]\n\"list.down\" = [\"j\", \"down\", \"ctrl-n\"]\n\"app.help\" = []\n").unwrap();
        assert_eq!(overrides.len(), 2);
        assert_eq!(overrides[0].command.id, "list.down");
        assert_eq!(overrides[0].keys, vec![Key::char('j'), "down".parse().unwrap(), Key::ctrl('n')]);
        assert_eq!(overrides[1].command.id, "app.help");
        assert!(overrides[1].keys.is_empty());
    }

    #[test]
    fn an_unknown_command_names_the_line_and_the_nearest_id() {
        let error =
            read("[keys]\n\"list.down\" = [\"j\"]\n  \"list.dwon\" = [\"n\"]\n").unwrap_err().to_string();
        assert!(error.starts_with("keymap.toml:3:3: unknown command \"list.dwon\""), "{error}");
        assert!(error.contains("did you mean \"list.down\"?"), "{error}");
    }

    #[test]
    fn a_bad_key_names_the_line() {
        let error = read("[keys]\n\n\"app.quit\" = [\"q\", \"ctrl-\"]\n").unwrap_err().to_string();
        assert!(error.starts_with("keymap.toml:3:20: app.quit: \"ctrl-\" is not a key"), "{error}");
    }

    #[test]
    fn wrong_shapes_and_tables_name_the_line() {
        let error = read("[keys]\n\"app.quit\" = \"q\"\n").unwrap_err().to_string();
        assert!(error.starts_with("keymap.toml:2:14: app.quit must be a list"), "{error}");
        let error = read("[keys]\n\"app.quit\" = [1]\n").unwrap_err().to_string();
        assert!(error.starts_with("keymap.toml:2:14: "), "{error}");
        let error = read("[key]\n").unwrap_err().to_string();
        assert!(error.starts_with("keymap.toml:1:2: unknown table \"key\""), "{error}");
        let error = read("[keys\n").unwrap_err().to_string();
        assert!(error.starts_with("keymap.toml:1:"), "{error}");
    }

    #[test]
    fn a_conflict_from_the_file_is_reported_by_the_keymap() {
        let keymap = Keymap::new(read("[keys]\n\"accounts.sort-next\" = [\"r\"]\n").unwrap());
        let conflicts: Vec<String> = keymap.conflicts().iter().map(ToString::to_string).collect();
        assert_eq!(
            conflicts,
            vec![
                "keymap: r is bound to both accounts.sort-next and accounts.sort-reverse (Accounts); accounts.sort-next wins"
            ]
        );
    }
}
