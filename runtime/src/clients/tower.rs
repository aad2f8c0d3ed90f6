//! tower (feature `tower`): layers that turn a `Service<http::Request<B>>` answering
//! `http::Response<_>` — hyper-util's legacy client, any tower stack — into a service answering
//! the typed outcome `T`.
//!
//! Supported version: tower-service 0.3 and tower-layer 0.3, the `Service` and `Layer` traits that
//! tower 0.4 and 0.5 re-export.
//!
//! - [`HandleLayer<T>`]: sends once, reads the body up to a limit, returns `T`;
//! - [`RetryLayer<T>`] (a `HandleLayer<T, RetryPolicy>`): the same under a [`RetryPolicy`], for
//!   `T: Retryable`, making a [`Retry`] service — the tower form of
//!   `handle_using(&CallOptions::new().retry(policy))`, which every other client offers.
//!
//! Both read the body as their [`CallOptions`] say: `HandleLayer::using(options)`. Options with
//! a [`CredentialRefresh`] ([`CallOptions::refresh`], an async refresher) make a service that
//! sends a request again with a refreshed credential on a 401 that asks for one, once or under
//! a retry policy (see [`refresh`](crate::refresh)); its request body must be `Clone`. With a
//! [`governor`](CallOptions::governor) in the options, each send waits for its permit before
//! it is sent: under a policy or a refresh, before the inner service is called; sending once,
//! the inner service's future is created by `call` and first polled once the permit is taken
//! (hyper-util's client does nothing before its future is polled).
//!
//! `RetryLayer` is a layer rather than a `tower::retry::Policy`: a policy sees the service's
//! response type, and for it to see the status behind a typed outcome that type would have to
//! be a wrapper around `T`. As a layer, the service answers `T` and runs the same retry loop
//! as the other async clients.
//!
//! ```no_run
//! use http_body_util::Full;
//! use hyper_util::client::legacy::Client;
//! use hyper_util::rt::TokioExecutor;
//! use response_handler::retry::{RetryHint, RetryPolicy, Retryable};
//! use response_handler::tower::RetryLayer;
//! use response_handler::{ResponseHandler, StatusCode};
//! use tower_layer::Layer;
//! use tower_service::Service;
//!
//! #[derive(Debug, ResponseHandler)]
//! enum Fetch {
//!     #[on_success]
//!     Ok(String),
//!     #[on(503)]
//!     Busy,
//!     #[on_failure]
//!     Failed(StatusCode),
//! }
//!
//! impl Retryable for Fetch {
//!     fn retry_hint(&self) -> RetryHint {
//!         if matches!(self, Fetch::Busy) { RetryHint::Retry(None) } else { RetryHint::Final }
//!     }
//!     fn outcome_name(&self) -> &'static str { "Fetch" }
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder(TokioExecutor::new()).build_http::<Full<bytes::Bytes>>();
//! let mut service = RetryLayer::<Fetch>::new(RetryPolicy::default()).layer(client);
//! let request = http::Request::get("http://127.0.0.1:8080/").body(Full::default())?;
//! let outcome = service.call(request).await?;
//! # Ok(()) }
//! ```
//!
//! Like every service, call `poll_ready` before `call` (tower's `ServiceExt::ready` or
//! `oneshot`); hyper-util's client is always ready. The request's method and URI are recorded
//! for `T`'s extractors (a `HEAD` answer, a relative `Location`).

use core::fmt;
use core::future::{Future, poll_fn};
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};

use http_body::Body;

use crate::call::{CallError, CallOptions, Once, RetryMode};
use crate::context::RequestContext;
use crate::error::BoxError;
use crate::governor::Pacing;
use crate::pages::NextPage;
use crate::read::async_body::read_as;
use crate::refresh::{AsyncRefresh, CredentialRefresh, NoRefresh};
use crate::response::BufferedResponse;
use crate::response::body_need::NeedOf;
use crate::response_handler::ResponseHandler;
use crate::retry::driver::copy_request;
use crate::retry::{RetryPolicy, Retryable};

/// The future of [`Handle`] and [`Retry`].
pub type ResponseFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, CallError<E>>> + Send>>;

/// Wraps a service in [`Handle`]: its responses become `T`, read and attempted as its
/// [`CallOptions`] say. `HandleLayer<T>` sends once; [`RetryLayer<T>`] (a
/// `HandleLayer<T, RetryPolicy>`) sends again under a policy.
pub struct HandleLayer<T, M = Once, R = NoRefresh> {
    options: CallOptions<M, R>,
    target: PhantomData<fn() -> T>,
}

