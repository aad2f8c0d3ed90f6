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

use crate::call_error::CallError;
use crate::context::RequestContext;
use crate::error::Error;
use crate::handler::ResponseHandler;
use crate::read::{DEFAULT_BODY_LIMIT, read_blocking};

/// `handle` for the `http::Response<ureq::Body>` that ureq returns.
pub trait ResponseExt: Sized {
    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and turns the response into `T`.
    fn handle<T: ResponseHandler>(self) -> Result<T, Error> {
        self.handle_with_limit(DEFAULT_BODY_LIMIT)
    }

    /// Reads the body up to `limit` bytes and turns the response into `T`.
    fn handle_with_limit<T: ResponseHandler>(self, limit: usize) -> Result<T, Error>;
}

impl ResponseExt for http::Response<::ureq::Body> {
    fn handle_with_limit<T: ResponseHandler>(self, limit: usize) -> Result<T, Error> {
        let (head, body) = self.into_parts();
        read_blocking(head, body.into_reader(), limit)
    }
}

/// `handle` for a ureq request without a body (GET, HEAD, DELETE, ...): sends it so that every
/// status arrives as a response, then handles it.
pub trait RequestBuilderExt: Sized {
    /// Sends the request and turns the response into `T`, reading up to
    /// [`DEFAULT_BODY_LIMIT`] bytes of body.
    fn handle<T: ResponseHandler>(self) -> Result<T, CallError<::ureq::Error>> {
        self.handle_with_limit(DEFAULT_BODY_LIMIT)
    }

    /// Sends the request and turns the response into `T`, reading up to `limit` bytes of body.
    fn handle_with_limit<T: ResponseHandler>(
        self,
        limit: usize,
    ) -> Result<T, CallError<::ureq::Error>>;
}

impl RequestBuilderExt for ::ureq::RequestBuilder<WithoutBody> {
    fn handle_with_limit<T: ResponseHandler>(
        self,
        limit: usize,
    ) -> Result<T, CallError<::ureq::Error>> {
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
        Ok(read_blocking(head, body.into_reader(), limit)?)
    }
}
