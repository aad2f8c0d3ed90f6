//! `tracing` events (feature `tracing`): one per retry and one per final outcome, with the
//! status, the outcome's name and the delay — never a header value, so credentials and tokens
//! a server echoes stay out of the logs; a transport error's message is printed without the
//! userinfo, query values and fragment of any URL in it.

#[cfg(feature = "tracing")]
use crate::redact::RedactedError;

use super::decision::GiveUpReason;
use super::event::{Attempted, RetryEvent};

#[cfg(feature = "tracing")]
pub(crate) fn retrying(event: &RetryEvent<'_>) {
    match event.attempted {
        Attempted::Status(status, outcome) => tracing::info!(
            target: "response_handler::retry",
            attempt = event.attempt,
            status = status.as_u16(),
            outcome,
            delay_ms = event.delay.as_millis() as u64,
            "retrying"
        ),
        Attempted::Transport(error) => tracing::info!(
            target: "response_handler::retry",
            attempt = event.attempt,
            error = %RedactedError(error),
            delay_ms = event.delay.as_millis() as u64,
            "retrying"
        ),
    }
}

#[cfg(feature = "tracing")]
pub(crate) fn gave_up(attempts: u32, attempted: &Attempted<'_>, reason: GiveUpReason) {
    match *attempted {
        Attempted::Status(status, outcome) => tracing::info!(
            target: "response_handler::retry",
            attempts,
            status = status.as_u16(),
            outcome,
            reason = %reason,
            "done"
        ),
        Attempted::Transport(error) => tracing::info!(
            target: "response_handler::retry",
            attempts,
            error = %RedactedError(error),
            reason = %reason,
            "done"
        ),
    }
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn retrying(_: &RetryEvent<'_>) {}

#[cfg(not(feature = "tracing"))]
pub(crate) fn gave_up(_: u32, _: &Attempted<'_>, _: GiveUpReason) {}
