//! When a reused buffer that grew large is kept for the next message, and when it is released.

use rkyv::util::AlignedVec;

/// Buffers up to this size are always kept.
pub(crate) const KEEP_BYTES: usize = 1 << 20;

/// A larger buffer is released after this many uses in a row that needed less than a quarter of
/// it...
const IDLE_USES: u8 = 16;

/// ...and at once after a use if it is larger than this.
pub(crate) const MAX_KEPT_BYTES: usize = 64 << 20;

/// The rule for one reused buffer: kept while it serves, so multi-MiB messages in a row reuse it
/// instead of regrowing it from empty each time; released after [`IDLE_USES`] uses in a row that
/// needed less than a quarter of it, or at once past [`MAX_KEPT_BYTES`], so one huge message
/// does not pin its memory for ever.
#[derive(Debug, Default)]
pub(crate) struct Retention {
    /// Uses in a row that needed less than a quarter of a buffer above [`KEEP_BYTES`].
    idle_uses: u8,
}

impl Retention {
    /// Keeps `buffer` after a use that needed `used` bytes of it, or replaces it by an empty
    /// one: the rule above.
    #[inline]
    pub(crate) fn settle(&mut self, buffer: &mut AlignedVec, used: usize) {
        if !self.keeps(buffer.capacity(), used) {
            *buffer = AlignedVec::new();
        }
    }

    /// Whether a buffer of `capacity` bytes, of which a use just needed `used`, is kept. Small
    /// buffers cost one comparison.
    #[inline]
    fn keeps(&mut self, capacity: usize, used: usize) -> bool {
        if capacity <= KEEP_BYTES {
            return true;
        }
        self.keeps_large(capacity, used)
    }

    fn keeps_large(&mut self, capacity: usize, used: usize) -> bool {
        if used >= capacity / 4 {
            self.idle_uses = 0;
        } else {
            self.idle_uses += 1;
        }
        let keeps = capacity <= MAX_KEPT_BYTES && self.idle_uses < IDLE_USES;
        if !keeps {
            self.idle_uses = 0;
        }
        keeps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_buffers_are_always_kept() {
        let mut retention = Retention::default();
        for _ in 0..100 {
            assert!(retention.keeps(KEEP_BYTES, 0));
        }
    }

    #[test]
    fn a_large_buffer_is_kept_while_it_serves_and_released_when_idle() {
        let mut retention = Retention::default();
        let capacity = 8 << 20;
        for _ in 0..100 {
            assert!(retention.keeps(capacity, capacity / 4));
        }
        for _ in 1..IDLE_USES {
            assert!(retention.keeps(capacity, capacity / 4 - 1));
        }
        assert!(
            !retention.keeps(capacity, 0),
            "the 16th idle use releases it"
        );
        // A new buffer starts a new count.
        assert!(retention.keeps(capacity, 0));
    }

    #[test]
    fn a_buffer_past_the_maximum_is_released_at_once() {
        let mut retention = Retention::default();
        assert!(!retention.keeps(MAX_KEPT_BYTES + 1, MAX_KEPT_BYTES + 1));
        assert!(retention.keeps(MAX_KEPT_BYTES, MAX_KEPT_BYTES));
    }
}
