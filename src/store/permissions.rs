//! File-system permissions of a workspace: it holds customer data, so the
//! directories keepers creates are 0700 and the files 0600 (the database and
//! SQLite's -wal and -shm beside it). A file or directory someone else made
//! readable is still opened — refusing would lock the user out of their own
//! data — but it yields a warning with the `chmod` that fixes it.
//!
//! Owns modes and directory creation only; it never opens the database.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::StoreError;

/// Creates the missing directories above `file`, each 0700.
pub(super) fn create_parent_directories(file: &Path) -> Result<(), StoreError> {
    let Some(parent) = file.parent().filter(|parent| !parent.as_os_str().is_empty()) else {
        return Ok(());
    };
    // Created one at a time, outermost first, so that each gets its mode set
    // exactly whatever the umask; directories that already exist keep theirs.
    let missing: Vec<&Path> = parent.ancestors().take_while(|dir| !dir.exists()).collect();
    for dir in missing.into_iter().rev() {
        match private_dir_builder().create(dir) {
            Ok(()) => set_mode(dir, PRIVATE_DIRECTORY)?,
            // Another process made it in the meantime: fine, and not ours to chmod.
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(StoreError::io("create the directory", dir, error)),
        }
    }
    Ok(())
}

/// Creates a new, empty file readable by its owner only; fails if it exists.
pub(super) fn create_private_file(path: &Path) -> Result<(), StoreError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE_FILE);
    match options.open(path) {
        Ok(_) => set_mode(path, PRIVATE_FILE),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            Err(StoreError::AlreadyExists { path: path.to_owned() })
        }
        Err(error) => Err(StoreError::io("create", path, error)),
    }
}

/// Warnings for a workspace file or its directory that group or others can
/// get at, each with what fixes it.
pub(super) fn exposure_warnings(file: &Path) -> Vec<String> {
    let mut warnings = Vec::new();
    if let Some(mode) = open_to_others(file) {
        warnings.push(format!(
            "{} is open to other users (mode {mode:o}); fix it with: chmod 600 {}",
            file.display(),
            shell_quoted(file)
        ));
    }
    let directory = directory_of(file);
    match open_to_others(&directory) {
        // A sticky directory such as /tmp is shared by design: chmod 700 on
        // it would break the system, so the advice is to move out.
        Some(mode) if mode & STICKY != 0 => warnings.push(format!(
            "the workspace is in the shared directory {} (mode {mode:o}), where other users \
             can see its name; move it to a directory only you can read",
            directory.display()
        )),
        Some(mode) => warnings.push(format!(
            "the workspace directory {} is open to other users (mode {mode:o}); \
             fix it with: chmod 700 {}",
            directory.display(),
            shell_quoted(&directory)
        )),
        None => {}
    }
    warnings
}

/// SQLite creates -wal and -shm with the database's mode, but a file made by
/// another tool (or an old keepers) may not be 0600: tighten any that exist.
pub(super) fn tighten_sidecar_files(database: &Path) -> Result<(), StoreError> {
    for suffix in ["-wal", "-shm"] {
        let mut name = database.as_os_str().to_owned();
        name.push(suffix);
        let sidecar = PathBuf::from(name);
        if open_to_others(&sidecar).is_some() {
            set_mode(&sidecar, PRIVATE_FILE)?;
        }
    }
    Ok(())
}

fn directory_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Quotes a path for a POSIX shell when it holds anything but plain
/// characters, so the suggested command can be pasted as it is.
fn shell_quoted(path: &Path) -> String {
    let text = path.to_string_lossy();
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

const PRIVATE_FILE: u32 = 0o600;
const PRIVATE_DIRECTORY: u32 = 0o700;
const STICKY: u32 = 0o1000;

fn private_dir_builder() -> fs::DirBuilder {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE_DIRECTORY);
    builder
}

/// The permission bits of a path that grant group or others any access, or
/// `None` when there are none (or the path does not exist).
#[cfg(unix)]
fn open_to_others(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path).ok()?.permissions().mode() & 0o7777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn open_to_others(_path: &Path) -> Option<u32> {
    None
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<(), StoreError> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .map_err(|error| StoreError::io("set the permissions of", path, error))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> Result<(), StoreError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_only_when_needed() {
        assert_eq!(shell_quoted(Path::new("/home/ann/keepers/default.db")), "/home/ann/keepers/default.db");
        assert_eq!(shell_quoted(Path::new("/tmp/my work/x.db")), "'/tmp/my work/x.db'");
        assert_eq!(shell_quoted(Path::new("/tmp/it's.db")), r"'/tmp/it'\''s.db'");
    }
}
