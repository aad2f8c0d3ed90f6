//! The one error type of the runtime, and the error extractors return.

use core::fmt;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, StatusCode, Version};

use crate::headers::parse_error::ParseHeaderError;
use crate::redact::{BODY_PREFIX_LIMIT, BodyPrefix, MESSAGE_LIMIT, RedactedHeaders, Sanitized};
use crate::response::BufferedResponse;
use crate::response::live_body::StreamUnavailable;

/// A boxed error that may cross threads: how the runtime keeps errors of other crates (a
/// client's transport error, a user-defined extractor's error), as axum and tower do.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Why an extractor could not produce its value.
///
/// Extractors return it; the derive wraps it into an [`Error`] that also says which field of
/// which variant failed and keeps the whole response. [`is_absent`](Self::is_absent) tells
/// "nothing there" (a missing header, an empty body) from "something there, but wrong": an
/// `Option<T>` field turns the first into `None` and still reports the second.
#[derive(Debug)]
#[non_exhaustive]
pub enum ExtractError {
    /// A required header is not in the response (or its value is empty).
    MissingHeader(HeaderName),
    /// A header is present but its value could not be read as the field's type.
    InvalidHeader {
        /// The header.
        name: HeaderName,
        /// Why the value was rejected ([`ParseHeaderError::reason`]; the value itself is not
        /// repeated: it may be a secret).
        error: ParseHeaderError,
    },
    /// The body is empty, and the field needs one.
    EmptyBody,
    /// The body is not valid UTF-8.
    InvalidUtf8(core::str::Utf8Error),
    /// The body is not the JSON the field expects.
    #[cfg(feature = "json")]
    Json(serde_json::Error),
    /// A field whose type is itself a `ResponseHandler` (a shared outcome type such as an
    /// `ApiFailure` enum) could not handle the response: its own error.
    Delegated(Box<Error>),
    /// A streaming field ([`BodyReader`](crate::BodyReader), `BodyStream`) found no live body
    /// it can read: another field took it, or the client's body is of the other kind (an
    /// async body for a blocking reader, or the reverse).
    StreamUnavailable(StreamUnavailable),
    /// An error from a user-defined extractor.
    Custom(BoxError),
}

impl ExtractError {
    /// An error for a user-defined extractor.
    pub fn custom(error: impl Into<BoxError>) -> Self {
        Self::Custom(error.into())
    }

    /// `true` when the value is absent (missing header, empty body) rather than malformed.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::MissingHeader(_) | Self::EmptyBody)
    }
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingHeader(name) => write!(f, "header `{name}` is missing"),
            Self::InvalidHeader { name, error } => write!(
                f,
                "header `{name}` has an invalid value: {}",
                Sanitized::new(error.reason(), MESSAGE_LIMIT)
            ),
            Self::EmptyBody => f.write_str("the body is empty"),
            Self::InvalidUtf8(error) => write!(f, "the body is not UTF-8: {error}"),
            #[cfg(feature = "json")]
            Self::Json(error) => write!(
                f,
                "the body is not the expected JSON: {}",
                Sanitized::new(error, MESSAGE_LIMIT)
            ),
            Self::Delegated(error) => {
                write!(f, "`{}` could not handle it: {error}", error.target())
            }
            Self::StreamUnavailable(why) => write!(f, "the body cannot be streamed: {why}"),
            Self::Custom(error) => fmt::Display::fmt(&Sanitized::new(error, MESSAGE_LIMIT), f),
        }
    }
}

impl std::error::Error for ExtractError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidUtf8(error) => Some(error),
            #[cfg(feature = "json")]
            Self::Json(error) => Some(error),
            Self::Custom(error) => Some(&**error),
            Self::Delegated(error) => Some(&**error),
            Self::MissingHeader(_)
            | Self::InvalidHeader { .. }
            | Self::EmptyBody
            | Self::StreamUnavailable(_) => None,
        }
    }
}

