//! A rate-limit governor: 32 tasks against a server that allows 16 requests per 2-second
//! window (GitHub's `x-ratelimit-*` headers, a 429 with `Retry-After` over it). Without the
//! governor the tasks spend the last requests many times over and get 429s, each retried after
//! the server's wait; with it, every task waits for its permit and no request meets a 429.
//!
//! Run it with `cargo run --example governor`. It runs on the real clock (windows of 2 s, long
//! enough that scheduling noise on a loaded machine cannot cause a 429) and ends within 10 s.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use response_handler::reqwest::RequestBuilderExt;
use response_handler::{
    CallOptions, RateGovernor, ResponseHandler, RetryAfter, RetryPolicy, StatusCode,
};
use suite::{Reply, TestServer};

#[derive(Debug, ResponseHandler)]
enum Fetch {
    #[on_success]
    Ok,
    #[on(429)]
    #[retry]
    Limited(Option<RetryAfter>),
    #[on_failure]
    Failed(#[allow(dead_code)] StatusCode),
}

const LIMIT: u64 = 16;
const WINDOW: u64 = 2;
const TASKS: usize = 32;
const REQUESTS: usize = 24;

/// `LIMIT` requests per fixed window of `WINDOW` seconds (windows start on even Unix seconds),
/// and the number of 429s it sent.
fn limited_server() -> (TestServer, Arc<Mutex<usize>>) {
    let refused = Arc::new(Mutex::new(0));
    let counter = Arc::clone(&refused);
    let window = Mutex::new((0u64, 0u64));
    let server = TestServer::start(move |_| {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        let index = now.as_secs() / WINDOW;
        let end = (index + 1) * WINDOW;
        let mut window = window.lock().unwrap();
        if window.0 != index {
            *window = (index, 0);
        }
        let allowed = window.1 < LIMIT;
        window.1 += u64::from(allowed);
        let remaining = LIMIT - window.1;
        drop(window);
        let reply = Reply::new(if allowed { 200 } else { 429 })
            .header("x-ratelimit-limit", LIMIT.to_string())
            .header("x-ratelimit-remaining", remaining.to_string())
            .header("x-ratelimit-reset", end.to_string())
            .header("x-ratelimit-resource", "core");
        let reply = if allowed {
            reply
        } else {
            *counter.lock().unwrap() += 1;
            let wait = Duration::from_secs(end).saturating_sub(now);
            reply.header("retry-after", wait.as_secs_f64().ceil().to_string())
        };
        reply.text("ok").keep_alive()
    });
    (server, refused)
}

/// `REQUESTS` calls shared by `TASKS` tasks; the time they took.
async fn run(url: &str, options: &CallOptions<RetryPolicy>) -> Duration {
    let started = Instant::now();
    let client = reqwest::Client::new();
    let issued = Arc::new(Mutex::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..TASKS {
        let (client, url, options, issued) = (
            client.clone(),
            url.to_owned(),
            options.clone(),
            Arc::clone(&issued),
        );
        tasks.spawn(async move {
            loop {
                {
                    let mut issued = issued.lock().unwrap();
                    if *issued == REQUESTS {
                        return;
                    }
                    *issued += 1;
                }
                let outcome = client.get(&url).handle_using::<Fetch>(&options).await;
                assert!(matches!(outcome, Ok(Fetch::Ok)), "{outcome:?}");
            }
        });
    }
    while let Some(task) = tasks.join_next().await {
        task.unwrap();
    }
    started.elapsed()
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let policy = RetryPolicy::default().max_attempts(5);

    let (server, refused) = limited_server();
    let plain = CallOptions::new().retry(policy.clone());
    let without = runtime.block_on(run(&server.url("/"), &plain));
    let refused_without = *refused.lock().unwrap();
    println!("without a governor: {refused_without:>2} 429s, {without:.2?}");

    let (server, refused) = limited_server();
    let holds = Arc::new(Mutex::new(0));
    let counter = Arc::clone(&holds);
    let governor = RateGovernor::new().on_hold(move |_| *counter.lock().unwrap() += 1);
    let governed = CallOptions::new().retry(policy).governor(&governor);
    let with = runtime.block_on(run(&server.url("/"), &governed));
    let refused_with = *refused.lock().unwrap();
    println!(
        "with a governor:    {refused_with:>2} 429s, {with:.2?} ({} sends held back)",
        holds.lock().unwrap()
    );
    for key in governor.view() {
        println!("  {}: {:?}", key.key, key.limits);
    }

    assert!(
        refused_without > 0,
        "the burst without a governor meets 429s"
    );
    assert_eq!(refused_with, 0, "no request meets a 429 under the governor");
}
