//! The decision engine alone, without a network: backoff bounds (a property test), the cap,
//! dates resolved with the policy's clock, the budget, the hook.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use proptest::prelude::*;
use response_handler::StatusCode;
use response_handler::Wait;
use response_handler::retry::{Decision, GiveUpReason, RetryHint, RetryPolicy, Retryable};

/// An outcome with a given hint.
struct Hinted(RetryHint);

impl Retryable for Hinted {
    fn retry_hint(&self) -> RetryHint {
        self.0
    }

    fn outcome_name(&self) -> &'static str {
        "Hinted"
    }
}

const BUSY: StatusCode = StatusCode::SERVICE_UNAVAILABLE;

fn get() -> (http::Method, http::HeaderMap) {
    (http::Method::GET, http::HeaderMap::new())
}

/// Nanoseconds from the cap: anywhere within 2 s either side, or exactly 0, -1 or +1.
fn offset_from_the_cap() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => -2_000_000_000i64..=2_000_000_000,
        1 => Just(0i64),
        1 => Just(-1i64),
        1 => Just(1i64),
    ]
}

/// `cap` moved by `offset_ns` nanoseconds; never below zero.
fn around(cap: Duration, offset_ns: i64) -> Duration {
    let by = Duration::from_nanos(offset_ns.unsigned_abs());
    if offset_ns < 0 {
        cap.saturating_sub(by)
    } else {
        cap + by
    }
}

proptest! {
    /// Full jitter: every delay lies in [0, min(max, base × 2^n)], whatever the seed.
    #[test]
    fn every_backoff_delay_lies_within_its_ceiling(
        seed in any::<u64>(),
        base_ms in 0u64..5_000,
        max_ms in 0u64..120_000,
        retry in 0u32..80,
    ) {
        let base = Duration::from_millis(base_ms);
        let max = Duration::from_millis(max_ms);
        let policy = RetryPolicy::default().backoff(base, max).jitter_seed(seed);
        let ceiling = base.saturating_mul(2u32.saturating_pow(retry)).min(max);
        prop_assert_eq!(policy.backoff_ceiling(retry), ceiling);
        for _ in 0..8 {
            let delay = policy.backoff_delay(retry);
            prop_assert!(delay <= ceiling, "{delay:?} > {ceiling:?}");
        }
    }

    /// The cap on a server's wait, at its boundary: every wait is drawn around the cap
    /// (within 2 s either side of it, or exactly on it, or one nanosecond either side), so
    /// both sides of the engine's comparison are reached in every run. A wait up to the cap,
    /// the cap included, is retried after exactly that wait; one longer than the cap, by even
    /// a nanosecond, gives up with that wait as the reason. Steps without a wait take the
    /// backoff, which stays under its maximum.
    #[test]
    fn the_cap_on_a_server_wait_holds_at_its_boundary(
        seed in any::<u64>(),
        cap_ns in 0u64..600_000_000_000,
        asked in proptest::collection::vec(proptest::option::weighted(0.9, offset_from_the_cap()), 1..10),
    ) {
        let cap = Duration::from_nanos(cap_ns);
        let policy = RetryPolicy::default()
            .max_attempts(20)
            .max_server_wait(cap)
            .jitter_seed(seed);
        let backoff_max = policy.backoff_ceiling(u32::MAX);
        let (method, headers) = get();
        let mut run = policy.start(&method, &headers);
        for offset in asked {
            let wait = offset.map(|ns| around(cap, ns));
            let hint = RetryHint::Retry(wait.map(Wait::After));
            let decision = run.after_outcome(BUSY, &Hinted(hint));
            match wait {
                Some(wait) if wait <= cap => prop_assert_eq!(decision, Decision::Retry(wait)),
                Some(wait) => {
                    prop_assert_eq!(decision, Decision::GiveUp(GiveUpReason::ServerWaitTooLong(wait)));
                    break;
                }
                None => match decision {
                    Decision::Retry(delay) => prop_assert!(delay <= backoff_max, "{delay:?}"),
                    other => prop_assert!(false, "no wait asked, yet {other:?}"),
                },
            }
        }
    }
}

#[test]
fn the_default_jitter_spreads_the_delays() {
    let policy = RetryPolicy::default().jitter_seed(7);
    let delays: Vec<Duration> = (0..64).map(|_| policy.backoff_delay(3)).collect();
    let distinct: std::collections::BTreeSet<_> = delays.iter().collect();
    assert!(distinct.len() > 60, "{delays:?}");
    // Half of them below half the ceiling (800 ms), give or take.
    let low = delays
        .iter()
        .filter(|d| **d < Duration::from_millis(400))
        .count();
    assert!((16..=48).contains(&low), "{low} of 64 below 400 ms");
}

