//! Reading a streamed body into memory, up to a limit: shared by every client integration
//! (`body`, `reqwest`, `ureq`).

use bytes::Bytes;

#[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
use crate::body_need::{BodyNeed, NeedOf};
use crate::error::{BoxError, Error, ErrorKind};
#[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
use crate::live_body::{Live, LiveBody};
use crate::response::BufferedResponse;

/// The body limit of the client integrations when none is given: 2 MiB.
///
/// Over it, reading stops and the result is an [`Error`] of kind
/// [`ErrorKind::BodyTooLarge`] holding the status, the headers and the first
/// `DEFAULT_BODY_LIMIT` bytes. Pass another limit with the `*_with_limit` methods.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

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
    #[cfg(any(test, feature = "body"))]
    expected: usize,
    overflowed: bool,
}

impl LimitedBody {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit,
            first: Bytes::new(),
            rest: Vec::new(),
            #[cfg(any(test, feature = "body"))]
            expected: 0,
            overflowed: false,
        }
    }

    /// A collector for a body that announced `expected` bytes (a hint, never trusted for the
    /// limit).
    #[cfg(feature = "body")]
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
    #[cfg(any(test, feature = "body"))]
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
    #[cfg(any(test, feature = "body"))]
    fn spill_first(&mut self) {
        if !self.first.is_empty() {
            let first = core::mem::take(&mut self.first);
            self.append(&first);
        }
    }

    #[cfg(any(test, feature = "body"))]
    fn len(&self) -> usize {
        self.first.len() + self.rest.len()
    }

    /// Adds a chunk; `false` once the limit is exceeded (the chunk's excess is dropped, and the
    /// caller must stop reading). For `http_body` frames, which arrive as `Bytes`.
    #[cfg(any(test, feature = "body"))]
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
            Some(error) => Err(Error::new(
                ErrorKind::Transport(error),
                target,
                None,
                response,
            )),
            None if overflowed => Err(Error::new(
                ErrorKind::BodyTooLarge { limit },
                target,
                None,
                response,
            )),
            None => Ok(response),
        }
    }
}

/// The body length the head announces (`Content-Length`, RFC 9110 section 8.6), when it is a
/// single well-formed value: only a capacity hint, never trusted for the limit (a HEAD or 304
/// response announces a length and sends nothing; what is reserved for it is dropped, see
/// [`LimitedBody::into_bytes`]).
#[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
fn announced_length(headers: &http::HeaderMap) -> Option<usize> {
    let mut values = headers.get_all(http::header::CONTENT_LENGTH).iter();
    let value = values.next()?;
    if values.next().is_some() {
        return None;
    }
    value.to_str().ok()?.parse().ok()
}

/// The first capacity of a body of unknown length, and the smallest growth step.
#[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
const FIRST_CAPACITY: usize = 8 * 1024;

/// Doubles the capacity of a full `buffer` (at least [`FIRST_CAPACITY`]), never past `limit`.
#[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
fn grow(buffer: &mut Vec<u8>, limit: usize) {
    let target = buffer
        .capacity()
        .saturating_mul(2)
        .max(FIRST_CAPACITY)
        .min(limit)
        .max(buffer.len() + 1);
    buffer.reserve_exact(target - buffer.len());
}

/// Reads a blocking body (`std::io::Read`) up to `limit` bytes, for a `T`.
///
/// The bytes are read straight into the buffer that becomes the body (no intermediate buffer):
/// its capacity is the announced `Content-Length` (at most the limit), reserved once; without
/// one it doubles, never past the limit. `Read::take` caps each `read_to_end` at
/// the spare capacity, so the buffer only grows here, where the cap is applied.
#[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
pub(crate) fn read_blocking<T: ?Sized>(
    head: http::response::Parts,
    body: impl std::io::Read,
    limit: usize,
) -> Result<BufferedResponse, Error> {
    let (collected, failure) = collect_blocking(&head, body, limit);
    collected.finish::<T>(head, failure)
}

