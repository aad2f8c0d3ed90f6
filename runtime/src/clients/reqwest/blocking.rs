//! reqwest's blocking client (feature `reqwest-blocking`).
//!
//! Supported version: reqwest 0.13's `reqwest::blocking` client; the traits are implemented for its
//! types only.
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

use crate::call::CallError;
use crate::context::RequestContext;
use crate::error::Error;
use crate::governor::Pacing;
use crate::read::blocking::{Framing, read_blocking_as};
use crate::response::BufferedResponse;
use crate::response::body_need::NeedOf;

use crate::clients::blocking::{ReadResponse, Resend, SendRequest};
pub use crate::clients::blocking::{RequestBuilderExt, ResponseExt};

impl ResponseExt for ::reqwest::blocking::Response {}

impl ReadResponse for ::reqwest::blocking::Response {
    fn read_for<T: ?Sized>(self, need: NeedOf, limit: usize) -> Result<BufferedResponse, Error> {
        read::<T>(self, None, need, limit)
    }
}

impl RequestBuilderExt for ::reqwest::blocking::RequestBuilder {}

impl SendRequest for ::reqwest::blocking::RequestBuilder {
    type SendError = ::reqwest::Error;

    fn send_for<T: ?Sized>(
        self,
        need: NeedOf,
        limit: usize,
        pacing: Option<&Pacing>,
    ) -> Result<BufferedResponse, CallError<::reqwest::Error>> {
        let (client, request) = self.build_split();
        let request = request.map_err(CallError::Send)?;
        Self::send_built::<T>((client, request), need, limit, pacing)
    }
}

// Copied with `try_clone`: a body built from bytes or a string is sent again; a streamed body
// (`Body::new(reader)`) cannot be copied, and such a request is sent once.
impl Resend for ::reqwest::blocking::RequestBuilder {
    type Built = (::reqwest::blocking::Client, ::reqwest::blocking::Request);

    fn build_for_retry(self) -> Result<Self::Built, CallError<::reqwest::Error>> {
        let (client, request) = self.build_split();
        Ok((client, request.map_err(CallError::Send)?))
    }

    fn method_and_headers((_, request): &Self::Built) -> (&http::Method, &http::HeaderMap) {
        (request.method(), request.headers())
    }

    fn try_clone((client, request): &Self::Built) -> Option<Self::Built> {
        Some((client.clone(), request.try_clone()?))
    }

    fn headers_mut((_, request): &mut Self::Built) -> &mut http::HeaderMap {
        request.headers_mut()
    }

    fn send_built<T: ?Sized>(
        (client, request): Self::Built,
        need: NeedOf,
        limit: usize,
        pacing: Option<&Pacing>,
    ) -> Result<BufferedResponse, CallError<::reqwest::Error>> {
        let method = request.method().clone();
        let paced = pacing.map(|pacing| pacing.request_to_url(&method, request.url().as_str()));
        crate::governor::send_blocking(paced, || {
            let response = client.execute(request).map_err(CallError::Send)?;
            Ok(read::<T>(response, Some(method), need, limit)?)
        })
    }
}

fn read<T: ?Sized>(
    mut response: ::reqwest::blocking::Response,
    method: Option<http::Method>,
    need: NeedOf,
    limit: usize,
) -> Result<BufferedResponse, Error> {
    let (mut head, ()) = http::Response::new(()).into_parts();
    head.status = response.status();
    head.version = response.version();
    head.headers = core::mem::take(response.headers_mut());
    head.extensions
        .insert(RequestContext::from_url(method, response.url().as_str()));
    read_blocking_as::<T>(head, response, Framing::ByLength, need, limit)
}
