//! ky's and got's own retry tests, the cases about HTTP semantics, run against
//! [`RetryMiddleware`] over loopback (issue 19 item 2).
//!
//! Sources, read at these commits: sindresorhus/ky `3419113b48e034fdcf8fa6bd3be3da7b3d0d758f`
//! (`test/retry.ts`; defaults from `source/utils/normalize.ts`), sindresorhus/got
//! `d00d845a0b435365ec73ea5a1fca6e17ee677184` (`test/retry.ts`; the decision in
//! `source/core/calculate-retry-delay.ts`). Each row names the peer's test; a test that checks
//! more than one thing is split into rows with a suffix in brackets.
//!
//! Options mapped: `limit: n` retries is `max_attempts(n + 1)` (both default to 2 retries, our
//! default 3 attempts); `maxRetryAfter` is `max_server_wait`; ky's default `maxRetryAfter` is
//! `Infinity`, so the ky rows start from a cap of 100 years (ours is 60 s, got's); got's leaves
//! ours. `statusCodes` is `RetryMiddleware::statuses`. A peer's `delay`/`calculateDelay`
//! (its backoff) is not mapped: where the peer waits for its backoff, we wait for ours (jitter
//! off: 0.1 s, 0.2 s, 0.4 s, ...), and the row asserts that it was the backoff, not a server's
//! wait, that was taken. `Date.now` stubs are the policy's clock: 2026-01-01T00:00:00Z, moved
//! only by the waits taken (or held still where the peer's test holds `Date.now` still).
//!
//! Each row asserts how many requests the server received, every wait `on_retry` heard chosen,
//! and the status of the response the middleware passed on. A row whose `differs` is set is a
//! deliberate difference: it asserts OUR behaviour, says what the peer does, and must be listed
//! in CONFORMANCE.md's ky/got section (checked below).

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use response_handler::StatusCode;
use response_handler::reqwest_middleware::RetryMiddleware;
use response_handler::retry::RetryPolicy;
use suite::{Reply, scripted};

/// 2026-01-01T00:00:00Z, the moment ky's tests stub `Date.now` with.
const NOW: u64 = 1_767_225_600;

fn start() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(NOW)
}

/// ky's default `maxRetryAfter` (`Infinity`), as a cap no test reaches.
const KY_NO_CAP: Duration = Duration::from_secs(100 * 365 * 86_400);

/// A status with headers and no body.
fn reply(status: u16, headers: &[(&str, &str)]) -> Reply {
    headers
        .iter()
        .fold(Reply::new(status), |reply, (name, value)| {
            reply.header(name, value)
        })
        .text("")
}

fn fixture() -> Reply {
    Reply::new(200).text("fixture")
}

/// `reply` sent `n` times, then `last`.
fn times(n: usize, reply: Reply, last: Reply) -> Vec<Reply> {
    let mut replies = vec![reply; n];
    replies.push(last);
    replies
}

type Tweak = Box<dyn Fn(RetryPolicy) -> RetryPolicy>;

struct Case {
    /// `ky test/retry.ts: "<test name>"`, or got's.
    source: &'static str,
    method: &'static str,
    /// What the server answers, in order, the last one again once they run out.
    replies: Vec<Reply>,
    /// `max_attempts` and the rest, over the suite's base policy.
    policy: Tweak,
    /// `RetryMiddleware::statuses`, when the peer's test sets `statusCodes`.
    statuses: Option<Vec<u16>>,
    /// Requests the server received.
    requests: usize,
    /// The waits chosen, in seconds.
    waits: Vec<f64>,
    /// The status passed on.
    last: u16,
    /// `Some(what the peer does)` where we differ (listed in CONFORMANCE.md).
    differs: Option<&'static str>,
    /// The difference is not on purpose: an open gap, listed as such in CONFORMANCE.md (none
    /// today; a case becomes one by setting this alongside `differs`).
    open: bool,
}