/// Reads a blocking body as `need` says for its status ([`BodyNeed`]): into memory up to
/// `limit` bytes, drained up to [`BodyNeed::DRAIN_LIMIT`] bytes when no field reads it (a
/// longer body is left unread, which closes the connection), or not at all, the live reader
/// handed to the streaming field.
#[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
pub(crate) fn read_blocking_as<T: ?Sized>(
    mut head: http::response::Parts,
    body: impl std::io::Read + Send + 'static,
    need: NeedOf,
    limit: usize,
) -> Result<BufferedResponse, Error> {
    match need(head.status) {
        BodyNeed::Buffered => read_blocking::<T>(head, body, limit),
        BodyNeed::Unread => {
            let (collected, _) = collect_blocking(&head, body, limit.min(BodyNeed::DRAIN_LIMIT));
            Ok(collected.finish_unread(head))
        }
        BodyNeed::Streamed => {
            LiveBody::attach(&mut head, Live::Reader(Box::new(body)));
            Ok(BufferedResponse::from_parts(head, Bytes::new()))
        }
    }
}

/// Reads a blocking body into memory, up to `limit` bytes: what was kept, and the transport's
/// error if the read failed.
#[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
fn collect_blocking(
    head: &http::response::Parts,
    mut body: impl std::io::Read,
    limit: usize,
) -> (LimitedBody, Option<BoxError>) {
    use std::io::Read as _;

    let announced = announced_length(&head.headers).map(|length| length.min(limit));
    let mut kept = Vec::new();
    let mut overflowed = false;
    let failure = loop {
        if kept.len() == limit || (announced == Some(kept.len()) && kept.len() == kept.capacity()) {
            // At the limit, or at the announced length: one byte says whether the body goes
            // on, without growing the buffer for an end that is almost always there.
            let mut probe = [0u8; 1];
            match body.read(&mut probe) {
                Ok(0) => break None,
                Ok(_) if kept.len() == limit => {
                    overflowed = true;
                    break None;
                }
                Ok(_) => {
                    grow(&mut kept, limit);
                    kept.extend_from_slice(&probe);
                    continue;
                }
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => break Some(error.into()),
            }
        }
        if kept.len() == kept.capacity() {
            match announced {
                Some(length) if kept.is_empty() => kept.reserve_exact(length),
                _ => grow(&mut kept, limit),
            }
        }
        let room = (kept.capacity() - kept.len()).min(limit - kept.len());
        let room_u64 = u64::try_from(room).unwrap_or(u64::MAX);
        match (&mut body).take(room_u64).read_to_end(&mut kept) {
            // Fewer bytes than allowed: the body ended.
            Ok(read) if read < room => break None,
            Ok(_) => {}
            Err(error) => break Some(error.into()),
        }
    };
    let mut collected = LimitedBody::new(limit);
    collected.rest = kept;
    collected.overflowed = overflowed;
    (collected, failure)
}

