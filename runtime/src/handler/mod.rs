//! The `Handler` trait: a stateful handler whose per-code methods the runtime calls, after the
//! class check; its async form is in `async_handler.rs`.

pub(crate) mod async_handler;

use crate::error::Error;
use crate::proof::{Classified, Failure, Informational, Redirection, Success, classify};
use crate::response::BufferedResponse;
use crate::response::buffered_body::BufferedBody;

/// A handler: state (a cache, a token, a retry counter) plus one method per status the caller
/// cares about. `#[derive(ResponseHandler)]` with `#[handler(output = ...)]` implements it.
///
/// Where [`ResponseHandler`](crate::ResponseHandler) answers "what came back", a `Handler`
/// answers "what do we do about it". The runtime classifies the response first; each per-code
/// method receives the class proof of its status ([`Success`] for 2xx, [`Failure`] for 4xx/5xx,
/// ...) and can [`extract`](BufferedResponse::extract) from it, but never an unchecked response.
/// A handler is `&mut self`: it keeps its state across responses.
///
/// ```
/// use response_handler::{Error, Failure, Handler, Redirection, ResponseHandler, Success};
///
/// #[derive(ResponseHandler)]
/// #[handler(output = Result<String, Error>)]
/// #[on(200, call = fresh)]
/// #[on(304, call = cached)]
/// #[on_failure(call = failed)]
/// struct Fetcher {
///     cache: Option<String>,
///     failures: u32,
/// }
///
/// impl Fetcher {
///     fn fresh(&mut self, response: Success) -> Result<String, Error> {
///         let body: String = response.extract().map_err(|e| Error::extract::<Self>(e, response))?;
///         self.cache = Some(body.clone());
///         Ok(body)
///     }
///     // 304 is a 3xx: the method takes the `Redirection` proof (a `Success` would not compile).
///     fn cached(&mut self, _: Redirection) -> Result<String, Error> {
///         Ok(self.cache.clone().unwrap_or_default())
///     }
///     fn failed(&mut self, response: Failure) -> Result<String, Error> {
///         self.failures += 1;
///         Err(Error::unexpected_status::<Self>(response))
///     }
/// }
///
/// let mut fetcher = Fetcher { cache: None, failures: 0 };
/// let ok = http::Response::builder().status(200).body("v1").unwrap();
/// assert_eq!(fetcher.handle(ok).unwrap(), "v1");
/// let not_modified = http::Response::builder().status(304).body(()).unwrap();
/// assert_eq!(fetcher.handle(not_modified).unwrap(), "v1");
/// let gone = http::Response::builder().status(410).body(()).unwrap();
/// assert!(fetcher.handle(gone).is_err());
/// assert_eq!(fetcher.failures, 1);
/// // Unhandled statuses (here: 3xx other than 304) become the output through
/// // `FromResponseError`: `Result<_, E>` with `E: From<response_handler::Error>`.
/// let moved = http::Response::builder().status(301).body(()).unwrap();
/// assert!(fetcher.handle(moved).unwrap_err().is_unexpected_status());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a synchronous `Handler`",
    label = "this call needs a `Handler`",
    note = "derive one with `#[derive(ResponseHandler)]` and `#[handler(output = ...)]` on a struct",
    note = "an async handler (`#[handler(output = ..., async)]`) is an `AsyncHandler`: a blocking client cannot drive it; use `handler.handle_async(response).await`, `response_handler::body::handle_with_async` (hyper, tower) or `response_handler::reqwest::AsyncHandlerExt::handle_with_async`"
)]
pub trait Handler {
    /// What every method of the handler returns.
    type Output;

    /// Handles a response whose body is in memory.
    fn handle<B: BufferedBody>(&mut self, response: http::Response<B>) -> Self::Output {
        self.handle_buffered(BufferedResponse::from(response))
    }

    /// Handles a [`BufferedResponse`] (what client integrations produce).
    fn handle_buffered(&mut self, response: BufferedResponse) -> Self::Output {
        self.handle_classified(classify(response))
    }

    /// Handles the outcome of reading a response: a response, or the error that reading it
    /// ended in (a body over the limit, a connection that failed mid-body), which goes to
    /// [`on_error`](Self::on_error).
    fn handle_read(&mut self, read: Result<BufferedResponse, Error>) -> Self::Output {
        match read {
            Ok(response) => self.handle_buffered(response),
            Err(error) => self.on_error(error),
        }
    }

    /// Dispatches a response whose class is known.
    fn handle_classified(&mut self, response: Classified) -> Self::Output {
        match response {
            Classified::Informational(response) => self.on_informational(response),
            Classified::Success(response) => self.on_success(response),
            Classified::Redirection(response) => self.on_redirection(response),
            Classified::Failure(response) => self.on_failure(response),
        }
    }

    /// Handles a 1xx response. Default: [`on_error`](Self::on_error) with an unexpected-status
    /// error.
    fn on_informational(&mut self, response: Informational) -> Self::Output {
        self.on_error(Error::unexpected_status::<Self>(response))
    }

    /// Handles a 2xx response. Default: unexpected status.
    fn on_success(&mut self, response: Success) -> Self::Output {
        self.on_error(Error::unexpected_status::<Self>(response))
    }

    /// Handles a 3xx response. Default: unexpected status.
    fn on_redirection(&mut self, response: Redirection) -> Self::Output {
        self.on_error(Error::unexpected_status::<Self>(response))
    }

    /// Handles a 4xx, 5xx or 6xx–9xx response. Default: unexpected status.
    fn on_failure(&mut self, response: Failure) -> Self::Output {
        self.on_error(Error::unexpected_status::<Self>(response))
    }

    /// Turns an error into the output: a status no method handles, or a failed read. The
    /// error keeps the whole response.
    fn on_error(&mut self, error: Error) -> Self::Output;
}

/// How a handler's output holds an [`Error`] when no `error = method` is declared: for
/// unexpected statuses and failed reads.
///
/// Implemented for `Result<T, E>` whenever `E: From<response_handler::Error>` — an app error
/// type with a `#[from] response_handler::Error` variant, `Box<dyn Error>`, `anyhow::Error` —
/// and for `Result<T, Error>` itself. Implement it for your own output types, or name a method
/// with `#[handler(output = ..., error = method)]`.
#[diagnostic::on_unimplemented(
    message = "the handler's output `{Self}` cannot hold a `response_handler::Error`",
    label = "unexpected statuses and failed reads must become this type",
    note = "use an output `Result<T, E>` with `E: From<response_handler::Error>`, or declare `#[handler(output = ..., error = method)]` with `fn method(&mut self, error: response_handler::Error) -> Output`"
)]
pub trait FromResponseError {
    /// Wraps the error.
    fn from_response_error(error: Error) -> Self;
}

impl<T, E: From<Error>> FromResponseError for Result<T, E> {
    fn from_response_error(error: Error) -> Self {
        Err(E::from(error))
    }
}
