//! Each rule at the edges of its threshold and without data, the levels, a
//! whole assessment, and revenue at risk.

use jiff::civil::Date;

use super::*;
use crate::metrics::fixture::{
    contact, day_ago, days_ago, milestone, now, only, snapshot, survey, ticket, today, usage, view,
};
use crate::metrics::health::{Band, Change, HealthModel};
use crate::metrics::signals::{ActiveUsersChange, Champions, Detractors, Milestones, TicketLoad};
use crate::model::{LifecycleStage, SurveyAnswer, TaskStatus, TicketPriority, TicketStatus};

fn verdict(evidence: Evidence) -> (Verdict, String) {
    (evidence.verdict(), evidence.to_string())
}

fn fired(evidence: Evidence) -> bool {
    evidence.verdict() == Verdict::Fired
}

#[test]
fn health_drop_fires_at_a_fall_of_15_points() {
    let rule = HealthDrop { points: 15 };
    let change = |before, now| Some(Change { since: day_ago(30), before, now });
    assert_eq!(
        verdict(rule.check(change(80, 65))),
        (
            Verdict::Fired,
            "health fell 15 points, 80 → 65 since 2026-10-26 (threshold: a fall of 15)".to_owned()
        )
    );
    assert!(!fired(rule.check(change(80, 66))));
    assert!(rule.check(change(60, 70)).to_string().starts_with("health rose 10 points"));
    assert_eq!(verdict(rule.check(None)).0, Verdict::NoData);
}

#[test]
fn a_detractor_in_the_last_90_days_fires() {
    let rule = Detractor { days: 90 };
    let found = |answers, detractors, latest: Option<i64>| Detractors {
        nps_answers: answers,
        detractors,
        latest: latest.map(|days| (days_ago(days), 4)),
    };
    assert_eq!(
        verdict(rule.check(found(3, 2, Some(12)), now())),
        (Verdict::Fired, "2 detractors in the last 90 days, the latest scored 4, 12 days ago".to_owned())
    );
    assert_eq!(
        verdict(rule.check(found(3, 0, None), now())),
        (Verdict::Clear, "no detractor among 3 NPS answers in the last 90 days".to_owned())
    );
    assert_eq!(verdict(rule.check(found(0, 0, None), now())).0, Verdict::NoData);
}

#[test]
fn a_detractor_exactly_90_days_ago_is_outside_the_window() {
    let model = RiskModel::default();
    let mut facts = only(LifecycleStage::Retention);
    facts.surveys = vec![survey(90, SurveyAnswer::Nps(3)), survey(10, SurveyAnswer::Nps(8))];
    let risk = assess(&model, &mut facts);
    assert_eq!(risk.outcomes()[RiskRule::Detractor as usize].verdict(), Verdict::Clear);
    facts.surveys = vec![survey(89, SurveyAnswer::Nps(6))];
    let risk = assess(&model, &mut facts);
    assert_eq!(risk.outcomes()[RiskRule::Detractor as usize].verdict(), Verdict::Fired);
}

#[test]
fn usage_decline_fires_at_30_percent_down() {
    let rule = UsageDecline { percent: 30, weeks: 4 };
    let change = |earlier, latest| {
        Some(ActiveUsersChange { earlier_day: day_ago(29), earlier, latest_day: day_ago(1), latest })
    };
    assert_eq!(
        verdict(rule.check(change(40, 28))),
        (Verdict::Fired, "active users down 30 % over 4 weeks, 40 → 28 (threshold: down 30 %)".to_owned())
    );
    // 27.5 % down shows as 27 %, never rounded up to the threshold.
    assert_eq!(
        verdict(rule.check(change(40, 29))),
        (Verdict::Clear, "active users down 27 % over 4 weeks, 40 → 29 (threshold: down 30 %)".to_owned())
    );
    assert!(rule.check(change(40, 44)).to_string().starts_with("active users up 10 %"));
    assert_eq!(verdict(rule.check(change(0, 5))).0, Verdict::NoData);
    assert_eq!(verdict(rule.check(None)).0, Verdict::NoData);
}

#[test]
fn a_renewal_within_90_days_fires_only_at_poor_health() {
    let rule = RenewalWithPoorHealth { days: 90 };
    let check = |in_days: i64, band| rule.check(Some(day_ago(-in_days)), today(), Some(band), Some(40));
    assert_eq!(
        verdict(check(90, Band::Poor)),
        (
            Verdict::Fired,
            "renewal in 90 days, health poor (40) (threshold: within 90 days at poor health)".to_owned()
        )
    );
    assert!(fired(check(0, Band::Poor)));
    assert!(!fired(check(91, Band::Poor)));
    assert!(!fired(check(30, Band::Fair)));
    assert_eq!(
        verdict(check(-3, Band::Poor)),
        (Verdict::Clear, "the renewal date passed 3 days ago, health poor (40)".to_owned())
    );
    assert_eq!(verdict(rule.check(None, today(), Some(Band::Poor), Some(40))).1, "no renewal date");
    assert_eq!(verdict(rule.check(Some(today()), today(), None, None)).0, Verdict::NoData);
}