/// [`HandleLayer`] under a [`RetryPolicy`]: makes a [`Retry`] service.
pub type RetryLayer<T> = HandleLayer<T, RetryPolicy>;

impl<T> HandleLayer<T> {
    /// The default options: up to [`DEFAULT_BODY_LIMIT`](crate::DEFAULT_BODY_LIMIT) bytes of
    /// body, one attempt.
    pub fn new() -> Self {
        HandleLayer::using(CallOptions::new())
    }
}

impl<T> HandleLayer<T, RetryPolicy> {
    /// A layer following `policy`, with the default body limit: the same as
    /// `HandleLayer::using(CallOptions::new().retry(policy))`.
    pub fn new(policy: RetryPolicy) -> Self {
        HandleLayer::using(CallOptions::new().retry(policy))
    }
}

impl<T, M, R> HandleLayer<T, M, R> {
    /// A layer whose services read and attempt as `options` say.
    pub fn using(options: CallOptions<M, R>) -> Self {
        HandleLayer {
            options,
            target: PhantomData,
        }
    }
}

impl<T> Default for HandleLayer<T> {
    fn default() -> Self {
        HandleLayer::using(CallOptions::new())
    }
}

impl<T, M: Clone, R: Clone> Clone for HandleLayer<T, M, R> {
    fn clone(&self) -> Self {
        HandleLayer::using(self.options.clone())
    }
}

impl<T, M: fmt::Debug, R: fmt::Debug> fmt::Debug for HandleLayer<T, M, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HandleLayer")
            .field("options", &self.options)
            .finish()
    }
}

impl<S, T, M: Clone, R: Clone> tower_layer::Layer<S> for HandleLayer<T, M, R> {
    type Service = Handle<S, T, M, R>;

    fn layer(&self, inner: S) -> Self::Service {
        Handle {
            inner,
            options: self.options.clone(),
            target: PhantomData,
        }
    }
}

/// A service answering `T`: sends the request through the inner service, reads the body and
/// handles the response, as its [`CallOptions`] say. Errors: [`CallError::Send`] with the inner
/// service's error, or [`CallError::Response`] with the response kept.
pub struct Handle<S, T, M = Once, R = NoRefresh> {
    inner: S,
    options: CallOptions<M, R>,
    target: PhantomData<fn() -> T>,
}

/// [`Handle`] under a [`RetryPolicy`]: reads up to the options' body limit per attempt, waits
/// with the policy's async sleeper. The request body must be `Clone` (`Full<Bytes>`, `String`,
/// ...); the request's extensions are copied too.
///
/// The result is the last outcome — a retryable one too, when the policy gave up — or the last
/// error, which keeps the response (or the inner service's error when none arrived). The inner
/// service is cloned into each call's future, as tower services usually are.
pub type Retry<S, T> = Handle<S, T, RetryPolicy>;

impl<S: Clone, T, M: Clone, R: Clone> Clone for Handle<S, T, M, R> {
    fn clone(&self) -> Self {
        Handle {
            inner: self.inner.clone(),
            options: self.options.clone(),
            target: PhantomData,
        }
    }
}

impl<S: fmt::Debug, T, M: fmt::Debug, R: fmt::Debug> fmt::Debug for Handle<S, T, M, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("inner", &self.inner)
            .field("options", &self.options)
            .finish()
    }
}

impl<S, T, B, RB> tower_service::Service<http::Request<B>> for Handle<S, T>
where
    S: tower_service::Service<http::Request<B>, Response = http::Response<RB>> + Send + 'static,
    S::Future: Send,
    S::Error: Send,
    T: ResponseHandler + 'static,
    B: Send + 'static,
    RB: Body + Send + 'static,
    RB::Data: Send,
    RB::Error: Into<BoxError>,
{
    type Response = T;
    type Error = CallError<S::Error>;
    type Future = ResponseFuture<T, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(CallError::Send)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        // With a governor, the future owns the options and the request's key source; the inner
        // service's future is created now and polled once the permit is taken.
        let governed = self.options.pacing().map(|_| {
            let target = (request.method().clone(), request.uri().clone());
            (self.options.clone(), target)
        });
        let sent = send(
            &mut self.inner,
            request,
            super::async_need::<T>(),
            self.options.limit(),
        );
        Box::pin(async move {
            let paced = governed
                .as_ref()
                .and_then(|(options, (method, uri))| Some(options.pacing()?.request(method, uri)));
            let permit = crate::governor::permit_async(paced.as_ref()).await?;
            let result = sent.await;
            crate::governor::complete(permit, &result);
            Ok(T::from_buffered(result?)?)
        })
    }
}

