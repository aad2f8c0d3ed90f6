//! Rate-limit headers: the IETF draft's `RateLimit` / `RateLimit-Policy` structured fields,
//! its older `RateLimit-Limit` / `-Remaining` / `-Reset`, the de-facto `X-RateLimit-*`
//! (GitHub, Discord, Reddit) and `X-Rate-Limit-*` (X, Okta) families, OpenAI's per-kind
//! `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` and Anthropic's
//! `anthropic-ratelimit-*`.
//!
//! This file holds the value and the order in which the families are tried. `lines.rs` keeps
//! the rate-limit header lines as received, `limit.rs` is one limit of the response and
//! `binding.rs` chooses the one that binds; `structured.rs` reads the draft's structured
//! fields, `legacy.rs` the three-header families that came before them, `per_kind.rs` the
//! vendor families that report several limits at once, and `time.rs` how resets are written:
//! the reset rule for numbers, and the duration and timestamp formats of those vendors.

mod binding;
mod legacy;
mod limit;
mod lines;
mod per_kind;
mod structured;
mod time;

use std::time::Duration;

use http::{HeaderMap, HeaderName};

use super::{ParseHeaderError, TypedHeader, Wait};
use crate::context::RequestContext;
use lines::Lines;
use structured::{POLICY, RATELIMIT};

pub use limit::Limit;
pub use lines::RawHeader;

