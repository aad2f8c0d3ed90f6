//! Rate-limit headers: the IETF draft's `RateLimit` / `RateLimit-Policy` structured fields,
//! its older `RateLimit-Limit` / `-Remaining` / `-Reset`, and the de-facto `X-RateLimit-*`
//! (GitHub, Discord, Reddit) and `X-Rate-Limit-*` (X, Okta) families.
//!
//! This file holds the value, the order in which the families are tried, and the reset rule
//! they share; `structured.rs` reads the draft's structured fields, `legacy.rs` the
//! three-header families that came before them.

mod legacy;
mod structured;

use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, HeaderName};

use super::{InvalidHeaderValue, TypedHeader};
use crate::context::RequestContext;
use structured::{POLICY, RATELIMIT};

/// What the server says about its rate limit: how many requests the window allows, how many
/// are left, and when the quota resets.
///
/// # Which headers
///
/// Four families are read, in this order; the first one present that parses wins
/// ([`source`](Self::source) says which):
///
/// 1. [`RateLimitSource::Structured`] — the IETF draft's structured fields:
///    `RateLimit: "default";r=50;t=30` with `RateLimit-Policy: "default";q=100;w=60`
///    (draft 08 and later), or `RateLimit: limit=100, remaining=50, reset=30` with
///    `RateLimit-Policy: 100;w=60` (draft 07). With several policies, the most restrictive
///    (least remaining, then latest reset) is reported.
/// 2. [`RateLimitSource::Fields`] — `RateLimit-Limit`, `RateLimit-Remaining`,
///    `RateLimit-Reset` (drafts 00–06, GitLab, Twitch), with `RateLimit-Policy` for the window.
/// 3. [`RateLimitSource::XRateLimit`] — `X-RateLimit-Limit`, `-Remaining`, `-Reset`
///    (GitHub, Discord, Reddit).
/// 4. [`RateLimitSource::XRateDashLimit`] — `X-Rate-Limit-Limit`, `-Remaining`, `-Reset`
///    (X/Twitter, Okta).
///
/// # The reset rule
///
/// Servers send the reset as seconds to wait or as a Unix timestamp, in seconds or
/// milliseconds, and the header name does not say which. The magnitude does:
///
/// | value `n` | read as |
/// |---|---|
/// | `n < 1_000_000_000` | delta-seconds: reset in `n` seconds (up to ~31 years) |
/// | `1_000_000_000 <= n < 1_000_000_000_000` | Unix time in seconds (2001-09-09 to year 33658) |
/// | `n >= 1_000_000_000_000` | Unix time in milliseconds |
///
/// The same rule holds for every family (some servers put timestamps even into the draft's
/// fields, which the draft defines as delta-seconds). A fraction (`1470173023.123`, Discord)
/// is kept to the nanosecond; limit and remaining drop theirs (`598.0`, Reddit, is 598).
///
/// # Absent and malformed
///
/// With no rate-limit header at all, extraction fails with
/// [`ExtractError::MissingHeader`](crate::ExtractError::MissingHeader) naming `ratelimit` (so
/// `Option<RateLimit>` is `None`). The draft says malformed rate-limit fields must be ignored: a
/// family that does not parse is skipped when another one does, but when every family present is
/// malformed the result is [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader) for
/// the first — also under `Option` — so that nothing is dropped silently. The raw values of every
/// rate-limit header are kept ([`raw`](Self::raw)), including the ones no family reads
/// (`X-RateLimit-Used`, `X-RateLimit-Resource`, ...).
///
/// Outside a derived type, [`TypedHeader::decode`] reads it from a [`HeaderMap`]: `Ok(None)`
/// when there is no rate-limit header, an error naming the malformed one otherwise.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use response_handler::{RateLimit, RateLimitReset, RateLimitSource, ResponseHandler, RetryAfter};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Search {
///     #[on(200)]
///     Results(String),
///     #[on(429)]
///     RateLimited(Option<RetryAfter>, RateLimit),
/// }
///
/// // GitHub's primary rate limit.
/// let response = http::Response::builder()
///     .status(429)
///     .header("x-ratelimit-limit", "60")
///     .header("x-ratelimit-remaining", "0")
///     .header("x-ratelimit-used", "60")
///     .header("x-ratelimit-reset", "1372700873")
///     .header("x-ratelimit-resource", "core")
///     .body(())
///     .unwrap();
/// let Search::RateLimited(None, limit) = Search::from_response(response).unwrap() else { panic!() };
/// assert_eq!(limit.source(), RateLimitSource::XRateLimit);
/// assert_eq!((limit.limit(), limit.remaining()), (Some(60), Some(0)));
/// assert!(limit.is_exhausted());
/// assert_eq!(
///     limit.reset(),
///     Some(RateLimitReset::At(UNIX_EPOCH + Duration::from_secs(1372700873)))
/// );
/// assert_eq!(limit.raw_value("x-ratelimit-resource"), Some("core"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RateLimit {
    source: RateLimitSource,
    policy: Option<String>,
    limit: Option<u64>,
    remaining: Option<u64>,
    reset: Option<RateLimitReset>,
    window: Option<Duration>,
    raw: Vec<RawHeader>,
}

