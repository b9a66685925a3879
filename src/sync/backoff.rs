//! When to try a failed request again: full-jitter exponential backoff, as in
//! the AWS Architecture Blog's "Exponential Backoff And Jitter" — wait a
//! random time between zero and `min(cap, base · 2^attempt)` — unless the
//! backend said how long to wait, which wins.
//!
//! Full jitter spreads the retries of many clients (or many items) that
//! failed together, so they do not come back together and fail again.
//!
//! The functions here are pure: the random draw is an argument, so tests
//! need no clock and no RNG. [`RandomDraws`] makes the draws in use.

use std::fs::File;
use std::io::{self, Read};
use std::time::Duration;

/// The ceiling of the first retry's wait; it doubles with each attempt.
pub const BASE_DELAY: Duration = Duration::from_secs(1);
/// The longest ceiling a backoff wait may have.
pub const MAX_BACKOFF: Duration = Duration::from_secs(5 * 60);
/// The longest wait a backend's `Retry-After` is obeyed for: a value of days
/// is a mistake, and waiting it out would leave the user's work unsent.
pub const MAX_REQUESTED_WAIT: Duration = Duration::from_secs(60 * 60);

/// How long to wait before the next try. `attempt` counts the retries
/// already waited for (0 before the first retry); `requested` is the wait
/// the backend asked for, if it did; `draw` is uniform over all of `u64`.
///
/// A requested wait is used as asked — never sooner — but at least
/// [`BASE_DELAY`], so a backend that keeps answering "retry after 0" is not
/// hammered, and at most [`MAX_REQUESTED_WAIT`].
pub fn next_attempt_delay(attempt: u32, requested: Option<Duration>, draw: u64) -> Duration {
    match requested {
        Some(wait) => wait.clamp(BASE_DELAY, MAX_REQUESTED_WAIT),
        None => full_jitter(attempt, draw),
    }
}

/// A wait in `[0, min(MAX_BACKOFF, BASE_DELAY · 2^attempt))`, where along
/// that range given by `draw / 2^64`. Exact integer arithmetic: no float
/// rounding, no overflow for any attempt.
pub fn full_jitter(attempt: u32, draw: u64) -> Duration {
    let ceiling = backoff_ceiling(attempt).as_nanos();
    // The ceiling is below 2^39 ns, so the product fits in 128 bits and the
    // result is below the ceiling.
    let nanos = (ceiling * u128::from(draw)) >> 64;
    Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
}

/// `min(MAX_BACKOFF, BASE_DELAY · 2^attempt)`.
fn backoff_ceiling(attempt: u32) -> Duration {
    1u32.checked_shl(attempt)
        .and_then(|factor| BASE_DELAY.checked_mul(factor))
        .map_or(MAX_BACKOFF, |ceiling| ceiling.min(MAX_BACKOFF))
}

/// The draws for [`full_jitter`]: SplitMix64, seeded once from the system's
/// random source. Jitter needs spread, not secrecy, so a fast generator is
/// enough.
#[derive(Debug, Clone)]
pub struct RandomDraws {
    state: u64,
}

impl RandomDraws {
    /// Draws seeded from `/dev/urandom`, different for every process.
    pub fn from_system() -> io::Result<RandomDraws> {
        let mut seed = [0u8; 8];
        File::open("/dev/urandom")?.read_exact(&mut seed)?;
        Ok(RandomDraws::from_seed(u64::from_le_bytes(seed)))
    }

    /// Draws that repeat for the same seed, for tests and reproducible runs.
    pub fn from_seed(seed: u64) -> RandomDraws {
        RandomDraws { state: seed }
    }

    /// The next draw, uniform over all of `u64`.
    pub fn draw(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut mixed = self.state;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        mixed ^ (mixed >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NANOSECOND: Duration = Duration::from_nanos(1);

    #[test]
    fn the_ceiling_doubles_from_one_second_to_five_minutes() {
        for attempt in 0..20 {
            let ceiling = Duration::from_secs(1 << attempt).min(MAX_BACKOFF);
            assert_eq!(full_jitter(attempt, 0), Duration::ZERO, "attempt {attempt}");
            assert_eq!(full_jitter(attempt, u64::MAX), ceiling - NANOSECOND, "attempt {attempt}");
        }
        assert_eq!(full_jitter(0, u64::MAX / 2), Duration::from_millis(500) - NANOSECOND);
        assert_eq!(full_jitter(3, 1 << 62), Duration::from_secs(2), "a quarter of 8 s");
        assert_eq!(full_jitter(8, u64::MAX), Duration::from_secs(256) - NANOSECOND, "256 s is under the cap");
        assert_eq!(full_jitter(9, 1 << 63), MAX_BACKOFF / 2, "512 s is over it");
    }

    #[test]
    fn attempts_far_past_the_cap_do_not_overflow() {
        for attempt in [31, 32, 33, 64, 1000, u32::MAX] {
            assert_eq!(full_jitter(attempt, u64::MAX), MAX_BACKOFF - NANOSECOND, "attempt {attempt}");
        }
    }

    #[test]
    fn a_requested_wait_wins_within_its_bounds() {
        let seven = Duration::from_secs(7);
        assert_eq!(next_attempt_delay(0, Some(seven), u64::MAX), seven);
        assert_eq!(next_attempt_delay(12, Some(seven), 0), seven);
        assert_eq!(next_attempt_delay(0, Some(Duration::ZERO), 0), BASE_DELAY, "never a hot loop");
        let a_week = Duration::from_secs(7 * 24 * 60 * 60);
        assert_eq!(next_attempt_delay(0, Some(a_week), 0), MAX_REQUESTED_WAIT);
        assert_eq!(next_attempt_delay(2, None, 1 << 63), Duration::from_secs(2));
    }

    #[test]
    fn draws_repeat_for_a_seed_and_spread() {
        let mut first = RandomDraws::from_seed(0);
        let mut again = RandomDraws::from_seed(0);
        let draws: Vec<u64> = (0..1000).map(|_| first.draw()).collect();
        assert!(draws.iter().all(|draw| *draw == again.draw()));
        let upper_half = draws.iter().filter(|draw| **draw >= 1 << 63).count();
        assert!((400..600).contains(&upper_half), "{upper_half} of 1000 in the upper half");
        let mut system = RandomDraws::from_system().expect("the random source");
        assert_ne!(system.draw(), system.draw());
    }

    proptest! {
        #[test]
        fn a_backoff_wait_stays_under_its_ceiling(attempt in any::<u32>(), draw in any::<u64>()) {
            let wait = next_attempt_delay(attempt, None, draw);
            prop_assert!(wait < backoff_ceiling(attempt));
            prop_assert!(wait < MAX_BACKOFF);
        }

        #[test]
        fn a_larger_draw_never_waits_less(attempt in 0u32..40, low in any::<u64>(), high in any::<u64>()) {
            let (low, high) = (low.min(high), low.max(high));
            prop_assert!(full_jitter(attempt, low) <= full_jitter(attempt, high));
        }

        #[test]
        fn a_requested_wait_is_never_cut_short(
            attempt in any::<u32>(), draw in any::<u64>(), seconds in 1u64..=3600,
        ) {
            let requested = Duration::from_secs(seconds);
            prop_assert_eq!(next_attempt_delay(attempt, Some(requested), draw), requested);
        }
    }
}
