//! The extension traits shared by the blocking clients (ureq, reqwest's blocking client): each
//! client implements the one way it reads a response ([`ReadResponse`], [`SendRequest`], and
//! [`Resend`] under a retry policy); every `handle` form is written once here.
//!
//! The public traits are sealed, as axum seals its extension traits: their supertraits live in
//! the private module [`sealed`], so no other crate can implement them, and the per-client
//! methods are no part of the public API.

use crate::call::{CallError, CallOptions, DEFAULT_BODY_LIMIT, RetryMode};
use crate::error::Error;
use crate::handler::Handler;
use crate::pages::NextPage;
use crate::pages::request::PageRequest;
use crate::refresh::BlockingRefresh;
use crate::response::BufferedResponse;
use crate::response::body_need::BodyNeed;
use crate::response_handler::ResponseHandler;

pub(crate) mod sealed {
    use crate::call::{CallError, Once, RetryMode};
    use crate::error::Error;
    use crate::governor::Pacing;
    use crate::refresh::{Blocking, BlockingRefresh, CredentialRefresh, NoRefresh};
    use crate::response::BufferedResponse;
    use crate::response::body_need::NeedOf;
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
            pacing: Option<&Pacing>,
        ) -> Result<BufferedResponse, CallError<Self::SendError>>;
    }

    /// A request the client can copy, to send it again under a [`RetryPolicy`] or a
    /// [`CredentialRefresh`]: implemented per client, where the client can.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot be copied to be sent again",
        label = "a call under a `RetryPolicy` or a `CredentialRefresh`, or one that follows pages, needs a request it can copy",
        note = "with ureq, build an `http::Request` and call `AgentExt::handle_request_using` (or `AgentExt::handle_pages`)"
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

        /// The headers, to put a refreshed credential in.
        fn headers_mut(built: &mut Self::Built) -> &mut http::HeaderMap;

        /// Sends it once `pacing`'s governor allows it, and reads the body as `need` says, into
        /// memory up to `limit` bytes, for a `T`.
        fn send_built<T: ?Sized>(
            built: Self::Built,
            need: NeedOf,
            limit: usize,
            pacing: Option<&Pacing>,
        ) -> Result<BufferedResponse, CallError<Self::SendError>>;
    }

    /// How a blocking request `S` is attempted in a retry mode: once (any request), or under a
    /// [`RetryPolicy`] (a request the client can copy, a [`Retryable`] outcome); each attempt
    /// in the refresh mode `R`.
    pub trait BlockingMode<T, S: SendRequest>: RetryMode<T> {
        /// Sends `request` as this mode and `refresh` say, each send once `pacing`'s governor
        /// allows it, and turns the response into `T`.
        fn call<R: RefreshRequest<S>>(
            &self,
            request: S,
            limit: usize,
            refresh: &R,
            pacing: Option<&Pacing>,
        ) -> Result<T, CallError<S::SendError>>;
    }

    /// How a blocking request `S` is sent once in a refresh mode: as it is ([`NoRefresh`],
    /// any request), or under a [`CredentialRefresh`] (a request the client can copy, to send
    /// it again with the new credential).
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot refresh a credential for `{S}`",
        label = "this call refreshes credentials",
        note = "a blocking client runs a refresher built with `CredentialRefresh::blocking`, on a request it can copy; with ureq, build an `http::Request` and call `AgentExt::handle_request_using`"
    )]
    pub trait RefreshRequest<S: SendRequest>: BlockingRefresh {
        /// Sends `request` once (and once more on a refreshed credential) and turns the
        /// response into `T`.
        fn call_once<T: ResponseHandler>(
            &self,
            request: S,
            limit: usize,
            pacing: Option<&Pacing>,
        ) -> Result<T, CallError<S::SendError>>;
    }

    impl<S: SendRequest> RefreshRequest<S> for NoRefresh {
        #[inline]
        fn call_once<T: ResponseHandler>(
            &self,
            request: S,
            limit: usize,
            pacing: Option<&Pacing>,
        ) -> Result<T, CallError<S::SendError>> {
            Ok(T::from_buffered(request.send_for::<T>(
                crate::clients::blocking_need::<T>(),
                limit,
                pacing,
            )?)?)
        }
    }

    impl<S: Resend> RefreshRequest<S> for CredentialRefresh<Blocking> {
        fn call_once<T: ResponseHandler>(
            &self,
            request: S,
            limit: usize,
            pacing: Option<&Pacing>,
        ) -> Result<T, CallError<S::SendError>> {
            let send = |built| {
                S::send_built::<T>(built, crate::clients::blocking_need::<T>(), limit, pacing)
            };
            let response = self.__attempt_blocking::<T, _, _>(
                request.build_for_retry()?,
                S::try_clone,
                S::headers_mut,
                &send,
            )?;
            Ok(T::from_buffered(response)?)
        }
    }

    impl<T: ResponseHandler, S: SendRequest> BlockingMode<T, S> for Once {
        #[inline]
        fn call<R: RefreshRequest<S>>(
            &self,
            request: S,
            limit: usize,
            refresh: &R,
            pacing: Option<&Pacing>,
        ) -> Result<T, CallError<S::SendError>> {
            refresh.call_once::<T>(request, limit, pacing)
        }
    }

    impl<T, S> BlockingMode<T, S> for RetryPolicy
    where
        T: ResponseHandler + Retryable,
        S: Resend,
        S::SendError: std::error::Error + 'static,
    {
        fn call<R: RefreshRequest<S>>(
            &self,
            request: S,
            limit: usize,
            refresh: &R,
            pacing: Option<&Pacing>,
        ) -> Result<T, CallError<S::SendError>> {
            let send = |built| {
                S::send_built::<T>(built, crate::clients::blocking_need::<T>(), limit, pacing)
            };
            self.__drive_blocking(
                request.build_for_retry()?,
                S::method_and_headers,
                S::try_clone,
                |built| {
                    refresh.__attempt_blocking::<T, _, _>(
                        built,
                        S::try_clone,
                        S::headers_mut,
                        &send,
                    )
                },
            )
        }
    }
}

