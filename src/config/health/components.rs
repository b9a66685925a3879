//! Reading `[bands]` and `[components.*]` of `health.toml` into a
//! [`HealthModel`]. Each setting the file names replaces its default; the
//! result is then checked as a whole — bands that cover 0–100 with no gap
//! or overlap, weights that do not all come to 0 — and an error points at
//! the line of the file that made it so.

use std::ops::Range;

use crate::config::ConfigError;
use crate::metrics::health::{
    Band, BandRange, Bands, BandsError, Component, HealthModel, Input, StageScores,
};
use crate::model::LifecycleStage;

use super::reader::{DAYS, Doc, Key, Value};

pub(super) fn read_bands(
    doc: &Doc<'_>,
    key: &Key<'_>,
    value: &Value<'_>,
    bands: &mut Bands,
) -> Result<(), ConfigError> {
    let mut set_at: [Option<Range<usize>>; Band::ALL.len()] = Default::default();
    for (name, range) in Doc::entries(doc.table(key, value)?) {
        let band = doc.name(name, &Band::ALL.map(|band| (band.name(), band)), "band")?;
        read_band_range(doc, name, range, bands.range_mut(band))?;
        set_at[band as usize] = Some(range.span());
    }
    bands.check().map_err(|error| {
        // Point at the band to change if this file set it, else at the other
        // band of the pair, which this file must have set.
        let other = match error {
            BandsError::Gap { previous, .. } | BandsError::Overlap { previous, .. } => Some(previous),
            _ => None,
        };
        let span = [Some(error.band()), other]
            .into_iter()
            .flatten()
            .find_map(|band| set_at[band as usize].clone())
            .unwrap_or_else(|| key.span());
        doc.error(span, error.to_string())
    })
}

/// `{ from = 50, to = 74 }`; an end left out keeps its value.
fn read_band_range(
    doc: &Doc<'_>,
    key: &Key<'_>,
    value: &Value<'_>,
    range: &mut BandRange,
) -> Result<(), ConfigError> {
    for (end, number) in Doc::entries(doc.table(key, value)?) {
        let slot = match doc.name(end, &[("from", true), ("to", false)], "band end")? {
            true => &mut range.from,
            false => &mut range.to,
        };
        // At most 100, so it fits a u8.
        *slot = doc.whole(end, number, 0..=100)? as u8;
    }
    Ok(())
}

pub(super) fn read_components(
    doc: &Doc<'_>,
    key: &Key<'_>,
    value: &Value<'_>,
    model: &mut HealthModel,
) -> Result<(), ConfigError> {
    let mut last_weight = None;
    for (name, settings) in Doc::entries(doc.table(key, value)?) {
        let component =
            doc.name(name, &Component::ALL.map(|component| (component.name(), component)), "component")?;
        for (setting, value) in Doc::entries(doc.table(name, settings)?) {
            read_setting(doc, component, setting, value, model)?;
            if setting.get_ref() == "weight" {
                last_weight = Some(setting.span());
            }
        }
    }
    match last_weight {
        Some(span) if Component::ALL.iter().all(|component| model.weight(*component) == 0) => Err(doc.error(
            span,
            "every component weighs 0, so no account could be scored: give at least one component a weight above 0",
        )),
        _ => Ok(()),
    }
}

/// What a key of a component's table sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setting {
    Weight,
    TrendWeeks,
    SupportWindow,
    SentimentWindow,
    FinancialWindow,
    StageScores,
    Scale(Input),
}

/// The keys a component's table may hold.
fn settings(component: Component) -> Vec<(&'static str, Setting)> {
    let mut settings = vec![("weight", Setting::Weight)];
    settings.extend(match component {
        Component::Usage => Some(("trend_weeks", Setting::TrendWeeks)),
        Component::Support => Some(("window_days", Setting::SupportWindow)),
        Component::Sentiment => Some(("window_days", Setting::SentimentWindow)),
        Component::Financial => Some(("window_days", Setting::FinancialWindow)),
        Component::Engagement | Component::Lifecycle => None,
    });
    settings.extend(Input::ALL.into_iter().filter(|input| input.component() == component).map(|input| {
        (input.key(), if input == Input::Stage { Setting::StageScores } else { Setting::Scale(input) })
    }));
    settings
}

fn read_setting(
    doc: &Doc<'_>,
    component: Component,
    key: &Key<'_>,
    value: &Value<'_>,
    model: &mut HealthModel,
) -> Result<(), ConfigError> {
    let what = format!("{} setting", component.name());
    match doc.name(key, &settings(component), &what)? {
        Setting::Weight => *model.weight_mut(component) = doc.weight(key, value)?,
        Setting::TrendWeeks => model.usage.trend_weeks = doc.whole(key, value, 1..=52)?,
        Setting::SupportWindow => model.support.window_days = doc.whole(key, value, DAYS)?,
        Setting::SentimentWindow => model.sentiment.window_days = doc.whole(key, value, DAYS)?,
        Setting::FinancialWindow => model.financial.window_days = doc.whole(key, value, DAYS)?,
        Setting::StageScores => model.lifecycle.stage_scores = read_stage_scores(doc, key, value)?,
        Setting::Scale(input) => {
            if let Some(scale) = model.scale_mut(input) {
                *scale = doc.scale(key, value, scale.unit())?;
            }
        }
    }
    Ok(())
}

/// `{ retention = 80, … }`: the whole table, so a stage left out is not
/// scored.
fn read_stage_scores(doc: &Doc<'_>, key: &Key<'_>, value: &Value<'_>) -> Result<StageScores, ConfigError> {
    let mut scores = StageScores::none();
    let stages = LifecycleStage::ALL.iter().map(|stage| (stage.as_str(), *stage)).collect::<Vec<_>>();
    for (name, score) in Doc::entries(doc.table(key, value)?) {
        let stage = doc.name(name, &stages, "lifecycle stage")?;
        // At most 100, so it fits a u8.
        scores.set(stage, Some(doc.whole(name, score, 0..=100)? as u8));
    }
    Ok(scores)
}
