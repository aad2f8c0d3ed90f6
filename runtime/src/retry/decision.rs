//! What the engine decides after an attempt, and why a call stops: a leaf the engine, the
//! `tracing` events and the drivers share.

use core::fmt;
use std::time::Duration;

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Wait this long, then send the request again.
    Retry(Duration),
    /// Stop: hand the last outcome (or error) to the caller.
    GiveUp(GiveUpReason),
}

/// Why a call stopped with the outcome it had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum GiveUpReason {
    /// The outcome is final ([`RetryHint::Final`](super::RetryHint::Final)): the usual end of a call.
    Final,
    /// The request's method may not be sent twice: a POST or PATCH without
    /// [`RetryPolicy::retry_non_idempotent`](super::RetryPolicy::retry_non_idempotent) or an
    /// `Idempotency-Key` header ([`RetryPolicy::may_resend`](super::RetryPolicy::may_resend)).
    MethodNotIdempotent,
    /// The request cannot be sent twice: its body is a stream the client cannot copy.
    BodyNotCloneable,
    /// The request got no response and the policy does not retry transport failures.
    TransportNotRetried,
    /// The last allowed attempt was made.
    Attempts,
    /// The server asked for a wait longer than [`RetryPolicy::max_server_wait`](super::RetryPolicy::max_server_wait): the wait it
    /// asked for.
    ServerWaitTooLong(Duration),
    /// The wait would overrun [`RetryPolicy::budget`](super::RetryPolicy::budget): the wait that was not taken.
    Budget(Duration),
}

impl fmt::Display for GiveUpReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GiveUpReason::Final => f.write_str("final outcome"),
            GiveUpReason::MethodNotIdempotent => {
                f.write_str("the method may not be sent twice (not idempotent, no Idempotency-Key)")
            }
            GiveUpReason::BodyNotCloneable => {
                f.write_str("the body cannot be sent twice (a stream that cannot be copied)")
            }
            GiveUpReason::TransportNotRetried => f.write_str("transport failures are not retried"),
            GiveUpReason::Attempts => f.write_str("no attempts left"),
            GiveUpReason::ServerWaitTooLong(wait) => {
                write!(f, "the server asked to wait {wait:?}, over the cap")
            }
            GiveUpReason::Budget(wait) => write!(f, "waiting {wait:?} would overrun the budget"),
        }
    }
}
