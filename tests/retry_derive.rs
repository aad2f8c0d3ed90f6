//! `#[retry]`: the `Retryable` impl the derive writes, variant by variant: which outcomes are
//! worth another attempt, and the wait the server asked for, read from the fields by type.

use std::time::{Duration, UNIX_EPOCH};

use response_handler::retry::{RetryHint, Retryable};
use response_handler::{RateLimit, ResponseHandler, RetryAfter, StatusCode, Wait};

#[derive(Debug, ResponseHandler)]
enum Send {
    #[on_success]
    Sent,
    #[on(429, 503)]
    #[retry]
    Busy(Option<RetryAfter>, Option<RateLimit>),
    #[on(500..=502)]
    #[retry]
    Flaky(StatusCode),
    #[on(404)]
    Missing,
    #[on_client_error]
    #[retry]
    Odd,
}

fn send(response: http::response::Builder) -> Send {
    Send::from_response(response.body(()).unwrap()).unwrap()
}

fn status(code: u16) -> http::response::Builder {
    http::Response::builder().status(code)
}

#[test]
fn retry_after_in_seconds_is_a_span() {
    let busy = send(status(429).header("retry-after", "120"));
    assert_eq!(
        busy.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(120))))
    );
    assert_eq!(busy.outcome_name(), "Busy");
}

#[test]
fn retry_after_as_an_http_date_is_a_point_in_time() {
    let busy = send(status(503).header("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"));
    assert_eq!(
        busy.retry_hint(),
        RetryHint::Retry(Some(Wait::At(
            UNIX_EPOCH + Duration::from_secs(784_111_777)
        )))
    );
}

#[test]
fn a_rate_limit_reset_in_seconds_is_a_span() {
    let busy = send(
        status(429)
            .header("ratelimit-limit", "100")
            .header("ratelimit-remaining", "0")
            .header("ratelimit-reset", "30"),
    );
    assert_eq!(
        busy.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(30))))
    );
}

#[test]
fn a_rate_limit_reset_as_unix_time_is_a_point_in_time() {
    let busy = send(
        status(429)
            .header("x-ratelimit-limit", "60")
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-reset", "1372700873"),
    );
    assert_eq!(
        busy.retry_hint(),
        RetryHint::Retry(Some(Wait::At(
            UNIX_EPOCH + Duration::from_secs(1_372_700_873)
        )))
    );
}

#[test]
fn retry_after_wins_over_the_rate_limit_reset() {
    let busy = send(
        status(429)
            .header("retry-after", "5")
            .header("ratelimit-limit", "100")
            .header("ratelimit-remaining", "0")
            .header("ratelimit-reset", "30"),
    );
    assert_eq!(
        busy.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(5))))
    );
}

#[test]
fn without_a_wait_the_policy_decides() {
    assert_eq!(send(status(429)).retry_hint(), RetryHint::Retry(None));
    let flaky = send(status(502));
    assert_eq!(flaky.retry_hint(), RetryHint::Retry(None));
    assert_eq!(flaky.outcome_name(), "Flaky");
    let odd = send(status(418));
    assert_eq!(odd.retry_hint(), RetryHint::Retry(None));
    assert_eq!(odd.outcome_name(), "Odd");
}

#[test]
fn variants_without_retry_are_final() {
    let sent = send(status(200));
    assert_eq!(sent.retry_hint(), RetryHint::Final);
    assert_eq!(sent.outcome_name(), "Sent");
    let missing = send(status(404));
    assert_eq!(missing.retry_hint(), RetryHint::Final);
    assert_eq!(missing.outcome_name(), "Missing");
}

mod renamed {
    //! The wait is found by the field's type, not by the name written in the source.
    use response_handler::RateLimit as Quota;
    use response_handler::ResponseHandler;
    use response_handler::RetryAfter as Later;

    #[derive(Debug, ResponseHandler)]
    pub enum Renamed {
        #[on(200)]
        Done,
        #[on(429)]
        #[retry]
        Limited {
            quota: Quota,
            #[header("x-request-id")]
            request: Option<String>,
            later: Option<Later>,
        },
    }
}

#[test]
fn renamed_imports_keep_their_meaning() {
    use renamed::Renamed;
    let response = status(429)
        .header("ratelimit-limit", "10")
        .header("ratelimit-remaining", "0")
        .header("ratelimit-reset", "40")
        .header("retry-after", "3")
        .body(())
        .unwrap();
    let limited = Renamed::from_response(response).unwrap();
    // The rate limit comes first among the fields, the `Retry-After` still wins.
    assert_eq!(
        limited.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(3))))
    );
    let response = status(429)
        .header("ratelimit-limit", "10")
        .header("ratelimit-remaining", "0")
        .header("ratelimit-reset", "40")
        .body(())
        .unwrap();
    let limited = Renamed::from_response(response).unwrap();
    assert_eq!(
        limited.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(40))))
    );
    assert_eq!(limited.outcome_name(), "Limited");
    let done = Renamed::from_response(status(200).body(()).unwrap()).unwrap();
    assert_eq!(done.retry_hint(), RetryHint::Final);
}

