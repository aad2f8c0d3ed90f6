//! The three-header rate-limit families: `RateLimit-Limit` / `-Remaining` / `-Reset` (the
//! draft's versions 00–06, GitLab, Twitch), `X-RateLimit-*` (GitHub, Discord, Reddit) and
//! `X-Rate-Limit-*` (X, Okta). Each header is a number, or a list whose first element is one.

use http::HeaderName;

use super::{Lines, RateLimit, RateLimitSource, invalid, reset_from, structured};
use crate::headers::InvalidHeaderValue;

/// The header names of a three-header family: limit, remaining, reset.
pub(super) type FamilyNames = [HeaderName; 3];

pub(super) static RATELIMIT_FIELDS: FamilyNames = [
    HeaderName::from_static("ratelimit-limit"),
    HeaderName::from_static("ratelimit-remaining"),
    HeaderName::from_static("ratelimit-reset"),
];
pub(super) static X_RATELIMIT: FamilyNames = [
    HeaderName::from_static("x-ratelimit-limit"),
    HeaderName::from_static("x-ratelimit-remaining"),
    HeaderName::from_static("x-ratelimit-reset"),
];
pub(super) static X_RATE_LIMIT: FamilyNames = [
    HeaderName::from_static("x-rate-limit-limit"),
    HeaderName::from_static("x-rate-limit-remaining"),
    HeaderName::from_static("x-rate-limit-reset"),
];

/// The family `source`, whose headers are `names`.
pub(super) fn read(
    lines: &Lines,
    source: RateLimitSource,
    names: &FamilyNames,
) -> Result<RateLimit, InvalidHeaderValue> {
    let [limit, remaining, reset] = names;
    let count = |name: &HeaderName| -> Result<Option<u64>, InvalidHeaderValue> {
        lines
            .first(name)
            .map(|value| {
                first_element(value)
                    .and_then(parse_decimal)
                    .map(|(whole, _)| whole)
                    .ok_or_else(|| invalid(name, "not a non-negative number"))
            })
            .transpose()
    };
    let reset_value = lines
        .first(reset)
        .map(|value| {
            first_element(value)
                .and_then(parse_decimal)
                .ok_or_else(|| invalid(reset, "not a non-negative number of seconds"))
                .and_then(|(seconds, nanos)| reset_from(seconds, nanos, reset))
        })
        .transpose()?;
    let limit = count(limit)?;
    // The drafts put the window into `RateLimit-Policy` (`100;w=60`); only theirs reads it.
    let window = match source {
        RateLimitSource::Fields => structured::policies(lines)?
            .iter()
            .find(|policy| Some(policy.quota) == limit)
            .and_then(|policy| policy.window),
        _ => None,
    };
    let mut rate_limit = RateLimit::empty(source);
    rate_limit.limit = limit;
    rate_limit.remaining = count(remaining)?;
    rate_limit.reset = reset_value;
    rate_limit.window = window;
    Ok(rate_limit)
}

/// The first list element, without parameters: `10` of `10, 10;w=1, 50;w=60` (drafts 00–03).
fn first_element(value: &str) -> Option<&str> {
    let element = value.split(',').next()?;
    let element = element.split(';').next()?.trim();
    (!element.is_empty()).then_some(element)
}

/// `digits [ "." digits ]`: the whole part and the fraction in nanoseconds (truncated).
fn parse_decimal(text: &str) -> Option<(u64, u32)> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || (text.contains('.') && fraction.is_empty())
    {
        return None;
    }
    let whole = whole.parse().ok()?;
    let mut nanos = 0u32;
    for (position, digit) in fraction.bytes().take(9).enumerate() {
        let scale = 10u32.pow(8u32.saturating_sub(u32::try_from(position).ok()?));
        nanos += u32::from(digit - b'0') * scale;
    }
    Some((whole, nanos))
}
