//! Typed headers: the HTTP semantics a status carries, as values instead of strings.
//!
//! Each type here is an [`Extract`](crate::Extract)or, so it works as a field of a derived type,
//! alone or as `Option<T>`:
//!
//! | type | header | typically on |
//! |---|---|---|
//! | [`Location`] | `Location`, resolved against the request URI | 201, 202, 3xx |
//! | [`RetryAfter`] | `Retry-After` | 429, 503, 3xx |
//! | [`RateLimit`] | `RateLimit`/`RateLimit-Policy`, `RateLimit-*`, `X-RateLimit-*`, `X-Rate-Limit-*` | 429, 2xx, 403 |
//! | [`ETag`], [`LastModified`], [`Validators`] | `ETag`, `Last-Modified` | 200, 201, 204, 304, 412 |
//! | [`Allow`] | `Allow` | 405 |
//! | [`WwwAuthenticate`] | `WWW-Authenticate` | 401 |
//! | [`ContentType`] | `Content-Type` | any response with a body |
//!
//! The rules are the same for all of them: a header that is absent (or empty) is
//! [`ExtractError::MissingHeader`], so an `Option<T>` field is `None`; a header that is present
//! but malformed is [`ExtractError::InvalidHeader`], also under `Option<T>` — nothing the server
//! sent is silently dropped. No input panics.

mod allow;
mod content_type;
mod location;
mod rate_limit;
mod retry_after;
mod syntax;
mod validators;
mod www_authenticate;

use core::fmt;

use http::HeaderName;

use crate::error::ExtractError;
use crate::response::BufferedResponse;

pub use allow::Allow;
pub use content_type::ContentType;
pub use location::Location;
pub use rate_limit::{RateLimit, RateLimitReset, RateLimitSource};
pub use retry_after::RetryAfter;
pub use validators::{ETag, LastModified, Validators};
pub use www_authenticate::{Challenge, WwwAuthenticate};

/// Why a header value could not be parsed: the `FromStr` error of the typed headers.
///
/// The message says what is wrong without repeating the value (it may be a secret).
///
/// ```
/// use response_handler::ETag;
///
/// let error = "v7".parse::<ETag>().unwrap_err();
/// assert_eq!(error.to_string(), "an entity tag must be quoted, as in \"v7\" or W/\"v7\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidHeaderValue {
    reason: String,
}

impl InvalidHeaderValue {
    pub(crate) fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
        }
    }

    /// Turns it into the extractor error for header `name`.
    pub(crate) fn for_header(self, name: &HeaderName) -> ExtractError {
        ExtractError::InvalidHeader {
            name: name.clone(),
            reason: self.reason,
        }
    }
}

impl fmt::Display for InvalidHeaderValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for InvalidHeaderValue {}

/// The first line of header `name` as text: [`ExtractError::MissingHeader`] when absent or
/// empty, [`ExtractError::InvalidHeader`] when not UTF-8. Surrounding whitespace is trimmed.
pub(crate) fn first_value<'a>(
    response: &'a BufferedResponse,
    name: &HeaderName,
) -> Result<&'a str, ExtractError> {
    let Some(value) = response.headers().get(name) else {
        return Err(ExtractError::MissingHeader(name.clone()));
    };
    let text = utf8(value, name)?.trim();
    if text.is_empty() {
        return Err(ExtractError::MissingHeader(name.clone()));
    }
    Ok(text)
}

/// Every line of header `name` as text, in order (a list-valued header may be split over
/// several lines). [`ExtractError::MissingHeader`] when there is no line at all.
pub(crate) fn all_values<'a>(
    response: &'a BufferedResponse,
    name: &HeaderName,
) -> Result<Vec<&'a str>, ExtractError> {
    let lines = response
        .headers()
        .get_all(name)
        .iter()
        .map(|value| utf8(value, name).map(str::trim))
        .collect::<Result<Vec<_>, _>>()?;
    if lines.is_empty() {
        return Err(ExtractError::MissingHeader(name.clone()));
    }
    Ok(lines)
}

fn utf8<'a>(value: &'a http::HeaderValue, name: &HeaderName) -> Result<&'a str, ExtractError> {
    core::str::from_utf8(value.as_bytes())
        .map_err(|_| InvalidHeaderValue::new("the value is not UTF-8").for_header(name))
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::response::BufferedResponse;

    /// A response with these header lines (values as raw bytes) and no body.
    pub fn with_headers(headers: &[(&str, &str)]) -> BufferedResponse {
        let mut builder = http::Response::builder().status(200);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        BufferedResponse::from(builder.body(()).unwrap_or_default())
    }
}