/// What went wrong, as a plain kind: `Copy`, `Eq`, cheap to compare and to match on, as
/// `std::io::ErrorKind` is. The data that goes with each kind is on the [`Error`]:
/// [`extract_error`](Error::extract_error), [`body_limit`](Error::body_limit),
/// [`transport_error`](Error::transport_error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// No variant (and no catch-all, no `#[fallback]`) handles the status.
    UnexpectedStatus,
    /// A variant matched, but one of its fields could not be extracted:
    /// [`Error::extract_error`] says why.
    Extract,
    /// The body is larger than the limit a client integration was given
    /// ([`Error::body_limit`]). The error keeps the first `limit` bytes, and nothing more was
    /// read.
    BodyTooLarge,
    /// The connection failed while the body was being read (reset, truncated, timed out):
    /// [`Error::transport_error`] is the client's error. The error keeps the status, the
    /// headers and the bytes read before the failure.
    Transport,
    /// The response was a 401 that asked for a new credential, and the
    /// [`CredentialRefresh`](crate::refresh::CredentialRefresh)'s refresher failed:
    /// [`Error::refresh_error`] is its error. The error keeps the 401's status, headers and
    /// body; the request was not sent again.
    Refresh,
}

// The value rustdoc shows above is the one `BufferedResponse`'s `Debug` uses too.
const _: () = assert!(Error::DISPLAY_BODY_PREFIX == BODY_PREFIX_LIMIT);

/// What went wrong, with its data: the private side of [`ErrorKind`].
#[derive(Debug)]
// Only the client integrations read bodies, and so only they report a body's failure.
#[cfg_attr(not(any(feature = "body", feature = "__client")), allow(dead_code))]
pub(crate) enum Cause {
    UnexpectedStatus,
    Extract(ExtractError),
    BodyTooLarge { limit: usize },
    Transport(BoxError),
    Refresh(BoxError),
}

impl Cause {
    fn kind(&self) -> ErrorKind {
        match self {
            Cause::UnexpectedStatus => ErrorKind::UnexpectedStatus,
            Cause::Extract(_) => ErrorKind::Extract,
            Cause::BodyTooLarge { .. } => ErrorKind::BodyTooLarge,
            Cause::Transport(_) => ErrorKind::Transport,
            Cause::Refresh(_) => ErrorKind::Refresh,
        }
    }
}

/// The error of [`ResponseHandler`](crate::ResponseHandler): what went wrong, where, and the
/// whole response that caused it.
///
/// Nothing the server sent is lost: [`status`](Self::status), [`headers`](Self::headers),
/// [`version`](Self::version) and [`body`](Self::body) give it back, and
/// [`into_response`](Self::into_response) returns it whole. The body is kept as the [`Bytes`]
/// that were handed in (no copy); its size is bounded by whoever read it — a client
/// integration's body limit, or the buffer you passed to `from_response`.
///
/// `Display` names the status and its reason, the type, variant and field, the cause, and up to
/// [`Error::DISPLAY_BODY_PREFIX`] bytes of the body, escaped. The cause may quote the body
/// (serde_json's "unknown variant `...`" does): it is cut after 1024 characters, with control
/// characters and bidirectional overrides escaped, so no response can put a terminal escape
/// sequence or a megabyte into a log line. `Debug` and `Display` never print the values of
/// `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie` or of headers marked
/// [sensitive](http::HeaderValue::is_sensitive).
///
/// ```
/// use response_handler::{ResponseHandler, ErrorKind};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Ping {
///     #[on_success]
///     Pong,
/// }
///
/// let teapot = http::Response::builder().status(418).body("short and stout").unwrap();
/// let error = Ping::from_response(teapot).unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::UnexpectedStatus);
/// assert_eq!(error.status(), 418);
/// assert_eq!(error.body().as_ref(), b"short and stout");
/// assert!(error.to_string().starts_with("unexpected status 418 I'm a teapot for `"));
/// ```
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    cause: Cause,
    target: &'static str,
    site: Option<Site>,
    response: BufferedResponse,
}