/// A type of the user's that happens to be called `RetryAfter` says nothing about waiting.
mod lookalike {
    use response_handler::ResponseHandler;

    #[derive(Debug)]
    pub struct RetryAfter(pub String);

    impl core::str::FromStr for RetryAfter {
        type Err = core::convert::Infallible;
        fn from_str(text: &str) -> Result<Self, Self::Err> {
            Ok(RetryAfter(text.to_owned()))
        }
    }

    #[derive(Debug, ResponseHandler)]
    #[on(503)]
    #[retry]
    pub struct Unavailable {
        #[header("retry-after")]
        pub retry_after: RetryAfter,
    }
}

#[test]
fn a_lookalike_type_name_gives_no_wait() {
    let response = status(503).header("retry-after", "9").body(()).unwrap();
    let unavailable = lookalike::Unavailable::from_response(response).unwrap();
    assert_eq!(unavailable.retry_after.0, "9");
    assert_eq!(unavailable.retry_hint(), RetryHint::Retry(None));
    assert_eq!(unavailable.outcome_name(), "Unavailable");
}

/// A generic outcome: a field of a type parameter gives no wait, the typed field does.
#[derive(Debug, ResponseHandler)]
enum Generic<T> {
    #[on(200)]
    Ok(T),
    #[on_server_error]
    #[retry]
    Down(T, Option<RetryAfter>),
}

#[test]
fn generic_outcomes_read_their_typed_fields() {
    let response = status(500).header("retry-after", "8").body("x").unwrap();
    let down = Generic::<String>::from_response(response).unwrap();
    assert_eq!(
        down.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(8))))
    );
    let ok = Generic::<String>::from_response(status(200).body("x").unwrap()).unwrap();
    assert_eq!(ok.retry_hint(), RetryHint::Final);
    assert_eq!(ok.outcome_name(), "Ok");
}

/// A struct that only handles failures may carry `#[retry]` itself.
#[derive(Debug, ResponseHandler)]
#[on(503)]
#[retry]
struct Maintenance(RetryAfter);

#[test]
fn a_failure_struct_is_retryable() {
    let response = status(503).header("retry-after", "60").body(()).unwrap();
    let maintenance = Maintenance::from_response(response).unwrap();
    assert_eq!(
        maintenance.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(60))))
    );
    assert_eq!(maintenance.outcome_name(), "Maintenance");
}

/// Without `#[retry]`, the derive leaves `Retryable` to the user.
#[derive(Debug, ResponseHandler)]
enum Poll {
    #[on(200)]
    Ready,
    #[on(202)]
    Pending(Option<RetryAfter>),
}

impl Retryable for Poll {
    fn retry_hint(&self) -> RetryHint {
        match self {
            Poll::Ready => RetryHint::Final,
            Poll::Pending(wait) => RetryHint::Retry(wait.map(|RetryAfter(wait)| wait)),
        }
    }

    fn outcome_name(&self) -> &'static str {
        match self {
            Poll::Ready => "Ready",
            Poll::Pending(_) => "Pending",
        }
    }
}

#[test]
fn a_hand_written_impl_is_possible_without_retry() {
    let response = status(202).header("retry-after", "2").body(()).unwrap();
    let pending = Poll::from_response(response).unwrap();
    assert_eq!(
        pending.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(2))))
    );
    assert_eq!(pending.outcome_name(), "Pending");
}

#[test]
fn reading_the_hint_allocates_nothing() {
    let outcomes = [
        send(
            status(429)
                .header("retry-after", "5")
                .header("ratelimit-reset", "30"),
        ),
        send(
            status(503)
                .header("ratelimit-limit", "1")
                .header("ratelimit-remaining", "0")
                .header("ratelimit-reset", "30"),
        ),
        send(status(200)),
    ];
    let mut hints = Vec::with_capacity(outcomes.len());
    let info = allocation_counter::measure(|| {
        for outcome in &outcomes {
            hints.push((outcome.retry_hint(), outcome.outcome_name()));
        }
    });
    assert_eq!(info.count_total, 0, "{info:?}");
    assert_eq!(
        hints,
        [
            (
                RetryHint::Retry(Some(Wait::After(Duration::from_secs(5)))),
                "Busy"
            ),
            (
                RetryHint::Retry(Some(Wait::After(Duration::from_secs(30)))),
                "Busy"
            ),
            (RetryHint::Final, "Sent"),
        ]
    );
}

/// Google APIs put the wait in the error body (`google.rpc.RetryInfo`): a `#[retry]` variant
/// reads it as it reads `Retry-After`, and before a rate-limit reset.
#[derive(Debug, ResponseHandler)]
enum Gemini {
    #[on_success]
    Ok,
    #[on(429)]
    #[retry]
    Exhausted(Option<RateLimit>, Option<response_handler::RetryInfo>),
}

