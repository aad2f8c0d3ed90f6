//! Reading an async client's body (any `http_body::Body`: reqwest, hyper, tower) as the status
//! needs it: into memory up to a limit, drained, or handed over live.

use core::ops::ControlFlow;

use bytes::Buf;
use http_body::Body;
use http_body_util::BodyExt;

use super::LimitedBody;
use crate::error::{BoxError, Error};
use crate::response::BufferedResponse;
use crate::response::body_need::{BodyNeed, NeedOf};
use crate::response::live_body::LiveBody;

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
    let mut collected = LimitedBody::expecting(limit, body.size_hint().upper());
    let failure = loop {
        let next = match body.as_mut().frame().await {
            None => None,
            Some(Err(error)) => Some(Err(error)),
            Some(Ok(frame)) => {
                // Trailers and unknown frames carry no body bytes.
                let Ok(mut data) = frame.into_data() else {
                    continue;
                };
                let length = data.remaining();
                Some(Ok(data.copy_to_bytes(length)))
            }
        };
        if let ControlFlow::Break(failure) = collected.take(next) {
            break failure;
        }
    };
    (collected, failure)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use core::pin::Pin;
    use core::task::{Context, Poll, Waker};

    use bytes::Bytes;
    use http_body::Frame;

    use super::*;

    /// A body that hands out `chunks` in order, then fails with a reset if `fails`; it counts
    /// the chunks it was polled for.
    struct Chunks {
        chunks: Vec<Bytes>,
        fails: bool,
        polled: usize,
    }

    impl Body for Chunks {
        type Data = Bytes;
        type Error = std::io::Error;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
            if self.chunks.is_empty() {
                let fails = core::mem::take(&mut self.fails);
                return Poll::Ready(fails.then(|| Err(std::io::ErrorKind::ConnectionReset.into())));
            }
            self.polled += 1;
            Poll::Ready(Some(Ok(Frame::data(self.chunks.remove(0)))))
        }
    }

    /// Polls `future` once: the bodies here are always ready.
    fn ready<F: core::future::Future>(future: F) -> F::Output {
        let mut future = core::pin::pin!(future);
        match future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("the test body is always ready"),
        }
    }

    fn response(chunks: Vec<Bytes>, fails: bool) -> http::Response<Chunks> {
        let body = Chunks {
            chunks,
            fails,
            polled: 0,
        };
        http::Response::new(body)
    }

    #[test]
    fn an_unread_body_is_drained_up_to_the_drain_limit_and_a_failure_is_no_error() {
        let unread = |_| BodyNeed::Unread;
        let chunk = Bytes::from(vec![7u8; 16 * 1024]);
        // Five 16 KiB chunks: 80 KiB, above the 64 KiB drain limit.
        let long = vec![chunk.clone(); 5];
        let read = ready(read_as::<(), _>(response(long, false), unread, usize::MAX)).unwrap();
        assert_eq!(read.body().len(), BodyNeed::DRAIN_LIMIT);
        // Under a smaller limit, the limit.
        let read = ready(read_as::<(), _>(
            response(vec![chunk.clone()], false),
            unread,
            5,
        ))
        .unwrap();
        assert_eq!(read.body().as_ref(), &[7; 5]);
        // A connection that fails mid-body: what arrived is kept, and no error.
        let half = vec![Bytes::from_static(b"half")];
        let read = ready(read_as::<(), _>(response(half.clone(), true), unread, 100)).unwrap();
        assert_eq!(read.body().as_ref(), b"half");
        // Buffered, the same failure is the transport's error.
        let buffered = |_| BodyNeed::Buffered;
        let error = ready(read_as::<(), _>(response(half, true), buffered, 100)).unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::Transport);
        assert_eq!(error.body().as_ref(), b"half");
    }

    #[test]
    fn the_drain_stops_reading_at_its_limit() {
        // Sixty 4 KiB chunks (240 KiB): the drain reads no more of them than it needs for
        // 64 KiB, leaving the rest on the connection (which closes it).
        let body = Chunks {
            chunks: vec![Bytes::from(vec![1u8; 4096]); 60],
            fails: false,
            polled: 0,
        };
        let mut body = body;
        let drained = {
            let response = http::Response::new(&mut body);
            ready(read_as_ref(response))
        };
        assert_eq!(drained, BodyNeed::DRAIN_LIMIT);
        assert_eq!(body.polled, BodyNeed::DRAIN_LIMIT / 4096 + 1);
    }

    /// `read_as` over a borrowed body (its chunk count stays readable), returning the bytes
    /// kept.
    async fn read_as_ref(response: http::Response<&mut Chunks>) -> usize {
        let (head, body) = response.into_parts();
        let (collected, _) = collect(body, BodyNeed::DRAIN_LIMIT).await;
        collected.finish_unread(head).body().len()
    }
}
