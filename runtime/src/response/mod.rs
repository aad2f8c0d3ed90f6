//! The buffered response every extractor reads from, and its body: what a status needs of it
//! (`body_need.rs`), a response type whose body is in memory (`buffered_body.rs`), and a body
//! handed over live to a streaming field (`live_body.rs`).

pub(crate) mod body_need;
pub(crate) mod buffered_body;
pub(crate) mod live_body;

use bytes::Bytes;
use http::{Extensions, HeaderMap, StatusCode, Version};

use crate::context::RequestContext;
use crate::redact::{BODY_PREFIX_LIMIT, BodyPrefix, RedactedHeaders};
use crate::response::buffered_body::BufferedBody;
use crate::response::live_body::LiveBody;
use crate::status_class::status_has_no_body;

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
    // One `http::Response<Bytes>` rather than its head and body side by side: an
    // `http::Response<Bytes>` then becomes a `BufferedResponse` (and a class proof) in one
    // move of the whole value, which LLVM can elide, dispatching on the caller's memory
    // instead of a copy of it (CHANGELOG.md). Head and body as two fields, the
    // conversion was two copies, and LLVM kept a copy of the 144-byte response in every
    // dispatch.
    inner: http::Response<Bytes>,
}

impl BufferedResponse {
    /// Puts a response head and its body together.
    #[inline]
    pub fn from_parts(head: http::response::Parts, body: Bytes) -> Self {
        Self {
            inner: http::Response::from_parts(head, body),
        }
    }

    /// The status code.
    #[inline]
    pub fn status(&self) -> StatusCode {
        self.inner.status()
    }

    /// The HTTP version of the response.
    #[inline]
    pub fn version(&self) -> Version {
        self.inner.version()
    }

    /// All header lines, repeated ones included.
    #[inline]
    pub fn headers(&self) -> &HeaderMap {
        self.inner.headers()
    }

    /// The response's extensions (client integrations store request details here).
    #[inline]
    pub fn extensions(&self) -> &Extensions {
        self.inner.extensions()
    }

    /// The request this response answers, if a client integration (or you) recorded it.
    #[inline]
    pub fn request(&self) -> Option<&RequestContext> {
        self.inner.extensions().get::<RequestContext>()
    }

    /// The body bytes, exactly as received.
    #[inline]
    pub fn body(&self) -> &Bytes {
        self.inner.body()
    }

    /// `true` when the response cannot have a body, whatever bytes followed it: a 1xx, 204 or
    /// 304 status (RFC 9110 §6.4.1), or an answer to a `HEAD` request.
    #[inline]
    pub fn is_bodiless(&self) -> bool {
        is_bodiless(&self.inner)
    }

    /// Drops body bytes that a bodiless response (see [`is_bodiless`](Self::is_bodiless))
    /// cannot have: they are not part of this response.
    ///
    /// For [`classify`](crate::classify). The dispatch of `ResponseHandler` only reads the
    /// response ([`has_impossible_body`]) and sends the rare response that has such bytes down
    /// a cold path: a write on its hot path made LLVM copy the response (CHANGELOG.md).
    #[inline]
    pub(crate) fn drop_impossible_body(&mut self) {
        if self.has_impossible_body() {
            *self.inner.body_mut() = Bytes::new();
        }
    }

    /// `true` when the body holds bytes that the response cannot have (see
    /// [`is_bodiless`](Self::is_bodiless)).
    #[inline]
    pub(crate) fn has_impossible_body(&self) -> bool {
        has_impossible_body(&self.inner)
    }

    /// Wraps a response whose body is already [`Bytes`]: a move of the whole value, no split.
    #[inline(always)]
    pub(crate) fn from_bytes_response(inner: http::Response<Bytes>) -> Self {
        Self { inner }
    }

    /// Splits the response into its head and body.
    #[inline]
    pub fn into_parts(self) -> (http::response::Parts, Bytes) {
        self.inner.into_parts()
    }

    /// Turns it back into an `http::Response`.
    #[inline]
    pub fn into_response(self) -> http::Response<Bytes> {
        self.inner
    }
}

/// [`BufferedResponse::is_bodiless`], for the `http::Response` it wraps.
#[inline]
fn is_bodiless(response: &http::Response<Bytes>) -> bool {
    status_has_no_body(response.status())
        || (!response.extensions().is_empty() && answers_head(response.extensions()))
}

/// Does `extensions` record a `HEAD` request? Out of line: the map lookup inlined into every
/// dispatch took registers that the whole dispatch then had to save and restore.
#[inline(never)]
fn answers_head(extensions: &Extensions) -> bool {
    extensions
        .get::<RequestContext>()
        .is_some_and(RequestContext::is_head)
}

/// `true` when the body holds bytes that the response cannot have (see
/// [`BufferedResponse::is_bodiless`]).
#[inline]
pub(crate) fn has_impossible_body(response: &http::Response<Bytes>) -> bool {
    !response.body().is_empty() && is_bodiless(response)
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
        let mut debug = f.debug_struct("BufferedResponse");
        debug
            .field("status", &self.status())
            .field("version", &self.version())
            .field("headers", &RedactedHeaders(self.headers()));
        if LiveBody::is_waiting(self.extensions()) {
            // A streaming field's live body that nothing has taken yet (an error came first).
            debug.field("body", &format_args!("(live, not read)"));
        } else {
            debug.field("body", &BodyPrefix::new(self.body(), BODY_PREFIX_LIMIT));
        }
        debug.finish()
    }
}