impl<S, T, M, R> Handle<S, T, M, R> {
    /// Sends `request` and the requests of the pages after it through the inner service, as
    /// the layer's [`CallOptions`] say, and yields each page as a `T`, as a `Stream`:
    /// pagination ([`NextPage`]), the tower form of the other clients' `handle_pages`. Each page
    /// is one call of this service (under a [`RetryPolicy`], its retry loop); the next request
    /// is what the page's outcome names (its `Link`'s `rel="next"`, a cursor), a copy of
    /// `request` — its body cloned, without its credentials (`Authorization`, `Cookie`,
    /// `Proxy-Authorization`) at another origin than `request`'s, without its conditional
    /// headers after the first page. The sequence ends after a page that names no next one,
    /// after a page that is not a 2xx outcome (yielded first), at
    /// [`max_pages`](CallOptions::max_pages), and at a URL already visited.
    ///
    /// The inner service is cloned for each request and made ready first.
    pub fn handle_pages<B, RB>(
        &self,
        request: http::Request<B>,
    ) -> impl futures_core::Stream<Item = Result<T, CallError<S::Error>>> + Send + Unpin + '_
    where
        S: tower_service::Service<http::Request<B>, Response = http::Response<RB>>
            + Clone
            + Send
            + Sync
            + 'static,
        S::Future: Send,
        S::Error: std::error::Error + Send + 'static,
        T: ResponseHandler + NextPage + Send + 'static,
        M: RetryMode<T> + Sync,
        R: AsyncRefresh,
        B: ResendableBody + Send + 'static,
        RB: Body + Send + 'static,
        RB::Data: Send,
        RB::Error: Into<BoxError>,
    {
        let inner = self.inner.clone();
        let pacing = self.options.pacing();
        crate::pages::drive::stream(
            &self.options,
            Ok(request),
            move |request: http::Request<B>, limit| {
                ready_send(
                    inner.clone(),
                    pacing.as_ref(),
                    request,
                    super::async_need::<T>(),
                    limit,
                )
            },
        )
    }
}

/// A request body [`RetryLayer`] can send again: one that is `Clone` (`Full<Bytes>`, `String`,
/// `Empty<Bytes>`, ...), since every attempt consumes its copy. Implemented for every `Clone`
/// type and for nothing else (sealed); it exists for its compile error, which names the body
/// instead of saying that `Retry` is no `Service`.
#[diagnostic::on_unimplemented(
    message = "the request body `{Self}` cannot be copied to be sent again: `RetryLayer` needs a `Clone` body such as `Full<Bytes>` or `String`",
    label = "a request body that is not `Clone`",
    note = "a body that can be sent only once (a stream) cannot be retried: buffer it first, or use `HandleLayer` without a retry policy"
)]
pub trait ResendableBody: Clone + sealed::Sealed {}

// Not recommended, so that an error stops at `ResendableBody` and shows its message rather
// than going on to `Clone`.
#[diagnostic::do_not_recommend]
impl<B: Clone> ResendableBody for B {}

mod sealed {
    /// Only the blanket implementation of `ResendableBody`.
    pub trait Sealed {}
    impl<B: Clone> Sealed for B {}
}

impl<S, T, B, RB> tower_service::Service<http::Request<B>> for Handle<S, T, RetryPolicy>
where
    S: tower_service::Service<http::Request<B>, Response = http::Response<RB>>
        + Clone
        + Send
        + 'static,
    S::Future: Send,
    S::Error: std::error::Error + Send + 'static,
    T: ResponseHandler + Retryable + Send + 'static,
    B: ResendableBody + Send + 'static,
    RB: Body + Send + 'static,
    RB::Data: Send,
    RB::Error: Into<BoxError>,
{
    type Response = T;
    type Error = CallError<S::Error>;
    type Future = ResponseFuture<T, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(CallError::Send)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        call_resending(self.inner.clone(), self.options.clone(), request)
    }
}

/// [`Handle`] with a [`CredentialRefresh`]: each attempt (one, or each under a
/// [`RetryPolicy`]) that gets a 401 asking for a new credential is sent again with it. The
/// request body must be `Clone`, as for [`Retry`].
impl<S, T, M, K, B, RB> tower_service::Service<http::Request<B>>
    for Handle<S, T, M, CredentialRefresh<K>>
