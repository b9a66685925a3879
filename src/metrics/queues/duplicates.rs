//! The `duplicates` queue: accounts that are likely two records of one
//! company, as a CSM would judge them before merging.
//!
//! A shared domain (ignoring case and `www.`) is enough on its own. A name
//! that is equal once company forms are left out is not: short names from a
//! small vocabulary collide between unrelated companies. It counts only when
//! something else agrees — the domains have the same registrable label under
//! another ending (`acme.com` / `acme.de`), or the two accounts list a
//! contact with the same e-mail address.
//!
//! Near-linear in the accounts and contacts: accounts are grouped by key in
//! hash maps, and a reason finds the others of a group by binary search and
//! reads only the few it names, however large the group.

use std::collections::HashMap;

use super::{ContactEmail, Entry};
use crate::model::{AccountId, AccountSummary, company_domain};

/// How many other accounts a reason names before "and N more".
const NAMED_IN_REASON: usize = 3;

/// Company-form endings left out when names are compared, as word
/// sequences after lower-casing and dropping dots and commas
/// ("Sp. z o.o." → "sp z oo", "S.r.l." → "srl").
const COMPANY_SUFFIXES: &[&[&str]] = &[
    &["gmbh"],
    &["ag"],
    &["kg"],
    &["inc"],
    &["corp"],
    &["corporation"],
    &["co"],
    &["llc"],
    &["ltd"],
    &["limited"],
    &["plc"],
    &["srl"],
    &["spa"],
    &["snc"],
    &["sa"],
    &["sas"],
    &["bv"],
    &["sp", "z", "oo"],
    &["spj"],
    &["spk"],
];

/// Second-level labels under which country endings register names
/// (`acme.co.uk`, `acme.com.pl`, `acme.co.th`): the registrable label is
/// the one before them.
const SECOND_LEVEL_LABELS: &[&str] = &["co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go"];

/// What an account is compared by, normalised once.
struct Keys {
    name: String,
    domain: Option<String>,
}

impl Keys {
    fn label(&self) -> Option<&str> {
        registrable_label(self.domain.as_deref()?)
    }
}

/// What the domain clauses already link an account by when its name is
/// shared: its domain label, or nothing but itself without one.
fn covered_by(keys: &[Keys], index: usize) -> (Option<&str>, Option<usize>) {
    let label = keys[index].label();
    (label, label.is_none().then_some(index))
}

/// Every account that is likely a second record of another; its reason
/// names the other accounts and what they have in common.
pub(super) fn duplicates(summaries: &[AccountSummary], contact_emails: &[ContactEmail]) -> Vec<Entry> {
    let keys: Vec<Keys> = summaries
        .iter()
        .map(|summary| Keys {
            name: comparable_name(summary.name.as_str()),
            domain: company_domain(summary.domain.as_str()),
        })
        .collect();
    let mut by_domain: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_name_and_label: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (index, key) in keys.iter().enumerate() {
        let Some(domain) = key.domain.as_deref() else { continue };
        by_domain.entry(domain).or_default().push(index);
        if let Some(label) = key.label().filter(|_| !key.name.is_empty()) {
            by_name_and_label.entry((key.name.as_str(), label)).or_default().push(index);
        }
    }
    let position: HashMap<AccountId, usize> =
        summaries.iter().enumerate().map(|(index, summary)| (summary.id, index)).collect();
    let mut emails: Vec<(usize, String)> = contact_emails
        .iter()
        .filter_map(|contact| Some((*position.get(&contact.account)?, comparable_email(&contact.email)?)))
        .collect();
    emails.sort_unstable();
    emails.dedup();
    let mut by_name_and_email: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (index, email) in &emails {
        let name = keys[*index].name.as_str();
        if !name.is_empty() {
            by_name_and_email.entry((name, email.as_str())).or_default().push(*index);
        }
    }
    // Sorted so that each account's own domain, or own label, is one run
    // of its group: the others are the group before and after the run.
    for group in by_name_and_label.values_mut() {
        group.sort_by_key(|index| (keys[*index].domain.as_deref(), *index));
    }
    for group in by_name_and_email.values_mut() {
        group.sort_by_key(|index| (covered_by(&keys, *index), *index));
    }
    let emails_of = |index: usize| {
        let start = emails.partition_point(|(owner, _)| *owner < index);
        emails[start..].iter().take_while(move |(owner, _)| *owner == index).map(|(_, email)| email.as_str())
    };
    let groups = Groups { keys: &keys, summaries, by_domain, by_name_and_label, by_name_and_email };
    let mut components = Components::new(summaries.len());
    for group in groups.all() {
        for pair in group.windows(2) {
            components.join(pair[0], pair[1]);
        }
    }
    let lowest_id_of_set = components.lowest_ids(summaries);
    (0..summaries.len())
        .filter_map(|index| {
            let reason = groups.reason(index, emails_of(index))?;
            // One key per set of linked records, so they sit together.
            Some(Entry { account: summaries[index].id, reason, sort_key: -lowest_id_of_set[index] })
        })
        .collect()
}

