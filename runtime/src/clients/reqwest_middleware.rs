//! reqwest-middleware 0.5 (feature `reqwest-middleware`): `handle::<T>()` on its
//! `RequestBuilder`, and [`RetryMiddleware`], which sends a request again as a [`RetryPolicy`]
//! says, honouring `Retry-After` and rate-limit resets.
//!
//! Supported version: reqwest-middleware 0.5, on reqwest 0.13.
//!
//! reqwest-retry's policies decide from the error or status alone and never see the response's
//! headers; a server's `Retry-After` is lost. Two ways here:
//!
//! - [`RequestBuilderExt::handle_using`] with [`CallOptions::retry`]: the retry loop around your
//!   typed outcome — the
//!   outcome decides ([`Retryable`](crate::Retryable)), as with every other client;
//! - [`RetryMiddleware`]: inside the middleware stack, for every request of a client. It cannot
//!   see your type, so it decides from the response head: the statuses of
//!   [`RetryMiddleware::DEFAULT_STATUSES`], waiting as `Retry-After` (or else a rate-limit reset)
//!   says, and those of [`RetryMiddleware::when_asked`] only when the head asks for a wait
//!   (`#[retry(when_asked)]`'s rule). When it gives up, the last response goes on up the stack as it arrived.
//!
//! [`GovernorMiddleware`] paces every request of a client with a [`RateGovernor`], as
//! [`CallOptions::governor`] paces one call's. Put it after `RetryMiddleware` in the stack
//! (`.with(retry).with(governor)`), so that each attempt waits for its own permit.
//!
//! ```no_run
//! use reqwest_middleware::ClientBuilder;
//! use response_handler::reqwest_middleware::{RequestBuilderExt, RetryMiddleware};
//! use response_handler::retry::RetryPolicy;
//! use response_handler::{ResponseHandler, StatusCode};
//!
//! #[derive(Debug, ResponseHandler)]
//! enum Fetch {
//!     #[on_success]
//!     Ok(String),
//!     #[on_failure]
//!     Failed(StatusCode),
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = ClientBuilder::new(reqwest::Client::new())
//!     .with(RetryMiddleware::new(RetryPolicy::default()))
//!     .build();
//! let outcome = client.get("http://127.0.0.1:8080/").handle::<Fetch>().await?;
//! # Ok(()) }
//! ```

use core::future::Future;
use std::time::Duration;

use futures_core::Stream;

use http::{Extensions, StatusCode};

use crate::call::future::Call;
use crate::call::{CallError, CallOptions, RetryMode};
use crate::governor::{Pacing, RateGovernor};
use crate::headers::{RateLimit, RetryAfter, TypedHeader, Wait};
use crate::pages::NextPage;
use crate::refresh::AsyncRefresh;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;
use crate::retry::driver::drive_async;
use crate::retry::{RetryHint, RetryPolicy};

/// `handle` for a `reqwest_middleware::RequestBuilder`: sends the request through the
/// middleware stack, then handles the response. Sealed. Errors are
/// [`CallError<reqwest_middleware::Error>`](CallError).
pub trait RequestBuilderExt: sealed::Sealed + Sized {
    /// Sends the request and turns the response into `T`, with the default [`CallOptions`]:
    /// up to [`DEFAULT_BODY_LIMIT`](crate::DEFAULT_BODY_LIMIT) bytes of body, one attempt.
    fn handle<T: ResponseHandler>(
        self,
    ) -> impl Future<Output = Result<T, CallError<::reqwest_middleware::Error>>> + Send {
        self.handle_using(crate::call::DEFAULTS)
    }

    /// Sends the request as `options` say and turns the response into `T`, exactly as the
    /// reqwest integration's `handle_using` does. The request is copied with `try_clone`; a
    /// streamed body cannot be, and such a request is sent once. Under a
    /// [`CredentialRefresh`](crate::refresh::CredentialRefresh) each attempt goes through the
    /// refresh (see [`refresh`](crate::refresh)).
    fn handle_using<T: ResponseHandler>(
        self,
        options: &CallOptions<impl RetryMode<T> + Sync, impl AsyncRefresh>,
    ) -> impl Future<Output = Result<T, CallError<::reqwest_middleware::Error>>> + Send;

    /// Sends the request and the requests of the pages after it through the middleware stack,
    /// as `options` say, and yields each page as a `T`, as a `Stream`: exactly as the reqwest
    /// integration's `handle_pages` does ([`NextPage`]). Every page gets the request's
    /// extensions as they were handed in.
    fn handle_pages<'o, T: ResponseHandler + NextPage + Send + 'o>(
        self,
        options: &'o CallOptions<impl RetryMode<T> + Sync, impl AsyncRefresh>,
    ) -> impl Stream<Item = Result<T, CallError<::reqwest_middleware::Error>>> + Send + Unpin + 'o;
}

