//! [`HoldEvent`]: what the `on_hold` hook and the `tracing` event say when a send is held back.

use core::fmt;
use std::time::Duration;

use super::key::RateKey;
use super::state::HoldReason;

/// A send held back by a [`RateGovernor`](super::RateGovernor): which key, for how long, why,
/// and which limit binds. Given to the [`on_hold`](super::RateGovernor::on_hold) hook, and (with
/// the `tracing` feature) logged as an event at `DEBUG` level.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct HoldEvent<'a> {
    /// The key whose limits hold the send back.
    pub key: &'a RateKey,
    /// How long the send waits before it is decided again; `None` when it waits for a response
    /// to a request in flight.
    pub wait: Option<Duration>,
    /// Why.
    pub reason: HoldReason,
    /// The name of the limit that binds, when it has one (`core`, `tokens`, `default`, ...).
    pub limit: Option<&'a str>,
}

impl fmt::Display for HoldEvent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "held back ({:?}) on {}", self.reason, self.key)?;
        if let Some(limit) = self.limit {
            write!(f, ", limit `{limit}`")?;
        }
        match self.wait {
            Some(wait) => write!(f, " for {wait:?}"),
            None => f.write_str(" until a response arrives"),
        }
    }
}

/// The `tracing` event of a hold (feature `tracing`).
#[cfg(feature = "tracing")]
pub(super) fn trace(event: &HoldEvent<'_>) {
    tracing::debug!(
        key = %event.key,
        wait_ms = event.wait.map(|wait| wait.as_millis() as u64),
        reason = ?event.reason,
        limit = event.limit,
        "rate-limit governor holds a send back"
    );
}

#[cfg(not(feature = "tracing"))]
#[inline(always)]
pub(super) fn trace(_: &HoldEvent<'_>) {}