/// Clones of one policy share its jitter: 8 threads drawing at once must not repeat each
/// other's delays, and the delays stay uniform over [0, ceiling].
#[test]
fn concurrent_draws_from_one_policy_neither_repeat_nor_cluster() {
    const THREADS: usize = 8;
    const DRAWS: usize = 20_000;
    const N: usize = THREADS * DRAWS;
    const CEILING: Duration = Duration::from_secs(20);
    let policy = RetryPolicy::default().backoff(CEILING, CEILING);
    assert_eq!(policy.backoff_ceiling(0), CEILING);
    let start = std::sync::Arc::new(std::sync::Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let policy = policy.clone();
            let start = std::sync::Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                (0..DRAWS)
                    .map(|_| policy.backoff_delay(0).as_nanos() as u64)
                    .collect::<Vec<u64>>()
            })
        })
        .collect();
    let mut delays: Vec<u64> = threads
        .into_iter()
        .flat_map(|thread| thread.join().unwrap())
        .collect();
    assert_eq!(delays.len(), N);

    // Uniform: 10 equal buckets over [0, 2e10 ns], each within ±5% of N/10 = 16,000. A bucket's
    // count has a standard deviation of sqrt(N · 0.1 · 0.9) ≈ 120, so ±800 is more than 6σ.
    let range = CEILING.as_nanos() as u64;
    let mut buckets = [0usize; 10];
    for &delay in &delays {
        assert!(delay <= range, "{delay} ns > {range} ns");
        buckets[((delay as u128 * 10 / (range as u128 + 1)) as usize).min(9)] += 1;
    }
    for (i, &count) in buckets.iter().enumerate() {
        assert!(
            count.abs_diff(N / 10) <= N / 10 / 20,
            "bucket {i}: {count} of {N} delays, expected 16,000 ± 800: {buckets:?}"
        );
    }

    // Repeats: with 2e10 possible delays, the birthday bound expects N² / (2 · range) ≈ 0.64
    // repeated values among 160,000; more than 10 means draws saw the same state.
    delays.sort_unstable();
    let repeats = delays.windows(2).filter(|pair| pair[0] == pair[1]).count();
    assert!(repeats <= 10, "{repeats} repeated delays among {N}");
}

#[test]
fn the_same_seed_gives_the_same_delays() {
    let first: Vec<_> = {
        let policy = RetryPolicy::default().jitter_seed(42);
        (0..5).map(|n| policy.backoff_delay(n)).collect()
    };
    let policy = RetryPolicy::default().jitter_seed(42);
    let second: Vec<_> = (0..5).map(|n| policy.backoff_delay(n)).collect();
    assert_eq!(first, second);
}

#[test]
fn a_retry_after_date_is_resolved_with_the_policy_clock() {
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let policy = RetryPolicy::default().clock(move || now);
    let (method, headers) = get();
    let mut run = policy.start(&method, &headers);
    let at = Wait::At(now + Duration::from_secs(42));
    assert_eq!(
        run.after_outcome(BUSY, &Hinted(RetryHint::Retry(Some(at)))),
        Decision::Retry(Duration::from_secs(42))
    );
    // A date already past: retry at once.
    let past = Wait::At(now - Duration::from_secs(5));
    assert_eq!(
        run.after_outcome(BUSY, &Hinted(RetryHint::Retry(Some(past)))),
        Decision::Retry(Duration::ZERO)
    );
}

#[test]
fn the_budget_counts_the_clock_as_well_as_the_waits() {
    let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
    let now = std::sync::Arc::new(std::sync::Mutex::new(start));
    let clock = std::sync::Arc::clone(&now);
    let policy = RetryPolicy::default()
        .max_attempts(10)
        .budget(Duration::from_secs(10))
        .clock(move || *clock.lock().unwrap());
    let (method, headers) = get();
    let mut run = policy.start(&method, &headers);
    let two = Hinted(RetryHint::Retry(Some(Wait::After(Duration::from_secs(2)))));
    assert_eq!(
        run.after_outcome(BUSY, &two),
        Decision::Retry(Duration::from_secs(2))
    );
    // The attempts themselves took 7 s on the clock: 7 + 2 = 9 fits, 9 + 2 does not.
    *now.lock().unwrap() = start + Duration::from_secs(7);
    assert_eq!(
        run.after_outcome(BUSY, &two),
        Decision::Retry(Duration::from_secs(2))
    );
    *now.lock().unwrap() = start + Duration::from_secs(9);
    assert_eq!(
        run.after_outcome(BUSY, &two),
        Decision::GiveUp(GiveUpReason::Budget(Duration::from_secs(2)))
    );
}

