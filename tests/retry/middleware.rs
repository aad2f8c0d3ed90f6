//! `RetryMiddleware` in a reqwest-middleware stack: it decides from the response head alone,
//! and passes the last response on for `handle::<T>()`.

use std::time::{Duration, UNIX_EPOCH};

use response_handler::CallError;
use response_handler::reqwest_middleware::{RequestBuilderExt, RetryMiddleware};
use response_handler::retry::RetryPolicy;
use suite::{Reply, refused_url, scripted};

use super::clients::paused;
use super::{Recorder, Search, attempts, event, ok, too_many};

pub(super) fn call(
    method: &str,
    url: &str,
    policy: RetryPolicy,
) -> Result<Search, CallError<reqwest_middleware::Error>> {
    paused(async {
        let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
            .with(RetryMiddleware::new(policy))
            .build();
        let mut request = client.request(method.parse().unwrap(), url);
        if method == "POST" {
            request = request.body("query=rust");
        }
        request.handle::<Search>().await
    })
}

#[test]
fn a_429_with_retry_after_1_is_retried_once_after_exactly_one_second() {
    let (server, received) = scripted(vec![too_many("1"), ok()]);
    let recorder = Recorder::default();
    let outcome = call("GET", &server.url("/s"), recorder.policy());
    assert!(matches!(outcome, Ok(Search::Results(_))), "{outcome:?}");
    assert_eq!(recorder.events(), [event(1, "429 Too Many Requests", 1.0)]);
    recorder.assert_async_slept(&recorder.chosen());
    assert_eq!(attempts(&received), 2);
}

#[test]
fn a_503_with_only_rate_limit_headers_waits_for_their_reset() {
    let throttled = Reply::new(503)
        .header("ratelimit-policy", "\"burst\";q=3;w=60")
        .header("ratelimit", "\"burst\";r=0;t=4")
        .text("busy");
    let (server, received) = scripted(vec![throttled, ok()]);
    let recorder = Recorder::default();
    let outcome = call("GET", &server.url("/s"), recorder.policy());
    assert!(matches!(outcome, Ok(Search::Results(_))), "{outcome:?}");
    assert_eq!(
        recorder.events(),
        [event(1, "503 Service Unavailable", 4.0)]
    );
    recorder.assert_async_slept(&recorder.chosen());
    assert_eq!(attempts(&received), 2);
}

#[test]
fn a_retry_after_beyond_the_cap_passes_the_429_on_at_once() {
    let (server, received) = scripted(vec![too_many("3600"), ok()]);
    let recorder = Recorder::default();
    let policy = recorder.policy().max_server_wait(Duration::from_secs(60));
    let outcome = call("GET", &server.url("/s"), policy);
    match outcome {
        Ok(Search::RateLimited(Some(_), None, body)) => assert_eq!(body, "slow down"),
        other => panic!("expected the 429 outcome, got {other:?}"),
    }
    assert_eq!(recorder.events(), []);
    recorder.assert_async_slept(&recorder.chosen());
    assert_eq!(attempts(&received), 1);
}

#[test]
fn a_post_is_retried_only_with_the_opt_in() {
    let (server, received) = scripted(vec![too_many("1"), ok()]);
    let outcome = call("POST", &server.url("/s"), Recorder::default().policy());
    assert!(
        matches!(outcome, Ok(Search::RateLimited(..))),
        "{outcome:?}"
    );
    assert_eq!(attempts(&received), 1);

    let (server, received) = scripted(vec![too_many("1"), ok()]);
    let policy = Recorder::default().policy().retry_non_idempotent(true);
    let outcome = call("POST", &server.url("/s"), policy);
    assert!(matches!(outcome, Ok(Search::Results(_))), "{outcome:?}");
    assert_eq!(received.lock().unwrap()[1].body, b"query=rust");
}

#[test]
fn a_status_outside_the_list_is_passed_on_without_a_retry() {
    let (server, received) = scripted(vec![Reply::new(404), ok()]);
    let recorder = Recorder::default();
    let outcome = call("GET", &server.url("/s"), recorder.policy());
    assert!(matches!(outcome, Ok(Search::NotFound)), "{outcome:?}");
    assert_eq!(attempts(&received), 1);
}

