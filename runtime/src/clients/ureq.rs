//! ureq 3 (feature `ureq`).
//!
//! Supported version: ureq 3 (3.1 or later); the traits are implemented for ureq 3's types only.
//!
//! ureq turns 4xx and 5xx responses into `Err(ureq::Error::StatusCode(..))` by default and
//! drops them — a `#[on(409)]` variant would never see its body. Two ways around it:
//!
//! - [`RequestBuilderExt::handle`] sends the request with `http_status_as_error(false)` set for
//!   that request, so every response reaches your type (and records the method and final URI);
//! - or configure your agent once with
//!   `ureq::Agent::config_builder().http_status_as_error(false)` and use
//!   [`ResponseExt::handle`] on the responses it returns.
//!
//! ```no_run
//! use response_handler::ureq::RequestBuilderExt;
//! use response_handler::{ResponseHandler, StatusCode};
//!
//! #[derive(Debug, ResponseHandler)]
//! enum Fetch {
//!     #[on_success]
//!     Ok(String),
//!     #[on(409)]
//!     Conflict(String),
//!     #[on_failure]
//!     Failed(StatusCode),
//! }
//!
//! let outcome = ureq::get("http://127.0.0.1:8080/").handle::<Fetch>()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ureq follows up to 10 redirects by default: a `#[on(301)]` variant only fires with
//! `max_redirects(0)` on the agent or the request.

use ::ureq::typestate::WithoutBody;

use crate::call::{CallError, CallOptions, DEFAULT_BODY_LIMIT, RetryMode};
use crate::context::RequestContext;
use crate::error::Error;
use crate::governor::Pacing;
use crate::pages::NextPage;
use crate::read::blocking::{Framing, read_blocking_as};
use crate::refresh::BlockingRefresh;
use crate::response::BufferedResponse;
use crate::response::body_need::{BodyNeed, NeedOf};
use crate::response_handler::ResponseHandler;
use crate::retry::driver::copy_request;

use crate::clients::blocking::{ReadResponse, SendRequest};
pub use crate::clients::blocking::{RequestBuilderExt, ResponseExt};

/// The `http::Response<ureq::Body>` that ureq returns. Configure the agent with
/// `http_status_as_error(false)`, or ureq keeps 4xx/5xx responses from you.
impl ResponseExt for http::Response<::ureq::Body> {}

impl ReadResponse for http::Response<::ureq::Body> {
    fn read_for<T: ?Sized>(self, need: NeedOf, limit: usize) -> Result<BufferedResponse, Error> {
        let (head, body) = self.into_parts();
        read_blocking_as::<T>(head, body.into_reader(), Framing::Hint, need, limit)
    }
}

/// A ureq request without a body (GET, HEAD, DELETE, ...): sent with
/// `http_status_as_error(false)` so that every status arrives as a response.
impl RequestBuilderExt for ::ureq::RequestBuilder<WithoutBody> {}

impl SendRequest for ::ureq::RequestBuilder<WithoutBody> {
    type SendError = ::ureq::Error;

    fn send_for<T: ?Sized>(
        self,
        need: NeedOf,
        limit: usize,
        pacing: Option<&Pacing>,
    ) -> Result<BufferedResponse, CallError<::ureq::Error>> {
        let method = self.method_ref().cloned();
        let paced = pacing.zip(method.as_ref()).zip(self.uri_ref());
        let paced = paced.map(|((pacing, method), uri)| pacing.request(method, uri));
        crate::governor::send_blocking(paced, || {
            let response = self
                .config()
                .http_status_as_error(false)
                .build()
                .call()
                .map_err(CallError::Send)?;
            Ok(read_sent::<T>(response, method, need, limit)?)
        })
    }
}

