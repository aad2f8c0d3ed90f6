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

use crate::body_limit::read_blocking;
use crate::call_error::CallError;
use crate::context::RequestContext;
use crate::error::Error;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

use crate::blocking::{ReadResponse, SendRequest};
pub use crate::blocking::{RequestBuilderExt, ResponseExt};

/// The `http::Response<ureq::Body>` that ureq returns. Configure the agent with
/// `http_status_as_error(false)`, or ureq keeps 4xx/5xx responses from you.
impl ResponseExt for http::Response<::ureq::Body> {}

impl ReadResponse for http::Response<::ureq::Body> {
    fn read_for<T: ?Sized>(self, limit: usize) -> Result<BufferedResponse, Error> {
        let (head, body) = self.into_parts();
        read_blocking::<T>(head, body.into_reader(), limit)
    }
}

/// A ureq request without a body (GET, HEAD, DELETE, ...): sent with
/// `http_status_as_error(false)` so that every status arrives as a response.
impl RequestBuilderExt for ::ureq::RequestBuilder<WithoutBody> {}

impl SendRequest for ::ureq::RequestBuilder<WithoutBody> {
    type SendError = ::ureq::Error;

    fn send_for<T: ?Sized>(
        self,
        limit: usize,
    ) -> Result<BufferedResponse, CallError<::ureq::Error>> {
        let method = self.method_ref().cloned();
        let response = self
            .config()
            .http_status_as_error(false)
            .build()
            .call()
            .map_err(CallError::Send)?;
        // ureq records the final URI on every response it returns.
        let uri = ::ureq::ResponseExt::get_uri(&response).clone();
        let (mut head, body) = response.into_parts();
        head.extensions.insert(RequestContext {
            method,
            uri: Some(uri),
        });
        Ok(read_blocking::<T>(head, body.into_reader(), limit)?)
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
        let response = send::<T, B>(self, request, crate::DEFAULT_BODY_LIMIT)?;
        Ok(T::from_buffered(response)?)
    }

    fn send_request(
        &self,
        request: http::Request<B>,
        limit: usize,
    ) -> Result<BufferedResponse, CallError<::ureq::Error>> {
        send::<BufferedResponse, B>(self, request, limit)
    }
}

fn send<T: ?Sized, B: ::ureq::AsSendBody>(
    agent: &::ureq::Agent,
    request: http::Request<B>,
    limit: usize,
) -> Result<BufferedResponse, CallError<::ureq::Error>> {
    let method = request.method().clone();
    let request = agent
        .configure_request(request)
        .http_status_as_error(false)
        .build();
    let response = agent.run(request).map_err(CallError::Send)?;
    let uri = ::ureq::ResponseExt::get_uri(&response).clone();
    let (mut head, body) = response.into_parts();
    head.extensions.insert(RequestContext::new(method, uri));
    Ok(read_blocking::<T>(head, body.into_reader(), limit)?)
}
