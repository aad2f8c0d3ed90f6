//! The client integrations, one per client, each behind its cargo feature, and the extension
//! traits the two blocking clients share. The crate root re-exports each public module under
//! its own name (`response_handler::ureq`, `response_handler::reqwest`, ...).
//!
//! | file | what it holds |
//! |---|---|
//! | `body.rs` | `response_handler::body`: any `http_body::Body` — hyper, axum (feature `body`) |
//! | `reqwest/` | `response_handler::reqwest` (feature `reqwest`) and its `blocking` module (feature `reqwest-blocking`) |
//! | `ureq.rs` | `response_handler::ureq` (feature `ureq`) |
//! | `tower.rs` | `response_handler::tower`: layers for any tower stack (feature `tower`) |
//! | `reqwest_middleware.rs` | `response_handler::reqwest_middleware` (feature `reqwest-middleware`) |
//! | `blocking.rs` | the sealed extension traits both blocking clients share, written once |
//!
//! `async_need` and `blocking_need` below are what every verb asks for the body need: they
//! refuse, at build time, a streaming field of the other kind of client.

#[cfg(feature = "__blocking")]
pub(crate) mod blocking;
#[cfg(feature = "body")]
pub mod body;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "reqwest-middleware")]
pub mod reqwest_middleware;
#[cfg(feature = "tower")]
pub mod tower;
#[cfg(feature = "ureq")]
pub mod ureq;

#[cfg(any(feature = "body", feature = "__blocking"))]
use crate::response::body_need::NeedOf;
#[cfg(any(feature = "body", feature = "__blocking"))]
use crate::response_handler::ResponseHandler;

/// `T::body_need`, for an async client's verbs: a `T` with a `BodyReader` field, which needs a
/// blocking reader an async client does not have, fails to build (an error at monomorphization:
/// `cargo build` reports it, `cargo check` does not) rather than with
/// `ExtractError::StreamUnavailable` on the first response.
#[cfg(feature = "body")]
#[inline(always)]
pub(crate) fn async_need<T: ResponseHandler>() -> NeedOf {
    const {
        assert!(
            !T::__STREAMS_BLOCKING,
            "this response type has a `BodyReader` field, which reads the body with blocking I/O: an async client cannot give it one; use `BodyStream` for an async client, or call through a blocking client (ureq, reqwest's `blocking`)"
        )
    };
    T::body_need
}

/// `T::body_need`, for a blocking client's verbs: a `T` with a `BodyStream` field, which needs
/// an async body a blocking client does not have, fails to build, as in [`async_need`].
#[cfg(feature = "__blocking")]
#[inline(always)]
pub(crate) fn blocking_need<T: ResponseHandler>() -> NeedOf {
    const {
        assert!(
            !T::__STREAMS_ASYNC,
            "this response type has a `BodyStream` field, which reads an async body: a blocking client cannot give it one; use `BodyReader` for a blocking client, or call through an async client (reqwest, tower, `body::handle`)"
        )
    };
    T::body_need
}
