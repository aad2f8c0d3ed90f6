//! The typed-header comparisons: the inputs, the typed extraction and the hand-written parsing a
//! careful user would do for the same headers and the same answer (`--bench headers` times them,
//! `--bench callgrind` counts their instructions).

use std::fmt::Write as _;
use std::time::{Duration, UNIX_EPOCH};

use http::HeaderName;
use http::header::{LOCATION, RETRY_AFTER};
use iri_string::types::{UriAbsoluteStr, UriReferenceStr};
use response_handler::{BufferedResponse, Location, RateLimit, RequestContext, RetryAfter, Wait};
use sfv::{BareItem, List, ListEntry, Parser};

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

pub fn retry_after_typed(response: &BufferedResponse) -> Option<RetryAfter> {
    response.extract::<RetryAfter>().ok()
}

pub fn retry_after_by_hand(response: &BufferedResponse) -> Option<RetryAfter> {
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
pub struct Quota {
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    pub reset: Option<Wait>,
}

pub fn quota_of(rate_limit: &RateLimit) -> Quota {
    Quota {
        limit: rate_limit.limit(),
        remaining: rate_limit.remaining(),
        reset: rate_limit.reset(),
    }
}

pub fn rate_limit_typed(response: &BufferedResponse) -> Option<RateLimit> {
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
pub fn x_rate_limit_by_hand(response: &BufferedResponse) -> Option<Quota> {
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
pub fn structured_by_hand(response: &BufferedResponse) -> Option<Quota> {
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

pub fn location_typed(response: &BufferedResponse) -> Option<Location> {
    response.extract::<Location>().ok()
}

/// The absolute target: the value if it has a scheme, else the value resolved (RFC 3986 §5.2)
/// against the request URI.
pub fn location_by_hand(response: &BufferedResponse) -> Option<String> {
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

// --- The inputs -------------------------------------------------------------------------------

/// The responses each comparison reads, built once.
pub struct Inputs {
    pub retry_delay: BufferedResponse,
    pub retry_date: BufferedResponse,
    pub github: BufferedResponse,
    pub structured: BufferedResponse,
    pub absolute: BufferedResponse,
    pub relative: BufferedResponse,
}

impl Inputs {
    pub fn new() -> Inputs {
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

        Inputs {
            retry_delay,
            retry_date,
            github,
            structured,
            absolute,
            relative,
        }
    }

    /// Both sides give the same answer (checked before anything is measured).
    pub fn check(&self) {
        let Inputs {
            retry_delay,
            retry_date,
            github,
            structured,
            absolute,
            relative,
        } = self;
        for r in [retry_delay, retry_date] {
            let typed = retry_after_typed(r);
            assert!(typed.is_some() && typed == retry_after_by_hand(r));
        }
        let typed = rate_limit_typed(github).map(|r| quota_of(&r));
        assert!(typed.is_some() && typed == x_rate_limit_by_hand(github));
        let typed = rate_limit_typed(structured).map(|r| quota_of(&r));
        assert!(
            typed.is_some() && typed == structured_by_hand(structured),
            "{typed:?}"
        );
        for r in [absolute, relative] {
            let typed = location_typed(r);
            let typed = typed.as_ref().and_then(Location::resolved);
            assert!(typed.is_some() && typed == location_by_hand(r).as_deref());
        }
    }
}