mod sealed {
    /// The reqwest-middleware types the extension trait is implemented for.
    pub trait Sealed {}
    impl Sealed for ::reqwest_middleware::RequestBuilder {}
}

impl RequestBuilderExt for ::reqwest_middleware::RequestBuilder {
    fn handle_using<T: ResponseHandler>(
        mut self,
        options: &CallOptions<impl RetryMode<T> + Sync, impl AsyncRefresh>,
    ) -> impl Future<Output = Result<T, CallError<::reqwest_middleware::Error>>> + Send {
        let extensions = core::mem::take(self.extensions());
        let (client, request) = self.build_split();
        let limit = options.limit();
        let pacing = options.pacing();
        let send = move |request: ::reqwest::Request| {
            paced_send::<T>(
                client.clone(),
                extensions.clone(),
                pacing.as_ref(),
                request,
                limit,
            )
        };
        let refresh = options.refresher();
        Call::new(request.map_err(Into::into), |request| {
            options.mode().__drive_async(
                request,
                |request| (request.method(), request.headers()),
                ::reqwest::Request::try_clone,
                move |request| {
                    refresh.clone().__attempt_async::<T, _, _, _, _>(
                        request,
                        ::reqwest::Request::try_clone,
                        ::reqwest::Request::headers_mut,
                        send.clone(),
                    )
                },
            )
        })
    }

    fn handle_pages<'o, T: ResponseHandler + NextPage + Send + 'o>(
        mut self,
        options: &'o CallOptions<impl RetryMode<T> + Sync, impl AsyncRefresh>,
    ) -> impl Stream<Item = Result<T, CallError<::reqwest_middleware::Error>>> + Send + Unpin + 'o
    {
        let extensions = core::mem::take(self.extensions());
        let (client, request) = self.build_split();
        let pacing = options.pacing();
        crate::pages::drive::stream(
            options,
            request.map_err(|error| CallError::Send(error.into())),
            move |request: ::reqwest::Request, limit| {
                paced_send::<T>(
                    client.clone(),
                    extensions.clone(),
                    pacing.as_ref(),
                    request,
                    limit,
                )
            },
        )
    }
}

/// One send of `request` for a `T` through the middleware stack with `extensions`, once
/// `pacing`'s governor (if any) allows it, its body read up to `limit` bytes: the send of every
/// call and of every page.
fn paced_send<T: ResponseHandler>(
    client: ::reqwest_middleware::ClientWithMiddleware,
    mut extensions: Extensions,
    pacing: Option<&Pacing>,
    request: ::reqwest::Request,
    limit: usize,
) -> impl Future<Output = Result<BufferedResponse, CallError<::reqwest_middleware::Error>>> + Send + use<T>
{
    let method = request.method().clone();
    let paced = pacing.map(|pacing| pacing.request_to_url(&method, request.url().as_str()));
    async move {
        let permit = crate::governor::permit_async(paced.as_ref()).await?;
        let result = match client
            .execute_with_extensions(request, &mut extensions)
            .await
        {
            Ok(response) => crate::clients::reqwest::read_for::<T>(response, Some(method), limit)
                .await
                .map_err(CallError::from),
            Err(error) => Err(CallError::Send(error)),
        };
        crate::governor::complete(permit, &result);
        result
    }
}

/// A middleware that sends a request again as a [`RetryPolicy`] says, deciding from the
/// response head: a status of [`statuses`](Self::statuses) is retried after the wait its
/// `Retry-After` asks for on a 413, 429 or 503 (on 429 and 503, else its rate-limit reset), or
/// else the policy's backoff (always on 408, 500, 502, 504: a `Retry-After` there is not read).
/// A malformed or empty wait is none (backoff); a date in the past is no wait; a wait over the
/// policy's [`max_server_wait`](RetryPolicy::max_server_wait), or too large to represent,
/// passes the response on at once.
///
/// Everything else follows the policy: attempts, the cap on a server's wait (above it the
/// response is passed on at once), the budget, which methods are resent, transport failures,
/// the hook (whose outcome name is the status's reason phrase). When it gives up, the last
/// response (or error) is passed on unchanged, for `handle::<T>()` or whatever reads it.
#[derive(Debug, Clone)]
pub struct RetryMiddleware {
    policy: RetryPolicy,
    statuses: Vec<StatusCode>,
    when_asked: Vec<StatusCode>,
}

