//! `RetryMiddleware` in a reqwest-middleware stack: it decides from the response head alone,
//! and passes the last response on for `handle::<T>()`.

use std::time::Duration;

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
