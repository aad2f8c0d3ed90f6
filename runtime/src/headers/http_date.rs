//! HTTP-dates (RFC 9110 §5.6.7), read the same way by every typed header that holds one
//! ([`RetryAfter`](super::RetryAfter), [`LastModified`](super::LastModified)).
//!
//! The rule for dates before 1970 lives here, once: such a date is a valid HTTP-date (RFC 9110
//! allows any four-digit year), and [`parse`] returns it. What a type does with it is the
//! type's own range: `RetryAfter` holds any date (one in the past means "retry now");
//! `LastModified` holds only the dates it can write back into a conditional request, 1970
//! through 9999, and rejects the others as it rejects any value that is no HTTP-date.

use std::time::{Duration, SystemTime};

/// 10000-01-01T00:00:00Z, as time since the Unix epoch: HTTP-dates have four-digit years.
pub(crate) const END_OF_HTTP_DATES: Duration = Duration::from_secs(253_402_300_800);

/// An HTTP-date in any of its three formats — IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`),
/// the obsolete RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime
/// (`Sun Nov  6 08:49:37 1994`) — dates before 1970 included. `None` for anything else (the
/// weekday is checked).
pub(crate) fn parse(value: &str) -> Option<SystemTime> {
    httpdate::parse_http_date(value)
        .ok()
        .or_else(|| date_before_1970(value))
}

/// An HTTP-date before 1970, which `httpdate` does not read (`Mon, 01 Jan 1900 00:00:00 GMT`).
/// It is read 400·k years later
/// — the Gregorian calendar repeats every 400 years, weekdays and leap days included, so
/// `httpdate` still checks the weekday — and moved back by as many 146 097-day cycles. Only the
/// two formats with four-digit years can name such a date: IMF-fixdate (29 bytes, the year at
/// 12..16) and asctime (24 bytes, the year at 20..24). `None` if it is no such date, or if this
/// platform's `SystemTime` cannot go back that far.
fn date_before_1970(value: &str) -> Option<SystemTime> {
    const CYCLE: Duration = Duration::from_secs(146_097 * 86_400);
    let year_at = match value.len() {
        29 => 12,
        24 => 20,
        _ => return None,
    };
    let digits = value.get(year_at..year_at + 4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: u32 = digits.parse().ok()?;
    if year >= 1970 {
        return None;
    }
    let cycles = (1970 - year).div_ceil(400);
    let shifted = format!(
        "{}{}{}",
        value.get(..year_at)?,
        year + 400 * cycles,
        value.get(year_at + 4..)?
    );
    let date = httpdate::parse_http_date(&shifted).ok()?;
    date.checked_sub(CYCLE.checked_mul(cycles)?)
}
