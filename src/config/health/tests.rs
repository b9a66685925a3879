//! `health.toml`: the shipped file is the default, a file overrides only what
//! it sets, and every kind of mistake names its file, line and column.

use std::path::{Path, PathBuf};

use super::*;
use crate::metrics::health::{Band, BandRange, Component, Threshold, Unit};
use crate::metrics::risk::RiskRule;
use crate::model::LifecycleStage;

fn parse(text: &str) -> Result<HealthConfig, ConfigError> {
    HealthConfig::parse(text, Path::new("health.toml"))
}

/// The error's first line, which starts with file:line:column.
fn error(text: &str) -> String {
    let error = parse(text).expect_err("the text has a mistake").to_string();
    error.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn the_shipped_file_is_the_default() {
    assert_eq!(parse(DEFAULT_HEALTH_CONFIG).unwrap(), HealthConfig::default());
}

#[test]
fn an_empty_file_means_every_default() {
    assert_eq!(parse("").unwrap(), HealthConfig::default());
    assert_eq!(parse("# nothing but a comment\n").unwrap(), HealthConfig::default());
}

#[test]
fn a_file_overrides_only_what_it_sets() {
    let config = parse(
        "[components.usage]\nweight = 40\nseat_adoption = { full_at = 90.5, zero_at = 1e1 }\n\
         [risk.rules.no_login]\ndays = 45\nreason = \"Quiet \\u001b[31mfor a while\"\n\
         [risk.levels]\nhigh = 60\n[bands]\nfair = { from = 50, to = 79 }\ngood = { from = 80 }\n",
    )
    .unwrap();
    let mut expected = HealthConfig::default();
    expected.health.usage.weight = 40;
    expected.health.usage.seat_adoption = crate::metrics::health::Scale::new(
        Threshold::from_hundredths(9_050).unwrap(),
        Threshold::from_hundredths(1_000).unwrap(),
        Unit::Percent,
    )
    .unwrap();
    expected.health.bands.fair = BandRange { from: 50, to: 79 };
    expected.health.bands.good = BandRange { from: 80, to: 100 };
    expected.risk.thresholds.no_login.days = 45;
    expected.risk.levels.high = 60;
    let reason = &mut expected.risk.rule_mut(RiskRule::NoLogin).reason;
    *reason = crate::model::SafeText::line("Quiet \u{1b}[31mfor a while", crate::model::FieldCap::SUBJECT);
    assert_eq!(config, expected);
    // The escape sequence in the reason is gone before it can reach a terminal.
    assert_eq!(config.risk.rule(RiskRule::NoLogin).reason.as_str(), "Quiet for a while");
}

#[test]
fn stage_scores_replace_the_whole_table() {
    let config = parse("[components.lifecycle]\nstage_scores = { reach = 40 }\n").unwrap();
    let scores = config.health.lifecycle.stage_scores;
    assert_eq!(scores.get(LifecycleStage::Reach), Some(40));
    assert_eq!(scores.get(LifecycleStage::Loyalty), None);
}

#[test]
fn an_unknown_component_suggests_the_nearest() {
    assert_eq!(
        error("[components.usgae]\nweight = 1\n"),
        "health.toml:1:13: unknown component \"usgae\": did you mean \"usage\"? \
         (the components are usage, support, sentiment, engagement, financial, lifecycle)"
    );
    assert!(
        error("[components.billing]\n").starts_with("health.toml:1:13: unknown component \"billing\": (the")
    );
}

#[test]
fn an_unknown_rule_suggests_the_nearest() {
    let message = error("[risk.levels]\nmedium = 20\n\n[risk.rules.no_logins]\ndays = 3\n");
    assert!(
        message.starts_with("health.toml:4:13: unknown risk rule \"no_logins\": did you mean \"no_login\"?"),
        "{message}"
    );
}

#[test]
fn unknown_settings_sections_and_names_suggest_the_nearest() {
    let message = error("[components.usage]\nsead_adoption = { full_at = 1, zero_at = 0 }\n");
    assert!(
        message.starts_with(
            "health.toml:2:1: unknown usage setting \"sead_adoption\": did you mean \"seat_adoption\"?"
        ),
        "{message}"
    );
    let message = error("[components.support]\ngood_ticket_ratings = { full = 1, zero_at = 0 }\n");
    assert!(
        message.starts_with("health.toml:2:25: unknown threshold \"full\": did you mean \"full_at\"?"),
        "{message}"
    );
    let message = error("[risk.rules.no_login]\nday = 3\n");
    assert!(
        message.starts_with("health.toml:2:1: unknown no_login setting \"day\": did you mean \"days\"?"),
        "{message}"
    );
    let message = error("[component.usage]\n");
    assert!(
        message.starts_with("health.toml:1:2: unknown section \"component\": did you mean \"components\"?"),
        "{message}"
    );
    let message = error("[components.lifecycle]\nstage_scores = { retension = 80 }\n");
    assert!(
        message.contains("unknown lifecycle stage \"retension\": did you mean \"retention\"?"),
        "{message}"
    );
    let message = error("[bands]\nok = { from = 0, to = 10 }\n");
    assert!(message.starts_with("health.toml:2:1: unknown band \"ok\""), "{message}");
}

#[test]
fn weights_that_sum_to_zero_point_at_the_last_weight() {
    let mut text = String::new();
    for component in Component::ALL {
        text.push_str(&format!("[components.{}]\nweight = 0\n", component.name()));
    }
    let message = error(&text);
    assert!(message.starts_with("health.toml:12:1: every component weighs 0"), "{message}");
    // Some weight left above 0 is enough.
    text.push_str("[components.financial]\n");
    assert!(parse(&text.replace("[components.financial]\nweight = 0\n", "")).is_ok());
}

#[test]
fn a_negative_weight_is_refused_with_what_to_write() {
    let message = error("[components.support]\nweight = -5\n");
    assert_eq!(
        message,
        "health.toml:2:10: a weight cannot be negative (-5): use 0 to leave it out, or a whole number up to 10000"
    );
    let message = error("[risk.rules.detractor]\nweight = -1\n");
    assert!(message.starts_with("health.toml:2:10: a weight cannot be negative"), "{message}");
    let message = error("[components.support]\nweight = 2.5\n");
    assert!(
        message.starts_with("health.toml:2:10: weight must be a whole number from 0 to 10000, not 2.5"),
        "{message}"
    );
}

#[test]
fn overlapping_bands_point_at_the_band_to_change() {
    let message = error("[bands]\ngood = { from = 70, to = 100 }\n");
    assert_eq!(
        message,
        "health.toml:2:8: scores 70–74 are in both fair and good: start good at 75, right after fair ends"
    );
    // The file changed poor, so the error points there, though fair is the
    // band the message suggests moving.
    let message = error("[bands]\npoor = { from = 0, to = 60 }\n");
    assert!(message.starts_with("health.toml:2:8: scores 50–60 are in both poor and fair"), "{message}");
}

#[test]
fn gapped_bands_name_the_scores_without_a_band() {
    let message = error("[bands]\npoor = { from = 0, to = 40 }\n");
    assert_eq!(
        message,
        "health.toml:2:8: scores 41–49 are in no band: start fair at 41, right after poor ends"
    );
    let message = error("[bands]\ngood = { to = 99 }\n");
    assert!(
        message.starts_with("health.toml:2:8: the good band ends at 99: it must end at 100"),
        "{message}"
    );
    let message = error("[bands]\nfair = { from = 50, to = 101 }\n");
    assert!(
        message.starts_with("health.toml:2:26: to must be a whole number from 0 to 100, not 101"),
        "{message}"
    );
}

#[test]
fn a_threshold_of_the_wrong_type_says_what_to_write() {
    let message = error("[components.usage]\nseat_adoption = \"80 %\"\n");
    assert!(
        message.starts_with("health.toml:2:17: seat_adoption must be a table of two thresholds, not \"80 %\": write it as seat_adoption = { full_at = 80, zero_at = 20 }"),
        "{message}"
    );
    let message = error("[components.usage]\nseat_adoption = { full_at = \"80\", zero_at = 20 }\n");
    assert!(
        message.starts_with("health.toml:2:29: full_at must be a number such as 80, -50 or 2.5, not \"80\""),
        "{message}"
    );
    let message = error("[risk.rules.no_login]\ndays = \"30\"\n");
    assert!(
        message.starts_with("health.toml:2:8: days must be a whole number from 1 to 3650, not \"30\""),
        "{message}"
    );
    let message = error("[risk.rules.no_login]\ndays = 30.5\n");
    assert!(
        message.starts_with("health.toml:2:8: days must be a whole number from 1 to 3650, not 30.5"),
        "{message}"
    );
    let message = error("[components.sentiment]\nwindow_days = 0\n");
    assert!(
        message.starts_with("health.toml:2:15: window_days must be a whole number from 1 to 3650, not 0"),
        "{message}"
    );
    let message = error("[risk.rules.health_drop]\nreason = 5\n");
    assert!(message.starts_with("health.toml:2:10: reason must be a line of text"), "{message}");
    let message = error("[risk.rules.health_drop]\nreason = \" \\u001b[2J \"\n");
    assert!(message.starts_with("health.toml:2:10: reason must be a line of text"), "{message}");
}

#[test]
fn scales_need_two_different_thresholds_with_two_decimals_at_most() {
    let message = error("[components.engagement]\ndays_without_login = { full_at = 7 }\n");
    assert!(
        message.starts_with("health.toml:2:22: days_without_login needs both full_at and zero_at"),
        "{message}"
    );
    let message = error("[components.engagement]\ndays_without_login = { full_at = 7, zero_at = 7.0 }\n");
    assert!(
        message.starts_with("health.toml:2:22: days_without_login: full_at and zero_at are both 7"),
        "{message}"
    );
    let message = error("[components.usage]\nkey_feature_use = { full_at = 2.125, zero_at = 0 }\n");
    assert!(message.starts_with("health.toml:2:31: full_at = 2.125 has more than two decimals"), "{message}");
    let message = error("[components.usage]\nkey_feature_use = { full_at = 1e12, zero_at = 0 }\n");
    assert!(message.starts_with("health.toml:2:31: full_at = 1e12 is too large"), "{message}");
}

#[test]
fn the_level_cut_offs_must_rise() {
    let message = error("[risk.levels]\nmedium = 50\nhigh = 50\n");
    assert_eq!(
        message,
        "health.toml:3:1: the high cut-off (50) must be above the medium one (50): raise high or lower medium"
    );
    assert!(
        error("[risk.levels]\nmedium = 0\n")
            .starts_with("health.toml:2:10: medium must be a whole number from 1")
    );
}

#[test]
fn broken_syntax_names_the_line() {
    let message = error("[bands]\npoor = { from = 0, to = }\n");
    assert!(message.starts_with("health.toml:2:"), "{message}");
    let whole = parse("[bands]\n").and(parse("bands = 3\n")).unwrap_err().to_string();
    assert!(whole.starts_with("health.toml:1:9: bands must be a table, not 3"), "{whole}");
    assert!(whole.contains("\n  fix that line"), "{whole}");
}

#[test]
fn every_listed_rule_threshold_is_one_the_rule_has() {
    let mut thresholds = crate::metrics::risk::Thresholds::default();
    for rule in RiskRule::ALL {
        for (name, least, most) in rules::thresholds(rule) {
            assert!(thresholds.get_mut(rule, name).is_some(), "{rule:?} {name}");
            assert!(least <= most);
        }
    }
}

#[test]
fn a_missing_file_is_the_default_unless_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing: PathBuf = dir.path().join("health.toml");
    assert_eq!(HealthConfig::load(&missing, false).unwrap(), HealthConfig::default());
    assert!(matches!(HealthConfig::load(&missing, true), Err(ConfigError::Read { .. })));
    std::fs::write(&missing, "[bands]\npoor = { from = 0, to = 39 }\nfair = { from = 40 }\n").unwrap();
    let config = HealthConfig::load(&missing, true).unwrap();
    assert_eq!(config.health.bands.band(45), Band::Fair);
}
