//! Loopback servers that enforce a rate limit on the injected clock and send its headers: a
//! fixed window (GitHub's dialect), a token bucket (the IETF draft's `RateLimit` and
//! `RateLimit-Policy`), a request and a token limit (OpenAI's dialect), and a secondary limit
//! announced only by a 429 with `Retry-After` (GitHub's).

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use suite::{Reply, Request, TestServer};

use super::clock::{VirtualClock, start};

/// What a server saw: when each request arrived (since the start) and what it answered.
#[derive(Default, Debug)]
pub struct Log {
    pub answered: Vec<(Duration, u16)>,
}

impl Log {
    pub fn count(&self, status: u16) -> usize {
        self.answered.iter().filter(|(_, s)| *s == status).count()
    }
}

pub type SharedLog = Arc<Mutex<Log>>;

fn since_start(now: SystemTime) -> Duration {
    now.duration_since(start()).unwrap()
}

fn unix_secs(at: SystemTime) -> u64 {
    at.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs()
}

fn ceil_secs(duration: Duration) -> u64 {
    duration.as_nanos().div_ceil(1_000_000_000) as u64
}

fn record(log: &SharedLog, now: SystemTime, reply: Reply, status: u16) -> Reply {
    log.lock()
        .unwrap()
        .answered
        .push((since_start(now), status));
    reply.keep_alive()
}

/// `limit` requests per fixed `window` (whole seconds), GitHub's headers: `x-ratelimit-limit`,
/// `-remaining`, `-used`, `-reset` (a Unix time) and `-resource`. Over it: 429 with
/// `Retry-After`.
pub fn fixed_window(
    clock: &Arc<VirtualClock>,
    limit: u64,
    window: Duration,
) -> (TestServer, SharedLog) {
    let log = SharedLog::default();
    let (clock, shared) = (Arc::clone(clock), Arc::clone(&log));
    let counts = Mutex::new((u128::MAX, 0u64));
    let server = TestServer::start(move |_: &Request| {
        let now = clock.now();
        let index = since_start(now).as_nanos() / window.as_nanos();
        let end = start() + window * (index as u32 + 1);
        let mut counts = counts.lock().unwrap();
        if counts.0 != index {
            *counts = (index, 0);
        }
        let allowed = counts.1 < limit;
        if allowed {
            counts.1 += 1;
        }
        let used = counts.1;
        drop(counts);
        let status = if allowed { 200 } else { 429 };
        let mut reply = Reply::new(status)
            .header("x-ratelimit-limit", limit.to_string())
            .header("x-ratelimit-remaining", (limit - used).to_string())
            .header("x-ratelimit-used", used.to_string())
            .header("x-ratelimit-reset", unix_secs(end).to_string())
            .header("x-ratelimit-resource", "core");
        if !allowed {
            let wait = end.duration_since(now).unwrap();
            reply = reply.header("retry-after", ceil_secs(wait).to_string());
        }
        record(&shared, now, reply.text("ok"), status)
    });
    (server, log)
}

/// A token bucket of `capacity`, refilled with `capacity` tokens per `window`, with the IETF
/// draft's headers: `RateLimit: "bucket";r=<left>;t=<seconds until full>` and
/// `RateLimit-Policy: "bucket";q=<capacity>;w=<window>`. Over it: 429 with `Retry-After`.
pub fn token_bucket(
    clock: &Arc<VirtualClock>,
    capacity: u64,
    window: Duration,
) -> (TestServer, SharedLog) {
    let log = SharedLog::default();
    let (clock, shared) = (Arc::clone(clock), Arc::clone(&log));
    // Tokens in units of 1/capacity of a token... kept exact as nanoseconds of refill: the
    // bucket is full `full_at`, and each token is `window / capacity` of refill.
    let per_token = window / capacity as u32;
    let full_at = Mutex::new(start());
    let server = TestServer::start(move |_: &Request| {
        let now = clock.now();
        let mut full = full_at.lock().unwrap();
        // Never more than `capacity` tokens: the bucket is full at the latest now.
        let base = (*full).max(now);
        let empty_after = now + window; // full_at may be at most now + window (empty bucket)
        let next = base + per_token;
        let allowed = next <= empty_after;
        if allowed {
            *full = next;
        }
        let to_full = full.duration_since(now).unwrap_or_default();
        drop(full);
        // Left: whole tokens that the bucket holds now.
        let missing = to_full.as_nanos().div_ceil(per_token.as_nanos()) as u64;
        let left = capacity.saturating_sub(missing);
        let status = if allowed { 200 } else { 429 };
        let mut reply = Reply::new(status)
            .header(
                "ratelimit",
                format!("\"bucket\";r={left};t={}", ceil_secs(to_full)),
            )
            .header(
                "ratelimit-policy",
                format!("\"bucket\";q={capacity};w={}", window.as_secs()),
            );
        if !allowed {
            let wait = (base + per_token)
                .duration_since(empty_after)
                .unwrap_or_default();
            reply = reply.header("retry-after", ceil_secs(wait).max(1).to_string());
        }
        record(&shared, now, reply.text("ok"), status)
    });
    (server, log)
}

