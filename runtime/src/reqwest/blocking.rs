//! reqwest's blocking client (feature `reqwest-blocking`).
//!
//! ```no_run
//! use response_handler::reqwest::blocking::RequestBuilderExt;
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
//! let client = reqwest::blocking::Client::new();
//! let outcome = client.get("http://127.0.0.1:8080/").handle::<Fetch>()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::call_error::CallError;
use crate::context::RequestContext;
use crate::error::Error;
use crate::handler::ResponseHandler;
use crate::read::{DEFAULT_BODY_LIMIT, read_blocking};

use super::uri_of;

/// `handle` for a `reqwest::blocking::Response`.
pub trait ResponseExt: Sized {
    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and turns the response into `T`.
    fn handle<T: ResponseHandler>(self) -> Result<T, Error> {
        self.handle_with_limit(DEFAULT_BODY_LIMIT)
    }

    /// Reads the body up to `limit` bytes and turns the response into `T`.
    fn handle_with_limit<T: ResponseHandler>(self, limit: usize) -> Result<T, Error>;
}

impl ResponseExt for ::reqwest::blocking::Response {
    fn handle_with_limit<T: ResponseHandler>(self, limit: usize) -> Result<T, Error> {
        read(self, None, limit)
    }
}

/// `handle` for a `reqwest::blocking::RequestBuilder`: sends the request, then handles the
/// response.
pub trait RequestBuilderExt: Sized {
    /// Sends the request and turns the response into `T`, reading up to
    /// [`DEFAULT_BODY_LIMIT`] bytes of body.
    fn handle<T: ResponseHandler>(self) -> Result<T, CallError<::reqwest::Error>> {
        self.handle_with_limit(DEFAULT_BODY_LIMIT)
    }

    /// Sends the request and turns the response into `T`, reading up to `limit` bytes of body.
    fn handle_with_limit<T: ResponseHandler>(
        self,
        limit: usize,
    ) -> Result<T, CallError<::reqwest::Error>>;
}

impl RequestBuilderExt for ::reqwest::blocking::RequestBuilder {
    fn handle_with_limit<T: ResponseHandler>(
        self,
        limit: usize,
    ) -> Result<T, CallError<::reqwest::Error>> {
        let (client, request) = self.build_split();
        let request = request.map_err(CallError::Send)?;
        let method = request.method().clone();
        let response = client.execute(request).map_err(CallError::Send)?;
        Ok(read(response, Some(method), limit)?)
    }
}

fn read<T: ResponseHandler>(
    mut response: ::reqwest::blocking::Response,
    method: Option<http::Method>,
    limit: usize,
) -> Result<T, Error> {
    let (mut head, ()) = http::Response::new(()).into_parts();
    head.status = response.status();
    head.version = response.version();
    head.headers = core::mem::take(response.headers_mut());
    head.extensions.insert(RequestContext {
        method,
        uri: uri_of(response.url()),
    });
    read_blocking(head, response, limit)
}