/// The accounts grouped by each key that may link two records, as indexes
/// into the summaries: by domain in ascending order, by name and label in
/// the order of their domains, by name and contact address in the order of
/// their labels.
struct Groups<'a> {
    keys: &'a [Keys],
    summaries: &'a [AccountSummary],
    by_domain: HashMap<&'a str, Vec<usize>>,
    by_name_and_label: HashMap<(&'a str, &'a str), Vec<usize>>,
    by_name_and_email: HashMap<(&'a str, &'a str), Vec<usize>>,
}

impl Groups<'_> {
    fn all(&self) -> impl Iterator<Item = &Vec<usize>> {
        self.by_domain.values().chain(self.by_name_and_label.values()).chain(self.by_name_and_email.values())
    }

    /// The account's reason: the accounts at its domain, then those with
    /// its name at another domain with the same label, then those with its
    /// name and one of its contacts' addresses under another label; each
    /// account named once. `None` when nothing links it to another account.
    fn reason<'e>(&self, index: usize, emails: impl Iterator<Item = &'e str>) -> Option<String> {
        let mut clauses = Vec::new();
        let mut named: Vec<usize> = Vec::new();
        let key = &self.keys[index];
        if let Some(domain) = key.domain.as_deref() {
            let at_domain = &self.by_domain[domain];
            let others = at_domain.iter().copied().filter(|other| *other != index);
            clauses.extend(self.clause("same domain", others, at_domain.len() - 1, &mut named));
        }
        if let Some(label) = key.label().filter(|_| !key.name.is_empty()) {
            let same_label = &self.by_name_and_label[&(key.name.as_str(), label)];
            let (before, after) = around_run(same_label, |other| self.keys[other].domain.as_deref(), index);
            if !before.is_empty() || !after.is_empty() {
                let what = format!("same name and domain {label}.*");
                let others = before.iter().chain(after).copied();
                clauses.extend(self.clause(&what, others, before.len() + after.len(), &mut named));
            }
        }
        for email in emails {
            let Some(sharing) = self.by_name_and_email.get(&(key.name.as_str(), email)) else { continue };
            let (before, after) = around_run(sharing, |other| covered_by(self.keys, other), index);
            let label_and_index = |other: usize| (self.keys[other].label(), other);
            let in_group = |other: usize| {
                sharing
                    .binary_search_by_key(&label_and_index(other), |member| label_and_index(*member))
                    .is_ok()
            };
            // Those named for another of its addresses, outside its own run.
            let own = covered_by(self.keys, index);
            let already_named = named
                .iter()
                .filter(|other| covered_by(self.keys, **other) != own && in_group(**other))
                .count();
            let total = before.len() + after.len() - already_named;
            if total == 0 {
                continue;
            }
            let others = before.iter().chain(after).copied().filter(|other| !named.contains(other));
            let others: Vec<usize> = others.take(NAMED_IN_REASON).collect();
            let what = format!("same name and contact {email}");
            clauses.extend(self.clause(&what, others.into_iter(), total, &mut named));
        }
        (!clauses.is_empty()).then(|| clauses.join("; "))
    }

    /// "`what` as #3 Globex, #7 Initech (and 2 more)": the first of
    /// `others` (none of them named yet) out of `total`. `None` when there
    /// is none.
    fn clause(
        &self,
        what: &str,
        others: impl Iterator<Item = usize>,
        total: usize,
        named: &mut Vec<usize>,
    ) -> Option<String> {
        let mut listed: Vec<usize> = others.take(NAMED_IN_REASON).collect();
        if listed.is_empty() {
            return None;
        }
        listed.sort_by_key(|other| self.summaries[*other].id);
        named.extend_from_slice(&listed);
        let names: Vec<String> = listed
            .iter()
            .map(|other| format!("#{} {}", self.summaries[*other].id.0, self.summaries[*other].name))
            .collect();
        let text = format!("{what} as {}", names.join(", "));
        Some(match total.saturating_sub(listed.len()) {
            0 => text,
            more => format!("{text} (and {more} more)"),
        })
    }
}

