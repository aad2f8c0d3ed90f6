//! The live body of a response whose variant streams it: handed from the client integration,
//! past the class check, to the one streaming field that takes it.
//!
//! It travels in the response's extensions, so that a `BufferedResponse` stays what it is
//! (head and bytes, the same size: the dispatch of in-memory responses costs what it did) and
//! the class check and the per-code dispatch run unchanged. An extension must be `Clone`,
//! `Send` and `Sync`: the body sits behind an `Arc<Mutex<Option<_>>>`, and the first streaming
//! extractor takes it out. When an error comes before that (a header field of the same variant
//! was malformed), the error's response still holds it: nothing the server sent is lost.

use std::sync::{Arc, Mutex, PoisonError};

use http::Extensions;

/// The boxed error of an async client's body (the crate's `BoxError`, spelled out here so that
/// this leaf depends on no other module).
#[cfg(feature = "body")]
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Why a streaming field ([`BodyReader`](crate::BodyReader), `BodyStream`) found no live body
/// it can read: the reason of [`ExtractError::StreamUnavailable`](crate::ExtractError).
///
/// ```
/// use response_handler::StreamUnavailable;
///
/// assert_eq!(
///     StreamUnavailable::AsyncBody.to_string(),
///     "a `BodyReader` cannot read an async client's body: use `BodyStream`",
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StreamUnavailable {
    /// Another field of the same variant took the live body first.
    Taken,
    /// A `BodyReader` met an async client's body (reqwest's async client, hyper, tower).
    AsyncBody,
    /// A `BodyStream` met a blocking client's body (ureq, reqwest's blocking client).
    BlockingBody,
}

impl core::fmt::Display for StreamUnavailable {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Taken => "another field took the live body before this one",
            Self::AsyncBody => {
                "a `BodyReader` cannot read an async client's body: use `BodyStream`"
            }
            Self::BlockingBody => {
                "a `BodyStream` cannot poll a blocking client's body: use `BodyReader`"
            }
        })
    }
}

/// A live body, as the client delivered it.
pub(crate) enum Live {
    /// A blocking client's body (ureq, reqwest's blocking client).
    #[cfg_attr(not(feature = "__blocking"), allow(dead_code))]
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

    /// Takes a blocking client's live body out of a response's `extensions`: `None` for a
    /// response from memory, an error when another field took it or it is an async client's
    /// (which then stays in the response).
    pub(crate) fn take_reader(
        extensions: &Extensions,
    ) -> Result<Option<Box<dyn std::io::Read + Send>>, StreamUnavailable> {
        Self::take(extensions, Live::into_reader, StreamUnavailable::AsyncBody)
    }

    /// Takes an async client's live body out of a response's `extensions`: `None` for a
    /// response from memory, an error when another field took it or it is a blocking client's
    /// (which then stays in the response).
    #[cfg(feature = "body")]
    pub(crate) fn take_body(
        extensions: &Extensions,
    ) -> Result<
        Option<http_body_util::combinators::UnsyncBoxBody<bytes::Bytes, BoxError>>,
        StreamUnavailable,
    > {
        Self::take(extensions, Live::into_body, StreamUnavailable::BlockingBody)
    }

    fn take<T>(
        extensions: &Extensions,
        of_kind: fn(Live) -> Result<T, Live>,
        other_kind: StreamUnavailable,
    ) -> Result<Option<T>, StreamUnavailable> {
        let Some(LiveBody(slot)) = extensions.get::<LiveBody>() else {
            return Ok(None);
        };
        // A poisoned lock only means another thread panicked while holding it; the `Option`
        // inside is whole either way.
        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(live) = slot.take() else {
            return Err(StreamUnavailable::Taken);
        };
        match of_kind(live) {
            Ok(live) => Ok(Some(live)),
            Err(live) => {
                *slot = Some(live);
                Err(other_kind)
            }
        }
    }

    /// Whether a response's `extensions` carry a live body that nothing has taken yet.
    pub(crate) fn is_waiting(extensions: &Extensions) -> bool {
        extensions.get::<LiveBody>().is_some_and(|LiveBody(slot)| {
            slot.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .is_some()
        })
    }
}
