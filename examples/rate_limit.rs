//! 429 Too Many Requests, 503 Service Unavailable, and GitHub's 403: wait as long as
//! `Retry-After` (or, without it, the rate-limit headers) say, then retry — with `#[retry]` and a
//! `RetryPolicy` instead of a hand-written loop. GitHub answers 403 both for "forbidden" and for
//! its rate limits: `#[retry(when_asked)]` retries only the 403 that asks for a wait.
//!
//! Run it with `cargo run --example rate_limit`. It records the waits instead of sleeping
//! through them, so it ends at once.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use response_handler::retry::{Attempted, RetryPolicy};
use response_handler::ureq::AgentExt;
use response_handler::{CallOptions, RateLimit, ResponseHandler, RetryAfter, StatusCode};
use suite::{Reply, TestServer};

#[derive(Debug, ResponseHandler)]
enum Search {
    #[on(200)]
    Results(String, Option<RateLimit>),
    /// Retried only when the server asks for a wait: `Retry-After` (which takes precedence, as
    /// the IETF RateLimit draft says), or a rate limit with nothing remaining and a reset.
    #[on(403, 429)]
    #[retry(when_asked)]
    RateLimited(Option<RetryAfter>, Option<RateLimit>, String),
    /// Always retried: after `Retry-After`, or else the policy's backoff.
    #[on(503)]
    #[retry]
    Unavailable(Option<RetryAfter>),
    #[on_failure]
    Failed(StatusCode, String),
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
    let agent = suite::agent();

    let request = http::Request::get(server.url("/search?q=rust")).body(())?;
    let (body, limit) = match agent.handle_request_using::<Search>(request, &options)? {
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
            (403, "RateLimited", seconds(2)), // X-RateLimit-Remaining: 0, X-RateLimit-Reset: 2
            (403, "RateLimited", seconds(3)), // GitHub's secondary limit: Retry-After: 3
            (503, "Unavailable", seconds(4)), // Retry-After: 4
        ]
    );
    assert_eq!((body.as_str(), left), ("3 results", 2));

    // A 403 that asks for no wait is "forbidden": final, after one attempt.
    let request = http::Request::get(server.url("/orgs/acme/members")).body(())?;
    match agent.handle_request_using::<Search>(request, &options)? {
        Search::RateLimited(None, None, body) => {
            println!("403 {body}: not retried");
            assert_eq!(body, "Must have admin rights");
        }
        other => return Err(format!("expected the 403, got {other:?}").into()),
    }
    assert_eq!(
        waits.lock().unwrap().len(),
        4,
        "no retry of the forbidden 403"
    );
    Ok(())
}

/// For `/search`: 429 (Retry-After and a RateLimit reset), GitHub's primary rate limit, its
/// secondary one, 503, then 200. Anything else: a 403 that is a refusal, not a rate limit.
fn throttling_server() -> TestServer {
    let calls = AtomicU32::new(0);
    TestServer::start(move |request| {
        if !request.path.starts_with("/search") {
            return Reply::new(403).text("Must have admin rights");
        }
        match calls.fetch_add(1, Ordering::SeqCst) {
            0 => Reply::new(429)
                .header("retry-after", "1")
                .header("ratelimit-policy", "\"burst\";q=3;w=5")
                .header("ratelimit", "\"burst\";r=0;t=3")
                .text("slow down"),
            1 => Reply::new(403)
                .header("x-ratelimit-limit", "60")
                .header("x-ratelimit-remaining", "0")
                .header("x-ratelimit-reset", "2")
                .text("API rate limit exceeded"),
            2 => Reply::new(403)
                .header("retry-after", "3")
                .text("You have exceeded a secondary rate limit"),
            3 => Reply::new(503).header("retry-after", "4").text("busy"),
            _ => Reply::new(200)
                .header("ratelimit", "\"burst\";r=2;t=2")
                .text("3 results"),
        }
    })
}
