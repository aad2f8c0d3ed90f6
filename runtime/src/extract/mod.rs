//! Extractors: how a field's value is read from a response. The [`Extract`] trait is here; its
//! implementations are beside it, one file per family.
//!
//! | file | what it holds |
//! |---|---|
//! | `std_types.rs` | `Extract` for `StatusCode`, `HeaderMap`, `String`, `Bytes`, `Option<T>`, `Result<T, ExtractError>`, ... |
//! | `header_field.rs` | [`header`] / [`optional_header`]: one header through `FromStr`, what a `#[header("name")]` field reads (through the hidden `HeaderFromStr`, whose error names `FromStr`) |
//! | `json.rs`, `problem.rs`, `error_body.rs` | `Json<T>`, `Problem` (RFC 9457) and `ErrorBody<T>` (feature `json`) |
//! | `retry_info.rs` | `RetryInfo`: the wait Google APIs put into the error body (feature `json`) |
//! | `body_reader.rs`, `body_stream.rs` | the streaming fields [`BodyReader`] (blocking clients) and `BodyStream` (async clients, feature `body`) |
//! | `delegate.rs` | a derived type used as a field of another |
//! | `field_checks.rs` | the compile-time checks of field types the derive emits (delegation, streaming, no-body statuses) |
//! | `body_bits.rs` | `Extract::__BODY`'s bits: what a field type does with the body, in one `u8` |

pub(crate) mod body_bits;
mod body_reader;
#[cfg(feature = "body")]
pub(crate) mod body_stream;
pub(crate) mod delegate;
#[cfg(feature = "json")]
mod error_body;
pub(crate) mod field_checks;
pub(crate) mod header_field;
#[cfg(feature = "json")]
mod json;
#[cfg(feature = "json")]
mod problem;
#[cfg(feature = "json")]
pub(crate) mod retry_info;
mod std_types;

pub use body_reader::BodyReader;
#[cfg(feature = "body")]
pub use body_stream::BodyStream;
#[cfg(feature = "json")]
pub use error_body::ErrorBody;
pub use header_field::{header, optional_header};
#[cfg(feature = "json")]
pub use json::Json;
#[cfg(feature = "json")]
pub use problem::Problem;
#[cfg(feature = "json")]
pub use retry_info::RetryInfo;

use http::StatusCode;

use crate::error::ExtractError;
use crate::response::BufferedResponse;
use crate::response::body_need::BodyNeed;
use body_bits::body_bits;

/// A value that can be read from a [`BufferedResponse`]: the type of a field in a
/// `#[derive(ResponseHandler)]` type.
///
/// The runtime implements it for `StatusCode`, `HeaderMap`, `Version`, `String`, `Bytes`,
/// `Vec<u8>`, `()`, `PhantomData<T>`, `Option<T>`, `Result<T, ExtractError>` (never fails),
/// [`BufferedResponse`],
/// [`Json<T>`](crate::Json) and the typed headers. Every type that derives
/// [`ResponseHandler`](crate::ResponseHandler) implements it too: a field of such a type (a
/// shared `ApiFailure` enum, say) handles the response with its own rules — the response head
/// is copied, the body shared — and fails with [`ExtractError::Delegated`] when it cannot. Implement it for your own types — like axum's
/// `FromRequestParts` — and they work as fields too:
///
/// ```
/// use response_handler::{BufferedResponse, Extract, ExtractError, ParseHeaderError, ResponseHandler};
///
/// /// The request id the server assigned, from `x-request-id`.
/// #[derive(Debug, PartialEq)]
/// struct RequestId(String);
///
/// impl Extract for RequestId {
///     fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
///         let name = http::HeaderName::from_static("x-request-id");
///         match response.headers().get(&name).map(|v| v.to_str()) {
///             Some(Ok(id)) if !id.is_empty() => Ok(RequestId(id.to_owned())),
///             Some(Ok(_)) | None => Err(ExtractError::MissingHeader(name)),
///             Some(Err(e)) => {
///                 let error = ParseHeaderError::new(e.to_string()).in_header(&name);
///                 Err(ExtractError::InvalidHeader { name, error })
///             }
///         }
///     }
/// }
///
/// #[derive(Debug, ResponseHandler)]
/// #[on_success]
/// struct Accepted(RequestId);
///
/// let response = http::Response::builder().status(202).header("x-request-id", "r-9").body(()).unwrap();
/// assert_eq!(Accepted::from_response(response).unwrap().0, RequestId("r-9".into()));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an extractor: it cannot be read from an HTTP response",
    label = "this field's type does not implement `response_handler::Extract`",
    note = "if `{Self}` is a JSON body, write `Json<{Self}>`; otherwise use `StatusCode`, `HeaderMap`, `Version`, `String`, `Bytes`, `Vec<u8>`, `Option<T>` or `()`; read one header with `#[header(\"name\")]`; or implement `response_handler::Extract` for `{Self}`"
)]
pub trait Extract: Sized {
    /// `true` if the extractor reads the body. The derive uses it to reject, at compile time, a
    /// body field on a variant that only no-body statuses (1xx, 204, 304) reach.
    const READS_BODY: bool = false;

