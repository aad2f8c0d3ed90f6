//! How rate-limit resets are written: numbers, which the reset rule reads as delta-seconds or
//! Unix times, and the two time formats vendors use besides them, Go's `time.Duration` text
//! (OpenAI: `6m0s`, `20ms`) and RFC 3339 timestamps (Anthropic: `2024-09-05T17:30:00Z`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::HeaderName;

use super::invalid;
use crate::headers::{ParseHeaderError, Wait};

/// A duration as Go's `time.Duration.String()` writes it and `time.ParseDuration` reads it
/// (pkg.go.dev/time#ParseDuration): one or more `number unit` pairs, the number with an optional
/// fraction, the unit one of `h`, `m`, `s`, `ms`, `us` (`µs`, `μs`) and `ns` — `6m0s`,
/// `1h2m3.5s`, `20ms` — or a bare `0`. Signs are refused (a reset is never negative), and so is
/// anything `ParseDuration` refuses: a missing unit, an empty number (`.s`), spaces. `None` also
/// when the total does not fit in a [`Duration`].
pub(super) fn go_duration(text: &str) -> Option<Duration> {
    if text == "0" {
        return Some(Duration::ZERO);
    }
    let mut rest = text;
    let mut total = Duration::ZERO;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(digits);
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        if (whole.is_empty() && fraction.is_empty()) || fraction.contains('.') {
            return None;
        }
        let unit_len = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, next) = after.split_at(unit_len);
        let nanos_per_unit: u128 = match unit {
            "h" => 3_600_000_000_000,
            "m" => 60_000_000_000,
            "s" => 1_000_000_000,
            "ms" => 1_000_000,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ns" => 1,
            _ => return None,
        };
        let whole: u128 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        // The fraction's first 18 digits decide the value to well below a nanosecond.
        let mut numerator: u128 = 0;
        let mut denominator: u128 = 1;
        for digit in fraction.bytes().take(18) {
            numerator = numerator * 10 + u128::from(digit - b'0');
            denominator *= 10;
        }
        let nanos = whole
            .checked_mul(nanos_per_unit)?
            .checked_add(numerator * nanos_per_unit / denominator)?;
        let seconds = u64::try_from(nanos / 1_000_000_000).ok()?;
        let part = Duration::new(seconds, u32::try_from(nanos % 1_000_000_000).ok()?);
        total = total.checked_add(part)?;
        rest = next;
    }
    Some(total)
}

