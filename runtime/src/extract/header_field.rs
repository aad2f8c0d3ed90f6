//! One header by name: what a `#[header("name")]` field reads.

use core::fmt::Display;
use core::str::FromStr;

use http::HeaderName;

use crate::error::ExtractError;
use crate::headers::ParseHeaderError;
use crate::response::BufferedResponse;

/// Reads header `name` as a `T` through `FromStr` (the first line if it is repeated).
///
/// The value must be UTF-8; an absent or empty value is [`ExtractError::MissingHeader`]. This
/// is what a `#[header("name")] field: T` reads; `T` is typically `String`, `HeaderValue`, an
/// integer, or any type with `FromStr`.
///
/// ```
/// use response_handler::{header, BufferedResponse};
///
/// let response = BufferedResponse::from(
///     http::Response::builder().header("x-count", "12").body(()).unwrap(),
/// );
/// let count: u32 = header(&response, &http::HeaderName::from_static("x-count")).unwrap();
/// assert_eq!(count, 12);
/// ```
pub fn header<T>(response: &BufferedResponse, name: &HeaderName) -> Result<T, ExtractError>
where
    T: FromStr,
    T::Err: Display,
{
    optional_header(response, name)?.ok_or_else(|| ExtractError::MissingHeader(name.clone()))
}

/// Like [`header`], but `None` when the header is absent or empty.
pub fn optional_header<T>(
    response: &BufferedResponse,
    name: &HeaderName,
) -> Result<Option<T>, ExtractError>
where
    T: FromStr,
    T::Err: Display,
{
    let Some(value) = response.headers().get(name) else {
        return Ok(None);
    };
    if value.is_empty() {
        return Ok(None);
    }
    let invalid = |reason: String| ExtractError::InvalidHeader {
        name: name.clone(),
        error: ParseHeaderError::new(reason).in_header(name),
    };
    let text = core::str::from_utf8(value.as_bytes())
        .map_err(|error| invalid(format!("not UTF-8 ({error})")))?;
    // `T::Err` is the field type's own message and may repeat the value: never for a secret.
    let secret = crate::redact::is_secret(name, value);
    text.parse().map(Some).map_err(|error: T::Err| {
        invalid(if secret {
            "the field type's `FromStr` refused it (its message is not shown: the header is a credential)".to_owned()
        } else {
            error.to_string()
        })
    })
}