    /// For a field whose type is itself a `ResponseHandler`: the codes it claims, as
    /// `ResponseHandler::__CLAIMS` writes them. Not part of the public API.
    #[doc(hidden)]
    const __CLAIMS: &'static str = "";

    /// Reads the value from the response.
    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError>;

    /// Whether [`__extract_owned`](Self::__extract_owned) is worth calling: true for derived
    /// types, which handle the whole response. Not part of the public API.
    #[doc(hidden)]
    const __TAKES_RESPONSE: bool = false;

    /// Whether the type takes the live body and reads it as it arrives ([`BodyReader`],
    /// `BodyStream`): what makes a client integration hand the body over unread. Not part of
    /// the public API: the live body is reachable only through those two types.
    ///
    /// [`BodyReader`]: crate::BodyReader
    #[doc(hidden)]
    const __STREAMS: bool = false;

    /// Whether the type streams with blocking I/O ([`BodyReader`]), which an async client
    /// cannot give it: the async verbs refuse such a type at build time. Not part of the
    /// public API.
    ///
    /// [`BodyReader`]: crate::BodyReader
    #[doc(hidden)]
    const __STREAMS_BLOCKING: bool = false;

    /// Whether the type streams an async body (`BodyStream`), which a blocking client cannot
    /// give it: the blocking verbs refuse such a type at build time. Not part of the public API.
    #[doc(hidden)]
    const __STREAMS_ASYNC: bool = false;

    /// The four consts above as the bits of one (`body_bits.rs`): what the derive's
    /// compile-time checks read, one constant per field type where four cost rustc four
    /// projections to check (BENCHMARKS.md, "Compile time"). Not part of the public API.
    #[doc(hidden)]
    const __BODY: u8 = body_bits(
        Self::READS_BODY,
        Self::__STREAMS,
        Self::__STREAMS_BLOCKING,
        Self::__STREAMS_ASYNC,
    );

    /// What this field needs of the body when the status is `status`: from
    /// [`READS_BODY`](Self::READS_BODY) and `__STREAMS` for a plain extractor, from the
    /// status for a derived type used as a field. Not part of the public API.
    #[doc(hidden)]
    #[inline(always)]
    fn __body_need(status: StatusCode) -> BodyNeed {
        let _ = status;
        BodyNeed::of_extractor(Self::READS_BODY, Self::__STREAMS)
    }

    /// Reads the value from a response it may keep: what the derive calls for the last field
    /// of a variant that reads no header, when [`__TAKES_RESPONSE`](Self::__TAKES_RESPONSE). A
    /// derived type (a delegated field) takes the response over instead of copying its head; on
    /// failure the response comes back with the error. Not part of the public API.
    #[doc(hidden)]
    // The error hands the response back by value, so that nothing the server sent is lost;
    // boxing it would allocate on every failed extraction.
    #[allow(clippy::result_large_err)]
    #[inline(always)]
    fn __extract_owned(
        response: BufferedResponse,
    ) -> Result<Self, (ExtractError, BufferedResponse)> {
        match Self::extract(&response) {
            Ok(value) => Ok(value),
            Err(error) => Err((error, response)),
        }
    }

    /// Reads the last field of a variant that reads no header: a derived type
    /// ([`__TAKES_RESPONSE`](Self::__TAKES_RESPONSE)) takes the response over
    /// ([`__extract_owned`](Self::__extract_owned)), any other type borrows it as for the other
    /// fields. The condition is a constant, so each instantiation keeps one branch. One call in
    /// the generated code rather than both branches written out in every arm: half the code for
    /// rustc to check in each derived type. Takes the `BufferedResponse` the generated method
    /// unwrapped from its class proof once, not the proof: a generic parameter here cost rustc a
    /// trait selection (`Deref`, `From`) at every call. Not part of the public API.
    #[doc(hidden)]
    #[allow(clippy::result_large_err)]
    #[inline(always)]
    fn __extract_last(
        response: BufferedResponse,
    ) -> Result<Self, (ExtractError, BufferedResponse)> {
        if Self::__TAKES_RESPONSE {
            Self::__extract_owned(response)
        } else {
            match Self::extract(&response) {
                Ok(value) => Ok(value),
                Err(error) => Err((error, response)),
            }
        }
    }

    /// Reads the value for an `Option<Self>` field: `None` when the value is absent (by
    /// default: when [`extract`](Self::extract) fails with an error that
    /// [`is_absent`](ExtractError::is_absent)); a malformed value is still an error.
    fn extract_optional(response: &BufferedResponse) -> Result<Option<Self>, ExtractError> {
        match Self::extract(response) {
            Ok(value) => Ok(Some(value)),
            Err(error) if error.is_absent() => Ok(None),
            Err(error) => Err(error),
        }
    }
}
