//! The random source of the backoff's jitter.
//!
//! A xorshift64* generator (Vigna, "An experimental exploration of Marsaglia's xorshift
//! generators", 2016) in a few lines rather than a crate: jitter needs spread, not
//! cryptographic quality, and the default build stays free of a dependency for it.

use core::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Clone)]
pub(crate) enum Jitter {
    Xorshift(Arc<AtomicU64>),
    Custom(Arc<dyn Fn(Duration) -> Duration + Send + Sync>),
}

impl fmt::Debug for Jitter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Jitter::Xorshift(_) => "Xorshift",
            Jitter::Custom(_) => "Custom",
        })
    }
}

impl Jitter {
    pub(crate) fn from_clock() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos() as u64);
        Jitter::seeded(nanos)
    }

    pub(crate) fn seeded(seed: u64) -> Self {
        // xorshift never leaves 0: replace it by any odd constant.
        let seed = if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        };
        Jitter::Xorshift(Arc::new(AtomicU64::new(seed)))
    }

    pub(crate) fn custom(jitter: impl Fn(Duration) -> Duration + Send + Sync + 'static) -> Self {
        Jitter::Custom(Arc::new(jitter))
    }

    /// A delay in `[0, ceiling]`.
    pub(crate) fn draw(&self, ceiling: Duration) -> Duration {
        match self {
            Jitter::Custom(jitter) => jitter(ceiling),
            Jitter::Xorshift(state) => {
                // One atomic read-modify-write: clones of a policy share the state, and a
                // separate load and store let concurrent draws read the same state and repeat
                // each other's delays. A compare-exchange loop (`fetch_update`) rather than a
                // splitmix64 counter (`fetch_add`, then mix): it keeps the xorshift sequence, so a
                // `jitter_seed` gives the same delays on one thread as before, and a retry under
                // contention costs nothing next to the HTTP request it spaces out. Each
                // successful exchange moves the state one step along xorshift's single cycle of
                // 2^64 - 1 states, so no two draws of one run see the same state.
                let previous = state
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |x| Some(step(x)))
                    .unwrap_or_else(|x| x);
                let x = step(previous);
                let random = x.wrapping_mul(0x2545_F491_4F6C_DD1D);
                // The top 53 bits as a fraction in [0, 1].
                let fraction = (random >> 11) as f64 / ((1u64 << 53) - 1) as f64;
                ceiling.mul_f64(fraction)
            }
        }
    }
}

/// One xorshift64 step (shifts 12, 25, 27: the state update of xorshift64*).
fn step(mut x: u64) -> u64 {
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    x
}