/// What the server says about its rate limits: for each limit, how much the window allows, how
/// much is left, and when it resets — and which of them binds.
///
/// # Which headers
///
/// Six families are read, in this order; the first one present that parses wins
/// ([`source`](Self::source) says which):
///
/// 1. [`RateLimitSource::Structured`] — the IETF draft's structured fields:
///    `RateLimit: "default";r=50;t=30` with `RateLimit-Policy: "default";q=100;w=60`
///    (draft 08 and later; one limit per service limit), or `RateLimit: limit=100,
///    remaining=50, reset=30` with `RateLimit-Policy: 100;w=60` (draft 07).
/// 2. [`RateLimitSource::Fields`] — `RateLimit-Limit`, `RateLimit-Remaining`,
///    `RateLimit-Reset` (drafts 00–06, GitLab, Twitch), with `RateLimit-Policy` for the window
///    and GitLab's `RateLimit-Name` for the name.
/// 3. [`RateLimitSource::XRateLimit`] — `X-RateLimit-Limit`, `-Remaining`, `-Reset`, with
///    GitHub's `-Used` and `-Resource` (the name: `core`, `search`, ...; docs.github.com, "Rate
///    limits for the REST API") and Discord's `-Reset-After` and `-Bucket` (the name;
///    discord.com/developers, "Rate Limits"). Discord's `X-RateLimit-Reset-After` (seconds, with
///    a fraction) wins over its `X-RateLimit-Reset` (a Unix time): Discord recommends it because
///    it does not depend on the client's clock.
/// 4. [`RateLimitSource::XRateDashLimit`] — `X-Rate-Limit-Limit`, `-Remaining`, `-Reset`
///    (X/Twitter, Okta).
/// 5. [`RateLimitSource::OpenAi`] — `x-ratelimit-limit-requests`, `-remaining-requests`,
///    `-reset-requests` and the same for `tokens` (platform.openai.com, "Rate limits"): one limit
///    per kind, named by the suffix. Resets are Go durations (`1s`, `6m0s`, `20ms`,
///    `1h2m3.5s`) or numbers; a limit or remaining of `-1` (Azure OpenAI, when it has no figure)
///    is unknown.
/// 6. [`RateLimitSource::Anthropic`] — `anthropic-ratelimit-{kind}-{limit,remaining,reset}` for
///    the kinds `requests`, `tokens`, `input-tokens`, `output-tokens` (and `anthropic-priority-*`,
///    named `priority-input-tokens`, ...; docs.anthropic.com, "Rate limits"): resets are
///    RFC 3339 timestamps (`2024-09-05T17:30:00Z`) or numbers.
///
/// # Several limits, one binding
///
/// [`limits`](Self::limits) lists every limit the family reports; [`binding`](Self::binding) is
/// the one that decides when to send again:
///
/// 1. if some limits are exhausted (nothing remaining), the one of them whose reset is latest —
///    waiting for it waits for all of them;
/// 2. else, the one with the least share left (`remaining / limit`), the limit closest to
///    exhaustion whatever its unit (requests, tokens); ties go to the latest reset;
/// 3. else (no share known), the one whose reset is latest.
///
/// Remaining ties go to the limit listed first. A reset written as a delay and one written as a
/// moment are compared as moments, the delay counted from when the response was decoded (the
/// only case in which decoding reads the clock).
/// [`limit`](Self::limit), [`remaining`](Self::remaining), [`reset`](Self::reset),
/// [`reset_delay`](Self::reset_delay), [`window`](Self::window) and [`policy`](Self::policy)
/// describe the binding limit.
///
/// # The reset rule
///
/// Servers send a numeric reset as seconds to wait or as a Unix timestamp, in seconds or
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
/// (Discord's `X-RateLimit-Scope`, Anthropic's `-unified-status`, ...).
///
/// Outside a derived type, [`TypedHeader::decode`] reads it from a [`HeaderMap`]: `Ok(None)`
/// when there is no rate-limit header, an error naming the malformed one otherwise.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use response_handler::{RateLimit, ResponseHandler, RetryAfter, Wait, headers::RateLimitSource};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Search {
///     #[on(200)]
///     Results(String),
///     #[on(403, 429)]
///     RateLimited(Option<RetryAfter>, RateLimit),
/// }
///
/// // GitHub's primary rate limit.
/// let response = http::Response::builder()
///     .status(403)
///     .header("x-ratelimit-limit", "60")
///     .header("x-ratelimit-remaining", "0")
///     .header("x-ratelimit-used", "60")
///     .header("x-ratelimit-reset", "1372700873")
///     .header("x-ratelimit-resource", "core")
///     .body(())
///     .unwrap();
/// let Search::RateLimited(None, limit) = Search::from_response(response).unwrap() else { panic!() };
/// assert_eq!(limit.source(), RateLimitSource::XRateLimit);
/// assert_eq!((limit.limit(), limit.remaining(), limit.used()), (Some(60), Some(0), Some(60)));
/// assert_eq!(limit.policy(), Some("core"));
/// assert!(limit.is_exhausted());
/// assert_eq!(
///     limit.reset(),
///     Some(Wait::At(UNIX_EPOCH + Duration::from_secs(1372700873)))
/// );
///
/// // OpenAI: requests and tokens; the tokens are closer to exhaustion, so they bind.
/// let response = http::Response::builder()
///     .status(429)
///     .header("x-ratelimit-limit-requests", "60")
///     .header("x-ratelimit-limit-tokens", "150000")
///     .header("x-ratelimit-remaining-requests", "59")
///     .header("x-ratelimit-remaining-tokens", "100")
///     .header("x-ratelimit-reset-requests", "1s")
///     .header("x-ratelimit-reset-tokens", "6m0s")
///     .body(())
///     .unwrap();
/// let Search::RateLimited(_, limit) = Search::from_response(response).unwrap() else { panic!() };
/// assert_eq!(limit.limits().len(), 2);
/// assert_eq!(limit.binding().name(), Some("tokens"));
/// assert_eq!(limit.reset_delay(), Some(Duration::from_secs(360)));
/// ```
///
/// In `Debug`, the raw values of headers marked [sensitive](http::HeaderValue::is_sensitive) are
/// shown as `[redacted]` (by [`RawHeader`]'s `Debug`; [`raw`](RateLimit::raw) still returns
/// them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimit {
    source: RateLimitSource,
    limits: Vec<Limit>,
    binding: usize,
    raw: Vec<RawHeader>,
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
    /// `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (GitHub, Discord,
    /// Reddit).
    XRateLimit,
    /// `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining`, `X-Rate-Limit-Reset`.
    XRateDashLimit,
    /// OpenAI's `x-ratelimit-{limit,remaining,reset}-{kind}` (also Azure OpenAI and Groq).
    OpenAi,
    /// Anthropic's `anthropic-ratelimit-{kind}-{limit,remaining,reset}`.
    Anthropic,
}

impl RateLimit {
    /// Which family of headers this was read from.
    pub fn source(&self) -> RateLimitSource {
        self.source
    }

    /// Every limit the response reports, in the order the server sent them (at least one).
    pub fn limits(&self) -> &[Limit] {
        &self.limits
    }

    /// The limit that binds: see [Several limits, one binding](Self#several-limits-one-binding).
    pub fn binding(&self) -> &Limit {
        // `binding` is an index into `limits` by construction; the fallback only satisfies the
        // no-panic lints.
        self.limits
            .get(self.binding)
            .or(self.limits.first())
            .unwrap_or(&limit::EMPTY)
    }

    /// The binding limit's name (see [`Limit::name`]): the draft's policy name (`"default"`),
    /// GitHub's resource, OpenAI's kind, ...
    pub fn policy(&self) -> Option<&str> {
        self.binding().name()
    }

    /// The binding limit's quota: how many requests (or other quota units) the window allows.
    pub fn limit(&self) -> Option<u64> {
        self.binding().limit
    }