#[test]
fn which_requests_may_be_sent_twice() {
    let policy = RetryPolicy::default();
    let none = http::HeaderMap::new();
    for method in ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"] {
        assert!(
            policy.may_resend(&method.parse().unwrap(), &none),
            "{method}"
        );
    }
    for method in ["POST", "PATCH", "CONNECT"] {
        assert!(
            !policy.may_resend(&method.parse().unwrap(), &none),
            "{method}"
        );
    }
    let mut keyed = http::HeaderMap::new();
    keyed.insert("idempotency-key", "k-1".parse().unwrap());
    assert!(policy.may_resend(&http::Method::POST, &keyed));
    assert!(
        RetryPolicy::default()
            .retry_non_idempotent(true)
            .may_resend(&http::Method::PATCH, &none)
    );
}

#[test]
fn a_final_outcome_ends_the_call_without_a_hook_call() {
    let called = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = std::sync::Arc::clone(&called);
    let policy = RetryPolicy::default().on_retry(move |_| {
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });
    let (method, headers) = get();
    let mut run = policy.start(&method, &headers);
    assert_eq!(
        run.after_outcome(StatusCode::OK, &Hinted(RetryHint::Final)),
        Decision::GiveUp(GiveUpReason::Final)
    );
    assert_eq!(called.load(std::sync::atomic::Ordering::SeqCst), 0);
    assert_eq!(run.attempts(), 1);
}

#[test]
fn never_makes_one_attempt() {
    let policy = RetryPolicy::never();
    let (method, headers) = get();
    let mut run = policy.start(&method, &headers);
    assert_eq!(
        run.after_outcome(BUSY, &Hinted(RetryHint::Retry(None))),
        Decision::GiveUp(GiveUpReason::Attempts)
    );
}

#[test]
fn the_hook_event_prints_status_name_and_delay() {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&seen);
    let policy = RetryPolicy::default()
        .jitter(|ceiling| ceiling)
        .on_retry(move |event| log.lock().unwrap().push(event.to_string()));
    let (method, headers) = get();
    let mut run = policy.start(&method, &headers);
    run.after_outcome(BUSY, &Hinted(RetryHint::Retry(None)));
    let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
    run.after_transport(&refused);
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "attempt 1: 503 (Hinted); retrying in 100ms",
            "attempt 2: no response (connection refused); retrying in 200ms",
        ]
    );
}

#[test]
fn the_defaults_are_the_documented_ones() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.attempts(), 3);
    assert_eq!(policy.server_wait_cap(), Duration::from_secs(60));
    assert_eq!(policy.backoff_ceiling(0), Duration::from_millis(100));
    assert_eq!(policy.backoff_ceiling(3), Duration::from_millis(800));
    assert_eq!(policy.backoff_ceiling(8), Duration::from_secs(20));
    assert_eq!(policy.backoff_ceiling(200), Duration::from_secs(20));
}

/// `on_give_up` hears of every stop but a final outcome, with the reason; the reasons print
/// apart (the `tracing` "done" event carries this text).
#[test]
fn on_give_up_hears_every_stop_but_a_final_outcome() {
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&heard);
    let policy = RetryPolicy::default()
        .max_server_wait(Duration::from_secs(10))
        .budget(Duration::from_secs(30))
        .retry_transport(false)
        .on_give_up(move |event| log.lock().unwrap().push((event.attempt, event.reason)));
    let (method, headers) = get();
    let wait = |s| Hinted(RetryHint::Retry(Some(Wait::After(Duration::from_secs(s)))));

    let mut run = policy.start(&method, &headers);
    run.after_outcome(StatusCode::OK, &Hinted(RetryHint::Final));
    let mut run = policy.start(&method, &headers);
    run.after_outcome(BUSY, &wait(11));
    let mut run = policy.start(&method, &headers);
    run.after_outcome(BUSY, &wait(9));
    run.after_outcome(BUSY, &wait(9));
    run.after_outcome(BUSY, &wait(9));
    let mut run = policy.start(&method, &headers);
    run.after_transport(&std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
    let mut run = policy.start(&http::Method::POST, &headers);
    run.after_outcome(BUSY, &wait(1));
    assert_eq!(
        *heard.lock().unwrap(),
        [
            (1, GiveUpReason::ServerWaitTooLong(Duration::from_secs(11))),
            (3, GiveUpReason::Attempts),
            (1, GiveUpReason::TransportNotRetried),
            (1, GiveUpReason::MethodNotIdempotent),
        ]
    );
    let spent = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&spent);
    let budget = RetryPolicy::default()
        .budget(Duration::from_secs(5))
        .on_give_up(move |event| log.lock().unwrap().push(event.reason));
    budget
        .start(&method, &headers)
        .after_outcome(BUSY, &wait(4));
    budget
        .start(&method, &headers)
        .after_outcome(BUSY, &wait(9));
    assert_eq!(
        *spent.lock().unwrap(),
        [GiveUpReason::Budget(Duration::from_secs(9))]
    );
    assert_ne!(
        GiveUpReason::MethodNotIdempotent.to_string(),
        GiveUpReason::BodyNotCloneable.to_string()
    );
}
