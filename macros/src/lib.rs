//! The derive of [`response-handler`](https://docs.rs/response-handler). Depend on that crate,
//! not on this one: it re-exports the derive next to the trait it implements.
//!
//! The pipeline is parse → validate → expand, one file per stage, over leaf modules that know
//! nothing of the stages:
//!
//! - `attr.rs` — parse: each attribute, by position (container, variant, field), and which
//!   attribute goes where.
//! - `status_grammar.rs` — parse: the grammar inside `#[on(...)]` (codes, constant names,
//!   ranges, `call = method`), and the errors for what only looks like a status (`5xx`).
//! - `ast.rs` — parse: the derive's view of the input, variants with their matchers.
//! - `valid.rs` — validate: the rules that span several attributes or variants.
//! - `expand.rs` — expand: `try_expand`, and the `ResponseHandler` impl of an outcome type.
//! - `handler.rs` — expand: the `Handler` impl of a handler struct.
//! - `dispatch.rs` — expand: which variant or method each code goes to, in precedence order.
//! - `retry.rs` — expand: the `Retryable` impl of a type with `#[retry]` variants.
//! - `body_need.rs` — expand: `body_need`, what the variant each status selects needs of the
//!   body (nothing, in memory, or streamed), asked for before the body is read.
//! - `no_body.rs` — expand: the checks that reject a body field on a variant only 1xx, 204 or
//!   304 reach.
//! - `streaming.rs` — expand: the checks that a streaming field is its variant's last field and
//!   its only body field.
//! - `delegation.rs` — expand: the checks on a field whose type is itself a derived type.
//! - `diagnostic.rs` — expand: traits a handler's generated methods declare so that rustc's
//!   error for a mistake says what to do (a header field's bound is the runtime's
//!   `HeaderFromStr`, one trait for every type).
//! - `extract.rs` — expand: `Extract` for the derived type, emitted with or without errors.
//! - `generics.rs` — expand: bounds only where a field uses a generic parameter.
//! - `fallback.rs` — on error: every error (collected by `ctxt.rs`) with an empty impl.
//! - `contract.rs` — validate and expand: the check of `#[openapi::contract]`, from the facts
//!   that attribute leaves on the item as a hidden helper attribute.
//! - `ctxt.rs` — the error collector, and `Attr`, a value one position may give once.
//! - `matcher.rs` — what a variant answers to: a code, a range or a catch-all.
//! - `class.rs` — which codes each status class holds.
//! - `status.rs` — the codes `http::StatusCode` knows by name.
//! - `symbol.rs` — the attribute names.
//! - `private.rs` — the path generated code reaches the runtime through (`::response_handler`,
//!   or the one `#[response_handler(crate = "...")]` gives).
//! - `ty.rs` — questions about field types, and the tokens that name a field's `Extract` impl.
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod body_need;
mod class;
mod contract;
mod ctxt;
mod delegation;
mod diagnostic;
mod dispatch;
mod expand;
mod extract;
mod facts;
mod fallback;
mod field_checks;
mod generics;
mod handler;
mod matcher;
mod next_page;
mod no_body;
mod pages;
mod private;
mod retry;
mod standard_header;
mod status;
mod status_grammar;
mod streaming;
mod symbol;
mod ty;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `response_handler::ResponseHandler`: an HTTP response becomes a value of the enum
/// (one variant per outcome) or of the struct (the one expected outcome).
///
/// The runtime checks the status *class* first; the generated code only ever runs inside the
/// per-class methods that check hands a proof of the class to. See the `response_handler`
/// crate docs for the mechanism.
///
/// # Which statuses a variant handles
///
/// | attribute | handles |
/// |---|---|
/// | `#[on(409)]`, `#[on(CONFLICT)]`, `#[on(StatusCode::CONFLICT)]` | that code (literal, or an `http::StatusCode` constant, bare or through a path ending in `StatusCode::NAME`; the derive reads the name, so the path needs no `use`) |
/// | `#[on(500..=599)]` | an inclusive range within one class |
/// | `#[on(401, 403, 500..=503)]` | several at once; a variant may also carry several `#[on]` |
/// | `#[on_informational]` | any other 1xx |
/// | `#[on_success]` | any other 2xx — a server moving from 200 to 201 or 202 still lands here |
/// | `#[on_redirection]` | any other 3xx (RFC 9110's "Redirection 3xx"; formerly `#[on_redirect]`, now an error saying so) |
/// | `#[on_client_error]` | any other 4xx |
/// | `#[on_server_error]` | any other 5xx |
/// | `#[on_failure]` | any other 4xx, 5xx, and the undefined 600–999 |
/// | `#[fallback]` | anything no other attribute handles, in any class |
///
/// Precedence, within the class: exact code, then range, then `#[on_client_error]` /
/// `#[on_server_error]`, then `#[on_failure]` (or the class's own catch-all), then
/// `#[fallback]`. Anything left is an `Error` of kind `UnexpectedStatus` that keeps the whole
/// response.
///
/// A status class is written with its catch-all, not as a pattern: `#[on(2xx)]`, `#[on(5XX)]`
/// and `#[on("4XX")]` (the OpenAPI spelling) are errors that name the catch-all meaning them
/// (`#[on_success]`, `#[on_server_error]`, `#[on_client_error]`) and the range that says the
/// same in numbers. Accepting them would have to pick one of two precedences (a range's, above
/// the catch-all, or the catch-all's, below every range); the error makes the user pick.
///
/// On a struct these are container attributes; a struct without any is `#[on_success]`.
///
/// # Fields
///
/// Each field is filled by its type, through `response_handler::Extract` (`StatusCode`,
/// `HeaderMap`, `Version`, `String`, `Bytes`, `Vec<u8>`, `Json<T>`, `Option<T>`, `()`, or your
/// own). `#[header("x-request-id")] id: T` reads one header with `T: FromStr`
/// (`Option<T>`: `None` when absent or empty). Unit variants read nothing.
///
/// `#[header]` always names its header: a bare `#[header]` is an error, not the field's name
/// with `_` as `-`. The header name is part of the wire contract; spelt out, it can be searched
/// for, and renaming the field cannot change what is read.
///
/// A `BodyReader` or `BodyStream` field takes the live body instead of a buffered one: the
/// derive also generates `ResponseHandler::body_need(status)`, from which the client
/// integrations learn, once the head is in, whether to stream the body, read it into memory, or
/// only drain a small one. A streaming field must be its variant's last field and its only
/// body field; each rule is checked at compile time, on the field's type.
///
/// # Handlers
///
/// On a struct, `#[handler(output = Type)]` (optionally `error = method`) makes it a handler:
/// it implements `response_handler::Handler` instead, every status attribute names the method to
/// call (`#[on(201, call = created)]`, `#[on_success(call = ok)]`), and each method is
/// `fn(&mut self, proof) -> Type` where `proof` is the class proof of its statuses (`Success`,
/// `Redirection`, `Failure`, `Informational`). Statuses no method handles go to
/// `error = method`, or, without it, through `Type: FromResponseError`.
///
/// With `#[handler(output = Type, async)]` the methods are `async fn` and the struct implements
/// `response_handler::AsyncHandler` instead, for the async clients (`handle_async`,
/// `body::handle_with_async`, reqwest's `AsyncHandlerExt::handle_with_async`). A method named
/// by `call =` that is not `async` is an error at that `call =`.
///
/// # Retry
///
/// `#[retry]` on a variant (or on a struct) that only failures reach — 4xx, 5xx, 600–999 —
/// implements `response_handler::retry::Retryable`: that variant's hint is `Retry`, with the
/// wait read from its fields by type (the first `RetryAfter`, else the first `RateLimit`
/// reset, else none); every other variant's is `Final`. `#[retry(when_asked)]` retries only
/// when a field carries a wait the server asked for (a `RetryAfter`, a `RetryInfo`, or a
/// `RateLimit` with nothing remaining and a reset), and is `Final` otherwise, a malformed wait
/// included; such a variant needs a field whose type can carry a wait (a compile error at
/// `when_asked` otherwise). On a variant that a 1xx, 2xx or 3xx
/// reaches, or on `#[fallback]`, it is an error: a success is final (a 202 is polled on its
/// `Location`, a new request, not a repeat), and interim and redirect responses are not the
/// answer to repeat. A type without `#[retry]` gets no `Retryable` impl.
///
/// # A crate that re-exports the runtime
///
/// The generated code reaches the runtime as `::response_handler`, which a crate can name only
/// if it depends on `response-handler` itself. A crate that re-exports it to its users (an SDK
/// whose users derive through `my_sdk::response_handler`) gives the path instead, as serde's
/// `#[serde(crate = "...")]` does:
///
/// | attribute | on | means |
/// |---|---|---|
/// | `#[response_handler(crate = "my_sdk::response_handler")]` | the enum or struct | every path the derive generates goes through `my_sdk::response_handler` instead of `::response_handler` |
///
/// The value is a string holding a path; an unknown key, a second `crate` or a string that is
/// not a path is an error on that token.
///
/// The same attribute takes `manual_next_page` (`#[response_handler(manual_next_page)]`): the
/// type implements `NextPage` by hand, so the derive implements none from its `Link` fields
/// (a `#[next_page]` marker beside it is an error).
///
/// ```
/// mod my_sdk {
///     pub use response_handler;
/// }
///
/// use my_sdk::response_handler::ResponseHandler;
///
/// #[derive(Debug, ResponseHandler)]
/// #[response_handler(crate = "my_sdk::response_handler")]
/// enum Ping {
///     #[on_success]
///     Pong,
///     #[on_failure]
///     Down,
/// }
///
/// let response = http::Response::builder().status(503).body(()).unwrap();
/// assert!(matches!(Ping::from_response(response), Ok(Ping::Down)));
/// ```
///
/// # Compile-time checks
///
/// Each of these is an error on the offending token, all of them reported together: a code
/// outside 100..=599; an unknown constant name (with the closest one suggested); a class
/// pattern such as `2xx` (with its catch-all named); a code handled twice (`409` and `CONFLICT`
/// included); an empty or class-crossing range; two overlapping ranges; two catch-alls of one
/// kind; a variant that handles nothing; a malformed or misplaced attribute; an invalid header
/// name; a field that reads the body on a variant that only 1xx, 204 or 304 reach; a field
/// type that is not an extractor; a `#[header]` field type that is not `FromStr`; a handler
/// method that takes the wrong class proof (the error says which statuses it handles and which
/// proof it must take); a field whose type is a derived type that claims a code the outer type
/// sends elsewhere; `#[retry]` on a variant that a non-failure reaches, with an argument other
/// than `when_asked`, twice, or out of place; `#[retry(when_asked)]` on a variant without a
/// field that can carry a wait; a method of an async handler that is not `async`; an empty enum or a union.
///
/// ```
/// use response_handler::{Json, ResponseHandler, StatusCode};
///
/// #[derive(Debug, ResponseHandler)]
/// enum DeleteItem {
///     #[on(204)]
///     Deleted,
///     #[on(NOT_FOUND, GONE)]
///     AlreadyGone,
///     #[on(429)]
///     SlowDown {
///         #[header("retry-after")]
///         retry_after: Option<u64>,
///     },
///     #[on_failure]
///     Failed(StatusCode, String),
/// }
///
/// let response = http::Response::builder().status(429).header("retry-after", "30").body(()).unwrap();
/// assert!(matches!(
///     DeleteItem::from_response(response),
///     Ok(DeleteItem::SlowDown { retry_after: Some(30) })
/// ));
/// ```
#[proc_macro_derive(
    ResponseHandler,
    attributes(
        on,
        on_informational,
        on_success,
        on_redirection,
        on_redirect,
        on_client_error,
        on_server_error,
        on_failure,
        fallback,
        header,
        handler,
        retry,
        next_page,
        response_handler,
        __response_handler_contract
    )
)]
pub fn derive_response_handler(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
