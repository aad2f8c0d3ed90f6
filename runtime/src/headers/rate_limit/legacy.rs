//! The three-header rate-limit families: `RateLimit-Limit` / `-Remaining` / `-Reset` (the
//! draft's versions 00–06, GitLab, Twitch), `X-RateLimit-*` (GitHub, Discord, Reddit) and
//! `X-Rate-Limit-*` (X, Okta). Each header is a number, or a list whose first element is one.
//! Each family reports one limit.

use http::HeaderName;

use super::lines::Lines;
use super::time::reset_from;
use super::{Limit, RateLimitSource, invalid, structured};
use crate::headers::{ParseHeaderError, Wait};

/// The header names of a three-header family, with the extra headers some vendors add.
pub(super) struct Family {
    limit: HeaderName,
    remaining: HeaderName,
    reset: HeaderName,
    /// Seconds to wait, which wins over `reset` (Discord's `X-RateLimit-Reset-After`).
    reset_after: Option<HeaderName>,
    /// How much was used (GitHub's and Reddit's `X-RateLimit-Used`).
    used: Option<HeaderName>,
    /// The limit's name, first present wins (GitHub's `X-RateLimit-Resource`, Discord's
    /// `X-RateLimit-Bucket`, GitLab's `RateLimit-Name`).
    names: &'static [&'static str],
}

impl Family {
    /// The headers whose presence means the family is there.
    pub(super) fn present(&self) -> impl Iterator<Item = &HeaderName> {
        [&self.limit, &self.remaining, &self.reset]
            .into_iter()
            .chain(self.reset_after.as_ref())
    }

    /// `true` for a header this family reads.
    fn reads(&self, name: &str) -> bool {
        self.present()
            .chain(self.used.as_ref())
            .any(|own| own == name)
            || self.names.contains(&name)
    }
}

pub(super) static RATELIMIT_FIELDS: Family = Family {
    limit: HeaderName::from_static("ratelimit-limit"),
    remaining: HeaderName::from_static("ratelimit-remaining"),
    reset: HeaderName::from_static("ratelimit-reset"),
    reset_after: None,
    used: None,
    names: &["ratelimit-name"],
};
pub(super) static X_RATELIMIT: Family = Family {
    limit: HeaderName::from_static("x-ratelimit-limit"),
    remaining: HeaderName::from_static("x-ratelimit-remaining"),
    reset: HeaderName::from_static("x-ratelimit-reset"),
    reset_after: Some(HeaderName::from_static("x-ratelimit-reset-after")),
    used: Some(HeaderName::from_static("x-ratelimit-used")),
    names: &["x-ratelimit-resource", "x-ratelimit-bucket"],
};
pub(super) static X_RATE_LIMIT: Family = Family {
    limit: HeaderName::from_static("x-rate-limit-limit"),
    remaining: HeaderName::from_static("x-rate-limit-remaining"),
    reset: HeaderName::from_static("x-rate-limit-reset"),
    reset_after: None,
    used: None,
    names: &[],
};

/// The family `source`, whose headers are `family`.
pub(super) fn read(
    lines: &Lines,
    source: RateLimitSource,
    family: &Family,
) -> Result<Limit, ParseHeaderError> {
    let reset_after = family
        .reset_after
        .as_ref()
        .and_then(|name| lines.first(name).map(|value| (name, value)))
        .map(|(name, value)| {
            parse_decimal(value)
                .map(|(seconds, nanos)| Wait::After(std::time::Duration::new(seconds, nanos)))
                .ok_or_else(|| invalid(name, "not a non-negative number of seconds"))
        })
        .transpose()?;
    let reset = match reset_after {
        Some(reset) => Some(reset),
        None => lines
            .first(&family.reset)
            .map(|value| {
                first_element(value)
                    .and_then(parse_decimal)
                    .ok_or_else(|| invalid(&family.reset, "not a non-negative number of seconds"))
                    .and_then(|(seconds, nanos)| reset_from(seconds, nanos, &family.reset))
            })
            .transpose()?,
    };
    let name = family
        .names
        .iter()
        .find_map(|name| lines.first_line(name))
        .map(|raw| raw.value.clone());
    let mut limit = Limit::new(name);
    limit.limit = count(lines, &family.limit)?;
    limit.remaining = count(lines, &family.remaining)?;
    limit.used = family
        .used
        .as_ref()
        .map(|name| count(lines, name))
        .transpose()?
        .flatten();
    limit.reset = reset;
    // The drafts put the window into `RateLimit-Policy` (`100;w=60`); only theirs reads it.
    if source == RateLimitSource::Fields {
        limit.window = structured::policies(lines)?
            .iter()
            .find(|policy| Some(policy.quota) == limit.limit)
            .and_then(|policy| policy.window);
    }
    limit.raw = lines.copies(|name| {
        family.reads(name) || (source == RateLimitSource::Fields && name == "ratelimit-policy")
    });
    Ok(limit)
}

/// The count in header `name`: the first element's whole part.
pub(super) fn count(lines: &Lines, name: &HeaderName) -> Result<Option<u64>, ParseHeaderError> {
    lines
        .first(name)
        .map(|value| {
            first_element(value)
                .and_then(parse_decimal)
                .map(|(whole, _)| whole)
                .ok_or_else(|| invalid(name, "not a non-negative number"))
        })
        .transpose()
}

/// The first list element, without parameters: `10` of `10, 10;w=1, 50;w=60` (drafts 00–03).
fn first_element(value: &str) -> Option<&str> {
    let element = value.split(',').next()?;
    let element = element.split(';').next()?.trim();
    (!element.is_empty()).then_some(element)
}

/// `digits [ "." digits ]`: the whole part and the fraction in nanoseconds (truncated).
pub(super) fn parse_decimal(text: &str) -> Option<(u64, u32)> {
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
