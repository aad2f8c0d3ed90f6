//! The status-class check, and the proof types it produces.
//!
//! The class check of this module is the only place that turns a [`BufferedResponse`] into an
//! [`Informational`], [`Success`], [`Redirection`] or [`Failure`]: [`classify`], and the same
//! check that [`ResponseHandler`](crate::ResponseHandler)'s entry points run on the way to the
//! per-class method. Their
//! field is private and they have no public constructor, so holding one *proves* the class
//! check ran and gave that answer. Every
//! per-code handler — generated or hand-written — receives one of these types, which is how the
//! runtime makes "class first, code second" hold by construction.

use core::ops::Deref;

use crate::response::BufferedResponse;
use crate::status_class::StatusClass;

macro_rules! class_proof_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Only the class check creates one ([`classify`], or the entry points of
        /// [`ResponseHandler`](crate::ResponseHandler)), so a function that takes it can rely on
        /// the class check having
        /// run. It dereferences to the [`BufferedResponse`]: `status()`,
        /// `headers()`, `body()` and `extract::<T>()` are all there.
        #[derive(Debug)]
        // Crate-visible for the class check alone: `classify` here, and the dispatch beside
        // the `ResponseHandler` trait, which builds the proof in place.
        pub struct $name(pub(crate) BufferedResponse);

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
// (CHANGELOG.md). The dispatch of `ResponseHandler` does not go through here but through
// `response_handler::dispatch`, except for the rare response with body bytes it cannot have.
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
