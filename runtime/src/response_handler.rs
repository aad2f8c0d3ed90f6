//! The `ResponseHandler` trait: what the derive implements.

use bytes::Bytes;
use http::StatusCode;

use crate::error::{Error, unexpected_status};
use crate::extract::body_bits::{STREAMS_ASYNC, STREAMS_BLOCKING};
use crate::proof::{Classified, Failure, Informational, Redirection, Success, classify};
use crate::response::body_need::BodyNeed;
use crate::response::buffered_body::BufferedBody;
use crate::response::{BufferedResponse, has_impossible_body};
use crate::status_class::StatusClass;

/// A type that an HTTP response can be turned into — usually through
/// `#[derive(ResponseHandler)]`.
///
/// The entry points ([`from_response`](Self::from_response),
/// [`from_buffered`](Self::from_buffered)) run the class check ([`classify`](crate::classify))
/// and call the one per-class method that matches. The per-class methods take a class proof
/// type, which only the class check can create: an implementation — the derive's or yours —
/// cannot see a response before its class is known. A class the type does not handle falls through to the default,
/// an [`Error`] of kind [`UnexpectedStatus`](crate::ErrorKind::UnexpectedStatus) that keeps
/// the whole response.
///
/// ```
/// use response_handler::{ResponseHandler, Success, Failure, Error, StatusCode};
///
/// // A hand-written implementation: the per-class methods are the only way in.
/// #[derive(Debug)]
/// struct Deleted;
///
/// impl ResponseHandler for Deleted {
///     fn on_success(_response: Success) -> Result<Self, Error> {
///         Ok(Deleted) // 200, 202, 204 ...: the server did delete it
///     }
///     fn on_failure(response: Failure) -> Result<Self, Error> {
///         if response.status() == StatusCode::NOT_FOUND {
///             return Ok(Deleted); // already gone: fine for a DELETE
///         }
///         Err(Error::unexpected_status::<Self>(response))
///     }
/// }
///
/// let gone = http::Response::builder().status(404).body(()).unwrap();
/// assert!(Deleted::from_response(gone).is_ok());
/// let broken = http::Response::builder().status(500).body("oops").unwrap();
/// let error = Deleted::from_response(broken).unwrap_err();
/// assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
/// assert_eq!(error.body().as_ref(), b"oops");
/// ```
pub trait ResponseHandler: Sized {
    /// What the derive records of the type, in one constant: the three below read it. Not part
    /// of the public API.
    #[doc(hidden)]
    const __FACTS: DerivedFacts = DerivedFacts::NONE;

    /// The exact codes and ranges the type handles, a line each (`409`, `500 599`: see
    /// [`DerivedFacts::claims`]): what the derive checks when another derived type delegates
    /// to this one. Not part of the public API.
    #[doc(hidden)]
    const __CLAIMS: &'static str = Self::__FACTS.claims;

    /// Whether a field, in any variant, is a `BodyReader` (blocking I/O): an async client's
    /// verbs refuse the type at build time. Set by the derive. Not part of the public API.
    #[doc(hidden)]
    const __STREAMS_BLOCKING: bool = Self::__FACTS.body & STREAMS_BLOCKING != 0;

    /// Whether a field, in any variant, is a `BodyStream` (an async body): a blocking client's
    /// verbs refuse the type at build time. Set by the derive. Not part of the public API.
    #[doc(hidden)]
    const __STREAMS_ASYNC: bool = Self::__FACTS.body & STREAMS_ASYNC != 0;

    /// What the client integrations read of the body of a response with this status, decided
    /// from the head before the body: nothing (a small bounded drain), all of it into memory,
    /// or the live body handed to a streaming field. See [`BodyNeed`].
    ///
    /// The derive generates it from the fields of the variant that `status` selects; it must
    /// agree with the dispatch, so write it by hand only together with the per-class methods.
    /// The default reads every body into memory, up to the limit.
    #[inline]
    fn body_need(status: StatusCode) -> BodyNeed {
        let _ = status;
        BodyNeed::Buffered
    }

