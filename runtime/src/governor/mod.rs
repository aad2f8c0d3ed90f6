//! The rate-limit governor: acts on the limits servers state before the server has to say no.
//!
//! | file | what it holds |
//! |---|---|
//! | `key.rs` | [`RateKey`]: an origin and a bucket, what one set of limits is kept under |
//! | `learn.rs` | what a response teaches: its limits (every dialect `RateLimit` reads), a 429's block |
//! | `state.rs` | one key's state and the one decision every permit takes ([`HoldReason`]) |
//! | `permit.rs` | [`Permit`]: the blocking and the async wait around that decision |
//! | `pace.rs` | what a call hands the clients: the governor, the request's costs, the cap |
//! | `event.rs` | [`HoldEvent`]: what the hook and the `tracing` event say |
//! | `view.rs` | [`KeyView`], [`LimitView`]: the governor's view of each key |
//! | `throttled.rs` | [`Throttled`]: a permit that would wait longer than the call may |
//!
//! The files form layers: `key`, `throttled` (leaves); `learn`; `state`; `event`, `view`;
//! this file; `permit`; `pace`.

mod event;
mod key;
mod learn;
mod pace;
mod permit;
mod state;
mod throttled;
mod view;

use core::fmt;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use http::{Method, Uri};

use crate::context::Origin;

pub use event::HoldEvent;
pub use key::RateKey;
#[cfg(feature = "__blocking")]
pub(crate) use pace::send_blocking;
#[cfg(feature = "reqwest-middleware")]
pub(crate) use pace::send_head_async;
pub(crate) use pace::{Pace, Pacing};
#[cfg(feature = "__async")]
pub(crate) use pace::{complete, permit_async};
pub use permit::Permit;
pub use state::HoldReason;
pub use throttled::Throttled;
pub use view::{KeyView, LimitView};

use state::{KeyState, LimitState};

