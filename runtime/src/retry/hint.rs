//! What a typed outcome says about another attempt: the contract between outcome types (the
//! derive's `#[retry]`, or a hand-written implementation) and the retry policy.

use std::time::{Duration, SystemTime};

/// When the server asked the client to come back.
///
/// A wait is kept as the server wrote it — a span or a point in time — so that the retry policy
/// resolves a point in time against its own (injectable) clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerWait {
    /// After this long: `Retry-After: 120`, a rate-limit reset written as seconds to wait.
    After(Duration),
    /// At this time: `Retry-After` as an HTTP-date, a rate-limit reset written as a Unix time.
    At(SystemTime),
}

impl ServerWait {
    /// How long to wait from `now`; zero for a time already past.
    pub fn delay_from(&self, now: SystemTime) -> Duration {
        match *self {
            ServerWait::After(delay) => delay,
            ServerWait::At(at) => at.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }
}

/// What an outcome says about trying the same request again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryHint {
    /// This outcome is final: hand it to the caller.
    Final,
    /// Worth another attempt. `Some` when the server said when; `None` leaves the wait to the
    /// policy's backoff.
    Retry(Option<ServerWait>),
}

/// A typed outcome that knows whether it is worth another attempt.
///
/// `#[derive(ResponseHandler)]` implements it for a type with `#[retry]` variants: such a
/// variant is [`RetryHint::Retry`], with the wait read from its typed fields (`RetryAfter` or
/// Google's `RetryInfo` first, then a `RateLimit` reset), every other variant is [`RetryHint::Final`]. Implement it by
/// hand for your own types.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not say when it is worth another attempt: it does not implement `Retryable`",
    label = "a call under a `RetryPolicy` needs a `Retryable` outcome",
    note = "mark the variants worth another attempt with `#[retry]` (`#[derive(ResponseHandler)]` then implements `Retryable`), or implement `Retryable` by hand"
)]
pub trait Retryable {
    /// Whether to try again, and when the server asked for it.
    fn retry_hint(&self) -> RetryHint;

    /// A short name of the outcome for hooks and traces, such as the variant's name (`"Busy"`);
    /// the derive names the variant. The default is the type's name.
    fn outcome_name(&self) -> &'static str {
        core::any::type_name::<Self>()
    }
}

/// `Retry-After` as the server wrote it: `delay-seconds` is a span, an HTTP-date a point in
/// time (RFC 9110, section 10.2.3).
impl From<crate::RetryAfter> for ServerWait {
    fn from(retry_after: crate::RetryAfter) -> Self {
        match retry_after {
            crate::RetryAfter::Delay(delay) => ServerWait::After(delay),
            crate::RetryAfter::Date(date) => ServerWait::At(date),
        }
    }
}

/// A rate-limit reset as the server wrote it: seconds to wait, or a Unix time.
impl From<crate::headers::RateLimitReset> for ServerWait {
    fn from(reset: crate::headers::RateLimitReset) -> Self {
        match reset {
            crate::headers::RateLimitReset::After(delay) => ServerWait::After(delay),
            crate::headers::RateLimitReset::At(moment) => ServerWait::At(moment),
        }
    }
}