fn case(source: &'static str) -> Case {
    Case {
        source,
        method: "GET",
        replies: Vec::new(),
        policy: Box::new(|policy| policy),
        statuses: None,
        requests: 1,
        waits: Vec::new(),
        last: 200,
        differs: None,
        open: false,
    }
}

impl Case {
    fn method(mut self, method: &'static str) -> Self {
        self.method = method;
        self
    }
    fn replies(mut self, replies: Vec<Reply>) -> Self {
        self.replies = replies;
        self
    }
    fn policy(mut self, tweak: impl Fn(RetryPolicy) -> RetryPolicy + 'static) -> Self {
        self.policy = Box::new(tweak);
        self
    }
    fn statuses(mut self, statuses: &[u16]) -> Self {
        self.statuses = Some(statuses.to_vec());
        self
    }
    fn expect(mut self, requests: usize, waits: &[f64], last: u16) -> Self {
        self.requests = requests;
        self.waits = waits.to_vec();
        self.last = last;
        self
    }
    fn differs(mut self, peer: &'static str) -> Self {
        self.differs = Some(peer);
        self
    }
}

/// What a run saw: requests received, waits chosen, status passed on.
type Seen = (usize, Vec<Duration>, u16);

/// Runs one case through `RetryMiddleware` on tokio's paused clock. `base` is the suite's
/// policy (its defaults mapped to ours); the case's tweak goes over it.
fn run(case: &Case, base: &dyn Fn(RetryPolicy) -> RetryPolicy) -> Seen {
    let (server, received) = scripted(case.replies.clone());
    let chosen = Arc::new(Mutex::new(Vec::<Duration>::new()));
    let waited = Arc::new(Mutex::new(Duration::ZERO));
    let policy = {
        let chosen = Arc::clone(&chosen);
        let clock = Arc::clone(&waited);
        let waited = Arc::clone(&waited);
        RetryPolicy::default()
            .jitter(|ceiling| ceiling)
            .clock(move || start() + *clock.lock().unwrap())
            .async_sleeper(move |delay| {
                let waited = Arc::clone(&waited);
                async move { *waited.lock().unwrap() += delay }
            })
            .on_retry(move |event| chosen.lock().unwrap().push(event.delay))
    };
    let policy = (case.policy)(base(policy));
    let mut middleware = RetryMiddleware::new(policy);
    if let Some(statuses) = &case.statuses {
        middleware = middleware.statuses(
            statuses
                .iter()
                .map(|&code| StatusCode::from_u16(code).unwrap()),
        );
    }
    let status = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap()
        .block_on(async {
            let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
                .with(middleware)
                .build();
            let method = reqwest::Method::from_bytes(case.method.as_bytes()).unwrap();
            let mut request = client.request(method, server.url("/"));
            if case.method != "GET" {
                request = request.body("{\"foo\":true}");
            }
            request.send().await.expect("a response").status().as_u16()
        });
    let requests = received.lock().unwrap().len();
    let chosen = chosen.lock().unwrap().clone();
    (requests, chosen, status)
}

