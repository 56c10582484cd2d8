//! The fakes' clock: it starts where a test pins it and then flows with a monotonic timer, so
//! what a fake stamps on the records it creates never depends on when the suite runs.

use std::time::Instant;

use jiff::{SignedDuration, Timestamp};

#[derive(Clone, Copy, Debug)]
pub struct FakeClock {
    start: Timestamp,
    since: Instant,
}

impl FakeClock {
    pub fn starting_at(start: Timestamp) -> FakeClock {
        FakeClock { start, since: Instant::now() }
    }

    pub fn now(&self) -> Timestamp {
        let elapsed = SignedDuration::try_from(self.since.elapsed()).unwrap_or(SignedDuration::ZERO);
        self.start.checked_add(elapsed).unwrap_or(self.start)
    }
}

impl Default for FakeClock {
    /// Pinned to a fixed instant, for tests that never read the fake's times.
    fn default() -> FakeClock {
        FakeClock::starting_at(Timestamp::constant(1_764_590_400, 0))
    }
}
