//! The README's screenshots: renders the console's screens from a demo
//! workspace into screenshots/NAME.png, through the real app core and effect
//! code on ratatui's TestBackend (as tests/screens.rs does), then buffer →
//! SVG (`keepers::ui::svg`) → PNG with resvg.
//!
//! Run with `cargo run --release --example screenshots`. The demo has a
//! fixed seed and a fixed "today", so the pictures only change when the
//! screens do. It needs one of the monospace fonts in
//! `keepers::ui::svg::FONT_FAMILIES` installed, and a Thai font for the
//! demo's Thai names, which otherwise show as boxes (`apt-get install
//! fonts-dejavu-core fonts-tlwg-mono`).
//!
//! A new screen is one more entry in [`SHOTS`].

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use resvg::{tiny_skia, usvg};

use keepers::app::keys::Key;
use keepers::app::{Action, Outcome, QueueScreen, State, start, update};
use keepers::config::health::HealthConfig;
use keepers::config::queues::QueuesConfig;
use keepers::console::{Sources, settle};
use keepers::demo::{self, DemoSpec};
use keepers::metrics::portfolio::LtvSettings;
use keepers::store::Store;
use keepers::ui::svg::{self, CellMetrics, FONT_FAMILIES};
use keepers::ui::{self, Theme};

/// One screenshot: the file's name and the keys pressed, from the accounts
/// list of a freshly opened console, to reach the screen.
struct Shot {
    name: &'static str,
    keys: &'static str,
}

const SHOTS: &[Shot] = &[
    Shot { name: "dashboard", keys: "D" },
    Shot { name: "accounts", keys: "" },
    // The third queue is the renewals.
    Shot { name: "queue", keys: "Q ] ]" },
    // The largest MRR first (4 again reverses), then g: sorting keeps the
    // cursor on its account. That customer has a full story.
    Shot { name: "account", keys: "4 4 g Enter" },
    // The first account's newest ticket has a three-comment conversation.
    Shot { name: "ticket", keys: "Enter 2 Enter" },
    Shot { name: "search", keys: "ctrl-k n o r d" },
    Shot { name: "palette", keys: ": s o r t down" },
    Shot { name: "help", keys: "?" },
    // Every open task by account, with the playbooks that made them.
    Shot { name: "tasks", keys: "T tab tab tab tab" },
    // The note editor over the third account.
    Shot {
        name: "note",
        keys: "j j Enter n C a l l e d : space r e n e w a l space o n space t r a c k . enter S e n d space t h e space q u o t e .",
    },
];

const SEED: u64 = 7;
const ACCOUNTS: usize = 2_000;
const TODAY: Date = Date::constant(2026, 11, 25);
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// An SVG larger than this is not kept next to its PNG.
const LARGEST_KEPT_SVG: usize = 200 * 1024;

fn now() -> Timestamp {
    "2026-11-25T12:00:00Z".parse().expect("a valid instant")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&out)?;
    let fonts = fonts()?;

    let dir = tempfile::tempdir()?;
    let path = dir.path().join("demo.db");
    demo::generate(&path, &DemoSpec::new(SEED, ACCOUNTS, TODAY), &mut |_| {})?;
    println!("demo workspace of {ACCOUNTS} accounts in {:.1?}", started.elapsed());

    let console = Console::open(&path, dir.path())?;
    let metrics = CellMetrics::MONO_14;
    for shot in SHOTS {
        let buffer = console.screen_after(shot.keys)?;
        let picture = svg::to_svg(&buffer, &metrics);
        let png = out.join(format!("{}.png", shot.name));
        render_png(&picture, &fonts, &png)?;
        let svg_path = out.join(format!("{}.svg", shot.name));
        if picture.len() < LARGEST_KEPT_SVG {
            std::fs::write(&svg_path, &picture)?;
        } else if svg_path.exists() {
            std::fs::remove_file(&svg_path)?;
        }
        println!(
            "{}: SVG {} KB{}, PNG {} KB",
            png.display(),
            picture.len() / 1024,
            if picture.len() < LARGEST_KEPT_SVG { "" } else { " (not kept)" },
            std::fs::metadata(&png)?.len() / 1024
        );
    }
    println!("done in {:.1?}", started.elapsed());
    Ok(())
}

/// The machine's fonts, with the first of [`FONT_FAMILIES`] found standing
/// in for the generic `monospace` too.
fn fonts() -> Result<usvg::Options<'static>, Box<dyn std::error::Error>> {
    let mut options = usvg::Options::default();
    let database = options.fontdb_mut();
    database.load_system_fonts();
    let found = FONT_FAMILIES.iter().find(|family| {
        database.faces().any(|face| face.families.iter().any(|(name, _)| name.as_str() == **family))
    });
    let Some(family) = found else {
        return Err(format!(
            "none of the fonts {FONT_FAMILIES:?} is installed; on Debian or Ubuntu: apt-get install fonts-dejavu-core"
        )
        .into());
    };
    database.set_monospace_family(*family);
    println!("font: {family}");
    Ok(options)
}

fn render_png(picture: &str, options: &usvg::Options, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let tree = usvg::Tree::from_str(picture, options)?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("an empty picture")?;
    resvg::render(&tree, tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    pixmap.save_png(path)?;
    Ok(())
}

/// The console without a terminal: the workspace and what the effects read.
struct Console {
    store: Store,
    sources: Sources,
    queues: QueueScreen,
}

impl Console {
    fn open(path: &Path, dir: &Path) -> Result<Console, Box<dyn std::error::Error>> {
        let store = Store::open(path)?;
        let queues = QueuesConfig::shipped()?;
        let titles = QueueScreen::new(
            queues.queues.iter().map(|queue| (queue.id.clone(), queue.title.to_string())).collect(),
        );
        let sources = Sources {
            models: HealthConfig::default(),
            queues: Mutex::new(queues),
            queues_path: dir.join("queues.toml"),
            me: String::new(),
            ltv: LtvSettings::default(),
            pushes: false,
            pushes_to: Vec::new(),
            // The shipped playbooks, so the tasks screen shows what they make.
            playbooks: keepers::playbooks::Playbooks::shipped()?,
            clock: now,
        };
        Ok(Console { store, sources, queues: titles })
    }

    /// The screen after opening the console and pressing `keys` (separated
    /// by spaces, as `keepers::app::keys::Key` reads them), in the dark theme.
    fn screen_after(&self, keys: &str) -> Result<Buffer, Box<dyn std::error::Error>> {
        let mut state = State::new(now(), WIDTH, HEIGHT, "demo.db".into());
        state.queues = self.queues.clone();
        let outcome = start(&mut state);
        self.run(&mut state, outcome);
        for key in keys.split_whitespace() {
            let key: Key = key.parse()?;
            let outcome = update(&mut state, Action::Key(key));
            self.run(&mut state, outcome);
        }
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
        terminal.draw(|frame| ui::draw(frame, &state, &Theme::dark()))?;
        Ok(terminal.backend().buffer().clone())
    }

    /// Carries out effects until none are left, as the console would.
    fn run(&self, state: &mut State, outcome: Outcome) {
        settle(&self.store, &self.sources, state, outcome);
    }
}