/// Runs a suite: every row must hold, and every difference be listed; prints the counts.
fn check(name: &str, cases: &[Case], base: &dyn Fn(RetryPolicy) -> RetryPolicy) {
    let mut failures = Vec::new();
    for case in cases {
        let seen = run(case, base);
        let waits: Vec<Duration> = case
            .waits
            .iter()
            .map(|&seconds| Duration::from_secs_f64(seconds))
            .collect();
        let expected = (case.requests, waits, case.last);
        if seen != expected {
            failures.push(format!(
                "{}\n    expected (requests, waits, status) {expected:?}\n    got {seen:?}",
                case.source
            ));
        }
    }
    let differ = cases.iter().filter(|case| case.differs.is_some()).count();
    let open = cases.iter().filter(|case| case.open).count();
    eprintln!(
        "{name}: {} cases ported, {} agree, {} deliberate differences, {open} open gaps",
        cases.len(),
        cases.len() - differ,
        differ - open
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Every deliberate difference is listed, by the peer's test name, in CONFORMANCE.md.
    let conformance = include_str!("../CONFORMANCE.md");
    for case in cases.iter().filter(|case| case.differs.is_some()) {
        let test = case.source.split(": ").nth(1).unwrap();
        assert!(
            conformance.contains(test),
            "{} differs ({}) but CONFORMANCE.md does not list it",
            case.source,
            case.differs.unwrap()
        );
    }
}

fn ky_cases() -> Vec<Case> {
    let ts = "1704067200";
    vec![
        case("ky test/retry.ts: \"status code 500\"")
            .replies(times(2, reply(500, &[]), fixture()))
            .expect(3, &[0.1, 0.2], 200),
        case("ky test/retry.ts: \"only on defined status codes\"")
            .replies(times(2, reply(400, &[]), fixture()))
            .expect(1, &[], 400),
        case("ky test/retry.ts: \"not on POST\"")
            .method("POST")
            .replies(times(2, reply(500, &[]), fixture()))
            .expect(1, &[], 500),
        case("ky test/retry.ts: \"QUERY retries by default\"")
            .method("QUERY")
            .replies(times(2, reply(500, &[]), fixture()))
            .expect(1, &[], 500)
            .differs("ky resends QUERY: 3 requests, then 200"),
        case("ky test/retry.ts: \"respect Retry-After: 0 and retry immediately\"")
            .replies(times(4, reply(413, &[("retry-after", "0")]), fixture()))
            .policy(|policy| policy.max_attempts(5))
            .expect(5, &[0.0; 4], 200),
        case("ky test/retry.ts: \"Retry-After number is treated as delay seconds, not timestamp\"")
            .replies(vec![reply(429, &[("retry-after", ts)]), fixture()])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[1_704_067_200.0], 200),
        case("ky test/retry.ts: \"invalid Retry-After number 0x10 falls back to retry delay\"")
            .replies(vec![reply(429, &[("retry-after", "0x10")]), fixture()])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[0.1], 200),
        case(
            "ky test/retry.ts: \"X-RateLimit-Retry-After number is treated as delay seconds, not timestamp\"",
        )
        .replies(vec![
            reply(429, &[("x-ratelimit-retry-after", ts)]),
            fixture(),
        ])
        .policy(|policy| policy.max_attempts(2))
        .expect(2, &[0.1], 200)
        .differs("ky waits the 1704067200 s it names; we do not read `X-RateLimit-Retry-After` and wait for the backoff"),
        case("ky test/retry.ts: \"Retry-After takes precedence over RateLimit-Reset\"")
            .replies(vec![
                reply(429, &[("retry-after", "1"), ("ratelimit-reset", ts)]),
                fixture(),
            ])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[1.0], 200),
        case("ky test/retry.ts: \"invalid Retry-After does not fall back to RateLimit-Reset\"")
            .replies(vec![
                reply(429, &[("retry-after", "1e3"), ("ratelimit-reset", ts)]),
                fixture(),
            ])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[0.1], 200),
        case("ky test/retry.ts: \"empty Retry-After does not fall back to RateLimit-Reset\"")
            .replies(vec![
                reply(429, &[("retry-after", ""), ("ratelimit-reset", ts)]),
                fixture(),
            ])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[0.1], 200),
        case("ky test/retry.ts: \"non-standard Retry-After date falls back to retry delay\"")
            .replies(vec![
                reply(429, &[("retry-after", "Sun Nov 06 1994 08:49:37 GMT")]),
                fixture(),
            ])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[0.1], 200),
        // `Date.now() + 2_000_000` ms: 2026-01-01T00:33:20Z.
        case("ky test/retry.ts: \"Retry-After supports obsolete HTTP-date format: ${dateFormat}\" [RFC 850]")
            .replies(vec![
                reply(429, &[("retry-after", "Thursday, 01-Jan-26 00:33:20 GMT")]),
                fixture(),
            ])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[2000.0], 200),
        case("ky test/retry.ts: \"Retry-After supports obsolete HTTP-date format: ${dateFormat}\" [asctime]")
            .replies(vec![
                reply(429, &[("retry-after", "Thu Jan  1 00:33:20 2026")]),
                fixture(),
            ])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[2000.0], 200),
        // ky reads `:60` as the next second (00:34:00, 2040 s); we read no date.
        case("ky test/retry.ts: \"Retry-After HTTP-date supports a leap second\"")
            .replies(vec![
                reply(429, &[("retry-after", "Thu, 01 Jan 2026 00:33:60 GMT")]),
                fixture(),
            ])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[0.1], 200)
            .differs("ky waits until 00:34:00 (2040 s); we read `:60` as malformed and wait for the backoff"),
        // 49 years ahead: 2075-01-01T00:00:02Z, RFC 9110 §5.6.7's two-digit year rule.
        case("ky test/retry.ts: \"Retry-After RFC 850 HTTP-date applies the two-digit year rule\"")
            .replies(vec![
                reply(429, &[("retry-after", "Tuesday, 01-Jan-75 00:00:02 GMT")]),
                fixture(),
            ])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[0.1], 200)
            .differs("ky reads 2075 and waits 1546300802 s; we read 1975 (httpdate's fixed 1970-2069 window), whose weekday does not match: malformed, the backoff"),
        // 51 years ahead: 2077, which RFC 9110 §5.6.7 reads as 1977, in the past.
        case(
            "ky test/retry.ts: \"Retry-After RFC 850 HTTP-date more than 50 years in the future is interpreted as past\"",
        )
        .replies(vec![
            reply(429, &[("retry-after", "Friday, 01-Jan-77 00:00:02 GMT")]),
            fixture(),
        ])
        .policy(|policy| {
            policy
                .max_attempts(2)
                .max_server_wait(Duration::from_millis(1))
        })
        .expect(2, &[0.1], 200)
        .differs("ky reads 1977, in the past, and sends again at once; we read 1977 too, but check the weekday of the date as written (Friday is 2077's): malformed, the backoff"),
        case("ky test/retry.ts: \"invalid Retry-After HTTP-date components fall back to retry delay\"")
            .replies(vec![
                reply(429, &[("retry-after", "Sun, 32 Dec 2030 25:99:99 GMT")]),
                fixture(),
            ])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[0.1], 200),
        case("ky test/retry.ts: \"RateLimit-Reset delay seconds are respected like Retry-After\"")
            .replies(vec![
                reply(429, &[("ratelimit-reset", "1")]),
                reply(429, &[("retry-after", "1")]),
                fixture(),
            ])
            .expect(3, &[1.0, 1.0], 200),
        // `Date.now` held at 2026-01-01: the second reset is that moment + 3 s, as epoch seconds.
        case("ky test/retry.ts: \"RateLimit-Reset with time since epoch\"")
            .replies(vec![
                reply(429, &[("ratelimit-reset", "1")]),
                reply(429, &[("ratelimit-reset", "1767225603")]),
                fixture(),
            ])
            .policy(|policy| policy.clock(start))
            .expect(3, &[1.0, 3.0], 200),
        case("ky test/retry.ts: \"empty RateLimit-Reset falls back to retry delay\"")
            .replies(vec![reply(429, &[("ratelimit-reset", "")]), fixture()])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[0.1], 200),
        case("ky test/retry.ts: \"empty RateLimit-Reset does not fall back to lower-priority reset alias\"")
            .replies(vec![
                reply(429, &[("ratelimit-reset", ""), ("x-ratelimit-reset", ts)]),
                fixture(),
            ])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[0.0], 200)
            .differs("ky waits for its backoff; we read past the empty RateLimit-Reset to X-RateLimit-Reset, an epoch second in the past: no wait"),
        case("ky test/retry.ts: \"${rateLimitResetHeader} supports time since epoch\" [X-RateLimit-Reset]")
            .replies(vec![
                reply(429, &[("x-ratelimit-reset", "1767225602")]),
                fixture(),
            ])
            .policy(|policy| {
                policy
                    .max_attempts(2)
                    .max_server_wait(Duration::from_millis(3500))
                    .clock(start)
            })
            .expect(2, &[2.0], 200),
        case("ky test/retry.ts: \"${rateLimitResetHeader} supports time since epoch\" [X-Rate-Limit-Reset]")
            .replies(vec![
                reply(429, &[("x-rate-limit-reset", "1767225602")]),
                fixture(),
            ])
            .policy(|policy| {
                policy
                    .max_attempts(2)
                    .max_server_wait(Duration::from_millis(3500))
                    .clock(start)
            })
            .expect(2, &[2.0], 200),
        case("ky test/retry.ts: \"respect 413 Retry-After\"")
            .replies(times(2, reply(413, &[("retry-after", "2")]), fixture()))
            .expect(3, &[2.0, 2.0], 200),
        // ky's server sends `Date.now() + 3 s` each time; our clock moves by the waits.
        case("ky test/retry.ts: \"respect 413 Retry-After with HTTP date\"")
            .replies(vec![
                reply(413, &[("retry-after", "Thu, 01 Jan 2026 00:00:03 GMT")]),
                reply(413, &[("retry-after", "Thu, 01 Jan 2026 00:00:06 GMT")]),
                fixture(),
            ])
            .expect(3, &[3.0, 3.0], 200),
        case("ky test/retry.ts: \"doesn't retry on 413 without Retry-After header\"")
            .replies(vec![reply(413, &[])])
            .expect(3, &[0.1, 0.2], 413)
            .differs("ky sends one request and returns the 413"),
        case("ky test/retry.ts: \"respect custom `afterStatusCodes` (500) with Retry-After header\"")
            .replies(times(2, reply(500, &[("retry-after", "2")]), fixture()))
            .expect(3, &[0.1, 0.2], 200)
            .differs("with `afterStatusCodes: [500]` ky waits the 500's Retry-After (2 s, 2 s); we have no such option and wait for the backoff on a 500"),
        case("ky test/retry.ts: \"custom `afterStatusCodes` does not retry statuses missing from `statusCodes`\"")
            .replies(vec![reply(400, &[("retry-after", "1")])])
            .expect(1, &[], 400),
        case("ky test/retry.ts: \"respect number of retries\"")
            .replies(vec![reply(408, &[])])
            .policy(|policy| policy.max_attempts(4))
            .expect(4, &[0.1, 0.2, 0.4], 408),
        case("ky test/retry.ts: \"respect retry methods\" [POST]")
            .method("POST")
            .replies(vec![reply(408, &[])])
            .policy(|policy| policy.max_attempts(4))
            .expect(1, &[], 408),
        case("ky test/retry.ts: \"respect retry methods\" [GET]")
            .replies(vec![reply(408, &[])])
            .policy(|policy| policy.max_attempts(3))
            .expect(3, &[0.1, 0.2], 408),
        case("ky test/retry.ts: \"respect maxRetryAfter\" [420 ms]")
            .replies(times(4, reply(413, &[("retry-after", "1")]), fixture()))
            .policy(|policy| {
                policy
                    .max_attempts(5)
                    .max_server_wait(Duration::from_millis(420))
            })
            .expect(1, &[], 413)
            .differs("ky waits the cap instead (420 ms, 4 times) and ends with 200; we pass the 413 on at once, as got does"),
        case("ky test/retry.ts: \"respect maxRetryAfter\" [2000 ms]")
            .replies(times(4, reply(413, &[("retry-after", "1")]), fixture()))
            .policy(|policy| {
                policy
                    .max_attempts(5)
                    .max_server_wait(Duration::from_millis(2000))
            })
            .expect(5, &[1.0; 4], 200),
        case("ky test/retry.ts: \"invalid Retry-After header falls back to retry delay\"")
            .replies(vec![
                reply(429, &[("retry-after", "not-a-valid-value")]),
                fixture(),
            ])
            .policy(|policy| {
                policy
                    .max_attempts(2)
                    .max_server_wait(Duration::from_millis(10))
            })
            .expect(2, &[0.1], 200),
        case("ky test/retry.ts: \"invalid 413 Retry-After header falls back to retry delay\"")
            .replies(vec![
                reply(413, &[("retry-after", "not-a-valid-value")]),
                fixture(),
            ])
            .policy(|policy| {
                policy
                    .max_attempts(2)
                    .max_server_wait(Duration::from_millis(10))
            })
            .expect(2, &[0.1], 200),
        case("ky test/retry.ts: \"doesn't retry on 413 with empty statusCodes and methods\"")
            .replies(vec![reply(413, &[])])
            .statuses(&[])
            .policy(|policy| policy.max_attempts(11))
            .expect(1, &[], 413),
        case("ky test/retry.ts: \"does retry on 408 with statusCodes provided as array\"")
            .replies(vec![reply(408, &[])])
            .statuses(&[408])
            .policy(|policy| policy.max_attempts(4))
            .expect(4, &[0.1, 0.2, 0.4], 408),
        case("ky test/retry.ts: \"doesn't retry when retry.limit is set to 0\"")
            .replies(vec![reply(408, &[])])
            .policy(|policy| policy.max_attempts(1))
            .expect(1, &[], 408),
    ]
}

