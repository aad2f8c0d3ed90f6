//! 429 Too Many Requests and 503 Service Unavailable: wait as long as `Retry-After` (or, without
//! it, the rate-limit headers) say, then retry.
//!
//! Run it with `cargo run --example rate_limit`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use response_handler::ureq::AgentExt;
use response_handler::{RateLimit, ResponseHandler, RetryAfter, StatusCode};
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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = throttling_server();
    let agent = suite::agent();
    let started = Instant::now();
    let mut waits = Vec::new();

    for attempt in 1..=5 {
        let request = http::Request::get(server.url("/search?q=rust")).body(vec![])?;
        let (why, wait) = match agent.handle_request::<Search>(request)? {
            Search::Results(body, limit) => {
                let left = limit
                    .and_then(|limit| limit.remaining())
                    .unwrap_or_default();
                println!("attempt {attempt}: 200 {body}, {left} requests left in the window");
                println!("done after {:.1?}", started.elapsed());
                // Each wait came from the header the recipe says takes precedence.
                let second = Duration::from_secs(1);
                assert_eq!(
                    waits,
                    [
                        ("429, Retry-After", second),
                        ("429, rate-limit reset", second),
                        ("503, Retry-After", second)
                    ]
                );
                assert_eq!((attempt, body.as_str(), left), (4, "3 results", 2));
                return Ok(());
            }
            // Retry-After takes precedence over the rate-limit reset (the IETF draft says so).
            Search::RateLimited(Some(retry), _) => ("429, Retry-After", retry.delay()),
            Search::RateLimited(None, Some(limit)) => (
                "429, rate-limit reset",
                limit.reset_delay().unwrap_or(Duration::from_secs(1)),
            ),
            Search::RateLimited(None, None) => ("429, no hint", Duration::from_secs(1)),
            Search::Unavailable(retry) => (
                "503, Retry-After",
                retry.map_or(Duration::from_secs(1), |r| r.delay()),
            ),
            Search::Failed(status, body) => return Err(format!("{status}: {body}").into()),
        };
        // Never trust a server's delay blindly: cap it.
        let wait = wait.min(Duration::from_secs(5));
        println!("attempt {attempt}: {why} says wait {wait:?}");
        waits.push((why, wait));
        std::thread::sleep(wait);
    }
    Err("gave up after 5 attempts".into())
}

/// 429 twice (once with Retry-After, once with only rate-limit headers), then 503, then 200.
fn throttling_server() -> TestServer {
    let calls = AtomicU32::new(0);
    TestServer::start(move |_| match calls.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::new(429)
            .header("retry-after", "1")
            .header("ratelimit-policy", "\"burst\";q=3;w=2")
            .header("ratelimit", "\"burst\";r=0;t=1")
            .text("slow down"),
        1 => Reply::new(429)
            .header("x-ratelimit-limit", "3")
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-reset", "1")
            .text("slow down"),
        2 => Reply::new(503).header("retry-after", "1").text("busy"),
        _ => Reply::new(200)
            .header("ratelimit", "\"burst\";r=2;t=2")
            .text("3 results"),
    })
}
