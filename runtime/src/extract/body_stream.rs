//! [`BodyStream`]: a field that reads the body as it arrives, for the async clients
//! (feature `body`).

use core::pin::Pin;
use core::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;
use http_body_util::combinators::UnsyncBoxBody;

use crate::error::{BoxError, ExtractError};
use crate::extract::Extract;
use crate::response::BufferedResponse;
use crate::response::live_body::{Live, LiveBody};

/// The body, as it arrives: a field type for downloads and server-sent events through the
/// async clients (reqwest, hyper, tower; any `http_body::Body`). It is an
/// [`http_body::Body`] and a `futures_core::Stream` of `Bytes`, and has
/// [`chunk`](Self::chunk) for a plain loop.
///
/// The client integration reads the head, checks the class and chooses the variant; when the
/// chosen variant has a `BodyStream` field, the body is not read at all: the field holds the
/// client's live body, which your code reads at its own pace, with memory that does not grow
/// with the body. A failure variant of the same type still gets its body buffered and bounded,
/// so the error keeps it.
///
/// ```no_run
/// use response_handler::reqwest::RequestBuilderExt;
/// use response_handler::{BodyStream, ErrorBody, ResponseHandler, RetryAfter, StatusCode};
///
/// #[derive(ResponseHandler)]
/// enum Completion {
///     #[on_success]
///     Events(BodyStream), // 200 text/event-stream
///     #[on(429)]
///     RateLimited(Option<RetryAfter>, ErrorBody),
///     #[on_failure]
///     Failed(StatusCode, ErrorBody),
/// }
///
/// # async fn run() -> Result<(), response_handler::BoxError> {
/// let client = reqwest::Client::new();
/// match client.post("http://127.0.0.1:8080/v1/chat").handle::<Completion>().await? {
///     Completion::Events(mut events) => {
///         while let Some(chunk) = events.chunk().await? {
///             print!("{}", String::from_utf8_lossy(&chunk));
///         }
///     }
///     Completion::RateLimited(wait, body) => eprintln!("429, wait {wait:?}: {body:?}"),
///     Completion::Failed(status, body) => eprintln!("{status}: {body:?}"),
/// }
/// # Ok(()) }
/// ```
///
/// Rules, checked by the derive: a variant with a streaming field reads the body through it
/// alone (no `String`, `Json<T>`, ... next to it), and the streaming field is the variant's
/// last field. Fields are read in order, and the fields before it only read the head: when one
/// of them fails, the error still holds the live body, and
/// `error.response().extract::<BodyStream>()` gets it back.
///
/// On a response in memory (`from_response`, a test's `http::Response<&str>`), a `BodyStream`
/// yields the bytes in memory as one chunk: the same type handles both, and tests need no
/// server. A blocking client (ureq, reqwest's blocking client) has no body to poll: a derived
/// type with a `BodyStream` field, called through a blocking client's verb, fails to build
/// (`cargo build` reports it; `cargo check` does not). Taken from such a response by hand, it is
/// an [`ExtractError::StreamUnavailable`]. Use [`BodyReader`](crate::BodyReader) there.
pub struct BodyStream {
    source: Source,
}

enum Source {
    Memory(Option<Bytes>),
    Live(UnsyncBoxBody<Bytes, BoxError>),
}

impl BodyStream {
    /// The next chunk of data, `Ok(None)` at the end. Trailers are skipped.
    ///
    /// # Errors
    ///
    /// The transport's error when the connection fails before the body ends.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, BoxError> {
        loop {
            match self.frame().await {
                None => return Ok(None),
                Some(Err(error)) => return Err(error),
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        return Ok(Some(data));
                    }
                }
            }
        }
    }

    /// Whether the bytes come from the connection (`true`) or from memory (`false`).
    pub fn is_live(&self) -> bool {
        matches!(self.source, Source::Live(_))
    }
}

impl Body for BodyStream {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        match &mut self.get_mut().source {
            Source::Memory(bytes) => Poll::Ready(bytes.take().map(|bytes| Ok(Frame::data(bytes)))),
            Source::Live(body) => Pin::new(body).poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.source {
            Source::Memory(bytes) => bytes.is_none(),
            Source::Live(body) => body.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.source {
            Source::Memory(bytes) => {
                SizeHint::with_exact(bytes.as_ref().map_or(0, |bytes| bytes.len() as u64))
            }
            Source::Live(body) => body.size_hint(),
        }
    }
}

impl futures_core::Stream for BodyStream {
    type Item = Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            match self.as_mut().poll_frame(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        return Poll::Ready(Some(Ok(data)));
                    }
                }
            }
        }
    }
}

impl core::fmt::Debug for BodyStream {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BodyStream")
            .field("live", &self.is_live())
            .finish_non_exhaustive()
    }
}

impl Extract for BodyStream {
    const READS_BODY: bool = true;
    #[doc(hidden)]
    const __STREAMS: bool = true;
    #[doc(hidden)]
    const __STREAMS_ASYNC: bool = true;

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        let source = match LiveBody::take_body(response.extensions())
            .map_err(ExtractError::StreamUnavailable)?
        {
            None => {
                let body = response.body();
                Source::Memory((!body.is_empty()).then(|| body.clone()))
            }
            Some(body) => Source::Live(body),
        };
        Ok(Self { source })
    }
}

/// The live body of any `http_body::Body`, its data as `Bytes` and its error boxed.
pub(crate) fn live<B>(body: B) -> Live
where
    B: Body + Send + 'static,
    B::Error: Into<BoxError>,
{
    Live::Body(
        body.map_frame(|frame| {
            frame.map_data(|mut data| {
                let length = bytes::Buf::remaining(&data);
                bytes::Buf::copy_to_bytes(&mut data, length)
            })
        })
        .map_err(Into::into)
        .boxed_unsync(),
    )
}
