//! Reading a streamed body into memory, up to a limit: shared by every client integration
//! (`body`, `reqwest`, `ureq`).

use bytes::Bytes;

use crate::error::{BoxError, Error, ErrorKind};
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
    overflowed: bool,
}

impl LimitedBody {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit,
            first: Bytes::new(),
            rest: Vec::new(),
            overflowed: false,
        }
    }

    /// Appends to `rest`, growing it geometrically but never past the limit.
    fn append(&mut self, bytes: &[u8]) {
        let needed = self.rest.len() + bytes.len();
        if needed > self.rest.capacity() {
            let doubled = self.rest.capacity().saturating_mul(2);
            let target = needed.max(doubled).min(self.limit).max(needed);
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

    /// Adds a chunk by copy (for `std::io::Read` sources).
    #[cfg(any(test, feature = "ureq", feature = "reqwest-blocking"))]
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

/// Reads a blocking body (`std::io::Read`) up to `limit` bytes, for a `T`.
#[cfg(any(feature = "ureq", feature = "reqwest-blocking"))]
pub(crate) fn read_blocking<T: ?Sized>(
    head: http::response::Parts,
    mut body: impl std::io::Read,
    limit: usize,
) -> Result<BufferedResponse, Error> {
    let mut collected = LimitedBody::new(limit);
    let mut buffer = [0u8; 16 * 1024];
    let failure = loop {
        match body.read(&mut buffer) {
            Ok(0) => break None,
            Ok(read) => {
                if !collected.push_slice(buffer.get(..read).unwrap_or(&buffer)) {
                    break None;
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => break Some(error.into()),
        }
    };
    collected.finish::<T>(head, failure)
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
}
