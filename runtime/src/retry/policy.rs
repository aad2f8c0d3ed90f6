//! [`RetryPolicy`]: the limits, the backoff and the rules of when a request may be sent again.

use core::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method};

use super::event::{GiveUpEvent, RetryEvent};
use super::jitter::Jitter;

/// The clock a policy resolves `Retry-After: <HTTP-date>` and its time budget with.
type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;
/// How a blocking client waits between attempts.
type Sleeper = Arc<dyn Fn(Duration) + Send + Sync>;
/// The hook called before each wait.
type RetryHook = Arc<dyn Fn(&RetryEvent<'_>) + Send + Sync>;
/// The hook called when a call stops with an outcome that is not final.
type GiveUpHook = Arc<dyn Fn(&GiveUpEvent<'_>) + Send + Sync>;

/// When and how often to send a request again: the one policy every client integration follows
/// (`handle_using::<T>(&CallOptions::new().retry(policy))`).
///
/// # Defaults
///
/// | setting | default | where it comes from |
/// |---|---|---|
/// | [`max_attempts`](Self::max_attempts) | 3 (the first one included) | AWS SDKs' *standard* retry mode (max attempts 3); gRPC's retry design (A6) caps attempts at 5 |
/// | [`backoff`](Self::backoff) | exponential with *full jitter*: a delay drawn in `[0, min(max, base × 2^n)]` for the `n`-th retry, base 100 ms, max 20 s | jitter: AWS Architecture Blog, "Exponential Backoff And Jitter" (full jitter); 20 s: the AWS SDKs' maximum backoff; 100 ms: gRPC A6's example `initialBackoff` (Envoy uses 25 ms) |
/// | [`max_server_wait`](Self::max_server_wait) | 60 s; a server asking for more gets no retry: its outcome is returned at once | got's `maxRetryAfter` (a `Retry-After` above it is not honoured); the value is ours |
/// | [`budget`](Self::budget) | none: attempts and the caps bound a call | |
/// | retried methods | GET, HEAD, PUT, DELETE, OPTIONS, TRACE; POST and PATCH only with [`retry_non_idempotent`](Self::retry_non_idempotent) or an `Idempotency-Key` header | RFC 9110 §9.2.2 (idempotent methods); ky's default `methods`; the IETF `Idempotency-Key` header draft |
/// | [`retry_transport`](Self::retry_transport) | yes: a request that got no response (refused, reset, timed out) is sent again under the same rules | gRPC A6 and the AWS SDKs retry transient connection errors |
///
/// Which *responses* are retried is the outcome type's choice ([`Retryable`](super::Retryable):
/// the derive's `#[retry]` variants). got retries 408, 413, 429, 500, 502, 503, 504, 521, 522
/// and 524 by default; ky 408, 413, 429, 500, 502, 503 and 504, and waits for `Retry-After` on
/// 413, 429 and 503.
///
/// # The server's wait
///
/// One rule on every path (the typed clients, `RetryLayer`, `RetryMiddleware`), as ky's and
/// got's:
///
/// - a readable wait under [`max_server_wait`](Self::max_server_wait) is waited for; a date in
///   the past is a wait of 0;
/// - a malformed, negative or empty value is no wait: the backoff decides. A `#[retry]` variant
///   whose field could not be read (a malformed `Option<RetryAfter>`) is retried so too, and
///   when the call gives up the caller gets that error, which keeps the response;
/// - a wait over the cap, or too large to represent (`Retry-After` with 40 digits reads as
///   `u64::MAX` seconds), ends the call with the outcome at once
///   ([`GiveUpReason::ServerWaitTooLong`](super::GiveUpReason::ServerWaitTooLong)).
///
/// ```
/// use std::time::Duration;
/// use response_handler::retry::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .max_attempts(5)
///     .backoff(Duration::from_millis(50), Duration::from_secs(2))
///     .max_server_wait(Duration::from_secs(30))
///     .budget(Duration::from_secs(60))
///     .on_retry(|event| eprintln!("{event}"));
/// assert_eq!(policy.attempts(), 5);
/// ```
#[derive(Clone)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) base: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_server_wait: Duration,
    pub(crate) budget: Option<Duration>,
    pub(crate) retry_non_idempotent: bool,
    pub(crate) retry_transport: bool,
    pub(crate) clock: Clock,
    pub(crate) sleeper: Sleeper,
    #[cfg(feature = "__async")]
    pub(crate) async_sleeper: super::sleep::AsyncSleeper,
    pub(crate) jitter: Jitter,
    pub(crate) hook: Option<RetryHook>,
    pub(crate) give_up_hook: Option<GiveUpHook>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base: Duration::from_millis(100),
            max_backoff: Duration::from_secs(20),
            max_server_wait: Duration::from_secs(60),
            budget: None,
            retry_non_idempotent: false,
            retry_transport: true,
            clock: Arc::new(SystemTime::now),
            sleeper: Arc::new(std::thread::sleep),
            #[cfg(feature = "__async")]
            async_sleeper: super::sleep::tokio_sleeper(),
            jitter: Jitter::from_clock(),
            hook: None,
            give_up_hook: None,
        }
    }
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_attempts", &self.max_attempts)
            .field("base", &self.base)
            .field("max_backoff", &self.max_backoff)
            .field("max_server_wait", &self.max_server_wait)
            .field("budget", &self.budget)
            .field("retry_non_idempotent", &self.retry_non_idempotent)
            .field("retry_transport", &self.retry_transport)
            .finish_non_exhaustive()
    }
}

impl RetryPolicy {
    /// The defaults (see the table above).
    pub fn new() -> Self {
        RetryPolicy::default()
    }

    /// A policy that never sends a request twice: one attempt.
    pub fn never() -> Self {
        RetryPolicy::default().max_attempts(1)
    }