#[cfg(all(
    test,
    any(feature = "body", feature = "ureq", feature = "reqwest-blocking")
))]
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

    /// A `Read` that hands out `chunks` in order, then fails with `error` if there is one.
    #[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
    struct Chunks(Vec<&'static [u8]>, Option<std::io::ErrorKind>);

    #[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
    impl std::io::Read for Chunks {
        fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
            let Some(chunk) = self.0.first_mut() else {
                return match self.1 {
                    Some(kind) => Err(kind.into()),
                    None => Ok(0),
                };
            };
            let length = chunk.len().min(buffer.len());
            let (now, later) = chunk.split_at(length);
            buffer[..length].copy_from_slice(now);
            *chunk = later;
            if chunk.is_empty() {
                self.0.remove(0);
            }
            Ok(length)
        }
    }

    #[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
    fn head(content_length: Option<&str>) -> http::response::Parts {
        let mut response = http::Response::builder();
        if let Some(length) = content_length {
            response = response.header(http::header::CONTENT_LENGTH, length);
        }
        response.body(()).unwrap().into_parts().0
    }

    #[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
    #[test]
    fn a_blocking_body_is_read_whole_whatever_length_it_announced() {
        for announced in [
            None,
            Some("0"),
            Some("3"),
            Some("6"),
            Some("1000"),
            Some("x"),
        ] {
            let body = Chunks(vec![b"ab", b"cde", b"f"], None);
            let response = read_blocking::<()>(head(announced), body, 100).unwrap();
            assert_eq!(response.body(), "abcdef", "{announced:?}");
        }
        let response = read_blocking::<()>(head(Some("1000")), Chunks(vec![], None), 100).unwrap();
        assert_eq!(response.body(), "");
    }

    #[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
    #[test]
    fn a_blocking_body_over_the_limit_keeps_exactly_the_limit() {
        for announced in [None, Some("4"), Some("10")] {
            let body = Chunks(vec![b"abc", b"defghij"], None);
            let error = read_blocking::<()>(head(announced), body, 4).unwrap_err();
            assert!(
                matches!(error.kind(), ErrorKind::BodyTooLarge { limit: 4 }),
                "{error:?}"
            );
            assert_eq!(error.body(), "abcd", "{announced:?}");
        }
        let body = Chunks(vec![b"abcd"], None);
        let response = read_blocking::<()>(head(Some("4")), body, 4).unwrap();
        assert_eq!(response.body(), "abcd");
    }

    #[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
    #[test]
    fn a_failed_blocking_read_keeps_what_arrived() {
        for announced in [None, Some("10")] {
            let body = Chunks(vec![b"ab", b"c"], Some(std::io::ErrorKind::ConnectionReset));
            let error = read_blocking::<()>(head(announced), body, 100).unwrap_err();
            assert!(matches!(error.kind(), ErrorKind::Transport(_)), "{error:?}");
            assert_eq!(error.body(), "abc", "{announced:?}");
        }
    }

    #[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
    #[test]
    fn an_unread_body_is_drained_up_to_the_drain_limit_and_a_failure_is_no_error() {
        let unread = |_| BodyNeed::Unread;
        static LONG: [u8; BodyNeed::DRAIN_LIMIT + 10] = [7; BodyNeed::DRAIN_LIMIT + 10];
        let response =
            read_blocking_as::<()>(head(None), Chunks(vec![&LONG], None), unread, usize::MAX)
                .unwrap();
        assert_eq!(response.body().len(), BodyNeed::DRAIN_LIMIT);
        // Under a smaller limit, the limit.
        let response =
            read_blocking_as::<()>(head(None), Chunks(vec![&LONG], None), unread, 5).unwrap();
        assert_eq!(response.body().as_ref(), &[7; 5]);
        // A connection that fails mid-body: what arrived is kept, and no error.
        let failing = Chunks(vec![b"half"], Some(std::io::ErrorKind::ConnectionReset));
        let response = read_blocking_as::<()>(head(Some("100")), failing, unread, 100).unwrap();
        assert_eq!(response.body().as_ref(), b"half");
        // Buffered, the same failure is the transport's error.
        let failing = Chunks(vec![b"half"], Some(std::io::ErrorKind::ConnectionReset));
        let buffered = |_| BodyNeed::Buffered;
        let error = read_blocking_as::<()>(head(Some("100")), failing, buffered, 100).unwrap_err();
        assert!(matches!(error.kind(), ErrorKind::Transport(_)));
    }

    #[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
    #[test]
    fn a_streamed_body_is_not_read_and_reaches_the_reader_whole() {
        use std::io::Read as _;

        let streamed = |_| BodyNeed::Streamed;
        let body = Chunks(vec![b"first ", b"second"], None);
        let response = read_blocking_as::<()>(head(Some("12")), body, streamed, 4).unwrap();
        assert!(response.body().is_empty());
        let mut reader = response.extract::<crate::BodyReader>().unwrap();
        assert!(reader.is_live());
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        assert_eq!(text, "first second", "past the limit: a stream has none");
        // Taken once: a second streaming field finds nothing.
        assert!(matches!(
            response.extract::<crate::BodyReader>(),
            Err(crate::ExtractError::StreamUnavailable(_))
        ));
    }
}
