//! Any `http_body::Body` — hyper, axum, tower clients — read up to a limit (feature `body`).
//!
//! Supported version: http-body 1, the body trait of hyper 1 and of the clients built on it.
//!
//! These functions take a response already in hand: there is no request to send again, so no
//! retry and no pagination here. To follow pages with hyper, wrap the client in
//! [`tower::HandleLayer`](crate::tower::HandleLayer) (feature `tower`) and call
//! `handle_pages` on the service it makes.
//!
//! ```
//! use response_handler::{body, ResponseHandler, StatusCode};
//! use http_body_util::Full;
//!
//! #[derive(Debug, ResponseHandler)]
//! enum Fetch {
//!     #[on_success]
//!     Ok(String),
//!     #[on_failure]
//!     Failed(StatusCode),
//! }
//!
//! # futures_executor_block_on(async {
//! // e.g. a `hyper::Response<Incoming>` from hyper-util's client
//! let response = http::Response::new(Full::new(bytes::Bytes::from("hello")));
//! let outcome: Fetch = body::handle(response).await?;
//! assert!(matches!(outcome, Fetch::Ok(text) if text == "hello"));
//! # Ok::<(), response_handler::Error>(())
//! # }).unwrap();
//! # fn futures_executor_block_on<F: std::future::Future>(f: F) -> F::Output {
//! #     use std::task::{Context, Poll, Waker};
//! #     let mut f = std::pin::pin!(f);
//! #     loop {
//! #         if let Poll::Ready(out) = f.as_mut().poll(&mut Context::from_waker(Waker::noop())) { return out; }
//! #     }
//! # }
//! ```
//!
//! Clients that do not record the request add nothing to the response's extensions: insert a
//! [`RequestContext`](crate::RequestContext) yourself to have `HEAD` answers and relative
//! `Location` values understood.

use http_body::Body;

use crate::call::{CallOptions, DEFAULT_BODY_LIMIT};
use crate::error::{BoxError, Error};
use crate::handler::Handler;
use crate::read::async_body::{read, read_as};
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

/// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and turns the response into `T`.
pub async fn handle<T, B>(response: http::Response<B>) -> Result<T, Error>
where
    T: ResponseHandler,
    B: Body + Send + 'static,
    B::Error: Into<BoxError>,
{
    handle_using(response, crate::call::DEFAULTS).await
}

/// Reads the body as `options` say (up to its [`body_limit`](CallOptions::body_limit)) and
/// turns the response into `T`. A response is already sent: there is nothing to retry.
///
/// Over the limit: an [`Error`] of kind [`BodyTooLarge`](crate::ErrorKind::BodyTooLarge) with
/// the first `limit` bytes, and the rest is never read. A body that fails mid-way: kind
/// [`Transport`](crate::ErrorKind::Transport), with what arrived before. Trailers are ignored.
pub async fn handle_using<T, B>(
    response: http::Response<B>,
    options: &CallOptions,
) -> Result<T, Error>
where
    T: ResponseHandler,
    B: Body + Send + 'static,
    B::Error: Into<BoxError>,
{
    read_as::<T, B>(response, super::async_need::<T>(), options.limit())
        .await
        .and_then(T::from_buffered)
}

/// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and hands the response to a
/// [`Handler`]; a failed read goes to its [`on_error`](Handler::on_error).
pub async fn handle_with<H, B>(response: http::Response<B>, handler: &mut H) -> H::Output
where
    H: Handler,
    B: Body,
    B::Error: Into<BoxError>,
{
    let read = read::<H, B>(response, DEFAULT_BODY_LIMIT).await;
    handler.handle_read(read)
}

/// Reads the body up to `limit` bytes, without handling the response: for a [`Handler`] with
/// another limit (`handler.handle_read(buffer(response, limit).await)`), or to look at it first.
pub async fn buffer<B>(response: http::Response<B>, limit: usize) -> Result<BufferedResponse, Error>
where
    B: Body,
    B::Error: Into<BoxError>,
{
    read::<BufferedResponse, B>(response, limit).await
}

/// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and hands the response to an
/// [`AsyncHandler`](crate::AsyncHandler); a failed read goes to its
/// [`on_error`](crate::AsyncHandler::on_error). The future is `Send` when the body is.
pub async fn handle_with_async<H, B>(response: http::Response<B>, handler: &mut H) -> H::Output
where
    H: crate::AsyncHandler,
    B: Body,
    B::Error: Into<BoxError>,
{
    let read = read::<H, B>(response, DEFAULT_BODY_LIMIT).await;
    handler.handle_read_async(read).await
}
