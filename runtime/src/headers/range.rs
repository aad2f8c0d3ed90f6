//! Byte ranges (RFC 9110 §14): `Content-Range` on a 206 or a 416, `Accept-Ranges`, and the
//! request headers that resume a download.

use core::fmt;
use core::str::FromStr;

use http::header::{ACCEPT_RANGES, CONTENT_RANGE, IF_RANGE, RANGE};
use http::{HeaderMap, HeaderName, HeaderValue};

use super::syntax::{is_tchar, list_elements};
use super::{ETag, ParseHeaderError, TypedHeader, all_lines, decode_first_line};
use crate::context::RequestContext;

/// The `Content-Range` header (RFC 9110 §14.4): which bytes of the representation a 206 carries
/// (`bytes 0-499/1234`, `bytes 500-999/*` when the length is unknown), or, on a 416, how long
/// the representation is (`bytes */1234`).
///
/// Read as RFC 9110 tells recipients to: the unit is compared ignoring case, and a range whose
/// last byte comes before its first, or a complete length not larger than the last byte, is
/// invalid (an error). Units other than `bytes` are kept with their text (`items 0-9/100` is
/// read; [`range`](Self::range) gives its numbers).
///
/// ```
/// use response_handler::{headers::ContentRange, ResponseHandler};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Part {
///     #[on(206)]
///     Partial(ContentRange, bytes::Bytes),
///     #[on(416)]
///     NotSatisfiable(ContentRange),
/// }
///
/// let response = http::Response::builder().status(416).header("content-range", "bytes */1234").body(()).unwrap();
/// let Part::NotSatisfiable(range) = Part::from_response(response).unwrap() else { panic!() };
/// assert!(range.is_unsatisfied());
/// assert_eq!(range.complete_length(), Some(1234));
///
/// let partial: ContentRange = "bytes 500-999/*".parse().unwrap();
/// assert_eq!(partial.range(), Some(500..=999));
/// assert_eq!(partial.complete_length(), None);
/// assert_eq!(partial.part_length(), Some(500));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ContentRange {
    unit: String,
    range: Option<(u64, u64)>,
    complete_length: Option<u64>,
}

impl ContentRange {
    /// The range unit, in lower case: `bytes` in practice.
    pub fn unit(&self) -> &str {
        &self.unit
    }

    /// `true` for the `bytes` unit.
    pub fn is_bytes(&self) -> bool {
        self.unit == "bytes"
    }

    /// The first and last position carried, inclusive; `None` for an unsatisfied range
    /// (`bytes */1234`).
    pub fn range(&self) -> Option<core::ops::RangeInclusive<u64>> {
        self.range.map(|(first, last)| first..=last)
    }

    /// How many units the range carries: `last - first + 1`.
    pub fn part_length(&self) -> Option<u64> {
        self.range.map(|(first, last)| last - first + 1)
    }

    /// `true` for `bytes */length`: what a 416 sends.
    pub fn is_unsatisfied(&self) -> bool {
        self.range.is_none()
    }

    /// The length of the whole representation, when the server knows it (`/*` says it does
    /// not).
    pub fn complete_length(&self) -> Option<u64> {
        self.complete_length
    }

    /// `true` when this part ends the representation (its last position is the last one).
    pub fn is_last(&self) -> bool {
        matches!((self.range, self.complete_length), (Some((_, last)), Some(length)) if last + 1 == length)
    }
}

impl FromStr for ContentRange {
    type Err = ParseHeaderError;

    /// `unit SP first-last/length`, `unit SP first-last/*` or `unit SP */length`.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let value = value.trim_matches([' ', '\t']);
        let (unit, rest) = value
            .split_once([' ', '\t'])
            .ok_or_else(|| ParseHeaderError::new("no unit and range (`bytes 0-499/1234`)"))?;
        if unit.is_empty() || !unit.chars().all(is_tchar) {
            return Err(ParseHeaderError::new("the range unit is not a token"));
        }
        let (range, length) = rest
            .trim_start_matches([' ', '\t'])
            .split_once('/')
            .ok_or_else(|| ParseHeaderError::new("no `/` before the complete length"))?;
        let complete_length = match length {
            "*" => None,
            digits => Some(number(digits)?),
        };
        let range = match range {
            "*" => {
                if complete_length.is_none() {
                    return Err(ParseHeaderError::new(
                        "`*/*`: an unsatisfied range must give the complete length",
                    ));
                }
                None
            }
            range => {
                let (first, last) = range
                    .split_once('-')
                    .ok_or_else(|| ParseHeaderError::new("a range is `first-last`"))?;
                let (first, last) = (number(first)?, number(last)?);
                // RFC 9110 §14.4: invalid if last < first, or length <= last.
                if last < first {
                    return Err(ParseHeaderError::new(
                        "the last position is before the first",
                    ));
                }
                if complete_length.is_some_and(|length| length <= last) {
                    return Err(ParseHeaderError::new(
                        "the complete length is not past the last position",
                    ));
                }
                Some((first, last))
            }
        };
        Ok(Self {
            unit: unit.to_ascii_lowercase(),
            range,
            complete_length,
        })
    }
}