/// OpenAI's two limits over one fixed `window`: `requests` per window, and `tokens` per window
/// of which each request spends `cost`. Resets are Go durations (`1234ms`), rounded up.
pub fn requests_and_tokens(
    clock: &Arc<VirtualClock>,
    requests: u64,
    tokens: u64,
    cost: u64,
    window: Duration,
) -> (TestServer, SharedLog) {
    let log = SharedLog::default();
    let (clock, shared) = (Arc::clone(clock), Arc::clone(&log));
    let counts = Mutex::new((u128::MAX, 0u64, 0u64));
    let server = TestServer::start(move |_: &Request| {
        let now = clock.now();
        let index = since_start(now).as_nanos() / window.as_nanos();
        let end = start() + window * (index as u32 + 1);
        let mut counts = counts.lock().unwrap();
        if counts.0 != index {
            *counts = (index, 0, 0);
        }
        let allowed = counts.1 < requests && counts.2 + cost <= tokens;
        if allowed {
            counts.1 += 1;
            counts.2 += cost;
        }
        let (used_requests, used_tokens) = (counts.1, counts.2);
        drop(counts);
        let reset = end.duration_since(now).unwrap();
        let reset = format!("{}ms", reset.as_nanos().div_ceil(1_000_000));
        let status = if allowed { 200 } else { 429 };
        let reply = Reply::new(status)
            .header("x-ratelimit-limit-requests", requests.to_string())
            .header(
                "x-ratelimit-remaining-requests",
                (requests - used_requests).to_string(),
            )
            .header("x-ratelimit-reset-requests", &reset)
            .header("x-ratelimit-limit-tokens", tokens.to_string())
            .header(
                "x-ratelimit-remaining-tokens",
                (tokens - used_tokens).to_string(),
            )
            .header("x-ratelimit-reset-tokens", &reset);
        record(&shared, now, reply.text("ok"), status)
    });
    (server, log)
}

/// A generous primary limit (GitHub's headers, `limit` per `window`) and a secondary limit that
/// no header announces: request number `trigger` (from 1) gets a 429 with `Retry-After:
/// <block>`, and so does every request in the `block` that follows.
pub fn secondary(
    clock: &Arc<VirtualClock>,
    limit: u64,
    window: Duration,
    trigger: usize,
    block: Duration,
) -> (TestServer, SharedLog) {
    let log = SharedLog::default();
    let (clock, shared) = (Arc::clone(clock), Arc::clone(&log));
    let state = Mutex::new((0usize, None::<SystemTime>, u128::MAX, 0u64));
    let server = TestServer::start(move |_: &Request| {
        let now = clock.now();
        let index = since_start(now).as_nanos() / window.as_nanos();
        let end = start() + window * (index as u32 + 1);
        let mut state = state.lock().unwrap();
        state.0 += 1;
        if state.0 == trigger {
            state.1 = Some(now + block);
        }
        if state.2 != index {
            (state.2, state.3) = (index, 0);
        }
        let blocked = state.1.is_some_and(|until| now < until);
        if !blocked {
            state.3 += 1;
        }
        let (used, until) = (state.3, state.1);
        drop(state);
        let status = if blocked { 429 } else { 200 };
        let mut reply = Reply::new(status)
            .header("x-ratelimit-limit", limit.to_string())
            .header("x-ratelimit-remaining", (limit - used).to_string())
            .header("x-ratelimit-reset", unix_secs(end).to_string())
            .header("x-ratelimit-resource", "core");
        if let Some(until) = until.filter(|_| blocked) {
            let wait = until.duration_since(now).unwrap();
            reply = reply.header("retry-after", ceil_secs(wait).to_string());
        }
        record(&shared, now, reply.text("ok"), status)
    });
    (server, log)
}
