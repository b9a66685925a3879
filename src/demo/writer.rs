//! The writing phase: walks the planned accounts in order and writes each
//! one's records — account, MRR history, contacts, tickets, surveys,
//! purchases, usage, tasks and notes — through one [`Sink`], reporting
//! progress as it goes.
//!
//! Single-threaded and in a fixed order, so the row ids and contents are the
//! same on every run.

use crate::model::{AccountId, ContactId, SafeText};
use crate::store::StoreError;

use super::accounts::write_account;
use super::anchor::Anchor;
use super::catalog::Catalog;
use super::identity::Identities;
use super::names::Language;
use super::profile::{AccountProfile, TicketAllotment};
use super::random::{Rng, Stream};
use super::sink::Sink;
use super::{DemoPhase, DemoProgress, DemoSpec};
use super::{mrr_history, purchases, surveys, tickets, usage, work};

/// Progress is reported after this many accounts (about 5,000 tickets at
/// the default ten per account), so the callback never costs anything.
const ACCOUNTS_PER_REPORT: usize = 500;

/// What every part of the writing phase shares.
pub(super) struct Writer<'store> {
    pub sink: Sink<'store>,
    pub anchor: Anchor,
    pub catalog: Catalog,
    /// Reused for text put together from templates, so a row costs no
    /// buffer of its own beyond the `SafeText` it ends up in.
    pub scratch: String,
}

/// An account just written, with what its other records refer to.
pub(super) struct AccountRecord<'p> {
    pub id: AccountId,
    pub profile: &'p AccountProfile,
    pub owner: SafeText,
    pub contacts: Vec<ContactRecord>,
    /// The language the company writes in (a duplicate's is its original's).
    pub language: Language,
    /// Whether some of its text carries hostile control sequences.
    pub hostile: bool,
}

pub(super) struct ContactRecord {
    pub id: ContactId,
    pub name: SafeText,
    pub email: SafeText,
    pub language: Language,
}

impl AccountRecord<'_> {
    /// Any one of the account's contacts.
    pub(super) fn some_contact(&self, rng: &mut Rng) -> Option<&ContactRecord> {
        self.contacts.get(rng.below(self.contacts.len() as u64) as usize)
    }
}

/// Writes every planned account; the caller commits the returned sink.
pub(super) fn write_accounts<'store>(
    sink: Sink<'store>,
    spec: &DemoSpec,
    profiles: &[AccountProfile],
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<Sink<'store>, StoreError> {
    let mut writer = Writer {
        sink,
        anchor: Anchor::new(spec.today),
        catalog: Catalog::new(),
        scratch: String::with_capacity(1024),
    };
    let mut identities = Identities::default();
    let mut allotment = TicketAllotment::new(profiles, spec.tickets);
    let total = profiles.len() as u64;
    for (index, profile) in profiles.iter().enumerate() {
        let mut rng = Rng::for_item(spec.seed, Stream::Records, index as u64);
        let account = write_account(&mut writer, &mut identities, &mut rng, index, profile)?;
        let mut revenue_rng = Rng::for_item(spec.seed, Stream::Revenue, index as u64);
        mrr_history::write_mrr_history(&mut writer, &mut revenue_rng, &account)?;
        let ticket_count = allotment.next(profile.ticket_weight);
        tickets::write_tickets(&mut writer, &mut rng, &account, ticket_count)?;
        let unanswered_complaint = surveys::write_surveys(&mut writer, &mut rng, &account)?;
        purchases::write_purchases(&mut writer, &mut rng, &account)?;
        usage::write_usage(&mut writer, &mut rng, &account)?;
        work::write_tasks(&mut writer, &mut rng, &account, unanswered_complaint)?;
        work::write_notes(&mut writer, &mut rng, &account)?;
        let done = index + 1;
        if done % ACCOUNTS_PER_REPORT == 0 || done == profiles.len() {
            progress(DemoProgress { phase: DemoPhase::Writing, done: done as u64, total });
        }
    }
    Ok(writer.sink)
}
