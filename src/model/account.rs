//! Accounts: the customer companies a team looks after.

use jiff::Timestamp;
use jiff::civil::Date;

use super::{AccountId, ExternalRef, LifecycleStage, Money, SafeText};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    pub name: SafeText,
    /// The e-mail domain, lower-case; how records from several backends are
    /// joined into one account.
    pub domain: SafeText,
    pub plan: SafeText,
    /// Monthly recurring revenue now; ARR is twelve times it.
    pub mrr: Money,
    /// The CSM or agent who owns the account.
    pub owner: SafeText,
    pub stage: LifecycleStage,
    pub renewal_date: Option<Date>,
    pub created_at: Timestamp,
    pub tags: Vec<SafeText>,
    /// Ids of this account in each backend it was seen in.
    pub external_ids: Vec<ExternalRef>,
}

impl Account {
    /// Annual recurring revenue: twelve months of the current MRR.
    pub fn arr(&self) -> Money {
        Money::new(self.mrr.minor.saturating_mul(12), self.mrr.currency)
    }
}

/// The columns of the accounts table: what a list needs, without tags and
/// external ids, so 100k of them stay small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSummary {
    pub id: AccountId,
    pub name: SafeText,
    pub domain: SafeText,
    pub stage: LifecycleStage,
    pub plan: SafeText,
    pub mrr: Money,
    pub renewal_date: Option<Date>,
    pub owner: SafeText,
}

/// Mail providers that many unrelated accounts may give as their domain:
/// sharing one says nothing about being the same company.
const SHARED_MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "yahoo.com",
    "icloud.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "t-online.de",
    "mail.ru",
    "yandex.ru",
    "wp.pl",
    "onet.pl",
    "libero.it",
];

/// A domain as accounts are joined and compared by: lower-case, without
/// `www.` or a final dot. `None` when empty or a mail provider many
/// accounts share (`gmail.com` says nothing about the company).
pub fn company_domain(domain: &str) -> Option<String> {
    let lower = domain.trim().to_lowercase();
    let bare = lower.strip_prefix("www.").unwrap_or(&lower).trim_end_matches('.');
    (!bare.is_empty() && !SHARED_MAIL_DOMAINS.contains(&bare)).then(|| bare.to_owned())
}
