//! Playbooks: the tasks the team owes a customer when something happens —
//! an onboarding plan when an account reaches retention, a call back for a
//! detractor, renewal preparation, follow-ups after a purchase, a win-back
//! when an account churns, a referral or review ask for a promoter
//! (DOMAIN.md, "What the sources say a team must do").
//!
//! This module is pure: no store, no files, no clock.

mod definition;

pub use definition::{
    DueRule, Placeholder, Playbook, Playbooks, StageAnchor, Step, TitleTemplate, TitleValues, Trigger,
    UnknownPlaceholder,
};
