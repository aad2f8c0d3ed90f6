//! What a `#[retry]` variant's generated `Retryable` impl reads: the wait each field's type
//! carries, found by type (autoref specialization) so that a `use ... as` rename changes
//! nothing, and, under `#[retry(when_asked)]`, the proof that some field's type can carry one.
//! Called by the derive's generated code, through `__private`.

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
    /// A rate-limit reset; `exhausted` when nothing remains of the limit, which is then a
    /// wait the server asks for.
    RateLimit {
        /// When the binding limit resets.
        reset: Wait,
        /// Nothing remains of it.
        exhausted: bool,
    },
}

/// Borrows a field for `let probe = &Probe(field); probe.__field_wait()`: autoref specialization picks
/// [`ProbeWait`] for the types that carry a wait and [`ProbeSilent`] for every other type.
pub struct Probe<'a, T: ?Sized>(pub &'a T);

/// The types a `#[retry]` variant reads a wait from.
pub trait ProbeWait {
    /// The wait this field carries.
    fn __field_wait(&self) -> FieldWait;

    /// This type can carry a wait.
    #[inline(always)]
    fn __can_wait(&self) -> CanWait {
        CanWait
    }
}

/// Every other type: no wait (found one autoref later than [`ProbeWait`]).
pub trait ProbeSilent {
    /// No wait.
    #[inline(always)]
    fn __field_wait(&self) -> FieldWait {
        FieldWait::Silent
    }

    /// This type never carries a wait.
    #[inline(always)]
    fn __can_wait(&self) -> CannotWait {
        CannotWait
    }
}

/// A field type that can carry a wait (see [`ProbeWait::__can_wait`]).
#[derive(Clone, Copy)]
pub struct CanWait;

/// A field type that never carries one.
#[derive(Clone, Copy)]
pub struct CannotWait;

/// `CanWait` if either side is: the fields of a variant, folded.
pub trait CanWaitOr<Right> {
    /// [`CanWait`] or [`CannotWait`].
    type Output;

    /// Either side.
    fn or(self, right: Right) -> Self::Output;
}

impl<Right> CanWaitOr<Right> for CanWait {
    type Output = CanWait;

    #[inline(always)]
    fn or(self, _: Right) -> CanWait {
        CanWait
    }
}

impl CanWaitOr<CanWait> for CannotWait {
    type Output = CanWait;

    #[inline(always)]
    fn or(self, _: CanWait) -> CanWait {
        CanWait
    }
}

impl CanWaitOr<CannotWait> for CannotWait {
    type Output = CannotWait;

    #[inline(always)]
    fn or(self, _: CannotWait) -> CannotWait {
        CannotWait
    }
}

/// What `#[retry(when_asked)]` needs of its variant: a field whose type can carry a wait the
/// server asks for. Implemented by [`CanWait`] alone, so that a variant without such a field
/// fails to compile at `when_asked` with the advice below (a field's type is only known here,
/// not to the derive).
#[diagnostic::on_unimplemented(
    message = "`#[retry(when_asked)]` on a variant none of whose fields can carry a wait the server asks for: it could never be retried",
    label = "no field of this variant is a `RetryAfter`, `RetryInfo` or `RateLimit`",
    note = "add a field of type `RetryAfter`, `RetryInfo` or `RateLimit` (or an `Option` of one), or write `#[retry]` to retry after the retry policy's backoff; a field of a generic type never carries a wait"
)]
pub trait WaitField {}

impl WaitField for CanWait {}

/// Compiles only when `proof` is [`CanWait`].
#[inline(always)]
pub fn require_wait<T: WaitField>(proof: T) {
    let _ = proof;
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
            Some(reset) => FieldWait::RateLimit {
                reset,
                exhausted: self.0.is_exhausted(),
            },
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
    RetryHint::Retry(first_retry_after(waits).or_else(|| first_reset(waits, false)))
}

/// The hint of a `#[retry(when_asked)]` variant: retry only when the server asked for a wait —
/// the first `Retry-After` (or `RetryInfo`), else the reset of the first rate limit with
/// nothing remaining — and final otherwise (a reset with requests left is not a request to
/// wait).
#[inline]
pub fn retry_hint_when_asked(waits: &[FieldWait]) -> RetryHint {
    match first_retry_after(waits).or_else(|| first_reset(waits, true)) {
        Some(wait) => RetryHint::Retry(Some(wait)),
        None => RetryHint::Final,
    }
}

fn first_retry_after(waits: &[FieldWait]) -> Option<Wait> {
    waits.iter().find_map(|wait| match wait {
        FieldWait::RetryAfter(wait) => Some(*wait),
        _ => None,
    })
}

/// The first rate-limit reset, of an exhausted limit only if `exhausted_only`.
fn first_reset(waits: &[FieldWait], exhausted_only: bool) -> Option<Wait> {
    waits.iter().find_map(|wait| match wait {
        FieldWait::RateLimit { reset, exhausted } if *exhausted || !exhausted_only => Some(*reset),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    const ONE: Wait = Wait::After(Duration::from_secs(1));
    const THREE: Wait = Wait::After(Duration::from_secs(3));

    #[test]
    fn when_asked_retries_only_for_a_wait_the_server_asked_for() {
        let left = FieldWait::RateLimit {
            reset: THREE,
            exhausted: false,
        };
        let none_left = FieldWait::RateLimit {
            reset: THREE,
            exhausted: true,
        };
        let after = FieldWait::RetryAfter(ONE);
        let silent = FieldWait::Silent;
        assert_eq!(retry_hint_when_asked(&[]), RetryHint::Final);
        assert_eq!(retry_hint_when_asked(&[silent, left]), RetryHint::Final);
        assert_eq!(
            retry_hint_when_asked(&[left, none_left]),
            RetryHint::Retry(Some(THREE))
        );
        // `Retry-After` comes first, wherever it is.
        assert_eq!(
            retry_hint_when_asked(&[none_left, after]),
            RetryHint::Retry(Some(ONE))
        );
        // A plain `#[retry]` takes any reset, and retries without one.
        assert_eq!(retry_hint(&[silent, left]), RetryHint::Retry(Some(THREE)));
        assert_eq!(retry_hint(&[silent]), RetryHint::Retry(None));
        assert_eq!(retry_hint(&[none_left, after]), RetryHint::Retry(Some(ONE)));
    }
}
