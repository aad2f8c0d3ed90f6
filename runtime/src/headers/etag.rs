//! `ETag` (RFC 9110 §8.8.3): an opaque version of a representation, for 304 revalidation and
//! 412 lost-update checks.

use core::fmt;
use core::str::FromStr;

use http::header::ETAG;
use http::{HeaderMap, HeaderName, HeaderValue};

use super::{ParseHeaderError, TypedHeader, first_line};
use crate::context::RequestContext;

/// An entity tag (`ETag`): an opaque version of the representation, strong (`"v7"`) or weak
/// (`W/"v7"`).
///
/// Comparisons follow RFC 9110 §8.8.3.2: [`strong_eq`](Self::strong_eq) (both strong, same
/// tag) is what `If-Match` uses, so a weak tag never matches `If-Match`;
/// [`weak_eq`](Self::weak_eq) (same tag, weakness ignored) is what `If-None-Match` uses.
///
/// # What it reads
///
/// By default (`FromStr`, and as a field) it reads what servers send, not only what RFC 9110
/// §8.8.3 allows, because the value is only ever echoed back to the server that made it:
///
/// - an unquoted tag (`ETag: 5e8a7a4d-264`, as some servers and CDNs send it) is a strong tag
///   with that text;
/// - a lowercase weak prefix (`w/"v7"`) is weak, as Chromium reads it
///   (`HttpUtil::HasStrongValidators` compares the `W` ignoring case);
/// - the value is kept verbatim: read from a response, an `ETag` keeps the very
///   [`HeaderValue`] it was read from, and [`to_header_value`](Self::to_header_value) gives it
///   back, byte for byte (as does [`Display`](core::fmt::Display)), so `If-None-Match`/`If-Match`
///   carry what the server sent, as browsers send it back (the Fetch standard's HTTP cache copies
///   the stored `ETag` into `If-None-Match` unchanged).
///
/// It still rejects, with [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader),
/// what is no single tag: a list (`"a", "b"`), whitespace, a control character or a `"` inside
/// the tag, a lone `W/`. [`parse_strict`](Self::parse_strict) reads the RFC grammar only
/// (quoted, uppercase `W/`), for a caller that must refuse anything else.
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
///
/// // What servers send in practice: read, and echoed back byte for byte.
/// let unquoted: ETag = "5e8a7a4d-264".parse().unwrap();
/// assert_eq!((unquoted.is_weak(), unquoted.tag()), (false, "5e8a7a4d-264"));
/// assert_eq!(unquoted.to_header_value(), "5e8a7a4d-264");
/// let lower: ETag = "w/\"v7\"".parse().unwrap();
/// assert!(lower.is_weak() && lower.tag() == "v7");
/// assert_eq!(lower.to_string(), "w/\"v7\"");
/// assert!(ETag::parse_strict("5e8a7a4d-264").is_err());
/// ```
///
/// Equality and hashing are by value: two `ETag`s are equal when their text is (`"v7"` and
/// `W/"v7"` are not); [`strong_eq`](Self::strong_eq) and [`weak_eq`](Self::weak_eq) are the
/// RFC's comparisons.
#[derive(Debug, Clone)]
pub struct ETag {
    weak: bool,
    tag: String,
    /// The value as received, surrounding whitespace trimmed (or, when built by
    /// [`ETag::strong`]/[`ETag::weak`], as written).
    raw: String,
    /// `raw` as a header value: the received one itself when it had nothing to trim, so that
    /// echoing it back costs a reference count, not a copy.
    value: HeaderValue,
}

// By hand rather than derived, so that `value` (the same bytes as `raw`) plays no part, and
// `HeaderValue`'s `is_sensitive` flag cannot make two equal tags differ.
impl PartialEq for ETag {
    fn eq(&self, other: &Self) -> bool {
        (self.weak, &self.tag, &self.raw) == (other.weak, &other.tag, &other.raw)
    }
}

impl Eq for ETag {}

impl core::hash::Hash for ETag {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        (self.weak, &self.tag, &self.raw).hash(state);
    }
}

impl ETag {
    /// A strong tag, written `"tag"`; `None` if `tag` contains a `"`, a control character or
    /// whitespace (what no header value, or no single entity tag, can hold).
    pub fn strong(tag: impl Into<String>) -> Option<Self> {
        Self::canonical(false, tag.into())
    }

    /// A weak tag, written `W/"tag"`; `None` as for [`strong`](Self::strong).
    pub fn weak(tag: impl Into<String>) -> Option<Self> {
        Self::canonical(true, tag.into())
    }

