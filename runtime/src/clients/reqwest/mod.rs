//! reqwest, async (feature `reqwest`; `reqwest-blocking` adds [`blocking`]).
//!
//! Two ways in, both reading the body up to a limit ([`DEFAULT_BODY_LIMIT`] unless told):
//!
//! ```no_run
//! use response_handler::reqwest::{RequestBuilderExt, ResponseExt};
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
//! let client = reqwest::Client::new();
//! // Send and handle in one call: records the method and the final URL.
//! let outcome = client.get("http://127.0.0.1:8080/").handle::<Fetch>().await?;
//! // Or handle a response you already have: records the final URL.
//! let response = client.get("http://127.0.0.1:8080/").send().await?;
//! let outcome = response.handle_with_limit::<Fetch>(64 * 1024).await?;
//! # Ok(()) }
//! ```
//!
//! reqwest follows up to 10 redirects by default, so a `#[on(301)]` variant only fires with a
//! client built with `redirect(reqwest::redirect::Policy::none())`. 4xx and 5xx responses
//! arrive as responses (reqwest never turns them into errors unless you call
//! `error_for_status`).

#[cfg(feature = "reqwest-blocking")]
pub mod blocking;

use core::future::Future;

use crate::call::CallError;
use crate::call::DEFAULT_BODY_LIMIT;
use crate::context::RequestContext;
use crate::error::Error;
use crate::handler::Handler;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;
use crate::retry::{RetryPolicy, Retryable, retry_async};

/// `handle` for a `reqwest::Response`.
pub trait ResponseExt: Sized {
    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and turns the response into `T`.
    fn handle<T: ResponseHandler>(self) -> impl Future<Output = Result<T, Error>> + Send {
        self.handle_with_limit(DEFAULT_BODY_LIMIT)
    }

    /// Reads the body up to `limit` bytes and turns the response into `T`.
    fn handle_with_limit<T: ResponseHandler>(
        self,
        limit: usize,
    ) -> impl Future<Output = Result<T, Error>> + Send;

    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and hands the response to a [`Handler`];
    /// a failed read goes to its [`on_error`](Handler::on_error).
    fn handle_with<H: Handler + Send>(
        self,
        handler: &mut H,
    ) -> impl Future<Output = H::Output> + Send;

    /// Reads the body up to `limit` bytes, without handling the response.
    fn buffer(self, limit: usize) -> impl Future<Output = Result<BufferedResponse, Error>> + Send;
}

impl ResponseExt for ::reqwest::Response {
    fn handle_with_limit<T: ResponseHandler>(
        self,
        limit: usize,
    ) -> impl Future<Output = Result<T, Error>> + Send {
        crate::clients::body::handle_with_limit(into_http(self, None), limit)
    }

    fn handle_with<H: Handler + Send>(
        self,
        handler: &mut H,
    ) -> impl Future<Output = H::Output> + Send {
        crate::clients::body::handle_with(into_http(self, None), handler)
    }

    fn buffer(self, limit: usize) -> impl Future<Output = Result<BufferedResponse, Error>> + Send {
        crate::clients::body::buffer(into_http(self, None), limit)
    }
}

/// The response as an `http::Response`, with what is known of the request in its extensions.
pub(crate) fn into_http(
    response: ::reqwest::Response,
    method: Option<http::Method>,
) -> http::Response<::reqwest::Body> {
    let context = RequestContext {
        method,
        uri: uri_of(response.url()),
    };
    let mut response = http::Response::<::reqwest::Body>::from(response);
    response.extensions_mut().insert(context);
    response
}

/// `handle` for a `reqwest::RequestBuilder`: sends the request, then handles the response.
pub trait RequestBuilderExt: Sized {
    /// Sends the request and turns the response into `T`, reading up to
    /// [`DEFAULT_BODY_LIMIT`] bytes of body.
    fn handle<T: ResponseHandler>(
        self,
    ) -> impl Future<Output = Result<T, CallError<::reqwest::Error>>> + Send {
        self.handle_with_limit(DEFAULT_BODY_LIMIT)
    }

    /// Sends the request and turns the response into `T`, reading up to `limit` bytes of body.
    fn handle_with_limit<T: ResponseHandler>(
        self,
        limit: usize,
    ) -> impl Future<Output = Result<T, CallError<::reqwest::Error>>> + Send;

