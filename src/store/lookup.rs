//! Finding an account from what a user types on the command line: its local
//! id, its domain, or its name.

use super::accounts::{SUMMARY_COLUMNS, decode_summary};
use super::{Store, StoreError};
use crate::model::AccountSummary;

/// How many candidates a lookup lists when a name is ambiguous.
const MAX_CANDIDATES: usize = 20;

/// The outcome of looking an account up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountMatch {
    One(AccountSummary),
    /// Several accounts fit; at most [`MAX_CANDIDATES`] of them, by name.
    Several(Vec<AccountSummary>),
    None,
}

impl Store {
    /// Resolves `query` in this order, stopping at the first kind that
    /// matches: a local id (`#42` or `42`), an exact domain, an exact name
    /// (both ignoring case), then names containing the query.
    pub fn find_account(&self, query: &str) -> Result<AccountMatch, StoreError> {
        let query = query.trim();
        if let Ok(id) = query.trim_start_matches('#').parse::<i64>() {
            let found = self.read_all(&format!("{SUMMARY_COLUMNS} WHERE id = ?1"), [id], decode_summary)?;
            if let [account] = found.as_slice() {
                return Ok(AccountMatch::One(account.clone()));
            }
        }
        let folded = query.to_lowercase();
        let steps = [
            format!("{SUMMARY_COLUMNS} WHERE domain = ?1 ORDER BY id"),
            format!("{SUMMARY_COLUMNS} WHERE name_sort_key = ?1 ORDER BY id"),
            format!(
                "{SUMMARY_COLUMNS} WHERE instr(name_sort_key, ?1) > 0 ORDER BY name_sort_key, id LIMIT {}",
                MAX_CANDIDATES + 1
            ),
        ];
        for sql in &steps {
            let mut found = self.read_all(sql, [&folded], decode_summary)?;
            match found.len() {
                0 => continue,
                1 => return Ok(AccountMatch::One(found.remove(0))),
                _ => {
                    found.truncate(MAX_CANDIDATES);
                    return Ok(AccountMatch::Several(found));
                }
            }
        }
        Ok(AccountMatch::None)
    }
}
