//! [`CallOptions`]: the one way to configure a call, whichever client sends it.

use core::fmt;
use std::borrow::Cow;
use std::time::Duration;

use crate::governor::{Pace, Pacing, RateGovernor};
#[cfg(feature = "__client")]
use crate::refresh::CredentialRefresh;
use crate::refresh::NoRefresh;
use crate::retry::RetryPolicy;

/// The body limit of the client integrations when none is given: 2 MiB.
///
/// Over it, reading stops and the result is an [`Error`](crate::Error) of kind
/// [`ErrorKind::BodyTooLarge`](crate::ErrorKind::BodyTooLarge) holding the status, the headers
/// and the first `DEFAULT_BODY_LIMIT` bytes. A variant whose field streams the body
/// ([`BodyReader`](crate::BodyReader), `BodyStream`) is not held to it.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The most pages a paginated call (`handle_pages`) yields when no
/// [`max_pages`](CallOptions::max_pages) is given: 100.
pub const DEFAULT_MAX_PAGES: usize = 100;

/// How a call is made: how much body it reads into memory and whether it sends the request
/// again. One value, the same for every client: `handle_using::<T>(&options)` on a request (or
/// `HandleLayer::using(options)` for tower), where `handle::<T>()` takes the defaults.
///
/// Each capability is an option here rather than a verb per client; the options apply in this
/// order around each attempt: send, [`refresh`](Self::refresh) the credential and send once
/// more on a 401 that asks for it, read the body as the status needs it (buffered up to
/// [`body_limit`](Self::body_limit), streamed, or drained), turn it into `T`, then ask the
/// [`retry`](Self::retry) policy whether to wait and send a copy. Pagination is the outermost:
/// a paginated call (`handle_pages::<T>(&options)`, see [`NextPage`](crate::NextPage)) makes
/// each page one such call, up to [`max_pages`](Self::max_pages). A
/// [`governor`](Self::governor) wraps each send: every send (a resend after a refresh, each
/// retry, each page) first waits for its permit. In all: wait for a permit, send, refresh
/// credentials, retry, follow the next page.
///
/// The second type parameter is the retry mode: [`Once`] until [`retry`](Self::retry) gives
/// a [`RetryPolicy`]; it is what makes a retrying call require a
/// [`Retryable`](crate::Retryable) outcome at compile time. The third is the refresh mode:
/// [`NoRefresh`] until [`refresh`](Self::refresh) gives a
/// [`CredentialRefresh`](crate::refresh::CredentialRefresh); it is what makes an async
/// refresher on a blocking client (or the reverse) a compile error.
///
/// ```
/// use response_handler::{CallOptions, DEFAULT_BODY_LIMIT, RetryPolicy};
///
/// let small = CallOptions::new().body_limit(64 * 1024);
/// assert_eq!(small.limit(), 64 * 1024);
///
/// let patient = CallOptions::new().retry(RetryPolicy::default().max_attempts(5));
/// assert_eq!(patient.limit(), DEFAULT_BODY_LIMIT);
/// assert_eq!(patient.policy().attempts(), 5);
/// ```
#[derive(Clone)]
pub struct CallOptions<M = Once, R = NoRefresh> {
    body_limit: usize,
    retry: M,
    refresh: R,
    max_pages: usize,
    pace: Option<Pace>,
    /// The longest wait for a permit: the policy's `max_server_wait`, 60 s without a policy.
    wait_cap: Duration,
}

/// The longest a permit waits in a call without a retry policy: the default
/// [`max_server_wait`](RetryPolicy::max_server_wait).
const WAIT_CAP: Duration = Duration::from_secs(60);

/// The retry mode of a call that sends its request once: [`CallOptions`]' default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Once;

impl CallOptions {
    /// The defaults: a body limit of [`DEFAULT_BODY_LIMIT`], one attempt.
    pub const fn new() -> Self {
        CallOptions {
            body_limit: DEFAULT_BODY_LIMIT,
            retry: Once,
            refresh: NoRefresh,
            max_pages: DEFAULT_MAX_PAGES,
            pace: None,
            wait_cap: WAIT_CAP,
        }
    }
}

/// The defaults, borrowed for as long as any call needs them.
#[cfg_attr(not(any(feature = "body", feature = "__client")), allow(dead_code))]
pub(crate) const DEFAULTS: &CallOptions = &CallOptions::new();

impl Default for CallOptions {
    fn default() -> Self {
        CallOptions::new()
    }
}

impl<M, R> CallOptions<M, R> {
    /// Reads at most `limit` bytes of a buffered body into memory (each attempt's, under a
    /// retry policy). Over it, the call ends with
    /// [`ErrorKind::BodyTooLarge`](crate::ErrorKind::BodyTooLarge), which keeps the first
    /// `limit` bytes.
    #[must_use]
    pub fn body_limit(mut self, limit: usize) -> Self {
        self.body_limit = limit;
        self
    }

