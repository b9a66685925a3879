//! End to end: the built binary in a real terminal (tmux), driven by keys.
//! Checks what is on screen at each step, and that the terminal is restored
//! after quitting and after SIGTERM and SIGHUP. Skipped, saying so, where
//! tmux is not installed (.ci/run installs it).

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::BIN;
use common::backend::FakeBackend;

fn tmux_available() -> bool {
    Command::new("tmux").arg("-V").output().is_ok_and(|output| output.status.success())
}

fn run(program: &str, args: &[&str]) -> Output {
    Command::new(program).args(args).output().unwrap_or_else(|error| panic!("{program} did not run: {error}"))
}

/// One tmux session running keepers on a workspace of its own.
struct Session {
    name: String,
    dir: tempfile::TempDir,
}

impl Session {
    fn start(test: &str) -> Session {
        Session::start_with_keymap(test, None)
    }

    /// Starts keepers with `keymap` as the keymap.toml in its config directory.
    fn start_with_keymap(test: &str, keymap: Option<&str>) -> Session {
        let files: Vec<(&str, &str)> = keymap.map(|text| ("keymap.toml", text)).into_iter().collect();
        Session::start_with_config(test, &files)
    }

    /// Starts keepers with these files (name, text) in its config directory.
    fn start_with_config(test: &str, files: &[(&str, &str)]) -> Session {
        let dir = tempfile::tempdir().expect("a temp dir");
        if !files.is_empty() {
            // A private workspace directory, so no permission warning takes
            // the status line the config's messages are reported in.
            std::fs::set_permissions(dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o700))
                .expect("the temp dir's mode");
            let config = dir.path().join("config/keepers");
            std::fs::create_dir_all(&config).expect("the config directory");
            for (name, text) in files {
                common::write_private(&config.join(name), text);
            }
        }
        let workspace = dir.path().join("demo.db");
        let generated = Command::new(BIN)
            .args(["demo", "--seed", "3", "--accounts", "300", "--workspace"])
            .arg(&workspace)
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .output()
            .expect("keepers demo runs");
        assert!(generated.status.success(), "{}", String::from_utf8_lossy(&generated.stderr));
        let name = format!("keepers-e2e-{test}-{}", std::process::id());
        let command = format!(
            "echo BEFORE-KEEPERS; XDG_STATE_HOME={state} XDG_CONFIG_HOME={config} {bin} --workspace {workspace}; echo EXIT=$?; sleep 60",
            state = quoted(&dir.path().join("state")),
            config = quoted(&dir.path().join("config")),
            bin = quoted(Path::new(BIN)),
            workspace = quoted(&workspace),
        );
        let started = run("tmux", &["new-session", "-d", "-s", &name, "-x", "120", "-y", "40", &command]);
        assert!(started.status.success(), "tmux: {}", String::from_utf8_lossy(&started.stderr));
        Session { name, dir }
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&run("tmux", &["capture-pane", "-p", "-t", &self.name]).stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            run("tmux", &["send-keys", "-t", &self.name, key]);
            sleep(Duration::from_millis(80));
        }
    }

    /// Waits up to 20 s for `text` on screen (CI runs these side by side on
    /// two cores); fails with the screen if not.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(Instant::now() < deadline, "waited for {text:?}; the screen shows:\n{screen}");
            sleep(Duration::from_millis(50));
        }
    }

    /// The keepers process: the child of the pane's shell.
    fn keepers_pid(&self) -> String {
        let shell = run("tmux", &["display-message", "-p", "-t", &self.name, "#{pane_pid}"]);
        let shell = String::from_utf8_lossy(&shell.stdout).trim().to_owned();
        let child = run("pgrep", &["-P", &shell]);
        String::from_utf8_lossy(&child.stdout).lines().next().expect("keepers is running").trim().to_owned()
    }

    fn assert_restored(&self, exit: &str) {
        let screen = self.wait_for(exit);
        assert!(screen.contains("BEFORE-KEEPERS"), "the shell's screen came back:\n{screen}");
        assert!(!screen.contains("accounts · by"), "the console's screen is gone:\n{screen}");
        let log =
            std::fs::read_to_string(self.dir.path().join("state/keepers/keepers.log")).unwrap_or_default();
        assert!(log.contains("opened the workspace"), "the log went to its file: {log}");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        run("tmux", &["kill-session", "-t", &self.name]);
    }
}

fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

macro_rules! require_tmux {
    () => {
        if !tmux_available() {
            eprintln!("SKIPPED: tmux is not installed, so the end-to-end console test cannot run");
            return;
        }
    };
}

#[test]
fn walk_accounts_detail_help_and_quit() {
    require_tmux!();
    let session = Session::start("walk");
    let first = session.wait_for("300 accounts · by name ▲");
    assert!(first.contains("stage") && first.contains("renewal"), "{first}");
    session.keys(&["j", "j", "Enter"]);
    session.wait_for("Timeline");
    session.wait_for("Contacts (");
    session.keys(&["Escape"]);
    session.wait_for("3/300");
    session.keys(&["4"]);
    session.wait_for("by MRR ▲");
    session.keys(&["G"]);
    session.wait_for("300/300");
    session.keys(&["?"]);
    session.wait_for("Keys — ? or esc to close");
    session.keys(&["q"]);
    session.wait_for("by MRR ▲");
    session.keys(&["q"]);
    session.assert_restored("EXIT=0");
}

#[test]
fn the_queues_screen_opens_switches_and_goes_back() {
    require_tmux!();
    let session = Session::start("queues");
    session.wait_for("300 accounts");
    session.keys(&["Q"]);
    session.wait_for("queues · Churn risk");
    session.keys(&["]"]);
    session.wait_for("queues · Onboarding");
    session.keys(&["Escape"]);
    session.wait_for("300 accounts · by name");
    session.keys(&["q"]);
    session.assert_restored("EXIT=0");
}

#[test]
fn walk_queue_account_ticket_back_filter_and_quit() {
    require_tmux!();
    let session = Session::start("queue-walk");
    session.wait_for("300 accounts");
    session.keys(&["Q"]);
    session.wait_for("queues · Churn risk");
    session.keys(&["]", "]"]);
    session.wait_for("queues · Renewals");
    let queue = session.wait_for("accounts — enter opens");
    session.keys(&["Enter"]);
    session.wait_for("Timeline");
    session.keys(&["2"]);
    session.wait_for("newest first — enter opens");
    session.keys(&["Enter"]);
    let ticket = session.wait_for("ticket #");
    assert!(ticket.contains("Status") || ticket.contains("status"), "the ticket's facts:\n{ticket}");
    session.keys(&["Escape"]);
    session.wait_for("newest first — enter opens");
    session.keys(&["Escape"]);
    let back = session.wait_for("queues · Renewals");
    assert_eq!(
        queue.lines().find(|line| line.contains("Renewals in the next")),
        back.lines().find(|line| line.contains("Renewals in the next")),
        "the same queue, as it was"
    );
    session.keys(&["/", "m", "r", "r", " ", ">", " ", "1", "0", "0", "Enter"]);
    session.wait_for("matching mrr > 100");
    session.wait_for(" match — enter opens");
    session.keys(&["/", "C-u", "h", "e", "l", "t", "h", " ", "<", " ", "5", "Enter"]);
    session.wait_for("did you mean \"health\"");
    session.keys(&["Escape", "Escape"]);
    let whole = session.wait_for("accounts — enter opens");
    assert!(!whole.contains("matching"), "Esc took the filter away:\n{whole}");
    session.keys(&["q"]);
    session.assert_restored("EXIT=0");
}

#[test]
fn search_dashboard_and_palette_in_the_real_terminal() {
    require_tmux!();
    let session = Session::start("search");
    session.wait_for("300 accounts");
    session.keys(&["C-k", "a", "b"]);
    session.wait_for("hits in");
    session.wait_for("Accounts (");
    session.keys(&["Enter"]);
    session.wait_for("Timeline");
    session.keys(&["D"]);
    session.wait_for("dashboard · every account · 300 accounts");
    session.wait_for("Revenue at risk");
    session.keys(&["Tab", "Tab", "Enter"]);
    session.wait_for("enter lists the");
    session.keys(&["Escape", "C-p", "d", "a", "s", "h", "Down", "Enter"]);
    session.wait_for("dashboard · every account");
    session.keys(&["Escape", "q"]);
    session.assert_restored("EXIT=0");
}

