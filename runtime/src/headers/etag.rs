//! `ETag` (RFC 9110 §8.8.3): an opaque version of a representation, for 304 revalidation and
//! 412 lost-update checks.

use core::fmt;
use core::str::FromStr;

use http::header::ETAG;
use http::{HeaderMap, HeaderName, HeaderValue};

use super::{InvalidHeaderValue, TypedHeader, decode_first_line};
use crate::context::RequestContext;

/// An entity tag (`ETag`): an opaque version of the representation, strong (`"v7"`) or weak
/// (`W/"v7"`).
///
/// Comparisons follow RFC 9110 §8.8.3.2: [`strong_eq`](Self::strong_eq) (both strong, same
/// tag) is what `If-Match` uses, so a weak tag never matches `If-Match`;
/// [`weak_eq`](Self::weak_eq) (same tag, weakness ignored) is what `If-None-Match` uses.
///
/// An unquoted value, a list, or a tag with a `"` or a control character inside is
/// [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader); read the raw text with
/// `#[header("etag")] String` when a server gets it wrong.
///
/// ```
/// use response_handler::ETag;
///
/// let strong: ETag = "\"xyzzy\"".parse().unwrap();
/// let weak: ETag = "W/\"xyzzy\"".parse().unwrap();
/// assert!(weak.is_weak() && !strong.is_weak());
/// assert_eq!(weak.tag(), "xyzzy");
/// assert!(strong.weak_eq(&weak));
/// assert!(!strong.strong_eq(&weak));
/// assert_eq!(weak.to_string(), "W/\"xyzzy\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ETag {
    weak: bool,
    tag: String,
}

impl ETag {
    /// A strong tag; `None` if `tag` contains a `"`, a control character or whitespace.
    pub fn strong(tag: impl Into<String>) -> Option<Self> {
        Self::new(false, tag.into())
    }

    /// A weak tag; `None` if `tag` contains a `"`, a control character or whitespace.
    pub fn weak(tag: impl Into<String>) -> Option<Self> {
        Self::new(true, tag.into())
    }

    fn new(weak: bool, tag: String) -> Option<Self> {
        tag.chars().all(is_etagc).then_some(Self { weak, tag })
    }

    /// `true` for a weak tag (`W/"..."`).
    pub fn is_weak(&self) -> bool {
        self.weak
    }

    /// The opaque tag, without quotes and `W/`.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Strong comparison: both strong and the same tag. `If-Match` and `If-Range` use it.
    pub fn strong_eq(&self, other: &ETag) -> bool {
        !self.weak && !other.weak && self.tag == other.tag
    }

    /// Weak comparison: the same tag, strong or weak. `If-None-Match` uses it.
    pub fn weak_eq(&self, other: &ETag) -> bool {
        self.tag == other.tag
    }

    /// The tag as a header value, quoted, `W/` included.
    pub fn to_header_value(&self) -> Option<HeaderValue> {
        HeaderValue::from_str(&self.to_string()).ok()
    }
}

/// `etagc` (RFC 9110 §8.8.3): visible ASCII except `"`, and obs-text.
fn is_etagc(c: char) -> bool {
    (c.is_ascii_graphic() && c != '"') || !c.is_ascii()
}

impl fmt::Display for ETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.weak {
            f.write_str("W/")?;
        }
        write!(f, "\"{}\"", self.tag)
    }
}

impl FromStr for ETag {
    type Err = InvalidHeaderValue;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let value = value.trim();
        let (weak, quoted) = match value.strip_prefix("W/") {
            Some(rest) => (true, rest),
            None => (false, value),
        };
        let Some(tag) = quoted
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
        else {
            return Err(InvalidHeaderValue::new(
                "an entity tag must be quoted, as in \"v7\" or W/\"v7\"",
            ));
        };
        Self::new(weak, tag.to_owned()).ok_or_else(|| {
            InvalidHeaderValue::new(
                "an entity tag may not contain a quote, whitespace or a control character \
                 (is it a list?)",
            )
        })
    }
}

impl TypedHeader for ETag {
    fn name() -> &'static HeaderName {
        &ETAG
    }

    /// The first `ETag` line, through `FromStr`.
    #[inline]
    fn decode(
        headers: &HeaderMap,
        _: Option<&RequestContext>,
    ) -> Result<Option<Self>, InvalidHeaderValue> {
        decode_first_line(headers, &ETAG)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn real_world_entity_tags() {
        for (value, weak, tag) in [
            // RFC 9110 §8.8.3 examples.
            ("\"xyzzy\"", false, "xyzzy"),
            ("W/\"xyzzy\"", true, "xyzzy"),
            ("\"\"", false, ""),
            // GitHub REST API.
            (
                "W/\"7dc470913f1fe9bb6c7355b50a0737bc\"",
                true,
                "7dc470913f1fe9bb6c7355b50a0737bc",
            ),
            // Amazon S3 multipart upload.
            (
                "\"d41d8cd98f00b204e9800998ecf8427e-2\"",
                false,
                "d41d8cd98f00b204e9800998ecf8427e-2",
            ),
            // nginx static files.
            ("\"5e8a7a4d-264\"", false, "5e8a7a4d-264"),
        ] {
            let etag: ETag = value.parse().unwrap();
            assert_eq!((etag.is_weak(), etag.tag()), (weak, tag), "{value}");
            assert_eq!(etag.to_string(), value);
        }
    }

    #[test]
    fn rfc_9110_comparison_table() {
        // §8.8.3.2: W/"1" W/"1" no/yes; W/"1" W/"2" no/no; W/"1" "1" no/yes; "1" "1" yes/yes.
        let tag = |value: &str| value.parse::<ETag>().unwrap();
        for (a, b, strong, weak) in [
            ("W/\"1\"", "W/\"1\"", false, true),
            ("W/\"1\"", "W/\"2\"", false, false),
            ("W/\"1\"", "\"1\"", false, true),
            ("\"1\"", "\"1\"", true, true),
        ] {
            assert_eq!(tag(a).strong_eq(&tag(b)), strong, "{a} {b}");
            assert_eq!(tag(a).weak_eq(&tag(b)), weak, "{a} {b}");
        }
    }

    #[test]
    fn malformed_entity_tags() {
        for value in [
            "xyzzy",
            "W/xyzzy",
            "\"unterminated",
            "w/\"lowercase-w\"",
            "\"a\", \"b\"",
            "\"in\"side\"",
            "\"with space\"",
            "W/ \"space-after-slash\"",
        ] {
            assert!(value.parse::<ETag>().is_err(), "{value}");
        }
        assert!(ETag::strong("a\"b").is_none());
        assert_eq!(ETag::weak("v1").unwrap().to_string(), "W/\"v1\"");
    }
}