    /// Sends the request again as `policy` says while the outcome asks for it
    /// ([`Retryable`](crate::Retryable)): the outcome type must be `Retryable` (the derive's
    /// `#[retry]` variants), and the request one that can be copied.
    #[must_use]
    pub fn retry(self, policy: RetryPolicy) -> CallOptions<RetryPolicy, R> {
        CallOptions {
            body_limit: self.body_limit,
            wait_cap: policy.server_wait_cap(),
            retry: policy,
            refresh: self.refresh,
            max_pages: self.max_pages,
            pace: self.pace,
        }
    }

    /// On a 401 that asks for a new credential, gets one from `refresh` and sends the request
    /// once more with it, sharing the refresh with every call that holds a clone of it (see
    /// [`refresh`](crate::refresh)). Each attempt of a retrying call goes through it; the
    /// request must be one that can be copied. A blocking client needs a
    /// [`CredentialRefresh::blocking`], an async one a [`CredentialRefresh::new_async`].
    #[cfg(feature = "__client")]
    #[must_use]
    pub fn refresh<K>(self, refresh: CredentialRefresh<K>) -> CallOptions<M, CredentialRefresh<K>> {
        CallOptions {
            body_limit: self.body_limit,
            retry: self.retry,
            refresh,
            max_pages: self.max_pages,
            pace: self.pace,
            wait_cap: self.wait_cap,
        }
    }

    /// A paginated call (`handle_pages`, see [`NextPage`](crate::NextPage)) yields at most
    /// `pages` pages ([`DEFAULT_MAX_PAGES`] unless told), then ends as if the last had no next
    /// page. A call that is not paginated ignores it.
    #[must_use]
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = pages;
        self
    }

    /// The most pages a paginated call yields.
    pub fn page_limit(&self) -> usize {
        self.max_pages
    }

    /// Waits for a permit of `governor` before each send (each attempt), and teaches it each
    /// response's rate limits: see [`RateGovernor`] for the rules. A permit that would wait
    /// longer than the retry policy's [`max_server_wait`](RetryPolicy::max_server_wait) (60 s
    /// without a policy) is not waited for: the call ends with
    /// [`CallError::Throttled`](crate::CallError::Throttled), nothing sent.
    ///
    /// ```
    /// use response_handler::{CallOptions, RateGovernor};
    ///
    /// let governor = RateGovernor::new();
    /// let options = CallOptions::new().governor(&governor).cost("tokens", 1_200);
    /// assert!(options.rate_governor().is_some());
    /// ```
    #[must_use]
    pub fn governor(mut self, governor: &RateGovernor) -> Self {
        let mut pace = Pace::new(governor.clone());
        if let Some(old) = self.pace.take() {
            pace.costs = old.costs;
        }
        self.pace = Some(pace);
        self
    }

    /// States what the request costs against the limit named `limit` (OpenAI's and
    /// Anthropic's `tokens`, `input-tokens`, ...), in that limit's unit: the governor holds it
    /// against the limit. Without it, a request counts as one against a limit of requests and
    /// as nothing against one of tokens. Has no effect without a [`governor`](Self::governor).
    #[must_use]
    pub fn cost(mut self, limit: impl Into<Cow<'static, str>>, amount: u64) -> Self {
        self.pace = self.pace.map(|pace| pace.cost(limit.into(), amount));
        self
    }

    /// The governor, if the call has one.
    pub fn rate_governor(&self) -> Option<&RateGovernor> {
        self.pace.as_ref().map(|pace| &pace.governor)
    }

    /// What each send of the call is paced by, if it has a governor.
    #[cfg_attr(not(feature = "__client"), allow(dead_code))]
    pub(crate) fn pacing(&self) -> Option<Pacing> {
        self.pace
            .as_ref()
            .map(|pace| Pacing::new(pace.clone(), self.wait_cap))
    }

    /// The body limit.
    pub fn limit(&self) -> usize {
        self.body_limit
    }

    /// The retry mode: [`Once`], or the [`RetryPolicy`].
    pub fn mode(&self) -> &M {
        &self.retry
    }

    /// The refresh mode: [`NoRefresh`], or the
    /// [`CredentialRefresh`](crate::refresh::CredentialRefresh).
    pub fn refresher(&self) -> &R {
        &self.refresh
    }
}

impl<R> CallOptions<RetryPolicy, R> {
    /// The retry policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.retry
    }
}

impl<M: fmt::Debug, R: fmt::Debug> fmt::Debug for CallOptions<M, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallOptions")
            .field("body_limit", &self.body_limit)
            .field("retry", &self.retry)
            .field("refresh", &self.refresh)
            .field("max_pages", &self.max_pages)
            .field("governor", &self.pace)
            .finish()
    }
}
