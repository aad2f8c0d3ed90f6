//! The rate-limit governor against loopback servers that enforce a limit and send its headers,
//! all on one injected clock that moves only when every task is parked (`governor/clock.rs`):
//! zero 429s and at least 90% of the limit's throughput, deterministically, for a fixed window
//! and a token bucket, limits below and above the number of tasks, two clients sharing one
//! governor, a token limit binding before the request limit, and a secondary limit announced
//! only by a 429.

#[path = "governor/clock.rs"]
mod clock;
#[path = "governor/servers.rs"]
mod servers;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use response_handler::governor::{HoldReason, RateKey};
use response_handler::reqwest::RequestBuilderExt as _;
use response_handler::ureq::{AgentExt as _, RequestBuilderExt as _};
use response_handler::{
    CallError, CallOptions, RateGovernor, ResponseHandler, RetryPolicy, StatusCode,
};
use suite::{Reply, TestServer};

use clock::VirtualClock;
use servers::SharedLog;

#[derive(Debug, ResponseHandler)]
enum Hit {
    #[on_success]
    Ok,
    #[on(429)]
    #[retry]
    Limited,
    #[on_failure]
    Failed(#[allow(dead_code)] StatusCode),
}

/// What the holds of a run were: how many, and of which reason.
type Holds = Arc<Mutex<Vec<(HoldReason, Option<Duration>)>>>;

fn governor(clock: &Arc<VirtualClock>, holds: &Holds) -> RateGovernor {
    let (now, sleep, sleep_async, holds) = (
        Arc::clone(clock),
        Arc::clone(clock),
        Arc::clone(clock),
        Arc::clone(holds),
    );
    RateGovernor::new()
        .clock(move || now.now())
        .sleeper(move |delay| sleep.sleep_blocking(delay))
        .async_sleeper(move |delay| sleep_async.sleep(delay))
        .on_hold(move |event| holds.lock().unwrap().push((event.reason, event.wait)))
}

#[derive(Debug, Default)]
struct Tally {
    ok: AtomicUsize,
    limited: AtomicUsize,
}

impl Tally {
    fn count(&self, outcome: Result<Hit, CallError<impl std::fmt::Debug>>) {
        match outcome {
            Ok(Hit::Ok) => self.ok.fetch_add(1, Ordering::SeqCst),
            Ok(Hit::Limited) => self.limited.fetch_add(1, Ordering::SeqCst),
            other => panic!("unexpected: {other:?}"),
        };
    }
}

/// `async_tasks` reqwest tasks and `threads` ureq threads send `total` requests to `url` in
/// all, each call under `options`; returns the tally and the time the run took on the clock.
fn run(
    clock: &Arc<VirtualClock>,
    url: &str,
    options: &CallOptions,
    async_tasks: usize,
    threads: usize,
    total: usize,
) -> (Arc<Tally>, Duration) {
    let tally = Arc::new(Tally::default());
    let issued = Arc::new(AtomicUsize::new(0));
    clock.add_live(async_tasks + threads);
    let driver = clock.drive();
    let blocking: Vec<_> = (0..threads)
        .map(|_| {
            let (clock, tally, issued) =
                (Arc::clone(clock), Arc::clone(&tally), Arc::clone(&issued));
            let (url, options) = (url.to_owned(), options.clone());
            std::thread::spawn(move || {
                let agent = suite::agent();
                while issued.fetch_add(1, Ordering::SeqCst) < total {
                    tally.count(agent.get(&url).handle_using::<Hit>(&options));
                }
                clock.done();
            })
        })
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = reqwest::Client::new();
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..async_tasks {
            let (clock, tally, issued) =
                (Arc::clone(clock), Arc::clone(&tally), Arc::clone(&issued));
            let (client, url, options) = (client.clone(), url.to_owned(), options.clone());
            set.spawn(async move {
                while issued.fetch_add(1, Ordering::SeqCst) < total {
                    tally.count(client.get(&url).handle_using::<Hit>(&options).await);
                }
                clock.done();
            });
        }
        while let Some(joined) = set.join_next().await {
            joined.unwrap();
        }
    });
    for thread in blocking {
        thread.join().unwrap();
    }
    clock.stop();
    driver.join().unwrap();
    (tally, clock.elapsed())
}

/// Zero 429s, every request answered, and at least 90% of `limit / window` over `windows`.
fn assert_paced(
    tally: &Tally,
    log: &SharedLog,
    elapsed: Duration,
    total: usize,
    window: Duration,
    windows: u32,
) {
    let log = log.lock().unwrap();
    assert_eq!(log.count(429), 0, "429s: {:?}", log.answered);
    assert_eq!(tally.limited.load(Ordering::SeqCst), 0);
    assert_eq!(tally.ok.load(Ordering::SeqCst), total);
    let bound = (window * windows).mul_f64(1.0 / 0.9);
    assert!(
        elapsed <= bound,
        "{total} requests took {elapsed:?}, more than {bound:?} (90% of the limit's rate)"
    );
}

