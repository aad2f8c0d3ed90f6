//! Typed headers: `RetryAfter`, `RateLimit` and `Location` extracted from a response, against
//! the hand-written parsing a careful user would do for the same headers and the same answer.
//! Both sides read the same `BufferedResponse` (built once, outside the measurement); their
//! values are dropped after it.
//!
//! The typed extractors do more than the hand-written code (they tell absent from malformed
//! with a reason, accept all three HTTP-date formats, try four rate-limit families and keep the
//! raw values, encode a lenient `Location` and compare origins); this measures what that
//! costs.
//!
//! `cargo bench -p response-handler --bench headers`

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, UNIX_EPOCH};

use http::HeaderName;
use http::header::{LOCATION, RETRY_AFTER};
use iri_string::types::{UriAbsoluteStr, UriReferenceStr};
use response_handler::{BufferedResponse, Location, RateLimit, RequestContext, RetryAfter, Wait};
use sfv::{BareItem, List, ListEntry, Parser};

#[allow(dead_code)]
mod common;

use common::report;

/// A response with the usual headers of a JSON API and `extra`.
fn response(status: u16, extra: &[(&str, &str)], request_uri: Option<&str>) -> BufferedResponse {
    let mut builder = http::Response::builder()
        .status(status)
        .header("content-type", "application/json; charset=utf-8")
        .header("content-length", "0")
        .header("date", "Thu, 26 Nov 2026 02:01:01 GMT")
        .header("server", "bench")
        .header("x-request-id", "5f0c6f2e-1f7a-4f61-9d2b-0c4c8f3a9e11");
    for (name, value) in extra {
        builder = builder.header(*name, *value);
    }
    let mut response = builder.body(()).expect("every bench header is valid");
    if let Some(uri) = request_uri {
        response.extensions_mut().insert(RequestContext::new(
            http::Method::POST,
            uri.parse().expect("every bench request URI is valid"),
        ));
    }
    BufferedResponse::from(response)
}

// --- Retry-After ------------------------------------------------------------------------------

fn retry_after_typed(response: &BufferedResponse) -> Option<RetryAfter> {
    response.extract::<RetryAfter>().ok()
}

fn retry_after_by_hand(response: &BufferedResponse) -> Option<RetryAfter> {
    let value = response.headers().get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(RetryAfter(Wait::After(Duration::from_secs(seconds))));
    }
    httpdate::parse_http_date(value)
        .ok()
        .map(|date| RetryAfter(Wait::At(date)))
}

// --- RateLimit --------------------------------------------------------------------------------

/// What the hand-written code gets: limit, remaining, reset.
#[derive(Debug, PartialEq, Eq)]
struct Quota {
    limit: Option<u64>,
    remaining: Option<u64>,
    reset: Option<Wait>,
}

fn quota_of(rate_limit: &RateLimit) -> Quota {
    Quota {
        limit: rate_limit.limit(),
        remaining: rate_limit.remaining(),
        reset: rate_limit.reset(),
    }
}

fn rate_limit_typed(response: &BufferedResponse) -> Option<RateLimit> {
    response.extract::<RateLimit>().ok()
}

static X_LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
static X_REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
static X_RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");
static RATELIMIT: HeaderName = HeaderName::from_static("ratelimit");
static RATELIMIT_POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");

