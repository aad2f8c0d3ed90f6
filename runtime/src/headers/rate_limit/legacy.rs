//! The three-header rate-limit families: `RateLimit-Limit` / `-Remaining` / `-Reset` (the
//! draft's versions 00–06, GitLab, Twitch), `X-RateLimit-*` (GitHub, Discord, Reddit) and
//! `X-Rate-Limit-*` (X, Okta). Each header is a number, or a list whose first element is one.
//! Each family reports one limit.

use http::HeaderName;

use super::lines::{Lines, RawHeader};
use super::time::reset_from;
use super::{Limit, RateLimitSource, invalid, structured};
use crate::headers::syntax::trim;
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

/// The lines of one family, found in one pass over the response's rate-limit lines: the first
/// non-empty value of each of its headers, and a copy of every line it reads (for
/// [`Limit::raw`]).
struct Found<'a> {
    limit: Option<&'a str>,
    remaining: Option<&'a str>,
    reset: Option<&'a str>,
    reset_after: Option<&'a str>,
    used: Option<&'a str>,
    /// The name's value and its rank in [`Family::names`] (the first there wins).
    name: Option<(usize, &'a RawHeader)>,
    kept: Vec<RawHeader>,
}

impl<'a> Found<'a> {
    fn of(lines: &'a Lines, source: RateLimitSource, family: &Family) -> Self {
        let mut found = Found {
            limit: None,
            remaining: None,
            reset: None,
            reset_after: None,
            used: None,
            name: None,
            kept: Vec::new(),
        };
        let first = |slot: &mut Option<&'a str>, value: &'a str| {
            if slot.is_none() && !value.is_empty() {
                *slot = Some(value);
            }
        };
        for raw in &lines.raw {
            let name = raw.name.as_str();
            let value = raw.value();
            if name == family.limit.as_str() {
                first(&mut found.limit, value);
            } else if name == family.remaining.as_str() {
                first(&mut found.remaining, value);
            } else if name == family.reset.as_str() {
                first(&mut found.reset, value);
            } else if family
                .reset_after
                .as_ref()
                .is_some_and(|own| name == own.as_str())
            {
                first(&mut found.reset_after, value);
            } else if family.used.as_ref().is_some_and(|own| name == own.as_str()) {
                first(&mut found.used, value);
            } else if let Some(rank) = family.names.iter().position(|own| *own == name) {
                if !value.is_empty() && found.name.is_none_or(|(best, _)| rank < best) {
                    found.name = Some((rank, raw));
                }
            } else if !(source == RateLimitSource::Fields && name == "ratelimit-policy") {
                continue;
            }
            if found.kept.is_empty() {
                found.kept.reserve_exact(lines.raw.len());
            }
            found.kept.push(raw.clone());
        }
        found
    }

    /// Whether the family is there: one of the headers that say a limit, what is left of it or
    /// when it resets (a name or a count alone is not a limit).
    fn present(&self) -> bool {
        self.limit.is_some()
            || self.remaining.is_some()
            || self.reset.is_some()
            || self.reset_after.is_some()
    }
}

/// The family's limit, or `None` when none of its headers is there.
pub(super) fn read(
    lines: &Lines,
    source: RateLimitSource,
    family: &Family,
) -> Option<Result<Limit, ParseHeaderError>> {
    let found = Found::of(lines, source, family);
    found
        .present()
        .then(|| limit_of(found, lines, source, family))
}

