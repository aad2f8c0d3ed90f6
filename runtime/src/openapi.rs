//! OpenAPI contracts (feature `openapi`, off by default): an outcome type checked at compile
//! time against the operation a description declares.
//!
//! ```ignore
//! use response_handler::headers::{Link, RateLimit};
//! use response_handler::{ErrorBody, Json, ResponseHandler, openapi};
//!
//! #[openapi::contract("api.github.com.json", operation = "pulls/list")]
//! #[derive(Debug, ResponseHandler)]
//! enum ListPulls {
//!     #[on(200)]
//!     Page { link: Option<Link>, body: Json<Vec<serde_json::Value>> },
//!     #[on(304)]
//!     NotModified,
//!     #[on(422)]
//!     Invalid(ErrorBody),
//! }
//! ```
//!
//! (`ignore`: a doctest has no source file for the description's path to be relative to; the
//! workspace's `tests/openapi_contract.rs` and the UI tests compile these.)

/// Checks the `#[derive(ResponseHandler)]` type below it against one operation of an OpenAPI
/// 3.0 or 3.1 description, JSON or YAML.
///
/// `#[openapi::contract("PATH", operation = "ID")]`: `PATH` is relative to the source file that
/// writes it, as `include_bytes!`'s is; `ID` is the `operationId` (`pulls/list`), or a method
/// and a path (`GET /repos/{owner}/{repo}/pulls`). Put it above the derive.
///
/// Each of these is a compile error, spanned on the type, the variant, the `#[on]` or the
/// field, saying how to fix it:
///
/// | the description | the type | fix |
/// |---|---|---|
/// | declares a status (`304`) | no variant handles it | a variant `#[on(304)]`, or a catch-all that covers it |
/// | declares a range (`4XX`) or `default` | some code of it goes nowhere | `#[on_client_error]` (`4XX`), ..., `#[fallback]` (`default`) |
/// | never mentions a code | a variant `#[on(418)]` | remove it, or `undocumented = [418]` (servers answer more than they document) |
/// | declares `Location`, `Link`, `ETag`, `Retry-After` or a rate limit on a response | the variant that handles it reads no such header | a typed field (`Option<Location>`), `#[header("...")]`, or `unread_headers = ["etag"]` |
/// | declares no content for a response | a field reads the body | remove the field |
/// | declares only non-JSON media types (`application/vnd.github.diff`) | a `Json<_>` field | `String` or `Bytes` |
///
/// The description is parsed once per compilation of the crate (kept in the macro's
/// process), and the first checked type emits one `include_bytes!` of it, so that a change
/// to the file rebuilds the crate.
pub use response_handler_openapi_macros::contract;