pub(crate) use sealed::{BlockingMode, ReadResponse, RefreshRequest, Resend, SendRequest};

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
    /// [`governor`](CallOptions::governor), each send waits for its permit (the thread is
    /// blocked while it waits).
    ///
    /// Under a [`CredentialRefresh`](crate::refresh::CredentialRefresh)
    /// ([`CallOptions::refresh`], a blocking refresher) each attempt that gets a 401 asking for
    /// a new credential is sent once more with it (see [`refresh`](crate::refresh)).
    fn handle_using<T: ResponseHandler>(
        self,
        options: &CallOptions<impl BlockingMode<T, Self>, impl RefreshRequest<Self>>,
    ) -> Result<T, CallError<Self::SendError>> {
        options.mode().call(
            self,
            options.limit(),
            options.refresher(),
            options.pacing().as_ref(),
        )
    }

    /// Sends the request and the requests of the pages after it, as `options` say, and yields
    /// each page as a `T`: pagination ([`NextPage`]). Each page is one
    /// [`handle_using`](Self::handle_using) call; the next one is what the page's outcome names
    /// (its `Link`'s `rel="next"`, a cursor), a copy of this request — without its credentials
    /// (`Authorization`, `Cookie`, `Proxy-Authorization`) at another origin than this one's,
    /// without its conditional headers after the first page. The sequence ends after a page that
    /// names no next one, after a page that is not a 2xx outcome (an error, a 404, a 304: it is
    /// yielded first), at [`max_pages`](CallOptions::max_pages), and at a URL already visited.
    /// A request whose body cannot be copied gets one page.
    ///
    /// ```no_run
    /// use response_handler::headers::Link;
    /// use response_handler::reqwest::blocking::RequestBuilderExt;
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
    /// let client = reqwest::blocking::Client::new();
    /// let options = CallOptions::new().max_pages(10);
    /// for page in client.get("http://127.0.0.1:8080/issues").handle_pages::<Issues>(&options) {
    ///     println!("{:?}", page?);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn handle_pages<'o, T: ResponseHandler + NextPage + 'o>(
        self,
        options: &'o CallOptions<impl RetryMode<T>, impl BlockingRefresh>,
    ) -> impl Iterator<Item = Result<T, CallError<Self::SendError>>> + 'o
    where
        Self: Resend<Built: PageRequest + 'o>,
        Self::SendError: std::error::Error + 'static,
    {
        let pacing = options.pacing();
        crate::pages::drive::blocking(options, self.build_for_retry(), move |built, limit| {
            Self::send_built::<T>(
                built,
                crate::clients::blocking_need::<T>(),
                limit,
                pacing.as_ref(),
            )
        })
    }
}
