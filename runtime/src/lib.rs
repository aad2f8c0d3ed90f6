//! Turn HTTP responses into typed outcomes — the status class checked first, always.
//!
//! ```
//! use response_handler::{Json, ResponseHandler, StatusCode};
//!
//! #[derive(Debug, serde::Deserialize)]
//! struct User { id: u64, name: String }
//!
//! #[derive(Debug, ResponseHandler)]
//! enum CreateUser {
//!     #[on(201)]
//!     Created(Json<User>),
//!     #[on_success]                    // any other 2xx: 200, 202, 299 ...
//!     Accepted(StatusCode),
//!     #[on(CONFLICT)]                  // `http::StatusCode` constant names work too
//!     Conflict(String),
//!     #[on(500..=599)]
//!     ServerError(StatusCode),
//!     #[on_failure]                    // any other 4xx/5xx
//!     Failed(StatusCode, String),
//! }
//!
//! let response = http::Response::builder()
//!     .status(201)
//!     .body(r#"{"id": 7, "name": "Ada"}"#)
//!     .unwrap();
//! match CreateUser::from_response(response)? {
//!     CreateUser::Created(Json(user)) => assert_eq!(user.name, "Ada"),
//!     other => panic!("expected Created, got {other:?}"),
//! }
//! # Ok::<(), response_handler::Error>(())
//! ```
//!
//! # The rule: class first, code second
//!
//! A server may answer the same request with 200 today and 202 tomorrow. A client that decides
//! success from one exact code breaks when that happens; one that first checks the status
//! *class* (any 2xx is success) and only then looks at the exact code keeps working. This crate
//! makes that order impossible to get wrong:
//!
//! 1. [`classify`] is the only function that creates the class proof types [`Informational`],
//!    [`Success`], [`Redirection`] and [`Failure`]. Their fields are private and they have no
//!    constructor, so a value of type `Success` *is* the proof that the class check ran and said
//!    2xx.
//! 2. [`ResponseHandler`]'s per-class methods (`on_success(Success)`, `on_failure(Failure)`, ...)
//!    take those types. The only way from a response to them is the provided
//!    [`from_response`](ResponseHandler::from_response), which classifies first.
//! 3. `#[derive(ResponseHandler)]` generates only per-class methods, each with the per-code
//!    `match` for its class inside. It never sees an unclassified response, so it cannot reach a
//!    per-code arm before the class check — not by convention, but because it would not
//!    type-check.
//!
//! Within a class, precedence is: exact code (`#[on(409)]`), then a range (`#[on(500..=599)]`),
//! then the narrow catch-all (`#[on_client_error]`, `#[on_server_error]`), then
//! `#[on_failure]`, then `#[fallback]`. A 2xx that no variant names goes to `#[on_success]`, so
//! a server switching from 200 to 201 or 202 does not break a client that declared it. What no
//! variant handles is an [`Error`] of kind [`ErrorKind::UnexpectedStatus`] that keeps the whole
//! response.
//!
//! # Fields are extractors
//!
//! Each field of a variant is filled by its type, through the [`Extract`] trait: `StatusCode`,
//! `HeaderMap`, `Version`, `String`, `Bytes`, `Vec<u8>`, `()`, `Option<T>`, [`Json<T>`] — or
//! your own type. A `#[header("x-request-id")] id: T` field reads one header through `FromStr`.
//! When an extractor fails, the [`Error`] says which variant and field, why, and still holds the
//! status, headers and body.
//!
//! # Head first: streaming bodies
//!
//! The client integrations read the head, then ask [`ResponseHandler::body_need`] what the
//! variant the status selects needs of the body ([`BodyNeed`]), and read it that way: into
//! memory up to a limit for a buffered field, not at all for a streaming field —
//! [`BodyReader`] (blocking clients) or `BodyStream` (async clients, feature `body`), which
//! take the live body — and a small bounded drain when no field reads it. A download of any
//! size or an endless `text/event-stream` goes to the success variant as it arrives, while the
//! failure variants of the same type are buffered and typed. The class check still runs
//! first, on the head, and per-code code still only sees a class proof.
//!
//! The HTTP semantics each status carries have typed extractors too: [`Location`] (resolved
//! against the request URI), [`RetryAfter`] (with Azure's millisecond variants), [`RateLimit`]
//! (the IETF draft's fields, the `X-RateLimit-*` variants, OpenAI's and Anthropic's per-kind
//! limits), `RetryInfo` (Google's wait in the error body, feature `json`), [`ETag`],
//! [`LastModified`] and [`Validators`] (with the next request's conditional headers),
//! [`Allow`], [`WwwAuthenticate`], [`ContentType`], and `Problem` for RFC 9457
//! `application/problem+json` bodies (feature `json`). They read what servers send as browsers
//! and curl read it, and keep a strict reading as `parse_strict`. A missing header is `None` in
//! an `Option<T>` field; a malformed one is an error either way — or, in a
//! `Result<T, ExtractError>` field, a value you can look at while the outcome stays good.
//! `ErrorBody<T>` (feature `json`) is a failure body that is the API's JSON or problem details
//! when the Content-Type says so and a gateway's text page otherwise, and never fails. Every
//! typed header implements [`TypedHeader`] — its name, and a decode from a header map — so they
//! can also be read outside a derive.
//!
//! # Compile-time checks
//!
//! The derive rejects, with an error on the offending token: codes outside 100..=599, unknown
//! `StatusCode` constant names (with a suggestion), a code claimed twice, empty or
//! class-crossing ranges, overlapping ranges, two catch-alls of one kind, variants without a
//! handler attribute, malformed attributes, invalid header names, a body-reading field on a
//! variant only no-body statuses reach, and field types that are no extractor. All mistakes of
//! one derive are reported together. See [`macro@ResponseHandler`] for the attribute reference.
//!
//! # The source, file by file
//!
//! | file | what it holds |
//! |---|---|
//! | `class.rs` | [`StatusClass`] (the class ranges, written once), [`classify`], the proof types, which statuses have no body |
//! | `response_handler.rs` | the [`ResponseHandler`] trait: class first, then the per-class methods |
//! | `handler.rs` | [`Handler`] (stateful handlers) and [`FromResponseError`] |
//! | `async_handler.rs` | [`AsyncHandler`]: a handler whose methods are `async fn` |
//! | `response.rs` | [`BufferedResponse`]: a response whose body is in memory |
//! | `in_memory_body.rs` | [`BufferedBody`]: the body types `from_response` takes (`Bytes`, `Vec<u8>`, `String`, ...) |
//! | `context.rs` | [`RequestContext`]: the request's method and URI, kept with the response |
//! | `extract.rs` | the [`Extract`] trait and its implementations for `std`, `bytes` and `http` types |
//! | `header_field.rs` | [`header`] / [`optional_header`]: one header through `FromStr`, what a `#[header("name")]` field reads |
//! | `headers/` | typed headers: the [`TypedHeader`] trait and the one `Extract` path in `mod.rs`, one file per header, shared grammar in `syntax.rs` and `http_date.rs`; `location/browser.rs` reads a value as the WHATWG URL parser does where the host could change; `rate_limit/` reads the draft's structured fields (`structured.rs`), the three-header families (`legacy.rs`), OpenAI's and Anthropic's per-kind limits (`per_kind.rs`) and their duration and RFC 3339 resets (`time.rs`) |
//! | `json.rs`, `problem.rs`, `error_body.rs` | `Json<T>`, `Problem` and `ErrorBody<T>` (feature `json`) |
//! | `retry_info.rs` | [`RetryInfo`]: the wait Google APIs put into the error body (feature `json`) |
//! | `error.rs` | [`Error`], [`ErrorKind`], [`ExtractError`], [`BoxError`] |
//! | `call_error.rs` | [`CallError`]: the error of a call that also sends the request |
//! | `redact.rs` | printing responses without credentials, control bytes or megabytes |
//! | `body_limit.rs` | reading a streamed body into memory up to a limit (`DEFAULT_BODY_LIMIT`), for every client integration, as the status needs it |
//! | `body_need.rs` | [`BodyNeed`]: what the variant a status selects needs of the body, asked for once the head is in |
//! | `live_body.rs` | the live body, carried in the response's extensions from the client integration to the streaming field |
//! | `body_reader.rs`, `body_stream.rs` | the streaming fields [`BodyReader`] (blocking clients) and `BodyStream` (async clients, feature `body`) |
//! | `body.rs` | the public `body` module: any `http_body::Body` (feature `body`) |
//! | `reqwest/`, `ureq.rs` | the public `reqwest` and `ureq` modules (features `reqwest`, `reqwest-blocking`, `ureq`) |
//! | `blocking.rs` | the extension traits both blocking clients share, sealed, and their retry loop |
//! | `retry/` | acting on the outcome: [`Retryable`] (what an outcome says), [`RetryPolicy`] (limits, backoff, defaults and their sources), the decision engine every client's `handle_retrying` loops over |
//! | `tower.rs`, `reqwest_middleware.rs` | the public `tower` and `reqwest_middleware` modules (features `tower`, `reqwest-middleware`) |
//! | `__private.rs` | what the derive's generated code calls; not a public API |
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Responses come from servers we do not control: no code path of the library may panic on
// them. Tests may unwrap.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod async_handler;
#[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
mod blocking;
#[cfg(feature = "body")]
pub mod body;
#[cfg(any(feature = "body", feature = "ureq", feature = "reqwest-blocking"))]
mod body_limit;
mod body_need;
mod body_reader;
#[cfg(feature = "body")]
mod body_stream;
mod call_error;
mod class;
mod context;
mod error;
#[cfg(feature = "json")]
mod error_body;
mod extract;
mod handler;
mod header_field;
mod headers;
mod in_memory_body;
#[cfg(feature = "json")]
mod json;
mod live_body;
#[cfg(feature = "json")]
mod problem;
mod redact;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "reqwest-middleware")]
pub mod reqwest_middleware;
mod response;
mod response_handler;
pub mod retry;
#[cfg(feature = "json")]
mod retry_info;
#[cfg(feature = "tower")]
pub mod tower;
#[cfg(feature = "ureq")]
pub mod ureq;

