//! The status-class check, and the proof types it produces.
//!
//! [`classify`] is the only place that turns a [`BufferedResponse`] into an [`Informational`],
//! [`Success`], [`Redirection`] or [`Failure`]. Their field is private and they have no public
//! constructor, so holding one *proves* the class check ran and gave that answer. Every
//! per-code handler — generated or hand-written — receives one of these types, which is how the
//! runtime makes "class first, code second" hold by construction.

use core::ops::{Deref, RangeInclusive};

use crate::response::BufferedResponse;

/// The class of a status code, as RFC 9110 §15 groups them, with one decision of ours: codes
/// 600–999 (which the `http` crate accepts but no RFC defines) are failures — a client must not
/// take them for success.
///
/// ```
/// use response_handler::StatusClass;
/// use http::StatusCode;
///
/// assert_eq!(StatusClass::of(StatusCode::ACCEPTED), StatusClass::Success);
/// assert_eq!(StatusClass::of(StatusCode::from_u16(799).unwrap()), StatusClass::Failure);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusClass {
    /// 1xx.
    Informational,
    /// 2xx: any of them is success, whatever the exact code.
    Success,
    /// 3xx.
    Redirection,
    /// 4xx, 5xx and the undefined 6xx–9xx.
    Failure,
}

// The class boundaries, written once: `of` and `codes` both read them.
const FIRST_INFORMATIONAL: u16 = 100;
const LAST_INFORMATIONAL: u16 = 199;
const FIRST_SUCCESS: u16 = 200;
const LAST_SUCCESS: u16 = 299;
const FIRST_REDIRECTION: u16 = 300;
const LAST_REDIRECTION: u16 = 399;
const FIRST_FAILURE: u16 = 400;
/// The largest code `http::StatusCode` accepts.
const LAST_FAILURE: u16 = 999;

impl StatusClass {
    /// The class of `status`.
    #[inline]
    pub const fn of(status: http::StatusCode) -> Self {
        match status.as_u16() {
            FIRST_INFORMATIONAL..=LAST_INFORMATIONAL => Self::Informational,
            FIRST_SUCCESS..=LAST_SUCCESS => Self::Success,
            FIRST_REDIRECTION..=LAST_REDIRECTION => Self::Redirection,
            _ => Self::Failure,
        }
    }

    /// The codes of the class, first to last: `200..=299` for [`Success`](Self::Success),
    /// `400..=999` for [`Failure`](Self::Failure).
    ///
    /// ```
    /// use response_handler::StatusClass;
    ///
    /// assert_eq!(StatusClass::Redirection.codes(), 300..=399);
    /// assert!(StatusClass::Failure.codes().contains(&799));
    /// ```
    pub const fn codes(self) -> RangeInclusive<u16> {
        match self {
            Self::Informational => FIRST_INFORMATIONAL..=LAST_INFORMATIONAL,
            Self::Success => FIRST_SUCCESS..=LAST_SUCCESS,
            Self::Redirection => FIRST_REDIRECTION..=LAST_REDIRECTION,
            Self::Failure => FIRST_FAILURE..=LAST_FAILURE,
        }
    }
}

/// `true` for the statuses whose responses cannot have a body (RFC 9110 §6.4.1): 1xx, 204 and
/// 304.
#[inline]
pub(crate) const fn status_has_no_body(status: http::StatusCode) -> bool {
    matches!(StatusClass::of(status), StatusClass::Informational)
        || matches!(status.as_u16(), 204 | 304)
}

macro_rules! class_proof_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Only [`classify`] creates one, so a function that takes it can rely on the class
        /// check having run. It dereferences to the [`BufferedResponse`]: `status()`,
        /// `headers()`, `body()` and `extract::<T>()` are all there.
        #[derive(Debug)]
        pub struct $name(BufferedResponse);

        impl $name {
            /// Gives the response back, dropping the proof.
            #[inline]
            pub fn into_inner(self) -> BufferedResponse {
                self.0
            }
        }

        impl Deref for $name {
            type Target = BufferedResponse;

            #[inline]
            fn deref(&self) -> &BufferedResponse {
                &self.0
            }
        }

        impl From<$name> for BufferedResponse {
            #[inline]
            fn from(proof: $name) -> BufferedResponse {
                proof.0
            }
        }
    };
}

class_proof_type! {
    /// A response whose status is 1xx.
    Informational
}
class_proof_type! {
    /// A response whose status is 2xx.
    Success
}
class_proof_type! {
    /// A response whose status is 3xx.
    Redirection
}
class_proof_type! {
    /// A response whose status is 4xx, 5xx or an undefined 6xx–9xx.
    Failure
}

/// A response after the class check: one variant per [`StatusClass`], each holding the proof
/// type of that class.
#[derive(Debug)]
pub enum Classified {
    /// 1xx.
    Informational(Informational),
    /// 2xx.
    Success(Success),
    /// 3xx.
    Redirection(Redirection),
    /// 4xx, 5xx, 6xx–9xx.
    Failure(Failure),
}

/// The class check: the one function that creates the proof types.
///
/// A response that cannot have a body (1xx, 204, 304, or an answer to `HEAD`, see
/// [`BufferedResponse::is_bodiless`]) leaves it with an empty body, whatever bytes followed.
///
/// ```
/// use response_handler::{classify, BufferedResponse, Classified};
///
/// let response = BufferedResponse::from(http::Response::builder().status(202).body(()).unwrap());
/// match classify(response) {
///     Classified::Success(success) => assert_eq!(success.status(), 202),
///     other => panic!("202 is a success, not {other:?}"),
/// }
/// ```
// The hot path of every dispatch (BENCHMARKS.md has the instruction counts). Inlined, always,
// with `from_buffered` and `from_classified`: the derived `from_response` then sees the whole
// path (split the response, check the class, call the per-class method), the `Classified` in
// between disappears, and the response is moved once. Not inlined, each step copied the
// ~150-byte response through `memcpy` (dispatch 1.78x the hand-written `match` in
// instructions; 1.18x inlined), and `from_classified` stayed out of line when the per-class
// method decodes JSON.
#[inline(always)]
pub fn classify(mut response: BufferedResponse) -> Classified {
    response.drop_impossible_body();
    match StatusClass::of(response.status()) {
        StatusClass::Informational => Classified::Informational(Informational(response)),
        StatusClass::Success => Classified::Success(Success(response)),
        StatusClass::Redirection => Classified::Redirection(Redirection(response)),
        StatusClass::Failure => Classified::Failure(Failure(response)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const CLASSES: [StatusClass; 4] = [
        StatusClass::Informational,
        StatusClass::Success,
        StatusClass::Redirection,
        StatusClass::Failure,
    ];

    #[test]
    fn every_status_is_in_the_codes_of_its_class_and_no_other() {
        for code in 100..=999u16 {
            let class = StatusClass::of(http::StatusCode::from_u16(code).unwrap());
            for other in CLASSES {
                assert_eq!(other.codes().contains(&code), other == class, "{code}");
            }
        }
    }

    #[test]
    fn bodiless_statuses() {
        for code in 100..=999u16 {
            let status = http::StatusCode::from_u16(code).unwrap();
            let expected = (100..=199).contains(&code) || code == 204 || code == 304;
            assert_eq!(status_has_no_body(status), expected, "{code}");
        }
    }
}
