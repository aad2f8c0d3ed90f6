//! `Retry-After` (RFC 9110 §10.2.3): how long to wait before the next request (429, 503, 3xx),
//! and the same hint in milliseconds, `retry-after-ms` and `x-ms-retry-after-ms` (Azure).

use core::ops::Deref;
use core::str::FromStr;
use std::time::Duration;

use http::header::RETRY_AFTER;
use http::{HeaderMap, HeaderName};

use super::{ParseHeaderError, TypedHeader, Wait, decode_first_line, first_line, http_date};
use crate::context::RequestContext;

/// The `Retry-After` header: a delay in seconds, or an HTTP-date — or the same delay in
/// milliseconds. Its value is a [`Wait`]: [`Wait::After`] for a delay, [`Wait::At`] for a date.
///
/// Both forms of RFC 9110 are read: `delay-seconds` (`120`) and an HTTP-date in any of its
/// three formats — IMF-fixdate (`Fri, 31 Dec 1999 23:59:59 GMT`), the obsolete RFC 850
/// (`Friday, 31-Dec-99 23:59:59 GMT`) and asctime (`Fri Dec 31 23:59:59 1999`).
/// [`Wait::delay`] (through `Deref`: `retry.delay()`) turns either into the [`Duration`] to
/// wait from now (zero for a date in the past — also for one before 1970, such as
/// `Mon, 01 Jan 1900 00:00:00 GMT`).
///
/// A negative (`-5`), fractional (`1.5`), signed (`+5`) or otherwise unreadable value is
/// [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader) — also for an
/// `Option<RetryAfter>` field, which is `None` only when the header is absent or empty (on a
/// `#[retry]` variant, a retrying call still retries such a response, after the policy's
/// backoff). A delay too large for a `u64` of seconds (40 digits) is read as the longest one,
/// `u64::MAX` seconds, as RFC 9111 §1.2.2 reads delta-seconds: over any cap, so a retry policy
/// returns the outcome at once. Of several `Retry-After` lines (RFC 9110 allows one) the first
/// is read, as browsers and curl do. Nothing panics.
///
/// # Milliseconds: `retry-after-ms`, `x-ms-retry-after-ms`
///
/// Azure services (Azure OpenAI included) send the same hint in milliseconds, `retry-after-ms: 1500`
/// or `x-ms-retry-after-ms: 1500`, often next to a `Retry-After` rounded to seconds. Both are
/// read, as a [`Wait::After`], and the finer value wins: the headers are tried in the
/// order the Azure SDKs try them — `retry-after-ms`, then `x-ms-retry-after-ms`, then
/// `Retry-After` (azure-sdk-for-js, `core-rest-pipeline`'s `throttlingRetryStrategy`; the
/// Rust SDK's `azure_core` follows the same order). A millisecond value is a non-negative number
/// of milliseconds, with an optional fraction (`1.5`, kept to the nanosecond); anything else
/// is malformed. As with the rate-limit families, a malformed header is skipped when a later
/// one parses, and when every one present is malformed the error names the first.
///
/// ```
/// use std::time::Duration;
/// use response_handler::{ResponseHandler, RetryAfter, Wait};
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
/// assert_eq!(retry, RetryAfter(Wait::After(Duration::from_secs(120))));
/// assert_eq!(retry.delay(), Duration::from_secs(120));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RetryAfter(pub Wait);

/// The value is the [`Wait`]: `retry.delay()`, `retry.delay_from(now)` and `retry.at(now)` are
/// its methods (a newtype that derefs to what it holds, as axum's `Json` and `TypedHeader` do).
impl Deref for RetryAfter {
    type Target = Wait;

    fn deref(&self) -> &Wait {
        &self.0
    }
}

impl FromStr for RetryAfter {
    type Err = ParseHeaderError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let value = super::syntax::trim(value);
        if value.is_empty() {
            return Err(ParseHeaderError::new("the value is empty"));
        }
        if let Some(seconds) = delay_seconds(value) {
            return Ok(Self(Wait::After(Duration::from_secs(seconds))));
        }
        if let Some(date) = http_date::parse(value) {
            return Ok(Self(Wait::At(date)));
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
        Err(ParseHeaderError::new(reason))
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
    ) -> Result<Option<Self>, ParseHeaderError> {
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
/// `delay-seconds` (digits only), read in the pass that checks it. Too many digits for a u64 is
/// the longest wait there is, not a malformed value, as RFC 9111 §1.2.2 reads delta-seconds: a
/// retry policy then gives up at once (the wait is over any cap) instead of retrying after its
/// backoff.
fn delay_seconds(value: &str) -> Option<u64> {
    let mut seconds: u64 = 0;
    for b in value.bytes() {
        let digit = b.checked_sub(b'0').filter(|digit| *digit <= 9)?;
        seconds = seconds.saturating_mul(10).saturating_add(u64::from(digit));
    }
    Some(seconds)
}

static RETRY_AFTER_MS: HeaderName = HeaderName::from_static("retry-after-ms");
/// `x-ms-retry-after-ms` (Azure).
static X_MS_RETRY_AFTER_MS: HeaderName = HeaderName::from_static("x-ms-retry-after-ms");

/// A millisecond header's value: `digits [ "." digits ]` milliseconds.
fn milliseconds(text: &str) -> Result<RetryAfter, ParseHeaderError> {
    let invalid = || ParseHeaderError::new("not a non-negative number of milliseconds");
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
        return Err(invalid());
    }
    // Too many digits: the longest wait there is, as for `Retry-After`.
    let millis: u64 = whole.parse().unwrap_or(u64::MAX);
    let mut nanos: u64 = 0;
    for (position, digit) in fraction.bytes().take(6).enumerate() {
        nanos += u64::from(digit - b'0') * 10u64.pow(5 - u32::try_from(position).unwrap_or(5));
    }
    Ok(RetryAfter(Wait::After(
        Duration::from_millis(millis) + Duration::from_nanos(nanos),
    )))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