#[test]
fn another_process_writing_refreshes_the_console() {
    require_tmux!();
    let session = Session::start("refresh");
    session.wait_for("300 accounts");
    let workspace =
        rusqlite::Connection::open(session.dir.path().join("demo.db")).expect("the workspace opens");
    workspace
        .execute(
            "INSERT INTO accounts (name, name_sort_key, domain, plan, mrr_minor, mrr_currency, owner, stage, \
             created_at) VALUES ('Aardvark Imports', 'aardvark imports', 'aardvark.example', 'team', 0, 'USD', \
             '', 'acquisition', 0)",
            [],
        )
        .expect("another process adds an account");
    let screen = session.wait_for("301 accounts");
    assert!(screen.contains("Aardvark Imports"), "the new account is listed:\n{screen}");
    session.keys(&["q"]);
    session.assert_restored("EXIT=0");
}

#[test]
fn sigterm_restores_the_terminal() {
    require_tmux!();
    let session = Session::start("term");
    session.wait_for("300 accounts");
    run("kill", &["-TERM", &session.keepers_pid()]);
    session.assert_restored("EXIT=143");
}

#[test]
fn sighup_restores_the_terminal() {
    require_tmux!();
    let session = Session::start("hup");
    session.wait_for("300 accounts");
    run("kill", &["-HUP", &session.keepers_pid()]);
    session.assert_restored("EXIT=129");
}

#[test]
fn a_small_terminal_gets_a_message_not_a_broken_layout() {
    require_tmux!();
    let session = Session::start("small");
    session.wait_for("300 accounts");
    run("tmux", &["resize-window", "-t", &session.name, "-x", "70", "-y", "20"]);
    session.wait_for("keepers needs a terminal of at least 80×24");
    run("tmux", &["resize-window", "-t", &session.name, "-x", "120", "-y", "40"]);
    session.wait_for("300 accounts");
    session.keys(&["q"]);
    session.assert_restored("EXIT=0");
}

#[test]
fn the_keymap_and_the_command_line() {
    require_tmux!();
    let keymap = "[keys]\n\"list.down\" = [\"J\"]\n\"accounts.sort-next\" = [\"r\"]\n";
    let session = Session::start_with_keymap("keymap", Some(keymap));
    session.wait_for("keymap: r is bound to both accounts.sort-next and accounts.sort-reverse");
    session.wait_for("1/300");
    session.keys(&["j", "J", "J"]);
    session.wait_for("3/300");
    session.keys(&[":", "sort renewal desc", "Enter"]);
    session.wait_for("by renewal ▼");
    session.keys(&[":", "srot", "Enter"]);
    session.wait_for("did you mean :sort?");
    session.keys(&[":", "quit", "Enter"]);
    session.assert_restored("EXIT=0");
}

#[test]
fn a_mistake_in_the_keymap_stops_keepers_with_its_line() {
    require_tmux!();
    let session = Session::start_with_keymap("badkeymap", Some("[keys]\n\"list.dwon\" = [\"n\"]\n"));
    let screen = session.wait_for("EXIT=1");
    assert!(screen.contains("keymap.toml:2:1: unknown command \"list.dwon\""), "{screen}");
    assert!(screen.contains("did you mean \"list.down\"?"), "{screen}");
}

