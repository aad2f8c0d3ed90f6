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
    Body(http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, crate::error::BoxError>),
}

/// The extension that holds the live body until a streaming field takes it.
#[derive(Clone)]
pub(crate) struct LiveBody(Arc<Mutex<Option<Live>>>);

/// What a streaming extractor finds in a response.
pub(crate) enum Found {
    /// The response came from memory (`from_response`): stream its bytes.
    InMemory,
    /// The live body, now the extractor's.
    Live(Live),
    /// The live body was there, and something took it before.
    Taken,
    /// The live body is of the other kind (async for a blocking reader, or the reverse); it
    /// stays in the response.
    OtherKind,
}

impl Live {
    fn is_reader(&self) -> bool {
        matches!(self, Self::Reader(_))
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

    /// Takes the live body out of `response`, if it has one of the kind asked for: a blocking
    /// reader (`reader`) or an async body.
    pub(crate) fn take(response: &BufferedResponse, reader: bool) -> Found {
        let Some(LiveBody(slot)) = response.extensions().get::<LiveBody>() else {
            return Found::InMemory;
        };
        // A poisoned lock only means another thread panicked while holding it; the `Option`
        // inside is whole either way.
        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
        match slot.as_ref() {
            None => Found::Taken,
            Some(live) if live.is_reader() != reader => Found::OtherKind,
            Some(_) => slot.take().map_or(Found::Taken, Found::Live),
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
