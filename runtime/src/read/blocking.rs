//! Reading a blocking client's body (`std::io::Read`: ureq, reqwest's blocking client) as the
//! status needs it: into memory up to a limit, drained, or handed over live.

use bytes::Bytes;

use super::LimitedBody;
use crate::error::{BoxError, Error};
use crate::response::BufferedResponse;
use crate::response::body_need::{BodyNeed, NeedOf};
use crate::response::live_body::{Live, LiveBody};

/// The body length the head announces (`Content-Length`, RFC 9110 section 8.6), when it is a
/// single well-formed value: only a capacity hint, never trusted for the limit (a HEAD or 304
/// response announces a length and sends nothing; what is reserved for it is dropped, see
/// [`LimitedBody::into_bytes`]).
fn announced_length(headers: &http::HeaderMap) -> Option<usize> {
    let mut values = headers.get_all(http::header::CONTENT_LENGTH).iter();
    let value = values.next()?;
    if values.next().is_some() {
        return None;
    }
    value.to_str().ok()?.parse().ok()
}

/// What a blocking client's body does at the announced `Content-Length`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Framing {
    /// The client ends the body there (reqwest: hyper frames an HTTP/1.1 body by its length and
    /// fails a shorter one, h2 checks it, and the decompressing layer removes the header when
    /// it changes the length): once that many bytes arrived, the body is whole, and no read is
    /// made to see its end. On reqwest's blocking client that read polls a channel that
    /// reqwest's own thread closes, and may wait on that thread.
    ByLength,
    /// The length is a hint: a read past it says whether the body goes on (ureq, whose reader
    /// may decompress without removing the header).
    #[cfg_attr(not(feature = "ureq"), allow(dead_code))]
    Hint,
}

/// The first capacity of a body of unknown length, and the smallest growth step.
const FIRST_CAPACITY: usize = 8 * 1024;

/// Doubles the capacity of a full `buffer` (at least [`FIRST_CAPACITY`]), never past `limit`.
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
pub(crate) fn read_blocking<T: ?Sized>(
    head: http::response::Parts,
    body: impl std::io::Read,
    framing: Framing,
    limit: usize,
) -> Result<BufferedResponse, Error> {
    let (collected, failure) = collect_blocking(&head, body, framing, limit);
    collected.finish::<T>(head, failure)
}

