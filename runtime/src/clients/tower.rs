//! tower (feature `tower`): layers that turn a `Service<http::Request<B>>` answering
//! `http::Response<_>` — hyper-util's legacy client, any tower stack — into a service answering
//! the typed outcome `T`.
//!
//! - [`HandleLayer<T>`]: sends once, reads the body up to a limit, returns `T`;
//! - [`RetryLayer<T>`]: the same under a [`RetryPolicy`], for `T: Retryable` — the tower form
//!   of `handle_retrying`, which every other client offers.
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

use crate::body_need::NeedOf;

use crate::call::CallError;
use crate::call::DEFAULT_BODY_LIMIT;
use crate::context::RequestContext;
use crate::error::BoxError;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;
use crate::retry::{RetryPolicy, Retryable, retry_async};

/// The future of [`Handle`] and [`Retrying`].
pub type ResponseFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, CallError<E>>> + Send>>;

/// Wraps a service in [`Handle`]: its responses become `T`.
pub struct HandleLayer<T> {
    limit: usize,
    target: PhantomData<fn() -> T>,
}

impl<T> HandleLayer<T> {
    /// Reads up to [`DEFAULT_BODY_LIMIT`] bytes of body.
    pub fn new() -> Self {
        HandleLayer::with_limit(DEFAULT_BODY_LIMIT)
    }

    /// Reads up to `limit` bytes of body.
    pub fn with_limit(limit: usize) -> Self {
        HandleLayer {
            limit,
            target: PhantomData,
        }
    }
}

impl<T> Default for HandleLayer<T> {
    fn default() -> Self {
        HandleLayer::new()
    }
}

impl<T> Clone for HandleLayer<T> {
    fn clone(&self) -> Self {
        HandleLayer::with_limit(self.limit)
    }
}

impl<T> fmt::Debug for HandleLayer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HandleLayer")
            .field("limit", &self.limit)
            .finish()
    }
}

impl<S, T> tower_layer::Layer<S> for HandleLayer<T> {
    type Service = Handle<S, T>;

    fn layer(&self, inner: S) -> Self::Service {
        Handle {
            inner,
            limit: self.limit,
            target: PhantomData,
        }
    }
}

/// A service answering `T`: sends the request through the inner service once, reads the body
/// and handles the response. Errors: [`CallError::Send`] with the inner service's error, or
/// [`CallError::Response`] with the response kept.
pub struct Handle<S, T> {
    inner: S,
    limit: usize,
    target: PhantomData<fn() -> T>,
}

impl<S: Clone, T> Clone for Handle<S, T> {
    fn clone(&self) -> Self {
        Handle {
            inner: self.inner.clone(),
            limit: self.limit,
            target: PhantomData,
        }
    }
}

impl<S: fmt::Debug, T> fmt::Debug for Handle<S, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("inner", &self.inner)
            .field("limit", &self.limit)
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
        let limit = self.limit;
        let sent = send(&mut self.inner, request, T::body_need, limit);
        Box::pin(async move { Ok(T::from_buffered(sent.await?)?) })
    }
}

/// Wraps a service in [`Retrying`]: its responses become `T`, and a request is sent again as
/// the [`RetryPolicy`] says while the outcome asks for it.
pub struct RetryLayer<T> {
    policy: RetryPolicy,
    target: PhantomData<fn() -> T>,
}

impl<T> RetryLayer<T> {
    /// A layer following `policy`.
    pub fn new(policy: RetryPolicy) -> Self {
        RetryLayer {
            policy,
            target: PhantomData,
        }
    }
}

impl<T> Clone for RetryLayer<T> {
    fn clone(&self) -> Self {
        RetryLayer::new(self.policy.clone())
    }
}

impl<T> fmt::Debug for RetryLayer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryLayer")
            .field("policy", &self.policy)
            .finish()
    }
}

impl<S, T> tower_layer::Layer<S> for RetryLayer<T> {
    type Service = Retrying<S, T>;

    fn layer(&self, inner: S) -> Self::Service {
        Retrying {
            inner,
            policy: self.policy.clone(),
            target: PhantomData,
        }
    }
}

/// A service answering `T` under a [`RetryPolicy`]: reads up to
/// [`DEFAULT_BODY_LIMIT`] bytes of body per attempt, waits with the
/// policy's async sleeper. The request body must be `Clone` (`Full<Bytes>`, `String`, ...); the
/// request's extensions are copied too.
///
/// The result is the last outcome — a retryable one too, when the policy gave up — or the last
/// error, which keeps the response (or the inner service's error when none arrived). The inner
/// service is cloned into each call's future, as tower services usually are.
pub struct Retrying<S, T> {
    inner: S,
    policy: RetryPolicy,
    target: PhantomData<fn() -> T>,
}

impl<S: Clone, T> Clone for Retrying<S, T> {
    fn clone(&self) -> Self {
        Retrying {
            inner: self.inner.clone(),
            policy: self.policy.clone(),
            target: PhantomData,
        }
    }
}

impl<S: fmt::Debug, T> fmt::Debug for Retrying<S, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Retrying")
            .field("inner", &self.inner)
            .field("policy", &self.policy)
            .finish()
    }
}

impl<S, T, B, RB> tower_service::Service<http::Request<B>> for Retrying<S, T>
where
    S: tower_service::Service<http::Request<B>, Response = http::Response<RB>>
        + Clone
        + Send
        + 'static,
    S::Future: Send,
    S::Error: std::error::Error + Send + 'static,
    T: ResponseHandler + Retryable + 'static,
    B: Clone + Send + 'static,
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
        let inner = self.inner.clone();
        let policy = self.policy.clone();
        Box::pin(async move {
            let run = policy.start(request.method(), request.headers());
            retry_async(&policy, run, request, copy_request, move |request| {
                // Each attempt on its own clone, made ready first: the instance `poll_ready`
                // was called on is not the one the future holds.
                let mut service = inner.clone();
                async move {
                    poll_fn(|cx| service.poll_ready(cx))
                        .await
                        .map_err(CallError::Send)?;
                    send(&mut service, request, T::body_need, DEFAULT_BODY_LIMIT).await
                }
            })
            .await
        })
    }
}

/// Calls `service` and returns the future of the response, its body read as `need` says, with
/// the request's method and URI recorded in it.
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
        Ok(crate::read::async_body::read_as::<BufferedResponse, _>(response, need, limit).await?)
    }
}

/// The same request again: method, URI, version, headers, extensions and a clone of the body.
fn copy_request<B: Clone>(request: &http::Request<B>) -> Option<http::Request<B>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    *copy.extensions_mut() = request.extensions().clone();
    Some(copy)
}
