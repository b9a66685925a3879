//! Reading one cell's text as a value of the model: times, days, counts,
//! flags, e-mail addresses, domains, money and the closed vocabularies.
//!
//! Each reader gets the cell's text and returns the value, or the reason it
//! cannot be read, quoting the text and saying what to write instead; the
//! caller adds the file, line and column.

use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use crate::model::time::start_of_day;
use crate::model::{Currency, FieldCap, Money, Rating, SafeText, SurveyAnswer, SurveyKind, UnknownValue};

/// How far a quoted value is shown before it is cut, so a reason stays one
/// readable line even when the cell holds a page of text.
const QUOTED_CHARS: usize = 60;

/// The text as a reason quotes it: escaped, and cut when long.
pub fn quoted(text: &str) -> String {
    if text.chars().count() <= QUOTED_CHARS {
        return format!("{text:?}");
    }
    let cut: String = text.chars().take(QUOTED_CHARS).collect();
    format!("{cut:?}…")
}

/// A day: `2026-11-25`.
pub fn day(text: &str) -> Result<Date, String> {
    let text = text.trim();
    match text.parse::<Date>() {
        Ok(day) if text.len() == "2026-11-25".len() => Ok(day),
        _ => Err(format!("{} is not a day: write it as 2026-11-25", quoted(text))),
    }
}

/// An instant: RFC 3339 with its offset (`2026-11-25T14:30:00Z`,
/// `2026-11-25T15:30:00+01:00`), a date and time without one, taken as UTC
/// (`2026-11-25 14:30`), or a day alone, meaning its midnight UTC.
pub fn instant(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    if let Ok(at) = text.parse::<Timestamp>() {
        return Ok(at);
    }
    if let Ok(day) = day(text) {
        return Ok(start_of_day(day));
    }
    text.parse::<DateTime>().ok().and_then(|civil| TimeZone::UTC.to_timestamp(civil).ok()).ok_or_else(|| {
        format!(
            "{} is not a time: write 2026-11-25T14:30:00Z, 2026-11-25 14:30 (taken as UTC) \
                 or the day alone, 2026-11-25",
            quoted(text)
        )
    })
}

/// A count of people, seats or uses: a whole number from 0.
pub fn count(text: &str) -> Result<u32, String> {
    let text = text.trim();
    text.parse::<u32>().map_err(|_| {
        format!("{} is not a count: write a whole number from 0 to {}, such as 12", quoted(text), u32::MAX)
    })
}

/// Yes or no: true/false, yes/no, y/n, 1/0, or x for yes (a ticked box).
pub fn flag(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(format!("{} is not yes or no: write true or false", quoted(text.trim()))),
    }
}

/// An e-mail address, lower-cased: one `@` with text on both sides, a dot
/// in the domain, no spaces.
pub fn email(text: &str) -> Result<SafeText, String> {
    let address = text.trim().to_lowercase();
    let well_formed = address.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.contains('@') && !domain.starts_with('.')
    }) && !address.chars().any(char::is_whitespace);
    if !well_formed {
        return Err(format!("{} is not an e-mail address such as ann@acme.com", quoted(text.trim())));
    }
    Ok(SafeText::line(&address, FieldCap::TOKEN))
}

/// A bare domain, lower-cased: `acme.com`, not a web address or an e-mail.
pub fn domain(text: &str) -> Result<SafeText, String> {
    let domain = text.trim().to_lowercase();
    let bare = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.chars().any(|c| c.is_whitespace() || matches!(c, '@' | '/' | ':'));
    if !bare {
        return Err(format!(
            "{} is not a domain: write the bare domain, such as acme.com",
            quoted(text.trim())
        ));
    }
    Ok(SafeText::line(&domain, FieldCap::TOKEN))
}

pub fn currency(text: &str) -> Result<Currency, String> {
    text.parse::<Currency>().map_err(|error| error.to_string())
}

/// Checks that the text is an amount in some currency (two decimals at
/// most), before the currency of its row is known.
pub fn decimal(text: &str) -> Result<(), String> {
    money(text, Currency::USD).map(drop)
}

pub fn money(text: &str, currency: Currency) -> Result<Money, String> {
    Money::parse(text, currency).map_err(|error| error.to_string())
}