#[test]
fn no_login_fires_at_30_days() {
    let rule = NoLogin { days: 30 };
    assert_eq!(
        verdict(rule.check(Some(41))),
        (Verdict::Fired, "no login for 41 days (threshold 30)".to_owned())
    );
    assert!(fired(rule.check(Some(30))));
    assert_eq!(
        verdict(rule.check(Some(29))),
        (Verdict::Clear, "last login 29 days ago (threshold 30 days)".to_owned())
    );
    assert_eq!(verdict(rule.check(None)), (Verdict::NoData, "no usage data".to_owned()));
}

#[test]
fn open_urgent_tickets_and_sla_breaches_fire_from_one() {
    let load =
        |urgent, past_sla| TicketLoad { tickets: 5, open: 3, urgent, past_sla, ..TicketLoad::default() };
    let urgent = UrgentTickets { tickets: 1 };
    let breaches = SlaBreaches { tickets: 1 };
    assert_eq!(
        verdict(urgent.check(load(1, 0))),
        (Verdict::Fired, "1 urgent ticket open (threshold 1)".to_owned())
    );
    assert_eq!(verdict(urgent.check(load(0, 2))).0, Verdict::Clear);
    assert_eq!(
        verdict(breaches.check(load(0, 2))),
        (Verdict::Fired, "2 open tickets past their SLA (threshold 1)".to_owned())
    );
    assert_eq!(verdict(breaches.check(load(1, 0))).0, Verdict::Clear);
    assert_eq!(verdict(urgent.check(TicketLoad::default())), (Verdict::NoData, "no tickets".to_owned()));
    assert_eq!(verdict(breaches.check(TicketLoad::default())).0, Verdict::NoData);
}

#[test]
fn a_champion_not_seen_for_60_days_or_never_fires() {
    let rule = ChampionGone { days: 60 };
    let check = |champions, seen: Option<i64>| {
        rule.check(Champions { champions, last_seen_at: seen.map(days_ago) }, now())
    };
    assert_eq!(
        verdict(check(2, Some(60))),
        (Verdict::Fired, "a champion was last seen 60 days ago (2 champions; threshold 60 days)".to_owned())
    );
    assert_eq!(verdict(check(1, Some(59))).0, Verdict::Clear);
    assert_eq!(
        verdict(check(1, None)),
        (Verdict::Fired, "no champion has ever been seen (1 champion; threshold 60 days)".to_owned())
    );
    assert_eq!(verdict(check(0, None)), (Verdict::NoData, "no champion on record".to_owned()));
}

#[test]
fn an_overdue_invoice_needs_invoice_data() {
    let rule = OverdueInvoice { days: 14 };
    assert_eq!(verdict(rule.check(None)), (Verdict::NoData, "no invoice data".to_owned()));
    assert_eq!(
        verdict(rule.check(Some(14))),
        (Verdict::Fired, "an invoice is 14 days overdue (threshold 14)".to_owned())
    );
    assert_eq!(verdict(rule.check(Some(13))).0, Verdict::Clear);
    assert_eq!(
        verdict(rule.check(Some(0))),
        (Verdict::Clear, "no invoice overdue (threshold 14 days)".to_owned())
    );
    // An assessment has no invoices to give it.
    let risk = assess(&RiskModel::default(), &mut only(LifecycleStage::Retention));
    assert_eq!(risk.outcomes()[RiskRule::OverdueInvoice as usize].evidence.to_string(), "no invoice data");
}

#[test]
fn an_overdue_onboarding_milestone_fires() {
    let rule = OnboardingOverdue { milestones: 1 };
    let milestones =
        |milestones, overdue, oldest: Option<Date>| Milestones { milestones, overdue, oldest_due: oldest };
    assert_eq!(
        verdict(rule.check(milestones(5, 2, Some(day_ago(12))), today())),
        (
            Verdict::Fired,
            "2 of 5 onboarding milestones overdue, the oldest by 12 days (threshold 1)".to_owned()
        )
    );
    assert_eq!(
        verdict(rule.check(milestones(5, 0, None), today())),
        (Verdict::Clear, "0 of 5 onboarding milestones overdue (threshold 1)".to_owned())
    );
    assert_eq!(verdict(rule.check(milestones(0, 0, None), today())).0, Verdict::NoData);
}

#[test]
fn the_level_rises_at_the_cut_offs() {
    let levels = Levels::default();
    assert_eq!(
        [0, 24, 25, 49, 50, 500].map(|total| levels.level(total)),
        [
            RiskLevel::Low,
            RiskLevel::Low,
            RiskLevel::Medium,
            RiskLevel::Medium,
            RiskLevel::High,
            RiskLevel::High
        ]
    );
}

fn assess(model: &RiskModel, facts: &mut crate::metrics::Facts) -> Risk {
    let view = view(facts);
    let health = HealthModel::default().score(view, now());
    model.assess(view, &health, now())
}

