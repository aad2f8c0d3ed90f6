//! [`Throttled`]: a request the governor would hold back longer than the call may wait.

use core::fmt;
use std::time::Duration;

use super::key::RateKey;

/// A call that was not sent: its permit would have waited longer than the call's cap (the
/// retry policy's [`max_server_wait`](crate::RetryPolicy::max_server_wait), or 60 s for a call
/// without one). The [`CallError::Throttled`](crate::CallError::Throttled) of every client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Throttled {
    pub(super) key: RateKey,
    pub(super) wait: Duration,
    pub(super) limit: Option<Box<str>>,
}

impl Throttled {
    /// The key whose limits hold the request back.
    pub fn key(&self) -> &RateKey {
        &self.key
    }

    /// How long the permit would have waited.
    pub fn wait(&self) -> Duration {
        self.wait
    }

    /// The name of the limit that binds, when it has one (`core`, `tokens`, ...); `None` for a
    /// key blocked by a 429 or 503 or a limit without a name.
    pub fn limit(&self) -> Option<&str> {
        self.limit.as_deref()
    }
}

impl fmt::Display for Throttled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not sent: the rate limit of {} would hold the request back for {:?}",
            self.key, self.wait
        )?;
        match &self.limit {
            Some(limit) => write!(f, " (limit `{limit}`)"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for Throttled {}