#[test]
fn google_retry_info_in_the_body_is_the_servers_wait() {
    let body = r#"{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [
        {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "3.5s"}]}}"#;
    let response = status(429)
        .header("content-type", "application/json")
        .header("x-ratelimit-remaining", "0")
        .header("x-ratelimit-reset", "60")
        .body(body)
        .unwrap();
    let outcome = Gemini::from_response(response).unwrap();
    assert_eq!(
        outcome.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_millis(3500))))
    );

    let without_info = status(429)
        .header("x-ratelimit-remaining", "0")
        .header("x-ratelimit-reset", "60")
        .body("<html>quota</html>")
        .unwrap();
    let outcome = Gemini::from_response(without_info).unwrap();
    assert_eq!(
        outcome.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(60))))
    );
}

/// The `#[retry]` variant each status selects, by the dispatch's own routes: what the retry
/// driver asks when a response could not be turned into the outcome.
#[test]
fn the_retry_variant_of_each_status() {
    let variant = |code: u16| Send::__retry_variant(StatusCode::from_u16(code).unwrap());
    assert_eq!(variant(429), Some("Busy"));
    assert_eq!(variant(503), Some("Busy"));
    assert_eq!(variant(501), Some("Flaky"));
    assert_eq!(variant(418), Some("Odd"), "the 4xx catch-all");
    assert_eq!(variant(404), None, "not #[retry]");
    assert_eq!(variant(200), None, "a success");
    assert_eq!(variant(504), None, "no variant");
}

/// `#[retry(when_asked)]`: GitHub answers 403 both for "forbidden" and for its rate limits; only
/// the 403 that asks for a wait is worth another attempt.
#[derive(Debug, ResponseHandler)]
enum GitHub {
    #[on_success]
    Ok,
    #[on(403, 429)]
    #[retry(when_asked)]
    Limited(Option<RetryAfter>, Option<RateLimit>, String),
    #[on(503)]
    #[retry]
    Down(Option<RetryAfter>),
    /// A struct-like variant with its wait in the body, after a field that carries none.
    #[on(400)]
    #[retry(when_asked)]
    Google {
        status: StatusCode,
        info: Option<response_handler::RetryInfo>,
    },
}

fn github(response: http::response::Builder) -> GitHub {
    GitHub::from_response(response.body("").unwrap()).unwrap()
}

#[test]
fn when_asked_retries_a_403_with_nothing_remaining_at_the_reset() {
    let limited = github(
        status(403)
            .header("x-ratelimit-limit", "60")
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-reset", "1372700873"),
    );
    assert_eq!(
        limited.retry_hint(),
        RetryHint::Retry(Some(Wait::At(
            UNIX_EPOCH + Duration::from_secs(1_372_700_873)
        )))
    );
    assert_eq!(limited.outcome_name(), "Limited");
    // Retry-After (GitHub's secondary limit) comes first.
    let secondary = github(
        status(403)
            .header("retry-after", "60")
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-reset", "1372700873"),
    );
    assert_eq!(
        secondary.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(60))))
    );
}

#[test]
fn when_asked_leaves_a_403_without_a_wait_final() {
    // Forbidden: no wait at all.
    assert_eq!(github(status(403)).retry_hint(), RetryHint::Final);
    // Requests left: a reset is no request to wait.
    let left = github(
        status(403)
            .header("x-ratelimit-limit", "60")
            .header("x-ratelimit-remaining", "59")
            .header("x-ratelimit-reset", "1372700873"),
    );
    assert_eq!(left.retry_hint(), RetryHint::Final);
    // Nothing remaining, but no reset: no wait either.
    let no_reset = github(
        status(403)
            .header("x-ratelimit-limit", "60")
            .header("x-ratelimit-remaining", "0"),
    );
    assert_eq!(no_reset.retry_hint(), RetryHint::Final);
    // A plain `#[retry]` next to it keeps the backoff.
    assert_eq!(github(status(503)).retry_hint(), RetryHint::Retry(None));
}

#[test]
fn when_asked_reads_google_retry_info_from_the_body() {
    let body = r#"{"error": {"code": 400, "details": [
        {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "2s"}]}}"#;
    let response = status(400)
        .header("content-type", "application/json")
        .body(body)
        .unwrap();
    let outcome = GitHub::from_response(response).unwrap();
    assert_eq!(
        outcome.retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(2))))
    );
    let outcome = GitHub::from_response(status(400).body("{}").unwrap()).unwrap();
    assert_eq!(outcome.retry_hint(), RetryHint::Final);
}

/// A malformed wait under `when_asked` was not asked for: the driver ends the call with the
/// error, where a plain `#[retry]` variant's status is retried after the backoff.
#[test]
fn a_when_asked_variant_is_not_retried_when_its_fields_cannot_be_read() {
    let variant = |code: u16| GitHub::__retry_variant(StatusCode::from_u16(code).unwrap());
    assert_eq!(variant(403), None);
    assert_eq!(variant(429), None);
    assert_eq!(variant(400), None);
    assert_eq!(variant(503), Some("Down"));
}