    /// Sends the request, and sends it again as `policy` says while the outcome asks for it
    /// ([`Retryable`]): waits as the server said (`Retry-After`, a rate-limit reset) or as the
    /// policy's backoff says, with the policy's async sleeper (`tokio::time::sleep` unless
    /// replaced). Reads up to [`DEFAULT_BODY_LIMIT`] bytes of body each time.
    ///
    /// The request is copied with `try_clone` before each attempt; a streamed body cannot be
    /// copied, and such a request is sent once. The result is the last outcome — a retryable
    /// one too, when the policy gave up — or the last error, which keeps the response (or
    /// reqwest's error when none arrived).
    fn handle_retrying<T: ResponseHandler + Retryable + Send>(
        self,
        policy: &RetryPolicy,
    ) -> impl Future<Output = Result<T, CallError<::reqwest::Error>>> + Send;
}

impl RequestBuilderExt for ::reqwest::RequestBuilder {
    async fn handle_with_limit<T: ResponseHandler>(
        self,
        limit: usize,
    ) -> Result<T, CallError<::reqwest::Error>> {
        let (client, request) = self.build_split();
        let request = request.map_err(CallError::Send)?;
        let method = request.method().clone();
        let response = client.execute(request).await.map_err(CallError::Send)?;
        Ok(T::from_buffered(
            read_for::<T>(response, method, limit).await?,
        )?)
    }

    async fn handle_retrying<T: ResponseHandler + Retryable + Send>(
        self,
        policy: &RetryPolicy,
    ) -> Result<T, CallError<::reqwest::Error>> {
        let (client, request) = self.build_split();
        let request = request.map_err(CallError::Send)?;
        let run = policy.start(request.method(), request.headers());
        retry_async(
            policy,
            run,
            request,
            ::reqwest::Request::try_clone,
            |request| {
                let client = client.clone();
                async move {
                    let method = request.method().clone();
                    let response = client.execute(request).await.map_err(CallError::Send)?;
                    read_for::<T>(response, method, DEFAULT_BODY_LIMIT)
                        .await
                        .map_err(CallError::Response)
                }
            },
        )
        .await
    }
}

/// reqwest's `Url` as an `http::Uri` (every URL reqwest sends to is one).
/// The response to a request of `method`, recorded ([`into_http`]) and its body read as `T`
/// needs it for its status, up to `limit` bytes in memory: the one read of every request-side
/// call (here and in reqwest-middleware).
pub(crate) async fn read_for<T: ResponseHandler>(
    response: ::reqwest::Response,
    method: http::Method,
    limit: usize,
) -> Result<BufferedResponse, Error> {
    crate::read::async_body::read_as::<T, _>(into_http(response, Some(method)), T::body_need, limit)
        .await
}

pub(crate) fn uri_of(url: &::reqwest::Url) -> Option<http::Uri> {
    http::Uri::try_from(url.as_str()).ok()
}

/// `handle_with_async` for a `reqwest::Response`: an [`AsyncHandler`](crate::AsyncHandler),
/// whose methods may await (a token refresh, a poll) before they answer.
///
/// ```no_run
/// use response_handler::reqwest::AsyncHandlerExt;
/// use response_handler::{Error, ResponseHandler, Success};
///
/// #[derive(ResponseHandler)]
/// #[handler(output = Result<String, Error>, async)]
/// #[on_success(call = ok)]
/// struct Text;
///
/// impl Text {
///     async fn ok(&mut self, response: Success) -> Result<String, Error> {
///         response.extract().map_err(|e| Error::extract::<Self>(e, response))
///     }
/// }
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let response = reqwest::Client::new().get("http://127.0.0.1:8080/").send().await?;
/// let text = response.handle_with_async(&mut Text).await?;
/// # Ok(()) }
/// ```
pub trait AsyncHandlerExt: Sized {
    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and hands the response to `handler`; a
    /// failed read goes to its [`on_error`](crate::AsyncHandler::on_error).
    fn handle_with_async<H: crate::AsyncHandler>(
        self,
        handler: &mut H,
    ) -> impl Future<Output = H::Output> + Send;
}

impl AsyncHandlerExt for ::reqwest::Response {
    fn handle_with_async<H: crate::AsyncHandler>(
        self,
        handler: &mut H,
    ) -> impl Future<Output = H::Output> + Send {
        crate::clients::body::handle_with_async(into_http(self, None), handler)
    }
}
