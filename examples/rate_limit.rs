//! 429 Too Many Requests and 503 Service Unavailable: wait as long as `Retry-After` (or, without
//! it, the rate-limit headers) say, then retry — with a `RetryPolicy` instead of a hand-written
//! loop.
//!
//! Run it with `cargo run --example rate_limit`. It records the waits instead of sleeping
//! through them, so it ends at once.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use response_handler::retry::{Attempted, RetryHint, RetryPolicy, Retryable};
use response_handler::ureq::AgentExt;
use response_handler::{CallOptions, RateLimit, ResponseHandler, RetryAfter, StatusCode};
use suite::{Reply, TestServer};

#[derive(Debug, ResponseHandler)]
enum Search {
    #[on(200)]
    Results(String, Option<RateLimit>),
    #[on(429)]
    RateLimited(Option<RetryAfter>, Option<RateLimit>),
    #[on(503)]
    Unavailable(Option<RetryAfter>),
    #[on_failure]
    Failed(StatusCode, String),
}

/// 429 and 503 are worth another attempt. `Retry-After` takes precedence over the rate-limit
/// reset (the IETF RateLimit draft says so); with neither, the policy's backoff decides.
impl Retryable for Search {
    fn retry_hint(&self) -> RetryHint {
        match self {
            Search::RateLimited(retry, limit) => RetryHint::Retry(
                retry
                    .map(|RetryAfter(wait)| wait)
                    .or_else(|| limit.as_ref()?.reset()),
            ),
            Search::Unavailable(retry) => RetryHint::Retry(retry.map(|RetryAfter(wait)| wait)),
            Search::Results(..) | Search::Failed(..) => RetryHint::Final,
        }
    }

    fn outcome_name(&self) -> &'static str {
        match self {
            Search::Results(..) => "Results",
            Search::RateLimited(..) => "RateLimited",
            Search::Unavailable(..) => "Unavailable",
            Search::Failed(..) => "Failed",
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = throttling_server();
    let waits = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&waits);
    let policy = RetryPolicy::default()
        .max_attempts(5)
        // Never trust a server's delay blindly: a longer wait returns its outcome at once.
        .max_server_wait(Duration::from_secs(5))
        .on_retry(move |event| {
            println!("{event}");
            if let Attempted::Status(status, name) = event.attempted {
                log.lock()
                    .unwrap()
                    .push((status.as_u16(), name, event.delay));
            }
        })
        // Record instead of sleeping; leave this line out to really wait.
        .sleeper(|_| {});
    let options = CallOptions::new().retry(policy);

    let request = http::Request::get(server.url("/search?q=rust")).body(())?;
    let outcome = suite::agent().handle_request_using::<Search>(request, &options)?;
    let (body, limit) = match outcome {
        Search::Results(body, limit) => (body, limit),
        Search::Failed(status, body) => return Err(format!("{status}: {body}").into()),
        // The policy gave up: the last outcome says what the server asked for.
        other => return Err(format!("gave up with {other:?}").into()),
    };
    let left = limit
        .and_then(|limit| limit.remaining())
        .unwrap_or_default();
    println!("200 {body}, {left} requests left in the window");

    // Each wait came from the header that takes precedence: every header asks for its own wait.
    let seconds = Duration::from_secs;
    assert_eq!(
        *waits.lock().unwrap(),
        [
            (429, "RateLimited", seconds(1)), // Retry-After: 1, not the RateLimit reset t=3
            (429, "RateLimited", seconds(2)), // X-RateLimit-Reset: 2
            (503, "Unavailable", seconds(4)), // Retry-After: 4
        ]
    );
    assert_eq!((body.as_str(), left), ("3 results", 2));
    Ok(())
}

/// 429 twice (once with Retry-After, once with only rate-limit headers), then 503, then 200.
fn throttling_server() -> TestServer {
    let calls = AtomicU32::new(0);
    TestServer::start(move |_| match calls.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::new(429)
            .header("retry-after", "1")
            .header("ratelimit-policy", "\"burst\";q=3;w=5")
            .header("ratelimit", "\"burst\";r=0;t=3")
            .text("slow down"),
        1 => Reply::new(429)
            .header("x-ratelimit-limit", "3")
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-reset", "2")
            .text("slow down"),
        2 => Reply::new(503).header("retry-after", "4").text("busy"),
        _ => Reply::new(200)
            .header("ratelimit", "\"burst\";r=2;t=2")
            .text("3 results"),
    })
}
