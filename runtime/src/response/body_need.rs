//! What a response's body is read for, decided from the status alone: the head-first half of
//! every client integration.

/// How much of a response's body the variant that its status selects needs: what a client
/// integration reads *after* the head has arrived and *before* the class check and the dispatch
/// run. [`ResponseHandler::body_need`](crate::ResponseHandler::body_need) says it for a status;
/// the derive generates it from the fields of the variant each status selects.
///
/// | need | what the client integrations do with the body |
/// |---|---|
/// | [`Unread`](Self::Unread) | no field reads it: read up to [`DRAIN_LIMIT`](Self::DRAIN_LIMIT) (64 KiB) so that the connection can be reused, kept for an error; a longer body is left unread and the connection closed; a connection that fails mid-body is no error (the head decided the outcome) |
/// | [`Buffered`](Self::Buffered) | read into memory up to the limit (2 MiB unless told), as every buffered field and every error needs |
/// | [`Streamed`](Self::Streamed) | not read: the live body goes to the variant's streaming field ([`BodyReader`](crate::BodyReader), `BodyStream`) |
///
/// ```
/// use response_handler::{BodyNeed, BodyReader, ResponseHandler, StatusCode};
///
/// #[derive(ResponseHandler)]
/// enum Download {
///     #[on_success]
///     File(BodyReader),
///     #[on(404)]
///     Missing,
///     #[on_failure]
///     Failed(StatusCode, String),
/// }
///
/// assert_eq!(Download::body_need(StatusCode::OK), BodyNeed::Streamed);
/// assert_eq!(Download::body_need(StatusCode::NOT_FOUND), BodyNeed::Unread);
/// assert_eq!(Download::body_need(StatusCode::BAD_GATEWAY), BodyNeed::Buffered);
/// // No variant takes 3xx: the error keeps the body, so it is read.
/// assert_eq!(Download::body_need(StatusCode::FOUND), BodyNeed::Buffered);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum BodyNeed {
    /// No field reads the body.
    Unread,
    /// A field reads the body from memory (`String`, `Json<T>`, ...), or an error keeps it.
    Buffered,
    /// A field takes the live body and reads it as it arrives.
    Streamed,
}

impl BodyNeed {
    /// How much of an unread body a client integration reads before it gives up on reusing the
    /// connection: 64 KiB, curl's and hyper's order of magnitude for draining a body nobody
    /// wants (a small error page or an empty JSON object goes through; a download is not read).
    pub const DRAIN_LIMIT: usize = 64 * 1024;

    /// The need of a variant whose fields need `self` and `other`: the larger of the two
    /// (`Unread` < `Buffered` < `Streamed`). The derive rejects a variant that both buffers and
    /// streams, so "larger" never hides a buffered field behind a stream.
    #[inline]
    #[must_use]
    pub const fn and(self, other: Self) -> Self {
        if (other as u8) > (self as u8) {
            other
        } else {
            self
        }
    }

    /// The need of every status for what reads all bodies (a [`Handler`](crate::Handler), a
    /// plain [`BufferedResponse`](crate::BufferedResponse)).
    #[cfg_attr(not(feature = "__blocking"), allow(dead_code))]
    pub(crate) const fn buffered(_status: http::StatusCode) -> Self {
        Self::Buffered
    }

    /// The need of one extractor, from its two constants: a streaming type, a type that reads
    /// the body, or neither.
    #[inline]
    pub(crate) const fn of_extractor(reads_body: bool, streams: bool) -> Self {
        if streams {
            Self::Streamed
        } else if reads_body {
            Self::Buffered
        } else {
            Self::Unread
        }
    }
}

/// A type's [`ResponseHandler::body_need`](crate::ResponseHandler::body_need), as the client
/// integrations take it: called once the head is there.
#[cfg_attr(
    not(any(feature = "body", feature = "ureq", feature = "reqwest-blocking")),
    allow(dead_code)
)]
pub(crate) type NeedOf = fn(http::StatusCode) -> BodyNeed;

#[cfg(test)]
mod tests {
    use super::BodyNeed::{self, *};

    #[test]
    fn and_keeps_the_larger_need() {
        let all = [Unread, Buffered, Streamed];
        for a in all {
            for b in all {
                assert_eq!(a.and(b), a.max(b), "{a:?} and {b:?}");
                assert_eq!(a.and(b), b.and(a));
            }
        }
    }

    #[test]
    fn an_extractor_that_streams_needs_the_live_body() {
        assert_eq!(BodyNeed::of_extractor(false, false), Unread);
        assert_eq!(BodyNeed::of_extractor(true, false), Buffered);
        assert_eq!(BodyNeed::of_extractor(true, true), Streamed);
    }
}
