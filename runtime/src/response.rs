//! The buffered response every extractor reads from.

use bytes::Bytes;
use http::{Extensions, HeaderMap, StatusCode, Version};

use crate::class::status_has_no_body;
use crate::context::RequestContext;
use crate::in_memory_body::BufferedBody;
use crate::redact::{BODY_PREFIX_LIMIT, BodyPrefix, RedactedHeaders};

/// An HTTP response whose body is in memory: the status line, the headers, the extensions and
/// the body as [`Bytes`].
///
/// This is what [extractors](crate::Extract) read from. Anyone can build one (it proves nothing
/// about the status); the class types [`Success`](crate::Success),
/// [`Failure`](crate::Failure), ... that the runtime hands to per-class handlers dereference to
/// it.
///
/// ```
/// use response_handler::BufferedResponse;
///
/// let response = BufferedResponse::from(
///     http::Response::builder().status(409).header("etag", "\"v7\"").body("taken").unwrap(),
/// );
/// assert_eq!(response.status(), http::StatusCode::CONFLICT);
/// assert_eq!(response.headers()["etag"], "\"v7\"");
/// assert_eq!(response.extract::<String>().unwrap(), "taken");
/// ```
#[derive(Clone)]
pub struct BufferedResponse {
    // Declared first so that it is dropped first (fields drop in declaration order): the body's
    // drop then takes its four words straight into argument registers, and the head's drop,
    // an out-of-line call, comes last, with nothing left to keep alive across it. Head first,
    // the dispatch kept the body in callee-saved registers across that call (3 instructions
    // more per response, BENCHMARKS.md).
    body: Bytes,
    head: http::response::Parts,
}

impl BufferedResponse {
    /// Puts a response head and its body together.
    #[inline]
    pub fn from_parts(head: http::response::Parts, body: Bytes) -> Self {
        Self { head, body }
    }

    /// The status code.
    #[inline]
    pub fn status(&self) -> StatusCode {
        self.head.status
    }

    /// The HTTP version of the response.
    #[inline]
    pub fn version(&self) -> Version {
        self.head.version
    }

    /// All header lines, repeated ones included.
    #[inline]
    pub fn headers(&self) -> &HeaderMap {
        &self.head.headers
    }

    /// The response's extensions (client integrations store request details here).
    #[inline]
    pub fn extensions(&self) -> &Extensions {
        &self.head.extensions
    }

    /// The request this response answers, if a client integration (or you) recorded it.
    #[inline]
    pub fn request(&self) -> Option<&RequestContext> {
        self.head.extensions.get::<RequestContext>()
    }

    /// The body bytes, exactly as received.
    #[inline]
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// `true` when the response cannot have a body, whatever bytes followed it: a 1xx, 204 or
    /// 304 status (RFC 9110 §6.4.1), or an answer to a `HEAD` request.
    #[inline]
    pub fn is_bodiless(&self) -> bool {
        status_has_no_body(self.status()) || self.request().is_some_and(RequestContext::is_head)
    }

    /// Drops body bytes that a bodiless response (see [`is_bodiless`](Self::is_bodiless))
    /// cannot have: they are not part of this response.
    ///
    /// In place and inlined: it runs on every dispatch, and the by-value `fn(Self) -> Self` it
    /// replaces was not inlined and cost two copies of the response (~150 bytes each).
    #[inline]
    pub(crate) fn drop_impossible_body(&mut self) {
        if !self.body.is_empty() && self.is_bodiless() {
            self.body = Bytes::new();
        }
    }

    /// Splits the response into its head and body.
    #[inline]
    pub fn into_parts(self) -> (http::response::Parts, Bytes) {
        (self.head, self.body)
    }

    /// Turns it back into an `http::Response`.
    #[inline]
    pub fn into_response(self) -> http::Response<Bytes> {
        http::Response::from_parts(self.head, self.body)
    }
}

impl<B: BufferedBody> From<http::Response<B>> for BufferedResponse {
    #[inline]
    fn from(response: http::Response<B>) -> Self {
        let (head, body) = response.into_parts();
        Self::from_parts(head, body.into_bytes())
    }
}

/// Credentials and sensitive header values are redacted; the body is shown as an escaped
/// prefix.
impl core::fmt::Debug for BufferedResponse {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BufferedResponse")
            .field("status", &self.status())
            .field("version", &self.version())
            .field("headers", &RedactedHeaders(self.headers()))
            .field("body", &BodyPrefix::new(self.body(), BODY_PREFIX_LIMIT))
            .finish()
    }
}
