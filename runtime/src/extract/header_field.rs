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

/// How a `#[header("name")]` field is read: `<T as HeaderFromStr>::header(..)`. A bound of its
/// own, so that a field type that is not `FromStr` gets this message rather than rustc's list
/// of every `FromStr` type. One trait for every derived type (declared per type, it cost each
/// type a trait, a blanket impl and their coherence check: about 8 % of building 500 derived
/// enums). Not a public API.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from one header: a `#[header(\"name\")]` field's type must implement `FromStr`",
    label = "not `FromStr`",
    note = "use `String`, `HeaderValue`, an integer such as `u64`, or a type of yours that implements `FromStr`; a typed header such as `RetryAfter` or `ContentType` reads its own header: remove `#[header(...)]` and keep the field"
)]
pub trait HeaderFromStr: Sized {
    /// [`header`].
    fn header(response: &BufferedResponse, name: &HeaderName) -> Result<Self, ExtractError>;
    /// [`optional_header`].
    fn optional_header(
        response: &BufferedResponse,
        name: &HeaderName,
    ) -> Result<Option<Self>, ExtractError>;
}

#[diagnostic::do_not_recommend]
impl<T> HeaderFromStr for T
where
    T: FromStr,
    T::Err: Display,
{
    #[inline]
    fn header(response: &BufferedResponse, name: &HeaderName) -> Result<Self, ExtractError> {
        header::<T>(response, name)
    }

    #[inline]
    fn optional_header(
        response: &BufferedResponse,
        name: &HeaderName,
    ) -> Result<Option<Self>, ExtractError> {
        optional_header::<T>(response, name)
    }
}