    /// How many are left of the binding limit in the current window.
    pub fn remaining(&self) -> Option<u64> {
        self.binding().remaining
    }

    /// How many of the binding limit were used in the current window.
    pub fn used(&self) -> Option<u64> {
        self.binding().used
    }

    /// `true` when some limit is exhausted (its `remaining` is 0); the binding one is then
    /// exhausted too.
    pub fn is_exhausted(&self) -> bool {
        self.binding().is_exhausted()
    }

    /// When the binding limit resets.
    pub fn reset(&self) -> Option<Wait> {
        self.binding().reset
    }

    /// How long until the binding limit resets, from now.
    pub fn reset_delay(&self) -> Option<Duration> {
        self.reset().map(|reset| reset.delay())
    }

    /// The length of the binding limit's time window, from `RateLimit-Policy` (`w=`).
    pub fn window(&self) -> Option<Duration> {
        self.binding().window
    }

    /// Every rate-limit header line of the response, in order: names starting with
    /// `ratelimit`, `x-ratelimit-`, `x-rate-limit-`, `anthropic-ratelimit-` or
    /// `anthropic-priority-` (values that are not UTF-8 are shown with replacement characters).
    pub fn raw(&self) -> &[RawHeader] {
        &self.raw
    }

    /// The first raw value of header `name` (lowercase), if the response had it.
    pub fn raw_value(&self, name: &str) -> Option<&str> {
        self.raw
            .iter()
            .find(|raw| raw.name.as_str() == name)
            .map(RawHeader::value)
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
    ) -> Result<Option<Self>, ParseHeaderError> {
        let lines = Lines::of(headers);
        let mut first_error = None;
        let families = [
            RateLimitSource::Structured,
            RateLimitSource::Fields,
            RateLimitSource::XRateLimit,
            RateLimitSource::XRateDashLimit,
            RateLimitSource::OpenAi,
            RateLimitSource::Anthropic,
        ];
        for source in families {
            match read_family(&lines, source) {
                None => {}
                Some(Ok(limits)) if !limits.is_empty() => {
                    return Ok(Some(Self::new(source, limits, lines)));
                }
                Some(Ok(_)) => {}
                Some(Err(error)) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        // Only a policy: the quota and window are known, what is left is not.
        if first_error.is_none()
            && lines.has(lines::RATELIMIT_PREFIX)
            && lines.first(&POLICY).is_some()
        {
            match structured::read_policy_only(&lines) {
                Ok(limit) => {
                    return Ok(Some(Self::new(
                        RateLimitSource::Structured,
                        vec![limit],
                        lines,
                    )));
                }
                Err(error) => first_error = Some(error),
            }
        }
        first_error.map_or(Ok(None), Err)
    }
}

impl RateLimit {
    fn new(source: RateLimitSource, limits: Vec<Limit>, lines: Lines) -> Self {
        Self {
            source,
            binding: binding::binding_index(&limits),
            limits,
            raw: lines.raw,
        }
    }
}

fn read_family(
    lines: &Lines,
    source: RateLimitSource,
) -> Option<Result<Vec<Limit>, ParseHeaderError>> {
    // A family whose prefix no header name has is not there: no lookup of its names.
    let prefix = match source {
        RateLimitSource::Structured | RateLimitSource::Fields => lines::RATELIMIT_PREFIX,
        RateLimitSource::XRateLimit | RateLimitSource::OpenAi => lines::X_RATELIMIT_PREFIX,
        RateLimitSource::XRateDashLimit => lines::X_RATE_LIMIT_PREFIX,
        RateLimitSource::Anthropic => lines::ANTHROPIC_PREFIX,
    };
    if !lines.has(prefix) {
        return None;
    }
    let family = match source {
        RateLimitSource::Structured => {
            return lines
                .first(&RATELIMIT)
                .is_some()
                .then(|| structured::read(lines));
        }
        RateLimitSource::OpenAi => return per_kind::read(lines, &per_kind::OPENAI),
        RateLimitSource::Anthropic => return per_kind::read(lines, &per_kind::ANTHROPIC),
        RateLimitSource::Fields => &legacy::RATELIMIT_FIELDS,
        RateLimitSource::XRateLimit => &legacy::X_RATELIMIT,
        RateLimitSource::XRateDashLimit => &legacy::X_RATE_LIMIT,
    };
    legacy::read(lines, source, family).map(|limit| limit.map(|limit| vec![limit]))
}

/// The error for a malformed value of `header`.
fn invalid(header: &HeaderName, reason: impl Into<String>) -> ParseHeaderError {
    ParseHeaderError::new(reason).in_header(header)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
