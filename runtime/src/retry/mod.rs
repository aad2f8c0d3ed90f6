//! Acting on an outcome: whether a typed outcome is worth another attempt, and when — and the
//! [`RetryPolicy`] every client integration follows to send the request again.
//!
//! | file | what it holds |
//! |---|---|
//! | `hint.rs` | [`Retryable`], [`RetryHint`]: what an outcome says, the server's wait a [`Wait`](crate::Wait) |
//! | `policy.rs` | [`RetryPolicy`]: limits, backoff, which requests may be resent; its defaults and their sources |
//! | `engine.rs` | [`RetryRun`] and [`Decision`]: the one decision every client loops over |
//! | `attempts.rs` | the step the blocking and the async loops share: the result, or the wait and the next request |
//! | `event.rs` | [`RetryEvent`]: what the `on_retry` hook is told |
//! | `jitter.rs` | the backoff's random source |
//! | `sleep.rs` | the async sleeper (async client features) |
//! | `trace.rs` | `tracing` events (feature `tracing`) |

#[cfg(any(
    feature = "ureq",
    feature = "reqwest",
    feature = "tower",
    feature = "reqwest-middleware"
))]
mod attempts;
mod engine;
mod event;
mod hint;
mod jitter;
mod policy;
#[cfg(any(feature = "reqwest", feature = "tower", feature = "reqwest-middleware"))]
mod sleep;
mod trace;

#[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
pub(crate) use attempts::Attempts;
pub use engine::{Decision, GiveUpReason, RetryRun};
pub use event::{Attempted, RetryEvent};
pub use hint::*;
pub use policy::{Clock, RetryHook, RetryPolicy, Sleeper};
#[cfg(any(feature = "reqwest", feature = "tower", feature = "reqwest-middleware"))]
pub(crate) use sleep::retry_async;
#[cfg(any(feature = "reqwest", feature = "tower", feature = "reqwest-middleware"))]
pub use sleep::{AsyncSleeper, SleepFuture};
