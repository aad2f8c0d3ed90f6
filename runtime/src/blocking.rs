//! The extension traits shared by the blocking clients (ureq, reqwest's blocking client): each
//! client implements the one way it reads a response; every `handle` form is written once here.

use crate::call_error::CallError;
use crate::error::Error;
use crate::handler::Handler;
use crate::read::DEFAULT_BODY_LIMIT;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

/// `handle` for a blocking client's response.
pub trait ResponseExt: Sized {
    /// Reads the body up to `limit` bytes for a `T` (named in the errors). Implemented per
    /// client; the other methods are built on it.
    #[doc(hidden)]
    fn read_for<T: ?Sized>(self, limit: usize) -> Result<BufferedResponse, Error>;

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

/// `handle` for a blocking client's request: sends it, then handles the response.
pub trait RequestBuilderExt: Sized {
    /// The client's error for a request that got no response.
    type SendError;

    /// Sends the request and reads the body up to `limit` bytes for a `T`. Implemented per
    /// client.
    #[doc(hidden)]
    fn send_for<T: ?Sized>(
        self,
        limit: usize,
    ) -> Result<BufferedResponse, CallError<Self::SendError>>;

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
