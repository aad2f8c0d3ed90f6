use std::time::UNIX_EPOCH;

use super::binding::binding;
use super::*;
use crate::error::ExtractError;
use crate::headers::test_support::with_headers;

fn read(headers: &[(&str, &str)]) -> Result<RateLimit, ExtractError> {
    with_headers(headers).extract::<RateLimit>()
}

fn at(seconds: u64) -> Option<Wait> {
    Some(Wait::At(UNIX_EPOCH + Duration::from_secs(seconds)))
}

fn after(seconds: u64) -> Option<Wait> {
    Some(Wait::After(Duration::from_secs(seconds)))
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
    // `X-RateLimit-Reset-After` wins: Discord recommends it, as it needs no clock.
    assert_eq!(
        discord.reset(),
        Some(Wait::After(Duration::from_millis(1234)))
    );
    assert_eq!(discord.policy(), Some("abcd1234"));
    assert_eq!(
        discord.raw_value("x-ratelimit-reset"),
        Some("1470173023.123")
    );
    assert_eq!(discord.raw_value("x-ratelimit-reset-after"), Some("1.234"));
    // Without it, the epoch reset with milliseconds as a fraction.
    let discord = read(&[
        ("x-ratelimit-remaining", "1"),
        ("x-ratelimit-reset", "1470173023.123"),
    ])
    .unwrap();
    assert_eq!(
        discord.reset(),
        Some(Wait::At(
            UNIX_EPOCH + Duration::from_millis(1_470_173_023_123)
        ))
    );
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
fn github_used_and_resource() {
    let limit = read(&[
        ("x-ratelimit-limit", "30"),
        ("x-ratelimit-remaining", "14"),
        ("x-ratelimit-reset", "1655120964"),
        ("x-ratelimit-used", "16"),
        ("x-ratelimit-resource", "search"),
        ("content-type", "application/json"),
    ])
    .unwrap();
    assert_eq!(limit.limits().len(), 1);
    let binding = limit.binding();
    assert_eq!(
        (binding.name(), binding.used(), binding.remaining()),
        (Some("search"), Some(16), Some(14))
    );
    assert_eq!(binding.raw().len(), 5);
    assert_eq!(limit.raw().len(), 5);
}

#[test]
fn openai_requests_and_tokens() {
    // platform.openai.com, "Rate limits": the documented sample values.
    let limit = read(&[
        ("x-ratelimit-limit-requests", "60"),
        ("x-ratelimit-limit-tokens", "150000"),
        ("x-ratelimit-remaining-requests", "59"),
        ("x-ratelimit-remaining-tokens", "149984"),
        ("x-ratelimit-reset-requests", "1s"),
        ("x-ratelimit-reset-tokens", "6m0s"),
    ])
    .unwrap();
    assert_eq!(limit.source(), RateLimitSource::OpenAi);
    let names: Vec<_> = limit.limits().iter().map(Limit::name).collect();
    assert_eq!(names, [Some("requests"), Some("tokens")]);
    let requests = &limit.limits()[0];
    assert_eq!(
        (requests.limit(), requests.remaining(), requests.reset()),
        (Some(60), Some(59), after(1))
    );
    assert_eq!(requests.raw().len(), 3);
    // 59/60 of the requests are left, 149984/150000 of the tokens: requests bind.
    assert_eq!(limit.policy(), Some("requests"));
    assert_eq!(limit.reset(), after(1));
    // Exhausted tokens bind, whatever the shares.
    let limit = read(&[
        ("x-ratelimit-remaining-requests", "0"),
        ("x-ratelimit-reset-requests", "20ms"),
        ("x-ratelimit-remaining-tokens", "0"),
        ("x-ratelimit-reset-tokens", "2m59.56s"),
    ])
    .unwrap();
    assert_eq!(limit.policy(), Some("tokens"));
    assert_eq!(
        limit.reset(),
        Some(Wait::After(Duration::from_millis(179_560)))
    );
    // Azure OpenAI's -1 is no figure; a plain number is the reset rule's.
    let azure = read(&[
        ("x-ratelimit-limit-tokens", "-1"),
        ("x-ratelimit-remaining-tokens", "-1"),
        ("x-ratelimit-reset-tokens", "0"),
        ("x-ratelimit-remaining-requests", "99"),
        ("x-ratelimit-reset-requests", "10"),
    ])
    .unwrap();
    assert_eq!(
        (azure.limits()[0].limit(), azure.limits()[0].remaining()),
        (None, None)
    );
    assert_eq!(azure.limits()[0].reset(), after(0));
    assert_eq!(azure.limits()[1].reset(), after(10));
    // No share known: the latest reset binds.
    assert_eq!(azure.policy(), Some("requests"));
    for (name, value) in [
        ("x-ratelimit-reset-tokens", "6 minutes"),
        ("x-ratelimit-reset-tokens", "-1s"),
        ("x-ratelimit-remaining-tokens", "-2"),
        ("x-ratelimit-limit-requests", "lots"),
    ] {
        let error = read(&[(name, value)]).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with(&format!("header `{name}` has an invalid value")),
            "{name}: {value}: {error}"
        );
    }
}