pub use async_handler::AsyncHandler;
#[cfg(any(feature = "body", feature = "ureq", feature = "reqwest-blocking"))]
pub use body_limit::DEFAULT_BODY_LIMIT;
pub use body_need::BodyNeed;
pub use body_reader::BodyReader;
#[cfg(feature = "body")]
pub use body_stream::BodyStream;
pub use call_error::CallError;
pub use class::{Classified, Failure, Informational, Redirection, StatusClass, Success, classify};
pub use context::RequestContext;
pub use error::{BoxError, Error, ErrorKind, ExtractError};
#[cfg(feature = "json")]
pub use error_body::ErrorBody;
pub use extract::Extract;
pub use handler::{FromResponseError, Handler};
pub use header_field::{header, optional_header};
pub use headers::{
    Allow, Challenge, ContentType, ETag, LastModified, Limit, Location, ParseHeaderError,
    RateLimit, RateLimitSource, RawHeader, RetryAfter, TypedHeader, Validators, Wait,
    WwwAuthenticate,
};
pub use in_memory_body::BufferedBody;
#[cfg(feature = "json")]
pub use json::Json;
#[cfg(feature = "json")]
pub use problem::Problem;
pub use response::BufferedResponse;
pub use response_handler::ResponseHandler;
pub use retry::{RetryPolicy, Retryable};
#[cfg(feature = "json")]
pub use retry_info::RetryInfo;

/// The derive. See the attribute reference below.
pub use response_handler_macros::ResponseHandler;

pub use bytes::Bytes;
pub use http::{self, HeaderMap, HeaderName, HeaderValue, StatusCode, Version};

#[doc(hidden)]
pub mod __private;
