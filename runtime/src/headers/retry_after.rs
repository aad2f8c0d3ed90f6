//! `Retry-After` (RFC 9110 §10.2.3): how long to wait before the next request (429, 503, 3xx),
//! and the same hint in milliseconds, `retry-after-ms` and `x-ms-retry-after-ms` (Azure).

use core::str::FromStr;
use std::time::{Duration, SystemTime};

use http::header::RETRY_AFTER;
use http::{HeaderMap, HeaderName};

use super::{InvalidHeaderValue, TypedHeader, decode_first_line, first_line, http_date};
use crate::context::RequestContext;

/// The `Retry-After` header: a delay in seconds, or an HTTP-date — or the same delay in
/// milliseconds.
///
/// Both forms of RFC 9110 are read: `delay-seconds` (`120`) and an HTTP-date in any of its
/// three formats — IMF-fixdate (`Fri, 31 Dec 1999 23:59:59 GMT`), the obsolete RFC 850
/// (`Friday, 31-Dec-99 23:59:59 GMT`) and asctime (`Fri Dec 31 23:59:59 1999`).
/// [`delay`](Self::delay) turns either into the [`Duration`] to wait from now (zero for a date
/// in the past — also for one before 1970, such as `Mon, 01 Jan 1900 00:00:00 GMT`).
///
/// A negative (`-5`), fractional (`1.5`), signed (`+5`), too large or otherwise unreadable value is
/// [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader) — also for an
/// `Option<RetryAfter>` field, which is `None` only when the header is absent. Nothing panics.
///
/// # Milliseconds: `retry-after-ms`, `x-ms-retry-after-ms`
///
/// Azure services (Azure OpenAI included) send the same hint in milliseconds, `retry-after-ms: 1500`
/// or `x-ms-retry-after-ms: 1500`, often next to a `Retry-After` rounded to seconds. Both are
/// read, as a [`RetryAfter::Delay`], and the finer value wins: the headers are tried in the
/// order the Azure SDKs try them — `retry-after-ms`, then `x-ms-retry-after-ms`, then
/// `Retry-After` (azure-sdk-for-js, `core-rest-pipeline`'s `throttlingRetryStrategy`; the
/// Rust SDK's `azure_core` follows the same order). A millisecond value is a non-negative number
/// of milliseconds, with an optional fraction (`1.5`, kept to the nanosecond); anything else
/// is malformed. As with the rate-limit families, a malformed header is skipped when a later
/// one parses, and when every one present is malformed the error names the first.
///
/// ```
/// use std::time::Duration;
/// use response_handler::{ResponseHandler, RetryAfter};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Send {
///     #[on_success]
///     Sent,
///     #[on(429, 503)]
///     Later(Option<RetryAfter>),
/// }
///
/// let response = http::Response::builder().status(429).header("retry-after", "120").body(()).unwrap();
/// let Send::Later(Some(retry)) = Send::from_response(response).unwrap() else { panic!() };
/// assert_eq!(retry, RetryAfter::Delay(Duration::from_secs(120)));
/// assert_eq!(retry.delay(), Duration::from_secs(120));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryAfter {
    /// `delay-seconds`: wait this long after the response was received.
    Delay(Duration),
    /// An HTTP-date: wait until then.
    Date(SystemTime),
}

impl RetryAfter {
    /// How long to wait from now: the delay itself, or the time until the date (zero if it has
    /// passed).
    pub fn delay(&self) -> Duration {
        self.delay_from(SystemTime::now())
    }

