//! `Last-Modified` (RFC 9110 §8.8.2): when the origin server believes the representation last
//! changed.

use core::fmt;
use core::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use http::header::LAST_MODIFIED;
use http::{HeaderMap, HeaderName, HeaderValue};

use super::http_date::{self, END_OF_HTTP_DATES};
use super::{ParseHeaderError, TypedHeader, decode_first_line};
use crate::context::RequestContext;

/// `Last-Modified`: when the origin server believes the representation last changed.
///
/// All three HTTP-date formats are read (IMF-fixdate, RFC 850, asctime); it is written back as
/// IMF-fixdate. It holds the dates from 1970 through 9999, the ones it can write back: a
/// `Last-Modified` before 1970 (which [`RetryAfter`](crate::RetryAfter) would read as a date in
/// the past) is [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader), "not an
/// HTTP-date".
///
/// ```
/// use response_handler::LastModified;
///
/// let modified: LastModified = "Tue, 15 Nov 1994 12:45:26 GMT".parse().unwrap();
/// assert_eq!(modified.to_string(), "Tue, 15 Nov 1994 12:45:26 GMT");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LastModified(SystemTime);

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
    type Err = ParseHeaderError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        http_date::parse(value.trim())
            .and_then(Self::new)
            .ok_or_else(|| ParseHeaderError::new("not an HTTP-date"))
    }
}

impl TypedHeader for LastModified {
    fn name() -> &'static HeaderName {
        &LAST_MODIFIED
    }

    /// The first `Last-Modified` line, through `FromStr`.
    #[inline]
    fn decode(
        headers: &HeaderMap,
        _: Option<&RequestContext>,
    ) -> Result<Option<Self>, ParseHeaderError> {
        decode_first_line(headers, &LAST_MODIFIED)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::time::Duration;

    use super::*;

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
}
