//! The client integrations' private plumbing: reading a response's body as the status needs it
//! ([`BodyNeed`](crate::BodyNeed)): into memory up to a limit, drained so the connection can be
//! reused, or handed over live to a streaming field.
//!
//! | file | what it holds |
//! |---|---|
//! | `limited.rs` | the bounded read: a body collected up to a limit, what a failure or an overflow keeps |
//! | `blocking.rs` | a blocking client's body (`std::io::Read`), feature `ureq` or `reqwest-blocking` |
//! | `async_body.rs` | an async client's body (`http_body::Body`), feature `body` |

#[cfg(feature = "body")]
pub(crate) mod async_body;
#[cfg(feature = "__blocking")]
pub(crate) mod blocking;
mod limited;

pub(crate) use limited::LimitedBody;