    /// How long to wait from `now` (zero for a date before `now`).
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use response_handler::RetryAfter;
    ///
    /// let retry: RetryAfter = "Sun, 06 Nov 1994 08:49:37 GMT".parse().unwrap();
    /// let now = UNIX_EPOCH + Duration::from_secs(784111777 - 30);
    /// assert_eq!(retry.delay_from(now), Duration::from_secs(30));
    /// ```
    pub fn delay_from(&self, now: SystemTime) -> Duration {
        match *self {
            Self::Delay(delay) => delay,
            Self::Date(date) => date.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }

    /// The moment to retry at, counting a delay from `now`; `None` only if that moment cannot be
    /// represented.
    pub fn at(&self, now: SystemTime) -> Option<SystemTime> {
        match *self {
            Self::Delay(delay) => now.checked_add(delay),
            Self::Date(date) => Some(date),
        }
    }
}

impl FromStr for RetryAfter {
    type Err = InvalidHeaderValue;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let value = value.trim();
        if value.is_empty() {
            return Err(InvalidHeaderValue::new("the value is empty"));
        }
        if value.bytes().all(|b| b.is_ascii_digit()) {
            return value
                .parse::<u64>()
                .map(|seconds| Self::Delay(Duration::from_secs(seconds)))
                .map_err(|_| InvalidHeaderValue::new("the delay is too large"));
        }
        if let Some(date) = http_date::parse(value) {
            return Ok(Self::Date(date));
        }
        let numeric = value
            .trim_start_matches(['-', '+'])
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.');
        let reason = if value.starts_with('-') && numeric {
            "the delay is negative"
        } else if value.starts_with('+') && numeric {
            "the delay has a sign (delay-seconds is digits only)"
        } else if numeric {
            "the delay is fractional (delay-seconds is whole seconds)"
        } else {
            "neither delay-seconds nor an HTTP-date"
        };
        Err(InvalidHeaderValue::new(reason))
    }
}

