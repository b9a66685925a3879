//! The account view's tabs and the timeline's kind filter: which part of an
//! account is on screen, and how many rows it has to scroll through. Plain
//! values; `update` moves between them and `ui` draws the one chosen.

use unicode_width::UnicodeWidthStr;

use super::layout;
use super::state::AccountDetail;
use crate::model::Event;

/// One part of the account view, in the order the tab bar shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountTab {
    Timeline,
    Tickets,
    Contacts,
    Surveys,
    Purchases,
    Usage,
    Health,
    Tasks,
    Notes,
}

impl AccountTab {
    pub const ALL: [AccountTab; 9] = [
        AccountTab::Timeline,
        AccountTab::Tickets,
        AccountTab::Contacts,
        AccountTab::Surveys,
        AccountTab::Purchases,
        AccountTab::Usage,
        AccountTab::Health,
        AccountTab::Tasks,
        AccountTab::Notes,
    ];

    pub fn title(self) -> &'static str {
        match self {
            AccountTab::Timeline => "Timeline",
            AccountTab::Tickets => "Tickets",
            AccountTab::Contacts => "Contacts",
            AccountTab::Surveys => "Surveys",
            AccountTab::Purchases => "Purchases",
            AccountTab::Usage => "Usage",
            AccountTab::Health => "Health",
            AccountTab::Tasks => "Tasks",
            AccountTab::Notes => "Notes",
        }
    }

    fn index(self) -> usize {
        AccountTab::ALL.iter().position(|tab| *tab == self).unwrap_or(0)
    }

    /// The tab `step` places to the right, wrapping around at either end.
    pub fn step(self, step: isize) -> AccountTab {
        let count = AccountTab::ALL.len() as isize;
        AccountTab::ALL[(self.index() as isize + step).rem_euclid(count) as usize]
    }
}

/// The tab bar's labels in order, each with the gap after it: with row
/// counts from [`layout::WIDE_TAB_BAR`] columns on (the usage chart and the
/// health explanation have no rows to count), without them below — the
/// nine names only just fit in 80 columns.
pub fn tab_labels(detail: Option<&AccountDetail>, width: u16) -> Vec<(AccountTab, String, &'static str)> {
    let wide = width >= layout::WIDE_TAB_BAR;
    AccountTab::ALL
        .into_iter()
        .map(|tab| {
            let count = detail
                .filter(|_| wide && !matches!(tab, AccountTab::Usage | AccountTab::Health))
                .map(|detail| row_count(detail, tab, TimelineFilter::All));
            let label = match count {
                Some(count) => format!(" {} ({count}) ", tab.title()),
                None => format!(" {} ", tab.title()),
            };
            (tab, label, if wide { " " } else { "" })
        })
        .collect()
}

/// The tab whose label is at `column` of the tab bar.
pub fn tab_at(detail: Option<&AccountDetail>, width: u16, column: u16) -> Option<AccountTab> {
    let mut start = 0;
    for (tab, label, gap) in tab_labels(detail, width) {
        let end = start + label.width();
        if (start..end).contains(&usize::from(column)) {
            return Some(tab);
        }
        start = end + gap.len();
    }
    None
}

/// Which kinds of event the timeline shows; `f` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimelineFilter {
    #[default]
    All,
    /// Only events whose [`crate::model::EventKind::label`] is this.
    Kind(&'static str),
}

/// The kinds `f` steps through after "all", as the timeline labels them.
const FILTER_KINDS: [&str; 7] = ["stage", "ticket", "survey", "purchase", "note", "touchpoint", "task"];

impl TimelineFilter {
    pub fn next(self) -> TimelineFilter {
        let at = match self {
            TimelineFilter::All => 0,
            TimelineFilter::Kind(kind) => FILTER_KINDS.iter().position(|k| *k == kind).map_or(0, |i| i + 1),
        };
        FILTER_KINDS.get(at).map_or(TimelineFilter::All, |kind| TimelineFilter::Kind(kind))
    }

    pub fn label(self) -> &'static str {
        match self {
            TimelineFilter::All => "all",
            TimelineFilter::Kind(kind) => kind,
        }
    }

    pub fn admits(self, event: &Event) -> bool {
        match self {
            TimelineFilter::All => true,
            TimelineFilter::Kind(kind) => event.kind.label() == kind,
        }
    }
}

/// Rows at the top of a tab that stay put while it scrolls: column names.
pub fn header_rows(tab: AccountTab) -> usize {
    match tab {
        AccountTab::Tickets | AccountTab::Health => 1,
        _ => 0,
    }
}

/// How many rows a tab scrolls through. The usage chart fits its area and
/// does not scroll.
pub fn row_count(detail: &AccountDetail, tab: AccountTab, filter: TimelineFilter) -> usize {
    match tab {
        AccountTab::Timeline => detail.timeline.iter().filter(|event| filter.admits(event)).count(),
        AccountTab::Tickets => detail.tickets.len(),
        AccountTab::Contacts => detail.contacts.len(),
        AccountTab::Surveys => detail.surveys.len(),
        AccountTab::Purchases => detail.purchases.len(),
        AccountTab::Usage => 0,
        AccountTab::Health => {
            detail.health.explanation.components.iter().map(|component| 1 + component.inputs.len()).sum()
        }
        AccountTab::Tasks => detail.tasks.len(),
        AccountTab::Notes => detail.notes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_wrap_around_both_ways() {
        assert_eq!(AccountTab::Timeline.step(-1), AccountTab::Notes);
        assert_eq!(AccountTab::Notes.step(1), AccountTab::Timeline);
        assert_eq!(AccountTab::Tickets.step(1), AccountTab::Contacts);
    }

    #[test]
    fn the_filter_cycles_through_every_kind_and_back_to_all() {
        let mut filter = TimelineFilter::All;
        let mut seen = Vec::new();
        for _ in 0..8 {
            filter = filter.next();
            seen.push(filter.label());
        }
        assert_eq!(seen, ["stage", "ticket", "survey", "purchase", "note", "touchpoint", "task", "all"]);
    }
}