/// `handle` for an `http::Request` of any method and body, sent with a ureq [`Agent`]: every
/// status arrives as a response (`http_status_as_error(false)` is set for that request), and the
/// method and final URI are recorded.
///
/// ```no_run
/// use response_handler::ureq::AgentExt;
/// use response_handler::{ResponseHandler, StatusCode};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Save {
///     #[on_success]
///     Saved,
///     #[on(409)]
///     Conflict(String),
///     #[on_failure]
///     Failed(StatusCode),
/// }
///
/// let agent = ureq::Agent::new_with_defaults();
/// let request = http::Request::put("http://127.0.0.1:8080/notes/1").body("new text")?;
/// let outcome = agent.handle_request::<Save>(request)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// [`Agent`]: ::ureq::Agent
pub trait AgentExt<B> {
    /// Sends `request` and turns the response into `T`, with the default [`CallOptions`]: up
    /// to [`DEFAULT_BODY_LIMIT`] bytes of body, one attempt. Errors are
    /// [`CallError<ureq::Error>`](CallError).
    fn handle_request<T: ResponseHandler>(
        &self,
        request: http::Request<B>,
    ) -> Result<T, CallError<::ureq::Error>>;

    /// Sends `request` as `options` say and turns the response into `T`: the body limit, and
    /// under a [`RetryPolicy`](crate::RetryPolicy) ([`CallOptions::retry`]) the request sent
    /// again while the outcome asks for it ([`Retryable`](crate::Retryable)). The body is
    /// cloned for each attempt (`Vec<u8>`, `String`, `&[u8]`, `&str` all are), and so are the
    /// request's extensions, where ureq keeps a request's own configuration.
    ///
    /// Under a policy the result is the last outcome — a retryable one too, when the policy
    /// gave up — or the last error, which keeps the response (or ureq's error when none
    /// arrived).
    ///
    /// Under a [`CredentialRefresh`](crate::refresh::CredentialRefresh)
    /// ([`CallOptions::refresh`], a blocking refresher) each attempt that gets a 401 asking for
    /// a new credential is sent once more with it (see [`refresh`](crate::refresh)).
    ///
    /// ```no_run
    /// use response_handler::ureq::AgentExt;
    /// use response_handler::{CallOptions, ResponseHandler, RetryAfter, RetryPolicy, StatusCode};
    ///
    /// #[derive(Debug, ResponseHandler)]
    /// enum Fetch {
    ///     #[on_success]
    ///     Ok(String),
    ///     #[on(429, 503)]
    ///     #[retry]
    ///     Busy(Option<RetryAfter>),
    ///     #[on_failure]
    ///     Failed(StatusCode),
    /// }
    ///
    /// let agent = ureq::Agent::new_with_defaults();
    /// let options = CallOptions::new().body_limit(64 * 1024).retry(RetryPolicy::default());
    /// let request = http::Request::get("http://127.0.0.1:8080/").body(())?;
    /// let outcome = agent.handle_request_using::<Fetch>(request, &options)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn handle_request_using<T: ResponseHandler>(
        &self,
        request: http::Request<B>,
        options: &CallOptions<impl RetryMode<T>, impl BlockingRefresh>,
    ) -> Result<T, CallError<::ureq::Error>>
    where
        B: Clone;

    /// Sends `request` and the requests of the pages after it, as `options` say, and yields
    /// each page as a `T`: pagination ([`NextPage`]). Each page is one
    /// [`handle_request_using`](Self::handle_request_using) call; the next one is what the
    /// page's outcome names (its `Link`'s `rel="next"`, a cursor), a copy of `request` without
    /// its credentials at another origin. The sequence ends after a page that names no next
    /// one, after a page that is not a 2xx outcome (yielded first), at
    /// [`max_pages`](CallOptions::max_pages), and at a URL already visited.
    ///
    /// ```no_run
    /// use response_handler::headers::Link;
    /// use response_handler::ureq::AgentExt;
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
    /// let agent = ureq::Agent::new_with_defaults();
    /// let request = http::Request::get("http://127.0.0.1:8080/issues").body(())?;
    /// for page in agent.handle_pages::<Issues>(request, &CallOptions::new().max_pages(10)) {
    ///     println!("{:?}", page?);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn handle_pages<'o, T: ResponseHandler + NextPage + 'o>(
        &'o self,
        request: http::Request<B>,
        options: &'o CallOptions<impl RetryMode<T>, impl BlockingRefresh>,
    ) -> impl Iterator<Item = Result<T, CallError<::ureq::Error>>> + 'o
    where
        B: Clone + 'o;

    /// Sends `request` and reads the response, up to `limit` bytes of body, without handling it.
    fn send_request(
        &self,
        request: http::Request<B>,
        limit: usize,
    ) -> Result<BufferedResponse, CallError<::ureq::Error>>;
}

