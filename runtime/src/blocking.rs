//! The extension traits shared by the blocking clients (ureq, reqwest's blocking client): each
//! client implements the one way it reads a response ([`ReadResponse`], [`SendRequest`]); every
//! `handle` form is written once here.
//!
//! The public traits are sealed, as axum seals its extension traits: their supertraits live in
//! the private module [`sealed`], so no other crate can implement them, and the per-client
//! methods are no part of the public API.

use crate::body_limit::DEFAULT_BODY_LIMIT;
use crate::call_error::CallError;
use crate::error::Error;
use crate::handler::Handler;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

pub(crate) mod sealed {
    use crate::call_error::CallError;
    use crate::error::Error;
    use crate::response::BufferedResponse;

    /// How a blocking client's response is read: implemented per client.
    pub trait ReadResponse: Sized {
        /// Reads the body up to `limit` bytes for a `T` (named in the errors).
        fn read_for<T: ?Sized>(self, limit: usize) -> Result<BufferedResponse, Error>;
    }

    /// How a blocking client's request is sent and its response read: implemented per client.
    pub trait SendRequest: Sized {
        /// The client's error for a request that got no response.
        type SendError;

        /// Sends the request and reads the body up to `limit` bytes for a `T`.
        fn send_for<T: ?Sized>(
            self,
            limit: usize,
        ) -> Result<BufferedResponse, CallError<Self::SendError>>;
    }
}

pub(crate) use sealed::{ReadResponse, SendRequest};

/// `handle` for a blocking client's response. Sealed: implemented for the clients' response
/// types only.
pub trait ResponseExt: ReadResponse {
    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and turns the response into `T`.
    fn handle<T: ResponseHandler>(self) -> Result<T, Error> {
        self.handle_with_limit(DEFAULT_BODY_LIMIT)
    }

    /// Reads the body up to `limit` bytes and turns the response into `T`.
    fn handle_with_limit<T: ResponseHandler>(self, limit: usize) -> Result<T, Error> {
        self.read_for::<T>(limit).and_then(T::from_buffered)
    }

    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and hands the response to a [`Handler`];
    /// a failed read goes to its [`on_error`](Handler::on_error).
    fn handle_with<H: Handler>(self, handler: &mut H) -> H::Output {
        handler.handle_read(self.read_for::<H>(DEFAULT_BODY_LIMIT))
    }

    /// Reads the body up to `limit` bytes, without handling the response: for a [`Handler`]
    /// with another limit (`handler.handle_read(response.buffer(limit))`).
    fn buffer(self, limit: usize) -> Result<BufferedResponse, Error> {
        self.read_for::<BufferedResponse>(limit)
    }
}

/// `handle` for a blocking client's request: sends it, then handles the response. Sealed:
/// implemented for the clients' request builders only.
pub trait RequestBuilderExt: SendRequest {
    /// Sends the request and turns the response into `T`, reading up to
    /// [`DEFAULT_BODY_LIMIT`] bytes of body.
    fn handle<T: ResponseHandler>(self) -> Result<T, CallError<Self::SendError>> {
        self.handle_with_limit(DEFAULT_BODY_LIMIT)
    }

    /// Sends the request and turns the response into `T`, reading up to `limit` bytes of body.
    fn handle_with_limit<T: ResponseHandler>(
        self,
        limit: usize,
    ) -> Result<T, CallError<Self::SendError>> {
        Ok(T::from_buffered(self.send_for::<T>(limit)?)?)
    }
}
