//! Any `http_body::Body` — hyper, axum, tower clients — read up to a limit (feature `body`).
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

use bytes::Buf;
use http_body::Body;
use http_body_util::BodyExt;

use crate::body_limit::{DEFAULT_BODY_LIMIT, LimitedBody};
use crate::body_need::{BodyNeed, NeedOf};
use crate::error::{BoxError, Error};
use crate::handler::Handler;
use crate::live_body::LiveBody;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

/// Reads the body (up to [`DEFAULT_BODY_LIMIT`]) and turns the response into `T`.
pub async fn handle<T, B>(response: http::Response<B>) -> Result<T, Error>
where
    T: ResponseHandler,
    B: Body + Send + 'static,
    B::Error: Into<BoxError>,
{
    handle_with_limit(response, DEFAULT_BODY_LIMIT).await
}

/// Reads the body up to `limit` bytes and turns the response into `T`.
///
/// Over the limit: an [`Error`] of kind [`BodyTooLarge`](crate::ErrorKind::BodyTooLarge) with
/// the first `limit` bytes, and the rest is never read. A body that fails mid-way: kind
/// [`Transport`](crate::ErrorKind::Transport), with what arrived before. Trailers are ignored.
pub async fn handle_with_limit<T, B>(response: http::Response<B>, limit: usize) -> Result<T, Error>
where
    T: ResponseHandler,
    B: Body + Send + 'static,
    B::Error: Into<BoxError>,
{
    read_as::<T, B>(response, T::body_need, limit)
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

/// Reads up to `limit` bytes for a `T` (named in the errors).
pub(crate) async fn read<T: ?Sized, B>(
    response: http::Response<B>,
    limit: usize,
) -> Result<BufferedResponse, Error>
where
    B: Body,
    B::Error: Into<BoxError>,
{
    let (head, body) = response.into_parts();
    let (collected, failure) = collect(body, limit).await;
    collected.finish::<T>(head, failure)
}

/// Reads `response`'s body as `need` says for its status ([`BodyNeed`]): into memory up to
/// `limit` bytes, drained up to [`BodyNeed::DRAIN_LIMIT`] bytes when no field reads it (a
/// longer body is left unread: dropping it closes the connection), or not at all, the live
/// body handed to the streaming field.
pub(crate) async fn read_as<T: ?Sized, B>(
    response: http::Response<B>,
    need: NeedOf,
    limit: usize,
) -> Result<BufferedResponse, Error>
where
    B: Body + Send + 'static,
    B::Error: Into<BoxError>,
{
    let (mut head, body) = response.into_parts();
    match need(head.status) {
        BodyNeed::Buffered => {
            let (collected, failure) = collect(body, limit).await;
            collected.finish::<T>(head, failure)
        }
        BodyNeed::Unread => {
            let (collected, _) = collect(body, limit.min(BodyNeed::DRAIN_LIMIT)).await;
            Ok(collected.finish_unread(head))
        }
        BodyNeed::Streamed => {
            LiveBody::attach(&mut head, crate::body_stream::live(body));
            Ok(BufferedResponse::from_parts(head, bytes::Bytes::new()))
        }
    }
}

/// Reads a body into memory, up to `limit` bytes: what was kept, and the transport's error if
/// the read failed.
async fn collect<B>(body: B, limit: usize) -> (LimitedBody, Option<BoxError>)
where
    B: Body,
    B::Error: Into<BoxError>,
{
    let mut body = core::pin::pin!(body);
    let expected = body.size_hint().upper();
    let mut collected = LimitedBody::expecting(limit, expected);
    let failure = loop {
        match body.as_mut().frame().await {
            None => break None,
            Some(Err(error)) => break Some(error.into()),
            Some(Ok(frame)) => {
                let Ok(mut data) = frame.into_data() else {
                    continue;
                };
                let length = data.remaining();
                if !collected.push(data.copy_to_bytes(length)) {
                    break None;
                }
            }
        }
    };
    (collected, failure)
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
