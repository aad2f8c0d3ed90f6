//! Validators (RFC 9110 §8.8): `ETag` and `Last-Modified`, and the conditional headers of the
//! next request built from them (304 revalidation, 412 lost updates).

use core::fmt;
use core::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::header::{
    ETAG, IF_MATCH, IF_MODIFIED_SINCE, IF_NONE_MATCH, IF_UNMODIFIED_SINCE, LAST_MODIFIED,
};
use http::{HeaderMap, HeaderValue};

use super::{InvalidHeaderValue, first_value};
use crate::error::ExtractError;
use crate::extract::Extract;
use crate::response::BufferedResponse;

/// An entity tag (`ETag`): an opaque version of the representation, strong (`"v7"`) or weak
/// (`W/"v7"`).
///
/// Comparisons follow RFC 9110 §8.8.3.2: [`strong_eq`](Self::strong_eq) (both strong, same
/// tag) is what `If-Match` uses, so a weak tag never matches `If-Match`;
/// [`weak_eq`](Self::weak_eq) (same tag, weakness ignored) is what `If-None-Match` uses.
///
/// An unquoted value, a list, or a tag with a `"` or a control character inside is
/// [`ExtractError::InvalidHeader`]; read the raw text with `#[header("etag")] String` when a
/// server gets it wrong.
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

impl Extract for ETag {
    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        first_value(response, &ETAG)?
            .parse()
            .map_err(|error: InvalidHeaderValue| error.for_header(&ETAG))
    }
}

/// `Last-Modified`: when the origin server believes the representation last changed.
///
/// All three HTTP-date formats are read (IMF-fixdate, RFC 850, asctime); it is written back as
/// IMF-fixdate.
///
/// ```
/// use response_handler::LastModified;
///
/// let modified: LastModified = "Tue, 15 Nov 1994 12:45:26 GMT".parse().unwrap();
/// assert_eq!(modified.to_string(), "Tue, 15 Nov 1994 12:45:26 GMT");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LastModified(SystemTime);

/// 10000-01-01T00:00:00Z: HTTP-dates have four-digit years.
const END_OF_HTTP_DATES: Duration = Duration::from_secs(253_402_300_800);

impl LastModified {
    /// `None` for a time an HTTP-date cannot express (before 1970 or after 9999), or with a
    /// fraction of a second (HTTP-dates have none; the fraction would make comparisons lie).
    pub fn new(time: SystemTime) -> Option<Self> {
        let since_epoch = time.duration_since(UNIX_EPOCH).ok()?;
        (since_epoch < END_OF_HTTP_DATES && since_epoch.subsec_nanos() == 0).then_some(Self(time))
    }

    /// The time.
    pub fn time(&self) -> SystemTime {
        self.0
    }

    /// As an IMF-fixdate header value, for `If-Modified-Since` / `If-Unmodified-Since`.
    pub fn to_header_value(&self) -> Option<HeaderValue> {
        HeaderValue::from_str(&self.to_string()).ok()
    }
}

impl fmt::Display for LastModified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // In range by construction (see `new`), so `httpdate` cannot panic on it.
        fmt::Display::fmt(&httpdate::HttpDate::from(self.0), f)
    }
}

impl FromStr for LastModified {
    type Err = InvalidHeaderValue;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        httpdate::parse_http_date(value.trim())
            .ok()
            .and_then(Self::new)
            .ok_or_else(|| InvalidHeaderValue::new("not an HTTP-date"))
    }
}

impl Extract for LastModified {
    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        first_value(response, &LAST_MODIFIED)?
            .parse()
            .map_err(|error: InvalidHeaderValue| error.for_header(&LAST_MODIFIED))
    }
}

/// The validators of a representation — its [`ETag`] and [`LastModified`] — and the
/// conditional headers of the next request built from them.
///
/// Keep them with a cached copy; send [`revalidation_headers`](Self::revalidation_headers) on
/// the next GET (a 304 means the copy is current) and
/// [`precondition_headers`](Self::precondition_headers) on an update (a 412 means someone else
/// changed it first).
///
/// As a field it needs at least one of the two headers: with neither it is
/// [`ExtractError::MissingHeader`] (naming `etag`), so `Option<Validators>` is `None`. A
/// malformed one is [`ExtractError::InvalidHeader`].
///
/// ```
/// use response_handler::{ResponseHandler, Validators};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Revalidate {
///     #[on(200)]
///     Fresh(Validators, String),
///     #[on(304)]
///     NotModified(Validators),
/// }
///
/// let response = http::Response::builder().status(304).header("etag", "W/\"v7\"").body(()).unwrap();
/// let Revalidate::NotModified(validators) = Revalidate::from_response(response).unwrap() else { panic!() };
/// let next = validators.revalidation_headers();
/// assert_eq!(next["if-none-match"], "W/\"v7\"");
/// // A weak tag cannot guard an update: `If-Match` uses strong comparison.
/// assert_eq!(validators.if_match(), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Validators {
    /// The entity tag, if the response had one.
    pub etag: Option<ETag>,
    /// The modification date, if the response had one.
    pub last_modified: Option<LastModified>,
}

impl Validators {
    /// `If-None-Match` for revalidating a cached copy: the tag as received, weak or strong
    /// (the server compares weakly).
    pub fn if_none_match(&self) -> Option<HeaderValue> {
        self.etag.as_ref().and_then(ETag::to_header_value)
    }