#[test]
fn anthropic_kinds_and_rfc3339_resets() {
    // docs.anthropic.com, "Rate limits": every documented kind.
    let limit = read(&[
        ("anthropic-ratelimit-requests-limit", "50"),
        ("anthropic-ratelimit-requests-remaining", "49"),
        ("anthropic-ratelimit-requests-reset", "2024-09-05T17:30:00Z"),
        ("anthropic-ratelimit-tokens-limit", "40000"),
        ("anthropic-ratelimit-tokens-remaining", "0"),
        ("anthropic-ratelimit-tokens-reset", "2024-09-05T17:30:30Z"),
        ("anthropic-ratelimit-input-tokens-limit", "40000"),
        ("anthropic-ratelimit-input-tokens-remaining", "0"),
        (
            "anthropic-ratelimit-input-tokens-reset",
            "2024-09-05T17:30:40Z",
        ),
        ("anthropic-ratelimit-output-tokens-limit", "8000"),
        ("anthropic-ratelimit-output-tokens-remaining", "8000"),
        (
            "anthropic-ratelimit-output-tokens-reset",
            "2024-09-05T17:30:00Z",
        ),
        ("anthropic-priority-input-tokens-limit", "10000"),
    ])
    .unwrap();
    assert_eq!(limit.source(), RateLimitSource::Anthropic);
    let names: Vec<_> = limit.limits().iter().map(Limit::name).collect();
    assert_eq!(
        names,
        [
            Some("requests"),
            Some("tokens"),
            Some("input-tokens"),
            Some("output-tokens"),
            Some("priority-input-tokens")
        ]
    );
    // Two are exhausted; the input tokens reset last.
    assert_eq!(limit.policy(), Some("input-tokens"));
    assert_eq!(limit.reset(), at(1_725_557_440));
    let now = UNIX_EPOCH + Duration::from_secs(1_725_557_400);
    assert_eq!(
        limit.reset().unwrap().delay_from(now),
        Duration::from_secs(40)
    );
    // Anything but RFC 3339 or a number is malformed.
    let error = read(&[(
        "anthropic-ratelimit-requests-reset",
        "Thu, 05 Sep 2024 17:30:00 GMT",
    )])
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "header `anthropic-ratelimit-requests-reset` has an invalid value: neither an RFC 3339 timestamp nor a number of seconds"
    );
}

#[test]
fn the_binding_rule() {
    let limit = |name: &str, remaining, quota, reset: u64| {
        let mut limit = Limit::new(Some(name.into()));
        limit.remaining = remaining;
        limit.limit = quota;
        limit.reset = Some(Wait::After(Duration::from_secs(reset)));
        limit
    };
    let now = UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    // Exhausted first, the latest reset among them.
    let limits = [
        limit("a", Some(0), Some(10), 5),
        limit("b", Some(1), Some(1000), 500),
        limit("c", Some(0), Some(10), 50),
    ];
    assert_eq!(binding(&limits, now), 2);
    // Then the least share: 5/1000 < 1/10, whatever the units.
    let limits = [
        limit("a", Some(1), Some(10), 5),
        limit("b", Some(5), Some(1000), 1),
        limit("c", None, None, 3600),
    ];
    assert_eq!(binding(&limits, now), 1);
    // Equal shares: the latest reset; then the first.
    let limits = [
        limit("a", Some(1), Some(10), 5),
        limit("b", Some(10), Some(100), 9),
        limit("c", Some(100), Some(1000), 9),
    ];
    assert_eq!(binding(&limits, now), 1);
    // No share: the latest reset; a moment against a delay, as moments.
    let mut moment = limit("m", None, None, 0);
    moment.reset = Some(Wait::At(now + Duration::from_secs(60)));
    let limits = [limit("a", None, Some(10), 30), moment];
    assert_eq!(binding(&limits, now), 1);
    assert_eq!(binding(&limits, now - Duration::from_secs(60)), 1);
    assert_eq!(binding(&limits, now + Duration::from_secs(60)), 0);
    assert_eq!(binding(&[], now), 0);
}

#[test]
fn the_reset_rule() {
    let reset = |value: &str| {
        read(&[("x-ratelimit-reset", value)])
            .unwrap()
            .reset()
            .unwrap()
    };
    assert_eq!(reset("0"), Wait::After(Duration::ZERO));
    assert_eq!(
        reset("999999999"),
        Wait::After(Duration::from_secs(999_999_999))
    );
    assert_eq!(Some(reset("1000000000")), at(1_000_000_000));
    assert_eq!(Some(reset("999999999999")), at(999_999_999_999));
    assert_eq!(
        reset("1700000000123"),
        Wait::At(UNIX_EPOCH + Duration::from_millis(1_700_000_000_123))
    );
    assert_eq!(reset("1.5"), Wait::After(Duration::from_millis(1500)));
    let now = UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    assert_eq!(
        Wait::At(now + Duration::from_secs(9)).delay_from(now),
        Duration::from_secs(9)
    );
    assert_eq!(
        Wait::At(now).delay_from(now + Duration::from_secs(1)),
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