/// `1*DIGIT` as a `u64`: no sign, no spaces, no overflow.
fn number(digits: &str) -> Result<u64, ParseHeaderError> {
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(ParseHeaderError::new(
            "a position or length is not a number",
        ));
    }
    digits
        .parse()
        .map_err(|_| ParseHeaderError::new("a position or length is too large"))
}

impl fmt::Display for ContentRange {
    /// The header value: `bytes 0-499/1234`, `bytes 500-999/*`, `bytes */1234`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.unit)?;
        match self.range {
            Some((first, last)) => write!(f, "{first}-{last}/")?,
            None => f.write_str("*/")?,
        }
        match self.complete_length {
            Some(length) => write!(f, "{length}"),
            None => f.write_str("*"),
        }
    }
}

impl TypedHeader for ContentRange {
    fn name() -> &'static HeaderName {
        &CONTENT_RANGE
    }

    /// The first `Content-Range` line, through `FromStr`.
    fn decode(
        headers: &HeaderMap,
        _: Option<&RequestContext>,
    ) -> Result<Option<Self>, ParseHeaderError> {
        decode_first_line(headers, &CONTENT_RANGE)
    }
}

/// The `Accept-Ranges` header (RFC 9110 §14.3): the range units the server accepts for the
/// resource, `none` for none.
///
/// ```
/// use response_handler::headers::AcceptRanges;
///
/// let ranges = AcceptRanges::parse(["Bytes"]).unwrap();
/// assert!(ranges.accepts_bytes());
/// assert!(!AcceptRanges::parse(["none"]).unwrap().accepts_bytes());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AcceptRanges {
    units: Vec<String>,
}

impl AcceptRanges {
    /// Every line's units, in lower case (units are case-insensitive, RFC 9110 §14.1), empty
    /// elements skipped.
    pub fn parse<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<Self, ParseHeaderError> {
        let mut units = Vec::new();
        for line in lines {
            for unit in list_elements(line) {
                if !unit.chars().all(is_tchar) {
                    return Err(ParseHeaderError::new("a range unit is not a token"));
                }
                units.push(unit.to_ascii_lowercase());
            }
        }
        Ok(Self { units })
    }

    /// The units listed, in lower case (`none` included if sent).
    pub fn units(&self) -> impl Iterator<Item = &str> {
        self.units.iter().map(String::as_str)
    }

    /// `true` if byte ranges are accepted: `bytes` is listed.
    pub fn accepts_bytes(&self) -> bool {
        self.units.iter().any(|unit| unit == "bytes")
    }
}

impl TypedHeader for AcceptRanges {
    fn name() -> &'static HeaderName {
        &ACCEPT_RANGES
    }

    /// Every `Accept-Ranges` line, through [`AcceptRanges::parse`].
    fn decode(
        headers: &HeaderMap,
        _: Option<&RequestContext>,
    ) -> Result<Option<Self>, ParseHeaderError> {
        all_lines(headers, &ACCEPT_RANGES)?
            .map(Self::parse)
            .transpose()
            .map_err(|error| error.in_header(&ACCEPT_RANGES))
    }
}

/// The request headers that resume a download after `received` bytes (RFC 9110 §14.2, §13.1.5):
/// `Range: bytes=received-` and, with the `ETag` the first response carried, `If-Range`, so
/// that a representation that changed in between comes back whole (200) instead of as a part
/// of another (206).
///
/// ```
/// use response_handler::{headers::resume_headers, ETag};
///
/// let etag = ETag::strong("v7").unwrap();
/// let headers = resume_headers(1_000_000, Some(&etag));
/// assert_eq!(headers["range"], "bytes=1000000-");
/// assert_eq!(headers["if-range"], "\"v7\"");
/// ```
pub fn resume_headers(received: u64, validator: Option<&ETag>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    // Digits and ASCII: always a valid value.
    if let Ok(range) = HeaderValue::try_from(format!("bytes={received}-")) {
        headers.insert(RANGE, range);
    }
    // A weak validator may not be used in If-Range (RFC 9110 §13.1.5): without one, no
    // If-Range, and the server sends the rest of whatever it has.
    if let Some(etag) = validator.filter(|etag| !etag.is_weak()) {
        headers.insert(IF_RANGE, etag.to_header_value());
    }
    headers
}

#[cfg(test)]
mod tests;
