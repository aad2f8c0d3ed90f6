//! What the retry hooks (and the `tracing` events) are told.

use core::fmt;
use std::time::Duration;

use http::StatusCode;

use super::decision::GiveUpReason;
use crate::redact::RedactedError;

/// What an attempt got.
///
/// Its `Debug`, and the `Display` of the events that carry it, print a transport error's
/// message without the secrets a URL in it may hold: no userinfo, no query values, no
/// fragment (see SECURITY.md).
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum Attempted<'a> {
    /// A response with this status, which became the outcome of this name
    /// ([`Retryable::outcome_name`](super::Retryable::outcome_name)).
    Status(StatusCode, &'static str),
    /// No response: the client's error.
    Transport(&'a (dyn std::error::Error + 'static)),
}

impl fmt::Debug for Attempted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Attempted::Status(status, name) => {
                f.debug_tuple("Status").field(status).field(name).finish()
            }
            Attempted::Transport(error) => f
                .debug_tuple("Transport")
                .field(&RedactedError(*error))
                .finish(),
        }
    }
}

/// One retry about to happen: passed to [`RetryPolicy::on_retry`](super::RetryPolicy::on_retry)
/// before the wait.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct RetryEvent<'a> {
    /// The attempt that just failed, from 1.
    pub attempt: u32,
    /// What it got.
    pub attempted: Attempted<'a>,
    /// How long the client waits before the next attempt.
    pub delay: Duration,
}

impl fmt::Display for RetryEvent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "attempt {}: ", self.attempt)?;
        write_attempted(f, &self.attempted)?;
        write!(f, "; retrying in {:?}", self.delay)
    }
}

/// A call that stops with an outcome the policy would have retried, and why it is not sent
/// again: passed to [`RetryPolicy::on_give_up`](super::RetryPolicy::on_give_up). Not sent for
/// a final outcome ([`GiveUpReason::Final`]).
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct GiveUpEvent<'a> {
    /// The last attempt, from 1.
    pub attempt: u32,
    /// What it got: the caller receives this outcome (or error).
    pub attempted: Attempted<'a>,
    /// Why it is not sent again.
    pub reason: GiveUpReason,
}

impl fmt::Display for GiveUpEvent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "attempt {}: ", self.attempt)?;
        write_attempted(f, &self.attempted)?;
        write!(f, "; not retried: {}", self.reason)
    }
}

/// What an attempt got, as both events print it.
fn write_attempted(f: &mut fmt::Formatter<'_>, attempted: &Attempted<'_>) -> fmt::Result {
    match *attempted {
        Attempted::Status(status, name) => write!(f, "{} ({name})", status.as_u16()),
        Attempted::Transport(error) => write!(f, "no response ({})", RedactedError(error)),
    }
}