/// One call of an async client other than reqwest's `handle_using`: its outcome, or its error
/// as text.
type Call = Arc<
    dyn Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Hit, String>> + Send>>
        + Send
        + Sync,
>;

/// `tasks` tasks make `total` calls in all with `call`.
fn run_calls(
    clock: &Arc<VirtualClock>,
    call: Call,
    tasks: usize,
    total: usize,
) -> (Arc<Tally>, Duration) {
    let tally = Arc::new(Tally::default());
    let issued = Arc::new(AtomicUsize::new(0));
    clock.add_live(tasks);
    let driver = clock.drive();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..tasks {
            let (clock, tally, issued, call) = (
                Arc::clone(clock),
                Arc::clone(&tally),
                Arc::clone(&issued),
                Arc::clone(&call),
            );
            set.spawn(async move {
                while issued.fetch_add(1, Ordering::SeqCst) < total {
                    tally.count(call().await.map_err(CallError::<String>::Send));
                }
                clock.done();
            });
        }
        while let Some(joined) = set.join_next().await {
            joined.unwrap();
        }
    });
    clock.stop();
    driver.join().unwrap();
    (tally, clock.elapsed())
}

const TASKS: usize = 32;
const WINDOW: Duration = Duration::from_secs(2);

fn fixed_window(limit: u64) {
    let clock = VirtualClock::new();
    let holds = Holds::default();
    let (server, log) = servers::fixed_window(&clock, limit, WINDOW);
    let options = CallOptions::new().governor(&governor(&clock, &holds));
    let total = 3 * limit as usize;
    let (tally, elapsed) = run(&clock, &server.url("/"), &options, TASKS, 0, total);
    assert_paced(&tally, &log, elapsed, total, WINDOW, 3);
}

#[test]
fn a_fixed_window_below_the_number_of_tasks_gets_no_429() {
    fixed_window(10);
}

#[test]
fn a_fixed_window_above_the_number_of_tasks_gets_no_429() {
    fixed_window(50);
}

fn token_bucket(capacity: u64) {
    let clock = VirtualClock::new();
    let holds = Holds::default();
    let (server, log) = servers::token_bucket(&clock, capacity, WINDOW);
    let options = CallOptions::new().governor(&governor(&clock, &holds));
    let total = 3 * capacity as usize;
    let (tally, elapsed) = run(&clock, &server.url("/"), &options, TASKS, 0, total);
    assert_paced(&tally, &log, elapsed, total, WINDOW, 3);
}

#[test]
fn a_token_bucket_below_the_number_of_tasks_gets_no_429() {
    token_bucket(10);
}

#[test]
fn a_token_bucket_above_the_number_of_tasks_gets_no_429() {
    token_bucket(50);
}

#[test]
fn two_clients_blocking_and_async_share_one_governor() {
    let clock = VirtualClock::new();
    let holds = Holds::default();
    let (server, log) = servers::fixed_window(&clock, 20, WINDOW);
    let governor = governor(&clock, &holds);
    let options = CallOptions::new().governor(&governor);
    let (tally, elapsed) = run(&clock, &server.url("/"), &options, TASKS / 2, TASKS / 2, 60);
    assert_paced(&tally, &log, elapsed, 60, WINDOW, 3);
    let view = governor.view();
    assert_eq!(view.len(), 1, "one key for both clients: {view:?}");
    assert_eq!(view[0].in_flight, 0);
    assert_eq!(view[0].limits[0].name.as_deref(), Some("core"));
}

#[test]
fn a_token_limit_binding_first_is_held_with_the_stated_cost() {
    let clock = VirtualClock::new();
    let holds = Holds::default();
    // 100 requests but 600 tokens a window, 50 tokens a request: 12 requests a window.
    let (server, log) = servers::requests_and_tokens(&clock, 100, 600, 50, WINDOW);
    let governor = governor(&clock, &holds);
    let options = CallOptions::new().governor(&governor).cost("tokens", 50);
    let (tally, elapsed) = run(&clock, &server.url("/"), &options, TASKS, 0, 36);
    assert_paced(&tally, &log, elapsed, 36, WINDOW, 3);
    let names: Vec<_> = governor.view()[0]
        .limits
        .iter()
        .map(|limit| limit.name.clone().unwrap())
        .collect();
    assert_eq!(names, ["requests", "tokens"]);
}

