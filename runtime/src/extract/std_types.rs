//! Implementations of [`Extract`] for the types of `core`, `std`, `bytes` and `http`: what a
//! field of those types reads.

use core::marker::PhantomData;

use bytes::Bytes;
use http::{HeaderMap, StatusCode, Version};

use super::Extract;
use crate::error::ExtractError;
use crate::response::BufferedResponse;
use crate::response::body_need::BodyNeed;

/// The items of a wrapper around an extractor `T` (`Option<T>`, `Result<T, ExtractError>`) that
/// say what it reads of the response: exactly what `T` reads.
macro_rules! what_t_reads {
    () => {
        const READS_BODY: bool = T::READS_BODY;
        #[doc(hidden)]
        const __CLAIMS: &'static str = T::__CLAIMS;
        #[doc(hidden)]
        const __STREAMS: bool = T::__STREAMS;
        #[doc(hidden)]
        const __STREAMS_BLOCKING: bool = T::__STREAMS_BLOCKING;
        #[doc(hidden)]
        const __STREAMS_ASYNC: bool = T::__STREAMS_ASYNC;

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
