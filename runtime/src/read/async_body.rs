//! Reading an async client's body (any `http_body::Body`: reqwest, hyper, tower) as the status
//! needs it: into memory up to a limit, drained, or handed over live.

use bytes::Buf;
use http_body::Body;
use http_body_util::BodyExt;

use super::LimitedBody;
use crate::body_need::{BodyNeed, NeedOf};
use crate::error::{BoxError, Error};
use crate::live_body::LiveBody;
use crate::response::BufferedResponse;

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
            LiveBody::attach(&mut head, crate::extract::body_stream::live(body));
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
