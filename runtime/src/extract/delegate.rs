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

/// Does `claims` (a type's exact codes and ranges, `ResponseHandler::__CLAIMS`) hold a single
/// code within `first..=last`? A range of one code (`500 500`) counts as that code.
pub const fn claims_exact_within(claims: &str, first: u16, last: u16) -> bool {
    let claims = claims.as_bytes();
    let mut at = 0;
    while at < claims.len() {
        let (a, b, next) = claim_at(claims, at);
        if a == b && first <= a && a <= last {
            return true;
        }
        at = next;
    }
    false
}

/// Does any claim (exact code or range) of `claims` overlap `first..=last`?
pub const fn claims_any_within(claims: &str, first: u16, last: u16) -> bool {
    let claims = claims.as_bytes();
    let mut at = 0;
    while at < claims.len() {
        let (a, b, next) = claim_at(claims, at);
        if a <= last && first <= b {
            return true;
        }
        at = next;
    }
    false
}

/// The claim on the line at `at` of `claims`, `(first, last, start of the next line)`: `409`
/// is `(409, 409)`, `500 599` is `(500, 599)`. A malformed line reads as the numbers its
/// digits make (never a panic: this runs in the derive's compile-time checks).
const fn claim_at(claims: &[u8], at: usize) -> (u16, u16, usize) {
    let (first, mut at) = number(claims, at);
    let mut last = first;
    if at < claims.len() && claims[at] == b' ' {
        (last, at) = number(claims, at + 1);
    }
    while at < claims.len() && claims[at] != b'\n' {
        at += 1;
    }
    (first, last, at + 1)
}

/// The decimal number at `at` in `bytes` (digits up to the first other byte) and the index
/// after it. Saturates rather than overflows.
pub(super) const fn number(bytes: &[u8], mut at: usize) -> (u16, usize) {
    let mut value: u16 = 0;
    while at < bytes.len() && bytes[at].is_ascii_digit() {
        value = value
            .saturating_mul(10)
            .saturating_add((bytes[at] - b'0') as u16);
        at += 1;
    }
    (value, at)
}
