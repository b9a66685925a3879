//! What the team itself writes, in English: internal notes on tickets,
//! loop-closure outcomes, stage-change reasons (with a few in the market's
//! language, as CRMs hold them), and task titles with their due offsets.
//!
//! Data only. The customers' own words are in `text.rs`.

/// Internal notes agents leave on tickets; the team writes them in English.
pub(super) const INTERNAL_TICKET_NOTES: &[&str] = &[
    "Reproduced on staging; filed ENG-{n}.",
    "Escalated to billing, waiting on finance.",
    "Looks like the known SSO issue; linked to problem ticket #{n}.",
    "Checked the logs: their requests are hitting the rate limit.",
    "Second report of this today, might be a regression from release {n}.",
    "Renewal is coming up for this account; keep the CSM in the loop.",
];

/// How a CSM records closing the loop with an unhappy customer.
pub(super) const LOOP_CLOSURE_OUTCOMES: &[&str] = &[
    "Called the customer; agreed on a training session.",
    "Apologised for the outage and offered a service credit.",
    "Walked them through the new reporting; much happier now.",
    "Escalated the bug; the fix ships next sprint.",
    "No answer after two calls; left a voicemail and sent an e-mail.",
    "Booked a call with their champion for next week.",
];

pub(super) const REACH_REASONS: &[&str] = &[
    "Downloaded the pricing guide",
    "Attended a webinar",
    "Referred by a partner",
    "Met us at a trade fair",
    "Pobrał e-book o obsłudze klienta",
];
pub(super) const ACQUISITION_REASONS: &[&str] =
    &["Started a 14-day trial", "Requested a demo", "Signed up for the free plan"];
/// A customer sent back to consideration by a new offer (DOMAIN.md).
pub(super) const RECONSIDERATION_REASONS: &[&str] =
    &["Evaluating the analytics add-on", "Trialling the new mobile app", "Testet das neue Modul"];
pub(super) const CONVERSION_REASONS: &[&str] =
    &["Signed the annual contract", "Paid the first invoice", "Upgraded from the free plan"];
pub(super) const RETENTION_REASONS: &[&str] =
    &["Onboarding started", "Handed over from sales to customer success"];
/// Back to retention from loyalty, or after buying an add-on.
pub(super) const RETURN_TO_RETENTION_REASONS: &[&str] =
    &["Back to regular support", "Champion left; needs regular care again", "Add-on rolled out"];
pub(super) const LOYALTY_REASONS: &[&str] = &[
    "Renewed and referred a customer",
    "Agreed to be a reference",
    "Left a five-star review",
    "Ha rinnovato e ci ha consigliato",
];
pub(super) const CHURN_REASONS: &[&str] = &[
    "Did not renew: budget cuts",
    "Moved to a competitor",
    "Company was acquired",
    "Stopped using the product",
    "Не продлили договор",
];
pub(super) const REACTIVATION_REASONS: &[&str] =
    &["Won back with a win-back offer", "Returned after the new release", "New management re-signed"];

/// Onboarding milestones (the "onboarding" playbook) and when each is due,
/// in days after the purchase.
pub(super) const ONBOARDING_MILESTONES: &[(&str, i64)] = &[
    ("Kickoff call", 3),
    ("First value: first report shared", 14),
    ("Admin and user training", 21),
    ("30-day check-in", 30),
];

/// Renewal preparation (the "renewal" playbook), due this many days before
/// the renewal date.
pub(super) const RENEWAL_STEPS: &[(&str, i64)] =
    &[("Renewal review: check health and usage", 45), ("Send the renewal quote", 21)];

pub(super) const MANUAL_TASKS: &[&str] = &[
    "Quarterly business review",
    "Check in after the incident",
    "Ask for a review",
    "Update the billing contact",
    "Share the new reporting guide",
    "Introduce the new CSM",
];

pub(super) const DETRACTOR_CALL_BACK: &str = "Call back the unhappy survey respondent";
