//! [`KeyView`], [`LimitView`]: a governor's current view of each key, for dashboards and tests.

use std::time::{Duration, SystemTime};

use super::key::RateKey;
use super::state::{KeyState, LimitState};

/// What a [`RateGovernor`](super::RateGovernor) knows of one key right now
/// ([`RateGovernor::view`](super::RateGovernor::view)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct KeyView {
    /// The key.
    pub key: RateKey,
    /// Whether a response has taught the key's limits (or a quota was declared); until then at
    /// most one request is in flight.
    pub known: bool,
    /// Requests sent under a permit whose response has not arrived yet.
    pub in_flight: u32,
    /// Until when a 429 or 503 blocks the key.
    pub blocked_until: Option<SystemTime>,
    /// The earliest moment of the next send, when sends are being spread.
    pub next_send: Option<SystemTime>,
    /// Each limit, as last learned or declared.
    pub limits: Vec<LimitView>,
}

/// One limit of a [`KeyView`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LimitView {
    /// The vendor's name for it (`core`, `requests`, `tokens`, the IETF policy name); `None`
    /// when the server names none or the program declared it.
    pub name: Option<String>,
    /// The quota of a window.
    pub quota: Option<u64>,
    /// What the last response (or the count of a declared quota) says is left.
    pub remaining: Option<u64>,
    /// What requests in flight hold of it.
    pub reserved: u64,
    /// When it resets.
    pub reset_at: Option<SystemTime>,
    /// The window's length, when stated (`RateLimit-Policy`'s `w`) or declared.
    pub window: Option<Duration>,
    /// Declared by the program ([`RateGovernor::quota`](super::RateGovernor::quota)).
    pub declared: bool,
}

pub(super) fn key_view(key: &RateKey, state: &KeyState) -> KeyView {
    KeyView {
        key: key.clone(),
        known: state.known,
        in_flight: state.in_flight,
        blocked_until: state.blocked_until,
        next_send: state.next_slot.as_ref().map(|(slot, _)| *slot),
        limits: state.limits.iter().map(limit_view).collect(),
    }
}

fn limit_view(limit: &LimitState) -> LimitView {
    LimitView {
        name: limit.name.as_deref().map(str::to_owned),
        quota: limit.quota,
        remaining: limit.remaining,
        reserved: limit.reserved,
        reset_at: limit.reset_at,
        window: limit.window,
        declared: limit.declared,
    }
}
