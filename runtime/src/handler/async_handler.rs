//! The `AsyncHandler` trait: a [`Handler`](crate::Handler) whose methods are `async fn`, for the
//! async clients (reqwest, hyper and tower through `http_body`).

use core::future::Future;

use crate::error::Error;
use crate::proof::{Classified, Failure, Informational, Redirection, Success, classify};
use crate::response::BufferedResponse;
use crate::response::buffered_body::BufferedBody;

/// A handler whose per-code methods are `async fn`: on a 401 it can fetch a new token, on a
/// 202 it can poll, before it answers. `#[derive(ResponseHandler)]` with
/// `#[handler(output = ..., async)]` implements it.
///
/// Everything else is as in [`Handler`](crate::Handler): the runtime classifies the response,
/// each method receives the class proof of its statuses, `&mut self` keeps state across
/// responses. The derive cannot see the `impl` block, so the container says `async`; every
/// method named by `call =` (and `error =`) is then an `async fn`.
///
/// The futures are `Send`, so a handler drives reqwest and tower services on a multi-threaded
/// runtime: the handler's state and whatever its methods hold across an `.await` must be
/// `Send`. A blocking client cannot drive an async handler: its `handle_with` takes a
/// [`Handler`](crate::Handler). The async entry points are
/// [`handle_async`](Self::handle_async) (a response in memory),
/// `response_handler::body::handle_with_async` (feature `body`: hyper, tower, any
/// `http_body::Body`) and `response_handler::reqwest::AsyncHandlerExt` (feature `reqwest`).
///
/// ```
/// use response_handler::{AsyncHandler, Error, Failure, ResponseHandler, Success};
///
/// #[derive(ResponseHandler)]
/// #[handler(output = Result<String, Error>, async)]
/// #[on_success(call = ok)]
/// #[on(401, call = unauthorized)]
/// struct Session {
///     token: String,
///     refreshed: u32,
/// }
///
/// impl Session {
///     async fn ok(&mut self, response: Success) -> Result<String, Error> {
///         response.extract().map_err(|e| Error::extract::<Self>(e, response))
///     }
///     async fn unauthorized(&mut self, response: Failure) -> Result<String, Error> {
///         // An async call to the token endpoint would go here.
///         self.token = "fresh".to_owned();
///         self.refreshed += 1;
///         Err(Error::unexpected_status::<Self>(response))
///     }
/// }
///
/// # fn block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     use std::task::{Context, Poll, Waker};
/// #     let mut f = std::pin::pin!(f);
/// #     loop {
/// #         if let Poll::Ready(out) = f.as_mut().poll(&mut Context::from_waker(Waker::noop())) { return out; }
/// #     }
/// # }
/// let mut session = Session { token: "old".to_owned(), refreshed: 0 };
/// let denied = http::Response::builder().status(401).body(()).unwrap();
/// assert!(block_on(session.handle_async(denied)).is_err());
/// assert_eq!((session.token.as_str(), session.refreshed), ("fresh", 1));
/// let ok = http::Response::builder().status(200).body("hello").unwrap();
/// assert_eq!(block_on(session.handle_async(ok)).unwrap(), "hello");
/// ```
pub trait AsyncHandler: Send {
    /// What every method of the handler returns.
    type Output;

    /// Handles a response whose body is in memory.
    fn handle_async<B: BufferedBody>(
        &mut self,
        response: http::Response<B>,
    ) -> impl Future<Output = Self::Output> + Send {
        self.handle_buffered_async(BufferedResponse::from(response))
    }

    /// Handles a [`BufferedResponse`] (what client integrations produce).
    fn handle_buffered_async(
        &mut self,
        response: BufferedResponse,
    ) -> impl Future<Output = Self::Output> + Send {
        self.handle_classified_async(classify(response))
    }

    /// Handles the outcome of reading a response: a response, or the error that reading it
    /// ended in, which goes to [`on_error`](Self::on_error).
    fn handle_read_async(
        &mut self,
        read: Result<BufferedResponse, Error>,
    ) -> impl Future<Output = Self::Output> + Send {
        async move {
            match read {
                Ok(response) => self.handle_buffered_async(response).await,
                Err(error) => self.on_error(error).await,
            }
        }
    }

    /// Dispatches a response whose class is known.
    fn handle_classified_async(
        &mut self,
        response: Classified,
    ) -> impl Future<Output = Self::Output> + Send {
        async move {
            match response {
                Classified::Informational(response) => self.on_informational(response).await,
                Classified::Success(response) => self.on_success(response).await,
                Classified::Redirection(response) => self.on_redirection(response).await,
                Classified::Failure(response) => self.on_failure(response).await,
            }
        }
    }

    /// Handles a 1xx response. Default: [`on_error`](Self::on_error) with an unexpected-status
    /// error.
    fn on_informational(
        &mut self,
        response: Informational,
    ) -> impl Future<Output = Self::Output> + Send {
        self.on_error(Error::unexpected_status::<Self>(response))
    }

    /// Handles a 2xx response. Default: unexpected status.
    fn on_success(&mut self, response: Success) -> impl Future<Output = Self::Output> + Send {
        self.on_error(Error::unexpected_status::<Self>(response))
    }

    /// Handles a 3xx response. Default: unexpected status.
    fn on_redirection(
        &mut self,
        response: Redirection,
    ) -> impl Future<Output = Self::Output> + Send {
        self.on_error(Error::unexpected_status::<Self>(response))
    }

    /// Handles a 4xx, 5xx or 6xx–9xx response. Default: unexpected status.
    fn on_failure(&mut self, response: Failure) -> impl Future<Output = Self::Output> + Send {
        self.on_error(Error::unexpected_status::<Self>(response))
    }

    /// Turns an error into the output: a status no method handles, or a failed read. The
    /// error keeps the whole response.
    fn on_error(&mut self, error: Error) -> impl Future<Output = Self::Output> + Send;
}