#[test]
fn a_secondary_limit_announced_by_a_429_blocks_every_task_once() {
    let clock = VirtualClock::new();
    let holds = Holds::default();
    let block = Duration::from_secs(3);
    let (server, log) = servers::secondary(&clock, 1000, Duration::from_secs(60), 20, block);
    let options = CallOptions::new().governor(&governor(&clock, &holds));
    let (tally, _) = run(&clock, &server.url("/"), &options, TASKS, 0, 60);
    let log = log.lock().unwrap();
    assert_eq!(log.count(429), 1, "one 429 in all: {:?}", log.answered);
    assert_eq!(tally.limited.load(Ordering::SeqCst), 1);
    let (blocked_at, _) = *log
        .answered
        .iter()
        .find(|(_, status)| *status == 429)
        .unwrap();
    assert!(
        log.answered
            .iter()
            .all(|(at, _)| *at <= blocked_at || *at >= blocked_at + block),
        "a request was sent while the key was blocked: {:?}",
        log.answered
    );
    let blocked = holds
        .lock()
        .unwrap()
        .iter()
        .filter(|(reason, _)| *reason == HoldReason::Blocked)
        .count();
    assert!(blocked >= TASKS / 2, "only {blocked} holds for the block");
}

#[test]
fn without_limit_headers_the_governor_adds_no_wait() {
    let clock = VirtualClock::new();
    let holds = Holds::default();
    let server = TestServer::start(|_| Reply::new(200).text("ok").keep_alive());
    let options = CallOptions::new().governor(&governor(&clock, &holds));
    let (tally, elapsed) = run(&clock, &server.url("/"), &options, TASKS, 0, 200);
    assert_eq!(tally.ok.load(Ordering::SeqCst), 200);
    assert_eq!(
        elapsed,
        Duration::ZERO,
        "the clock never moved: nobody slept"
    );
    let holds = holds.lock().unwrap();
    assert!(
        holds
            .iter()
            .all(|(reason, wait)| *reason == HoldReason::FirstResponse && wait.is_none()),
        "only the wait for the first response: {holds:?}"
    );
}

#[test]
fn a_permit_over_the_cap_is_not_waited_for_and_nothing_is_sent() {
    let clock = VirtualClock::new();
    let holds = Holds::default();
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&sent);
    let server = TestServer::start(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
        Reply::new(429)
            .header("retry-after", "120")
            .text("slow down")
    });
    let governor = governor(&clock, &holds);
    let url = server.url("/search");
    let agent = suite::agent();
    let options = CallOptions::new().governor(&governor);
    assert!(matches!(
        agent.get(&url).handle_using::<Hit>(&options),
        Ok(Hit::Limited)
    ));
    // 120 s over the 60 s of a call without a policy: at once, nothing sent.
    let Err(CallError::Throttled(throttled)) = agent.get(&url).handle_using::<Hit>(&options) else {
        panic!("expected Throttled")
    };
    assert_eq!(throttled.wait(), Duration::from_secs(120));
    let key = governor.key_for(&http::Method::GET, &url.parse().unwrap());
    assert_eq!(throttled.key(), &key);
    assert_eq!(
        key,
        RateKey::new(key.origin().cloned(), None::<&'static str>)
    );
    assert!(throttled.to_string().contains("120s"), "{throttled}");
    // Under a policy, its `max_server_wait` is the cap: 200 s lets the permit wait.
    let patient = CallOptions::new()
        .retry(RetryPolicy::never().max_server_wait(Duration::from_secs(10)))
        .governor(&governor);
    let request = http::Request::get(&url).body(()).unwrap();
    assert!(matches!(
        agent.handle_request_using::<Hit>(request, &patient),
        Err(CallError::Throttled(_))
    ));
    assert_eq!(sent.load(Ordering::SeqCst), 1);
    assert!(governor.view_of(&key).unwrap().blocked_until.is_some());
}

#[test]
fn the_reqwest_middleware_paces_every_request_of_a_client() {
    use response_handler::reqwest_middleware::{GovernorMiddleware, RequestBuilderExt as _};
    let clock = VirtualClock::new();
    let holds = Holds::default();
    let (server, log) = servers::fixed_window(&clock, 10, WINDOW);
    let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(GovernorMiddleware::new(&governor(&clock, &holds)))
        .build();
    let url = server.url("/");
    let call: Call = Arc::new(move || {
        let request = client.get(&url);
        Box::pin(async move { request.handle::<Hit>().await.map_err(|e| e.to_string()) })
    });
    let (tally, elapsed) = run_calls(&clock, call, TASKS, 30);
    assert_paced(&tally, &log, elapsed, 30, WINDOW, 3);
}

