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
//! # Calling a server
//!
//! Each HTTP client is a cargo feature, off by default, and each offers the same verbs:
//! `handle::<T>()` on a request (send it, then handle the response) or on a response already in
//! hand, and `handle_using::<T>(&options)` to configure the call with [`CallOptions`] — the body
//! limit, whether to send the request again, whether to refresh a credential on a 401. One
//! `CallOptions` value means the same with
//! every client:
//!
//! | client | feature | module |
//! |---|---|---|
//! | reqwest 0.13, async and blocking | `reqwest`, `reqwest-blocking` | `response_handler::reqwest`, `reqwest::blocking` |
//! | ureq 3 | `ureq` | `response_handler::ureq` |
//! | hyper 1, axum: any `http_body::Body` 1 | `body` | `response_handler::body` |
//! | tower-service 0.3 (hyper-util's client) | `tower` | `response_handler::tower` |
//! | reqwest-middleware 0.5 | `reqwest-middleware` | `response_handler::reqwest_middleware` |
//!
//! ```
//! use std::time::Duration;
//! use response_handler::retry::RetryHint;
//! use response_handler::{CallOptions, ResponseHandler, RetryAfter, RetryPolicy, Retryable};
//! use response_handler::{StatusCode, Wait};
//!
//! #[derive(Debug, ResponseHandler)]
//! enum Search {
//!     #[on_success]
//!     Found(String),
//!     #[on(429, 503)]
//!     #[retry]                 // worth another attempt, after the server's Retry-After
//!     Busy(Option<RetryAfter>),
//!     #[on_failure]
//!     Failed(StatusCode),
//! }
//!
//! let options = CallOptions::new()
//!     .body_limit(256 * 1024)  // the most of a body read into memory
//!     .retry(RetryPolicy::default());
//! // reqwest: client.get(url).handle_using::<Search>(&options).await?
//! // ureq:    agent.handle_request_using::<Search>(http_request, &options)?
//! // tower:   HandleLayer::<Search, _>::using(options).layer(client)
//! # let _ = options;
//!
//! // What the retry loop asks each outcome:
//! let response = http::Response::builder().status(503).header("retry-after", "2").body(()).unwrap();
//! let busy = Search::from_response(response)?;
//! assert_eq!(busy.retry_hint(), RetryHint::Retry(Some(Wait::After(Duration::from_secs(2)))));
//! # Ok::<(), response_handler::Error>(())
//! ```
//!
//! A `#[retry]` variant makes the type [`Retryable`]; under a [`RetryPolicy`] the call waits
//! as the server asked (`Retry-After`, a rate-limit reset) or as the policy's backoff says, and
//! returns the last outcome, never a bare "retries exhausted". A retrying call on an outcome
//! that is not `Retryable` does not compile. The [`retry`] module has the policy's defaults and
//! where they come from.
//!
//! # Head first: streaming bodies
//!
//! The client integrations read the head, then ask [`ResponseHandler::body_need`] what the
//! variant the status selects needs of the body ([`BodyNeed`]), and read it that way: into
//! memory up to the limit for a buffered field, not at all for a streaming field —
//! [`BodyReader`] (blocking clients) or `BodyStream` (async clients, feature `body`), which
//! take the live body — and a small bounded drain when no field reads it. A download of any
//! size or an endless `text/event-stream` goes to the success variant as it arrives, while the
//! failure variants of the same type are buffered and typed. The class check still runs
//! first, on the head, and per-code code still only sees a class proof.
//!
//! # Typed headers
//!
//! The HTTP semantics each status carries have typed extractors too, in the [`headers`]
//! module: [`Location`] (resolved against the request URI), [`RetryAfter`] (with Azure's
//! millisecond variants), [`RateLimit`] (the IETF draft's fields, the `X-RateLimit-*` variants,
//! OpenAI's and Anthropic's per-kind limits), `RetryInfo` (Google's wait in the error body,
//! feature `json`), [`ETag`], [`LastModified`] and [`Validators`] (with the next request's
//! conditional headers), [`Allow`], [`WwwAuthenticate`], [`ContentType`], and `Problem` for
//! RFC 9457 `application/problem+json` bodies (feature `json`). A server's wait, from any of
//! them, is one [`Wait`]. They read what servers send as browsers and curl read it, and keep a
//! strict reading as `parse_strict`. A missing header is `None` in an `Option<T>` field; a
//! malformed one is an error either way — or, in a `Result<T, ExtractError>` field, a value you
//! can look at while the outcome stays good. `ErrorBody<T>` (feature `json`) is a failure body
//! that is the API's JSON or problem details when the Content-Type says so and a gateway's text
//! page otherwise, and never fails. Every typed header implements [`TypedHeader`] — its name,
//! and a decode from a header map — so they can also be read outside a derive.
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
//! # Where to go next
//!
//! - [`macro@ResponseHandler`]: every attribute, and the precedence between them.
//! - [`CallOptions`]: configuring a call, and the order in which its options apply.
//! - The client modules above (each behind its feature): what each client needs to know.
//! - [`headers`]: each typed header, what it reads and the authority it follows.
//! - [`retry`]: [`Retryable`], [`RetryPolicy`] and its defaults.
//! - [`refresh`]: refreshing a credential on a 401, one refresh shared by every call.
//! - [`Handler`] and [`AsyncHandler`]: a stateful handler whose methods the runtime calls per
//!   status, instead of an outcome value.
//! - [`Error`]: what a failure keeps, and [`ErrorKind`].
//! - `openapi` (feature `openapi`, off by default): `#[openapi::contract]` checks an outcome
//!   type against an operation of an OpenAPI 3.0/3.1 description at compile time; the
//!   `response-handler-openapi` crate generates outcome types from one.
//!
//! The map of the source, file by file, is in the repository's `ARCHITECTURE.md`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// docs.rs builds with `--cfg docsrs` on nightly: each item gated on a feature says which.
#![cfg_attr(docsrs, feature(doc_cfg))]
// The internal features name lists of clients; docs.rs shows the client features instead.
#![cfg_attr(
    docsrs,
    doc(auto_cfg(hide(feature = "__blocking", feature = "__async", feature = "__client")))
)]
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