/// Reads a blocking body as `need` says for its status ([`BodyNeed`]): into memory up to
/// `limit` bytes, drained up to [`BodyNeed::DRAIN_LIMIT`] bytes when no field reads it (a
/// longer body is left unread, which closes the connection), or not at all, the live reader
/// handed to the streaming field. `framing` says whether the client ends the body at its
/// announced length.
pub(crate) fn read_blocking_as<T: ?Sized>(
    mut head: http::response::Parts,
    body: impl std::io::Read + Send + 'static,
    framing: Framing,
    need: NeedOf,
    limit: usize,
) -> Result<BufferedResponse, Error> {
    match need(head.status) {
        BodyNeed::Buffered => read_blocking::<T>(head, body, framing, limit),
        BodyNeed::Unread => {
            let drain = limit.min(BodyNeed::DRAIN_LIMIT);
            let (collected, _) = collect_blocking(&head, body, framing, drain);
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
fn collect_blocking(
    head: &http::response::Parts,
    mut body: impl std::io::Read,
    framing: Framing,
    limit: usize,
) -> (LimitedBody, Option<BoxError>) {
    use std::io::Read as _;

    let length = announced_length(&head.headers);
    let announced = length.map(|length| length.min(limit));
    // Where the body ends without a read to see it: the announced length, when the client frames
    // the body by it and it is within the limit (past the limit, a read says it goes on).
    let end = length.filter(|&length| framing == Framing::ByLength && length <= limit);
    let mut kept = Vec::new();
    let mut overflowed = false;
    if let Some(length) = announced.filter(|&length| length > 0) {
        let (filled, failure) = fill_announced(&mut body, length);
        kept = filled;
        if failure.is_some() || kept.len() < length {
            // Failed, or ended before its announced length: what arrived is kept.
            return (LimitedBody::with(limit, kept, false), failure);
        }
    }
    let failure = loop {
        if end == Some(kept.len()) {
            break None;
        }
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
    (LimitedBody::with(limit, kept, overflowed), failure)
}

/// Reads up to `length` bytes (the announced length, within the limit) into a buffer allocated
/// zeroed at that length: what arrived, and the transport's error if a read failed.
///
/// `vec![0; length]` is `calloc`, whose large blocks are fresh zero pages that nothing writes
/// twice, where `read_to_end` zeroes the spare capacity before it reads into it (a reader
/// without `read_buf`, such as reqwest's blocking body, cannot read into uninitialized memory):
/// one more pass over every byte, about 8 % of a 1 MiB request through reqwest's blocking
/// client (BENCHMARKS.md, "End to end over loopback").
fn fill_announced(body: &mut impl std::io::Read, length: usize) -> (Vec<u8>, Option<BoxError>) {
    let mut buffer = vec![0u8; length];
    let mut filled = 0;
    let failure = loop {
        let Some(room) = buffer.get_mut(filled..).filter(|room| !room.is_empty()) else {
            break None;
        };
        match body.read(room) {
            Ok(0) => break None,
            Ok(read) => filled += read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => break Some(error.into()),
        }
    };
    buffer.truncate(filled);
    (buffer, failure)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use Framing::{ByLength, Hint};

    /// A `Read` that hands out `chunks` in order, then fails with `error` if there is one.
    struct Chunks(Vec<&'static [u8]>, Option<std::io::ErrorKind>);

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

    fn head(content_length: Option<&str>) -> http::response::Parts {
        let mut response = http::Response::builder();
        if let Some(length) = content_length {
            response = response.header(http::header::CONTENT_LENGTH, length);
        }
        response.body(()).unwrap().into_parts().0
    }

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
            let response = read_blocking::<()>(head(announced), body, Hint, 100).unwrap();
            assert_eq!(response.body(), "abcdef", "{announced:?}");
        }
        let response =
            read_blocking::<()>(head(Some("1000")), Chunks(vec![], None), Hint, 100).unwrap();
        assert_eq!(response.body(), "");
    }

    #[test]
    fn a_blocking_body_over_the_limit_keeps_exactly_the_limit() {
        for announced in [None, Some("4"), Some("10")] {
            let body = Chunks(vec![b"abc", b"defghij"], None);
            let error = read_blocking::<()>(head(announced), body, Hint, 4).unwrap_err();
            assert!(
                (error.kind() == ErrorKind::BodyTooLarge && error.body_limit() == Some(4)),
                "{error:?}"
            );
            assert_eq!(error.body(), "abcd", "{announced:?}");
        }
        // The message names the ways out, on one line.
        let error =
            read_blocking::<()>(head(None), Chunks(vec![b"abcdef"], None), Hint, 4).unwrap_err();
        assert_eq!(
            error.to_string(),
            "200 OK: the body is larger than the limit of 4 bytes (the first 4 are kept); \
             read it as it arrives with a `BodyReader` field (blocking clients) or a `BodyStream` field (async clients), \
             or raise the limit with `CallOptions::body_limit`; body: \"abcd\""
        );
        let body = Chunks(vec![b"abcd"], None);
        let response = read_blocking::<()>(head(Some("4")), body, Hint, 4).unwrap();
        assert_eq!(response.body(), "abcd");
    }

    #[test]
    fn an_interrupted_read_is_tried_again() {
        /// Interrupted before each chunk, as a read that a signal cut short.
        struct Interrupting(Chunks, bool);
        impl std::io::Read for Interrupting {
            fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
                self.1 = !self.1;
                if self.1 {
                    return Err(std::io::ErrorKind::Interrupted.into());
                }
                self.0.read(buffer)
            }
        }
        for (announced, framing) in [(None, Hint), (Some("3"), Hint), (Some("6"), ByLength)] {
            let body = Interrupting(Chunks(vec![b"ab", b"cde", b"f"], None), false);
            let response = read_blocking::<()>(head(announced), body, framing, 100).unwrap();
            assert_eq!(response.body(), "abcdef", "{announced:?}");
        }
    }

    #[test]
    fn a_failed_blocking_read_keeps_what_arrived() {
        for announced in [None, Some("10")] {
            let body = Chunks(vec![b"ab", b"c"], Some(std::io::ErrorKind::ConnectionReset));
            let error = read_blocking::<()>(head(announced), body, Hint, 100).unwrap_err();
            assert!(error.kind() == ErrorKind::Transport, "{error:?}");
            assert_eq!(error.body(), "abc", "{announced:?}");
        }
    }

    #[test]
    fn an_unread_body_is_drained_up_to_the_drain_limit_and_a_failure_is_no_error() {
        let unread = |_| BodyNeed::Unread;
        static LONG: [u8; BodyNeed::DRAIN_LIMIT + 10] = [7; BodyNeed::DRAIN_LIMIT + 10];
        let response = read_blocking_as::<()>(
            head(None),
            Chunks(vec![&LONG], None),
            Hint,
            unread,
            usize::MAX,
        )
        .unwrap();
        assert_eq!(response.body().len(), BodyNeed::DRAIN_LIMIT);
        // Under a smaller limit, the limit.
        let response =
            read_blocking_as::<()>(head(None), Chunks(vec![&LONG], None), Hint, unread, 5).unwrap();
        assert_eq!(response.body().as_ref(), &[7; 5]);
        // A connection that fails mid-body: what arrived is kept, and no error.
        let failing = Chunks(vec![b"half"], Some(std::io::ErrorKind::ConnectionReset));
        let response =
            read_blocking_as::<()>(head(Some("100")), failing, Hint, unread, 100).unwrap();
        assert_eq!(response.body().as_ref(), b"half");
        // Buffered, the same failure is the transport's error.
        let failing = Chunks(vec![b"half"], Some(std::io::ErrorKind::ConnectionReset));
        let buffered = |_| BodyNeed::Buffered;
        let error =
            read_blocking_as::<()>(head(Some("100")), failing, Hint, buffered, 100).unwrap_err();
        assert!(error.kind() == ErrorKind::Transport);
    }

    #[test]
    fn a_streamed_body_is_not_read_and_reaches_the_reader_whole() {
        use std::io::Read as _;

        let streamed = |_| BodyNeed::Streamed;
        let body = Chunks(vec![b"first ", b"second"], None);
        let response = read_blocking_as::<()>(head(Some("12")), body, Hint, streamed, 4).unwrap();
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

    #[test]
    fn a_body_framed_by_its_length_is_not_read_past_it() {
        // After the announced bytes the reader fails: framed by its length, the body is whole
        // without that read; as a hint, the read is made and its failure reported.
        let after_the_end = || Chunks(vec![b"ab", b"cdef"], Some(std::io::ErrorKind::Other));
        let response =
            read_blocking::<()>(head(Some("6")), after_the_end(), ByLength, 100).unwrap();
        assert_eq!(response.body(), "abcdef");
        let error = read_blocking::<()>(head(Some("6")), after_the_end(), Hint, 100).unwrap_err();
        assert!(error.kind() == ErrorKind::Transport, "{error:?}");
        assert_eq!(error.body(), "abcdef");
        // An empty body announced as such is not read at all.
        let nothing = Chunks(vec![], Some(std::io::ErrorKind::Other));
        let response = read_blocking::<()>(head(Some("0")), nothing, ByLength, 100).unwrap();
        assert_eq!(response.body(), "");
        // A HEAD answer: a length announced, nothing sent.
        let response = read_blocking::<()>(head(Some("1000")), Chunks(vec![], None), ByLength, 100);
        assert_eq!(response.unwrap().body(), "");
    }

    #[test]
    fn a_body_framed_by_its_length_keeps_its_promises() {
        // What arrived before a failure is kept.
        let failing = Chunks(vec![b"ab", b"c"], Some(std::io::ErrorKind::ConnectionReset));
        let error = read_blocking::<()>(head(Some("10")), failing, ByLength, 100).unwrap_err();
        assert!(error.kind() == ErrorKind::Transport, "{error:?}");
        assert_eq!(error.body(), "abc");
        // An announced length past the limit: the limit's bytes are kept and the overflow seen.
        let long = Chunks(vec![b"abcdef"], None);
        let error = read_blocking::<()>(head(Some("6")), long, ByLength, 4).unwrap_err();
        assert!(error.kind() == ErrorKind::BodyTooLarge, "{error:?}");
        assert_eq!(error.body(), "abcd");
        // Exactly the limit: whole.
        let response =
            read_blocking::<()>(head(Some("4")), Chunks(vec![b"abcd"], None), ByLength, 4);
        assert_eq!(response.unwrap().body(), "abcd");
        // Drained: the same end.
        let unread = |_| BodyNeed::Unread;
        let after_the_end = Chunks(vec![b"abc"], Some(std::io::ErrorKind::Other));
        let response =
            read_blocking_as::<()>(head(Some("3")), after_the_end, ByLength, unread, 100).unwrap();
        assert_eq!(response.body(), "abc");
    }
}
