//! A small seeded generator (SplitMix64): the datasets are the same on every machine and run,
//! with no dependency.

/// SplitMix64 (Steele, Lea and Flood), one `u64` of state.
#[derive(Debug, Clone)]
pub struct Rng(u64);

const ALPHANUMERIC: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

impl Rng {
    /// A generator whose sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`), by multiply-shift (Lemire): no modulo bias worth a
    /// benchmark's concern.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..high` (`low < high`).
    pub fn range(&mut self, low: i64, high: i64) -> i64 {
        low + self.below(high.abs_diff(low)) as i64
    }

    /// A length in `low..high`.
    pub fn length(&mut self, low: usize, high: usize) -> usize {
        low + self.below((high - low) as u64) as usize
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    /// A byte.
    pub fn byte(&mut self) -> u8 {
        self.next_u64() as u8
    }

    /// A float in `0.0..1.0` with 24 random bits.
    pub fn unit_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// A float in `low..high`.
    pub fn f32_in(&mut self, low: f32, high: f32) -> f32 {
        low + self.unit_f32() * (high - low)
    }

    /// A float in `low..high` with 53 random bits.
    pub fn f64_in(&mut self, low: f64, high: f64) -> f64 {
        low + (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * (high - low)
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A string of lowercase letters and digits, `low..high` long.
    pub fn alphanumeric(&mut self, low: usize, high: usize) -> String {
        let len = self.length(low, high);
        (0..len)
            .map(|_| char::from(*self.pick(ALPHANUMERIC)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn the_sequence_is_fixed_by_the_seed() {
        // SplitMix64's published first outputs for seed 0.
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
    }

    #[test]
    fn ranges_hold() {
        let mut rng = Rng::new(1);
        for _ in 0..10_000 {
            assert!((-5..5).contains(&rng.range(-5, 5)));
            assert!((0.0..1.0).contains(&rng.unit_f32()));
            assert!((3..9).contains(&rng.alphanumeric(3, 9).len()));
        }
    }
}
