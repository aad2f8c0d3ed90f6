//! What the retry hook (and the `tracing` events) are told.

use core::fmt;
use std::time::Duration;

use http::StatusCode;

use crate::redact::RedactedError;

/// What an attempt got.
///
/// Its `Debug`, and the `Display` of the event that carries it, print a transport error's
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
        match self.attempted {
            Attempted::Status(status, name) => write!(f, "{} ({name})", status.as_u16())?,
            Attempted::Transport(error) => write!(f, "no response ({})", RedactedError(error))?,
        }
        write!(f, "; retrying in {:?}", self.delay)
    }
}
