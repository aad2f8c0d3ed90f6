//! Reading a body into memory up to a limit, chunk by chunk or straight into one buffer: the
//! bounded read every client integration shares. The blocking clients fill the buffer
//! themselves and hand it over; the chunk-by-chunk half is the async clients'.
#![cfg_attr(not(feature = "body"), allow(dead_code))]

use core::ops::ControlFlow;

use bytes::Bytes;

use crate::error::{BoxError, Cause, Error};
use crate::response::BufferedResponse;

/// Collects body chunks, never holding more than `limit` bytes. A body that arrives in one
/// chunk is kept as that chunk, without a copy; otherwise the chunks are copied into one buffer
/// whose capacity never exceeds the limit (so the peak, while it grows, stays under twice the
/// limit).
pub(crate) struct LimitedBody {
    limit: usize,
    first: Bytes,
    rest: Vec<u8>,
    /// The length the body announced (at most the limit): the first capacity of `rest`, so that
    /// chunks are copied once into a buffer of the right size instead of one that doubles.
    expected: usize,
    overflowed: bool,
}

impl LimitedBody {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit,
            first: Bytes::new(),
            rest: Vec::new(),
            expected: 0,
            overflowed: false,
        }
    }

    /// A body a blocking reader read into one buffer, `rest` (what was kept, at most `limit`
    /// bytes), `overflowed` when more followed.
    #[cfg(feature = "__blocking")]
    pub(super) fn with(limit: usize, rest: Vec<u8>, overflowed: bool) -> Self {
        Self {
            rest,
            overflowed,
            ..Self::new(limit)
        }
    }

    /// A collector for a body that announced `expected` bytes (a hint, never trusted for the
    /// limit).
    pub(crate) fn expecting(limit: usize, expected: Option<u64>) -> Self {
        let expected = expected.map_or(0, |length| {
            usize::try_from(length).unwrap_or(usize::MAX).min(limit)
        });
        Self {
            expected,
            ..Self::new(limit)
        }
    }

    /// Appends to `rest`, growing it geometrically but never past the limit.
    fn append(&mut self, bytes: &[u8]) {
        let needed = self.rest.len() + bytes.len();
        if needed > self.rest.capacity() {
            let doubled = self.rest.capacity().saturating_mul(2);
            let target = needed
                .max(doubled)
                .max(self.expected)
                .min(self.limit)
                .max(needed);
            self.rest.reserve_exact(target - self.rest.len());
        }
        self.rest.extend_from_slice(bytes);
    }

    /// Moves a single kept chunk into `rest` once a second one arrives.
    fn spill_first(&mut self) {
        if !self.first.is_empty() {
            let first = core::mem::take(&mut self.first);
            self.append(&first);
        }
    }

    fn len(&self) -> usize {
        self.first.len() + self.rest.len()
    }

    /// Adds a chunk; `false` once the limit is exceeded (the chunk's excess is dropped, and the
    /// caller must stop reading). For `http_body` frames, which arrive as `Bytes`.
    pub(crate) fn push(&mut self, mut chunk: Bytes) -> bool {
        let room = self.limit - self.len();
        if chunk.len() > room {
            chunk.truncate(room);
            self.overflowed = true;
        }
        if self.first.is_empty() && self.rest.is_empty() {
            self.first = chunk;
        } else {
            self.spill_first();
            self.append(&chunk);
        }
        !self.overflowed
    }

    /// Adds a chunk by copy.
    #[cfg(test)]
    pub(crate) fn push_slice(&mut self, chunk: &[u8]) -> bool {
        let room = self.limit - self.len();
        let (kept, overflowed) = match chunk.get(..room) {
            Some(kept) if kept.len() < chunk.len() => (kept, true),
            Some(_) | None => (chunk, false),
        };
        self.spill_first();
        self.append(kept);
        self.overflowed |= overflowed;
        !self.overflowed
    }

    /// [`finish`](Self::finish) for a body that no field reads, drained up to the limit: what
    /// was read is kept (for an error of another field), and neither a longer body nor a
    /// connection that failed mid-body is an error. The outcome was decided by the head; as
    /// the Fetch standard resolves a response at its head and reports a body's failure only to
    /// whoever reads the body, a body nobody reads cannot fail the call.
    pub(crate) fn finish_unread(self, head: http::response::Parts) -> BufferedResponse {
        BufferedResponse::from_parts(head, self.into_bytes())
    }

    /// One step of an async read loop, with what the body yielded next: `Continue` while more
    /// is wanted; `Break` at the end, at the limit, or with the transport's error. The loop
    /// itself stays with the reader, which awaits the next chunk its own way (an
    /// `http_body::Body`'s frames, reqwest's `Response::chunk`).
    #[inline]
    pub(crate) fn take<E: Into<BoxError>>(
        &mut self,
        next: Option<Result<Bytes, E>>,
    ) -> ControlFlow<Option<BoxError>> {
        match next {
            None => ControlFlow::Break(None),
            Some(Err(error)) => ControlFlow::Break(Some(error.into())),
            Some(Ok(chunk)) => {
                if self.push(chunk) {
                    ControlFlow::Continue(())
                } else {
                    ControlFlow::Break(None)
                }
            }
        }
    }

    /// The body; an empty one holds no allocation, even if one was reserved for it.
    fn into_bytes(self) -> Bytes {
        if self.rest.is_empty() {
            self.first
        } else {
            Bytes::from(self.rest)
        }
    }

    /// Ends the read: the complete response, or why it is incomplete, keeping what was read.
    /// `T` is the type the response was read for (named in the error).
    pub(crate) fn finish<T: ?Sized>(
        self,
        head: http::response::Parts,
        failure: Option<BoxError>,
    ) -> Result<BufferedResponse, Error> {
        let limit = self.limit;
        let overflowed = self.overflowed;
        let response = BufferedResponse::from_parts(head, self.into_bytes());
        let target = core::any::type_name::<T>();
        match failure {
            Some(error) => Err(Error::new(Cause::Transport(error), target, None, response)),
            None if overflowed => Err(Error::new(
                Cause::BodyTooLarge { limit },
                target,
                None,
                response,
            )),
            None => Ok(response),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_single_chunk_is_kept_without_a_copy() {
        let chunk = Bytes::from_static(b"hello");
        let mut body = LimitedBody::new(10);
        assert!(body.push(chunk.clone()));
        let bytes = body.into_bytes();
        assert_eq!(bytes.as_ptr(), chunk.as_ptr());
    }

    #[test]
    fn chunks_are_joined_and_cut_at_the_limit() {
        let mut body = LimitedBody::new(7);
        assert!(body.push(Bytes::from_static(b"abc")));
        assert!(body.push_slice(b"def"));
        assert!(!body.push(Bytes::from_static(b"ghij")));
        assert_eq!(body.into_bytes(), "abcdefg");
    }

    #[test]
    fn exactly_the_limit_is_not_an_overflow() {
        let mut body = LimitedBody::new(3);
        assert!(body.push_slice(b"abc"));
        assert!(!body.push_slice(b"d"));
        let mut body = LimitedBody::new(0);
        assert!(body.push(Bytes::new()));
        assert!(!body.push(Bytes::from_static(b"x")));
    }
}
