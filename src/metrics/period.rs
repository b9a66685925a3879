//! Reading a period as users type it on the command line and in filters:
//! `90d`, `12w`, `2026-11`, `2026-Q4`, `2026-W48`, `2026-01-01..2026-04-01`.

use std::str::FromStr;

use jiff::civil::Date;

use super::Window;
use crate::model::time;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a period: use days or weeks back from now (90d, 12w), a month (2026-11), \
     a quarter (2026-Q4), an ISO week (2026-W48) or a range of days (2026-01-01..2026-04-01, end excluded)"
)]
pub struct BadPeriod(pub String);

impl FromStr for Window {
    type Err = BadPeriod;

    fn from_str(raw: &str) -> Result<Window, BadPeriod> {
        let text = raw.trim();
        let bad = || BadPeriod(raw.to_owned());
        if let Some((start, end)) = text.split_once("..") {
            let day = |part: &str| part.trim().parse::<Date>().map_err(|_| bad());
            return Ok(Window::Between {
                start: time::start_of_day(day(start)?),
                end: time::start_of_day(day(end)?),
            });
        }
        let lower = text.to_ascii_lowercase();
        if let Some(days) = lower.strip_suffix('d').and_then(|n| n.parse::<u32>().ok()) {
            return Ok(Window::LastDays(days));
        }
        if let Some(weeks) = lower.strip_suffix('w').and_then(|n| n.parse::<u32>().ok()) {
            return weeks.checked_mul(7).map(Window::LastDays).ok_or_else(bad);
        }
        let (year, rest) = lower.split_once('-').ok_or_else(bad)?;
        let year: i16 = year.parse().map_err(|_| bad())?;
        if let Some(quarter) = rest.strip_prefix('q') {
            return Ok(Window::Quarter { year, quarter: quarter.parse().map_err(|_| bad())? });
        }
        if let Some(week) = rest.strip_prefix('w') {
            return Ok(Window::IsoWeek { year, week: week.parse().map_err(|_| bad())? });
        }
        if rest.len() <= 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Window::Month { year, month: rest.parse().map_err(|_| bad())? });
        }
        Err(bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form() {
        assert_eq!("90d".parse::<Window>().unwrap(), Window::LastDays(90));
        assert_eq!("12w".parse::<Window>().unwrap(), Window::LastDays(84));
        assert_eq!("2026-11".parse::<Window>().unwrap(), Window::Month { year: 2026, month: 11 });
        assert_eq!("2026-q4".parse::<Window>().unwrap(), Window::Quarter { year: 2026, quarter: 4 });
        assert_eq!("2026-W48".parse::<Window>().unwrap(), Window::IsoWeek { year: 2026, week: 48 });
        let range = "2026-01-01..2026-04-01".parse::<Window>().unwrap();
        assert_eq!(range.to_string(), "[2026-01-01T00:00:00Z, 2026-04-01T00:00:00Z)");
    }

    #[test]
    fn refuses_what_is_not_a_period_and_says_what_is() {
        for raw in ["", "90", "d", "ninety days", "2026", "2026-Z1", "2026-01-01..", "-5d"] {
            let error = raw.parse::<Window>().unwrap_err().to_string();
            assert!(error.contains("90d") && error.contains("2026-Q4"), "{raw}: {error}");
        }
    }
}
