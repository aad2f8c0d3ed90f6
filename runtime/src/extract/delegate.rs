//! A derived type used as a field of another (a shared outcome type such as an `ApiFailure`
//! enum): how the field handles the response, and the compile-time checks of what the two
//! types claim. What the derive's generated code calls, through `__private`.

use http::StatusCode;

use super::Extract;
use crate::error::{Error, ExtractError};
use crate::response::BufferedResponse;
use crate::response::body_need::BodyNeed;
use crate::response_handler::ResponseHandler;

/// A type whose `ResponseHandler` impl the derive generated, and so an extractor too, through
/// the impl below: another derived type can use it as a field (a shared outcome type such as
/// an `ApiFailure` enum). The derive emits only `impl Delegated for T {}`: the `Extract` items
/// live here once, where a generated `Extract` impl per type would have its consts and methods
/// type-checked again in every crate for every type. Not part of the public API.
pub trait Delegated: ResponseHandler {}

// `do_not_recommend`: for a field type that is no extractor, rustc then reports the missing
// `Extract`, not a missing `Delegated`.
#[diagnostic::do_not_recommend]
impl<T: Delegated> Extract for T {
    const READS_BODY: bool = true;
    const __TAKES_RESPONSE: bool = true;
    const __CLAIMS: &'static str = T::__CLAIMS;
    const __STREAMS_BLOCKING: bool = T::__STREAMS_BLOCKING;
    const __STREAMS_ASYNC: bool = T::__STREAMS_ASYNC;

    #[inline]
    fn __body_need(status: StatusCode) -> BodyNeed {
        T::body_need(status)
    }

    #[inline]
    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        delegate::<T>(response)
    }

    #[inline]
    fn __extract_owned(
        response: BufferedResponse,
    ) -> Result<Self, (ExtractError, BufferedResponse)> {
        delegate_owned::<T>(response)
    }
}

/// `Extract` for a derived type used as a field of another (a shared outcome type): it handles
/// a copy of the response (the body is shared) with its own rules.
pub fn delegate<T: ResponseHandler>(response: &BufferedResponse) -> Result<T, ExtractError> {
    T::from_buffered(response.clone()).map_err(|error| ExtractError::Delegated(Box::new(error)))
}

/// `Extract::__extract_owned` for a derived type used as a field: it handles the response
/// itself, without a copy; only a failure copies the response, which the inner and the outer
/// error both keep.
// The error hands the response back by value (see `Extract::__extract_owned`).
#[allow(clippy::result_large_err)]
#[inline(always)]
pub fn delegate_owned<T: ResponseHandler>(
    response: BufferedResponse,
) -> Result<T, (ExtractError, BufferedResponse)> {
    T::from_buffered(response).map_err(delegation_failed)
}

#[cold]
fn delegation_failed(error: Error) -> (ExtractError, BufferedResponse) {
    let response = error.response().clone();
    (ExtractError::Delegated(Box::new(error)), response)
}
