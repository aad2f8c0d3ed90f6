//! The `ResponseHandler` trait: what the derive implements.

use http::StatusCode;

use crate::body_need::BodyNeed;
use crate::class::{Classified, Failure, Informational, Redirection, Success, dispatch};
use crate::error::Error;
use crate::in_memory_body::BufferedBody;
use crate::response::BufferedResponse;

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
    /// The exact codes and ranges the type handles, as `(first, last)`: what the derive checks
    /// when another derived type delegates to this one. Not part of the public API.
    #[doc(hidden)]
    const __CLAIMS: &'static [(u16, u16)] = &[];

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
        B::__handle(response)
    }

    /// Same as [`from_response`](Self::from_response), for a [`BufferedResponse`] (what client
    /// integrations produce).
    // Inlined always, with the class check and the per-class method: see `class::dispatch`.
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

    // The defaults build the error out of line (`__private::unexpected_status` is cold): inlined
    // into the dispatch, its arguments needed a stack frame that every path paid for
    // (BENCHMARKS.md, callgrind).

    /// Handles a 1xx response. Default: unexpected status.
    fn on_informational(response: Informational) -> Result<Self, Error> {
        crate::__private::unexpected_status::<Self>(response)
    }

    /// Handles a 2xx response. Default: unexpected status.
    fn on_success(response: Success) -> Result<Self, Error> {
        crate::__private::unexpected_status::<Self>(response)
    }

    /// Handles a 3xx response. Default: unexpected status.
    fn on_redirection(response: Redirection) -> Result<Self, Error> {
        crate::__private::unexpected_status::<Self>(response)
    }

    /// Handles a 4xx, 5xx or 6xx–9xx response. Default: unexpected status.
    fn on_failure(response: Failure) -> Result<Self, Error> {
        crate::__private::unexpected_status::<Self>(response)
    }
}