#[test]
fn the_tower_layer_paces_with_its_options() {
    use http_body_util::Full;
    use tower_layer::Layer;
    use tower_service::Service;
    let clock = VirtualClock::new();
    let holds = Holds::default();
    let (server, log) = servers::fixed_window(&clock, 10, WINDOW);
    let options = CallOptions::new().governor(&governor(&clock, &holds));
    let runtime_client =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build_http::<Full<bytes::Bytes>>();
    let service = response_handler::tower::HandleLayer::<Hit>::using(options).layer(runtime_client);
    let url = server.url("/");
    let call: Call = Arc::new(move || {
        let mut service = service.clone();
        let request = http::Request::get(&url).body(Full::default()).unwrap();
        Box::pin(async move {
            std::future::poll_fn(|cx| service.poll_ready(cx))
                .await
                .map_err(|e| e.to_string())?;
            service.call(request).await.map_err(|e| e.to_string())
        })
    });
    let (tally, elapsed) = run_calls(&clock, call, TASKS, 30);
    assert_paced(&tally, &log, elapsed, 30, WINDOW, 3);
}

#[derive(Debug, ResponseHandler)]
enum Fetch {
    #[on_success]
    Ok,
    #[on(429)]
    #[retry]
    Limited(Option<response_handler::RetryAfter>),
    #[on_failure]
    Failed(#[allow(dead_code)] StatusCode),
}

/// The same workload as `fixed_window(limit)` under a retry policy that waits as `Retry-After`
/// says, with or without a governor: the 429s the server sent and the time on the clock.
fn retried_workload(limit: u64, governed: bool) -> (usize, Duration) {
    let clock = VirtualClock::new();
    let holds = Holds::default();
    let (server, log) = servers::fixed_window(&clock, limit, WINDOW);
    let (sleep, sleep_async, now) = (Arc::clone(&clock), Arc::clone(&clock), Arc::clone(&clock));
    let policy = RetryPolicy::default()
        .max_attempts(20)
        .jitter_seed(23)
        .clock(move || now.now())
        .sleeper(move |delay| sleep.sleep_blocking(delay))
        .async_sleeper(move |delay| sleep_async.sleep(delay));
    let mut options = CallOptions::new().retry(policy);
    if governed {
        options = options.governor(&governor(&clock, &holds));
    }
    let client = reqwest::Client::new();
    let url = server.url("/");
    let call: Call = Arc::new(move || {
        let (request, options) = (client.get(&url), options.clone());
        Box::pin(async move {
            match request.handle_using::<Fetch>(&options).await {
                Ok(Fetch::Ok) => Ok(Hit::Ok),
                other => Err(format!("{other:?}")),
            }
        })
    });
    let (tally, elapsed) = run_calls(&clock, call, TASKS, 3 * limit as usize);
    assert_eq!(tally.ok.load(Ordering::SeqCst), 3 * limit as usize);
    let refused = log.lock().unwrap().count(429);
    (refused, elapsed)
}

/// The figures of BENCHMARKS.md's "Rate-limit governor": `cargo test --all-features --test
/// governor -- --nocapture figures`.
#[test]
fn figures_the_same_workload_without_a_governor_meets_429s_and_with_one_none() {
    for limit in [10, 50] {
        let (refused_without, without) = retried_workload(limit, false);
        let (refused_with, with) = retried_workload(limit, true);
        eprintln!(
            "L={limit}/2s, 32 tasks, {} requests: without a governor {refused_without} 429s, {without:?}; with one {refused_with} 429s, {with:?}",
            3 * limit
        );
        assert!(refused_without > 0);
        assert_eq!(refused_with, 0);
    }
}

#[test]
fn a_declared_quota_paces_a_key_whose_responses_state_none() {
    let clock = VirtualClock::new();
    let holds = Holds::default();
    let server = TestServer::start(|_| Reply::new(200).text("ok").keep_alive());
    let url = server.url("/");
    let probe = RateGovernor::new();
    let key = probe.key_for(&http::Method::GET, &url.parse().unwrap());
    let governor = governor(&clock, &holds).quota(key.clone(), 10, WINDOW);
    let options = CallOptions::new().governor(&governor);
    let (tally, elapsed) = run(&clock, &url, &options, TASKS, 0, 30);
    assert_eq!(tally.ok.load(Ordering::SeqCst), 30);
    // 10 per 2 s, spread: the 30th goes in the third window.
    assert!(
        elapsed >= Duration::from_secs(4) && elapsed < Duration::from_secs(6),
        "{elapsed:?}"
    );
    let holds = holds.lock().unwrap();
    assert!(
        holds
            .iter()
            .all(|(reason, _)| *reason != HoldReason::FirstResponse),
        "a declared quota needs no first response"
    );
    let view = governor.view_of(&key).unwrap();
    assert!(view.known && view.limits[0].declared);
}