impl<B: ::ureq::AsSendBody> AgentExt<B> for ::ureq::Agent {
    fn handle_request<T: ResponseHandler>(
        &self,
        request: http::Request<B>,
    ) -> Result<T, CallError<::ureq::Error>> {
        let response = send::<T, B>(
            self,
            request,
            super::blocking_need::<T>(),
            DEFAULT_BODY_LIMIT,
        )?;
        Ok(T::from_buffered(response)?)
    }

    fn handle_request_using<T: ResponseHandler>(
        &self,
        request: http::Request<B>,
        options: &CallOptions<impl RetryMode<T>, impl BlockingRefresh>,
    ) -> Result<T, CallError<::ureq::Error>>
    where
        B: Clone,
    {
        let limit = options.limit();
        let pacing = options.pacing();
        let send = paced_send::<T, B>(self, pacing.as_ref(), limit);
        let refresh = options.refresher();
        options.mode().__drive_blocking(
            request,
            |request| (request.method(), request.headers()),
            copy_request,
            |request| {
                refresh.__attempt_blocking::<T, _, _>(
                    request,
                    copy_request,
                    http::Request::headers_mut,
                    &send,
                )
            },
        )
    }

    fn handle_pages<'o, T: ResponseHandler + NextPage + 'o>(
        &'o self,
        request: http::Request<B>,
        options: &'o CallOptions<impl RetryMode<T>, impl BlockingRefresh>,
    ) -> impl Iterator<Item = Result<T, CallError<::ureq::Error>>> + 'o
    where
        B: Clone + 'o,
    {
        let pacing = options.pacing();
        crate::pages::drive::blocking(options, Ok(request), move |request, limit| {
            paced_send::<T, B>(self, pacing.as_ref(), limit)(request)
        })
    }

    fn send_request(
        &self,
        request: http::Request<B>,
        limit: usize,
    ) -> Result<BufferedResponse, CallError<::ureq::Error>> {
        send::<BufferedResponse, B>(self, request, BodyNeed::buffered, limit)
    }
}

/// One send of an `http::Request` for a `T`, once `pacing`'s governor (if any) allows it.
fn paced_send<'a, T: ResponseHandler, B: ::ureq::AsSendBody>(
    agent: &'a ::ureq::Agent,
    pacing: Option<&'a Pacing>,
    limit: usize,
) -> impl Fn(http::Request<B>) -> Result<BufferedResponse, CallError<::ureq::Error>> + 'a {
    move |request| {
        let paced = pacing.map(|pacing| pacing.request(request.method(), request.uri()));
        crate::governor::send_blocking(paced, || {
            send::<T, B>(agent, request, super::blocking_need::<T>(), limit)
        })
    }
}

fn send<T: ?Sized, B: ::ureq::AsSendBody>(
    agent: &::ureq::Agent,
    request: http::Request<B>,
    need: NeedOf,
    limit: usize,
) -> Result<BufferedResponse, CallError<::ureq::Error>> {
    let method = request.method().clone();
    let request = agent
        .configure_request(request)
        .http_status_as_error(false)
        .build();
    let response = agent.run(request).map_err(CallError::Send)?;
    Ok(read_sent::<T>(response, Some(method), need, limit)?)
}

/// Reads the response to a request this module sent, as `need` says, with the method and the
/// final URI (ureq records it on every response it returns) in its `RequestContext`.
fn read_sent<T: ?Sized>(
    response: http::Response<::ureq::Body>,
    method: Option<http::Method>,
    need: NeedOf,
    limit: usize,
) -> Result<BufferedResponse, Error> {
    let uri = ::ureq::ResponseExt::get_uri(&response).clone();
    let (mut head, body) = response.into_parts();
    head.extensions.insert(match method {
        Some(method) => RequestContext::new(method, uri),
        None => RequestContext::from_uri(uri),
    });
    read_blocking_as::<T>(head, body.into_reader(), Framing::Hint, need, limit)
}