fn limit_of(
    found: Found<'_>,
    lines: &Lines,
    source: RateLimitSource,
    family: &Family,
) -> Result<Limit, ParseHeaderError> {
    let reset_after = family
        .reset_after
        .as_ref()
        .and_then(|name| found.reset_after.map(|value| (name, value)))
        .map(|(name, value)| {
            parse_decimal(value)
                .map(|(seconds, nanos)| Wait::After(std::time::Duration::new(seconds, nanos)))
                .ok_or_else(|| invalid(name, "not a non-negative number of seconds"))
        })
        .transpose()?;
    let reset = match reset_after {
        Some(reset) => Some(reset),
        None => found
            .reset
            .map(|value| {
                first_element(value)
                    .and_then(parse_decimal)
                    .ok_or_else(|| invalid(&family.reset, "not a non-negative number of seconds"))
                    .and_then(|(seconds, nanos)| reset_from(seconds, nanos, &family.reset))
            })
            .transpose()?,
    };
    let mut limit = Limit::new(found.name.map(|(_, raw)| raw.shared_value()));
    limit.limit = count(found.limit, &family.limit)?;
    limit.remaining = count(found.remaining, &family.remaining)?;
    limit.used = match &family.used {
        Some(name) => count(found.used, name)?,
        None => None,
    };
    limit.reset = reset;
    // The drafts put the window into `RateLimit-Policy` (`100;w=60`); only theirs reads it.
    if source == RateLimitSource::Fields {
        limit.window = structured::policies(lines)?
            .iter()
            .find(|policy| Some(policy.quota) == limit.limit)
            .and_then(|policy| policy.window);
    }
    limit.raw = found.kept;
    Ok(limit)
}

/// A count: the first list element of `value` (the first non-empty line of `name`), a whole
/// number.
fn count(value: Option<&str>, name: &HeaderName) -> Result<Option<u64>, ParseHeaderError> {
    value
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
    // Up to the first `,` (the next element) or `;` (its parameters), whichever comes first.
    let end = value
        .bytes()
        .position(|b| b == b',' || b == b';')
        .unwrap_or(value.len());
    let element = trim(value.get(..end)?);
    (!element.is_empty()).then_some(element)
}

/// `digits [ "." digits ]`: the whole part and the fraction in nanoseconds (truncated).
pub(super) fn parse_decimal(text: &str) -> Option<(u64, u32)> {
    // One pass over the bytes (a number per header line, parsed on every response).
    let mut bytes = text.bytes();
    let mut whole: u64 = 0;
    let mut digits = 0;
    let mut dot = false;
    for b in bytes.by_ref() {
        match b {
            b'0'..=b'9' => {
                whole = whole.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                digits += 1;
            }
            b'.' => {
                dot = true;
                break;
            }
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let mut nanos = 0u32;
    let mut scale = 100_000_000u32;
    let mut fraction = 0;
    if dot {
        for b in bytes {
            if !b.is_ascii_digit() {
                return None;
            }
            // Nanoseconds: the first nine digits count, the rest are truncated.
            nanos += u32::from(b - b'0') * scale;
            scale /= 10;
            fraction += 1;
        }
        if fraction == 0 {
            return None;
        }
    }
    Some((whole, nanos))
}

#[cfg(test)]
mod tests {
    use super::{first_element, parse_decimal};

    /// The definition the one-pass parse replaced: `digits [ "." digits ]`, nine fraction
    /// digits counted.
    fn reference(text: &str) -> Option<(u64, u32)> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !fraction.bytes().all(|b| b.is_ascii_digit())
            || (text.contains('.') && fraction.is_empty())
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

    #[test]
    fn the_one_pass_decimal_parse_agrees_with_its_definition() {
        for text in [
            "",
            "0",
            "7",
            "60",
            "1372700873",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
            ".",
            "5.",
            ".5",
            "1.5",
            "1.5.3",
            "0.123456789",
            "0.1234567891234",
            "2.000000001",
            "+1",
            "-1",
            " 1",
            "1 ",
            "1e3",
            "1,2",
            "٣",
            "1.x",
            "00012",
            "0.0",
        ] {
            assert_eq!(parse_decimal(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn the_first_element_stops_at_a_comma_or_a_parameter() {
        assert_eq!(first_element("10, 10;w=1, 50;w=60"), Some("10"));
        assert_eq!(first_element(" 10 ;w=1, 50"), Some("10"));
        assert_eq!(first_element("10"), Some("10"));
        assert_eq!(first_element(";w=1"), None);
        assert_eq!(first_element(" , 5"), None);
    }
}
