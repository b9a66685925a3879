//! Where a source's secret comes from, in DESIGN.md's order: a command whose
//! output is the secret (`token_cmd = "pass show zendesk"`), an environment
//! variable (`token_env`), the OS keyring (`token_keyring = "service"`,
//! with the source's name as the user — only in a keepers built with the
//! `keyring` feature, off by default since the keyring is often absent over
//! SSH), or a file only its owner can read (`token_file`). A secret is held as a `SecretString`: never
//! printed, logged or put in `--json`; a secrets file group or others can
//! read is refused with the `chmod` that fixes it.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;

use secrecy::SecretString;
use serde::Deserialize;

/// How a source's configuration says to find its secret; exactly one of
/// the three.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct CredentialSource {
    pub token_cmd: Option<String>,
    pub token_env: Option<String>,
    /// The keyring service the secret is stored under.
    pub token_keyring: Option<String>,
    pub token_file: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    #[error("{source_name}: no secret is configured: add token_cmd, token_env or token_file to its table")]
    Missing { source_name: String },
    #[error("{source_name}: give one of token_cmd, token_env, token_keyring and token_file, not several")]
    Several { source_name: String },
    #[error("{source_name}: the OS keyring: {reason}")]
    Keyring { source_name: String, reason: String },
    #[error("{source_name}: the environment variable {variable} is not set (or is empty)")]
    NoVariable { source_name: String, variable: String },
    #[error("{source_name}: token_cmd `{command}` failed: {reason}")]
    Command { source_name: String, command: String, reason: String },
    #[error("{source_name}: cannot read token_file {}: {reason}", path.display())]
    File { source_name: String, path: PathBuf, reason: String },
    #[error(
        "{source_name}: token_file {} can be read by other users (mode {mode:o}); fix it with: chmod 600 {}",
        path.display(),
        path.display()
    )]
    OpenFile { source_name: String, path: PathBuf, mode: u32 },
    #[error("{source_name}: the secret is empty")]
    Empty { source_name: String },
}

impl CredentialSource {
    /// The secret, from wherever it is configured to come from.
    pub fn resolve(&self, source_name: &str) -> Result<SecretString, CredentialError> {
        let name = || source_name.to_owned();
        let given = [
            self.token_cmd.is_some(),
            self.token_env.is_some(),
            self.token_keyring.is_some(),
            self.token_file.is_some(),
        ];
        let text = match given.iter().filter(|given| **given).count() {
            0 => return Err(CredentialError::Missing { source_name: name() }),
            1 => self.read(source_name)?,
            _ => return Err(CredentialError::Several { source_name: name() }),
        };
        // A trailing newline from `pass` or a file is not part of the secret.
        let secret = text.trim_end_matches(['\n', '\r']).to_owned();
        if secret.trim().is_empty() {
            return Err(CredentialError::Empty { source_name: name() });
        }
        Ok(SecretString::from(secret))
    }

    fn read(&self, source_name: &str) -> Result<String, CredentialError> {
        let name = || source_name.to_owned();
        if let Some(command) = &self.token_cmd {
            let failed = |reason: String| CredentialError::Command {
                source_name: name(),
                command: command.clone(),
                reason,
            };
            let output = Command::new("sh")
                .arg("-c")
                .arg(command)
                .output()
                .map_err(|error| failed(error.to_string()))?;
            if !output.status.success() {
                // Its stderr may say why; its stdout might hold a secret and is not shown.
                let stderr =
                    String::from_utf8_lossy(&output.stderr).trim().chars().take(200).collect::<String>();
                return Err(failed(format!("{} {stderr}", output.status)));
            }
            return String::from_utf8(output.stdout).map_err(|_| failed("its output is not UTF-8".into()));
        }
        if let Some(variable) = &self.token_env {
            return std::env::var(variable).ok().filter(|value| !value.is_empty()).ok_or_else(|| {
                CredentialError::NoVariable { source_name: name(), variable: variable.clone() }
            });
        }
        if let Some(service) = &self.token_keyring {
            return from_keyring(service, source_name)
                .map_err(|reason| CredentialError::Keyring { source_name: name(), reason });
        }
        let Some(path) = &self.token_file else {
            return Err(CredentialError::Missing { source_name: name() });
        };
        let unreadable =
            |reason: String| CredentialError::File { source_name: name(), path: path.clone(), reason };
        let metadata = std::fs::metadata(path).map_err(|error| unreadable(error.to_string()))?;
        let mode = metadata.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(CredentialError::OpenFile { source_name: name(), path: path.clone(), mode });
        }
        std::fs::read_to_string(path).map_err(|error| unreadable(error.to_string()))
    }
}

/// The secret stored under `service` for the user `source_name`.
#[cfg(feature = "keyring")]
fn from_keyring(service: &str, source_name: &str) -> Result<String, String> {
    let entry = keyring::Entry::new(service, source_name).map_err(|error| error.to_string())?;
    entry.get_password().map_err(|error| {
        format!("no secret for service {service:?}, user {source_name:?} ({error}); store it there first")
    })
}

#[cfg(not(feature = "keyring"))]
fn from_keyring(_service: &str, _source_name: &str) -> Result<String, String> {
    Err("this keepers was built without the keyring feature (cargo build --features keyring); \
         use token_cmd, token_env or token_file"
        .to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn a_command_a_variable_or_a_private_file() {
        let from_command =
            CredentialSource { token_cmd: Some("printf 'tok-1\\n'".into()), ..CredentialSource::default() };
        assert_eq!(from_command.resolve("zendesk").expect("a secret").expose_secret(), "tok-1");

        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("token");
        std::fs::write(&path, "tok-2\n").expect("written");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        let from_file = CredentialSource { token_file: Some(path.clone()), ..CredentialSource::default() };
        assert_eq!(from_file.resolve("zendesk").expect("a secret").expose_secret(), "tok-2");

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let refused = from_file.resolve("zendesk").expect_err("open to others").to_string();
        assert!(refused.contains("chmod 600"), "{refused}");
        assert!(!refused.contains("tok-2"), "the secret is never in a message");
    }

    #[test]
    fn mistakes_say_what_to_do_and_never_show_the_secret() {
        let none =
            CredentialSource::default().resolve("hubspot").expect_err("nothing configured").to_string();
        assert!(none.contains("add token_cmd, token_env or token_file"), "{none}");
        let unset = CredentialSource {
            token_env: Some("KEEPERS_TEST_NO_SUCH_VARIABLE".into()),
            ..Default::default()
        };
        assert!(
            unset
                .resolve("hubspot")
                .expect_err("unset")
                .to_string()
                .contains("KEEPERS_TEST_NO_SUCH_VARIABLE")
        );
        // It prints "cba" (which its own text does not hold) and fails.
        let failing =
            CredentialSource { token_cmd: Some("echo abc | rev; exit 3".into()), ..Default::default() };
        let message = failing.resolve("hubspot").expect_err("it fails").to_string();
        assert!(message.contains("exit status: 3") && !message.contains("cba"), "{message}");
        let both = CredentialSource {
            token_cmd: Some("true".into()),
            token_env: Some("X".into()),
            ..CredentialSource::default()
        };
        assert!(both.resolve("hubspot").expect_err("two").to_string().contains("not several"));
        #[cfg(not(feature = "keyring"))]
        {
            let keyring = CredentialSource { token_keyring: Some("keepers".into()), ..Default::default() };
            let message = keyring.resolve("hubspot").expect_err("no keyring here").to_string();
            assert!(message.contains("--features keyring"), "{message}");
        }
    }
}