impl TypedHeader for RetryAfter {
    fn name() -> &'static HeaderName {
        &RETRY_AFTER
    }

    /// `retry-after-ms`, then `x-ms-retry-after-ms`, then `Retry-After` (its first line,
    /// through `FromStr`): the first present that parses.
    #[inline]
    fn decode(
        headers: &HeaderMap,
        _: Option<&RequestContext>,
    ) -> Result<Option<Self>, InvalidHeaderValue> {
        // The common case, one `Retry-After` and no millisecond header, stays one lookup: the
        // absent names are ruled out by one pass over the names present (most are standard
        // names, which differ from a custom one by their representation alone), cheaper than
        // hashing two custom names (measured: BENCHMARKS.md, typed headers).
        let has_milliseconds = headers
            .keys()
            .any(|name| *name == RETRY_AFTER_MS || *name == X_MS_RETRY_AFTER_MS);
        if !has_milliseconds {
            return decode_first_line(headers, &RETRY_AFTER);
        }
        let mut first_error = None;
        for name in [&RETRY_AFTER_MS, &X_MS_RETRY_AFTER_MS] {
            match first_line(headers, name).and_then(|line| {
                line.map(|text| milliseconds(text).map_err(|error| error.in_header(name)))
                    .transpose()
            }) {
                Ok(Some(delay)) => return Ok(Some(delay)),
                Ok(None) => {}
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        match decode_first_line(headers, &RETRY_AFTER) {
            Ok(None) => first_error.map_or(Ok(None), Err),
            Ok(Some(retry)) => Ok(Some(retry)),
            Err(error) => Err(first_error.unwrap_or(error)),
        }
    }
}

/// `retry-after-ms` (Azure, OpenAI).
static RETRY_AFTER_MS: HeaderName = HeaderName::from_static("retry-after-ms");
/// `x-ms-retry-after-ms` (Azure).
static X_MS_RETRY_AFTER_MS: HeaderName = HeaderName::from_static("x-ms-retry-after-ms");

/// A millisecond header's value: `digits [ "." digits ]` milliseconds.
fn milliseconds(text: &str) -> Result<RetryAfter, InvalidHeaderValue> {
    let invalid = || InvalidHeaderValue::new("not a non-negative number of milliseconds");
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
        return Err(invalid());
    }
    let millis: u64 = whole
        .parse()
        .map_err(|_| InvalidHeaderValue::new("the delay is too large"))?;
    let mut nanos: u64 = 0;
    for (position, digit) in fraction.bytes().take(6).enumerate() {
        nanos += u64::from(digit - b'0') * 10u64.pow(5 - u32::try_from(position).unwrap_or(5));
    }
    Ok(RetryAfter::Delay(
        Duration::from_millis(millis) + Duration::from_nanos(nanos),
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::time::UNIX_EPOCH;

    use super::*;
    use crate::headers::test_support::with_headers;

    /// 1994-11-06 08:49:37 UTC, the date of RFC 9110's examples.
    const EXAMPLE: u64 = 784_111_777;

    #[test]
    fn delay_seconds() {
        // RFC 9110 §10.2.3 example, and GitHub's secondary-rate-limit answer.
        assert_eq!(
            "120".parse::<RetryAfter>().unwrap(),
            RetryAfter::Delay(Duration::from_secs(120))
        );
        assert_eq!(
            "60".parse::<RetryAfter>().unwrap().delay(),
            Duration::from_secs(60)
        );
        assert_eq!(
            " 0 ".parse::<RetryAfter>().unwrap(),
            RetryAfter::Delay(Duration::ZERO)
        );
        assert_eq!(
            "18446744073709551615".parse::<RetryAfter>().unwrap(),
            RetryAfter::Delay(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn all_three_date_formats() {
        let expected = RetryAfter::Date(UNIX_EPOCH + Duration::from_secs(EXAMPLE));
        for value in [
            "Sun, 06 Nov 1994 08:49:37 GMT",  // IMF-fixdate (RFC 9110 §5.6.7)
            "Sunday, 06-Nov-94 08:49:37 GMT", // obsolete RFC 850
            "Sun Nov  6 08:49:37 1994",       // asctime
        ] {
            assert_eq!(value.parse::<RetryAfter>().unwrap(), expected, "{value}");
        }
        // RFC 9110 §10.2.3 example.
        assert!(matches!(
            "Fri, 31 Dec 1999 23:59:59 GMT".parse::<RetryAfter>(),
            Ok(RetryAfter::Date(_))
        ));
    }

    #[test]
    fn dates_before_1970_are_in_the_past() {
        // 1900-01-01 was a Monday; -2 208 988 800 s from the epoch.
        let expected = RetryAfter::Date(UNIX_EPOCH - Duration::from_secs(2_208_988_800));
        for value in ["Mon, 01 Jan 1900 00:00:00 GMT", "Mon Jan  1 00:00:00 1900"] {
            assert_eq!(value.parse::<RetryAfter>().unwrap(), expected, "{value}");
        }
        assert_eq!(expected.delay(), Duration::ZERO);
        assert_eq!(
            "Wed, 31 Dec 1969 23:59:59 GMT"
                .parse::<RetryAfter>()
                .unwrap(),
            RetryAfter::Date(UNIX_EPOCH - Duration::from_secs(1))
        );
        assert_eq!(
            "Sat, 01 Jan 0000 00:00:00 GMT"
                .parse::<RetryAfter>()
                .unwrap(),
            RetryAfter::Date(UNIX_EPOCH - Duration::from_secs(62_167_219_200))
        );
        for value in [
            "Tue, 01 Jan 1900 00:00:00 GMT", // the wrong weekday
            "Mon, 01 Jan +900 00:00:00 GMT",
            "Mon, 01 Jan 1900 24:00:00 GMT",
        ] {
            assert!(value.parse::<RetryAfter>().is_err(), "{value}");
        }
    }

    #[test]
    fn delay_from_a_date() {
        let retry = RetryAfter::Date(UNIX_EPOCH + Duration::from_secs(EXAMPLE));
        let before = UNIX_EPOCH + Duration::from_secs(EXAMPLE - 90);
        assert_eq!(retry.delay_from(before), Duration::from_secs(90));
        let after = UNIX_EPOCH + Duration::from_secs(EXAMPLE + 5);
        assert_eq!(retry.delay_from(after), Duration::ZERO);
        assert_eq!(retry.delay(), Duration::ZERO, "1994 is long past");
        assert_eq!(
            RetryAfter::Delay(Duration::from_secs(3)).at(before),
            Some(before + Duration::from_secs(3))
        );
        assert_eq!(RetryAfter::Delay(Duration::MAX).at(before), None);
    }

    #[test]
    fn malformed_values_are_errors() {
        for (value, reason) in [
            ("-5", "the delay is negative"),
            (
                "1.5",
                "the delay is fractional (delay-seconds is whole seconds)",
            ),
            ("+30", "the delay has a sign (delay-seconds is digits only)"),
            ("99999999999999999999999", "the delay is too large"),
            ("soon", "neither delay-seconds nor an HTTP-date"),
            ("30s", "neither delay-seconds nor an HTTP-date"),
            (
                "2024-01-01T00:00:00Z",
                "neither delay-seconds nor an HTTP-date",
            ),
            (
                "Sun, 06 Nov 1994 08:49:37",
                "neither delay-seconds nor an HTTP-date",
            ),
            (
                "Sun, 32 Nov 1994 08:49:37 GMT",
                "neither delay-seconds nor an HTTP-date",
            ),
            ("120, 120", "neither delay-seconds nor an HTTP-date"),
        ] {
            let error = value.parse::<RetryAfter>().unwrap_err();
            assert_eq!(error.to_string(), reason, "{value}");
        }
    }

    #[test]
    fn milliseconds_win_in_azures_order() {
        let read = |headers: &[(&str, &str)]| {
            with_headers(headers)
                .extract::<Option<RetryAfter>>()
                .map_err(|error| error.to_string())
        };
        let ms = |millis| Ok(Some(RetryAfter::Delay(Duration::from_millis(millis))));
        assert_eq!(read(&[("retry-after-ms", "1500")]), ms(1500));
        assert_eq!(read(&[("x-ms-retry-after-ms", "250")]), ms(250));
        assert_eq!(
            read(&[
                ("retry-after", "2"),
                ("x-ms-retry-after-ms", "1500"),
                ("retry-after-ms", "1400")
            ]),
            ms(1400)
        );
        assert_eq!(
            read(&[("retry-after", "2"), ("x-ms-retry-after-ms", "1500")]),
            ms(1500)
        );
        assert_eq!(
            read(&[("retry-after-ms", "0.5")]),
            Ok(Some(RetryAfter::Delay(Duration::from_micros(500))))
        );
        // A malformed one is skipped when a later one parses...
        assert_eq!(
            read(&[("retry-after-ms", "soon"), ("retry-after", "3")]),
            Ok(Some(RetryAfter::Delay(Duration::from_secs(3))))
        );
        // ...and named when none does.
        for (headers, reason) in [
            (
                &[("retry-after-ms", "-1")][..],
                "header `retry-after-ms` has an invalid value: not a non-negative number of milliseconds",
            ),
            (
                &[("x-ms-retry-after-ms", "1.")][..],
                "header `x-ms-retry-after-ms` has an invalid value: not a non-negative number of milliseconds",
            ),
            (
                &[("x-ms-retry-after-ms", "1e3"), ("retry-after", "x")][..],
                "header `x-ms-retry-after-ms` has an invalid value: not a non-negative number of milliseconds",
            ),
            (
                &[("retry-after-ms", "99999999999999999999")][..],
                "header `retry-after-ms` has an invalid value: the delay is too large",
            ),
        ] {
            assert_eq!(
                read(headers).unwrap_err().to_string(),
                reason,
                "{headers:?}"
            );
        }
        assert_eq!(read(&[("retry-after-ms", "")]), Ok(None));
    }

    #[test]
    fn the_extractor_tells_absent_from_malformed() {
        let ok = with_headers(&[("retry-after", "30")]).extract::<RetryAfter>();
        assert_eq!(ok.unwrap(), RetryAfter::Delay(Duration::from_secs(30)));
        let absent = with_headers(&[]).extract::<Option<RetryAfter>>();
        assert_eq!(absent.unwrap(), None);
        let bad = with_headers(&[("retry-after", "-1")])
            .extract::<Option<RetryAfter>>()
            .unwrap_err();
        assert_eq!(
            bad.to_string(),
            "header `retry-after` has an invalid value: the delay is negative"
        );
    }
}