impl RetryMiddleware {
    /// The statuses retried by default: 408, 413, 429, 500, 502, 503, 504, the statuses of
    /// ky's `retry.statusCodes` (got adds Cloudflare's 521, 522, 524). ky and got resend a 413
    /// only when it carries `Retry-After`; this middleware also resends one without it, after
    /// the policy's backoff. RFC 9110 names `Retry-After` for 413 (§15.5.14), 429 (RFC 6585
    /// §4) and 503 (§15.6.4).
    pub const DEFAULT_STATUSES: [StatusCode; 7] = [
        StatusCode::REQUEST_TIMEOUT,
        StatusCode::PAYLOAD_TOO_LARGE,
        StatusCode::TOO_MANY_REQUESTS,
        StatusCode::INTERNAL_SERVER_ERROR,
        StatusCode::BAD_GATEWAY,
        StatusCode::SERVICE_UNAVAILABLE,
        StatusCode::GATEWAY_TIMEOUT,
    ];

    /// A middleware following `policy`, retrying [`DEFAULT_STATUSES`](Self::DEFAULT_STATUSES).
    pub fn new(policy: RetryPolicy) -> Self {
        RetryMiddleware {
            policy,
            statuses: Self::DEFAULT_STATUSES.to_vec(),
            when_asked: Vec::new(),
        }
    }

    /// Retries these statuses instead.
    pub fn statuses(mut self, statuses: impl IntoIterator<Item = StatusCode>) -> Self {
        self.statuses = statuses.into_iter().collect();
        self
    }

    /// Retries these statuses only when the head asks for a wait, as `#[retry(when_asked)]`
    /// does: a readable `Retry-After`, or else a rate limit with nothing remaining and a reset
    /// (GitHub's 403 for its rate limits); without one, or with a malformed `Retry-After` or
    /// rate limit, the response is passed on at once. A status listed here is judged so even
    /// if [`statuses`](Self::statuses) lists it too.
    ///
    /// ```
    /// use response_handler::reqwest_middleware::RetryMiddleware;
    /// use response_handler::{StatusCode, retry::RetryPolicy};
    ///
    /// // GitHub: a 403 is retried when it is a rate limit, passed on when it is "forbidden".
    /// let retry = RetryMiddleware::new(RetryPolicy::default()).when_asked([StatusCode::FORBIDDEN]);
    /// # let _ = retry;
    /// ```
    pub fn when_asked(mut self, statuses: impl IntoIterator<Item = StatusCode>) -> Self {
        self.when_asked = statuses.into_iter().collect();
        self
    }

    /// What the head of a response says: for a status of `when_asked`, retry after the wait
    /// it asks for, final without one; for a listed status, retry (after the server's wait, if
    /// it gave a readable one where the README's status table reads it); final otherwise.
    fn hint(&self, response: &::reqwest::Response) -> RetryHint {
        let status = response.status();
        if self.when_asked.contains(&status) {
            return match asked_wait(response.headers()) {
                Some(wait) => RetryHint::Retry(Some(wait)),
                None => RetryHint::Final,
            };
        }
        if !self.statuses.contains(&status) {
            return RetryHint::Final;
        }
        RetryHint::Retry(head_wait(status, response.headers()))
    }
}

/// The server's wait, read only where it is defined (the README's status table): `Retry-After`
/// on 413 (RFC 9110 §15.5.14), 429 (RFC 6585 §4) and 503 (RFC 9110 §15.6.4), then on 429 and
/// 503 a rate-limit reset (the IETF RateLimit draft gives `Retry-After` precedence). Any other
/// status (408, 500, 502, 504, or one added with `statuses`) waits for the policy's backoff,
/// whatever it sends. A malformed value is as good as none: the policy's backoff decides — and
/// a `Retry-After` that is present but unreadable (malformed, or empty) stops the search there,
/// as ky does: the server said something about waiting, and what it said is not a rate-limit
/// reset's to override.
fn head_wait(status: StatusCode, headers: &http::HeaderMap) -> Option<Wait> {
    let rate_limited = matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
    );
    if !(rate_limited || status == StatusCode::PAYLOAD_TOO_LARGE) {
        return None;
    }
    match RetryAfter::decode(headers, None) {
        Ok(Some(RetryAfter(wait))) => return Some(wait),
        Ok(None) if !headers.contains_key(http::header::RETRY_AFTER) => {}
        // Present, but malformed or empty: the backoff.
        Ok(None) | Err(_) => return None,
    }
    if !rate_limited {
        return None;
    }
    RateLimit::decode(headers, None).ok().flatten()?.reset()
}

