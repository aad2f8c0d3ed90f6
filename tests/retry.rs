//! Acting on the outcome: every client integration sends a request again as a `RetryPolicy`
//! says, over real HTTP on 127.0.0.1. Waits are recorded, never slept: the blocking clients get
//! a sleeper that records, the async ones a sleeper whose future records its first poll and its
//! completion (on tokio's paused clock), and the policy's clock moves only by those waits.
//!
//! The scenarios are written once against the [`Client`] trait and instantiated per client by
//! `for_each_client!`.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use response_handler::retry::{Attempted, RetryHint, RetryPolicy, Retryable};
use response_handler::{
    CallError, ErrorKind, HeaderMap, RateLimit, ResponseHandler, RetryAfter, StatusCode, Wait,
};
use suite::{Reply, refused_url, scripted};

#[path = "retry/asked.rs"]
mod asked;
#[path = "retry/cancel.rs"]
mod cancel;
#[path = "retry/clients.rs"]
mod clients;
#[path = "retry/concurrency.rs"]
mod concurrency;
#[path = "retry/engine.rs"]
mod engine;
#[path = "retry/faults.rs"]
mod faults;
#[path = "retry/give_up.rs"]
mod give_up;
#[path = "retry/middleware.rs"]
mod middleware;
#[path = "retry/secrets.rs"]
mod secrets;
#[path = "retry/tracing.rs"]
mod tracing_events;

use clients::{Client, Middleware, ReqwestAsync, ReqwestBlocking, Tower, Ureq};

#[derive(Debug, ResponseHandler)]
pub enum Search {
    #[on(200)]
    Results(String),
    #[on(429)]
    RateLimited(Option<RetryAfter>, Option<RateLimit>, String),
    #[on(503)]
    Unavailable(Option<RetryAfter>, Option<RateLimit>, HeaderMap, String),
    #[on(404)]
    NotFound,
}

/// What users write by hand today (and what `#[retry]` variants generate): 429 and 503 are
/// worth another attempt, after `Retry-After`, or else the rate-limit reset.
impl Retryable for Search {
    fn retry_hint(&self) -> RetryHint {
        match self {
            Search::RateLimited(retry, limit, _) | Search::Unavailable(retry, limit, ..) => {
                RetryHint::Retry(server_wait(retry.as_ref(), limit.as_ref()))
            }
            Search::Results(_) | Search::NotFound => RetryHint::Final,
        }
    }

    fn outcome_name(&self) -> &'static str {
        match self {
            Search::Results(_) => "Results",
            Search::RateLimited(..) => "RateLimited",
            Search::Unavailable(..) => "Unavailable",
            Search::NotFound => "NotFound",
        }
    }
}

/// A derived outcome: `#[retry]` on `Busy`, whose `Retry-After` may be malformed.
#[derive(Debug, ResponseHandler)]
pub enum Job {
    #[on(200)]
    Done(String),
    #[on(429, 503)]
    #[retry]
    Busy(Option<RetryAfter>, String),
    /// Not `#[retry]`: a malformed `Retry-After` here is an error, returned at once.
    #[on(500)]
    Broken(Option<RetryAfter>),
}

fn busy(retry_after: &str) -> Reply {
    Reply::new(503)
        .header("retry-after", retry_after)
        .text("busy")
}

fn server_wait(retry: Option<&RetryAfter>, limit: Option<&RateLimit>) -> Option<Wait> {
    retry
        .map(|&RetryAfter(wait)| wait)
        .or_else(|| limit.and_then(RateLimit::reset))
}

