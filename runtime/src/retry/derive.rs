//! What a `#[retry]` variant's generated `Retryable` impl reads: the wait each field's type
//! carries, found by type (autoref specialization) so that a `use ... as` rename changes
//! nothing. Called by the derive's generated code, through `__private`.

use super::hint::RetryHint;
#[cfg(feature = "json")]
use crate::extract::retry_info::RetryInfo;
use crate::headers::{RateLimit, RetryAfter, Wait};

/// What one field of a `#[retry]` variant says about the wait, read by its type (so that a
/// `use ... as` rename changes nothing).
#[derive(Clone, Copy)]
pub enum FieldWait {
    /// A type that says nothing about waiting, or a header that was absent.
    Silent,
    /// A wait the server asked for: `Retry-After` (and its millisecond forms), or Google's
    /// `RetryInfo`.
    RetryAfter(Wait),
    /// A rate-limit reset.
    RateLimit(Wait),
}

/// Borrows a field for `let probe = &Probe(field); probe.__field_wait()`: autoref specialization picks
/// [`ProbeWait`] for the types that carry a wait and [`ProbeSilent`] for every other type.
pub struct Probe<'a, T: ?Sized>(pub &'a T);

/// The types a `#[retry]` variant reads a wait from.
pub trait ProbeWait {
    /// The wait this field carries.
    fn __field_wait(&self) -> FieldWait;
}

/// Every other type: no wait (found one autoref later than [`ProbeWait`]).
pub trait ProbeSilent {
    /// No wait.
    #[inline(always)]
    fn __field_wait(&self) -> FieldWait {
        FieldWait::Silent
    }
}

impl<T: ?Sized> ProbeSilent for &Probe<'_, T> {}

impl ProbeWait for Probe<'_, RetryAfter> {
    #[inline]
    fn __field_wait(&self) -> FieldWait {
        FieldWait::RetryAfter(self.0.0)
    }
}

/// Google's `RetryInfo` (in the error body) asks for a wait as `Retry-After` does.
#[cfg(feature = "json")]
impl ProbeWait for Probe<'_, RetryInfo> {
    #[inline]
    fn __field_wait(&self) -> FieldWait {
        FieldWait::RetryAfter(self.0.retry_after().0)
    }
}

impl ProbeWait for Probe<'_, RateLimit> {
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