    fn canonical(weak: bool, tag: String) -> Option<Self> {
        if !tag.chars().all(is_etagc) {
            return None;
        }
        let raw = format!("{}\"{tag}\"", if weak { "W/" } else { "" });
        let value = header_value(&raw).ok()?;
        Some(Self {
            weak,
            tag,
            raw,
            value,
        })
    }

    /// Reads `value` by RFC 9110 §8.8.3's grammar only: `"tag"` or `W/"tag"`, quoted, with an
    /// uppercase `W`. `FromStr` is the lenient reading (see [`ETag`]).
    pub fn parse_strict(value: &str) -> Result<Self, ParseHeaderError> {
        let value = value.trim();
        let (weak, quoted) = match value.strip_prefix("W/") {
            Some(rest) => (true, rest),
            None => (false, value),
        };
        let Some(tag) = unquote(quoted) else {
            return Err(ParseHeaderError::new(
                "an entity tag must be quoted, as in \"v7\" or W/\"v7\"",
            ));
        };
        Self::canonical(weak, tag.to_owned()).ok_or_else(not_one_tag)
    }

    /// `true` for a weak tag (`W/"..."`).
    pub fn is_weak(&self) -> bool {
        self.weak
    }

    /// The opaque tag, without quotes and `W/`.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The value exactly as the server sent it (surrounding whitespace trimmed): what
    /// [`Display`](core::fmt::Display) and [`to_header_value`](Self::to_header_value) write.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// Strong comparison: both strong and the same tag. `If-Match` and `If-Range` use it.
    pub fn strong_eq(&self, other: &ETag) -> bool {
        !self.weak && !other.weak && self.tag == other.tag
    }

    /// Weak comparison: the same tag, strong or weak. `If-None-Match` uses it.
    pub fn weak_eq(&self, other: &ETag) -> bool {
        self.tag == other.tag
    }

    /// The value as a header value, verbatim: for `If-None-Match` and `If-Match`. Read from a
    /// response, it is the header value received, byte for byte; built by
    /// [`strong`](Self::strong) or [`weak`](Self::weak), `"tag"` or `W/"tag"`. Cheap: a
    /// `HeaderValue` clone.
    pub fn to_header_value(&self) -> HeaderValue {
        self.value.clone()
    }

    /// The lenient reading of `raw` (trimmed), keeping `received` as the value when it is the
    /// same bytes.
    fn lenient(raw: &str, received: Option<&HeaderValue>) -> Result<Self, ParseHeaderError> {
        let raw = raw.trim();
        let (weak, rest) = match raw.get(..2) {
            Some(prefix) if prefix.eq_ignore_ascii_case("W/") => (true, raw.get(2..).unwrap_or("")),
            _ => (false, raw),
        };
        let tag = unquote(rest).unwrap_or(rest);
        // An unquoted tag needs a character; `""` is the RFC's empty tag.
        if (tag.is_empty() && tag.len() == rest.len()) || !tag.chars().all(is_etagc) {
            return Err(not_one_tag());
        }
        let value = match received {
            Some(value) if value.as_bytes() == raw.as_bytes() => value.clone(),
            _ => header_value(raw)?,
        };
        Ok(Self {
            weak,
            tag: tag.to_owned(),
            raw: raw.to_owned(),
            value,
        })
    }
}

/// `raw` as a header value. Whatever the readings accept is one (an `etagc` is visible ASCII
/// or obs-text, both allowed in a header value), so the error is never seen; it is an error
/// rather than a panic all the same.
fn header_value(raw: &str) -> Result<HeaderValue, ParseHeaderError> {
    HeaderValue::from_str(raw).map_err(|_| not_one_tag())
}

/// `etagc` (RFC 9110 §8.8.3): visible ASCII except `"`, and obs-text.
fn is_etagc(c: char) -> bool {
    (c.is_ascii_graphic() && c != '"') || !c.is_ascii()
}

/// The text between a leading and a trailing `"`, if both are there.
fn unquote(value: &str) -> Option<&str> {
    value.strip_prefix('"')?.strip_suffix('"')
}

fn not_one_tag() -> ParseHeaderError {
    ParseHeaderError::new(
        "an entity tag may not contain a quote, whitespace or a control character (is it a list?)",
    )
}

impl fmt::Display for ETag {
    /// The value verbatim.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl FromStr for ETag {
    type Err = ParseHeaderError;

    /// The lenient reading (see [`ETag`]); [`ETag::parse_strict`] is the RFC's.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::lenient(value, None)
    }
}

