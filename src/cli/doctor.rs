//! `keepers doctor`: checks what keepers needs, one line each, and says
//! what to fix — the configuration files, the workspace and its
//! permissions, and for each backend its credentials and whether it
//! answers. Exits 1 when a check failed.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use serde_json::json;

use super::CliError;
use super::report::print_json;
use crate::config::Config;
use crate::connectors::freshdesk::Freshdesk;
use crate::connectors::hubspot::HubSpot;
use crate::connectors::zendesk::Zendesk;
use crate::connectors::{SourceConfig, connector_from_config};
use crate::store::Store;
use crate::sync::backoff::RandomDraws;

struct Check {
    what: String,
    ok: bool,
    detail: String,
}

fn check(what: impl Into<String>, result: Result<String, String>) -> Check {
    match result {
        Ok(detail) => Check { what: what.into(), ok: true, detail },
        Err(detail) => Check { what: what.into(), ok: false, detail },
    }
}

/// Runs every check; whether all passed.
pub fn run(config: &Config, config_path: &Path, workspace: &Path, json: bool) -> Result<bool, CliError> {
    let mut checks = vec![check("configuration", config_file(config_path))];
    checks.push(check("workspace", workspace_check(workspace)));
    if let Some(push) = &config.push {
        let result =
            connector_from_config(push).map(|_| "the webhook address and token are usable".to_owned());
        checks.push(check("[push]", result.map_err(|error| error.to_string())));
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let mut draws = RandomDraws::from_system().map_err(CliError::RandomSource)?;
    for source in &config.source {
        match source {
            SourceConfig::Zendesk(settings) => {
                let name = format!("source {}", settings.name);
                match Zendesk::from_config(settings) {
                    Err(error) => checks.push(check(name, Err(error.to_string()))),
                    Ok(zendesk) => {
                        checks.push(check(format!("{name} credentials"), Ok("the token was found".into())));
                        let answer = runtime.block_on(zendesk.check(&mut draws));
                        let result = answer
                            .map(|role| {
                                format!("Zendesk answers and signs the token's user in (role: {role})")
                            })
                            .map_err(|error| error.to_string());
                        checks.push(check(format!("{name} reachable"), result));
                    }
                }
            }
            SourceConfig::Freshdesk(settings) => {
                let name = format!("source {}", settings.name);
                match Freshdesk::from_config(settings) {
                    Err(error) => checks.push(check(name, Err(error.to_string()))),
                    Ok(freshdesk) => {
                        checks.push(check(format!("{name} credentials"), Ok("the API key was found".into())));
                        let answer = runtime.block_on(freshdesk.check(&mut draws));
                        let result = answer
                            .map(|agent| {
                                format!("Freshdesk answers and signs the API key's agent in ({agent})")
                            })
                            .map_err(|error| error.to_string());
                        checks.push(check(format!("{name} reachable"), result));
                    }
                }
            }
            SourceConfig::Hubspot(settings) => {
                let name = format!("source {}", settings.name);
                match HubSpot::from_config(settings) {
                    Err(error) => checks.push(check(name, Err(error.to_string()))),
                    Ok(hubspot) => {
                        checks.push(check(format!("{name} credentials"), Ok("the token was found".into())));
                        let answer = runtime.block_on(hubspot.check(&mut draws));
                        let result = answer
                            .map(|portal| format!("HubSpot answers and accepts the token ({portal})"))
                            .map_err(|error| error.to_string());
                        checks.push(check(format!("{name} reachable"), result));
                    }
                }
            }
        }
    }
    if config.source.is_empty() {
        checks.push(check("sources", Ok("none configured (config/examples/ shows how)".into())));
    }
    let all_ok = checks.iter().all(|check| check.ok);
    if json {
        let list: Vec<_> =
            checks.iter().map(|c| json!({ "check": c.what, "ok": c.ok, "detail": c.detail })).collect();
        print_json(&json!({ "ok": all_ok, "checks": list }))?;
    } else {
        let mut out = std::io::stdout().lock();
        for check in &checks {
            writeln!(out, "{} {}: {}", if check.ok { "ok  " } else { "FIX " }, check.what, check.detail)?;
        }
    }
    Ok(all_ok)
}

/// The configuration file: read already (a mistake would have stopped
/// keepers with its line), and not open to other users' writes.
fn config_file(path: &Path) -> Result<String, String> {
    let Ok(metadata) = std::fs::metadata(path) else {
        return Ok(format!("{} does not exist: the defaults apply", path.display()));
    };
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o022 != 0 {
        return Err(format!(
            "{} can be changed by other users (mode {mode:o}), and it says which commands print your tokens; \
             fix it with: chmod 600 {}",
            path.display(),
            path.display()
        ));
    }
    Ok(format!("{} reads", path.display()))
}

fn workspace_check(path: &Path) -> Result<String, String> {
    if !path.exists() {
        return Ok(format!("{} does not exist yet: keepers creates it (0600) on first use", path.display()));
    }
    let store = Store::open(path).map_err(|error| error.to_string())?;
    match store.warnings().first() {
        Some(warning) => Err(warning.clone()),
        None => Ok(format!("{} opens, private to you", path.display())),
    }
}
