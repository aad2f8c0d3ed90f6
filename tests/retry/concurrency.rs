//! 64 calls at once through one client and one policy (for tower, clones of one `RetryLayer`
//! service), each answered first with a retryable status: every call waits once, through the
//! shared policy's sleeper, and ends with the success.

use std::collections::HashMap;
use std::future::poll_fn;
use std::sync::Mutex;
use std::task::Poll;
use std::time::Duration;

use response_handler::retry::RetryPolicy;
use suite::{Reply, TestServer};

use super::cancel::{AsyncClient, Call, Middleware, ReqwestAsync, RetryMiddleware, Tower, runtime};
use super::{Recorder, Search, Sleep};

const CALLS: usize = 64;

/// Answers the first request of each call (`/s?call=N`) with `first`, every later one with 200;
/// connections are kept alive.
fn server(first: Reply) -> TestServer {
    let seen = Mutex::new(HashMap::<String, usize>::new());
    TestServer::start(move |request| {
        let mut seen = seen.lock().unwrap();
        let count = seen.entry(request.path.clone()).or_default();
        *count += 1;
        if *count == 1 {
            first.clone().keep_alive()
        } else {
            Reply::new(200).keep_alive().text("3 results")
        }
    })
}

/// Runs every call at once on this task, and returns their outcomes in order.
async fn all<'a>(mut calls: Vec<Call<'a>>) -> Vec<Result<Search, String>> {
    let mut outcomes: Vec<Option<Result<Search, String>>> = calls.iter().map(|_| None).collect();
    poll_fn(|cx| {
        for (call, outcome) in calls.iter_mut().zip(outcomes.iter_mut()) {
            if outcome.is_none()
                && let Poll::Ready(done) = call.as_mut().poll(cx)
            {
                *outcome = Some(done);
            }
        }
        if outcomes.iter().all(Option::is_some) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    outcomes.into_iter().map(Option::unwrap).collect()
}

/// Sends the 64 calls through one client built with `policy`; asserts each ends with the
/// success after exactly one retry.
fn sixty_four_calls<C: AsyncClient>(first: Reply, policy: RetryPolicy) {
    let server = server(first);
    let outcomes = runtime().block_on(async {
        let client = C::new(policy);
        let calls = (0..CALLS)
            .map(|call| client.call(server.url(&format!("/s?call={call}"))))
            .collect();
        all(calls).await
    });
    for outcome in &outcomes {
        assert!(
            matches!(outcome, Ok(Search::Results(body)) if body == "3 results"),
            "{outcome:?}"
        );
    }
}

/// Each sleep the async sleeper began, it ended; returns the delays, sorted.
fn awaited(recorder: &Recorder) -> Vec<Duration> {
    let sleeps = recorder.async_sleeps();
    let mut began: Vec<Duration> = sleeps
        .iter()
        .filter_map(|sleep| match sleep {
            Sleep::Began(delay) => Some(*delay),
            Sleep::Ended(_) => None,
        })
        .collect();
    let mut ended: Vec<Duration> = sleeps
        .iter()
        .filter_map(|sleep| match sleep {
            Sleep::Ended(delay) => Some(*delay),
            Sleep::Began(_) => None,
        })
        .collect();
    began.sort();
    ended.sort();
    assert_eq!(began, ended, "every sleep begun was awaited to its end");
    ended
}

fn a_429_with_retry_after_1_makes_each_call_wait_one_second_once<C: AsyncClient>() {
    let recorder = Recorder::default();
    let first = Reply::new(429).header("retry-after", "1").text("slow down");
    sixty_four_calls::<C>(first, recorder.policy());
    assert_eq!(recorder.chosen(), [Duration::from_secs(1); CALLS]);
    assert_eq!(awaited(&recorder), [Duration::from_secs(1); CALLS]);
}

/// The bound: the calls share the policy's seeded generator, whose every draw takes one step of
/// xorshift's single cycle (an atomic read-modify-write), so the 64 delays are exactly the
/// first 64 draws of that seed, whatever the interleaving — and those 64 are all different
/// (for a seed from the clock, two of 64 delays drawn in [0, 100 ms] at nanosecond resolution
/// coincide with a chance of about 64 × 63 / 2 / 10^8 ≈ 2 × 10^-5). A policy whose clones drew
/// from copies of the state would repeat one delay 64 times.
fn a_503_makes_the_calls_wait_different_backoff_delays<C: AsyncClient>() {
    const SEED: u64 = 20;
    let recorder = Recorder::default();
    let policy = recorder.policy().jitter_seed(SEED);
    sixty_four_calls::<C>(Reply::new(503).text("busy"), policy);
    let reference = RetryPolicy::default().jitter_seed(SEED);
    let mut expected: Vec<Duration> = (0..CALLS).map(|_| reference.backoff_delay(0)).collect();
    expected.sort();
    let mut chosen = recorder.chosen();
    chosen.sort();
    assert_eq!(
        chosen, expected,
        "the first 64 draws of the seed, each once"
    );
    let mut distinct = chosen.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), CALLS, "no delay repeats: {chosen:?}");
    assert!(
        chosen
            .iter()
            .all(|&delay| delay <= Duration::from_millis(100))
    );
    assert_eq!(awaited(&recorder), chosen);
}

macro_rules! for_each_async_client {
    ($($module:ident: $client:ty,)*) => {$(
        mod $module {
            use super::*;

            #[test]
            fn sixty_four_calls_after_a_429_each_wait_one_second_once() {
                a_429_with_retry_after_1_makes_each_call_wait_one_second_once::<$client>();
            }

            #[test]
            fn sixty_four_calls_after_a_503_draw_different_delays() {
                a_503_makes_the_calls_wait_different_backoff_delays::<$client>();
            }
        }
    )*};
}

for_each_async_client! {
    reqwest_async: ReqwestAsync,
    middleware_handle_using: Middleware,
    retry_middleware: RetryMiddleware,
    tower: Tower,
}