/// The clock the governor reads resets and slots with.
type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;
/// How a blocking permit waits.
type Sleeper = Arc<dyn Fn(Duration) + Send + Sync>;
/// Maps a request to its bucket before it is sent.
type Classifier = Arc<dyn Fn(&Method, &Uri) -> Option<Cow<'static, str>> + Send + Sync>;
/// The hook called when a send is held back.
type HoldHook = Arc<dyn Fn(&HoldEvent<'_>) + Send + Sync>;

/// Acts on the rate limits servers state before the server has to say no: every response of a
/// call configured with it ([`CallOptions::governor`](crate::CallOptions::governor)) teaches
/// it the limits its headers state, and every send waits for a permit.
///
/// Cheap to clone (two `Arc`s) and shared across tasks, threads and clients: the blocking and
/// the async clients share one governor's state. Configure it before cloning it (a clone
/// configured afterwards keeps the state and gets its own settings).
///
/// # The rules
///
/// Limits are kept per [`RateKey`]: the request's origin, and the bucket a
/// [`classify`](Self::classify) function names (GitHub's `search` resource, say). Within a key,
/// each limit a response states is kept under its vendor's name (GitHub's
/// `x-ratelimit-resource`, Discord's `x-ratelimit-bucket`, the IETF policy name, OpenAI's and
/// Anthropic's `requests` and `tokens`), and every one of them is held against each send.
///
/// 1. Before anything is known about a key, one request at a time is in flight: the first
///    response teaches the limits. A [`quota`](Self::quota) declared for a key needs no first
///    response.
/// 2. When responses carry no limit headers, nothing is paced after the first one.
/// 3. A limit with nothing left holds every send until its reset.
/// 4. Otherwise what is left of each limit is spread over what is left of its window: the next
///    send waits `time to reset / sends left` after the previous one, the widest of the
///    limits' gaps binding.
/// 5. Requests in flight hold what they will spend (a reservation): 32 tasks do not all spend
///    the last request. A later response counts them; an older response arriving after a
///    newer one is not read.
/// 6. A 429 or 503 with a wait (`Retry-After`, or else its exhausted limit's reset) blocks its
///    whole key until then, for every task. A malformed or empty `Retry-After` is no wait.
/// 7. Past a reset, a limit whose window length is known (`RateLimit-Policy`'s `w`, a
///    declared quota) starts its next window full; one whose length is not (GitHub's) is
///    relearned by one request, as in rule 1.
/// 8. A request counts as one against a limit counted in requests. A limit whose name has
///    `token` in it is counted in tokens: a call states what its request costs
///    ([`CallOptions::cost`](crate::CallOptions::cost)); without it the request holds nothing
///    of that limit (it still waits when the server says nothing is left).
/// 9. A permit that would wait longer than the call's cap (its retry policy's
///    [`max_server_wait`](crate::RetryPolicy::max_server_wait), or 60 s without one) is not
///    waited for: the call ends at once with
///    [`CallError::Throttled`](crate::CallError::Throttled), nothing sent.
///
/// What a governor in one process cannot know: other processes spending the same limit. It
/// learns their spending from each response's `remaining`, but requests they send between two
/// of its responses may still meet a 429; the next step is a store the processes share.
///
/// ```
/// use std::borrow::Cow;
/// use std::time::Duration;
/// use response_handler::{CallOptions, RateGovernor, RetryPolicy};
///
/// let governor = RateGovernor::new()
///     // GitHub's search endpoints have a limit of their own.
///     .classify(|_, uri| uri.path().starts_with("/search/").then_some(Cow::Borrowed("search")))
///     .on_hold(|event| eprintln!("{event}"));
/// let options = CallOptions::new()
///     .retry(RetryPolicy::default())
///     .governor(&governor);
/// // Every task, thread and client given `options` (or a clone of `governor`) shares its view.
/// assert!(governor.view().is_empty());
/// ```
#[derive(Clone)]
pub struct RateGovernor {
    config: Arc<Config>,
    shared: Arc<Shared>,
}

#[derive(Clone)]
struct Config {
    classifier: Option<Classifier>,
    clock: Clock,
    sleeper: Sleeper,
    #[cfg(feature = "__async")]
    async_sleeper: crate::retry::sleep::AsyncSleeper,
    hook: Option<HoldHook>,
}

/// The state every clone shares.
#[derive(Default)]
struct Shared {
    table: Mutex<Table>,
    /// Wakes blocking permits waiting for a response.
    changed: Condvar,
    /// Wakes async permits waiting for a response.
    #[cfg(feature = "__async")]
    notify: tokio::sync::Notify,
}

#[derive(Default)]
struct Table {
    keys: HashMap<RateKey, KeyState>,
    /// Counts the releases: a permit waiting for a response waits for it to change.
    generation: u64,
    /// Blocking permits waiting on `changed`: a release wakes them only when there are some
    /// (a `Condvar`'s `notify_all` is a system call even when nobody waits).
    blocked: usize,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Table> {
        // The table is consistent between statements: a panic elsewhere leaves it usable.
        self.table
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Default for RateGovernor {
    fn default() -> Self {
        RateGovernor {
            config: Arc::new(Config {
                classifier: None,
                clock: Arc::new(SystemTime::now),
                sleeper: Arc::new(std::thread::sleep),
                #[cfg(feature = "__async")]
                async_sleeper: crate::retry::sleep::tokio_sleeper(),
                hook: None,
            }),
            shared: Arc::default(),
        }
    }
}

impl fmt::Debug for RateGovernor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateGovernor")
            .field("keys", &self.shared.lock().keys.len())
            .finish_non_exhaustive()
    }
}

impl RateGovernor {
    /// A governor that knows nothing yet.
    pub fn new() -> Self {
        RateGovernor::default()
    }

    fn config(&mut self) -> &mut Config {
        Arc::make_mut(&mut self.config)
    }

    /// Maps a request to its bucket before it is sent (the default: none, one key per
    /// origin). Requests that share a key share its limits; give GitHub's search endpoints
    /// their own bucket, say, or a core request waits for the search limit.
    pub fn classify(
        mut self,
        classifier: impl Fn(&Method, &Uri) -> Option<Cow<'static, str>> + Send + Sync + 'static,
    ) -> Self {
        self.config().classifier = Some(Arc::new(classifier));
        self
    }

    /// Declares a quota for `key`: `quota` requests per `window`, counted here from the first
    /// send. The key needs no first response, and the limits its responses state are held as
    /// well. Shared by every clone.
    pub fn quota(self, key: RateKey, quota: u64, window: Duration) -> Self {
        let mut table = self.shared.lock();
        let state = table.keys.entry(key).or_default();
        state.known = true;
        state.limits.push(LimitState::declared(quota, window));
        drop(table);
        self
    }

    /// The clock resets and slots are read with (default: `SystemTime::now`), as
    /// [`RetryPolicy::clock`](crate::RetryPolicy::clock).
    pub fn clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.config().clock = Arc::new(clock);
        self
    }

    /// How a blocking client's permit waits (default: `std::thread::sleep`).
    pub fn sleeper(mut self, sleeper: impl Fn(Duration) + Send + Sync + 'static) -> Self {
        self.config().sleeper = Arc::new(sleeper);
        self
    }

    /// How an async client's permit waits (default: `tokio::time::sleep`).
    #[cfg(feature = "__async")]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "reqwest", feature = "tower"))))]
    pub fn async_sleeper<F>(
        mut self,
        sleeper: impl Fn(Duration) -> F + Send + Sync + 'static,
    ) -> Self
    where
        F: core::future::Future<Output = ()> + Send + 'static,
    {
        self.config().async_sleeper = crate::retry::sleep::boxed_sleeper(sleeper);
        self
    }

    /// Called each time a send is held back: which key, for how long, why, which limit binds.
    pub fn on_hold(mut self, hook: impl Fn(&HoldEvent<'_>) + Send + Sync + 'static) -> Self {
        self.config().hook = Some(Arc::new(hook));
        self
    }

    /// The key a request of `method` to `uri` is counted under: its origin and the bucket the
    /// classifier names.
    pub fn key_for(&self, method: &Method, uri: &Uri) -> RateKey {
        let bucket = self
            .config
            .classifier
            .as_ref()
            .and_then(|classify| classify(method, uri));
        RateKey::new(Origin::of(uri), bucket)
    }

    /// The governor's current view of every key it has seen, in no particular order.
    pub fn view(&self) -> Vec<KeyView> {
        let table = self.shared.lock();
        table
            .keys
            .iter()
            .map(|(key, state)| view::key_view(key, state))
            .collect()
    }

    /// The current view of one key.
    pub fn view_of(&self, key: &RateKey) -> Option<KeyView> {
        let table = self.shared.lock();
        table.keys.get(key).map(|state| view::key_view(key, state))
    }

    fn now(&self) -> SystemTime {
        (self.config.clock)()
    }

    fn hold(&self, key: &RateKey, wait: Option<Duration>, reason: HoldReason, limit: Option<&str>) {
        let event = HoldEvent {
            key,
            wait,
            reason,
            limit,
        };
        event::trace(&event);
        if let Some(hook) = &self.config.hook {
            hook(&event);
        }
    }
}
