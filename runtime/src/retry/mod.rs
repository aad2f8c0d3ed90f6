//! Acting on an outcome: whether a typed outcome is worth another attempt, and when — and the
//! [`RetryPolicy`] every client integration follows to send the request again.
//!
//! | file | what it holds |
//! |---|---|
//! | `hint.rs` | [`Retryable`], [`RetryHint`]: what an outcome says, the server's wait a [`Wait`](crate::Wait) |
//! | `policy.rs` | [`RetryPolicy`]: limits, backoff, which requests may be resent; its defaults and their sources |
//! | `decision.rs` | [`Decision`], [`GiveUpReason`]: what the engine decides after an attempt |
//! | `engine.rs` | [`RetryRun`]: the one decision every client loops over |
//! | `driver.rs` | the one retry loop, blocking and async, that every client and `RetryMiddleware` run |
//! | `event.rs` | [`RetryEvent`], [`GiveUpEvent`]: what the `on_retry` and `on_give_up` hooks are told |
//! | `jitter.rs` | the backoff's random source |
//! | `sleep.rs` | the async sleeper (async client features) |
//! | `trace.rs` | `tracing` events (feature `tracing`) |
//! | `derive.rs` | what a `#[retry]` variant's generated impl reads from its fields |
//!
//! The files form layers, each importing only the ones above it: `event`, `decision`, `hint`,
//! `jitter`, `sleep` (leaves); `policy`; `trace`; `engine`; `driver`.

mod decision;
pub(crate) mod derive;
pub(crate) mod driver;
mod engine;
mod event;
mod hint;
mod jitter;
mod policy;
#[cfg(feature = "__async")]
pub(crate) mod sleep;
mod trace;

pub use decision::{Decision, GiveUpReason};
pub use engine::RetryRun;
pub use event::{Attempted, GiveUpEvent, RetryEvent};
pub use hint::*;
pub use policy::RetryPolicy;