    /// How many times a request is sent at most, the first one included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff used when the server said nothing about when: the `n`-th retry (from 0)
    /// waits a random delay in `[0, min(max, base × 2^n)]` ("full jitter").
    pub fn backoff(mut self, base: Duration, max: Duration) -> Self {
        self.base = base;
        self.max_backoff = max;
        self
    }

    /// The longest wait a server may ask for (`Retry-After`, a rate-limit reset). A server
    /// asking for more gets no retry: its outcome is returned at once, instead of sleeping for
    /// as long as it says.
    pub fn max_server_wait(mut self, cap: Duration) -> Self {
        self.max_server_wait = cap;
        self
    }

    /// The time one call may take, waits included, measured with the policy's
    /// [`clock`](Self::clock): a wait that would overrun it is not taken, and the last outcome
    /// is returned.
    pub fn budget(mut self, budget: Duration) -> Self {
        self.budget = Some(budget);
        self
    }

    /// Whether POST, PATCH and other non-idempotent requests may be sent again (default:
    /// only with an `Idempotency-Key` header). A server may have acted on a request whose
    /// response never arrived; say yes only when the endpoint makes that harmless.
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }

    /// Whether a request that got no response (connection refused or reset, a timeout) is sent
    /// again (default: yes).
    pub fn retry_transport(mut self, yes: bool) -> Self {
        self.retry_transport = yes;
        self
    }

    /// The clock: `Retry-After` dates and the budget are measured with it (default:
    /// `SystemTime::now`).
    pub fn clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// How the blocking clients wait (default: `std::thread::sleep`). Tests pass one that
    /// records the delay instead of sleeping.
    pub fn sleeper(mut self, sleeper: impl Fn(Duration) + Send + Sync + 'static) -> Self {
        self.sleeper = Arc::new(sleeper);
        self
    }

    /// The random source of the backoff's jitter: `jitter(ceiling)` returns a delay in
    /// `[0, ceiling]` (a larger one is cut to `ceiling`). The default is a xorshift generator
    /// seeded from the clock; `|ceiling| ceiling` turns jitter off.
    pub fn jitter(mut self, jitter: impl Fn(Duration) -> Duration + Send + Sync + 'static) -> Self {
        self.jitter = Jitter::custom(jitter);
        self
    }

    /// The default jitter with a fixed seed: the same delays on every run.
    pub fn jitter_seed(mut self, seed: u64) -> Self {
        self.jitter = Jitter::seeded(seed);
        self
    }

    /// Called before each wait, with the attempt that failed, what it got and the delay chosen:
    /// for logs and metrics (and for tests, to record the delays).
    pub fn on_retry(mut self, hook: impl Fn(&RetryEvent<'_>) + Send + Sync + 'static) -> Self {
        self.hook = Some(Arc::new(hook));
        self
    }

    /// Called when a call stops with an outcome (or transport error) that is worth another
    /// attempt but is not sent again, with the reason: the method may not be sent twice, the
    /// body cannot be copied, the server asked for a wait over the cap, the budget or the
    /// attempts are spent, transport failures are not retried. Not called for a final outcome.
    pub fn on_give_up(mut self, hook: impl Fn(&GiveUpEvent<'_>) + Send + Sync + 'static) -> Self {
        self.give_up_hook = Some(Arc::new(hook));
        self
    }

    /// How the async clients wait (default: `tokio::time::sleep`). Tests either run on tokio's
    /// paused clock or pass one that records the delay.
    #[cfg(feature = "__async")]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "reqwest", feature = "tower"))))]
    pub fn async_sleeper<F>(
        mut self,
        sleeper: impl Fn(Duration) -> F + Send + Sync + 'static,
    ) -> Self
    where
        F: core::future::Future<Output = ()> + Send + 'static,
    {
        self.async_sleeper = super::sleep::boxed_sleeper(sleeper);
        self
    }

    /// The maximum number of attempts, the first one included.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The cap on a server-requested wait.
    pub fn server_wait_cap(&self) -> Duration {
        self.max_server_wait
    }

    #[cfg(feature = "__async")]
    pub(crate) fn sleep_async(&self, delay: Duration) -> super::sleep::SleepFuture {
        (self.async_sleeper)(delay)
    }

    /// Whether a request with this method and these headers may be sent more than once:
    /// an idempotent method (RFC 9110 §9.2.2), an `Idempotency-Key` header, or
    /// [`retry_non_idempotent`](Self::retry_non_idempotent).
    pub fn may_resend(&self, method: &Method, headers: &HeaderMap) -> bool {
        self.retry_non_idempotent
            || matches!(
                *method,
                Method::GET
                    | Method::HEAD
                    | Method::PUT
                    | Method::DELETE
                    | Method::OPTIONS
                    | Method::TRACE
            )
            || headers.contains_key("idempotency-key")
    }

    /// The backoff ceiling of the `retry`-th retry (from 0): `min(max, base × 2^retry)`.
    pub fn backoff_ceiling(&self, retry: u32) -> Duration {
        1u32.checked_shl(retry)
            .and_then(|factor| self.base.checked_mul(factor))
            .unwrap_or(if self.base.is_zero() {
                Duration::ZERO
            } else {
                Duration::MAX
            })
            .min(self.max_backoff)
    }

    /// The backoff delay of the `retry`-th retry (from 0), drawn from the jitter source:
    /// always within `[0, backoff_ceiling(retry)]`.
    pub fn backoff_delay(&self, retry: u32) -> Duration {
        let ceiling = self.backoff_ceiling(retry);
        self.jitter.draw(ceiling).min(ceiling)
    }

    pub(crate) fn now(&self) -> SystemTime {
        (self.clock)()
    }
}
