//! ureq 3 (feature `ureq`).
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

use crate::body_limit::read_blocking_as;
use crate::body_need::{BodyNeed, NeedOf};
use crate::call_error::CallError;
use crate::context::RequestContext;
use crate::error::Error;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

use crate::blocking::{ReadResponse, SendRequest, retry_blocking};
pub use crate::blocking::{RequestBuilderExt, ResponseExt};
use crate::retry::{RetryPolicy, Retryable};

/// The `http::Response<ureq::Body>` that ureq returns. Configure the agent with
/// `http_status_as_error(false)`, or ureq keeps 4xx/5xx responses from you.
impl ResponseExt for http::Response<::ureq::Body> {}

impl ReadResponse for http::Response<::ureq::Body> {
    fn read_for<T: ?Sized>(self, need: NeedOf, limit: usize) -> Result<BufferedResponse, Error> {
        let (head, body) = self.into_parts();
        read_blocking_as::<T>(head, body.into_reader(), need, limit)
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
    ) -> Result<BufferedResponse, CallError<::ureq::Error>> {
        let method = self.method_ref().cloned();
        let response = self
            .config()
            .http_status_as_error(false)
            .build()
            .call()
            .map_err(CallError::Send)?;
        Ok(read_sent::<T>(response, method, need, limit)?)
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
    /// Sends `request` and turns the response into `T`, reading up to [`DEFAULT_BODY_LIMIT`]
    /// bytes of body.
    ///
    /// [`DEFAULT_BODY_LIMIT`]: crate::DEFAULT_BODY_LIMIT
    fn handle_request<T: ResponseHandler>(
        &self,
        request: http::Request<B>,
    ) -> Result<T, CallError<::ureq::Error>>;

    /// Sends `request`, and sends it again as `policy` says while the outcome asks for it
    /// ([`Retryable`]), reading up to [`DEFAULT_BODY_LIMIT`] bytes of body each time. The body
    /// is cloned for each attempt (`Vec<u8>`, `String`, `&[u8]`, `&str` all are); the request's
    /// extensions are not carried over to later attempts.
    ///
    /// The result is the last outcome — a retryable one too, when the policy gave up — or the
    /// last error, which keeps the response (or ureq's error when none arrived).
    ///
    /// ```no_run
    /// use response_handler::retry::{RetryHint, RetryPolicy, Retryable};
    /// use response_handler::ureq::AgentExt;
    /// use response_handler::{ResponseHandler, RetryAfter, StatusCode};
    ///
    /// #[derive(Debug, ResponseHandler)]
    /// enum Fetch {
    ///     #[on_success]
    ///     Ok(String),
    ///     #[on(429, 503)]
    ///     Busy(Option<RetryAfter>),
    ///     #[on_failure]
    ///     Failed(StatusCode),
    /// }
    ///
    /// impl Retryable for Fetch {
    ///     fn retry_hint(&self) -> RetryHint {
    ///         match self {
    ///             Fetch::Busy(retry) => RetryHint::Retry(retry.map(|RetryAfter(wait)| wait)),
    ///             _ => RetryHint::Final,
    ///         }
    ///     }
    ///     fn outcome_name(&self) -> &'static str {
    ///         match self { Fetch::Ok(_) => "Ok", Fetch::Busy(_) => "Busy", Fetch::Failed(_) => "Failed" }
    ///     }
    /// }
    ///
    /// let agent = ureq::Agent::new_with_defaults();
    /// let request = http::Request::get("http://127.0.0.1:8080/").body(())?;
    /// let outcome = agent.handle_request_retrying::<Fetch>(request, &RetryPolicy::default())?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// [`DEFAULT_BODY_LIMIT`]: crate::DEFAULT_BODY_LIMIT
    fn handle_request_retrying<T: ResponseHandler + Retryable>(
        &self,
        request: http::Request<B>,
        policy: &RetryPolicy,
    ) -> Result<T, CallError<::ureq::Error>>
    where
        B: Clone;

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
        let response = send::<T, B>(self, request, T::body_need, crate::DEFAULT_BODY_LIMIT)?;
        Ok(T::from_buffered(response)?)
    }

    fn handle_request_retrying<T: ResponseHandler + Retryable>(
        &self,
        request: http::Request<B>,
        policy: &RetryPolicy,
    ) -> Result<T, CallError<::ureq::Error>>
    where
        B: Clone,
    {
        let run = policy.start(request.method(), request.headers());
        retry_blocking(run, &policy.sleeper, request, copy_request, |request| {
            send::<T, B>(self, request, T::body_need, crate::DEFAULT_BODY_LIMIT)
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

/// The same request again: method, URI, version, headers and a clone of the body.
fn copy_request<B: Clone>(request: &http::Request<B>) -> Option<http::Request<B>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    Some(copy)
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
    head.extensions.insert(RequestContext {
        method,
        uri: Some(uri),
    });
    read_blocking_as::<T>(head, body.into_reader(), need, limit)
}
