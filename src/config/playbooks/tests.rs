use super::*;

fn parse(text: &str) -> Result<Playbooks, ConfigError> {
    Playbooks::parse(text, Path::new("playbooks.toml"))
}

fn refused(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

/// A playbook `id` triggered by `trigger` (the `on` line and any more
/// settings) with the steps written after it.
fn playbook(id: &str, trigger: &str, steps: &str) -> String {
    format!("[[playbook]]\nid = \"{id}\"\ntitle = \"T\"\n{trigger}\n{steps}")
}

const A_STEP: &str = "[[playbook.step]]\ntitle = \"Do it\"\nafter_days = 1\n";

#[test]
fn the_shipped_file_parses_into_every_playbook_the_team_needs() {
    let shipped = Playbooks::shipped().unwrap();
    let ids: Vec<&str> = shipped.playbooks.iter().map(|playbook| playbook.id.as_str()).collect();
    assert_eq!(
        ids,
        ["onboarding", "detractor_recovery", "renewal", "purchase_follow_up", "win_back", "promoter_ask"]
    );
    let dues =
        |id: &str| -> Vec<DueRule> { shipped.get(id).unwrap().steps.iter().map(|step| step.due).collect() };
    let onboarding = shipped.get("onboarding").unwrap();
    assert_eq!(
        onboarding.trigger,
        Trigger::Stage { to: LifecycleStage::Retention, anchor: StageAnchor::LatestPurchase }
    );
    assert_eq!(
        dues("onboarding"),
        [DueRule::AfterDays(3), DueRule::AfterDays(14), DueRule::AfterDays(21), DueRule::AfterDays(30)]
    );
    assert_eq!(onboarding.owner, None, "the account's owner");
    assert_eq!(shipped.get("detractor_recovery").unwrap().trigger, Trigger::Detractor);
    assert_eq!(dues("detractor_recovery"), [DueRule::AfterBusinessDays(2)]);
    assert_eq!(shipped.get("renewal").unwrap().trigger, Trigger::Renewal);
    assert_eq!(
        dues("renewal"),
        [120, 90, 60, 30].map(DueRule::BeforeRenewalDays),
        "renewal preparation at 120, 90, 60 and 30 days"
    );
    assert_eq!(shipped.get("purchase_follow_up").unwrap().trigger, Trigger::Purchase);
    assert_eq!(
        dues("purchase_follow_up"),
        [DueRule::AfterDays(7), DueRule::AfterMonths(1), DueRule::AfterMonths(12)]
    );
    assert_eq!(
        shipped.get("win_back").unwrap().trigger,
        Trigger::Stage { to: LifecycleStage::Churned, anchor: StageAnchor::StageChange }
    );
    assert_eq!(shipped.get("promoter_ask").unwrap().trigger, Trigger::Promoter);
    assert_eq!(dues("promoter_ask"), [DueRule::AfterDays(3)]);
}

#[test]
fn settings_are_read() {
    let text = playbook(
        "welcome",
        "on = \"stage\"\nstage = \"onboarding\"\nowner = \"Ada Lovelace\"",
        "[[playbook.step]]\ntitle = \"Welcome {account}\"\nafter_business_days = 0\n",
    );
    let playbooks = parse(&text).unwrap();
    let welcome = playbooks.get("welcome").unwrap();
    assert_eq!(
        welcome.trigger,
        Trigger::Stage { to: LifecycleStage::Retention, anchor: StageAnchor::StageChange },
        "a stage's alias is read as the stage"
    );
    assert_eq!(welcome.owner.as_ref().map(SafeText::as_str), Some("Ada Lovelace"));
    assert_eq!(welcome.steps[0].due, DueRule::AfterBusinessDays(0));
    assert!(parse("").unwrap().playbooks.is_empty());
}

#[test]
fn a_mistyped_trigger_names_its_line_column_playbook_and_the_nearest_trigger() {
    let error = refused(&playbook("recovery", "on = \"detracter\"", A_STEP));
    assert!(
        error.starts_with("playbooks.toml:4:6: playbook \"recovery\": unknown trigger \"detracter\": "),
        "{error}"
    );
    assert!(error.contains("did you mean \"detractor\"?"), "{error}");
    assert!(error.contains("detractor, promoter, purchase, stage, renewal"), "{error}");
}

#[test]
fn a_mistyped_stage_or_anchor_is_refused_with_the_nearest() {
    let error = refused(&playbook("p", "on = \"stage\"\nstage = \"retension\"", A_STEP));
    assert!(error.starts_with("playbooks.toml:5:9: playbook \"p\": unknown stage \"retension\""), "{error}");
    assert!(error.contains("did you mean \"retention\"?"), "{error}");
    let error =
        refused(&playbook("p", "on = \"stage\"\nstage = \"churned\"\nanchor = \"purchases\"", A_STEP));
    assert!(error.starts_with("playbooks.toml:6:10: playbook \"p\": unknown anchor"), "{error}");
    assert!(error.contains("did you mean \"purchase\"?"), "{error}");
}

#[test]
fn stage_goes_with_a_stage_trigger_only() {
    let error = refused(&playbook("p", "on = \"stage\"", A_STEP));
    assert!(
        error.starts_with("playbooks.toml:4:6: playbook \"p\": on = \"stage\" needs the stage"),
        "{error}"
    );
    let error = refused(&playbook("p", "on = \"purchase\"\nstage = \"retention\"", A_STEP));
    assert!(
        error.starts_with("playbooks.toml:5:9: playbook \"p\": stage is only for on = \"stage\""),
        "{error}"
    );
}

#[test]
fn a_step_needs_exactly_one_due_rule_of_its_trigger_kind() {
    let error = refused(&playbook("p", "on = \"purchase\"", "[[playbook.step]]\ntitle = \"Call\"\n"));
    assert!(
        error.starts_with(
            "playbooks.toml:6:9: playbook \"p\": step 1 has no due rule: say when it is due with after_days"
        ),
        "{error}"
    );
    let two = format!("{A_STEP}[[playbook.step]]\ntitle = \"Call\"\nafter_days = 1\nafter_months = 1\n");
    let error = refused(&playbook("p", "on = \"purchase\"", &two));
    assert!(
        error.starts_with(
            "playbooks.toml:11:16: playbook \"p\": step 2 has two due rules, after_days and after_months"
        ),
        "{error}"
    );
    let error = refused(&playbook("p", "on = \"renewal\"", A_STEP));
    assert!(
        error.starts_with("playbooks.toml:7:14: playbook \"p\": step 1: a renewal playbook's"),
        "{error}"
    );
    assert!(error.contains("use before_renewal_days"), "{error}");
    let before = "[[playbook.step]]\ntitle = \"Call\"\nbefore_renewal_days = 30\n";
    let error = refused(&playbook("p", "on = \"detractor\"", before));
    assert!(error.contains("step 1: before_renewal_days is only for on = \"renewal\""), "{error}");
}

#[test]
fn numbers_out_of_range_are_refused() {
    let negative = "[[playbook.step]]\ntitle = \"Call\"\nafter_days = -3\n";
    let error = refused(&playbook("p", "on = \"purchase\"", negative));
    assert!(
        error.starts_with(
            "playbooks.toml:7:14: playbook \"p\": step 1: after_days must be from 0 to 3650, not -3"
        ),
        "{error}"
    );
    let months = "[[playbook.step]]\ntitle = \"Call\"\nafter_months = 121\n";
    let error = refused(&playbook("p", "on = \"purchase\"", months));
    assert!(error.contains("after_months must be from 0 to 120, not 121"), "{error}");
}

#[test]
fn a_repeated_id_is_refused() {
    let text = format!(
        "{}{}",
        playbook("calls", "on = \"detractor\"", A_STEP),
        playbook("calls", "on = \"promoter\"", A_STEP)
    );
    let error = refused(&text);
    assert!(error.starts_with("playbooks.toml:9:6: a second playbook is named \"calls\""), "{error}");
}

#[test]
fn an_unknown_key_names_its_line_and_playbook() {
    let error = refused(&playbook("p", "on = \"purchase\"\ntrigger = \"purchase\"", A_STEP));
    assert!(error.starts_with("playbooks.toml:5:1: playbook \"p\": unknown field `trigger`"), "{error}");
    let step = "[[playbook.step]]\ntitle = \"Call\"\nafter_day = 3\n";
    let error = refused(&playbook("p", "on = \"purchase\"", step));
    assert!(error.starts_with("playbooks.toml:7:1: playbook \"p\": unknown field `after_day`"), "{error}");
}

#[test]
fn title_placeholders_must_be_ones_the_trigger_fills_in() {
    let step = "[[playbook.step]]\ntitle = \"Ask {acount}\"\nafter_days = 3\n";
    let error = refused(&playbook("p", "on = \"promoter\"", step));
    // `title = "Ask ` is 13 characters: the brace is at column 14.
    assert!(
        error.starts_with("playbooks.toml:6:14: playbook \"p\": step 1's title has the placeholder {acount}"),
        "{error}"
    );
    assert!(error.contains("use {account}, {contact}, {score}"), "{error}");
    let step = "[[playbook.step]]\ntitle = \"Call {contact}\"\nafter_days = 3\n";
    let error = refused(&playbook("p", "on = \"purchase\"", step));
    assert!(error.contains("step 1's title has {contact}, which only a survey"), "{error}");
}

#[test]
fn a_playbook_needs_steps_and_an_owner_if_it_names_one() {
    let error = refused(&playbook("p", "on = \"purchase\"", ""));
    assert!(error.starts_with("playbooks.toml:2:6: playbook \"p\": it has no steps"), "{error}");
    let error = refused(&playbook("p", "on = \"purchase\"\nowner = \" \"", A_STEP));
    assert!(error.starts_with("playbooks.toml:5:9: playbook \"p\": owner is empty"), "{error}");
    let error = refused(&playbook("p id", "on = \"purchase\"", A_STEP));
    assert!(error.contains("id \"p id\" must be letters, digits"), "{error}");
}

#[test]
fn a_users_file_replaces_the_shipped_one_and_a_missing_file_means_the_shipped_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("playbooks.toml");
    assert_eq!(Playbooks::load(&path).unwrap(), Playbooks::shipped().unwrap());
    std::fs::write(&path, playbook("only", "on = \"purchase\"", A_STEP)).unwrap();
    let ids: Vec<String> =
        Playbooks::load(&path).unwrap().playbooks.into_iter().map(|playbook| playbook.id).collect();
    assert_eq!(ids, ["only"]);
}
