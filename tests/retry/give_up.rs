//! `on_give_up`: a call that stops with an outcome worth another attempt says why it was not
//! sent again — the method, the body, the attempts — through each client, against a server
//! that answers 503 every time.

use std::sync::{Arc, Mutex};

use response_handler::retry::{GiveUpReason, RetryPolicy};
use response_handler::{CallOptions, ResponseHandler};
use suite::{Reply, scripted};

use super::attempts;
use super::clients::paused;

/// A 503 is worth another attempt (the derive's `#[retry]`).
#[derive(Debug, ResponseHandler)]
pub enum Job {
    #[on(200)]
    Done,
    #[on(503)]
    #[retry]
    Busy,
}

/// How the request is sent.
#[derive(Clone, Copy)]
enum Client {
    Ureq,
    ReqwestBlocking,
    ReqwestAsync,
    Middleware,
}

/// `method url` with a small body, streamed (not copyable) when `streamed`, under `policy`.
fn send(client: Client, method: &str, url: &str, streamed: bool, policy: RetryPolicy) -> Job {
    const FORM: &str = "query=rust";
    let options = CallOptions::new().retry(policy);
    let outcome = match client {
        Client::Ureq => {
            use response_handler::ureq::AgentExt;
            assert!(!streamed, "ureq's request bodies are copied");
            let request = http::Request::builder()
                .method(method)
                .uri(url)
                .body(FORM.to_owned())
                .unwrap();
            suite::agent()
                .handle_request_using::<Job>(request, &options)
                .map_err(|error| error.to_string())
        }
        Client::ReqwestBlocking => {
            use response_handler::reqwest::blocking::RequestBuilderExt;
            // A reader with its length: reqwest sends it with `Content-Length`, which the test
            // server reads before it answers. Without the length it is sent chunked, and the
            // server's answer and close could race reqwest still writing it ("request or
            // response body error", about one run in six). Either way it cannot be copied.
            let body = if streamed {
                reqwest::blocking::Body::sized(
                    std::io::Cursor::new(FORM.as_bytes()),
                    FORM.len() as u64,
                )
            } else {
                FORM.into()
            };
            reqwest::blocking::Client::new()
                .request(method.parse().unwrap(), url)
                .body(body)
                .handle_using::<Job>(&options)
                .map_err(|error| error.to_string())
        }
        Client::ReqwestAsync => paused(async {
            use response_handler::reqwest::RequestBuilderExt;
            reqwest::Client::new()
                .request(method.parse().unwrap(), url)
                .body(async_body(streamed, FORM))
                .handle_using::<Job>(&options)
                .await
                .map_err(|error| error.to_string())
        }),
        Client::Middleware => paused(async {
            use response_handler::reqwest_middleware::RequestBuilderExt;
            ::reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
                .build()
                .request(method.parse().unwrap(), url)
                .body(async_body(streamed, FORM))
                .handle_using::<Job>(&options)
                .await
                .map_err(|error| error.to_string())
        }),
    };
    outcome.unwrap()
}

/// A body reqwest can copy, or one it cannot (`Body::wrap` of an `http_body::Body`).
fn async_body(streamed: bool, text: &'static str) -> reqwest::Body {
    if streamed {
        reqwest::Body::wrap(http_body_util::Full::new(bytes::Bytes::from(text)))
    } else {
        text.into()
    }
}

/// What `on_give_up` heard: `(attempt, reason, Display)` per call that gave up.
type Heard = Vec<(u32, GiveUpReason, String)>;

/// A policy of `attempts` attempts that never waits, and what its `on_give_up` heard.
fn recording(attempts: u32) -> (RetryPolicy, Arc<Mutex<Heard>>) {
    let gave_up = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&gave_up);
    let policy = RetryPolicy::default()
        .max_attempts(attempts)
        .jitter(|ceiling| ceiling)
        .sleeper(|_| {})
        .async_sleeper(|_| async {})
        .on_give_up(move |event| {
            log.lock()
                .unwrap()
                .push((event.attempt, event.reason, event.to_string()));
        });
    (policy, gave_up)
}

/// Sends under a fresh policy to a server answering 503; returns what `on_give_up` heard and
/// how many requests arrived.
fn scenario(client: Client, method: &str, streamed: bool, max_attempts: u32) -> (Heard, usize) {
    let (server, received) = scripted(vec![Reply::new(503).text("busy")]);
    let (policy, gave_up) = recording(max_attempts);
    let url = server.url("/jobs");
    let outcome = send(client, method, &url, streamed, policy);
    assert!(matches!(outcome, Job::Busy), "{outcome:?}");
    let heard = gave_up.lock().unwrap().clone();
    (heard, attempts(&received))
}

fn a_post_without_idempotency_key_gives_up_on_its_method(client: Client) {
    let (heard, requests) = scenario(client, "POST", false, 3);
    assert_eq!(requests, 1);
    assert_eq!(
        heard,
        [(
            1,
            GiveUpReason::MethodNotIdempotent,
            "attempt 1: 503 (Busy); not retried: the method may not be sent twice (not idempotent, no Idempotency-Key)".to_owned()
        )]
    );
}

fn a_get_with_a_streamed_body_gives_up_on_its_body(client: Client) {
    let (heard, requests) = scenario(client, "GET", true, 3);
    assert_eq!(requests, 1);
    assert_eq!(heard.len(), 1, "{heard:?}");
    assert_eq!(
        (heard[0].0, heard[0].1),
        (1, GiveUpReason::BodyNotCloneable)
    );
    assert!(
        heard[0]
            .2
            .ends_with("the body cannot be sent twice (a stream that cannot be copied)")
    );
}

fn a_get_gives_up_when_the_attempts_are_spent(client: Client) {
    let (heard, requests) = scenario(client, "GET", false, 2);
    assert_eq!(requests, 2);
    assert_eq!(
        heard,
        [(
            2,
            GiveUpReason::Attempts,
            "attempt 2: 503 (Busy); not retried: no attempts left".to_owned()
        )]
    );
}

macro_rules! per_client {
    ($($module:ident: $client:expr $(, $streamed:ident)?;)*) => {$(
        mod $module {
            use super::*;

            #[test]
            fn a_post_without_idempotency_key_gives_up_on_its_method() {
                super::a_post_without_idempotency_key_gives_up_on_its_method($client);
            }

            #[test]
            fn a_get_gives_up_when_the_attempts_are_spent() {
                super::a_get_gives_up_when_the_attempts_are_spent($client);
            }

            $(
                #[test]
                fn $streamed() {
                    super::$streamed($client);
                }
            )?
        }
    )*};
}

// ureq's request bodies are always copied: no streamed case.
per_client! {
    ureq: Client::Ureq;
    reqwest_blocking: Client::ReqwestBlocking, a_get_with_a_streamed_body_gives_up_on_its_body;
    reqwest_async: Client::ReqwestAsync, a_get_with_a_streamed_body_gives_up_on_its_body;
    reqwest_middleware: Client::Middleware, a_get_with_a_streamed_body_gives_up_on_its_body;
}
