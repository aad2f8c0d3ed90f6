//! [`BodyReader`]: a field that reads the body as it arrives, for the blocking clients.

use std::io::{Cursor, Read};

use bytes::Bytes;

use crate::error::ExtractError;
use crate::extract::Extract;
use crate::response::BufferedResponse;
use crate::response::live_body::LiveBody;

/// The body, read as it arrives: a field type for downloads and event streams through the
/// blocking clients (`ureq`, `reqwest::blocking`). It implements [`std::io::Read`].
///
/// The client integration reads the head, checks the class and chooses the variant; when the
/// chosen variant has a `BodyReader` field, the body is not read at all: the field holds the
/// client's live body, and your code reads it at its own pace, with memory that does not grow
/// with the body. A failure variant of the same type still gets its body buffered and bounded,
/// so the error keeps it.
///
/// ```no_run
/// use std::io::Read;
/// use response_handler::ureq::RequestBuilderExt;
/// use response_handler::{BodyReader, ErrorBody, ResponseHandler, StatusCode};
///
/// #[derive(ResponseHandler)]
/// enum Download {
///     #[on_success]
///     File(BodyReader),
///     #[on_failure]
///     Failed(StatusCode, ErrorBody),
/// }
///
/// match ureq::get("http://127.0.0.1:8080/big.iso").handle::<Download>()? {
///     Download::File(mut body) => {
///         let mut file = std::fs::File::create("big.iso")?;
///         std::io::copy(&mut body, &mut file)?; // 64 KiB at a time, never the whole file
///     }
///     Download::Failed(status, body) => eprintln!("{status}: {body:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Rules, checked by the derive: a variant with a streaming field reads the body through it
/// alone (no `String`, `Json<T>`, ... next to it), and the streaming field is the variant's
/// last field. Fields are read in order, and the fields before it only read the head: when one
/// of them fails, the error still holds the live body, and
/// `error.response().extract::<BodyReader>()` gets it back.
///
/// On a response in memory (`from_response`, a test's `http::Response<&str>`), a `BodyReader`
/// reads the bytes in memory: the same type handles both, and tests need no server. An async
/// client (reqwest's async client, hyper, tower) has no blocking body to give it: a derived
/// type with a `BodyReader` field, called through an async client's verb, fails to build
/// (`cargo build` reports it; `cargo check` does not, as the check runs when the verb is
/// compiled for the type). Taken from such a response by hand, it is an
/// [`ExtractError::StreamUnavailable`]. Use `BodyStream` there.
pub struct BodyReader {
    source: Source,
}

enum Source {
    Memory(Cursor<Bytes>),
    Live(Box<dyn Read + Send>),
}

impl BodyReader {
    /// Whether the bytes come from the connection (`true`) or from memory (`false`).
    pub fn is_live(&self) -> bool {
        matches!(self.source, Source::Live(_))
    }
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match &mut self.source {
            Source::Memory(bytes) => bytes.read(buf),
            Source::Live(reader) => reader.read(buf),
        }
    }
}

impl core::fmt::Debug for BodyReader {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BodyReader")
            .field("live", &self.is_live())
            .finish_non_exhaustive()
    }
}

impl Extract for BodyReader {
    const READS_BODY: bool = true;
    #[doc(hidden)]
    const __STREAMS: bool = true;
    #[doc(hidden)]
    const __STREAMS_BLOCKING: bool = true;

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        let source = match LiveBody::take_reader(response.extensions())
            .map_err(ExtractError::StreamUnavailable)?
        {
            None => Source::Memory(Cursor::new(response.body().clone())),
            Some(reader) => Source::Live(reader),
        };
        Ok(Self { source })
    }
}