#[test]
fn the_attempt_limit_holds_and_the_last_response_reaches_the_handler() {
    let busy = Reply::new(500).header("x-request-id", "r-3").text("boom");
    let (server, received) = scripted(vec![busy]);
    let recorder = Recorder::default();
    let outcome = call("GET", &server.url("/s"), recorder.policy().max_attempts(3));
    let Err(CallError::Response(error)) = outcome else {
        panic!("expected the 500 as an error, got {outcome:?}");
    };
    assert_eq!(error.status(), 500);
    assert_eq!(error.headers()["x-request-id"], "r-3");
    assert_eq!(error.body().as_ref(), b"boom");
    assert_eq!(
        recorder.events(),
        [
            event(1, "500 Internal Server Error", 0.1),
            event(2, "500 Internal Server Error", 0.2)
        ]
    );
    recorder.assert_async_slept(&recorder.chosen());
    assert_eq!(attempts(&received), 3);
}

#[test]
fn connection_refused_is_retried_then_reported_as_a_send_error() {
    let recorder = Recorder::default();
    let outcome = call("GET", &refused_url("/s"), recorder.policy());
    assert!(matches!(outcome, Err(CallError::Send(_))), "{outcome:?}");
    assert_eq!(
        recorder.events(),
        [event(1, "transport", 0.1), event(2, "transport", 0.2)]
    );
    recorder.assert_async_slept(&recorder.chosen());
}

/// 1994-11-06 08:49:37 UTC, the date of RFC 9110's examples, as an HTTP-date.
const EXAMPLE_DATE: &str = "Sun, 06 Nov 1994 08:49:37 GMT";

/// Every status of the README's table, and what wait the middleware reads on each: a row is a
/// status, the headers it is sent with, a change to the policy, and the one wait expected
/// before the second attempt (`None`: passed on after one attempt).
#[test]
fn the_status_table() {
    type Tweak = fn(RetryPolicy) -> RetryPolicy;
    let same: Tweak = |policy| policy;
    // The policy's clock stands 10 s before `EXAMPLE_DATE`.
    let at_example: Tweak =
        |policy| policy.clock(|| UNIX_EPOCH + Duration::from_secs(784_111_777 - 10));
    // A clock that stands still: the budget is used up by the waits chosen alone.
    let budget_3s: Tweak = |policy| {
        policy
            .clock(|| UNIX_EPOCH + Duration::from_secs(784_111_777))
            .budget(Duration::from_secs(3))
    };
    let rate_limited: &[(&str, &str)] = &[
        ("ratelimit-limit", "10"),
        ("ratelimit-remaining", "0"),
        ("ratelimit-reset", "7"),
    ];
    let forty = "9".repeat(40);
    /// A status, its headers, a change to the policy, the wait expected.
    type Row<'a> = (u16, Vec<(&'a str, &'a str)>, Tweak, Option<f64>);
    let rows: Vec<Row> = vec![
        // Final, whatever they send.
        (200, vec![("retry-after", "1")], same, None),
        (201, vec![], same, None),
        (204, vec![], same, None),
        (301, vec![("retry-after", "1")], same, None),
        (400, vec![("retry-after", "1")], same, None),
        (401, vec![], same, None),
        (403, vec![("retry-after", "1")], same, None),
        (404, vec![("retry-after", "1")], same, None),
        (409, vec![], same, None),
        (422, vec![], same, None),
        // Retried after the backoff: a `Retry-After` is not read.
        (408, vec![("retry-after", "5")], same, Some(0.1)),
        (500, vec![("retry-after", "30")], same, Some(0.1)),
        (502, vec![("retry-after", "5")], same, Some(0.1)),
        (504, vec![("retry-after", "5")], same, Some(0.1)),
        (500, rate_limited.to_vec(), same, Some(0.1)),
        // 413: `Retry-After` if sent, else the backoff (no rate-limit reset).
        (413, vec![("retry-after", "5")], same, Some(5.0)),
        (413, vec![], same, Some(0.1)),
        (413, rate_limited.to_vec(), same, Some(0.1)),
        // 429 and 503: `Retry-After`, else the rate-limit reset, else the backoff.
        (429, vec![("retry-after", "5")], same, Some(5.0)),
        (429, rate_limited.to_vec(), same, Some(7.0)),
        (429, vec![], same, Some(0.1)),
        (503, vec![("retry-after", "5")], same, Some(5.0)),
        (503, rate_limited.to_vec(), same, Some(7.0)),
        (
            503,
            vec![("retry-after", EXAMPLE_DATE)],
            at_example,
            Some(10.0),
        ),
        (503, vec![("retry-after", EXAMPLE_DATE)], same, Some(0.0)),
        (503, vec![], same, Some(0.1)),
        // Of two `Retry-After` lines the first is read, as browsers and curl do.
        (
            503,
            vec![("retry-after", "5"), ("retry-after", "9")],
            same,
            Some(5.0),
        ),
        (
            503,
            vec![("retry-after", "soon"), ("retry-after", "9")],
            same,
            Some(0.1),
        ),
        // A malformed or empty value is none.
        (503, vec![("retry-after", "0x10")], same, Some(0.1)),
        (429, vec![("retry-after", "1.5")], same, Some(0.1)),
        (413, vec![("retry-after", "-1")], same, Some(0.1)),
        (503, vec![("retry-after", "")], same, Some(0.1)),
        (503, vec![("retry-after", "soon")], same, Some(0.1)),
        (429, vec![("retry-after", "")], same, Some(0.1)),
        (
            503,
            vec![
                ("ratelimit-limit", "10"),
                ("ratelimit-remaining", "0"),
                ("ratelimit-reset", ""),
            ],
            same,
            Some(0.1),
        ),
        (
            429,
            vec![
                ("retry-after", ""),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", ""),
            ],
            same,
            Some(0.1),
        ),
        (
            429,
            vec![("ratelimit", "\"burst\";r=0;t=")],
            same,
            Some(0.1),
        ),
        // Over the cap, too large to represent, over the budget: passed on at once.
        (503, vec![("retry-after", "61")], same, None),
        (429, vec![("retry-after", forty.as_str())], same, None),
        (503, vec![("retry-after", "5")], budget_3s, None),
        (429, vec![("retry-after", "2")], budget_3s, Some(2.0)),
    ];
    for (status, headers, tweak, expected) in rows {
        let mut reply = Reply::new(status);
        for (name, value) in &headers {
            reply = reply.header(name, value);
        }
        let (server, received) = scripted(vec![reply, ok()]);
        let recorder = Recorder::default();
        let policy = tweak(recorder.policy().max_attempts(2));
        let _ = call("GET", &server.url("/s"), policy);
        let row = format!("{status} {headers:?}");
        let waits: Vec<Duration> = recorder.events().iter().map(|event| event.2).collect();
        match expected {
            Some(seconds) => {
                assert_eq!(waits, [Duration::from_secs_f64(seconds)], "{row}");
                assert_eq!(attempts(&received), 2, "{row}");
            }
            None => {
                assert_eq!(waits, [], "{row}");
                assert_eq!(attempts(&received), 1, "{row}");
            }
        }
    }
}

