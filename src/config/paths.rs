//! Where keepers keeps its files, from the platform's conventions (the XDG
//! base directories on Linux) through `directories`.

use std::path::{Path, PathBuf};

use directories::{BaseDirs, ProjectDirs};

use super::ConfigError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Workspaces: `default.db`, `demo.db`.
    pub data_dir: PathBuf,
    /// `keepers.toml`.
    pub config_dir: PathBuf,
    /// The log file.
    pub state_dir: PathBuf,
    home: Option<PathBuf>,
}

impl Paths {
    pub fn discover() -> Result<Paths, ConfigError> {
        let dirs = ProjectDirs::from("", "", "keepers").ok_or(ConfigError::NoHome)?;
        Ok(Paths {
            data_dir: dirs.data_dir().to_owned(),
            config_dir: dirs.config_dir().to_owned(),
            // Platforms without a state directory keep state with local data.
            state_dir: dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir()).to_owned(),
            home: BaseDirs::new().map(|base| base.home_dir().to_owned()),
        })
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("keepers.toml")
    }

    pub fn default_workspace(&self) -> PathBuf {
        self.data_dir.join("default.db")
    }

    pub fn demo_workspace(&self) -> PathBuf {
        self.data_dir.join("demo.db")
    }

    pub fn log_file(&self) -> PathBuf {
        self.state_dir.join("keepers.log")
    }

    /// Expands a leading `~/` in a configured path to the home directory.
    pub fn expand_home(&self, path: &Path) -> PathBuf {
        match (path.strip_prefix("~"), &self.home) {
            (Ok(rest), Some(home)) => home.join(rest),
            _ => path.to_owned(),
        }
    }
}
