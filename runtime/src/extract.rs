//! Extractors: how a field's value is read from a response.

use core::marker::PhantomData;

use bytes::Bytes;
use http::{HeaderMap, StatusCode, Version};

use crate::body_need::BodyNeed;
use crate::error::ExtractError;
use crate::response::BufferedResponse;

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
    note = "use `StatusCode`, `HeaderMap`, `Version`, `String`, `Bytes`, `Vec<u8>`, `Json<T>`, `Option<T>` or `()`; read one header with `#[header(\"name\")]`; or implement `response_handler::Extract` for `{Self}`"
)]
pub trait Extract: Sized {
    /// `true` if the extractor reads the body. The derive uses it to reject, at compile time, a
    /// body field on a variant that only no-body statuses (1xx, 204, 304) reach.
    const READS_BODY: bool = false;

    /// For a field whose type is itself a `ResponseHandler`: the codes it claims. Not part of
    /// the public API.
    #[doc(hidden)]
    const __CLAIMS: &'static [(u16, u16)] = &[];

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

/// The items of a wrapper around an extractor `T` (`Option<T>`, `Result<T, ExtractError>`) that
/// say what it reads of the response: exactly what `T` reads.
macro_rules! what_t_reads {
    () => {
        const READS_BODY: bool = T::READS_BODY;
        #[doc(hidden)]
        const __CLAIMS: &'static [(u16, u16)] = T::__CLAIMS;
        #[doc(hidden)]
        const __STREAMS: bool = T::__STREAMS;

        #[doc(hidden)]
        #[inline(always)]
        fn __body_need(status: StatusCode) -> BodyNeed {
            T::__body_need(status)
        }
    };
}

/// `None` when the value is absent or empty (missing header, empty body); `Some` otherwise.
/// A value that is present but malformed is an error, not `None`: nothing is silently dropped.
impl<T: Extract> Extract for Option<T> {
    what_t_reads!();

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        T::extract_optional(response)
    }
}

/// Never fails: the value, or why it could not be read — axum's `Result<T, T::Rejection>`
/// extractor. A header or body the caller can live without no longer turns a good response
/// into an [`Error`](crate::Error): the variant is built, and the field says what was wrong.
///
/// `Err` holds every error `T` reports, an absent value included
/// ([`ExtractError::MissingHeader`], [`ExtractError::EmptyBody`]): `Option<T>`'s rule (absent
/// is `None`, malformed is an error) is unchanged, and `Option<Result<T, ExtractError>>` is
/// always `Some`. The field reads the body exactly when `T` does (`READS_BODY` is `T`'s), so
/// the compile-time check against body fields on 204/304 variants still applies.
///
/// ```
/// use response_handler::{ETag, ExtractError, ResponseHandler};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Download {
///     #[on(200)]
///     Ok { etag: Result<ETag, ExtractError>, body: String },
/// }
///
/// let response = http::Response::builder()
///     .status(200)
///     .header("etag", "\"a\", \"b\"") // a list: no single entity tag
///     .body("the file")
///     .unwrap();
/// let Download::Ok { etag, body } = Download::from_response(response).unwrap();
/// assert_eq!(body, "the file");
/// assert!(matches!(etag, Err(ExtractError::InvalidHeader { ref name, .. }) if name == "etag"));
/// ```
impl<T: Extract> Extract for Result<T, ExtractError> {
    what_t_reads!();

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        Ok(T::extract(response))
    }
}

impl Extract for StatusCode {
    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        Ok(response.status())
    }
}

impl Extract for Version {
    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        Ok(response.version())
    }
}

/// All headers (a copy of the map).
impl Extract for HeaderMap {
    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        Ok(response.headers().clone())
    }
}

/// The unit type reads nothing: a placeholder field.
impl Extract for () {
    fn extract(_: &BufferedResponse) -> Result<Self, ExtractError> {
        Ok(())
    }
}

impl<T: ?Sized> Extract for PhantomData<T> {
    fn extract(_: &BufferedResponse) -> Result<Self, ExtractError> {
        Ok(PhantomData)
    }
}

/// The whole response (a copy of the head; the body is shared, not copied).
impl Extract for BufferedResponse {
    const READS_BODY: bool = true;

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        Ok(response.clone())
    }
}

/// Reads the body whole, without copying it. As `Option<Bytes>`: `None` for an empty body.
impl Extract for Bytes {
    const READS_BODY: bool = true;

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        Ok(response.body().clone())
    }

    fn extract_optional(response: &BufferedResponse) -> Result<Option<Self>, ExtractError> {
        Ok(non_empty(response).cloned())
    }
}

/// Copies the body. As `Option<Vec<u8>>`: `None` for an empty body.
impl Extract for Vec<u8> {
    const READS_BODY: bool = true;

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        Ok(response.body().to_vec())
    }

    fn extract_optional(response: &BufferedResponse) -> Result<Option<Self>, ExtractError> {
        Ok(non_empty(response).map(|body| body.to_vec()))
    }
}

/// The body as UTF-8 text; an error if it is not UTF-8. As `Option<String>`: `None` for an
/// empty body.
impl Extract for String {
    const READS_BODY: bool = true;

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        match core::str::from_utf8(response.body()) {
            Ok(text) => Ok(text.to_owned()),
            Err(error) => Err(ExtractError::InvalidUtf8(error)),
        }
    }

    fn extract_optional(response: &BufferedResponse) -> Result<Option<Self>, ExtractError> {
        match non_empty(response) {
            Some(_) => Self::extract(response).map(Some),
            None => Ok(None),
        }
    }
}

impl BufferedResponse {
    /// Runs an extractor on this response: `response.extract::<Json<User>>()`.
    #[inline]
    pub fn extract<T: Extract>(&self) -> Result<T, ExtractError> {
        T::extract(self)
    }
}

fn non_empty(response: &BufferedResponse) -> Option<&Bytes> {
    Some(response.body()).filter(|body| !body.is_empty())
}