    /// Turns a response with a body in memory into `Self`: class check first, then the
    /// per-class method.
    fn from_response<B: BufferedBody>(response: http::Response<B>) -> Result<Self, Error> {
        dispatch(B::into_bytes_response(response))
    }

    /// Same as [`from_response`](Self::from_response), for a [`BufferedResponse`] (what client
    /// integrations produce).
    // Inlined always, with the class check and the per-class method: see `dispatch`.
    #[inline(always)]
    fn from_buffered(response: BufferedResponse) -> Result<Self, Error> {
        dispatch(response.into_response())
    }

    /// Dispatches a response whose class is already known.
    #[inline(always)]
    fn from_classified(response: Classified) -> Result<Self, Error> {
        match response {
            Classified::Informational(response) => Self::on_informational(response),
            Classified::Success(response) => Self::on_success(response),
            Classified::Redirection(response) => Self::on_redirection(response),
            Classified::Failure(response) => Self::on_failure(response),
        }
    }

    // The defaults build the error out of line (`error::unexpected_status` is cold): inlined
    // into the dispatch, its arguments needed a stack frame that every path paid for
    // (CHANGELOG.md).

    /// Handles a 1xx response. Default: unexpected status.
    fn on_informational(response: Informational) -> Result<Self, Error> {
        unexpected_status::<Self>(response)
    }

    /// Handles a 2xx response. Default: unexpected status.
    fn on_success(response: Success) -> Result<Self, Error> {
        unexpected_status::<Self>(response)
    }

    /// Handles a 3xx response. Default: unexpected status.
    fn on_redirection(response: Redirection) -> Result<Self, Error> {
        unexpected_status::<Self>(response)
    }

    /// Handles a 4xx, 5xx or 6xx–9xx response. Default: unexpected status.
    fn on_failure(response: Failure) -> Result<Self, Error> {
        unexpected_status::<Self>(response)
    }
}

/// The dispatch of `ResponseHandler`: the class check, then the per-class method of `T`.
///
/// The same as `T::from_classified(classify(BufferedResponse::from(response)))`, arranged so
/// that the response is never written to nor taken apart on the way: every check reads the
/// `http::Response` where the caller put it, and each proof takes it whole. LLVM then builds the
/// proof in the caller's memory instead of copying the 144-byte response into the frame
/// (CHANGELOG.md: a write to the response, or a proof assembled from the response's
/// head and body, each brought the copy back). The rare response that carries body bytes it
/// cannot have goes to a cold, out-of-line path, which drops them.
#[inline(always)]
pub(crate) fn dispatch<T: ResponseHandler>(response: http::Response<Bytes>) -> Result<T, Error> {
    if has_impossible_body(&response) {
        return dispatch_without_body(response);
    }
    match StatusClass::of(response.status()) {
        StatusClass::Informational => T::on_informational(Informational(
            BufferedResponse::from_bytes_response(response),
        )),
        StatusClass::Success => {
            T::on_success(Success(BufferedResponse::from_bytes_response(response)))
        }
        StatusClass::Redirection => {
            T::on_redirection(Redirection(BufferedResponse::from_bytes_response(response)))
        }
        StatusClass::Failure => {
            T::on_failure(Failure(BufferedResponse::from_bytes_response(response)))
        }
    }
}

