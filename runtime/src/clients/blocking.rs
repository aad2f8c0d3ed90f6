//! The extension traits shared by the blocking clients (ureq, reqwest's blocking client): each
//! client implements the one way it reads a response ([`ReadResponse`], [`SendRequest`], and
//! [`Resend`] under a retry policy); every `handle` form is written once here.
//!
//! The public traits are sealed, as axum seals its extension traits: their supertraits live in
//! the private module [`sealed`], so no other crate can implement them, and the per-client
//! methods are no part of the public API.

use crate::body_need::BodyNeed;
use crate::call::{CallError, CallOptions, DEFAULT_BODY_LIMIT};
use crate::error::Error;
use crate::handler::Handler;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

pub(crate) mod sealed {
    use crate::body_need::NeedOf;
    use crate::call::{CallError, Once, RetryMode};
    use crate::error::Error;
    use crate::governor::Pacing;
    use crate::response::BufferedResponse;
    use crate::response_handler::ResponseHandler;
    use crate::retry::{RetryPolicy, Retryable};

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

        /// Sends the request once `pacing`'s governor allows it, and reads the body as `need`
        /// says, into memory up to `limit` bytes, for a `T`.
        fn send_for<T: ?Sized>(
            self,
            need: NeedOf,
            limit: usize,
            pacing: Option<Pacing<'_>>,
        ) -> Result<BufferedResponse, CallError<Self::SendError>>;
    }

    /// A request the client can copy, to send it again under a [`RetryPolicy`]: implemented
    /// per client, where the client can.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot be copied to be sent again",
        label = "a call under a `RetryPolicy` needs a request it can copy",
        note = "with ureq, build an `http::Request` and call `AgentExt::handle_request_using`"
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

        /// Sends it once `pacing`'s governor allows it, and reads the body as `need` says, into
        /// memory up to `limit` bytes, for a `T`.
        fn send_built<T: ?Sized>(
            built: Self::Built,
            need: NeedOf,
            limit: usize,
            pacing: Option<Pacing<'_>>,
        ) -> Result<BufferedResponse, CallError<Self::SendError>>;
    }

    /// How a blocking request `S` is attempted in a retry mode: once (any request), or under a
    /// [`RetryPolicy`] (a request the client can copy, a [`Retryable`] outcome).
    pub trait BlockingMode<T, S: SendRequest>: RetryMode<T> {
        /// Sends `request` as this mode says and turns the response into `T`.
        fn call(
            &self,
            request: S,
            limit: usize,
            pacing: Option<Pacing<'_>>,
        ) -> Result<T, CallError<S::SendError>>;
    }

    impl<T: ResponseHandler, S: SendRequest> BlockingMode<T, S> for Once {
        #[inline]
        fn call(
            &self,
            request: S,
            limit: usize,
            pacing: Option<Pacing<'_>>,
        ) -> Result<T, CallError<S::SendError>> {
            Ok(T::from_buffered(request.send_for::<T>(
                crate::clients::blocking_need::<T>(),
                limit,
                pacing,
            )?)?)
        }
    }

    impl<T, S> BlockingMode<T, S> for RetryPolicy
    where
        T: ResponseHandler + Retryable,
        S: Resend,
        S::SendError: std::error::Error + 'static,
    {
        fn call(
            &self,
            request: S,
            limit: usize,
            pacing: Option<Pacing<'_>>,
        ) -> Result<T, CallError<S::SendError>> {
            self.__drive_blocking(
                request.build_for_retry()?,
                S::method_and_headers,
                S::try_clone,
                |built| {
                    S::send_built::<T>(built, crate::clients::blocking_need::<T>(), limit, pacing)
                },
            )
        }
    }
}

#[cfg(feature = "reqwest-blocking")]
pub(crate) use sealed::Resend;
pub(crate) use sealed::{BlockingMode, ReadResponse, SendRequest};

/// `handle` for a blocking client's response. Sealed: implemented for the clients' response
/// types only. Errors are this crate's [`Error`], which keeps the response.
pub trait ResponseExt: ReadResponse {
    /// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and turns the response into `T`.
    fn handle<T: ResponseHandler>(self) -> Result<T, Error> {
        self.handle_using(crate::call::DEFAULTS)
    }

    /// Reads the body as `options` say (its [`body_limit`](CallOptions::body_limit)) and turns
    /// the response into `T`. A response is already sent: there is nothing to retry.
    fn handle_using<T: ResponseHandler>(self, options: &CallOptions) -> Result<T, Error> {
        self.read_for::<T>(crate::clients::blocking_need::<T>(), options.limit())
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
/// implemented for the clients' request builders only. Errors are
/// [`CallError<E>`](CallError), where `E` is the client's own error (`ureq::Error`,
/// `reqwest::Error`) for a request that got no response.
pub trait RequestBuilderExt: SendRequest {
    /// Sends the request and turns the response into `T`, with the default
    /// [`CallOptions`]: up to [`DEFAULT_BODY_LIMIT`] bytes of body, one attempt.
    fn handle<T: ResponseHandler>(self) -> Result<T, CallError<Self::SendError>> {
        self.handle_using(crate::call::DEFAULTS)
    }

    /// Sends the request as `options` say and turns the response into `T`: the body limit, and
    /// under a [`RetryPolicy`](crate::RetryPolicy) ([`CallOptions::retry`]) the request sent
    /// again while the outcome asks for it ([`Retryable`](crate::Retryable)), waiting as the
    /// server said (`Retry-After`, a rate-limit reset) or as the policy's backoff says, with the
    /// policy's sleeper.
    ///
    /// Under a policy, the result is the last outcome — a retryable one too, when the policy
    /// gave up — or the last error, which keeps the response (or the client's error when none
    /// arrived). A request whose body cannot be copied (a reader) is sent once. With a
    /// [`governor`](CallOptions::governor), each attempt waits for its permit (the thread is
    /// blocked while it waits).
    fn handle_using<T: ResponseHandler>(
        self,
        options: &CallOptions<impl BlockingMode<T, Self>>,
    ) -> Result<T, CallError<Self::SendError>> {
        options.mode().call(self, options.limit(), options.pacing())
    }
}
