//! What a typed outcome says about another attempt: the contract between outcome types (the
//! derive's `#[retry]`, or a hand-written implementation) and the retry policy.

use crate::headers::Wait;

/// What an outcome says about trying the same request again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryHint {
    /// This outcome is final: hand it to the caller.
    Final,
    /// Worth another attempt. `Some` when the server said when, kept as it wrote it (a span or
    /// a moment, which the policy resolves against its own injectable clock); `None` leaves the
    /// wait to the policy's backoff.
    Retry(Option<Wait>),
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