mod call;
mod clients;
mod context;
mod error;
mod extract;
pub mod governor;
mod handler;
pub mod headers;
#[cfg(feature = "openapi")]
#[cfg_attr(docsrs, doc(cfg(feature = "openapi")))]
pub mod openapi;
pub mod pages;
mod proof;
#[cfg(any(feature = "body", feature = "ureq", feature = "reqwest-blocking"))]
mod read;
mod redact;
pub mod refresh;
mod response;
mod response_handler;
pub mod retry;
mod status_class;

pub use call::{CallError, CallOptions, DEFAULT_BODY_LIMIT, DEFAULT_MAX_PAGES, Once, RetryMode};
#[cfg(feature = "body")]
pub use clients::body;
#[cfg(feature = "reqwest")]
pub use clients::reqwest;
#[cfg(feature = "reqwest-middleware")]
pub use clients::reqwest_middleware;
#[cfg(feature = "tower")]
pub use clients::tower;
#[cfg(feature = "ureq")]
pub use clients::ureq;
pub use context::{Origin, RequestContext};
pub use error::{BoxError, Error, ErrorKind, ExtractError};
#[cfg(feature = "body")]
pub use extract::BodyStream;
pub use extract::{BodyReader, Extract, header, optional_header};
pub use handler::async_handler::AsyncHandler;
pub use response::body_need::BodyNeed;
pub use response::buffered_body::BufferedBody;
// The bound of a `#[header("name")]` field, named here so that rustc's error names
// `response_handler::HeaderFromStr` rather than the hidden `__private` module.
#[doc(hidden)]
pub use extract::header_field::HeaderFromStr;
#[cfg(feature = "json")]
pub use extract::{ErrorBody, Json, Problem, RetryInfo};
pub use governor::RateGovernor;
pub use handler::{FromResponseError, Handler};
pub use headers::{
    Allow, ContentType, ETag, LastModified, Location, ParseHeaderError, RateLimit, RetryAfter,
    TypedHeader, Validators, Wait, WwwAuthenticate,
};
pub use pages::{Next, NextPage, PageCursor};
pub use proof::{Classified, Failure, Informational, Redirection, Success, classify};
#[cfg(feature = "__client")]
pub use refresh::CredentialRefresh;
pub use refresh::NoRefresh;
pub use response::BufferedResponse;
pub use response::live_body::StreamUnavailable;
pub use response_handler::ResponseHandler;
pub use retry::{RetryPolicy, Retryable};
pub use status_class::StatusClass;

/// The derive. See the attribute reference below.
pub use response_handler_macros::ResponseHandler;

pub use bytes::Bytes;
pub use http::{self, HeaderMap, HeaderName, HeaderValue, StatusCode, Version};

#[doc(hidden)]
pub mod __private;
