//! The status classes of RFC 9110 §15 and the no-body rule: the leaf every other module reads
//! them from. It depends on nothing else of the crate.

use core::ops::RangeInclusive;

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
    // Two comparisons for every class (`http::StatusCode` holds 100–999 only), rather than the
    // one to three of a range `match` in class order, which LLVM kept as written: the check runs
    // on every dispatch, where 4xx and 5xx are as common as 2xx (CHANGELOG.md).
    #[inline]
    pub const fn of(status: http::StatusCode) -> Self {
        let code = status.as_u16();
        if code < FIRST_REDIRECTION {
            if code < FIRST_SUCCESS {
                Self::Informational
            } else {
                Self::Success
            }
        } else if code < FIRST_FAILURE {
            Self::Redirection
        } else {
            Self::Failure
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
