//! What a response teaches a governor: the limits its typed rate-limit headers state (every
//! dialect [`RateLimit`] reads), and on a 429 or 503 the wait that blocks the whole key.

use http::{HeaderMap, StatusCode};

use crate::headers::{RateLimit, RetryAfter, TypedHeader, Wait};

/// One limit a response states, in the governor's terms.
#[derive(Debug, Clone)]
pub(super) struct Learned {
    pub(super) name: Option<Box<str>>,
    pub(super) quota: Option<u64>,
    pub(super) remaining: Option<u64>,
    pub(super) reset: Option<Wait>,
    pub(super) window: Option<std::time::Duration>,
}

/// What one response teaches.
#[derive(Debug, Clone, Default)]
pub(super) struct Lesson {
    pub(super) limits: Vec<Learned>,
    /// A 429 or 503's wait: the whole key waits for it.
    pub(super) block: Option<Wait>,
}

/// Reads `headers` of a response with `status`. Malformed rate-limit headers teach nothing
/// (the IETF draft: they must be ignored); a 429 or 503 blocks the key for its `Retry-After`,
/// or else for its exhausted limit's reset, under the rule the retry policy follows: a
/// malformed or empty `Retry-After` is no wait, and stops the search there.
pub(super) fn lesson(status: StatusCode, headers: &HeaderMap) -> Lesson {
    let rate_limit = RateLimit::decode(headers, None).ok().flatten();
    let limits = rate_limit
        .as_ref()
        .map(|rate_limit| {
            rate_limit
                .limits()
                .iter()
                .map(|limit| Learned {
                    name: limit.name().map(Into::into),
                    quota: limit.limit(),
                    remaining: limit.remaining(),
                    reset: limit.reset(),
                    window: limit.window(),
                })
                .collect()
        })
        .unwrap_or_default();
    let block = if matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
    ) {
        match RetryAfter::decode(headers, None) {
            Ok(Some(RetryAfter(wait))) => Some(wait),
            Ok(None) if !headers.contains_key(http::header::RETRY_AFTER) => rate_limit
                .as_ref()
                .filter(|rate_limit| rate_limit.is_exhausted())
                .and_then(RateLimit::reset),
            Ok(None) | Err(_) => None,
        }
    } else {
        None
    };
    Lesson { limits, block }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn headers(lines: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in lines {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn each_dialect_names_its_limits() {
        let github = lesson(
            StatusCode::OK,
            &headers(&[
                ("x-ratelimit-limit", "30"),
                ("x-ratelimit-remaining", "29"),
                ("x-ratelimit-reset", "1700000060"),
                ("x-ratelimit-resource", "search"),
            ]),
        );
        assert_eq!(github.limits[0].name.as_deref(), Some("search"));
        assert_eq!(github.limits[0].remaining, Some(29));
        let openai = lesson(
            StatusCode::OK,
            &headers(&[
                ("x-ratelimit-limit-requests", "60"),
                ("x-ratelimit-remaining-requests", "59"),
                ("x-ratelimit-reset-requests", "1s"),
                ("x-ratelimit-limit-tokens", "1000"),
                ("x-ratelimit-remaining-tokens", "900"),
                ("x-ratelimit-reset-tokens", "6m0s"),
            ]),
        );
        let names: Vec<_> = openai.limits.iter().map(|l| l.name.as_deref()).collect();
        assert_eq!(names, [Some("requests"), Some("tokens")]);
        let ietf = lesson(
            StatusCode::OK,
            &headers(&[
                ("ratelimit", "\"burst\";r=5;t=2"),
                ("ratelimit-policy", "\"burst\";q=10;w=2"),
            ]),
        );
        assert_eq!(ietf.limits[0].name.as_deref(), Some("burst"));
        assert_eq!(ietf.limits[0].window, Some(Duration::from_secs(2)));
        assert!(openai.block.is_none() && ietf.block.is_none());
    }

    #[test]
    fn a_429_blocks_for_its_retry_after_and_a_malformed_one_is_no_wait() {
        let blocked = lesson(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(&[("retry-after", "3")]),
        );
        assert_eq!(blocked.block, Some(Wait::After(Duration::from_secs(3))));
        let malformed = lesson(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(&[
                ("retry-after", "soon"),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", "30"),
            ]),
        );
        assert_eq!(malformed.block, None);
        let reset = lesson(
            StatusCode::SERVICE_UNAVAILABLE,
            &headers(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "30")]),
        );
        assert_eq!(reset.block, Some(Wait::After(Duration::from_secs(30))));
        // Only 429 and 503 block: a 200 stating a wait does not.
        assert_eq!(
            lesson(StatusCode::OK, &headers(&[("retry-after", "3")])).block,
            None
        );
    }
}
