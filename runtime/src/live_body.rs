//! The live body of a response whose variant streams it: handed from the client integration,
//! past the class check, to the one streaming field that takes it.
//!
//! It travels in the response's extensions, so that a [`BufferedResponse`] stays what it is
//! (head and bytes, the same size: the dispatch of in-memory responses costs what it did) and
//! the class check and the per-code dispatch run unchanged. An extension must be `Clone`,
//! `Send` and `Sync`: the body sits behind an `Arc<Mutex<Option<_>>>`, and the first streaming
//! extractor takes it out. When an error comes before that (a header field of the same variant
//! was malformed), the error's response still holds it: nothing the server sent is lost.

use std::sync::{Arc, Mutex, PoisonError};

#[cfg(feature = "body")]
use crate::error::BoxError;
use crate::error::ExtractError;
use crate::response::BufferedResponse;

/// A live body, as the client delivered it.
pub(crate) enum Live {
    /// A blocking client's body (ureq, reqwest's blocking client).
    #[cfg_attr(
        not(any(feature = "ureq", feature = "reqwest-blocking")),
        allow(dead_code)
    )]
    Reader(Box<dyn std::io::Read + Send>),
    /// An async client's body (reqwest, hyper, any `http_body::Body`).
    #[cfg(feature = "body")]
    Body(http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, BoxError>),
}

/// The extension that holds the live body until a streaming field takes it.
#[derive(Clone)]
pub(crate) struct LiveBody(Arc<Mutex<Option<Live>>>);

impl Live {
    fn into_reader(self) -> Result<Box<dyn std::io::Read + Send>, Self> {
        match self {
            Self::Reader(reader) => Ok(reader),
            #[cfg(feature = "body")]
            other @ Self::Body(_) => Err(other),
        }
    }

    #[cfg(feature = "body")]
    fn into_body(
        self,
    ) -> Result<http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, BoxError>, Self> {
        match self {
            Self::Body(body) => Ok(body),
            other @ Self::Reader(_) => Err(other),
        }
    }
}

impl LiveBody {
    /// Puts `live` into the head, for the streaming field of the variant to take.
    #[cfg_attr(
        not(any(feature = "body", feature = "ureq", feature = "reqwest-blocking")),
        allow(dead_code)
    )]
    pub(crate) fn attach(head: &mut http::response::Parts, live: Live) {
        head.extensions
            .insert(LiveBody(Arc::new(Mutex::new(Some(live)))));
    }

    /// Takes a blocking client's live body out of `response`: `None` for a response from
    /// memory, an error when another field took it or it is an async client's (which then
    /// stays in the response).
    pub(crate) fn take_reader(
        response: &BufferedResponse,
    ) -> Result<Option<Box<dyn std::io::Read + Send>>, ExtractError> {
        Self::take(
            response,
            Live::into_reader,
            "a `BodyReader` cannot read an async client's body: use `BodyStream`",
        )
    }

    /// Takes an async client's live body out of `response`: `None` for a response from
    /// memory, an error when another field took it or it is a blocking client's (which then
    /// stays in the response).
    #[cfg(feature = "body")]
    pub(crate) fn take_body(
        response: &BufferedResponse,
    ) -> Result<
        Option<http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, BoxError>>,
        ExtractError,
    > {
        Self::take(
            response,
            Live::into_body,
            "a `BodyStream` cannot poll a blocking client's body: use `BodyReader`",
        )
    }

    fn take<T>(
        response: &BufferedResponse,
        of_kind: fn(Live) -> Result<T, Live>,
        other_kind: &'static str,
    ) -> Result<Option<T>, ExtractError> {
        let Some(LiveBody(slot)) = response.extensions().get::<LiveBody>() else {
            return Ok(None);
        };
        // A poisoned lock only means another thread panicked while holding it; the `Option`
        // inside is whole either way.
        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(live) = slot.take() else {
            return Err(ExtractError::StreamUnavailable(
                "another field took the live body before this one",
            ));
        };
        match of_kind(live) {
            Ok(live) => Ok(Some(live)),
            Err(live) => {
                *slot = Some(live);
                Err(ExtractError::StreamUnavailable(other_kind))
            }
        }
    }

    /// Whether `response` carries a live body that nothing has taken yet.
    pub(crate) fn is_waiting(response: &BufferedResponse) -> bool {
        response
            .extensions()
            .get::<LiveBody>()
            .is_some_and(|LiveBody(slot)| {
                slot.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .is_some()
            })
    }
}