#[test]
fn hostile_names_neither_retitle_nor_garble_the_terminal() {
    // A raw `ESC ] 0 ; pwned BEL` printed in a tmux pane does retitle it, so
    // an unchanged title shows the demo's hostile names were sanitised.
    require_tmux!();
    let session = Session::start("hostile");
    session.wait_for("300 accounts");
    run("tmux", &["select-pane", "-t", &session.name, "-T", "before-keepers"]);
    // Every row of the demo, hostile names included, passes over the screen,
    // and one account view of each page is opened and closed.
    for _ in 0..10 {
        session.keys(&["Enter", "Escape", "PageDown"]);
    }
    session.keys(&["G", "Enter", "Escape"]);
    let screen = session.wait_for("300/300");
    assert!(screen.contains("300 accounts"), "the title bar is intact:\n{screen}");
    let title = run("tmux", &["display-message", "-p", "-t", &session.name, "#{pane_title}"]);
    assert_eq!(
        String::from_utf8_lossy(&title.stdout).trim(),
        "before-keepers",
        "no OSC 0 reached the terminal"
    );
    let clipboard = run("tmux", &["show-buffer"]);
    assert!(
        !String::from_utf8_lossy(&clipboard.stdout).contains("rm -rf"),
        "no OSC 52 reached the clipboard"
    );
    session.keys(&["q"]);
    session.assert_restored("EXIT=0");
}

#[test]
fn a_note_typed_in_the_console_reaches_the_backend_with_its_key() {
    require_tmux!();
    let backend = FakeBackend::accepting(Duration::ZERO);
    let config = backend.push_config();
    let session = Session::start_with_config("push", &[("keepers.toml", &config)]);
    session.wait_for("1/300");
    session.keys(&["Enter"]);
    session.wait_for("Timeline (");
    session.keys(&["n"]);
    session.wait_for("ctrl-s send");
    session.keys(&["Called: renewal on track", "C-s"]);
    session.wait_for("Note added (waiting to be pushed)");
    // The playbooks' tasks of the first open go out too; the note is one
    // request among them, sent once.
    let is_the_note = |request: &wiremock::Request| {
        serde_json::from_slice::<serde_json::Value>(&request.body)
            .is_ok_and(|body| body["payload"]["body"] == "Called: renewal on track")
    };
    let mut notes = Vec::new();
    for _ in 0..200 {
        notes = backend.requests().into_iter().filter(|request| is_the_note(request)).collect();
        if !notes.is_empty() {
            break;
        }
        sleep(Duration::from_millis(50));
    }
    assert_eq!(notes.len(), 1, "the pusher sent the note once");
    assert!(notes[0].headers.get("idempotency-key").is_some());
    session.wait_for("all pushed");
    session.keys(&["O"]);
    session.wait_for("every action has reached the backend");
    session.keys(&["q"]);
    session.assert_restored("EXIT=0");
}

#[test]
fn a_scheduled_sync_runs_in_the_background_and_the_list_shows_what_it_read() {
    require_tmux!();
    use serde_json::json;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, ResponseTemplate};
    let backend = FakeBackend::accepting(Duration::ZERO);
    let list = |key: &str, records: serde_json::Value| {
        ResponseTemplate::new(200).set_body_json(json!({ key: records, "meta": { "has_more": false } }))
    };
    let mocks = [
        Mock::given(method("GET")).and(path("/api/v2/organizations.json")).respond_with(list(
            "organizations",
            json!([{ "id": 7, "name": "Zephyr Synced Ltd", "domain_names": ["zephyr-synced.example"],
                     "created_at": "2025-01-01T00:00:00Z" }]),
        )),
        Mock::given(method("GET")).and(path("/api/v2/users.json")).respond_with(list("users", json!([]))),
        Mock::given(method("GET"))
            .and(path("/api/v2/satisfaction_ratings.json"))
            .respond_with(list("satisfaction_ratings", json!([]))),
        Mock::given(method("GET")).and(path("/api/v2/incremental/tickets/cursor.json")).respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "tickets": [], "after_cursor": "c1", "end_of_stream": true })),
        ),
    ];
    for mock in mocks {
        backend.runtime.block_on(mock.mount(&backend.server));
    }
    let config = format!(
        "[[source]]\nkind = \"zendesk\"\nbase_url = \"{}\"\nemail = \"a@b.example\"\ntoken_cmd = \"echo t\"\nsync_every_minutes = 60\n",
        backend.server.uri()
    );
    let session = Session::start_with_config("sync", &[("keepers.toml", &config)]);
    session.wait_for("1/300");
    session.wait_for("zendesk just now");
    session.wait_for("301 accounts");
    session.keys(&["q"]);
    session.assert_restored("EXIT=0");
}