/// The raw values of headers marked [sensitive](http::HeaderValue::is_sensitive) are shown as
/// `[redacted]` ([`raw`](RateLimit::raw) still returns them).
impl core::fmt::Debug for RateLimit {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RateLimit")
            .field("source", &self.source)
            .field("policy", &self.policy)
            .field("limit", &self.limit)
            .field("remaining", &self.remaining)
            .field("reset", &self.reset)
            .field("window", &self.window)
            .field("raw", &self.raw)
            .finish()
    }
}

/// One rate-limit header line as received: what [`RateLimit::raw`] lists.
#[derive(Clone, PartialEq, Eq)]
pub struct RawHeader {
    name: HeaderName,
    value: String,
    sensitive: bool,
}

impl RawHeader {
    /// The header's name (lowercase).
    pub fn name(&self) -> &HeaderName {
        &self.name
    }

    /// The value, trimmed (bytes that are not UTF-8 are replacement characters).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// `true` if the value was marked [sensitive](http::HeaderValue::is_sensitive): `Debug`
    /// shows it as `[redacted]`.
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }
}

/// `(name, value)`, with a sensitive value shown as `[redacted]`.
impl core::fmt::Debug for RawHeader {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut tuple = f.debug_tuple("");
        tuple.field(&self.name);
        if self.sensitive {
            tuple.field(&format_args!("[redacted]"));
        } else {
            tuple.field(&self.value);
        }
        tuple.finish()
    }
}

/// Which family of headers a [`RateLimit`] was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RateLimitSource {
    /// The IETF draft's structured `RateLimit` field (with `RateLimit-Policy`), or
    /// `RateLimit-Policy` alone.
    Structured,
    /// `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`.
    Fields,
    /// `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`.
    XRateLimit,
    /// `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining`, `X-Rate-Limit-Reset`.
    XRateDashLimit,
}

/// When the quota resets: after a delay, or at a moment (see [`RateLimit`]'s reset rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateLimitReset {
    /// In this long, counted from when the response was sent.
    After(Duration),
    /// At this moment.
    At(SystemTime),
}

impl RateLimitReset {
    /// How long to wait from now (zero for a moment in the past).
    pub fn delay(&self) -> Duration {
        self.delay_from(SystemTime::now())
    }

    /// How long to wait from `now` (zero for a moment before `now`).
    pub fn delay_from(&self, now: SystemTime) -> Duration {
        match *self {
            Self::After(delay) => delay,
            Self::At(moment) => moment.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }
}

impl RateLimit {
    /// Which family of headers this was read from.
    pub fn source(&self) -> RateLimitSource {
        self.source
    }

    /// The name of the quota policy reported (draft 08 and later: `"default"`, `"burst"`, ...).
    pub fn policy(&self) -> Option<&str> {
        self.policy.as_deref()
    }

    /// The quota: how many requests (or other quota units) the window allows.
    pub fn limit(&self) -> Option<u64> {
        self.limit
    }

    /// How many are left in the current window.
    pub fn remaining(&self) -> Option<u64> {
        self.remaining
    }

    /// `true` when the server says nothing is left (`remaining` is 0).
    pub fn is_exhausted(&self) -> bool {
        self.remaining == Some(0)
    }

    /// When the quota resets.
    pub fn reset(&self) -> Option<RateLimitReset> {
        self.reset
    }

    /// How long until the quota resets, from now.
    pub fn reset_delay(&self) -> Option<Duration> {
        self.reset.map(|reset| reset.delay())
    }

    /// The length of the quota's time window, from `RateLimit-Policy` (`w=`).
    pub fn window(&self) -> Option<Duration> {
        self.window
    }

