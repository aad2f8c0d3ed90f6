//! Bodies already in memory: the types `from_response` accepts as the `B` of
//! `http::Response<B>`.

use bytes::Bytes;

/// A response body that is already in memory.
///
/// [`ResponseHandler::from_response`](crate::ResponseHandler::from_response) accepts an
/// `http::Response<B>` for any `B: BufferedBody`. Owned buffers (`Bytes`, `Vec<u8>`, `String`,
/// `Box<[u8]>`) are taken over without copying; borrowed ones (`&[u8]`, `&str`) are copied once.
/// `()` is an empty body.
///
/// Streaming bodies are not `BufferedBody`: a client integration reads them (up to a limit) into
/// [`Bytes`] first, then hands a [`BufferedResponse`](crate::BufferedResponse) to
/// [`ResponseHandler::from_buffered`](crate::ResponseHandler::from_buffered).
///
/// ```
/// use response_handler::BufferedBody;
///
/// assert_eq!(b"hi".as_slice().into_bytes(), "hi".to_string().into_bytes());
/// assert!(().into_bytes().is_empty());
/// ```
pub trait BufferedBody {
    /// Turns the body into [`Bytes`].
    fn into_bytes(self) -> Bytes;

    /// The response with its body as [`Bytes`]: what
    /// [`ResponseHandler::from_response`](crate::ResponseHandler::from_response) dispatches.
    /// `Bytes` overrides it to hand the response over whole, without taking it apart.
    #[inline(always)]
    fn into_bytes_response(response: http::Response<Self>) -> http::Response<Bytes>
    where
        Self: Sized,
    {
        response.map(Self::into_bytes)
    }
}

impl BufferedBody for Bytes {
    fn into_bytes(self) -> Bytes {
        self
    }

    #[inline(always)]
    fn into_bytes_response(response: http::Response<Self>) -> http::Response<Bytes> {
        response
    }
}

impl BufferedBody for Vec<u8> {
    fn into_bytes(self) -> Bytes {
        Bytes::from(self)
    }
}

impl BufferedBody for Box<[u8]> {
    fn into_bytes(self) -> Bytes {
        Bytes::from(self)
    }
}

impl BufferedBody for String {
    fn into_bytes(self) -> Bytes {
        Bytes::from(self)
    }
}

impl BufferedBody for &[u8] {
    fn into_bytes(self) -> Bytes {
        Bytes::copy_from_slice(self)
    }
}

impl BufferedBody for &str {
    fn into_bytes(self) -> Bytes {
        Bytes::copy_from_slice(self.as_bytes())
    }
}

impl BufferedBody for () {
    fn into_bytes(self) -> Bytes {
        Bytes::new()
    }
}