    /// `If-Match` for an update that must not overwrite someone else's change: only a strong
    /// tag, since `If-Match` never matches a weak one (RFC 9110 §13.1.1).
    pub fn if_match(&self) -> Option<HeaderValue> {
        self.etag
            .as_ref()
            .filter(|etag| !etag.is_weak())
            .and_then(ETag::to_header_value)
    }

    /// `If-Modified-Since`: the `Last-Modified` date.
    pub fn if_modified_since(&self) -> Option<HeaderValue> {
        self.last_modified
            .as_ref()
            .and_then(LastModified::to_header_value)
    }

    /// `If-Unmodified-Since`: the `Last-Modified` date.
    pub fn if_unmodified_since(&self) -> Option<HeaderValue> {
        self.if_modified_since()
    }

    /// The headers of a conditional GET: `If-None-Match` and `If-Modified-Since` (a server
    /// that understands the first ignores the second, RFC 9110 §13.1.3).
    pub fn revalidation_headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = self.if_none_match() {
            headers.insert(IF_NONE_MATCH, value);
        }
        if let Some(value) = self.if_modified_since() {
            headers.insert(IF_MODIFIED_SINCE, value);
        }
        headers
    }

    /// The headers of a guarded update (PUT, PATCH, DELETE): `If-Match` with a strong tag, else
    /// `If-Unmodified-Since` with the date; empty when neither can guard the update.
    pub fn precondition_headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = self.if_match() {
            headers.insert(IF_MATCH, value);
        } else if let Some(value) = self.if_unmodified_since() {
            headers.insert(IF_UNMODIFIED_SINCE, value);
        }
        headers
    }
}

impl Extract for Validators {
    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        let validators = Validators {
            etag: ETag::extract_optional(response)?,
            last_modified: LastModified::extract_optional(response)?,
        };
        if validators.etag.is_none() && validators.last_modified.is_none() {
            return Err(ExtractError::MissingHeader(ETAG));
        }
        Ok(validators)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::headers::test_support::with_headers;

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

    #[test]
    fn last_modified_dates() {
        let expected = UNIX_EPOCH + Duration::from_secs(784_903_526);
        for value in [
            "Tue, 15 Nov 1994 12:45:26 GMT",   // RFC 9110 §8.8.2
            "Tuesday, 15-Nov-94 12:45:26 GMT", // RFC 850
            "Tue Nov 15 12:45:26 1994",        // asctime
        ] {
            let modified: LastModified = value.parse().unwrap();
            assert_eq!(modified.time(), expected, "{value}");
            assert_eq!(modified.to_string(), "Tue, 15 Nov 1994 12:45:26 GMT");
        }
        for value in [
            "yesterday",
            "1994-11-15T12:45:26Z",
            "Tue, 15 Nov 1994 12:45:26",
            "Tue, 15 Nov 1994 25:45:26 GMT",
            "784903526",
            "Tue, 15 Nov 94 12:45:26 GMT",
        ] {
            assert!(value.parse::<LastModified>().is_err(), "{value}");
        }
        assert!(LastModified::new(UNIX_EPOCH - Duration::from_secs(1)).is_none());
        assert!(LastModified::new(UNIX_EPOCH + END_OF_HTTP_DATES).is_none());
        assert!(LastModified::new(UNIX_EPOCH + Duration::from_millis(1500)).is_none());
    }

    #[test]
    fn conditional_headers() {
        let both = with_headers(&[
            ("etag", "\"v7\""),
            ("last-modified", "Tue, 15 Nov 1994 12:45:26 GMT"),
        ])
        .extract::<Validators>()
        .unwrap();
        let get = both.revalidation_headers();
        assert_eq!(get[IF_NONE_MATCH], "\"v7\"");
        assert_eq!(get[IF_MODIFIED_SINCE], "Tue, 15 Nov 1994 12:45:26 GMT");
        let put = both.precondition_headers();
        assert_eq!(put[IF_MATCH], "\"v7\"");
        assert_eq!(put.len(), 1);

        let weak = with_headers(&[
            ("etag", "W/\"v7\""),
            ("last-modified", "Tue, 15 Nov 1994 12:45:26 GMT"),
        ])
        .extract::<Validators>()
        .unwrap();
        assert_eq!(weak.if_match(), None);
        let put = weak.precondition_headers();
        assert_eq!(put[IF_UNMODIFIED_SINCE], "Tue, 15 Nov 1994 12:45:26 GMT");
        assert!(!put.contains_key(IF_MATCH));

        assert!(Validators::default().revalidation_headers().is_empty());
        assert!(Validators::default().precondition_headers().is_empty());
    }

    #[test]
    fn absent_and_malformed_validators() {
        let none = with_headers(&[]).extract::<Validators>().unwrap_err();
        assert_eq!(none.to_string(), "header `etag` is missing");
        assert_eq!(
            with_headers(&[]).extract::<Option<Validators>>().unwrap(),
            None
        );
        let only_date = with_headers(&[("last-modified", "Tue, 15 Nov 1994 12:45:26 GMT")])
            .extract::<Validators>()
            .unwrap();
        assert_eq!(only_date.etag, None);
        let bad = with_headers(&[("etag", "v7")])
            .extract::<Option<Validators>>()
            .unwrap_err();
        assert!(
            bad.to_string()
                .starts_with("header `etag` has an invalid value")
        );
        let bad_date = with_headers(&[("etag", "\"v7\""), ("last-modified", "never")])
            .extract::<Validators>()
            .unwrap_err();
        assert!(bad_date.to_string().starts_with("header `last-modified`"));
    }
}