/// `when_asked`: a 403 (and here a 429) is retried only when its head asks for a wait, as under
/// `#[retry(when_asked)]`; a status listed there is judged so even though the defaults list 429.
#[test]
fn when_asked_statuses_are_retried_only_when_the_head_asks_for_a_wait() {
    use super::asked::{Repo, exhausted, found};
    use response_handler::StatusCode;

    let forbidden = || Reply::new(403).text("Must have admin rights");
    let rows = [
        (
            "exhausted",
            exhausted(),
            vec![event(1, "403 Forbidden", 42.0)],
        ),
        (
            "retry-after",
            forbidden().header("retry-after", "3"),
            vec![event(1, "403 Forbidden", 3.0)],
        ),
        (
            "empty retry-after, exhausted",
            exhausted().header("retry-after", ""),
            vec![event(1, "403 Forbidden", 42.0)],
        ),
        ("forbidden", forbidden(), vec![]),
        (
            "requests left",
            forbidden()
                .header("x-ratelimit-remaining", "59")
                .header("x-ratelimit-reset", "1700000042"),
            vec![],
        ),
        (
            "malformed retry-after",
            exhausted().header("retry-after", "soon"),
            vec![],
        ),
        ("429 without a wait", Reply::new(429), vec![]),
    ];
    for (row, reply, events) in rows {
        let (server, received) = scripted(vec![reply, found()]);
        let recorder = Recorder::default();
        let middleware = RetryMiddleware::new(recorder.policy())
            .when_asked([StatusCode::FORBIDDEN, StatusCode::TOO_MANY_REQUESTS]);
        let outcome: Result<Repo, _> = paused(async {
            reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
                .with(middleware)
                .build()
                .get(server.url("/repos/x"))
                .handle::<Repo>()
                .await
        });
        assert_eq!(recorder.events(), events, "{row}");
        recorder.assert_async_slept(&recorder.chosen());
        assert_eq!(attempts(&received), 1 + events.len(), "{row}");
        match (events.is_empty(), &outcome) {
            (false, Ok(Repo::Found(_))) | (true, Ok(Repo::Forbidden(..)) | Err(_)) => {}
            _ => panic!("{row}: {outcome:?}"),
        }
    }
}