where
    // Any kind, so that a blocking refresher is refused by `AsyncRefresh`'s message rather
    // than by "`Handle` is not a `Service`".
    CredentialRefresh<K>: AsyncRefresh,
    S: tower_service::Service<http::Request<B>, Response = http::Response<RB>>
        + Clone
        + Send
        + 'static,
    S::Future: Send,
    S::Error: std::error::Error + Send + 'static,
    T: ResponseHandler + Send + 'static,
    M: RetryMode<T> + Clone + Send + Sync + 'static,
    B: ResendableBody + Send + 'static,
    RB: Body + Send + 'static,
    RB::Data: Send,
    RB::Error: Into<BoxError>,
{
    type Response = T;
    type Error = CallError<S::Error>;
    type Future = ResponseFuture<T, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(CallError::Send)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        call_resending(self.inner.clone(), self.options.clone(), request)
    }
}

/// The `call` of a [`Handle`] that may send its request more than once (under a
/// [`RetryPolicy`], a [`CredentialRefresh`], or both): the retry mode drives the attempts, each
/// attempt goes through the refresh mode ([`NoRefresh`] sends it as it is), each send is made
/// ready and paced.
fn call_resending<S, T, M, R, B, RB>(
    inner: S,
    options: CallOptions<M, R>,
    request: http::Request<B>,
) -> ResponseFuture<T, S::Error>
where
    S: tower_service::Service<http::Request<B>, Response = http::Response<RB>>
        + Clone
        + Send
        + 'static,
    S::Future: Send,
    S::Error: std::error::Error + Send + 'static,
    T: ResponseHandler + Send + 'static,
    M: RetryMode<T> + Send + Sync + 'static,
    R: AsyncRefresh,
    B: ResendableBody + Send + 'static,
    RB: Body + Send + 'static,
    RB::Data: Send,
    RB::Error: Into<BoxError>,
{
    Box::pin(async move {
        let limit = options.limit();
        let pacing = options.pacing();
        let send = move |request| {
            ready_send(
                inner.clone(),
                pacing.as_ref(),
                request,
                super::async_need::<T>(),
                limit,
            )
        };
        let refresh = options.refresher();
        options
            .mode()
            .__drive_async(
                request,
                |request| (request.method(), request.headers()),
                copy_request,
                move |request| {
                    refresh.clone().__attempt_async::<T, _, _, _, _>(
                        request,
                        copy_request,
                        http::Request::headers_mut,
                        send.clone(),
                    )
                },
            )
            .await
    })
}

/// One send of `request` on `service` (a clone of the inner service, made ready first: the
/// instance `poll_ready` was called on is not the one the future holds), once `pacing`'s
/// governor (if any) allows it: each attempt under a policy, each send under a refresh, each
/// page.
fn ready_send<S, B, RB>(
    mut service: S,
    pacing: Option<&Pacing>,
    request: http::Request<B>,
    need: NeedOf,
    limit: usize,
) -> impl Future<Output = Result<BufferedResponse, CallError<S::Error>>> + Send + use<S, B, RB>
where
    S: tower_service::Service<http::Request<B>, Response = http::Response<RB>> + Send + 'static,
    S::Future: Send,
    S::Error: Send,
    B: Send + 'static,
    RB: Body + Send + 'static,
    RB::Data: Send,
    RB::Error: Into<BoxError>,
{
    let paced = pacing.map(|pacing| pacing.request(request.method(), request.uri()));
    async move {
        let permit = crate::governor::permit_async(paced.as_ref()).await?;
        let result = match poll_fn(|cx| service.poll_ready(cx)).await {
            Ok(()) => send(&mut service, request, need, limit).await,
            Err(error) => Err(CallError::Send(error)),
        };
        crate::governor::complete(permit, &result);
        result
    }
}

fn send<S, B, RB>(
    service: &mut S,
    request: http::Request<B>,
    need: NeedOf,
    limit: usize,
) -> impl Future<Output = Result<BufferedResponse, CallError<S::Error>>> + Send + use<S, B, RB>
where
    S: tower_service::Service<http::Request<B>, Response = http::Response<RB>>,
    S::Future: Send,
    S::Error: Send,
    RB: Body + Send + 'static,
    RB::Data: Send,
    RB::Error: Into<BoxError>,
{
    let context = RequestContext::new(request.method().clone(), request.uri().clone());
    let response = service.call(request);
    async move {
        let mut response = response.await.map_err(CallError::Send)?;
        response.extensions_mut().insert(context);
        Ok(read_as::<BufferedResponse, _>(response, need, limit).await?)
    }
}
