//! Typed headers: the HTTP semantics a status carries, as values instead of strings.
//!
//! Each type here implements [`TypedHeader`] (its header's name and how to decode it from a
//! response's header lines) and is an [`Extract`](crate::Extract)or through one shared
//! implementation, so it works as a field of a derived type, alone or as `Option<T>`:
//!
//! | type | header | typically on |
//! |---|---|---|
//! | [`Location`] | `Location`, resolved against the request URI | 201, 202, 3xx |
//! | [`Link`] | `Link` (RFC 8288), each target resolved as `Location` is | 200 lists (pagination), any |
//! | [`RetryAfter`] | `Retry-After`, `retry-after-ms`, `x-ms-retry-after-ms` | 429, 503, 3xx |
//! | [`RateLimit`] | `RateLimit`/`RateLimit-Policy`, `RateLimit-*`, `X-RateLimit-*`, `X-Rate-Limit-*`, OpenAI's `x-ratelimit-*-{kind}`, `anthropic-ratelimit-*` | 429, 2xx, 403 |
//! | [`ETag`], [`LastModified`], [`Validators`] | `ETag`, `Last-Modified` | 200, 201, 204, 304, 412 |
//! | [`Allow`] | `Allow` | 405 |
//! | [`ContentRange`], [`AcceptRanges`] | `Content-Range`, `Accept-Ranges` ([`resume_headers`] asks for the rest) | 206, 416, 200 |
//! | [`WwwAuthenticate`] | `WWW-Authenticate` | 401 |
//! | [`ContentType`] | `Content-Type` | any response with a body |
//!
//! The rules are the same for all of them: a header that is absent (or empty) is
//! [`ExtractError::MissingHeader`], so an `Option<T>` field is `None`; a header that is present
//! but malformed is [`ExtractError::InvalidHeader`], also under `Option<T>` — nothing the server
//! sent is silently dropped. No input panics.
//!
//! A server's wait, whether `Retry-After` or a rate-limit reset, is one [`Wait`]: a span or a
//! moment, as the server wrote it.
//!
//! One file per header; `syntax.rs` (tokens, quoted strings, lists) and `http_date.rs`
//! (HTTP-dates) hold the grammar several of them share, `wait.rs` the value several of them
//! hold and `parse_error.rs` the error all of them return.

mod allow;
mod content_type;
mod etag;
mod http_date;
mod last_modified;
mod link;
mod location;
pub(crate) mod parse_error;
mod range;
mod rate_limit;
mod retry_after;
mod syntax;
mod validators;
mod wait;
mod www_authenticate;

use core::str::FromStr;

use http::{HeaderMap, HeaderName, HeaderValue};

use crate::context::RequestContext;
use crate::error::ExtractError;
use crate::response::BufferedResponse;

pub use allow::Allow;
pub use content_type::ContentType;
pub use etag::ETag;
pub use last_modified::LastModified;
pub use link::{Link, LinkValue};
pub use location::Location;
pub use parse_error::ParseHeaderError;
pub use range::{AcceptRanges, ContentRange, resume_headers};
pub use rate_limit::{Limit, RateLimit, RateLimitSource, RawHeader};
pub use retry_after::RetryAfter;
pub use validators::Validators;
pub use wait::Wait;
pub use www_authenticate::{Challenge, WwwAuthenticate};

/// A header read as a typed value: its name, and how to decode it from a response's header
/// lines — the shape of hyperium/headers' `Header`, for responses.
///
/// Every typed header of this crate implements it, and reads a response the same way:
/// [`decode`](Self::decode) answers `Ok(None)` when the header is absent (no line, or only
/// empty ones) and `Err` when it is present but malformed. As a field, `Ok(None)` is
/// [`ExtractError::MissingHeader`] naming [`name`](Self::name) (so an `Option<T>` field is
/// `None`), and `Err` is [`ExtractError::InvalidHeader`] naming the header that was wrong.
///
/// A type may read several headers: [`Validators`] reads `ETag` and `Last-Modified`,
/// [`RetryAfter`] `Retry-After` and its millisecond variants, [`RateLimit`] six families; [`name`](Self::name) is then the one reported when none of them
/// is there. [`Location`] also reads the request URI, to resolve a relative value.
///
/// `decode` is the public parser of the types whose value spans several header lines or
/// headers; the one-line types also implement `FromStr`:
///
/// ```
/// use response_handler::{HeaderMap, RateLimit, TypedHeader, Validators};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("x-ratelimit-remaining", "7".parse().unwrap());
/// headers.insert("etag", "W/\"v7\"".parse().unwrap());
///
/// let limit = RateLimit::decode(&headers, None).unwrap().unwrap();
/// assert_eq!(limit.remaining(), Some(7));
/// let validators = Validators::decode(&headers, None).unwrap().unwrap();
/// assert_eq!(validators.etag.unwrap().tag(), "v7");
///
/// headers.insert("x-ratelimit-remaining", "lots".parse().unwrap());
/// let error = RateLimit::decode(&headers, None).unwrap_err();
/// assert_eq!(error.header().map(|name| name.as_str()), Some("x-ratelimit-remaining"));
/// assert_eq!(RateLimit::decode(&HeaderMap::new(), None).unwrap(), None);
/// ```
pub trait TypedHeader: Sized {
    /// The header's name; for a type read from several headers, the one named when none of
    /// them is present.
    fn name() -> &'static HeaderName;

