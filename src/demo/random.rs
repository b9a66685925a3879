//! The demo's own pseudo-random numbers: xoshiro256** seeded through
//! SplitMix64, both written here so the demo depends on no crate's choice of
//! algorithm and the same seed gives the same workspace on every machine.
//!
//! The demo uses only integer arithmetic and the float operations IEEE 754
//! rounds exactly (add, multiply, divide, square root, round, compare): no
//! `ln`, `exp` or `pow`, whose results may differ between platforms' math
//! libraries. Nothing here reads a clock,
//! the environment or an OS entropy source.

/// Which of the generator's independent streams a per-account [`Rng`]
/// draws from. Planning and writing each get their own, so adding a draw to
/// one never shifts the numbers the other sees.
#[derive(Debug, Clone, Copy)]
pub(super) enum Stream {
    /// Deciding each account's shape: stage, plan, health, dates.
    Profiles = 1,
    /// Writing each account's records: names, tickets, surveys, …
    Records = 2,
    /// Writing each account's MRR history: a stream of its own, so the
    /// history was added without changing any record written before it.
    Revenue = 3,
}

/// A xoshiro256** generator: fast, 256 bits of state, good statistical
/// quality, and trivially reproducible.
#[derive(Debug, Clone)]
pub(super) struct Rng {
    state: [u64; 4],
}

/// One step of SplitMix64, the mixer xoshiro's authors recommend for seeding.
fn split_mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator whose whole state is derived from `seed`.
    pub(super) fn new(seed: u64) -> Rng {
        let mut mixer = seed;
        let state =
            [split_mix(&mut mixer), split_mix(&mut mixer), split_mix(&mut mixer), split_mix(&mut mixer)];
        Rng { state }
    }

    /// The generator for one item (an account) of one stream: items are
    /// independent of each other, so an account's data does not depend on
    /// how many numbers the accounts before it drew.
    pub(super) fn for_item(seed: u64, stream: Stream, index: u64) -> Rng {
        let mut mixer = seed ^ (stream as u64).wrapping_mul(0xA076_1D64_78BD_642F);
        let stream_key = split_mix(&mut mixer);
        let mut mixer = stream_key ^ index.wrapping_mul(0xE703_7ED1_A0B4_28DB);
        Rng::new(split_mix(&mut mixer))
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = &mut self.state;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = s3.rotate_left(45);
        result
    }

    /// A number in `0..bound`, without modulo bias (Lemire's method); 0 when
    /// `bound` is 0.
    pub(super) fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            return 0;
        }
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(bound);
            // The low half decides whether this draw would be biased.
            if (product as u64) >= threshold {
                return (product >> 64) as u64;
            }
        }
    }

    /// A number in `low..=high`; `low` when the range is empty.
    pub(super) fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        let span = high.abs_diff(low);
        if span == u64::MAX {
            return self.next_u64() as i64;
        }
        low.wrapping_add(self.below(span + 1) as i64)
    }

    /// A float in `[0, 1)` with 53 random bits.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with the given probability (clamped to 0..=1).
    pub(super) fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    /// Roughly a standard normal draw, from the sum of four uniforms (mean 0,
    /// variance 1, never beyond ±3.47): enough for noise around a mean,
    /// without the transcendental functions of an exact method.
    pub(super) fn bell(&mut self) -> f64 {
        let sum = self.unit() + self.unit() + self.unit() + self.unit();
        (sum - 2.0) * 1.732_050_807_568_877_2
    }

    /// One element of a slice, or the default value of an empty one.
    pub(super) fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        let index = self.below(items.len() as u64) as usize;
        items.get(index).copied().unwrap_or_default()
    }

    /// One option, chosen with probability proportional to its weight. When
    /// every weight is 0 the first option is chosen.
    pub(super) fn weighted<T: Copy, const N: usize>(&mut self, options: [(T, u32); N]) -> T {
        const { assert!(N > 0, "a weighted choice needs at least one option") };
        let total: u64 = options.iter().map(|(_, weight)| u64::from(*weight)).sum();
        let mut roll = self.below(total);
        for (value, weight) in options {
            if roll < u64::from(weight) {
                return value;
            }
            roll -= u64::from(weight);
        }
        options[0].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_mix_matches_the_reference_output() {
        let mut state = 0;
        assert_eq!(split_mix(&mut state), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn xoshiro_matches_the_reference_output() {
        let mut rng = Rng { state: [1, 2, 3, 4] };
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(first, [11_520, 0, 1_509_978_240]);
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        assert!((0..1000).all(|_| a.next_u64() == b.next_u64()));
        let mut c = Rng::new(43);
        let mut a = Rng::new(42);
        assert!((0..10).any(|_| a.next_u64() != c.next_u64()));
    }

    #[test]
    fn items_and_streams_are_independent() {
        let first = |stream, index| Rng::for_item(7, stream, index).next_u64();
        assert_eq!(first(Stream::Records, 3), first(Stream::Records, 3));
        assert_ne!(first(Stream::Records, 3), first(Stream::Records, 4));
        assert_ne!(first(Stream::Records, 3), first(Stream::Profiles, 3));
        assert_ne!(
            Rng::for_item(7, Stream::Records, 3).next_u64(),
            Rng::for_item(8, Stream::Records, 3).next_u64()
        );
    }

    #[test]
    fn bounded_draws_stay_in_range_and_cover_it() {
        let mut rng = Rng::new(1);
        let mut seen = [false; 7];
        for _ in 0..2000 {
            let value = rng.below(7);
            assert!(value < 7);
            seen[value as usize] = true;
            let between = rng.between(-3, 3);
            assert!((-3..=3).contains(&between));
            let unit = rng.unit();
            assert!((0.0..1.0).contains(&unit));
            assert!(rng.bell().abs() < 3.5);
        }
        assert!(seen.iter().all(|hit| *hit));
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.between(5, 5), 5);
        assert_eq!(rng.between(5, 2), 5);
        let full = rng.between(i64::MIN, i64::MAX);
        assert!((i64::MIN..=i64::MAX).contains(&full));
    }

    #[test]
    fn chance_honours_certainty_and_impossibility() {
        let mut rng = Rng::new(2);
        assert!((0..100).all(|_| rng.chance(1.0)));
        assert!((0..100).all(|_| !rng.chance(0.0)));
        let hits = (0..10_000).filter(|_| rng.chance(0.25)).count();
        assert!((2_200..2_800).contains(&hits), "{hits}");
    }

    #[test]
    fn weighted_choices_follow_their_weights() {
        let mut rng = Rng::new(3);
        let mut counts = [0; 3];
        for _ in 0..10_000 {
            counts[rng.weighted([(0, 1), (1, 0), (2, 3)])] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!((2_200..2_800).contains(&counts[0]), "{counts:?}");
        assert_eq!(rng.weighted([("only", 0)]), "only");
    }

    #[test]
    fn pick_of_an_empty_slice_is_the_default() {
        let mut rng = Rng::new(4);
        let empty: [&str; 0] = [];
        assert_eq!(rng.pick(&empty), "");
        assert_eq!(rng.pick(&["a"]), "a");
    }
}