    /// Every rate-limit header line of the response, in order: names starting with
    /// `ratelimit`, `x-ratelimit-` or `x-rate-limit-` (values that are not UTF-8 are shown with
    /// replacement characters).
    pub fn raw(&self) -> &[RawHeader] {
        &self.raw
    }

    /// The first raw value of header `name` (lowercase), if the response had it.
    pub fn raw_value(&self, name: &str) -> Option<&str> {
        self.raw
            .iter()
            .find(|raw| raw.name.as_str() == name)
            .map(|raw| raw.value.as_str())
    }
}

impl TypedHeader for RateLimit {
    /// `RateLimit`: the header named when no rate-limit header is present.
    fn name() -> &'static HeaderName {
        &RATELIMIT
    }

    /// The first family present that parses (see [`RateLimit`]); when every family present is
    /// malformed, the error of the first.
    fn decode(
        headers: &HeaderMap,
        _: Option<&RequestContext>,
    ) -> Result<Option<Self>, InvalidHeaderValue> {
        let lines = Lines::of(headers);
        let mut first_error = None;
        let families = [
            RateLimitSource::Structured,
            RateLimitSource::Fields,
            RateLimitSource::XRateLimit,
            RateLimitSource::XRateDashLimit,
        ];
        for source in families {
            match read_family(&lines, source) {
                None => {}
                Some(Ok(rate_limit)) => return Ok(Some(rate_limit.with_raw(lines))),
                Some(Err(error)) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        // Only a policy: the quota and window are known, what is left is not.
        if first_error.is_none() && lines.first(&POLICY).is_some() {
            match structured::read_policy_only(&lines) {
                Ok(rate_limit) => return Ok(Some(rate_limit.with_raw(lines))),
                Err(error) => first_error = Some(error),
            }
        }
        first_error.map_or(Ok(None), Err)
    }
}

impl RateLimit {
    /// A value of `source` with nothing known yet.
    fn empty(source: RateLimitSource) -> Self {
        Self {
            source,
            policy: None,
            limit: None,
            remaining: None,
            reset: None,
            window: None,
            raw: Vec::new(),
        }
    }

    fn with_raw(mut self, lines: Lines) -> Self {
        self.raw = lines.raw;
        self
    }
}

fn read_family(
    lines: &Lines,
    source: RateLimitSource,
) -> Option<Result<RateLimit, InvalidHeaderValue>> {
    let names = match source {
        RateLimitSource::Structured => {
            return lines
                .first(&RATELIMIT)
                .is_some()
                .then(|| structured::read(lines));
        }
        RateLimitSource::Fields => &legacy::RATELIMIT_FIELDS,
        RateLimitSource::XRateLimit => &legacy::X_RATELIMIT,
        RateLimitSource::XRateDashLimit => &legacy::X_RATE_LIMIT,
    };
    let present = names.iter().any(|name| lines.first(name).is_some());
    present.then(|| legacy::read(lines, source, names))
}

/// The rate-limit header lines of a response, as text (they become [`RateLimit::raw`]).
struct Lines {
    raw: Vec<RawHeader>,
}

fn is_rate_limit_header(name: &HeaderName) -> bool {
    let name = name.as_str();
    name.starts_with("ratelimit")
        || name.starts_with("x-ratelimit-")
        || name.starts_with("x-rate-limit-")
}

impl Lines {
    fn of(headers: &HeaderMap) -> Self {
        // Counted first so that the vector is allocated once, at its final size.
        let count = headers
            .iter()
            .filter(|(name, _)| is_rate_limit_header(name))
            .count();
        let mut raw = Vec::with_capacity(count);
        for (name, value) in headers
            .iter()
            .filter(|(name, _)| is_rate_limit_header(name))
        {
            raw.push(RawHeader {
                name: name.clone(),
                value: String::from_utf8_lossy(value.as_bytes()).trim().to_owned(),
                sensitive: value.is_sensitive(),
            });
        }
        Self { raw }
    }

    /// The non-empty lines of header `name`.
    fn lines<'a>(&'a self, name: &'a HeaderName) -> impl Iterator<Item = &'a str> + 'a {
        self.raw
            .iter()
            .filter(move |raw| raw.name == *name && !raw.value.is_empty())
            .map(|raw| raw.value.as_str())
    }

    fn first<'a>(&'a self, name: &'a HeaderName) -> Option<&'a str> {
        self.lines(name).next()
    }

    /// The non-empty lines of header `name` joined with `", "` (borrowed for a single line).
    fn joined<'a>(&'a self, name: &'a HeaderName) -> Cow<'a, str> {
        let mut lines = self.lines(name);
        let Some(first) = lines.next() else {
            return Cow::Borrowed("");
        };
        let Some(second) = lines.next() else {
            return Cow::Borrowed(first);
        };
        let mut joined = String::with_capacity(first.len() + 2 + second.len());
        joined.push_str(first);
        for line in core::iter::once(second).chain(lines) {
            joined.push_str(", ");
            joined.push_str(line);
        }
        Cow::Owned(joined)
    }
}

/// The reset rule: see [`RateLimit`].
fn reset_from(
    value: u64,
    nanos: u32,
    header: &HeaderName,
) -> Result<RateLimitReset, InvalidHeaderValue> {
    const EPOCH_SECONDS: u64 = 1_000_000_000;
    const EPOCH_MILLIS: u64 = 1_000_000_000_000;
    let moment = if value < EPOCH_SECONDS {
        return Ok(RateLimitReset::After(Duration::new(value, nanos)));
    } else if value < EPOCH_MILLIS {
        UNIX_EPOCH.checked_add(Duration::new(value, nanos))
    } else {
        UNIX_EPOCH.checked_add(Duration::from_millis(value))
    };
    moment
        .map(RateLimitReset::At)
        .ok_or_else(|| invalid(header, "the reset time is out of range"))
}

/// The error for a malformed value of `header`.
fn invalid(header: &HeaderName, reason: impl Into<String>) -> InvalidHeaderValue {
    InvalidHeaderValue::new(reason).in_header(header)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::error::ExtractError;
    use crate::headers::test_support::with_headers;

    fn read(headers: &[(&str, &str)]) -> Result<RateLimit, ExtractError> {
        with_headers(headers).extract::<RateLimit>()
    }

    fn at(seconds: u64) -> Option<RateLimitReset> {
        Some(RateLimitReset::At(
            UNIX_EPOCH + Duration::from_secs(seconds),
        ))
    }

    fn after(seconds: u64) -> Option<RateLimitReset> {
        Some(RateLimitReset::After(Duration::from_secs(seconds)))
    }

    #[test]
    fn github() {
        // docs.github.com, "Rate limits for the REST API".
        let limit = read(&[
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-remaining", "4999"),
            ("x-ratelimit-used", "1"),
            ("x-ratelimit-reset", "1691591363"),
            ("x-ratelimit-resource", "core"),
        ])
        .unwrap();
        assert_eq!(limit.source(), RateLimitSource::XRateLimit);
        assert_eq!(
            (limit.limit(), limit.remaining(), limit.reset()),
            (Some(5000), Some(4999), at(1_691_591_363))
        );
        assert_eq!(limit.raw().len(), 5);
        assert_eq!(limit.raw_value("x-ratelimit-used"), Some("1"));
        assert_eq!(limit.window(), None);
    }

    #[test]
    fn x_twitter_and_okta() {
        // developer.x.com, "Rate limits": x-rate-limit-* with an epoch reset.
        let limit = read(&[
            ("x-rate-limit-limit", "900"),
            ("x-rate-limit-remaining", "847"),
            ("x-rate-limit-reset", "1705420800"),
        ])
        .unwrap();
        assert_eq!(limit.source(), RateLimitSource::XRateDashLimit);
        assert_eq!(
            (limit.limit(), limit.remaining(), limit.reset()),
            (Some(900), Some(847), at(1_705_420_800))
        );
        // Okta sends the same family.
        let okta = read(&[
            ("X-Rate-Limit-Limit", "1200"),
            ("X-Rate-Limit-Remaining", "0"),
            ("X-Rate-Limit-Reset", "1609459200"),
        ])
        .unwrap();
        assert!(okta.is_exhausted());
    }

    #[test]
    fn discord_and_reddit_use_fractions() {
        // Discord: an epoch reset with milliseconds as a fraction.
        let discord = read(&[
            ("x-ratelimit-limit", "5"),
            ("x-ratelimit-remaining", "1"),
            ("x-ratelimit-reset", "1470173023.123"),
            ("x-ratelimit-reset-after", "1.234"),
            ("x-ratelimit-bucket", "abcd1234"),
        ])
        .unwrap();
        assert_eq!(
            discord.reset(),
            Some(RateLimitReset::At(
                UNIX_EPOCH + Duration::from_millis(1_470_173_023_123)
            ))
        );
        assert_eq!(discord.raw_value("x-ratelimit-reset-after"), Some("1.234"));
        // Reddit: a fractional remaining and a delta reset.
        let reddit = read(&[
            ("x-ratelimit-used", "4"),
            ("x-ratelimit-remaining", "596.0"),
            ("x-ratelimit-reset", "276"),
        ])
        .unwrap();
        assert_eq!(
            (reddit.limit(), reddit.remaining(), reddit.reset()),
            (None, Some(596), after(276))
        );
    }

    #[test]
    fn gitlab_and_the_early_drafts() {
        // GitLab.com: RateLimit-* with an epoch reset, and an HTTP-date copy of it.
        let gitlab = read(&[
            ("RateLimit-Limit", "60"),
            ("RateLimit-Observed", "67"),
            ("RateLimit-Remaining", "0"),
            ("RateLimit-Reset", "1609844400"),
            ("RateLimit-ResetTime", "Tue, 05 Jan 2021 11:00:00 GMT"),
        ])
        .unwrap();
        assert_eq!(gitlab.source(), RateLimitSource::Fields);
        assert_eq!(gitlab.reset(), at(1_609_844_400));
        assert_eq!(
            gitlab.raw_value("ratelimit-resettime"),
            Some("Tue, 05 Jan 2021 11:00:00 GMT")
        );
        // draft-ietf-httpapi-ratelimit-headers-01: policies inside RateLimit-Limit.
        let draft01 = read(&[
            (
                "RateLimit-Limit",
                "10, 10;w=1, 50;w=60, 1000;w=3600, 5000;w=86400",
            ),
            ("RateLimit-Remaining", "9"),
            ("RateLimit-Reset", "1"),
        ])
        .unwrap();
        assert_eq!(
            (draft01.limit(), draft01.remaining(), draft01.reset()),
            (Some(10), Some(9), after(1))
        );
        // Draft 06: the window in RateLimit-Policy.
        let draft06 = read(&[
            ("RateLimit-Limit", "100"),
            ("RateLimit-Remaining", "50"),
            ("RateLimit-Reset", "50"),
            ("RateLimit-Policy", "10;w=1, 100;w=60"),
        ])
        .unwrap();
        assert_eq!(draft06.window(), Some(Duration::from_secs(60)));
    }

    #[test]
    fn draft_07_dictionary() {
        // draft-ietf-httpapi-ratelimit-headers-07 §5 (express-rate-limit's draft-7 mode).
        let limit = read(&[
            ("RateLimit", "limit=10, remaining=1, reset=7"),
            ("RateLimit-Policy", "10;w=1"),
        ])
        .unwrap();
        assert_eq!(limit.source(), RateLimitSource::Structured);
        assert_eq!(
            (
                limit.limit(),
                limit.remaining(),
                limit.reset(),
                limit.window()
            ),
            (Some(10), Some(1), after(7), Some(Duration::from_secs(1)))
        );
        assert_eq!(limit.policy(), None);
    }

    #[test]
    fn draft_10_lists() {
        // draft-ietf-httpapi-ratelimit-headers-10 §3.2 and §4.2.
        let limit = read(&[
            ("RateLimit-Policy", "\"default\";q=100;w=10"),
            ("RateLimit", "\"default\";r=50;t=30"),
        ])
        .unwrap();
        assert_eq!(
            (
                limit.policy(),
                limit.limit(),
                limit.remaining(),
                limit.reset()
            ),
            (Some("default"), Some(100), Some(50), after(30))
        );
        assert_eq!(limit.window(), Some(Duration::from_secs(10)));
        // Two policies, split over two lines: the most restrictive is reported.
        let limit = read(&[
            (
                "RateLimit-Policy",
                "\"permin\";q=50;w=60,\"perhr\";q=1000;w=3600",
            ),
            ("RateLimit", "\"permin\";r=20;t=12"),
            ("RateLimit", "\"perhr\";r=0;t=1800"),
        ])
        .unwrap();
        assert_eq!(
            (
                limit.policy(),
                limit.limit(),
                limit.remaining(),
                limit.reset()
            ),
            (Some("perhr"), Some(1000), Some(0), after(1800))
        );
        // A partition key and no reset.
        let limit = read(&[("RateLimit", "\"default\";r=999;pk=:dHJpYWwxMjEzMjM=:")]).unwrap();
        assert_eq!((limit.remaining(), limit.reset()), (Some(999), None));
        // A policy alone tells the quota and window.
        let policy = read(&[(
            "RateLimit-Policy",
            "\"peruser\";q=65535;qu=\"content-bytes\";w=10;pk=:sdfjLJUOUH==:",
        )])
        .unwrap();
        assert_eq!(
            (policy.limit(), policy.remaining(), policy.window()),
            (Some(65535), None, Some(Duration::from_secs(10)))
        );
    }

    #[test]
    fn the_reset_rule() {
        let reset = |value: &str| {
            read(&[("x-ratelimit-reset", value)])
                .unwrap()
                .reset()
                .unwrap()
        };
        assert_eq!(reset("0"), RateLimitReset::After(Duration::ZERO));
        assert_eq!(
            reset("999999999"),
            RateLimitReset::After(Duration::from_secs(999_999_999))
        );
        assert_eq!(Some(reset("1000000000")), at(1_000_000_000));
        assert_eq!(Some(reset("999999999999")), at(999_999_999_999));
        assert_eq!(
            reset("1700000000123"),
            RateLimitReset::At(UNIX_EPOCH + Duration::from_millis(1_700_000_000_123))
        );
        assert_eq!(
            reset("1.5"),
            RateLimitReset::After(Duration::from_millis(1500))
        );
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(
            RateLimitReset::At(now + Duration::from_secs(9)).delay_from(now),
            Duration::from_secs(9)
        );
        assert_eq!(
            RateLimitReset::At(now).delay_from(now + Duration::from_secs(1)),
            Duration::ZERO
        );
    }

    #[test]
    fn precedence_and_fallback() {
        // The draft's field wins over the de-facto ones...
        let both = read(&[
            ("x-ratelimit-remaining", "7"),
            ("ratelimit", "\"default\";r=3;t=5"),
        ])
        .unwrap();
        assert_eq!(both.remaining(), Some(3));
        assert_eq!(both.raw().len(), 2);
        // ...but a malformed one is skipped when another family parses.
        let fallback = read(&[("ratelimit", "limit=ten"), ("x-ratelimit-remaining", "7")]).unwrap();
        assert_eq!(fallback.source(), RateLimitSource::XRateLimit);
        assert_eq!(fallback.remaining(), Some(7));
    }

    #[test]
    fn absent_and_malformed() {
        let absent = read(&[("retry-after", "5")]).unwrap_err();
        assert!(absent.is_absent());
        assert_eq!(absent.to_string(), "header `ratelimit` is missing");
        assert_eq!(
            with_headers(&[]).extract::<Option<RateLimit>>().unwrap(),
            None
        );
        for (headers, header) in [
            (
                &[("x-ratelimit-remaining", "-1")][..],
                "x-ratelimit-remaining",
            ),
            (
                &[("x-ratelimit-remaining", "lots")][..],
                "x-ratelimit-remaining",
            ),
            (&[("x-rate-limit-reset", "1e9")][..], "x-rate-limit-reset"),
            (&[("ratelimit-limit", "0x10")][..], "ratelimit-limit"),
            (&[("x-ratelimit-reset", "5.")][..], "x-ratelimit-reset"),
            (&[("ratelimit", "\"default\";t=5")][..], "ratelimit"),
            (&[("ratelimit", "\"default\";r=-1")][..], "ratelimit"),
            (
                &[("ratelimit", "limit=10, remaining=\"one\"")][..],
                "ratelimit",
            ),
            (&[("ratelimit", "\"unterminated;r=1")][..], "ratelimit"),
            (&[("ratelimit", "remaining=1.5")][..], "ratelimit"),
            (&[("ratelimit", "foo=1")][..], "ratelimit"),
            (
                &[("ratelimit-policy", "\"p\";w=60")][..],
                "ratelimit-policy",
            ),
            (
                &[("ratelimit", "\"p\";r=1"), ("ratelimit-policy", "10;w=-1")][..],
                "ratelimit-policy",
            ),
            (
                &[("x-ratelimit-reset", "99999999999999999999")][..],
                "x-ratelimit-reset",
            ),
        ] {
            let error = with_headers(headers)
                .extract::<Option<RateLimit>>()
                .unwrap_err();
            assert!(!error.is_absent());
            assert!(
                error
                    .to_string()
                    .starts_with(&format!("header `{header}` has an invalid value")),
                "{headers:?}: {error}"
            );
        }
    }
}
