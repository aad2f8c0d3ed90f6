//! Faults inside a retry sequence, per client: the connection lost right after the head, a body
//! shorter than its `Content-Length`, and (blocking clients) a body that stalls past the
//! client's timeout. The decision (README, "Acting on the outcome"): a response whose body
//! fails is not retried — the server answered, and may have acted on the request — and the call
//! ends with `ErrorKind::Transport` on that response (status and headers kept), whatever the
//! status asked for.

use std::time::Duration;

use response_handler::{CallError, ErrorKind, StatusCode};
use suite::{Reply, scripted};

use super::clients::{Client, Middleware, ReqwestAsync, ReqwestBlocking, Tower, Ureq};
use super::{Recorder, Search, attempts, ok};

/// A 503 (which the outcome would retry) whose body never arrives whole.
fn lost_after_the_head() -> Reply {
    Reply::new(503)
        .header("x-request-id", "r-5")
        .truncated(64, "")
}

fn shorter_than_its_length() -> Reply {
    Reply::new(503)
        .header("x-request-id", "r-5")
        .truncated(64, "ten bytes.")
}

/// The call ended after one attempt with the transport error on the 503, and no retry.
fn assert_ends_with_the_transport_error<E: std::fmt::Debug>(
    outcome: Result<Search, CallError<E>>,
    recorder: &Recorder,
) {
    let Err(CallError::Response(error)) = outcome else {
        panic!("expected the transport error on the response, got {outcome:?}");
    };
    assert_eq!(error.kind(), ErrorKind::Transport, "{error:?}");
    assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(error.headers()["x-request-id"], "r-5");
    assert!(error.transport_error().is_some());
    assert_eq!(recorder.events(), [], "not retried");
}

fn a_fault_in_the_body_ends_the_call<C: Client>(fault: Reply) {
    let (server, received) = scripted(vec![fault, ok()]);
    let recorder = Recorder::default();
    let outcome = C::new().call("GET", &server.url("/s"), &[], &recorder.policy());
    assert_ends_with_the_transport_error(outcome, &recorder);
    assert_eq!(attempts(&received), 1);
    C::assert_slept(&recorder, &[]);
}

macro_rules! for_each_client {
    ($($module:ident: $client:ty,)*) => {$(
        mod $module {
            use super::*;

            #[test]
            fn the_connection_lost_after_the_head_is_not_retried() {
                a_fault_in_the_body_ends_the_call::<$client>(lost_after_the_head());
            }

            #[test]
            fn a_body_shorter_than_its_length_is_not_retried() {
                a_fault_in_the_body_ends_the_call::<$client>(shorter_than_its_length());
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

/// `RetryMiddleware` decides from the head: the 503 is retried, and the body of the last
/// response is read by `handle::<T>()` — so a body cut short on an attempt that is retried
/// costs nothing, and on the last one it is the transport error.
#[test]
fn retry_middleware_retries_by_the_head_and_reports_the_last_body_fault() {
    let (server, received) = scripted(vec![shorter_than_its_length()]);
    let recorder = Recorder::default();
    let outcome = super::middleware::call("GET", &server.url("/s"), recorder.policy());
    let Err(CallError::Response(error)) = outcome else {
        panic!("expected the transport error on the response, got {outcome:?}");
    };
    assert_eq!(error.kind(), ErrorKind::Transport, "{error:?}");
    assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(attempts(&received), 3);
    assert_eq!(recorder.chosen().len(), 2);
}

/// The blocking clients with a timeout: a body that stalls past it is the same transport error,
/// and is not retried. The only real wait of the retry tests: a client timeout of 200 ms.
const TIMEOUT: Duration = Duration::from_millis(200);

fn stalled() -> Reply {
    Reply::new(503)
        .header("x-request-id", "r-5")
        .stalled_body(64, "ten bytes.")
}

#[test]
fn ureq_a_body_stalled_past_the_timeout_is_not_retried() {
    use response_handler::ureq::AgentExt;
    let (server, received) = scripted(vec![stalled(), ok()]);
    let recorder = Recorder::default();
    let agent: ::ureq::Agent = ::ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .build()
        .into();
    let request = http::Request::get(server.url("/s"))
        .body(String::new())
        .unwrap();
    let outcome = agent.handle_request_using::<Search>(
        request,
        &response_handler::CallOptions::new().retry(recorder.policy()),
    );
    assert_ends_with_the_transport_error(outcome, &recorder);
    assert_eq!(attempts(&received), 1);
}

#[test]
fn reqwest_blocking_a_body_stalled_past_the_timeout_is_not_retried() {
    use response_handler::reqwest::blocking::RequestBuilderExt;
    let (server, received) = scripted(vec![stalled(), ok()]);
    let recorder = Recorder::default();
    let client = reqwest::blocking::Client::builder()
        .timeout(TIMEOUT)
        .build()
        .unwrap();
    let outcome = client
        .get(server.url("/s"))
        .handle_using::<Search>(&response_handler::CallOptions::new().retry(recorder.policy()));
    assert_ends_with_the_transport_error(outcome, &recorder);
    assert_eq!(attempts(&received), 1);
}
