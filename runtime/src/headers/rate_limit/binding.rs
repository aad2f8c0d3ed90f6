//! Which of several limits binds: the rule of [`RateLimit`](super::RateLimit)'s "Several
//! limits, one binding".

use std::time::{SystemTime, UNIX_EPOCH};

use super::Limit;
use crate::headers::Wait;

/// The index of the binding limit of `limits` (see [`RateLimit`](super::RateLimit)).
pub(super) fn binding_index(limits: &[Limit]) -> usize {
    if limits.len() <= 1 {
        return 0;
    }
    // The clock matters only to compare a delay with a moment; without such a pair any base
    // keeps the order, and the epoch keeps decoding deterministic (and off the clock).
    let delays = limits
        .iter()
        .any(|limit| matches!(limit.reset, Some(Wait::After(_))));
    let moments = limits
        .iter()
        .any(|limit| matches!(limit.reset, Some(Wait::At(_))));
    let now = if delays && moments {
        SystemTime::now()
    } else {
        UNIX_EPOCH
    };
    binding(limits, now)
}

/// The index of the binding limit (see [`RateLimit`](super::RateLimit)), `now` counting delays
/// into moments.
pub(super) fn binding(limits: &[Limit], now: SystemTime) -> usize {
    // Unknown resets sort first, resets past what `SystemTime` holds last.
    let wait = |limit: &Limit| match limit.reset {
        None => (0u8, UNIX_EPOCH),
        Some(Wait::At(moment)) => (1, moment),
        Some(Wait::After(delay)) => now
            .checked_add(delay)
            .map_or((2, UNIX_EPOCH), |moment| (1, moment)),
    };
    let indexed = || limits.iter().enumerate();
    let exhausted = indexed()
        .filter(|(_, limit)| limit.is_exhausted())
        .map(|(index, limit)| (index, wait(limit)));
    if let Some(index) = first_max(exhausted) {
        return index;
    }
    let shares = indexed().filter_map(|(index, limit)| match (limit.remaining, limit.limit) {
        (Some(remaining), Some(quota)) if quota > 0 => Some((
            index,
            (core::cmp::Reverse(Share { remaining, quota }), wait(limit)),
        )),
        _ => None,
    });
    if let Some(index) = first_max(shares) {
        return index;
    }
    first_max(indexed().map(|(index, limit)| (index, wait(limit)))).unwrap_or(0)
}

/// The first index of `candidates` with the greatest key (`max_by_key` keeps the last).
fn first_max<K: Ord>(candidates: impl Iterator<Item = (usize, K)>) -> Option<usize> {
    let mut best: Option<(usize, K)> = None;
    for (index, key) in candidates {
        if best.as_ref().is_none_or(|(_, best)| key > *best) {
            best = Some((index, key));
        }
    }
    best.map(|(index, _)| index)
}

/// `remaining / quota`, compared exactly: `r1 * q2` against `r2 * q1` fits in a `u128`, where
/// floating point would round.
#[derive(Clone, Copy)]
struct Share {
    remaining: u64,
    quota: u64,
}

impl Ord for Share {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        (u128::from(self.remaining) * u128::from(other.quota))
            .cmp(&(u128::from(other.remaining) * u128::from(self.quota)))
    }
}

impl PartialOrd for Share {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Share {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Share {}