/// An RFC 3339 `date-time` (§5.6): `2024-09-05T17:30:00Z`, `2024-09-05T19:30:00.5+02:00`. The
/// `T` and `Z` may be lower case (the ABNF is case-insensitive), and a space may stand for the
/// `T` (§5.6's note). The fraction is kept to the nanosecond; a leap second (`:60`) is read as
/// the first second of the next minute. `None` for anything else, including impossible dates
/// (`2023-02-29`), and for a moment this platform's [`SystemTime`] cannot hold.
pub(super) fn rfc3339(text: &str) -> Option<SystemTime> {
    let bytes = text.as_bytes();
    let number = |range: core::ops::Range<usize>| -> Option<i64> {
        let digits = bytes.get(range)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        core::str::from_utf8(digits).ok()?.parse().ok()
    };
    let separators_ok = bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && matches!(bytes.get(10), Some(b'T' | b't' | b' '))
        && bytes.get(13) == Some(&b':')
        && bytes.get(16) == Some(&b':');
    if !separators_ok {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = text.get(19..)?;
    let mut nanos: u32 = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(fraction.len());
        if digits == 0 {
            return None;
        }
        for (position, digit) in fraction.bytes().take(digits.min(9)).enumerate() {
            nanos += u32::from(digit - b'0') * 10u32.pow(8 - u32::try_from(position).ok()?);
        }
        rest = fraction.get(digits..)?;
    }
    let offset_seconds: i64 = match rest {
        "Z" | "z" => 0,
        _ => {
            let offset = rest.as_bytes();
            let sign = match offset.first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            if offset.len() != 6 || offset.get(3) != Some(&b':') {
                return None;
            }
            let digits = |range: core::ops::Range<usize>| -> Option<i64> {
                let part = rest.get(range)?;
                part.bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| part.parse().ok())?
            };
            let (hours, minutes) = (digits(1..3)?, digits(4..6)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            sign * (hours * 3600 + minutes * 60)
        }
    };
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_seconds;
    let since_epoch = Duration::new(seconds.unsigned_abs(), nanos);
    if seconds >= 0 {
        UNIX_EPOCH.checked_add(since_epoch)
    } else {
        UNIX_EPOCH
            .checked_sub(Duration::from_secs(seconds.unsigned_abs()))?
            .checked_add(Duration::from_nanos(u64::from(nanos)))
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`, chrono-compatible algorithms).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// A numeric reset, `value` whole units and `nanos` of a fraction, read by the reset rule (see
/// [`RateLimit`](super::RateLimit)): delta-seconds, or a Unix time in seconds or milliseconds.
pub(super) fn reset_from(
    value: u64,
    nanos: u32,
    header: &HeaderName,
) -> Result<Wait, ParseHeaderError> {
    const EPOCH_SECONDS: u64 = 1_000_000_000;
    const EPOCH_MILLIS: u64 = 1_000_000_000_000;
    let moment = if value < EPOCH_SECONDS {
        return Ok(Wait::After(Duration::new(value, nanos)));
    } else if value < EPOCH_MILLIS {
        UNIX_EPOCH.checked_add(Duration::new(value, nanos))
    } else {
        UNIX_EPOCH.checked_add(Duration::from_millis(value))
    };
    moment
        .map(Wait::At)
        .ok_or_else(|| invalid(header, "the reset time is out of range"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        let ms = Duration::from_millis;
        for (text, expected) in [
            ("0", Duration::ZERO),
            ("0s", Duration::ZERO),
            ("1s", ms(1000)),
            ("6m0s", ms(360_000)),
            ("20ms", ms(20)),
            ("1h2m3.5s", ms(3_723_500)),
            ("2m59.56s", ms(179_560)),
            ("7.66s", ms(7660)),
            ("12ms", ms(12)),
            ("1.5h", ms(5_400_000)),
            (".5s", ms(500)),
            ("5.s", ms(5000)),
            ("300us", Duration::from_micros(300)),
            ("300\u{b5}s", Duration::from_micros(300)),
            ("300\u{3bc}s", Duration::from_micros(300)),
            ("1ns", Duration::from_nanos(1)),
            ("0.000000001s", Duration::from_nanos(1)),
            ("1m1m", ms(120_000)),
        ] {
            assert_eq!(go_duration(text), Some(expected), "{text}");
        }
        for text in [
            "",
            "1",
            "s",
            ".s",
            "-1s",
            "+1s",
            "1 s",
            "1S",
            "1d",
            "1.2.3s",
            "1sm",
            " 1s",
            "99999999999999999999999h",
        ] {
            assert_eq!(go_duration(text), None, "{text:?}");
        }
    }

    #[test]
    fn rfc3339_timestamps() {
        let at = |seconds: u64, nanos: u32| Some(UNIX_EPOCH + Duration::new(seconds, nanos));
        // 2024-09-05T17:30:00Z is 1 725 557 400 s after the epoch.
        for (text, expected) in [
            ("2024-09-05T17:30:00Z", at(1_725_557_400, 0)),
            ("2024-09-05t17:30:00z", at(1_725_557_400, 0)),
            ("2024-09-05 17:30:00Z", at(1_725_557_400, 0)),
            ("2024-09-05T19:30:00+02:00", at(1_725_557_400, 0)),
            ("2024-09-05T17:00:00-00:30", at(1_725_557_400, 0)),
            ("2024-09-05T17:30:00.25Z", at(1_725_557_400, 250_000_000)),
            (
                "2024-09-05T17:30:00.1234567891Z",
                at(1_725_557_400, 123_456_789),
            ),
            ("1970-01-01T00:00:00Z", at(0, 0)),
            ("2024-02-29T00:00:00Z", at(1_709_164_800, 0)),
            ("2016-12-31T23:59:60Z", at(1_483_228_800, 0)),
            // RFC 3339 §5.8's examples.
            ("1985-04-12T23:20:50.52Z", at(482_196_050, 520_000_000)),
            ("1996-12-19T16:39:57-08:00", at(851_042_397, 0)),
        ] {
            assert_eq!(rfc3339(text), expected, "{text}");
        }
        assert_eq!(
            rfc3339("1969-12-31T23:59:59.5Z"),
            Some(UNIX_EPOCH - Duration::from_millis(500))
        );
        for text in [
            "",
            "2024-09-05",
            "2024-09-05T17:30:00",
            "2024-09-05T17:30Z",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-09-05T24:00:00Z",
            "2024-09-05T17:30:00.Z",
            "2024-09-05T17:30:00+0200",
            "2024-09-05T17:30:00+24:00",
            "2024-09-05T17:30:00Z ",
            "2024-9-05T17:30:00Z",
            "+024-09-05T17:30:00Z",
            "Thu, 05 Sep 2024 17:30:00 GMT",
        ] {
            assert_eq!(rfc3339(text), None, "{text:?}");
        }
    }
}