impl TypedHeader for ETag {
    fn name() -> &'static HeaderName {
        &ETAG
    }

    /// The first `ETag` line, read as `FromStr` does, keeping the line's `HeaderValue`.
    #[inline]
    fn decode(
        headers: &HeaderMap,
        _: Option<&RequestContext>,
    ) -> Result<Option<Self>, ParseHeaderError> {
        let Some(text) = first_line(headers, &ETAG)? else {
            return Ok(None);
        };
        Self::lenient(text, headers.get(&ETAG))
            .map(Some)
            .map_err(|error| error.in_header(&ETAG))
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
    fn a_tag_read_from_a_response_gives_back_the_value_received() {
        use crate::BufferedResponse;
        for value in [
            &b"\"xyzzy\""[..],
            b"W/\"x\"",
            b"w/\"x\"",
            b"5e8a7a4d-264",
            b"\"\"",
            // Every visible ASCII character an `etagc` may be, and obs-text (UTF-8 `\u{e9}`).
            b"\"!#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\"",
            b"W/\"caf\xc3\xa9\"",
        ] {
            let received = HeaderValue::from_bytes(value).unwrap();
            let response = http::Response::builder()
                .header(ETAG, received.clone())
                .body(())
                .unwrap();
            let etag = BufferedResponse::from(response).extract::<ETag>().unwrap();
            let echoed = etag.to_header_value();
            assert_eq!(echoed.as_bytes(), value, "{received:?}");
            assert_eq!(etag.as_str().as_bytes(), value, "{received:?}");
            assert_eq!(echoed, received);
        }
        // A sensitive value stays sensitive: it is the value received, not a copy of its text.
        let mut received = HeaderValue::from_static("\"secret-version\"");
        received.set_sensitive(true);
        let response = http::Response::builder()
            .header(ETAG, received)
            .body(())
            .unwrap();
        let etag = BufferedResponse::from(response).extract::<ETag>().unwrap();
        assert!(etag.to_header_value().is_sensitive());
        // Built by hand: the RFC's spelling.
        assert_eq!(ETag::strong("v7").unwrap().to_header_value(), "\"v7\"");
        assert_eq!(ETag::weak("v7").unwrap().to_header_value(), "W/\"v7\"");
        // Equality is unchanged: by the text, whatever the value's flags.
        let parsed: ETag = "\"secret-version\"".parse().unwrap();
        assert_eq!(etag, parsed);
        assert_eq!(ETag::strong("v7"), "\"v7\"".parse().ok());
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
    fn the_strict_reading_refuses_what_the_rfc_does() {
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
            assert!(ETag::parse_strict(value).is_err(), "{value}");
        }
        let strict = ETag::parse_strict(" W/\"v1\" ").unwrap();
        assert_eq!(
            (strict.is_weak(), strict.tag(), strict.as_str()),
            (true, "v1", "W/\"v1\"")
        );
        assert!(ETag::strong("a\"b").is_none());
        assert_eq!(ETag::weak("v1").unwrap().to_string(), "W/\"v1\"");
    }

    #[test]
    fn lenient_reading_of_what_servers_send() {
        for (value, weak, tag) in [
            // Unquoted: Apache/nginx behind some CDNs and object stores, hand-written APIs.
            ("5e8a7a4d-264", false, "5e8a7a4d-264"),
            (
                "d41d8cd98f00b204e9800998ecf8427e",
                false,
                "d41d8cd98f00b204e9800998ecf8427e",
            ),
            ("W/xyzzy", true, "xyzzy"),
            // Lowercase weak prefix, quoted or not (Chromium reads `w/` as weak).
            ("w/\"lowercase-w\"", true, "lowercase-w"),
            ("w/abc", true, "abc"),
            // IIS: a strong tag with a colon.
            ("\"0e4e5a8c9d7d61:0\"", false, "0e4e5a8c9d7d61:0"),
        ] {
            let etag: ETag = value.parse().unwrap();
            assert_eq!((etag.is_weak(), etag.tag()), (weak, tag), "{value}");
            assert_eq!(etag.to_string(), value, "echoed verbatim");
            assert_eq!(etag.to_header_value(), value);
        }
        for value in [
            "\"unterminated",
            "\"a\", \"b\"",
            "\"in\"side\"",
            "\"with space\"",
            "with space",
            "W/ \"space-after-slash\"",
            "W/",
            "\"",
            "tab\there",
        ] {
            assert!(value.parse::<ETag>().is_err(), "{value}");
        }
    }
}
