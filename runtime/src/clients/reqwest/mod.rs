//! reqwest, async (feature `reqwest`; `reqwest-blocking` adds [`blocking`]).
//!
//! Supported version: reqwest 0.13; the traits are implemented for its types only, so a reqwest
//! 0.12 `RequestBuilder` or `Response` has "no method named `handle`".
//!
//! Two ways in, both reading the body up to a limit ([`DEFAULT_BODY_LIMIT`](crate::DEFAULT_BODY_LIMIT) unless told):
//!
//! ```no_run
//! use response_handler::reqwest::{RequestBuilderExt, ResponseExt};
//! use response_handler::{CallOptions, ResponseHandler, StatusCode};
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
//! let options = CallOptions::new().body_limit(64 * 1024);
//! let outcome = response.handle_using::<Fetch>(&options).await?;
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
use core::ops::ControlFlow;

use futures_core::Stream;

use crate::call::future::Call;
use crate::call::{CallError, CallOptions, RetryMode};
use crate::context::RequestContext;
use crate::error::Error;
use crate::governor::Pacing;
use crate::handler::Handler;
use crate::pages::NextPage;
use crate::read::LimitedBody;
use crate::refresh::AsyncRefresh;
use crate::response::BufferedResponse;
use crate::response::body_need::BodyNeed;
use crate::response_handler::ResponseHandler;

mod sealed {
    /// The reqwest types the extension traits are implemented for; no other crate can add one.
    pub trait Sealed {}
    impl Sealed for ::reqwest::Response {}
    impl Sealed for ::reqwest::RequestBuilder {}
}

/// `handle` for a `reqwest::Response`. Sealed. Errors are this crate's [`Error`], which keeps
/// the response.
pub trait ResponseExt: sealed::Sealed + Sized {
    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`](crate::DEFAULT_BODY_LIMIT)) and turns the response into `T`.
    fn handle<T: ResponseHandler>(self) -> impl Future<Output = Result<T, Error>> + Send {
        self.handle_using(crate::call::DEFAULTS)
    }

    /// Reads the body as `options` say (its [`body_limit`](CallOptions::body_limit)) and turns
    /// the response into `T`. A response is already sent: there is nothing to retry.
    fn handle_using<T: ResponseHandler>(
        self,
        options: &CallOptions,
    ) -> impl Future<Output = Result<T, Error>> + Send;

    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`](crate::DEFAULT_BODY_LIMIT)) and hands the response to a [`Handler`];
    /// a failed read goes to its [`on_error`](Handler::on_error).
    fn handle_with<H: Handler + Send>(
        self,
        handler: &mut H,
    ) -> impl Future<Output = H::Output> + Send;

    /// Reads the body up to `limit` bytes, without handling the response.
    fn buffer(self, limit: usize) -> impl Future<Output = Result<BufferedResponse, Error>> + Send;
}