fn got_cases() -> Vec<Case> {
    // got's `handler413`: a 413 with `Retry-After: 2`, every time.
    let handler413 = || vec![reply(413, &[("retry-after", "2")])];
    vec![
        case("got test/retry.ts: \"custom retries\"")
            .replies(vec![reply(500, &[])])
            .statuses(&[500])
            .expect(3, &[0.1, 0.2], 500),
        case("got test/retry.ts: \"respects 413 Retry-After\"")
            .replies(handler413())
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[2.0], 413),
        // got's server sends `Date.now() + 2 s`; our clock moves by the waits.
        case("got test/retry.ts: \"respects 413 Retry-After with RFC-1123 timestamp\"")
            .replies(vec![
                reply(413, &[("retry-after", "Thu, 01 Jan 2026 00:00:02 GMT")]),
                reply(413, &[("retry-after", "Thu, 01 Jan 2026 00:00:04 GMT")]),
            ])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[2.0], 413),
        case("got test/retry.ts: \"doesn't retry on 413 with empty statusCodes and methods\"")
            .replies(handler413())
            .statuses(&[])
            .policy(|policy| policy.max_attempts(2))
            .expect(1, &[], 413),
        case("got test/retry.ts: \"doesn't retry on 413 without Retry-After header\"")
            .replies(vec![reply(413, &[])])
            .expect(3, &[0.1, 0.2], 413)
            .differs("got sends one request (`retryCount` 0) and returns the 413"),
        case("got test/retry.ts: \"retries on 503 without Retry-After header\"")
            .replies(vec![reply(503, &[])])
            .policy(|policy| policy.max_attempts(2))
            .expect(2, &[0.1], 503),
        case("got test/retry.ts: \"doesn't retry if Retry-After header is greater than maxRetryAfter\"")
            .replies(handler413())
            .policy(|policy| policy.max_server_wait(Duration::from_millis(1000)))
            .expect(1, &[], 413),
        case("got test/retry.ts: \"doesn't retry when set to 0\"")
            .replies(handler413())
            .policy(|policy| policy.max_attempts(1))
            .expect(1, &[], 413),
        case("got test/retry.ts: \"works when defaults.options.retry is a number\"")
            .replies(handler413())
            .policy(|policy| policy.max_attempts(3))
            .expect(3, &[2.0, 2.0], 413),
    ]
}

#[test]
fn ky() {
    check("ky", &ky_cases(), &|policy| {
        policy.max_server_wait(KY_NO_CAP)
    });
}

#[test]
fn got() {
    check("got", &got_cases(), &|policy| policy);
}
