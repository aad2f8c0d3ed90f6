//! The status-class check, and the proof types it produces.
//!
//! The class check of this module is the only place that turns a [`BufferedResponse`] into an
//! [`Informational`], [`Success`], [`Redirection`] or [`Failure`]: [`classify`], and the same
//! check that [`ResponseHandler`]'s entry points run on the way to the per-class method. Their
//! field is private and they have no public constructor, so holding one *proves* the class
//! check ran and gave that answer. Every
//! per-code handler — generated or hand-written — receives one of these types, which is how the
//! runtime makes "class first, code second" hold by construction.

use core::ops::{Deref, RangeInclusive};

use bytes::Bytes;

use crate::error::Error;
use crate::response::{BufferedResponse, has_impossible_body};
use crate::response_handler::ResponseHandler;

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
    // on every dispatch, where 4xx and 5xx are as common as 2xx (BENCHMARKS.md, callgrind).
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

macro_rules! class_proof_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Only the class check creates one ([`classify`], or the entry points of
        /// [`ResponseHandler`]), so a function that takes it can rely on the class check having
        /// run. It dereferences to the [`BufferedResponse`]: `status()`,
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
// Inlined, always: not inlined, each step copied the ~150-byte response through `memcpy`
// (BENCHMARKS.md). The dispatch of `ResponseHandler` no longer goes through here but through
// `dispatch`, below, except for the rare response with body bytes it cannot have.
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

/// The dispatch of `ResponseHandler`: the class check, then the per-class method of `T`.
///
/// The same as `T::from_classified(classify(BufferedResponse::from(response)))`, arranged so
/// that the response is never written to nor taken apart on the way: every check reads the
/// `http::Response` where the caller put it, and each proof takes it whole. LLVM then builds the
/// proof in the caller's memory instead of copying the 144-byte response into the frame
/// (BENCHMARKS.md, callgrind: a write to the response, or a proof assembled from the response's
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

    #[test]
    fn bodiless_statuses() {
        for code in 100..=999u16 {
            let status = http::StatusCode::from_u16(code).unwrap();
            let expected = (100..=199).contains(&code) || code == 204 || code == 304;
            assert_eq!(status_has_no_body(status), expected, "{code}");
        }
    }
}