impl ResponseExt for ::reqwest::Response {
    fn handle_using<T: ResponseHandler>(
        self,
        options: &CallOptions,
    ) -> impl Future<Output = Result<T, Error>> + Send {
        let limit = options.limit();
        async move {
            read_for::<T>(self, None, limit)
                .await
                .and_then(T::from_buffered)
        }
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
/// Inlined: out of line, the response was copied in and the result copied out.
#[inline]
pub(crate) fn into_http(
    response: ::reqwest::Response,
    method: Option<http::Method>,
) -> http::Response<::reqwest::Body> {
    let context = RequestContext::from_url(method, response.url().as_str());
    let mut response = http::Response::<::reqwest::Body>::from(response);
    response.extensions_mut().insert(context);
    response
}

/// `handle` for a `reqwest::RequestBuilder`: sends the request, then handles the response.
/// Sealed. Errors are [`CallError<reqwest::Error>`](CallError): reqwest's error for a request
/// that got no response, this crate's [`Error`] (which keeps the response) otherwise.
pub trait RequestBuilderExt: sealed::Sealed + Sized {
    /// Sends the request and turns the response into `T`, with the default [`CallOptions`]:
    /// up to [`DEFAULT_BODY_LIMIT`](crate::DEFAULT_BODY_LIMIT) bytes of body, one attempt.
    fn handle<T: ResponseHandler>(
        self,
    ) -> impl Future<Output = Result<T, CallError<::reqwest::Error>>> + Send {
        self.handle_using(crate::call::DEFAULTS)
    }

    /// Sends the request as `options` say and turns the response into `T`: the body limit,
    /// and under a [`RetryPolicy`](crate::RetryPolicy) ([`CallOptions::retry`]) the request
    /// sent again while the outcome asks for it ([`Retryable`](crate::Retryable)), waiting as
    /// the server said (`Retry-After`, a rate-limit reset) or as the policy's backoff says, with
    /// the policy's async sleeper (`tokio::time::sleep` unless replaced).
    ///
    /// The request is copied with `try_clone` before each attempt; a streamed body cannot be
    /// copied, and such a request is sent once. Under a policy the result is the last outcome —
    /// a retryable one too, when the policy gave up — or the last error, which keeps the
    /// response (or reqwest's error when none arrived).
    ///
    /// Under a [`CredentialRefresh`](crate::refresh::CredentialRefresh)
    /// ([`CallOptions::refresh`], an async refresher) each attempt that gets a 401 asking for a
    /// new credential is sent once more with it (see [`refresh`](crate::refresh)).
    fn handle_using<T: ResponseHandler>(
        self,
        options: &CallOptions<impl RetryMode<T> + Sync, impl AsyncRefresh>,
    ) -> impl Future<Output = Result<T, CallError<::reqwest::Error>>> + Send;

    /// Sends the request and the requests of the pages after it, as `options` say, and yields
    /// each page as a `T`, as a `Stream`: pagination ([`NextPage`]). Each page is one
    /// [`handle_using`](Self::handle_using) call; the next one is what the page's outcome names
    /// (its `Link`'s `rel="next"`, a cursor), a copy of this request — without its credentials
    /// (`Authorization`, `Cookie`, `Proxy-Authorization`) at another origin than this one's,
    /// without its conditional headers after the first page. The sequence ends after a page that
    /// names no next one, after a page that is not a 2xx outcome (an error, a 404, a 304: it is
    /// yielded first), at [`max_pages`](CallOptions::max_pages), and at a URL already visited.
    ///
    /// The stream is `Unpin`: `futures::StreamExt::next` reads it as it is.
    ///
    /// ```no_run
    /// use futures_core::Stream;
    /// use response_handler::headers::Link;
    /// use response_handler::reqwest::RequestBuilderExt;
    /// use response_handler::{CallOptions, ResponseHandler, StatusCode};
    ///
    /// #[derive(Debug, ResponseHandler)]
    /// enum Issues {
    ///     #[on_success]
    ///     Page(Option<Link>, String),
    ///     #[on_failure]
    ///     Failed(StatusCode),
    /// }
    ///
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = reqwest::Client::new();
    /// let options = CallOptions::new().max_pages(10);
    /// let mut pages = client.get("http://127.0.0.1:8080/issues").handle_pages::<Issues>(&options);
    /// while let Some(page) = std::future::poll_fn(|cx| std::pin::Pin::new(&mut pages).poll_next(cx)).await {
    ///     println!("{:?}", page?);
    /// }
    /// # Ok(()) }
    /// ```
    fn handle_pages<'o, T: ResponseHandler + NextPage + Send + 'o>(
        self,
        options: &'o CallOptions<impl RetryMode<T> + Sync, impl AsyncRefresh>,
    ) -> impl Stream<Item = Result<T, CallError<::reqwest::Error>>> + Send + Unpin + 'o;
}

impl RequestBuilderExt for ::reqwest::RequestBuilder {
    fn handle_pages<'o, T: ResponseHandler + NextPage + Send + 'o>(
        self,
        options: &'o CallOptions<impl RetryMode<T> + Sync, impl AsyncRefresh>,
    ) -> impl Stream<Item = Result<T, CallError<::reqwest::Error>>> + Send + Unpin + 'o {
        let (client, request) = self.build_split();
        let pacing = options.pacing();
        crate::pages::drive::stream(
            options,
            request.map_err(CallError::Send),
            move |request: ::reqwest::Request, limit| {
                paced_send::<T>(client.clone(), pacing.as_ref(), request, limit)
            },
        )
    }

    fn handle_using<T: ResponseHandler>(
        self,
        options: &CallOptions<impl RetryMode<T> + Sync, impl AsyncRefresh>,
    ) -> impl Future<Output = Result<T, CallError<::reqwest::Error>>> + Send {
        let (client, request) = self.build_split();
        let limit = options.limit();
        let pacing = options.pacing();
        let send = move |request: ::reqwest::Request| {
            paced_send::<T>(client.clone(), pacing.as_ref(), request, limit)
        };
        let refresh = options.refresher();
        Call::new(request, |request| {
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
}

/// One send of `request` for a `T` through `client`, once `pacing`'s governor (if any) allows
/// it, its body read up to `limit` bytes: the send of every call and of every page.
fn paced_send<T: ResponseHandler>(
    client: ::reqwest::Client,
    pacing: Option<&Pacing>,
    request: ::reqwest::Request,
    limit: usize,
) -> impl Future<Output = Result<BufferedResponse, CallError<::reqwest::Error>>> + Send + use<T> {
    let method = request.method().clone();
    let paced = pacing.map(|pacing| pacing.request_to_url(&method, request.url().as_str()));
    async move {
        let permit = crate::governor::permit_async(paced.as_ref()).await?;
        let result = match client.execute(request).await {
            Ok(response) => read_for::<T>(response, Some(method), limit)
                .await
                .map_err(CallError::from),
            Err(error) => Err(CallError::Send(error)),
        };
        crate::governor::complete(permit, &result);
        result
    }
}

/// The response to a request of `method` (when known), recorded as [`into_http`] records it,
/// and its body read as `T` needs it for its status, up to `limit` bytes in memory: the one
/// read of every reqwest call and response (here and in reqwest-middleware).
pub(crate) async fn read_for<T: ResponseHandler>(
    mut response: ::reqwest::Response,
    method: Option<http::Method>,
    limit: usize,
) -> Result<BufferedResponse, Error> {
    let need = crate::clients::async_need::<T>();
    if need(response.status()) != BodyNeed::Buffered {
        // Drained or handed over live: as any `http_body::Body`.
        return crate::read::async_body::read_as::<T, _>(into_http(response, method), need, limit)
            .await;
    }
    // Read where it is, with `chunk`: converting the response into an `http::Response` boxes
    // reqwest's body once more (`Body::wrap`), an allocation and two layers per frame.
    let mut collected = LimitedBody::expecting(limit, response.content_length());
    let failure = loop {
        if let ControlFlow::Break(failure) = collected.take(response.chunk().await.transpose()) {
            break failure;
        }
    };
    collected.finish::<T>(head_of(response, method), failure)
}

/// The head of a response whose body was read, with what is known of the request in its
/// extensions (as [`into_http`] records it), taken out of it without converting it into an
/// `http::Response` (which would box its body once more).
fn head_of(
    mut response: ::reqwest::Response,
    method: Option<http::Method>,
) -> http::response::Parts {
    let context = RequestContext::from_url(method, response.url().as_str());
    let (mut head, ()) = http::Response::new(()).into_parts();
    head.status = response.status();
    head.version = response.version();
    // Swapped rather than taken: the empty map left behind is the one `head` was made with,
    // not one more made and dropped.
    core::mem::swap(&mut head.headers, response.headers_mut());
    core::mem::swap(&mut head.extensions, response.extensions_mut());
    head.extensions.insert(context);
    head
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
pub trait AsyncHandlerExt: sealed::Sealed + Sized {
    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`](crate::DEFAULT_BODY_LIMIT)) and hands the response to `handler`; a
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