/// [`dispatch`] of a response whose body holds bytes it cannot have: drops them first.
// Takes the `http::Response` itself, not a `BufferedResponse` built for it: the caller then
// passes its own pointer on, without a copy of the response nor a stack frame to hold one.
#[cold]
#[inline(never)]
fn dispatch_without_body<T: ResponseHandler>(response: http::Response<Bytes>) -> Result<T, Error> {
    T::from_classified(classify(BufferedResponse::from_bytes_response(response)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::status_class::status_has_no_body;

    /// What the per-class method saw: the class and the body length.
    #[derive(Debug, PartialEq, Eq)]
    struct Seen(StatusClass, usize);

    impl ResponseHandler for Seen {
        fn on_informational(response: Informational) -> Result<Self, Error> {
            Ok(Seen(StatusClass::Informational, response.body().len()))
        }
        fn on_success(response: Success) -> Result<Self, Error> {
            Ok(Seen(StatusClass::Success, response.body().len()))
        }
        fn on_redirection(response: Redirection) -> Result<Self, Error> {
            Ok(Seen(StatusClass::Redirection, response.body().len()))
        }
        fn on_failure(response: Failure) -> Result<Self, Error> {
            Ok(Seen(StatusClass::Failure, response.body().len()))
        }
    }

    fn response(code: u16, head: bool) -> http::Response<Bytes> {
        let mut response = http::Response::builder()
            .status(code)
            .body(Bytes::from_static(b"stray"))
            .unwrap();
        if head {
            let uri = http::Uri::from_static("http://127.0.0.1/");
            let method = http::Method::HEAD;
            response
                .extensions_mut()
                .insert(crate::RequestContext::new(method, uri));
        }
        response
    }

    // Every entry point gives the per-class method of the response's class, with the body
    // dropped exactly when the response cannot have one: whole `Bytes` responses take the
    // dispatch that never writes to the response, other bodies the one through `classify`.
    #[test]
    fn every_entry_point_sees_the_class_and_drops_an_impossible_body() {
        for code in [
            100, 101, 199, 200, 204, 299, 300, 304, 399, 400, 404, 500, 599, 600, 999,
        ] {
            for head in [false, true] {
                let status = http::StatusCode::from_u16(code).unwrap();
                let length = if head || status_has_no_body(status) {
                    0
                } else {
                    5
                };
                let expected = Seen(StatusClass::of(status), length);
                let bytes = Seen::from_response(response(code, head)).unwrap();
                assert_eq!(bytes, expected, "{code}, HEAD: {head}");
                let buffered =
                    Seen::from_buffered(BufferedResponse::from(response(code, head))).unwrap();
                assert_eq!(buffered, expected, "{code}, HEAD: {head}");
                let vec = Seen::from_response(response(code, head).map(|body| body.to_vec()));
                assert_eq!(vec.unwrap(), expected, "{code}, HEAD: {head}");
                let classified = match classify(BufferedResponse::from(response(code, head))) {
                    Classified::Informational(response) => Seen::on_informational(response),
                    Classified::Success(response) => Seen::on_success(response),
                    Classified::Redirection(response) => Seen::on_redirection(response),
                    Classified::Failure(response) => Seen::on_failure(response),
                };
                assert_eq!(classified.unwrap(), expected, "{code}, HEAD: {head}");
            }
        }
    }
}

/// What `#[derive(ResponseHandler)]` records of a type for checks made at compile time
/// ([`ResponseHandler::__FACTS`]): one constant per derived type, where three cost rustc three
/// items to check (BENCHMARKS.md, "Compile time"). Not part of the public API.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct DerivedFacts {
    /// The exact codes and ranges the type handles (`ResponseHandler::__CLAIMS`), a line each:
    /// an exact code (`409`), or the first and last code of a range (`500 599`), lines
    /// separated by `\n`. One string literal, not a slice of `(first, last)` tuples: rustc
    /// checks and evaluates the constant of every derived type, and a literal is one token to
    /// it where the tuples were five each (BENCHMARKS.md, "Compile time").
    pub claims: &'static str,
    /// The `Extract::__BODY` bits of every field that reads no header, together: whether a
    /// field streams with blocking I/O (`ResponseHandler::__STREAMS_BLOCKING`) or an async body
    /// (`ResponseHandler::__STREAMS_ASYNC`).
    pub body: u8,
}

impl DerivedFacts {
    /// A type that claims no code and streams nothing: the default.
    pub const NONE: DerivedFacts = DerivedFacts {
        claims: "",
        body: 0,
    };
}
