//! A GitHub-style list, page by page: `handle_pages` follows the `Link: <...>; rel="next"` of
//! each page, waits out a secondary rate limit (403 with `Retry-After`) under the retry policy,
//! reads the rate-limit headers of each page, and later revalidates the first page with its
//! `ETag` (a 304, which ends that sequence).
//!
//! Run it with `cargo run --example pagination`. It records the waits instead of sleeping
//! through them, so it ends at once.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use response_handler::headers::{ETag, Link};
use response_handler::retry::RetryPolicy;
use response_handler::ureq::AgentExt;
use response_handler::{CallOptions, Json, RateLimit, ResponseHandler, RetryAfter, StatusCode};
use suite::{Reply, Request, TestServer};

#[derive(Debug, serde::Deserialize)]
struct Issue {
    number: u32,
    title: String,
}

#[derive(Debug, ResponseHandler)]
enum Issues {
    /// A page: its `Link` field is what the derive's `NextPage` follows.
    #[on(200)]
    Page {
        link: Option<Link>,
        issues: Json<Vec<Issue>>,
        etag: Option<ETag>,
        rate: Option<RateLimit>,
    },
    /// The page is as we have it: a 304 ends the sequence (it is no 2xx page).
    #[on(304)]
    NotModified,
    /// GitHub's secondary rate limit: 403 (or 429) with `Retry-After`.
    #[on(403, 429)]
    #[retry]
    SlowDown(Option<RetryAfter>),
    #[on_failure]
    Failed(StatusCode, String),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = github();
    let waits = Arc::new(Mutex::new(Vec::new()));
    let slept = Arc::clone(&waits);
    let policy = RetryPolicy::default()
        // Record instead of sleeping; leave this line out to really wait.
        .sleeper(move |wait| slept.lock().unwrap().push(wait));
    let options = CallOptions::new().retry(policy).max_pages(10);
    let agent = suite::agent();

    // Every page, as the outcome of its own call.
    let request = http::Request::get(server.url("/repos/acme/widgets/issues?per_page=2"))
        .header("authorization", "Bearer ghp_example")
        .body(())?;
    let mut numbers = Vec::new();
    let mut remaining = Vec::new();
    let mut first_etag = None;
    for page in agent.handle_pages::<Issues>(request, &options) {
        match page? {
            Issues::Page {
                issues: Json(issues),
                etag,
                rate,
                ..
            } => {
                for issue in &issues {
                    println!("#{} {}", issue.number, issue.title);
                }
                numbers.extend(issues.iter().map(|issue| issue.number));
                remaining.extend(rate.and_then(|rate| rate.remaining()));
                first_etag = first_etag.or(etag);
            }
            Issues::Failed(status, body) => return Err(format!("{status}: {body}").into()),
            // The policy gave up, or a 304 to a request that was not conditional.
            other => return Err(format!("unexpected page: {other:?}").into()),
        }
    }
    assert_eq!(numbers, [1, 2, 3, 4, 5], "three pages, in order");
    assert_eq!(
        remaining,
        [59, 57, 56],
        "the 403 counted against the limit too"
    );
    assert_eq!(
        *waits.lock().unwrap(),
        [Duration::from_secs(1)],
        "the 403 was retried once"
    );
    assert_eq!(
        server_paths(),
        [
            "/repos/acme/widgets/issues?per_page=2",
            "/repos/acme/widgets/issues?per_page=2&page=2",
            "/repos/acme/widgets/issues?per_page=2&page=2",
            "/repos/acme/widgets/issues?per_page=2&page=3",
        ]
    );

    // Later: the first page again, conditionally. Nothing changed: a 304, and the sequence ends
    // there (a caller that cached the next link starts a new sequence from it).
    let etag = first_etag.ok_or("the first page had an ETag")?;
    let request = http::Request::get(server.url("/repos/acme/widgets/issues?per_page=2"))
        .header("authorization", "Bearer ghp_example")
        .header("if-none-match", etag.to_header_value())
        .body(())?;
    let again: Vec<Issues> = agent
        .handle_pages::<Issues>(request, &options)
        .collect::<Result<_, _>>()?;
    assert!(
        matches!(again.as_slice(), [Issues::NotModified]),
        "{again:?}"
    );
    println!("first page: 304 Not Modified");
    assert_eq!(server_paths().len(), 5);
    Ok(())
}

/// The requests the server received.
static RECEIVED: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn server_paths() -> Vec<String> {
    RECEIVED.lock().unwrap().clone()
}

/// `/repos/acme/widgets/issues`: five issues, two per page, `Link` to the next and the last
/// page (absolute, as GitHub sends them), `X-RateLimit-*` on every answer, a secondary rate
/// limit on the first request for page 2, and an `ETag` per page that answers 304 to
/// `If-None-Match`.
fn github() -> TestServer {
    let base = Arc::new(OnceLock::<String>::new());
    let own = Arc::clone(&base);
    let limited = AtomicBool::new(false);
    let remaining = AtomicU32::new(60);
    let server = TestServer::start(move |request: &Request| {
        RECEIVED.lock().unwrap().push(request.path.clone());
        let left = remaining.fetch_sub(1, Ordering::SeqCst) - 1;
        let rate = |reply: Reply| {
            reply
                .header("x-ratelimit-limit", "60")
                .header("x-ratelimit-remaining", left.to_string())
                .header("x-ratelimit-reset", "1767225600")
        };
        assert_eq!(request.header("authorization"), Some("Bearer ghp_example"));
        let page: u32 = match request.path.split_once("&page=") {
            Some((_, page)) => page.parse().unwrap_or(0),
            None => 1,
        };
        if page == 2 && !limited.swap(true, Ordering::SeqCst) {
            return rate(
                Reply::new(403)
                    .header("retry-after", "1")
                    .json(r#"{"message":"You have exceeded a secondary rate limit."}"#),
            );
        }
        let etag = format!("\"page-{page}\"");
        if request.header("if-none-match") == Some(etag.as_str()) {
            return rate(Reply::new(304).header("etag", &etag).without_body());
        }
        let issues: Vec<String> = (page * 2 - 1..=(page * 2).min(5))
            .map(|number| format!(r#"{{"number":{number},"title":"Issue {number}"}}"#))
            .collect();
        let base = own.get().map_or("", String::as_str);
        let url = |page: u32| format!("{base}/repos/acme/widgets/issues?per_page=2&page={page}");
        let mut links = vec![format!("<{}>; rel=\"last\"", url(3))];
        if page < 3 {
            links.insert(0, format!("<{}>; rel=\"next\"", url(page + 1)));
        }
        rate(Reply::new(200))
            .header("etag", &etag)
            .header("link", links.join(", "))
            .json(format!("[{}]", issues.join(",")))
    });
    base.set(server.url("")).unwrap_or_default();
    server
}