/// The wait a head asks for, on any status, as `#[retry(when_asked)]` reads it: a readable
/// `Retry-After` (an empty one is none), else the reset of a rate limit with nothing
/// remaining. A malformed `Retry-After` or rate limit asks for nothing.
fn asked_wait(headers: &http::HeaderMap) -> Option<Wait> {
    if let Some(RetryAfter(wait)) = RetryAfter::decode(headers, None).ok()? {
        return Some(wait);
    }
    let limit = RateLimit::decode(headers, None).ok()??;
    limit.reset().filter(|_| limit.is_exhausted())
}

#[async_trait::async_trait]
impl ::reqwest_middleware::Middleware for RetryMiddleware {
    async fn handle(
        &self,
        request: ::reqwest::Request,
        extensions: &mut Extensions,
        next: ::reqwest_middleware::Next<'_>,
    ) -> ::reqwest_middleware::Result<::reqwest::Response> {
        let run = self.policy.start(request.method(), request.headers());
        // Each attempt gets the extensions as they were handed in; the caller gets back those
        // of the attempt whose result it gets.
        let handed_in = core::mem::take(extensions);
        let (result, last) = drive_async(
            &self.policy,
            run,
            request,
            ::reqwest::Request::try_clone,
            |request| {
                let next = next.clone();
                let mut extensions = handed_in.clone();
                async move {
                    let result = next.run(request, &mut extensions).await;
                    (result, extensions)
                }
            },
            |run, (result, extensions)| {
                let decision = match &result {
                    Ok(response) => {
                        let status = response.status();
                        let name = status.canonical_reason().unwrap_or("response");
                        run.after_head(status, name, self.hint(response))
                    }
                    Err(error) => run.after_transport(error),
                };
                // A response dropped for a retry is dropped unread: its connection is not
                // reused.
                ((result, extensions), decision)
            },
        )
        .await;
        *extensions = last;
        result
    }
}

/// A middleware that waits for a [`RateGovernor`]'s permit before each request goes on down
/// the stack, and teaches the governor each response's rate limits: the middleware form of
/// [`CallOptions::governor`], for every request of a client.
///
/// A permit that would wait longer than [`max_wait`](Self::max_wait) (60 s unless set) is not
/// waited for: the request fails at once with `reqwest_middleware::Error::Middleware` holding a
/// [`Throttled`](crate::governor::Throttled), and nothing is sent. Requests cost one each
/// against limits of requests (a stated cost needs [`CallOptions::cost`]).
///
/// ```no_run
/// use reqwest_middleware::ClientBuilder;
/// use response_handler::RateGovernor;
/// use response_handler::reqwest_middleware::{GovernorMiddleware, RetryMiddleware};
/// use response_handler::retry::RetryPolicy;
///
/// let governor = RateGovernor::new();
/// let client = ClientBuilder::new(reqwest::Client::new())
///     .with(RetryMiddleware::new(RetryPolicy::default()))
///     .with(GovernorMiddleware::new(&governor))
///     .build();
/// ```
#[derive(Debug, Clone)]
pub struct GovernorMiddleware {
    governor: RateGovernor,
    max_wait: Duration,
}

impl GovernorMiddleware {
    /// A middleware pacing with `governor` (a clone: the state is shared).
    pub fn new(governor: &RateGovernor) -> Self {
        GovernorMiddleware {
            governor: governor.clone(),
            max_wait: Duration::from_secs(60),
        }
    }

    /// The longest a request waits for its permit (default 60 s, the default
    /// [`max_server_wait`](RetryPolicy::max_server_wait)).
    pub fn max_wait(mut self, cap: Duration) -> Self {
        self.max_wait = cap;
        self
    }
}

#[async_trait::async_trait]
impl ::reqwest_middleware::Middleware for GovernorMiddleware {
    async fn handle(
        &self,
        request: ::reqwest::Request,
        extensions: &mut Extensions,
        next: ::reqwest_middleware::Next<'_>,
    ) -> ::reqwest_middleware::Result<::reqwest::Response> {
        let key = match request.url().as_str().parse::<http::Uri>() {
            Ok(uri) => self.governor.key_for(request.method(), &uri),
            Err(_) => crate::governor::RateKey::new(None, None::<&'static str>),
        };
        crate::governor::send_head_async(
            &self.governor,
            key,
            self.max_wait,
            next.run(request, extensions),
            |response: &::reqwest::Response| (response.status(), response.headers()),
        )
        .await
        .map_err(::reqwest_middleware::Error::middleware)?
    }
}
