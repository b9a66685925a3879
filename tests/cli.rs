//! The command line as a user meets it: help, version, completions, the man
//! page, configuration errors, and the console refusing to start without a
//! terminal.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_keepers");

/// keepers with its directories inside `home`, so tests never touch the
/// real ones.
fn keepers(home: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env_remove("KEEPERS_WORKSPACE")
        .output()
        .expect("keepers runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_and_version() {
    let home = tempfile::tempdir().unwrap();
    let help = keepers(home.path(), &["--help"]);
    assert!(help.status.success());
    for text in
        ["--demo", "--workspace", "--config", "--log-level", "KEEPERS_WORKSPACE", "completions", "man"]
    {
        assert!(stdout(&help).contains(text), "help mentions {text}:\n{}", stdout(&help));
    }
    let version = keepers(home.path(), &["--version"]);
    assert_eq!(stdout(&version).trim(), format!("keepers {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_usage_mistake_exits_with_2() {
    let home = tempfile::tempdir().unwrap();
    let output = keepers(home.path(), &["--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn completions_for_each_shell() {
    let home = tempfile::tempdir().unwrap();
    for (shell, marker) in
        [("bash", "complete -F"), ("zsh", "#compdef keepers"), ("fish", "complete -c keepers")]
    {
        let output = keepers(home.path(), &["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        assert!(stdout(&output).contains(marker), "{shell} completions contain {marker:?}");
        assert!(stdout(&output).contains("workspace"), "{shell} completions know the options");
    }
}

#[test]
fn the_man_page_comes_from_the_same_definitions() {
    let home = tempfile::tempdir().unwrap();
    let output = keepers(home.path(), &["man"]);
    assert!(output.status.success());
    let page = stdout(&output);
    assert!(page.contains(".TH keepers 1"), "{page}");
    for option in [r"\-\-workspace", r"\-\-demo", r"\-\-config", "completions"] {
        assert!(page.contains(option), "the man page documents {option}:\n{page}");
    }
}

#[test]
fn the_default_config_is_printed_as_shipped() {
    let home = tempfile::tempdir().unwrap();
    let output = keepers(home.path(), &["config", "--default"]);
    assert_eq!(stdout(&output), include_str!("../config/keepers.toml"));
}

#[test]
fn config_shows_where_files_live() {
    let home = tempfile::tempdir().unwrap();
    let output = keepers(home.path(), &["config"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains(&home.path().join("data/keepers/default.db").display().to_string()), "{text}");
    assert!(text.contains("absent: defaults in use"), "{text}");
}

#[test]
fn a_malformed_config_names_file_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("bad.toml");
    std::fs::write(&config, "[demo]\nseed = 1\nacounts = 10\n").unwrap();
    let output = keepers(home.path(), &["--config", config.to_str().unwrap(), "config"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains(&format!("{}:3:1:", config.display())), "{message}");
    assert!(message.contains("acounts"), "{message}");
}

#[test]
fn a_missing_explicit_config_is_an_error() {
    let home = tempfile::tempdir().unwrap();
    let output = keepers(home.path(), &["--config", "/nonexistent/keepers.toml", "config"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("/nonexistent/keepers.toml"), "{}", stderr(&output));
}

#[test]
fn the_console_needs_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let output = keepers(home.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("needs a terminal"), "{}", stderr(&output));
}

#[test]
fn the_workspace_comes_from_the_environment() {
    let home = tempfile::tempdir().unwrap();
    let workspace = home.path().join("elsewhere.db");
    let output = Command::new(BIN)
        .arg("config")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("KEEPERS_WORKSPACE", &workspace)
        .output()
        .unwrap();
    assert!(
        stdout(&output).contains(&format!("workspace:    {}", workspace.display())),
        "{}",
        stdout(&output)
    );
}

#[test]
fn demo_generates_once_and_refuses_to_overwrite() {
    let home = tempfile::tempdir().unwrap();
    let workspace = home.path().join("demo.db");
    let path = workspace.to_str().unwrap();
    let first = keepers(home.path(), &["demo", "--accounts", "20", "--workspace", path]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(workspace.exists());
    let second = keepers(home.path(), &["demo", "--accounts", "20", "--workspace", path]);
    assert_eq!(second.status.code(), Some(1));
    assert!(stderr(&second).contains(path), "{}", stderr(&second));
}