/// What the `on_retry` hook and the sleepers saw.
#[derive(Clone, Default)]
pub struct Recorder {
    /// `(attempt, "429 RateLimited" or "transport", delay)` per retry.
    events: Arc<Mutex<Vec<(u32, String, Duration)>>>,
    /// What the blocking sleeper was asked to wait.
    slept: Arc<Mutex<Vec<Duration>>>,
    /// What the async sleeper did, in order: [`Sleep::Began`] when its future was first
    /// polled, [`Sleep::Ended`] when it completed. A future that is made but not awaited leaves
    /// no trace, and one dropped half way leaves a `Began` alone.
    async_sleeps: Arc<Mutex<Vec<Sleep>>>,
    /// Every wait the sleepers completed: the policy's clock is a fixed moment plus this, so a
    /// budget is measured by the waits alone, however slow the machine is.
    waited: Arc<Mutex<Duration>>,
}

/// One step of an async sleep, see [`Recorder::async_sleeps`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sleep {
    Began(Duration),
    Ended(Duration),
}

/// The moment the recorder's clock starts at.
/// 2023-11-14T22:13:20Z: after every HTTP-date the tests send as "in the past" (1994).
fn start() -> std::time::SystemTime {
    std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

impl Recorder {
    /// A policy that records into this recorder, with the jitter off (each backoff delay is its
    /// ceiling) so the delays are exact, and a clock that moves only by the recorded waits.
    pub fn policy(&self) -> RetryPolicy {
        let events = Arc::clone(&self.events);
        let slept = Arc::clone(&self.slept);
        let waited = Arc::clone(&self.waited);
        let clock = Arc::clone(&self.waited);
        RetryPolicy::default()
            .jitter(|ceiling| ceiling)
            .clock(move || start() + *clock.lock().unwrap())
            .sleeper(move |delay| {
                slept.lock().unwrap().push(delay);
                *waited.lock().unwrap() += delay;
            })
            .async_sleeper(self.async_sleeper())
            .on_retry(move |event| {
                let what = match event.attempted {
                    Attempted::Status(status, name) => format!("{} {name}", status.as_u16()),
                    Attempted::Transport(_) => "transport".to_owned(),
                    other => format!("{other:?}"),
                };
                events
                    .lock()
                    .unwrap()
                    .push((event.attempt, what, event.delay));
            })
    }

    /// An async sleeper that sleeps no real time but takes two polls: it records `Began` on the
    /// first, yields to the runtime, and records `Ended` (and moves the clock) on the second.
    pub fn async_sleeper(
        &self,
    ) -> impl Fn(Duration) -> std::pin::Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync + 'static
    {
        let sleeps = Arc::clone(&self.async_sleeps);
        let waited = Arc::clone(&self.waited);
        move |delay| {
            let sleeps = Arc::clone(&sleeps);
            let waited = Arc::clone(&waited);
            Box::pin(async move {
                sleeps.lock().unwrap().push(Sleep::Began(delay));
                tokio::task::yield_now().await;
                sleeps.lock().unwrap().push(Sleep::Ended(delay));
                *waited.lock().unwrap() += delay;
            })
        }
    }

    pub fn events(&self) -> Vec<(u32, String, Duration)> {
        self.events.lock().unwrap().clone()
    }

    /// The delays the `on_retry` hook heard chosen.
    pub fn chosen(&self) -> Vec<Duration> {
        self.events()
            .into_iter()
            .map(|(_, _, delay)| delay)
            .collect()
    }

    pub fn slept(&self) -> Vec<Duration> {
        self.slept.lock().unwrap().clone()
    }

    pub fn async_sleeps(&self) -> Vec<Sleep> {
        self.async_sleeps.lock().unwrap().clone()
    }

    /// Asserts that the async sleeper waited `expected`, in order, each sleep polled to its end
    /// before the next began.
    pub fn assert_async_slept(&self, expected: &[Duration]) {
        let whole: Vec<Sleep> = expected
            .iter()
            .flat_map(|&delay| [Sleep::Began(delay), Sleep::Ended(delay)])
            .collect();
        assert_eq!(
            self.async_sleeps(),
            whole,
            "every wait begun and awaited to its end"
        );
    }
}

fn event(attempt: u32, what: &str, seconds: f64) -> (u32, String, Duration) {
    (attempt, what.to_owned(), Duration::from_secs_f64(seconds))
}

fn too_many(retry_after: &str) -> Reply {
    Reply::new(429)
        .header("retry-after", retry_after)
        .text("slow down")
}

fn unavailable() -> Reply {
    Reply::new(503).header("x-request-id", "r-7").text("busy")
}

fn ok() -> Reply {
    Reply::new(200).text("3 results")
}

fn attempts(received: &Mutex<Vec<suite::Request>>) -> usize {
    received.lock().unwrap().len()
}

/// The scenarios of the task, for one client.
macro_rules! for_each_client {
    ($($module:ident: $client:ty,)*) => {$(
        mod $module {
            use super::*;

            fn client() -> $client {
                <$client as Client>::new()
            }

            /// The client's sleeper waited exactly the delays the hook heard chosen.
            fn assert_waited_as_chosen(recorder: &Recorder) {
                <$client as Client>::assert_slept(recorder, &recorder.chosen());
            }

            #[test]
            fn a_429_with_retry_after_1_is_retried_once_after_exactly_one_second() {
                let (server, received) = scripted(vec![too_many("1"), ok()]);
                let recorder = Recorder::default();
                let outcome = client().call("GET", &server.url("/s"), &[], &recorder.policy());
                assert!(matches!(outcome, Ok(Search::Results(ref body)) if body == "3 results"), "{outcome:?}");
                assert_eq!(recorder.events(), [event(1, "429 RateLimited", 1.0)]);
                assert_waited_as_chosen(&recorder);
                assert_eq!(attempts(&received), 2);
                <$client as Client>::assert_slept(&recorder, &[Duration::from_secs(1)]);
            }

            #[test]
            fn a_503_with_only_rate_limit_headers_waits_for_their_reset() {
                let throttled = Reply::new(503)
                    .header("x-ratelimit-limit", "10")
                    .header("x-ratelimit-remaining", "0")
                    .header("x-ratelimit-reset", "7")
                    .text("busy");
                let (server, received) = scripted(vec![throttled, ok()]);
                let recorder = Recorder::default();
                let outcome = client().call("GET", &server.url("/s"), &[], &recorder.policy());
                assert!(matches!(outcome, Ok(Search::Results(_))), "{outcome:?}");
                assert_eq!(recorder.events(), [event(1, "503 Unavailable", 7.0)]);
                assert_waited_as_chosen(&recorder);
                assert_eq!(attempts(&received), 2);
            }

            #[test]
            fn a_retry_after_beyond_the_cap_returns_the_429_outcome_at_once() {
                let (server, received) = scripted(vec![too_many("86400"), ok()]);
                let recorder = Recorder::default();
                let policy = recorder.policy().max_server_wait(Duration::from_secs(60));
                let outcome = client().call("GET", &server.url("/s"), &[], &policy);
                match outcome {
                    Ok(Search::RateLimited(Some(retry), None, body)) => {
                        assert_eq!(retry, RetryAfter(Wait::After(Duration::from_secs(86400))));
                        assert_eq!(body, "slow down");
                    }
                    other => panic!("expected the 429 outcome, got {other:?}"),
                }
                assert_eq!(recorder.events(), []);
                assert_waited_as_chosen(&recorder);
                assert_eq!(attempts(&received), 1);
                <$client as Client>::assert_slept(&recorder, &[]);
            }

            #[test]
            fn a_post_is_not_retried_by_default() {
                let (server, received) = scripted(vec![too_many("1"), ok()]);
                let recorder = Recorder::default();
                let outcome = client().call("POST", &server.url("/s"), &[], &recorder.policy());
                assert!(matches!(outcome, Ok(Search::RateLimited(..))), "{outcome:?}");
                assert_eq!(recorder.events(), []);
                assert_waited_as_chosen(&recorder);
                assert_eq!(attempts(&received), 1);
            }

            #[test]
            fn a_post_is_retried_with_the_opt_in() {
                let (server, received) = scripted(vec![too_many("1"), ok()]);
                let recorder = Recorder::default();
                let policy = recorder.policy().retry_non_idempotent(true);
                let outcome = client().call("POST", &server.url("/s"), &[], &policy);
                assert!(matches!(outcome, Ok(Search::Results(_))), "{outcome:?}");
                assert_eq!(recorder.events(), [event(1, "429 RateLimited", 1.0)]);
                assert_waited_as_chosen(&recorder);
                let received = received.lock().unwrap();
                assert_eq!(received.len(), 2);
                // The body is sent again, whole.
                assert_eq!(received[1].method, "POST");
                assert_eq!(received[1].body, b"query=rust");
            }

            #[test]
            fn a_post_with_an_idempotency_key_is_retried() {
                let (server, received) = scripted(vec![too_many("1"), ok()]);
                let recorder = Recorder::default();
                let key = [("idempotency-key", "8e03978e-40d5-43e8-bc93-6894a57f9324")];
                let outcome = client().call("POST", &server.url("/s"), &key, &recorder.policy());
                assert!(matches!(outcome, Ok(Search::Results(_))), "{outcome:?}");
                let received = received.lock().unwrap();
                assert_eq!(received.len(), 2);
                assert_eq!(received[1].header("idempotency-key"), Some(key[0].1));
            }

            #[test]
            fn the_attempt_limit_holds_and_the_last_outcome_keeps_status_headers_and_body() {
                let (server, received) = scripted(vec![unavailable()]);
                let recorder = Recorder::default();
                let policy = recorder.policy().max_attempts(4);
                let outcome = client().call("GET", &server.url("/s"), &[], &policy);
                match outcome {
                    Ok(Search::Unavailable(None, None, headers, body)) => {
                        assert_eq!(headers["x-request-id"], "r-7");
                        assert_eq!(body, "busy");
                    }
                    other => panic!("expected the last 503 outcome, got {other:?}"),
                }
                // Backoff without jitter: 100 ms, 200 ms, 400 ms.
                assert_eq!(
                    recorder.events(),
                    [
                        event(1, "503 Unavailable", 0.1),
                        event(2, "503 Unavailable", 0.2),
                        event(3, "503 Unavailable", 0.4),
                    ]
                );
                assert_waited_as_chosen(&recorder);
                assert_eq!(attempts(&received), 4);
            }

            #[test]
            fn the_time_budget_holds() {
                let (server, received) = scripted(vec![too_many("1")]);
                let recorder = Recorder::default();
                let policy = recorder
                    .policy()
                    .max_attempts(10)
                    .budget(Duration::from_millis(2500));
                let outcome = client().call("GET", &server.url("/s"), &[], &policy);
                assert!(matches!(outcome, Ok(Search::RateLimited(..))), "{outcome:?}");
                // A third wait of 1 s would end at 3 s, past the 2.5 s budget.
                assert_eq!(
                    recorder.events(),
                    [event(1, "429 RateLimited", 1.0), event(2, "429 RateLimited", 1.0)]
                );
                assert_waited_as_chosen(&recorder);
                assert_eq!(attempts(&received), 3);
            }

            #[test]
            fn connection_refused_is_retried_then_reported_as_a_send_error() {
                let recorder = Recorder::default();
                let outcome = client().call("GET", &refused_url("/s"), &[], &recorder.policy());
                assert!(matches!(outcome, Err(CallError::Send(_))), "{outcome:?}");
                assert_eq!(
                    recorder.events(),
                    [event(1, "transport", 0.1), event(2, "transport", 0.2)]
                );
                assert_waited_as_chosen(&recorder);
            }

            #[test]
            fn connection_refused_is_not_retried_when_the_policy_says_so() {
                let recorder = Recorder::default();
                let policy = recorder.policy().retry_transport(false);
                let outcome = client().call("GET", &refused_url("/s"), &[], &policy);
                assert!(matches!(outcome, Err(CallError::Send(_))), "{outcome:?}");
                assert_eq!(recorder.events(), []);
                assert_waited_as_chosen(&recorder);
            }

            /// A malformed wait on a `#[retry]` variant is as good as none: the call is
            /// retried after the backoff, and the last error keeps the value.
            #[test]
            fn a_malformed_retry_after_on_a_retry_variant_waits_for_the_backoff() {
                let malformed = [
                    "0x10",
                    "1e3",
                    "-1",
                    "1.5",
                    "+5",
                    "Sun, 06 Nov 1994 08:49:60 GMT",
                    "Sun, 31 Nov 1994 08:49:37 GMT",
                    "soon",
                ];
                for value in malformed {
                    let (server, received) = scripted(vec![busy(value)]);
                    let recorder = Recorder::default();
                    let outcome = client().call_as::<Job>("GET", &server.url("/j"), &[], &recorder.policy());
                    let Err(CallError::Response(error)) = outcome else {
                        panic!("{value}: expected the last 503 as an error, got {outcome:?}");
                    };
                    assert_eq!(error.kind(), ErrorKind::Extract, "{value}");
                    assert_eq!(error.headers()["retry-after"], value);
                    assert_eq!(error.body().as_ref(), b"busy", "{value}");
                    assert_eq!(
                        recorder.events(),
                        [event(1, "503 Busy", 0.1), event(2, "503 Busy", 0.2)],
                        "{value}"
                    );
                    assert_eq!(attempts(&received), 3, "{value}");
                    <$client as Client>::assert_slept(
                        &recorder,
                        &[Duration::from_millis(100), Duration::from_millis(200)],
                    );
                }
            }

            #[test]
            fn an_empty_retry_after_is_no_wait() {
                let (server, received) = scripted(vec![busy(""), ok()]);
                let recorder = Recorder::default();
                let outcome = client().call_as::<Job>("GET", &server.url("/j"), &[], &recorder.policy());
                assert!(matches!(outcome, Ok(Job::Done(_))), "{outcome:?}");
                assert_eq!(recorder.events(), [event(1, "503 Busy", 0.1)]);
                assert_eq!(attempts(&received), 2);
            }

            #[test]
            fn a_retry_after_date_in_the_past_is_retried_at_once() {
                let (server, received) = scripted(vec![busy("Sun, 06 Nov 1994 08:49:37 GMT"), ok()]);
                let recorder = Recorder::default();
                let outcome = client().call_as::<Job>("GET", &server.url("/j"), &[], &recorder.policy());
                assert!(matches!(outcome, Ok(Job::Done(_))), "{outcome:?}");
                assert_eq!(recorder.events(), [event(1, "503 Busy", 0.0)]);
                assert_eq!(attempts(&received), 2);
            }

            /// Over the cap, or too large to represent: the outcome at once.
            #[test]
            fn a_retry_after_over_the_cap_or_too_large_returns_the_outcome_at_once() {
                let forty = "9".repeat(40);
                let four_hundred = "9".repeat(400);
                for value in ["61", forty.as_str(), four_hundred.as_str()] {
                    let (server, received) = scripted(vec![busy(value), ok()]);
                    let recorder = Recorder::default();
                    let outcome = client().call_as::<Job>("GET", &server.url("/j"), &[], &recorder.policy());
                    assert!(
                        matches!(outcome, Ok(Job::Busy(Some(_), ref body)) if body == "busy"),
                        "{value}: {outcome:?}"
                    );
                    assert_eq!(recorder.events(), [], "{value}");
                    assert_eq!(attempts(&received), 1, "{value}");
                }
            }

            /// The rule that a malformed `Option<RetryAfter>` is an error holds elsewhere.
            #[test]
            fn a_malformed_retry_after_on_another_variant_is_an_error_at_once() {
                let broken = Reply::new(500).header("retry-after", "0x10");
                let (server, received) = scripted(vec![broken, ok()]);
                let recorder = Recorder::default();
                let outcome = client().call_as::<Job>("GET", &server.url("/j"), &[], &recorder.policy());
                let Err(CallError::Response(error)) = outcome else {
                    panic!("expected the 500 as an error, got {outcome:?}");
                };
                assert_eq!(error.kind(), ErrorKind::Extract);
                assert_eq!(recorder.events(), []);
                assert_eq!(attempts(&received), 1);
            }

            #[test]
            fn a_final_error_keeps_the_status_headers_and_body() {
                let failing = Reply::new(500).header("x-request-id", "r-9").text("boom");
                let (server, received) = scripted(vec![too_many("1"), failing]);
                let recorder = Recorder::default();
                let outcome = client().call("GET", &server.url("/s"), &[], &recorder.policy());
                let Err(CallError::Response(error)) = outcome else {
                    panic!("expected the 500 as an error, got {outcome:?}");
                };
                assert!(matches!(error.kind(), ErrorKind::UnexpectedStatus));
                assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
                assert_eq!(error.headers()["x-request-id"], "r-9");
                assert_eq!(error.body().as_ref(), b"boom");
                assert_eq!(attempts(&received), 2);
            }
        }
    )*};
}

for_each_client! {
    ureq: Ureq,
    reqwest_blocking: ReqwestBlocking,
    reqwest_async: ReqwestAsync,
    tower: Tower,
    reqwest_middleware: Middleware,


}

/// A body that cannot be copied gets one attempt, and the hook hears of no retry.
#[test]
fn a_streamed_reqwest_body_is_sent_once() {
    use response_handler::reqwest::blocking::RequestBuilderExt;
    let (server, received) = scripted(vec![too_many("1"), ok()]);
    let recorder = Recorder::default();
    let policy = recorder.policy().retry_non_idempotent(true);
    let body = reqwest::blocking::Body::new(std::io::Cursor::new(b"query=rust".to_vec()));
    let outcome = reqwest::blocking::Client::new()
        .post(server.url("/s"))
        .body(body)
        .handle_using::<Search>(&response_handler::CallOptions::new().retry(policy.clone()));
    assert!(
        matches!(outcome, Ok(Search::RateLimited(..))),
        "{outcome:?}"
    );
    assert_eq!(recorder.events(), []);
    assert_eq!(attempts(&received), 1);
}

/// `HandleLayer`: the tower service answers the typed outcome, once, with the request recorded.
#[test]
fn a_tower_handle_layer_answers_the_typed_outcome() {
    use http_body_util::Full;
    use hyper_util::client::legacy::Client as Hyper;
    use hyper_util::rt::TokioExecutor;
    use response_handler::tower::HandleLayer;
    use tower_layer::Layer;
    use tower_service::Service;

    let (server, received) = scripted(vec![too_many("1"), ok()]);
    let outcome = clients::paused(async {
        let client = Hyper::builder(TokioExecutor::new()).build_http::<Full<bytes::Bytes>>();
        let mut service = HandleLayer::<Search>::new().layer(client);
        let request = http::Request::get(server.url("/s"))
            .body(Full::default())
            .unwrap();
        std::future::poll_fn(|cx| service.poll_ready(cx))
            .await
            .unwrap();
        service.call(request).await
    });
    match outcome {
        Ok(Search::RateLimited(Some(retry), None, body)) => {
            assert_eq!(retry, RetryAfter(Wait::After(Duration::from_secs(1))));
            assert_eq!(body, "slow down");
        }
        other => panic!("expected the 429 outcome, got {other:?}"),
    }
    assert_eq!(attempts(&received), 1);
}