/// The members of `group` (sorted by `key`) before and after the run that
/// shares `member`'s key.
fn around_run<K: Ord>(group: &[usize], key: impl Fn(usize) -> K, member: usize) -> (&[usize], &[usize]) {
    let own = key(member);
    let start = group.partition_point(|other| key(*other) < own);
    let end = group.partition_point(|other| key(*other) <= own);
    (&group[..start], &group[end..])
}

/// The records linked by any key, as a union-find over account indexes.
struct Components {
    parent: Vec<usize>,
}

impl Components {
    fn new(count: usize) -> Self {
        Components { parent: (0..count).collect() }
    }

    /// The set's representative, halving the path on the way so that long
    /// chains of joins stay cheap to walk.
    fn root(&mut self, mut index: usize) -> usize {
        while self.parent[index] != index {
            self.parent[index] = self.parent[self.parent[index]];
            index = self.parent[index];
        }
        index
    }

    fn join(&mut self, first: usize, second: usize) {
        let (first, second) = (self.root(first), self.root(second));
        self.parent[first.max(second)] = first.min(second);
    }

    /// The lowest account id of the set each account belongs to.
    fn lowest_ids(&mut self, summaries: &[AccountSummary]) -> Vec<i64> {
        let roots: Vec<usize> = (0..summaries.len()).map(|index| self.root(index)).collect();
        let mut lowest_by_root: Vec<i64> = summaries.iter().map(|summary| summary.id.0).collect();
        for (summary, root) in summaries.iter().zip(&roots) {
            lowest_by_root[*root] = lowest_by_root[*root].min(summary.id.0);
        }
        roots.iter().map(|root| lowest_by_root[*root]).collect()
    }
}

/// A name as duplicates are compared: lower-case words, without dots,
/// commas or company-form endings.
pub(super) fn comparable_name(name: &str) -> String {
    let folded: String = name.to_lowercase().chars().filter(|c| !matches!(c, '.' | ',')).collect();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    // Repeatedly, so "Acme GmbH & Co. KG"-like stacks lose every ending.
    while let Some(suffix) =
        COMPANY_SUFFIXES.iter().find(|suffix| words.len() > suffix.len() && words.ends_with(suffix))
    {
        words.truncate(words.len() - suffix.len());
    }
    words.join(" ")
}

/// The label a company registers, whatever the ending: `acme` for
/// `acme.com`, `acme.de`, `shop.acme.co.uk`. `None` for a bare label.
pub(super) fn registrable_label(domain: &str) -> Option<&str> {
    let mut labels = domain.rsplit('.').skip(1).filter(|label| !label.is_empty());
    let first = labels.next()?;
    if SECOND_LEVEL_LABELS.contains(&first) { labels.next().or(Some(first)) } else { Some(first) }
}

/// An e-mail address as duplicates are compared: trimmed and lower-case.
/// `None` without a local part and a domain.
fn comparable_email(email: &str) -> Option<String> {
    let lower = email.trim().to_lowercase();
    let (local, domain) = lower.split_once('@')?;
    (!local.is_empty() && !domain.is_empty()).then_some(lower)
}