/// One of a closed vocabulary, aliases included.
pub fn word<T: FromStr<Err = UnknownValue>>(text: &str) -> Result<T, String> {
    text.parse::<T>().map_err(|error| error.to_string())
}

/// A score as written: a whole number, or good/bad for a rating.
pub fn raw_score(text: &str) -> Result<i64, String> {
    let text = text.trim();
    if let Ok(rating) = text.parse::<Rating>() {
        return Ok(match rating {
            Rating::Good => 1,
            Rating::Bad => 0,
        });
    }
    text.parse::<i64>().map_err(|_| {
        format!("{} is not a score: write a whole number, or good or bad for a rating", quoted(text))
    })
}

/// A score on its kind's scale.
pub fn answer(kind: SurveyKind, text: &str) -> Result<SurveyAnswer, String> {
    let score = raw_score(text)?;
    SurveyAnswer::new(kind, score).map_err(|error| error.to_string())
}

/// Tags separated by commas or semicolons; blanks are dropped.
pub fn tags(text: &str) -> Vec<SafeText> {
    text.split([',', ';'])
        .map(|tag| SafeText::line(tag, FieldCap::TOKEN))
        .filter(|tag| !tag.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_read_with_an_offset_without_one_or_as_a_day() {
        let expected: Timestamp = "2026-11-25T14:30:00Z".parse().unwrap();
        assert_eq!(instant("2026-11-25T14:30:00Z"), Ok(expected));
        assert_eq!(instant("2026-11-25T15:30:00+01:00"), Ok(expected));
        assert_eq!(instant("2026-11-25 14:30"), Ok(expected));
        assert_eq!(instant(" 2026-11-25T14:30:00 "), Ok(expected));
        assert_eq!(instant("2026-11-25").unwrap().to_string(), "2026-11-25T00:00:00Z");
        let error = instant("25/11/2026").unwrap_err();
        assert!(error.starts_with("\"25/11/2026\" is not a time: write 2026-11-25T14:30:00Z"), "{error}");
        assert!(instant("2026-02-30").is_err());
    }

    #[test]
    fn days_are_iso_dates_only() {
        assert_eq!(day("2026-02-28"), Ok(Date::constant(2026, 2, 28)));
        assert!(day("2026-02-30").is_err());
        assert!(day("2026-11-25T10:00:00").is_err());
        assert!(day("").is_err());
    }

    #[test]
    fn counts_flags_and_scores() {
        assert_eq!(count("12"), Ok(12));
        assert!(count("-1").unwrap_err().contains("whole number"));
        assert_eq!((flag("Yes"), flag("x"), flag("0")), (Ok(true), Ok(true), Ok(false)));
        assert!(flag("maybe").is_err());
        assert_eq!(answer(SurveyKind::Nps, "9"), Ok(SurveyAnswer::Nps(9)));
        assert_eq!(answer(SurveyKind::Rating, "Good"), Ok(SurveyAnswer::Rating(Rating::Good)));
        assert!(answer(SurveyKind::Csat, "6").unwrap_err().contains("off the scale 1–5"));
    }

    #[test]
    fn addresses_and_domains_are_lower_cased_and_checked() {
        assert_eq!(email(" Ann@Acme.COM ").unwrap().as_str(), "ann@acme.com");
        for bad in ["ann", "@acme.com", "ann@acme", "ann smith@acme.com", "a@b@c.com"] {
            assert!(email(bad).is_err(), "{bad}");
        }
        assert_eq!(domain("Acme.COM").unwrap().as_str(), "acme.com");
        for bad in ["https://acme.com", "acme", "ann@acme.com", "acme .com", ".acme.com"] {
            assert!(domain(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tags_split_on_commas_and_semicolons() {
        let tags: Vec<String> = tags("vip, emea;;beta ").into_iter().map(SafeText::into_string).collect();
        assert_eq!(tags, ["vip", "emea", "beta"]);
    }

    #[test]
    fn long_values_are_cut_when_quoted() {
        let quoted = quoted(&"x".repeat(500));
        assert!(quoted.ends_with("\"…") && quoted.len() < 70, "{quoted}");
    }
}