fn number(response: &BufferedResponse, name: &HeaderName) -> Option<u64> {
    response
        .headers()
        .get(name)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// GitHub's `X-RateLimit-*`: the reset is a Unix time in seconds.
fn x_rate_limit_by_hand(response: &BufferedResponse) -> Option<Quota> {
    Some(Quota {
        limit: number(response, &X_LIMIT),
        remaining: number(response, &X_REMAINING),
        reset: number(response, &X_RESET)
            .map(|seconds| Wait::At(UNIX_EPOCH + Duration::from_secs(seconds))),
    })
}

fn integer(item: &BareItem) -> Option<u64> {
    item.as_integer()
        .and_then(|integer| u64::try_from(i64::from(integer)).ok())
}

/// The IETF draft (08+): `RateLimit: "default";r=0;t=30` and
/// `RateLimit-Policy: "default";q=100;w=60`, one policy.
fn structured_by_hand(response: &BufferedResponse) -> Option<Quota> {
    let text = response.headers().get(&RATELIMIT)?.to_str().ok()?;
    let list = Parser::new(text).parse::<List>().ok()?;
    let Some(ListEntry::Item(limit)) = list.first() else {
        return None;
    };
    let remaining = limit.params.get("r").and_then(integer);
    let reset = limit.params.get("t").and_then(integer);
    let policy = response.headers().get(&RATELIMIT_POLICY)?.to_str().ok()?;
    let policies = Parser::new(policy).parse::<List>().ok()?;
    let quota = policies.iter().find_map(|entry| match entry {
        ListEntry::Item(policy) if policy.bare_item == limit.bare_item => {
            policy.params.get("q").and_then(integer)
        }
        _ => None,
    });
    Some(Quota {
        limit: quota,
        remaining,
        reset: reset.map(|seconds| Wait::After(Duration::from_secs(seconds))),
    })
}

// --- Location ---------------------------------------------------------------------------------

fn location_typed(response: &BufferedResponse) -> Option<Location> {
    response.extract::<Location>().ok()
}

/// The absolute target: the value if it has a scheme, else the value resolved (RFC 3986 §5.2)
/// against the request URI.
fn location_by_hand(response: &BufferedResponse) -> Option<String> {
    let value = response.headers().get(LOCATION)?.to_str().ok()?.trim();
    let reference = UriReferenceStr::new(value).ok()?;
    if reference.scheme_str().is_some() {
        return Some(value.to_owned());
    }
    let base = response.request()?.uri()?.to_string();
    let base = UriAbsoluteStr::new(&base).ok()?;
    let resolved = reference.resolve_against(base);
    resolved.ensure_rfc3986_normalizable().ok()?;
    let mut text = String::new();
    write!(text, "{resolved}").ok()?;
    Some(text)
}

// --- The measurement --------------------------------------------------------------------------

fn main() {
    let retry_delay = response(429, &[("retry-after", "120")], None);
    let retry_date = response(
        503,
        &[("retry-after", "Fri, 31 Dec 1999 23:59:59 GMT")],
        None,
    );
    let github = response(
        403,
        &[
            ("x-ratelimit-limit", "60"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-used", "60"),
            ("x-ratelimit-reset", "1372700873"),
            ("x-ratelimit-resource", "core"),
        ],
        None,
    );
    let structured = response(
        429,
        &[
            ("ratelimit", "\"default\";r=0;t=30"),
            ("ratelimit-policy", "\"default\";q=100;w=60"),
        ],
        None,
    );
    let request_uri = Some("https://api.example.com/v1/users?page=2");
    let absolute = response(
        201,
        &[("location", "https://api.example.com/v1/users/7")],
        request_uri,
    );
    let relative = response(201, &[("location", "/v1/users/7")], request_uri);

    // Both sides give the same answer (checked before anything is measured).
    for r in [&retry_delay, &retry_date] {
        let typed = retry_after_typed(r);
        assert!(typed.is_some() && typed == retry_after_by_hand(r));
    }
    let typed = rate_limit_typed(&github).map(|r| quota_of(&r));
    assert!(typed.is_some() && typed == x_rate_limit_by_hand(&github));
    let typed = rate_limit_typed(&structured).map(|r| quota_of(&r));
    assert!(
        typed.is_some() && typed == structured_by_hand(&structured),
        "{typed:?}"
    );
    for r in [&absolute, &relative] {
        let typed = location_typed(r);
        let typed = typed.as_ref().and_then(Location::resolved);
        assert!(typed.is_some() && typed == location_by_hand(r).as_deref());
    }

    let mut criterion = report::criterion();
    macro_rules! compare {
        ($group:expr, $response:expr, $typed:expr, $by_hand:expr) => {{
            let response = &$response;
            let mut group = criterion.benchmark_group($group);
            group.bench_function("typed", |b| {
                b.iter_with_large_drop(|| $typed(black_box(response)))
            });
            group.bench_function("hand-written", |b| {
                b.iter_with_large_drop(|| $by_hand(black_box(response)))
            });
            group.finish();
        }};
    }
    compare!(
        "retry-after-delay",
        retry_delay,
        retry_after_typed,
        retry_after_by_hand
    );
    compare!(
        "retry-after-date",
        retry_date,
        retry_after_typed,
        retry_after_by_hand
    );
    compare!(
        "ratelimit-github",
        github,
        rate_limit_typed,
        x_rate_limit_by_hand
    );
    compare!(
        "ratelimit-structured",
        structured,
        rate_limit_typed,
        structured_by_hand
    );
    compare!(
        "location-absolute",
        absolute,
        location_typed,
        location_by_hand
    );
    compare!(
        "location-relative",
        relative,
        location_typed,
        location_by_hand
    );
    criterion.final_summary();
    for group in [
        "retry-after-delay",
        "retry-after-date",
        "ratelimit-github",
        "ratelimit-structured",
        "location-absolute",
        "location-relative",
    ] {
        report::print_ratio(group, "typed", "hand-written", 1);
    }
}
