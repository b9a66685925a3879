//! Bands: the words a health score is shown with — poor, fair, good — each
//! an inclusive range of whole scores. Together they must cover 0–100 in
//! that order, with no gap and no overlap, so every shown score has exactly
//! one band.
//!
//! Pure data and its check; the band of a score is taken on the score as
//! shown (rounded once), so the number and its word always agree.

use std::fmt;

/// A health band, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    Poor,
    Fair,
    Good,
}

impl Band {
    pub const ALL: [Band; 3] = [Band::Poor, Band::Fair, Band::Good];

    /// As written in `health.toml` and shown.
    pub fn name(self) -> &'static str {
        match self {
            Band::Poor => "poor",
            Band::Fair => "fair",
            Band::Good => "good",
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Scores `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BandRange {
    pub from: u8,
    pub to: u8,
}

/// The three bands' ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bands {
    pub poor: BandRange,
    pub fair: BandRange,
    pub good: BandRange,
}

impl Default for Bands {
    /// Poor 0–49, fair 50–74, good 75–100 (DESIGN.md).
    fn default() -> Self {
        Bands {
            poor: BandRange { from: 0, to: 49 },
            fair: BandRange { from: 50, to: 74 },
            good: BandRange { from: 75, to: 100 },
        }
    }
}

impl Bands {
    pub fn range(&self, band: Band) -> BandRange {
        match band {
            Band::Poor => self.poor,
            Band::Fair => self.fair,
            Band::Good => self.good,
        }
    }

    pub fn range_mut(&mut self, band: Band) -> &mut BandRange {
        match band {
            Band::Poor => &mut self.poor,
            Band::Fair => &mut self.fair,
            Band::Good => &mut self.good,
        }
    }

    /// The band of a shown score. Only the upper ends are read, so even
    /// unchecked bands give every score one band.
    pub fn band(&self, score: u8) -> Band {
        if score <= self.poor.to {
            Band::Poor
        } else if score <= self.fair.to {
            Band::Fair
        } else {
            Band::Good
        }
    }

    /// Whether the bands cover 0–100 in order, without gaps or overlaps.
    pub fn check(&self) -> Result<(), BandsError> {
        for band in Band::ALL {
            let BandRange { from, to } = self.range(band);
            if from > to {
                return Err(BandsError::Reversed { band, from, to });
            }
        }
        if self.poor.from != 0 {
            return Err(BandsError::NotFromZero { from: self.poor.from });
        }
        if self.good.to != 100 {
            return Err(BandsError::NotToHundred { to: self.good.to });
        }
        for (previous, band) in [(Band::Poor, Band::Fair), (Band::Fair, Band::Good)] {
            let (end, start) = (self.range(previous).to, self.range(band).from);
            let expected = end.saturating_add(1);
            if start > expected {
                return Err(BandsError::Gap { previous, band, from: expected, to: start - 1 });
            }
            if start < expected {
                return Err(BandsError::Overlap { previous, band, from: start, to: end, expected });
            }
        }
        Ok(())
    }
}

/// Bands that leave a score without a band, or give it two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BandsError {
    #[error("the {band} band runs from {from} to {to}: its start must not come after its end")]
    Reversed { band: Band, from: u8, to: u8 },
    #[error("the poor band starts at {from}: it must start at 0 so that every score has a band")]
    NotFromZero { from: u8 },
    #[error("the good band ends at {to}: it must end at 100 so that every score has a band")]
    NotToHundred { to: u8 },
    #[error("scores {from}–{to} are in no band: start {band} at {from}, right after {previous} ends")]
    Gap { previous: Band, band: Band, from: u8, to: u8 },
    #[error(
        "scores {from}–{to} are in both {previous} and {band}: start {band} at {expected}, right after {previous} ends"
    )]
    Overlap { previous: Band, band: Band, from: u8, to: u8, expected: u8 },
}

impl BandsError {
    /// The band whose range should change.
    pub fn band(&self) -> Band {
        match *self {
            BandsError::Reversed { band, .. }
            | BandsError::Gap { band, .. }
            | BandsError::Overlap { band, .. } => band,
            BandsError::NotFromZero { .. } => Band::Poor,
            BandsError::NotToHundred { .. } => Band::Good,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_bands_split_at_50_and_75() {
        let bands = Bands::default();
        assert_eq!(bands.check(), Ok(()));
        assert_eq!(
            [0, 49, 50, 74, 75, 100].map(|score| bands.band(score)),
            [Band::Poor, Band::Poor, Band::Fair, Band::Fair, Band::Good, Band::Good]
        );
    }

    #[test]
    fn a_gap_names_the_scores_without_a_band() {
        let mut bands = Bands::default();
        bands.fair.from = 52;
        let error = bands.check().unwrap_err();
        assert_eq!(error, BandsError::Gap { previous: Band::Poor, band: Band::Fair, from: 50, to: 51 });
        assert_eq!(error.band(), Band::Fair);
        assert!(error.to_string().contains("scores 50–51 are in no band"), "{error}");
    }

    #[test]
    fn an_overlap_names_the_scores_in_two_bands() {
        let mut bands = Bands::default();
        bands.good.from = 70;
        let error = bands.check().unwrap_err();
        assert_eq!(error.band(), Band::Good);
        assert!(error.to_string().contains("scores 70–74 are in both fair and good"), "{error}");
    }

    #[test]
    fn the_ends_and_the_order_are_checked() {
        let mut bands = Bands::default();
        bands.poor.from = 1;
        assert_eq!(bands.check(), Err(BandsError::NotFromZero { from: 1 }));
        let mut bands = Bands::default();
        bands.good.to = 99;
        assert_eq!(bands.check(), Err(BandsError::NotToHundred { to: 99 }));
        let bands = Bands { fair: BandRange { from: 74, to: 50 }, ..Bands::default() };
        assert_eq!(bands.check().unwrap_err().band(), Band::Fair);
    }
}