/// Where in the derived type an extraction failed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Site {
    pub(crate) variant: Option<&'static str>,
    pub(crate) field: &'static str,
}

impl Error {
    /// How many body bytes `Display` shows at most: 128.
    pub const DISPLAY_BODY_PREFIX: usize = 128;

    /// The error for a status that `T` does not handle; keeps the response.
    pub fn unexpected_status<T: ?Sized>(response: impl Into<BufferedResponse>) -> Self {
        Self::new(
            Cause::UnexpectedStatus,
            core::any::type_name::<T>(),
            None,
            response.into(),
        )
    }

    /// The error for an extractor that failed on `response` while building a `T`.
    pub fn extract<T: ?Sized>(error: ExtractError, response: impl Into<BufferedResponse>) -> Self {
        Self::new(
            Cause::Extract(error),
            core::any::type_name::<T>(),
            None,
            response.into(),
        )
    }

    /// The error for a 401 whose credential could not be refreshed, on the way to a `T`:
    /// keeps the 401 and the refresher's error.
    #[cfg_attr(not(feature = "__client"), allow(dead_code))]
    pub(crate) fn refresh<T: ?Sized>(error: BoxError, response: BufferedResponse) -> Self {
        Self::new(
            Cause::Refresh(error),
            core::any::type_name::<T>(),
            None,
            response,
        )
    }

    pub(crate) fn new(
        cause: Cause,
        target: &'static str,
        site: Option<Site>,
        response: BufferedResponse,
    ) -> Self {
        Self {
            inner: Box::new(Inner {
                cause,
                target,
                site,
                response,
            }),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.inner.cause.kind()
    }

    /// `true` for [`ErrorKind::UnexpectedStatus`].
    pub fn is_unexpected_status(&self) -> bool {
        matches!(self.inner.cause, Cause::UnexpectedStatus)
    }

    /// The extractor's error, for [`ErrorKind::Extract`].
    pub fn extract_error(&self) -> Option<&ExtractError> {
        match &self.inner.cause {
            Cause::Extract(error) => Some(error),
            _ => None,
        }
    }

    /// The limit the body went over, for [`ErrorKind::BodyTooLarge`].
    pub fn body_limit(&self) -> Option<usize> {
        match self.inner.cause {
            Cause::BodyTooLarge { limit } => Some(limit),
            _ => None,
        }
    }

    /// The client's error for a body that failed mid-way, for [`ErrorKind::Transport`].
    pub fn transport_error(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        match &self.inner.cause {
            Cause::Transport(error) => Some(&**error),
            _ => None,
        }
    }

    /// The refresher's error, for [`ErrorKind::Refresh`].
    pub fn refresh_error(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        match &self.inner.cause {
            Cause::Refresh(error) => Some(&**error),
            _ => None,
        }
    }

    /// The Rust type the response was to become (its `type_name`).
    pub fn target(&self) -> &'static str {
        self.inner.target
    }

