//! Where the ticket listing is read from next: an `updated_since` window and
//! a page of it, kept as the stream's cursor — `2026-03-01T10:00:00Z|4`.
//!
//! Freshdesk lists tickets a page of at most 100 at a time, by page number,
//! and stops at page 300 (30,000 tickets a query). Paging deep into one
//! query would also lose tickets: listed oldest update first, a ticket
//! updated while keepers reads moves to the end, the rest shift back one
//! place, and the first ticket of the next page slides onto a page already
//! read. So the window moves instead: after a full page the next query asks
//! `updated_since` = the newest `updated_at` on it, page 1. Tickets updated
//! in that very second come again and are upserted, which changes nothing.
//!
//! Only a page whose tickets were all updated in the window's own second
//! cannot move the window; then the page number goes on. Should one second
//! hold more than 300 full pages (a bulk update of over 30,000 tickets), the
//! window moves one second on, and the tickets of that second past the
//! 30,000th are not read until they change again.
//!
//! A page with fewer than 100 tickets ends the listing for now; the cursor
//! becomes (its newest `updated_at`, page 1), so the next sync asks only for
//! what changed since.

use jiff::{SignedDuration, Timestamp};

/// Tickets asked for on each page: Freshdesk's most.
pub const PER_PAGE: usize = 100;
/// The last page number Freshdesk answers for one query.
pub const PAGE_CAP: u32 = 300;

/// `updated_since` of the first window: before Freshdesk existed, so every
/// ticket is in it. Without `updated_since` Freshdesk lists only the last
/// 30 days.
const FIRST_SINCE: Timestamp = Timestamp::constant(946_684_800, 0);

/// A query of the ticket listing and the page of it to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketWindow {
    pub since: Timestamp,
    pub page: u32,
}

/// A stored cursor that is not one keepers wrote.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the stored ticket cursor {cursor:?} is not `<updated_since>|<page>`; `keepers sync --full` reads \
     the tickets from the start"
)]
pub struct CursorError {
    pub cursor: String,
}

impl TicketWindow {
    /// Where the listing starts: every ticket, page 1.
    pub fn first() -> TicketWindow {
        TicketWindow { since: FIRST_SINCE, page: 1 }
    }

    /// The window a stored cursor names; `None` (no cursor yet) is the first.
    pub fn from_cursor(cursor: Option<&str>) -> Result<TicketWindow, CursorError> {
        let Some(text) = cursor else {
            return Ok(TicketWindow::first());
        };
        let invalid = || CursorError { cursor: text.chars().take(80).collect() };
        let (since, page) = text.split_once('|').ok_or_else(invalid)?;
        let since = since.parse::<Timestamp>().map_err(|_| invalid())?;
        let page =
            page.parse::<u32>().ok().filter(|page| (1..=PAGE_CAP).contains(page)).ok_or_else(invalid)?;
        Ok(TicketWindow { since, page })
    }

    pub fn cursor(&self) -> String {
        format!("{}|{}", self.since_parameter(), self.page)
    }

    /// `updated_since` as Freshdesk takes it: whole seconds, UTC.
    pub fn since_parameter(&self) -> String {
        // Freshdesk's times are whole seconds; a fraction from elsewhere
        // is dropped, which only widens the window.
        Timestamp::from_second(self.since.as_second()).unwrap_or(self.since).to_string()
    }

    /// Where to read after a page of `count` tickets whose newest was
    /// updated at `newest`, and whether the listing has ended for now.
    pub fn after_page(self, count: usize, newest: Option<Timestamp>) -> (TicketWindow, bool) {
        let newest = newest.map_or(self.since, |newest| newest.max(self.since));
        if count < PER_PAGE {
            return (TicketWindow { since: newest, page: 1 }, true);
        }
        if newest > self.since {
            return (TicketWindow { since: newest, page: 1 }, false);
        }
        if self.page < PAGE_CAP {
            return (TicketWindow { since: self.since, page: self.page + 1 }, false);
        }
        let next_second = self.since.checked_add(SignedDuration::from_secs(1)).unwrap_or(self.since);
        (TicketWindow { since: next_second, page: 1 }, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a test time")
    }

    fn window(cursor: &str) -> TicketWindow {
        TicketWindow::from_cursor(Some(cursor)).expect("a cursor")
    }

    #[test]
    fn the_cursor_reads_back_as_it_was_written() {
        let first = TicketWindow::first();
        assert_eq!(first.cursor(), "2000-01-01T00:00:00Z|1");
        assert_eq!(TicketWindow::from_cursor(None), Ok(first));
        let stored = window("2026-03-01T10:00:00Z|4");
        assert_eq!(stored, TicketWindow { since: at("2026-03-01T10:00:00Z"), page: 4 });
        assert_eq!(stored.cursor(), "2026-03-01T10:00:00Z|4");
    }

    #[test]
    fn a_cursor_keepers_did_not_write_is_refused_with_what_to_do() {
        for bad in
            ["", "2026-03-01T10:00:00Z", "yesterday|1", "2026-03-01T10:00:00Z|0", "2026-03-01T10:00:00Z|301"]
        {
            let error = TicketWindow::from_cursor(Some(bad)).expect_err(bad);
            assert!(error.to_string().contains("--full"), "{error}");
        }
    }

    #[test]
    fn a_full_page_moves_the_window_to_its_newest_update() {
        let (next, ended) =
            window("2026-03-01T10:00:00Z|1").after_page(100, Some(at("2026-03-02T08:00:00Z")));
        assert_eq!(next.cursor(), "2026-03-02T08:00:00Z|1");
        assert!(!ended);
    }

    #[test]
    fn a_full_page_within_one_second_goes_on_to_the_next_page() {
        let since = "2026-03-01T10:00:00Z";
        let (next, ended) = window(&format!("{since}|4")).after_page(100, Some(at(since)));
        assert_eq!(next.cursor(), format!("{since}|5"));
        assert!(!ended);
    }

    #[test]
    fn at_the_page_cap_a_new_window_starts() {
        let since = "2026-03-01T10:00:00Z";
        let (next, ended) = window(&format!("{since}|300")).after_page(100, Some(at(since)));
        assert_eq!(next.cursor(), "2026-03-01T10:00:01Z|1", "updated_since moves on, page 1");
        assert!(!ended);
        let (moved, _) = window(&format!("{since}|300")).after_page(100, Some(at("2026-03-01T11:30:00Z")));
        assert_eq!(moved.cursor(), "2026-03-01T11:30:00Z|1", "the newest update when the page has one");
    }

    #[test]
    fn a_short_page_ends_the_listing_at_its_newest_update() {
        let (next, ended) = window("2026-03-01T10:00:00Z|1").after_page(7, Some(at("2026-03-05T09:15:30Z")));
        assert_eq!(next.cursor(), "2026-03-05T09:15:30Z|1");
        assert!(ended);
    }

    #[test]
    fn an_empty_page_ends_the_listing_and_asks_the_window_again_from_page_one() {
        let (next, ended) = window("2026-03-01T10:00:00Z|3").after_page(0, None);
        assert_eq!(next.cursor(), "2026-03-01T10:00:00Z|1");
        assert!(ended);
    }

    #[test]
    fn an_update_older_than_the_window_never_moves_it_back() {
        let (next, _) = window("2026-03-01T10:00:00Z|1").after_page(3, Some(at("2025-01-01T00:00:00Z")));
        assert_eq!(next.cursor(), "2026-03-01T10:00:00Z|1");
    }
}
