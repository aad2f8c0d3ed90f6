//! The extension traits shared by the blocking clients (ureq, reqwest's blocking client): each
//! client implements the one way it reads a response ([`ReadResponse`], [`SendRequest`]); every
//! `handle` form is written once here.
//!
//! The public traits are sealed, as axum seals its extension traits: their supertraits live in
//! the private module [`sealed`], so no other crate can implement them, and the per-client
//! methods are no part of the public API.

use core::ops::ControlFlow;

use crate::body_need::BodyNeed;
use crate::call::CallError;
use crate::call::DEFAULT_BODY_LIMIT;
use crate::error::Error;
use crate::handler::Handler;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;
use crate::retry::{Attempts, RetryPolicy, RetryRun, Retryable, Sleeper};

pub(crate) mod sealed {
    use crate::body_need::NeedOf;
    use crate::call::CallError;
    use crate::error::Error;
    use crate::response::BufferedResponse;

    /// How a blocking client's response is read: implemented per client.
    pub trait ReadResponse: Sized {
        /// Reads the body as `need` says for the status, into memory up to `limit` bytes, for a
        /// `T` (named in the errors).
        fn read_for<T: ?Sized>(self, need: NeedOf, limit: usize)
        -> Result<BufferedResponse, Error>;
    }

    /// How a blocking client's request is sent and its response read: implemented per client.
    pub trait SendRequest: Sized {
        /// The client's error for a request that got no response.
        type SendError;

        /// Sends the request and reads the body as `need` says, into memory up to `limit`
        /// bytes, for a `T`.
        fn send_for<T: ?Sized>(
            self,
            need: NeedOf,
            limit: usize,
        ) -> Result<BufferedResponse, CallError<Self::SendError>>;
    }

    /// A request that can be copied to be sent again: implemented per client.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot be copied to be sent again",
        label = "`handle_retrying` needs a request it can copy",
        note = "with ureq, build an `http::Request` and call `AgentExt::handle_request_retrying`"
    )]
    pub trait Resend: SendRequest {
        /// The request, built: what is copied and sent.
        type Built;

        /// Builds the request (a builder may hold an error, reported as a send error).
        fn build_for_retry(self) -> Result<Self::Built, CallError<Self::SendError>>;

        /// The method and headers, which decide whether the request may be sent twice.
        fn method_and_headers(built: &Self::Built) -> (&http::Method, &http::HeaderMap);

        /// A copy to send, or `None` when the body is a stream that cannot be copied.
        fn try_clone(built: &Self::Built) -> Option<Self::Built>;

        /// Sends it and reads the body as `need` says, into memory up to `limit` bytes, for a
        /// `T`.
        fn send_built<T: ?Sized>(
            built: Self::Built,
            need: NeedOf,
            limit: usize,
        ) -> Result<BufferedResponse, CallError<Self::SendError>>;
    }
}

pub(crate) use sealed::{ReadResponse, Resend, SendRequest};

/// `handle` for a blocking client's response. Sealed: implemented for the clients' response
/// types only.
pub trait ResponseExt: ReadResponse {
    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and turns the response into `T`.
    fn handle<T: ResponseHandler>(self) -> Result<T, Error> {
        self.handle_with_limit(DEFAULT_BODY_LIMIT)
    }

    /// Reads the body up to `limit` bytes and turns the response into `T`.
    fn handle_with_limit<T: ResponseHandler>(self, limit: usize) -> Result<T, Error> {
        self.read_for::<T>(T::body_need, limit)
            .and_then(T::from_buffered)
    }

    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and hands the response to a [`Handler`];
    /// a failed read goes to its [`on_error`](Handler::on_error).
    fn handle_with<H: Handler>(self, handler: &mut H) -> H::Output {
        handler.handle_read(self.read_for::<H>(BodyNeed::buffered, DEFAULT_BODY_LIMIT))
    }

    /// Reads the body up to `limit` bytes, without handling the response: for a [`Handler`]
    /// with another limit (`handler.handle_read(response.buffer(limit))`).
    fn buffer(self, limit: usize) -> Result<BufferedResponse, Error> {
        self.read_for::<BufferedResponse>(BodyNeed::buffered, limit)
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
        Ok(T::from_buffered(self.send_for::<T>(T::body_need, limit)?)?)
    }

    /// Sends the request, and sends it again as `policy` says while the outcome asks for it
    /// ([`Retryable`]): waits as the server said (`Retry-After`, a rate-limit reset) or as the
    /// policy's backoff says, with the policy's sleeper. Reads up to [`DEFAULT_BODY_LIMIT`]
    /// bytes of body each time.
    ///
    /// The result is the last outcome — a retryable one too, when the policy gave up — or the
    /// last error, which keeps the response (or the client's error when none arrived). A
    /// request whose body cannot be copied (a reader) is sent once.
    fn handle_retrying<T: ResponseHandler + Retryable>(
        self,
        policy: &RetryPolicy,
    ) -> Result<T, CallError<Self::SendError>>
    where
        Self: Resend,
        Self::SendError: std::error::Error + 'static,
    {
        let built = self.build_for_retry()?;
        let (method, headers) = Self::method_and_headers(&built);
        let run = policy.start(method, headers);
        retry_blocking(run, &policy.sleeper, built, Self::try_clone, |built| {
            Self::send_built::<T>(built, T::body_need, DEFAULT_BODY_LIMIT)
        })
    }
}

/// The retry loop of the blocking clients: `send` makes one attempt with a request, `copy` makes
/// the next one before it is sent; the policy's sleeper waits between them. The result is the
/// last outcome, or the last error with what it kept.
pub(crate) fn retry_blocking<T, E, R>(
    run: RetryRun<'_>,
    sleeper: &Sleeper,
    request: R,
    copy: impl Fn(&R) -> Option<R>,
    mut send: impl FnMut(R) -> Result<BufferedResponse, CallError<E>>,
) -> Result<T, CallError<E>>
where
    T: ResponseHandler + Retryable,
    E: std::error::Error + 'static,
{
    let (mut attempts, mut current) = Attempts::new(run, request, copy);
    loop {
        let (delay, request) = match attempts.after(send(current)) {
            ControlFlow::Break(result) => return result,
            ControlFlow::Continue(next) => next,
        };
        sleeper(delay);
        current = request;
    }
}