/// A dormant account: nobody logged in for 41 days, usage gone, a recent
/// detractor, an urgent ticket past its SLA, a champion last seen 70 days
/// ago, an overdue milestone, renewal in 20 days, health down from 80.
fn dormant() -> crate::metrics::Facts {
    let mut facts = only(LifecycleStage::Retention);
    facts.accounts[0].renewal_date = Some(day_ago(-20));
    facts.usage = vec![usage(63, 30, 40), usage(41, 20, 40), usage(6, 0, 40)];
    facts.surveys = vec![survey(5, SurveyAnswer::Nps(2))];
    let mut urgent = ticket(4, TicketStatus::Open);
    urgent.priority = TicketPriority::Urgent;
    urgent.sla_due_at = Some(days_ago(3).into());
    facts.tickets = vec![urgent];
    facts.contacts = vec![contact(true, Some(70))];
    facts.tasks = vec![milestone(2, TaskStatus::Open)];
    facts.health = vec![snapshot(30, 80)];
    facts
}

#[test]
fn a_dormant_account_is_high_risk_with_every_reason_explained() {
    let model = RiskModel::default();
    let mut facts = dormant();
    let risk = assess(&model, &mut facts);
    let reasons: Vec<_> =
        risk.reasons().map(|outcome| (outcome.rule, outcome.evidence.to_string())).collect();
    let rules: Vec<_> = reasons.iter().map(|(rule, _)| *rule).collect();
    assert_eq!(
        rules,
        [
            RiskRule::HealthDrop,
            RiskRule::Detractor,
            RiskRule::UsageDecline,
            RiskRule::RenewalWithPoorHealth,
            RiskRule::NoLogin,
            RiskRule::UrgentTickets,
            RiskRule::SlaBreaches,
            RiskRule::ChampionGone,
            RiskRule::OnboardingOverdue,
        ]
    );
    assert!(reasons.contains(&(RiskRule::NoLogin, "no login for 41 days (threshold 30)".to_owned())));
    assert_eq!(risk.total_weight(), 25 + 15 + 25 + 30 + 30 + 10 + 10 + 20 + 15);
    assert_eq!(risk.level(), RiskLevel::High);
    assert_eq!(model.rule(RiskRule::NoLogin).reason.as_str(), "Nobody has logged in lately");
    assert_eq!(risk.inputs(), 9);
    assert_eq!(risk.terms().last(), Some(&crate::metrics::Term::count("total weight", 180)));
}

#[test]
fn an_account_with_nothing_wrong_is_low_risk() {
    let mut facts = only(LifecycleStage::Loyalty);
    facts.usage = vec![usage(29, 40, 50), usage(1, 40, 50)];
    facts.contacts = vec![contact(true, Some(3))];
    let risk = assess(&RiskModel::default(), &mut facts);
    assert_eq!((risk.level(), risk.total_weight(), risk.reasons().count()), (RiskLevel::Low, 0, 0));
    assert!(risk.outcomes().iter().map(|outcome| outcome.rule).eq(RiskRule::ALL));
}

#[test]
fn a_rule_weighted_zero_shows_without_moving_the_level() {
    let mut model = RiskModel::default();
    for rule in RiskRule::ALL {
        model.rule_mut(rule).weight = 0;
    }
    let risk = assess(&model, &mut dormant());
    assert_eq!(risk.reasons().count(), 9);
    assert_eq!((risk.total_weight(), risk.level()), (0, RiskLevel::Low));
}

#[test]
fn thresholds_are_set_by_their_names() {
    let mut thresholds = Thresholds::default();
    *thresholds.get_mut(RiskRule::UsageDecline, "weeks").unwrap() = 6;
    assert_eq!(thresholds.usage_decline, UsageDecline { percent: 30, weeks: 6 });
    assert_eq!(thresholds.get_mut(RiskRule::NoLogin, "weeks"), None);
}

#[test]
fn revenue_at_risk_sums_high_risk_mrr_per_currency() {
    let usd = |minor| Money::new(minor, Currency::USD);
    let eur = |minor| Money::new(minor, Currency::EUR);
    let totals = revenue_at_risk([
        (usd(10_000), RiskLevel::High),
        (usd(5_000), RiskLevel::High),
        (eur(7_000), RiskLevel::High),
        (usd(99_999), RiskLevel::Medium),
        (eur(-50), RiskLevel::High),
        (Money::new(0, Currency::GBP), RiskLevel::High),
    ]);
    assert_eq!(totals, BTreeMap::from([(Currency::EUR, 7_000), (Currency::USD, 15_000)]));
}

proptest::proptest! {
    #[test]
    fn the_level_follows_the_weights_of_the_fired_rules(mut facts in crate::metrics::fixture::any_facts()) {
        let model = RiskModel::default();
        let risk = assess(&model, &mut facts);
        let fired: u32 = risk.reasons().map(|outcome| outcome.weight).sum();
        proptest::prop_assert_eq!(risk.total_weight(), fired);
        proptest::prop_assert_eq!(risk.level(), model.levels.level(fired));
        for outcome in risk.outcomes() {
            proptest::prop_assert_eq!(outcome.weight, model.rule(outcome.rule).weight);
            proptest::prop_assert!(!outcome.evidence.to_string().is_empty());
        }
        proptest::prop_assert_eq!(risk.outcomes()[RiskRule::OverdueInvoice as usize].verdict(), Verdict::NoData);
    }
}
