//! Support for the code `#[derive(ResponseHandler)]` generates. Not a public API: names and
//! signatures here change without notice.

pub use crate::async_handler::AsyncHandler;
pub use crate::body_need::BodyNeed;
pub use crate::class::{Failure, Informational, Redirection, StatusClass, Success};
pub use crate::error::{Error, ExtractError};
pub use crate::extract::Extract;
pub use crate::handler::{FromResponseError, Handler};
pub use crate::header_field::{header, optional_header};
pub use crate::response::BufferedResponse;
pub use crate::response_handler::ResponseHandler;
pub use crate::retry::{RetryHint, Retryable};
pub use core::future::Future;
pub use core::{option::Option, result::Result};
pub use http::{HeaderName, StatusCode};

use crate::error::{ErrorKind, Site};

/// The error for a field of `T` that could not be extracted; takes the response over, so that
/// nothing the server sent is lost.
#[cold]
pub fn field_error<T>(
    response: impl Into<BufferedResponse>,
    error: ExtractError,
    variant: Option<&'static str>,
    field: &'static str,
) -> Result<T, Error> {
    let site = Site { variant, field };
    let target = core::any::type_name::<T>();
    Err(Error::new(
        ErrorKind::Extract(error),
        target,
        Some(site),
        response.into(),
    ))
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

/// The error for a status that no variant of `T` handles.
#[cold]
pub fn unexpected_status<T>(response: impl Into<BufferedResponse>) -> Result<T, Error> {
    Err(Error::unexpected_status::<T>(response))
}

/// Does `claims` (a type's exact codes and ranges, as `(first, last)`) hold a single code within
/// `first..=last`?
pub const fn claims_exact_within(claims: &[(u16, u16)], first: u16, last: u16) -> bool {
    let mut rest = claims;
    while let [(a, b), tail @ ..] = rest {
        if *a == *b && first <= *a && *a <= last {
            return true;
        }
        rest = tail;
    }
    false
}

/// Does any claim (exact code or range) of `claims` overlap `first..=last`?
pub const fn claims_any_within(claims: &[(u16, u16)], first: u16, last: u16) -> bool {
    let mut rest = claims;
    while let [(a, b), tail @ ..] = rest {
        if *a <= last && first <= *b {
            return true;
        }
        rest = tail;
    }
    false
}

/// What one field of a `#[retry]` variant says about the wait, read by its type (so that a
/// `use ... as` rename changes nothing).
#[derive(Clone, Copy)]
pub enum FieldWait {
    /// A type that says nothing about waiting, or a header that was absent.
    Silent,
    /// A wait the server asked for: `Retry-After` (and its millisecond forms), or Google's
    /// `RetryInfo`.
    RetryAfter(crate::headers::Wait),
    /// A rate-limit reset.
    RateLimit(crate::headers::Wait),
}

/// Borrows a field for `let probe = &Probe(field); probe.__field_wait()`: autoref specialization picks
/// [`ProbeWait`] for the types that carry a wait and [`ProbeSilent`] for every other type.
pub struct Probe<'a, T: ?Sized>(pub &'a T);

/// The types a `#[retry]` variant reads a wait from.
pub trait ProbeWait {
    fn __field_wait(&self) -> FieldWait;
}

/// Every other type: no wait (found one autoref later than [`ProbeWait`]).
pub trait ProbeSilent {
    #[inline(always)]
    fn __field_wait(&self) -> FieldWait {
        FieldWait::Silent
    }
}

impl<T: ?Sized> ProbeSilent for &Probe<'_, T> {}

impl ProbeWait for Probe<'_, crate::RetryAfter> {
    #[inline]
    fn __field_wait(&self) -> FieldWait {
        FieldWait::RetryAfter(self.0.0)
    }
}

/// Google's `RetryInfo` (in the error body) asks for a wait as `Retry-After` does.
#[cfg(feature = "json")]
impl ProbeWait for Probe<'_, crate::RetryInfo> {
    #[inline]
    fn __field_wait(&self) -> FieldWait {
        FieldWait::RetryAfter(self.0.retry_after().0)
    }
}

impl ProbeWait for Probe<'_, crate::RateLimit> {
    #[inline]
    fn __field_wait(&self) -> FieldWait {
        match self.0.reset() {
            Some(reset) => FieldWait::RateLimit(reset),
            None => FieldWait::Silent,
        }
    }
}

impl<'a, T> ProbeWait for Probe<'a, Option<T>>
where
    Probe<'a, T>: ProbeWait,
{
    #[inline]
    fn __field_wait(&self) -> FieldWait {
        match self.0 {
            Some(inner) => Probe(inner).__field_wait(),
            None => FieldWait::Silent,
        }
    }
}

/// The hint of a `#[retry]` variant from its fields' waits, in field order: the first
/// `Retry-After`, else the first rate-limit reset, else none (the policy's backoff decides).
#[inline]
pub fn retry_hint(waits: &[FieldWait]) -> RetryHint {
    let retry_after = waits.iter().find_map(|wait| match wait {
        FieldWait::RetryAfter(wait) => Some(*wait),
        _ => None,
    });
    let reset = || {
        waits.iter().find_map(|wait| match wait {
            FieldWait::RateLimit(wait) => Some(*wait),
            _ => None,
        })
    };
    RetryHint::Retry(retry_after.or_else(reset))
}