    /// The variant whose field failed, for an extraction error in an enum.
    pub fn variant(&self) -> Option<&'static str> {
        self.inner.site.and_then(|site| site.variant)
    }

    /// The field that failed (its name, or its index for tuple fields).
    pub fn field(&self) -> Option<&'static str> {
        self.inner.site.map(|site| site.field)
    }

    /// The status that arrived.
    pub fn status(&self) -> StatusCode {
        self.inner.response.status()
    }

    /// The HTTP version that arrived.
    pub fn version(&self) -> Version {
        self.inner.response.version()
    }

    /// The headers that arrived, all of them.
    pub fn headers(&self) -> &HeaderMap {
        self.inner.response.headers()
    }

    /// The body that arrived, all of it.
    pub fn body(&self) -> &Bytes {
        self.inner.response.body()
    }

    /// The response that caused the error.
    pub fn response(&self) -> &BufferedResponse {
        &self.inner.response
    }

    /// Gives the response back, whole.
    pub fn into_response(self) -> BufferedResponse {
        self.inner.response
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.status();
        let reason = status.canonical_reason().unwrap_or("(no standard reason)");
        let target = self.inner.target;
        match &self.inner.cause {
            Cause::UnexpectedStatus => {
                write!(
                    f,
                    "unexpected status {} {reason} for `{target}`: nothing handles it",
                    status.as_u16()
                )?;
            }
            Cause::Extract(error) => {
                write!(f, "{} {reason}: cannot extract ", status.as_u16())?;
                match self.inner.site {
                    Some(Site {
                        variant: Some(variant),
                        field,
                    }) => write!(f, "field `{field}` of `{target}::{variant}`")?,
                    Some(Site {
                        variant: None,
                        field,
                    }) => write!(f, "field `{field}` of `{target}`")?,
                    None => write!(f, "`{target}`")?,
                }
                write!(f, ": {error}")?;
            }
            Cause::BodyTooLarge { limit } => write!(
                f,
                "{} {reason}: the body is larger than the limit of {limit} bytes (the first {limit} are kept); \
                 read it as it arrives with a `BodyReader` field (blocking clients) or a `BodyStream` field (async clients), \
                 or raise the limit with `CallOptions::body_limit`",
                status.as_u16()
            )?,
            Cause::Transport(error) => write!(
                f,
                "{} {reason}: reading the body failed after {} bytes: {}",
                status.as_u16(),
                self.body().len(),
                Sanitized::new(error, MESSAGE_LIMIT)
            )?,
            Cause::Refresh(error) => write!(
                f,
                "{} {reason}: the credential could not be refreshed: {}",
                status.as_u16(),
                Sanitized::new(error, MESSAGE_LIMIT)
            )?,
        }
        write!(
            f,
            "; body: {}",
            BodyPrefix::new(self.body(), Self::DISPLAY_BODY_PREFIX)
        )
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Error");
        debug
            .field(
                "kind",
                &Sanitized::new(&self.inner.cause, 4 * MESSAGE_LIMIT),
            )
            .field("target", &self.inner.target);
        if let Some(site) = &self.inner.site {
            debug
                .field("variant", &site.variant)
                .field("field", &site.field);
        }
        debug
            .field("status", &self.status())
            .field("version", &self.version())
            .field("headers", &RedactedHeaders(self.headers()))
            .field(
                "body",
                &BodyPrefix::new(self.body(), Self::DISPLAY_BODY_PREFIX),
            )
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner.cause {
            Cause::Extract(error) => Some(error),
            Cause::Transport(error) | Cause::Refresh(error) => Some(&**error),
            Cause::UnexpectedStatus | Cause::BodyTooLarge { .. } => None,
        }
    }
}

/// The error for a status that no variant of `T` handles: what the per-class defaults of
/// `ResponseHandler` and the derive return. Cold and out of line: inlined into the dispatch,
/// its arguments needed a stack frame that every path paid for (CHANGELOG.md).
#[cold]
pub fn unexpected_status<T>(response: impl Into<BufferedResponse>) -> Result<T, Error> {
    Err(Error::unexpected_status::<T>(response))
}

/// [`field_error`] for the last field of a variant, whose read (`Extract::__extract_last`) took
/// the response and hands it back with the error.
#[cold]
pub fn owned_field_error<T>(
    failed: (ExtractError, BufferedResponse),
    variant: &'static str,
    field: &'static str,
) -> Result<T, Error> {
    let (error, response) = failed;
    field_error(response, error, variant, field)
}

/// The error for a field of `T` that could not be extracted (what the derive returns); takes
/// the response over, so that nothing the server sent is lost. `variant` is the variant's name,
/// or `""` for a struct (no identifier is empty).
#[cold]
pub fn field_error<T>(
    response: BufferedResponse,
    error: ExtractError,
    variant: &'static str,
    field: &'static str,
) -> Result<T, Error> {
    let variant = (!variant.is_empty()).then_some(variant);
    let site = Site { variant, field };
    let target = core::any::type_name::<T>();
    Err(Error::new(
        Cause::Extract(error),
        target,
        Some(site),
        response,
    ))
}