    /// Decodes the value from the response's `headers`; `request` is what is known of the
    /// request the response answers (a relative [`Location`] is resolved against its URI).
    ///
    /// `Ok(None)` when the header is absent; an error when it is present but malformed.
    fn decode(
        headers: &HeaderMap,
        request: Option<&RequestContext>,
    ) -> Result<Option<Self>, ParseHeaderError>;
}

/// The `Extract` implementation of a typed header, `Option<T>` included.
#[inline]
pub(crate) fn extract_optional<T: TypedHeader>(
    response: &BufferedResponse,
) -> Result<Option<T>, ExtractError> {
    T::decode(response.headers(), response.request())
        .map_err(|error| into_extract_error(error, T::name()))
}

/// The extractor error for `error`: [`ExtractError::InvalidHeader`] for the header it names,
/// else for `name` (which the error then names too).
fn into_extract_error(error: ParseHeaderError, name: &HeaderName) -> ExtractError {
    let error = error.in_header(name);
    ExtractError::InvalidHeader {
        name: error.header().unwrap_or(name).clone(),
        error,
    }
}

/// The `Extract` implementation of a typed header: absent is [`ExtractError::MissingHeader`].
#[inline]
pub(crate) fn extract<T: TypedHeader>(response: &BufferedResponse) -> Result<T, ExtractError> {
    extract_optional(response)?.ok_or_else(|| ExtractError::MissingHeader(T::name().clone()))
}

/// Implements [`Extract`](crate::Extract) for typed headers, all through [`extract`] and
/// [`extract_optional`]. A macro rather than a blanket impl over `TypedHeader`: a blanket impl
/// would change the compiler's "not an extractor" message for every other type.
///
/// The `decode` implementations are `#[inline]` (except `RateLimit`'s, which is large): they are
/// thin wrappers, and called out of line they made `Retry-After: 120` take 43 ns instead of 36
/// (the `headers` bench).
macro_rules! extract_typed_headers {
    ($($header:ty),* $(,)?) => {$(
        impl crate::extract::Extract for $header {
            #[inline]
            fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
                extract(response)
            }

            #[inline]
            fn extract_optional(
                response: &BufferedResponse,
            ) -> Result<Option<Self>, ExtractError> {
                extract_optional(response)
            }
        }
    )*};
}

extract_typed_headers!(
    AcceptRanges,
    Allow,
    ContentRange,
    ContentType,
    ETag,
    LastModified,
    Link,
    Location,
    RateLimit,
    RetryAfter,
    Validators,
    WwwAuthenticate,
);

/// The first line of header `name` as text, surrounding whitespace trimmed: `None` when absent
/// or empty, an error when not UTF-8.
#[inline]
pub(crate) fn first_line<'a>(
    headers: &'a HeaderMap,
    name: &HeaderName,
) -> Result<Option<&'a str>, ParseHeaderError> {
    let Some(value) = headers.get(name) else {
        return Ok(None);
    };
    let text = syntax::trim(utf8(value, name)?);
    Ok(Some(text).filter(|text| !text.is_empty()))
}

/// The first line of header `name` read through `FromStr`: `None` when absent or empty.
#[inline]
pub(crate) fn decode_first_line<T>(
    headers: &HeaderMap,
    name: &HeaderName,
) -> Result<Option<T>, ParseHeaderError>
where
    T: FromStr<Err = ParseHeaderError>,
{
    first_line(headers, name)?
        .map(str::parse)
        .transpose()
        .map_err(|error: ParseHeaderError| error.in_header(name))
}

/// Every line of header `name` as text, trimmed, in order (a list-valued header may be split
/// over several lines): `None` when there is no line at all.
pub(crate) fn all_lines<'a>(
    headers: &'a HeaderMap,
    name: &HeaderName,
) -> Result<Option<Vec<&'a str>>, ParseHeaderError> {
    let lines = headers
        .get_all(name)
        .iter()
        .map(|value| utf8(value, name).map(str::trim))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(lines).filter(|lines| !lines.is_empty()))
}

fn utf8<'a>(value: &'a HeaderValue, name: &HeaderName) -> Result<&'a str, ParseHeaderError> {
    // Visible ASCII, nearly every value, is checked in one plain pass.
    if let Ok(text) = value.to_str() {
        return Ok(text);
    }
    core::str::from_utf8(value.as_bytes())
        .map_err(|_| ParseHeaderError::new("the value is not UTF-8").in_header(name))
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
