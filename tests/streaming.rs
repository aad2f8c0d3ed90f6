//! Head-first dispatch over real HTTP on 127.0.0.1, through every client integration: a
//! success streams (the body is handed over live, never buffered, so a body past the buffer
//! limit or one that never ends is fine) while the failures of the same type are buffered and
//! typed; a body no field reads is drained when small (the connection is reused) and left
//! unread when large (the connection is closed); a failed field before the stream leaves the
//! live body in the error.
//!
//! Written once against [`Streaming`] and instantiated per client by `for_each_client!`. The
//! flat-memory bound is measured in `tests/streaming_memory.rs` (a process-wide allocator).

use std::fmt::Debug;
use std::io::Read as _;
use std::time::Duration;

use bytes::Bytes;
use response_handler::{
    BodyNeed, BodyReader, BodyStream, CallError, Error, ErrorKind, Extract, ExtractError, Problem,
    ResponseHandler, RetryAfter, StatusCode, Wait,
};
use suite::{Reply, TestServer};

#[derive(Debug, ResponseHandler)]
enum Download<B> {
    #[on_success]
    File(B),
    #[on(404)]
    Missing,
    #[on(429)]
    RateLimited(Option<RetryAfter>, Problem),
    #[on_failure]
    Failed(StatusCode, String),
}

// Read through `Debug` and the error only.
#[allow(dead_code)]
#[derive(Debug, ResponseHandler)]
enum Part<B> {
    #[on_success]
    Part {
        #[header("x-part")]
        number: u32,
        body: B,
    },
    #[on_failure]
    Failed(StatusCode),
}

/// One client, and how its streaming field is read.
trait Streaming {
    /// The streaming field type this client hands the live body to.
    type Body: Extract + Debug + 'static;
    /// The other one, which this client cannot feed.
    type Other: Extract + Debug + 'static;

    /// Whether the client itself may read what is left of a body dropped a few KiB short of its
    /// end, and reuse the connection: hyper does when the rest is already in its read buffer at
    /// the drop, which depends on timing (reqwest, reqwest-middleware, the tower client and a
    /// bare hyper connection are all hyper); ureq never does.
    const MAY_FINISH_A_SHORT_REST: bool;

    fn new() -> Self;
    fn fetch<T: ResponseHandler + 'static>(&self, url: &str) -> Result<T, Error>;
    /// The next chunk of the body, `None` at its end.
    fn next_chunk(&self, body: &mut Self::Body) -> Option<Vec<u8>>;
}

fn response_error<E: std::fmt::Display>(error: CallError<E>) -> Error {
    match error {
        CallError::Response(error) => error,
        CallError::Send(error) => panic!("the request itself failed: {error}"),
        other => panic!("the call failed without a response: {other}"),
    }
}

fn read_chunk(reader: &mut BodyReader) -> Option<Vec<u8>> {
    let mut buffer = vec![0; 64 * 1024];
    let read = reader.read(&mut buffer).expect("the body reads");
    (read > 0).then(|| {
        buffer.truncate(read);
        buffer
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

struct Ureq(ureq::Agent);

impl Streaming for Ureq {
    type Body = BodyReader;
    type Other = BodyStream;
    const MAY_FINISH_A_SHORT_REST: bool = false;

    fn new() -> Self {
        Ureq(ureq::Agent::new_with_defaults())
    }

    fn fetch<T: ResponseHandler + 'static>(&self, url: &str) -> Result<T, Error> {
        use response_handler::ureq::RequestBuilderExt;
        self.0.get(url).handle().map_err(response_error)
    }

    fn next_chunk(&self, body: &mut BodyReader) -> Option<Vec<u8>> {
        read_chunk(body)
    }
}

struct ReqwestBlocking(reqwest::blocking::Client);

impl Streaming for ReqwestBlocking {
    type Body = BodyReader;
    type Other = BodyStream;
    const MAY_FINISH_A_SHORT_REST: bool = true;

    fn new() -> Self {
        ReqwestBlocking(reqwest::blocking::Client::new())
    }

    fn fetch<T: ResponseHandler + 'static>(&self, url: &str) -> Result<T, Error> {
        use response_handler::reqwest::blocking::RequestBuilderExt;
        self.0.get(url).handle().map_err(response_error)
    }

    fn next_chunk(&self, body: &mut BodyReader) -> Option<Vec<u8>> {
        read_chunk(body)
    }
}

/// The async clients: the stream is polled on the same current-thread runtime that drives the
/// connection.
fn next_stream_chunk(runtime: &tokio::runtime::Runtime, body: &mut BodyStream) -> Option<Vec<u8>> {
    runtime
        .block_on(body.chunk())
        .expect("the body streams")
        .map(|chunk| chunk.to_vec())
}

struct ReqwestAsync(reqwest::Client, tokio::runtime::Runtime);

impl Streaming for ReqwestAsync {
    type Body = BodyStream;
    type Other = BodyReader;
    const MAY_FINISH_A_SHORT_REST: bool = true;

    fn new() -> Self {
        ReqwestAsync(reqwest::Client::new(), runtime())
    }

    fn fetch<T: ResponseHandler + 'static>(&self, url: &str) -> Result<T, Error> {
        use response_handler::reqwest::RequestBuilderExt;
        self.1
            .block_on(self.0.get(url).handle())
            .map_err(response_error)
    }

    fn next_chunk(&self, body: &mut BodyStream) -> Option<Vec<u8>> {
        next_stream_chunk(&self.1, body)
    }
}

type HyperClient = hyper_util::client::legacy::Client<
    hyper_util::client::legacy::connect::HttpConnector,
    http_body_util::Empty<Bytes>,
>;

fn hyper_client() -> HyperClient {
    hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build_http()
}

/// hyper 1 through hyper-util's client, read with `response_handler::body::handle`.
struct Hyper(HyperClient, tokio::runtime::Runtime);

impl Streaming for Hyper {
    type Body = BodyStream;
    type Other = BodyReader;
    const MAY_FINISH_A_SHORT_REST: bool = true;

    fn new() -> Self {
        Hyper(hyper_client(), runtime())
    }

    fn fetch<T: ResponseHandler + 'static>(&self, url: &str) -> Result<T, Error> {
        let uri: http::Uri = url.parse().unwrap();
        self.1.block_on(async {
            let response = self.0.get(uri).await.expect("hyper request");
            response_handler::body::handle(response).await
        })
    }

    fn next_chunk(&self, body: &mut BodyStream) -> Option<Vec<u8>> {
        next_stream_chunk(&self.1, body)
    }
}

/// hyper-util's client under tower's `HandleLayer`.
struct Tower(HyperClient, tokio::runtime::Runtime);

impl Streaming for Tower {
    type Body = BodyStream;
    type Other = BodyReader;
    const MAY_FINISH_A_SHORT_REST: bool = true;

    fn new() -> Self {
        Tower(hyper_client(), runtime())
    }

    fn fetch<T: ResponseHandler + 'static>(&self, url: &str) -> Result<T, Error> {
        use response_handler::tower::HandleLayer;
        use tower_layer::Layer;
        use tower_service::Service;
        let mut service = HandleLayer::<T>::new().layer(self.0.clone());
        let request = http::Request::get(url).body(Default::default()).unwrap();
        self.1
            .block_on(service.call(request))
            .map_err(response_error)
    }

    fn next_chunk(&self, body: &mut BodyStream) -> Option<Vec<u8>> {
        next_stream_chunk(&self.1, body)
    }
}

struct ReqwestMiddleware(
    reqwest_middleware::ClientWithMiddleware,
    tokio::runtime::Runtime,
);

impl Streaming for ReqwestMiddleware {
    type Body = BodyStream;
    type Other = BodyReader;
    const MAY_FINISH_A_SHORT_REST: bool = true;

    fn new() -> Self {
        let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).build();
        ReqwestMiddleware(client, runtime())
    }

    fn fetch<T: ResponseHandler + 'static>(&self, url: &str) -> Result<T, Error> {
        use response_handler::reqwest_middleware::RequestBuilderExt;
        self.1
            .block_on(self.0.get(url).handle())
            .map_err(response_error)
    }

    fn next_chunk(&self, body: &mut BodyStream) -> Option<Vec<u8>> {
        next_stream_chunk(&self.1, body)
    }
}

/// Five bytes more than 5 MiB: past the 2 MiB buffer limit, and not a whole number of the
/// server's chunks.
const BIG: usize = 5 * 1024 * 1024 + 5;

/// The byte at `offset` of the `/big` body.
fn pattern_at(offset: usize) -> u8 {
    (offset % 251) as u8
}

fn server() -> TestServer {
    TestServer::start(|request| match request.path.as_str() {
        "/events" => Reply::new(200)
            .header("content-type", "text/event-stream")
            .endless("data: tick\n\n"),
        "/big" => {
            let chunk: Vec<u8> = (0..251u16 * 64).map(|i| pattern_at(i.into())).collect();
            Reply::new(200).repeated(chunk, BIG)
        }
        "/limited" => Reply::new(429)
            .header("retry-after", "7")
            .header("content-type", "application/problem+json")
            .body(r#"{"title": "Too many requests", "status": 429}"#),
        "/broken" => Reply::new(500).text("upstream down"),
        "/missing-small" => Reply::new(404).keep_alive().text("x".repeat(1024)),
        "/missing-endless" => Reply::new(404).endless("never read "),
        // Kept alive, written after the head in 1 KiB writes: just under and just over the
        // 64 KiB an unread body is drained for.
        "/missing-60k" => Reply::new(404)
            .keep_alive()
            .repeated("y".repeat(1024), 60 * 1024),
        "/missing-70k" => Reply::new(404)
            .keep_alive()
            .repeated("y".repeat(1024), 70 * 1024),
        "/missing-truncated" => Reply::new(404).truncated(100, "ten bytes."),
        "/part-bad" => Reply::new(200)
            .header("x-part", "seven")
            .body("the part's bytes"),
        _ => Reply::new(400),
    })
}

/// The whole streamed body.
fn read_to_end<C: Streaming>(client: &C, body: &mut C::Body) -> Vec<u8> {
    let mut all = Vec::new();
    while let Some(chunk) = client.next_chunk(body) {
        all.extend_from_slice(&chunk);
    }
    all
}

fn a_success_streams_while_the_failures_are_buffered_and_typed<C: Streaming>() {
    let server = server();
    let client = C::new();

    // The body never ends: buffered, it would fail at the limit; streamed, it is read as it
    // comes, as far as the caller wants.
    let Download::File(mut events) = client.fetch(&server.url("/events")).unwrap() else {
        panic!("expected File");
    };
    let mut seen = Vec::new();
    while seen.len() < 36 {
        seen.extend(client.next_chunk(&mut events).expect("the stream goes on"));
    }
    assert!(
        seen.starts_with(b"data: tick\n\ndata: tick\n\ndata: tick\n\n"),
        "{:?}",
        String::from_utf8_lossy(&seen)
    );
    drop(events);

    match client.fetch::<Download<C::Body>>(&server.url("/limited")) {
        Ok(Download::RateLimited(Some(RetryAfter(Wait::After(delay))), problem)) => {
            assert_eq!(delay, Duration::from_secs(7));
            assert_eq!(problem.title(), Some("Too many requests"));
            assert_eq!(problem.status(), Some(StatusCode::TOO_MANY_REQUESTS));
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    match client.fetch::<Download<C::Body>>(&server.url("/broken")) {
        Ok(Download::Failed(status, text)) => {
            assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(text, "upstream down");
        }
        other => panic!("expected Failed, got {other:?}"),
    }
}

fn a_streamed_body_past_the_buffer_limit_arrives_whole<C: Streaming>() {
    let server = server();
    let client = C::new();
    let Download::File(mut body) = client.fetch(&server.url("/big")).unwrap() else {
        panic!("expected File");
    };
    let mut offset = 0;
    while let Some(chunk) = client.next_chunk(&mut body) {
        for (index, byte) in chunk.iter().enumerate() {
            assert_eq!(*byte, pattern_at(offset + index), "byte {}", offset + index);
        }
        offset += chunk.len();
    }
    assert_eq!(offset, BIG);
}

fn a_small_unread_body_is_drained_and_the_connection_reused<C: Streaming>() {
    let server = server();
    let client = C::new();
    for _ in 0..3 {
        let outcome = client.fetch::<Download<C::Body>>(&server.url("/missing-small"));
        assert!(matches!(outcome, Ok(Download::Missing)), "{outcome:?}");
    }
    assert_eq!(server.connections(), 1, "the drained connection is reused");
}

/// The drain's 64 KiB, on bodies written after the head (not in the head's own write, which a
/// client may read whole with the head): 60 KiB is drained and its connection reused; 70 KiB is
/// left after 64 KiB, and its connection closed — exactly so through ureq; hyper may read the
/// remaining 6 KiB itself when they are already in its buffer, and reuse the connection, so
/// through the hyper-based clients the 70 KiB case takes one connection or two.
fn the_drain_limit_decides_whether_the_connection_is_reused<C: Streaming>() {
    let left = if C::MAY_FINISH_A_SHORT_REST {
        1..=2
    } else {
        2..=2
    };
    for (path, connections) in [("/missing-60k", 1..=1), ("/missing-70k", left)] {
        let server = server();
        let client = C::new();
        for _ in 0..2 {
            let outcome = client.fetch::<Download<C::Body>>(&server.url(path));
            assert!(
                matches!(outcome, Ok(Download::Missing)),
                "{path}: {outcome:?}"
            );
        }
        let opened = server.connections();
        assert!(
            connections.contains(&opened),
            "{path}: {opened} connections"
        );
    }
}

fn a_large_unread_body_is_left_unread_and_the_connection_closed<C: Streaming>() {
    let server = server();
    let client = C::new();
    // The body never ends: reading it whole would fail at the limit (or never return).
    let outcome = client.fetch::<Download<C::Body>>(&server.url("/missing-endless"));
    assert!(matches!(outcome, Ok(Download::Missing)), "{outcome:?}");
    let outcome = client.fetch::<Download<C::Body>>(&server.url("/missing-small"));
    assert!(matches!(outcome, Ok(Download::Missing)), "{outcome:?}");
    assert_eq!(
        server.connections(),
        2,
        "the half-read connection is not reused"
    );
}

fn a_failure_in_a_body_no_field_reads_is_no_error<C: Streaming>() {
    let server = server();
    let client = C::new();
    let outcome = client.fetch::<Download<C::Body>>(&server.url("/missing-truncated"));
    assert!(matches!(outcome, Ok(Download::Missing)), "{outcome:?}");
    // The same bytes, for a variant that reads the body: the transport's error.
    #[derive(Debug, ResponseHandler)]
    #[on(404)]
    struct Missing(#[allow(dead_code)] String);
    let error = client
        .fetch::<Missing>(&server.url("/missing-truncated"))
        .unwrap_err();
    assert!(error.kind() == ErrorKind::Transport, "{error:?}");
    assert_eq!(error.body(), &b"ten bytes."[..]);
}

fn a_failed_field_before_the_stream_leaves_the_live_body_in_the_error<C: Streaming>() {
    let server = server();
    let client = C::new();
    let error = client
        .fetch::<Part<C::Body>>(&server.url("/part-bad"))
        .unwrap_err();
    assert!(
        matches!(error.extract_error(), Some(ExtractError::InvalidHeader { name, .. }) if name == "x-part"),
        "{error:?}"
    );
    assert!(
        format!("{:?}", error.response()).contains("(live, not read)"),
        "{:?}",
        error.response()
    );
    let mut body = error.response().extract::<C::Body>().unwrap();
    assert_eq!(read_to_end(&client, &mut body), b"the part's bytes");
}

/// The other kind of stream through a client's verb is a build error (`tests/ui/streaming/`);
/// taken from a response outside the verbs, it is a typed error that leaves the live body
/// where it was.
fn the_other_kind_of_stream_is_a_typed_error_that_keeps_the_live_body<C: Streaming>() {
    let server = server();
    let client = C::new();
    let error = client
        .fetch::<Part<C::Body>>(&server.url("/part-bad"))
        .unwrap_err();
    let other = error.response().extract::<C::Other>().unwrap_err();
    assert!(
        matches!(other, ExtractError::StreamUnavailable(_)),
        "{other:?}"
    );
    let mut body = error.response().extract::<C::Body>().unwrap();
    assert_eq!(read_to_end(&client, &mut body), b"the part's bytes");
}

/// A live body dropped half read (a `BodyReader` on the blocking clients, a `BodyStream` on the
/// async ones) closes its connection: the client reads the next response on another, and the
/// server is left with no more open connections than the client's idle pool keeps (one, the
/// keep-alive connection of that next request, for every client here).
fn a_body_dropped_half_read_closes_its_connection<C: Streaming>() {
    let server = server();
    let client = C::new();
    let Ok(Download::File(mut body)) = client.fetch::<Download<C::Body>>(&server.url("/events"))
    else {
        panic!("expected the streamed success");
    };
    let first = client.next_chunk(&mut body).expect("a first chunk");
    assert!(first.starts_with(b"data: tick"), "{first:?}");
    drop(body);
    let outcome = client.fetch::<Download<C::Body>>(&server.url("/missing-small"));
    assert!(matches!(outcome, Ok(Download::Missing)), "{outcome:?}");
    assert_eq!(
        server.connections(),
        2,
        "the half-read connection is not reused"
    );
    let open = server.open_connections_settle_at_most(1);
    assert!(open <= 1, "{open} connections open, the idle pool keeps 1");
}

macro_rules! for_each_client {
    ($($module:ident: $client:ty;)*) => {$(
        mod $module {
            use super::*;
            #[test]
            fn streams_a_success_and_buffers_the_failures() {
                a_success_streams_while_the_failures_are_buffered_and_typed::<$client>()
            }
            #[test]
            fn past_the_buffer_limit() {
                a_streamed_body_past_the_buffer_limit_arrives_whole::<$client>()
            }
            #[test]
            fn small_unread_body_drained() {
                a_small_unread_body_is_drained_and_the_connection_reused::<$client>()
            }
            #[test]
            fn drain_limit_decides_reuse() {
                the_drain_limit_decides_whether_the_connection_is_reused::<$client>()
            }
            #[test]
            fn large_unread_body_left() {
                a_large_unread_body_is_left_unread_and_the_connection_closed::<$client>()
            }
            #[test]
            fn unread_body_failure() {
                a_failure_in_a_body_no_field_reads_is_no_error::<$client>()
            }
            #[test]
            fn failed_field_before_the_stream() {
                a_failed_field_before_the_stream_leaves_the_live_body_in_the_error::<$client>()
            }
            #[test]
            fn body_dropped_half_read() {
                a_body_dropped_half_read_closes_its_connection::<$client>()
            }
            #[test]
            fn other_kind_of_stream() {
                the_other_kind_of_stream_is_a_typed_error_that_keeps_the_live_body::<$client>()
            }
        }
    )*};
}

for_each_client! {
    ureq_client: Ureq;
    reqwest_blocking: ReqwestBlocking;
    reqwest_async: ReqwestAsync;
    hyper_client: Hyper;
    tower_layer_client: Tower;
    middleware: ReqwestMiddleware;
}

/// Under a retry policy (`handle_using` with `CallOptions::retry`), each attempt is read as its own status needs: the 503 buffered (its
/// `Retry-After` decides the wait), the 200 that follows streamed, past the buffer limit.
#[test]
fn a_retried_request_streams_the_success_that_ends_it() {
    use response_handler::reqwest::blocking::RequestBuilderExt;
    use response_handler::retry::RetryPolicy;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    #[derive(Debug, ResponseHandler)]
    enum Fetch {
        #[on_success]
        File(BodyReader),
        #[on(503)]
        #[retry]
        Busy(Option<RetryAfter>, String),
    }

    let calls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&calls);
    let server = TestServer::start(move |_| match counted.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::new(503).header("retry-after", "3").text("busy"),
        _ => Reply::new(200).repeated("0123456789", BIG),
    });
    let slept = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&slept);
    let policy = RetryPolicy::new().sleeper(move |delay| recorded.lock().unwrap().push(delay));
    let Fetch::File(mut body) = reqwest::blocking::Client::new()
        .get(server.url("/file"))
        .handle_using::<Fetch>(&response_handler::CallOptions::new().retry(policy.clone()))
        .unwrap()
    else {
        panic!("expected File");
    };
    let mut length = 0;
    while let Some(chunk) = read_chunk(&mut body) {
        assert!(chunk.iter().all(u8::is_ascii_digit));
        length += chunk.len();
    }
    assert_eq!(length, BIG);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(*slept.lock().unwrap(), [Duration::from_secs(3)]);
}

/// In memory (`from_response`), a streaming field reads the bytes in memory.
#[test]
fn in_memory_a_streaming_field_reads_the_bytes_in_memory() {
    let response = || {
        http::Response::builder()
            .status(200)
            .body("in memory")
            .unwrap()
    };
    let Download::File(mut reader) = Download::<BodyReader>::from_response(response()).unwrap()
    else {
        panic!("expected File");
    };
    assert!(!reader.is_live());
    let mut text = String::new();
    reader.read_to_string(&mut text).unwrap();
    assert_eq!(text, "in memory");

    let Download::File(mut stream) = Download::<BodyStream>::from_response(response()).unwrap()
    else {
        panic!("expected File");
    };
    assert!(!stream.is_live());
    let runtime = runtime();
    assert_eq!(
        next_stream_chunk(&runtime, &mut stream),
        Some(b"in memory".to_vec())
    );
    assert_eq!(next_stream_chunk(&runtime, &mut stream), None);
}

/// What the derive says each status needs of the body: the variant's fields, and a buffered
/// body for a status no variant takes (the error keeps it).
#[test]
fn body_need_follows_the_variant_each_status_selects() {
    let need = |code: u16| Download::<BodyReader>::body_need(StatusCode::from_u16(code).unwrap());
    assert_eq!(need(200), BodyNeed::Streamed);
    assert_eq!(need(299), BodyNeed::Streamed);
    assert_eq!(need(404), BodyNeed::Unread);
    assert_eq!(need(429), BodyNeed::Buffered);
    assert_eq!(need(500), BodyNeed::Buffered);
    assert_eq!(need(302), BodyNeed::Buffered);
    assert_eq!(need(101), BodyNeed::Buffered);
    // A header field reads no body: only the stream counts.
    assert_eq!(
        Part::<BodyStream>::body_need(StatusCode::OK),
        BodyNeed::Streamed
    );
    assert_eq!(
        Part::<BodyStream>::body_need(StatusCode::BAD_REQUEST),
        BodyNeed::Unread
    );
    // Through a field whose type is itself derived, the inner type's need.
    #[allow(dead_code)]
    #[derive(Debug, ResponseHandler)]
    enum Outer {
        #[on_success]
        Inner(Download<BodyReader>),
        #[on(404)]
        Gone(String),
    }
    assert_eq!(Outer::body_need(StatusCode::OK), BodyNeed::Streamed);
    assert_eq!(Outer::body_need(StatusCode::NOT_FOUND), BodyNeed::Buffered);
    assert_eq!(Outer::body_need(StatusCode::CONFLICT), BodyNeed::Buffered);
}

/// `body_need` merges the exact codes that need the same and leaves out one whose range or
/// catch-all needs the same (`macros/src/dispatch.rs`, `answer_arms`): every status still
/// needs what the variant it selects needs, also an exact code inside a range that needs less.
#[test]
fn body_need_with_merged_arms_still_follows_each_variant() {
    #[allow(dead_code)]
    #[derive(Debug, ResponseHandler)]
    enum Merged {
        #[on(200)]
        Ok(String),
        #[on(202)]
        Accepted(String),
        #[on(204)]
        NoContent,
        #[on(404)]
        NotFound(String),
        #[on(409)]
        Conflict,
        #[on(503)]
        Unavailable(String),
        #[on(400..=499)]
        Client,
        #[on_success]
        OtherSuccess,
        #[on_failure]
        Failed(String),
    }
    use BodyNeed::{Buffered, Unread};
    // 404: inside the range, which reads nothing, but its own variant reads the body.
    let expected = [
        (200, Buffered),
        (202, Buffered),
        (201, Unread),
        (204, Unread),
        (404, Buffered),
        (409, Unread),
        (400, Unread),
        (503, Buffered),
        (500, Buffered),
        (302, Buffered),
    ];
    assert_needs::<Merged>(&expected);

    // One `match` over the classes: the failure catch-all reaches 999, a class nothing handles
    // is the default (a buffered body, for the error).
    #[allow(dead_code)]
    #[derive(Debug, ResponseHandler)]
    enum Bare {
        #[on(404)]
        NotFound(String),
        #[on_failure]
        Failed,
    }
    let expected = [
        (404, Buffered),
        (400, Unread),
        (600, Unread),
        (999, Unread),
        (200, Buffered),
        (101, Buffered),
    ];
    assert_needs::<Bare>(&expected);
}

/// `T::body_need` of each code is the need beside it.
fn assert_needs<T: ResponseHandler>(expected: &[(u16, BodyNeed)]) {
    for &(code, need) in expected {
        let status = StatusCode::from_u16(code).unwrap();
        assert_eq!(T::body_need(status), need, "{code}");
    }
}

/// What the client verbs check at build time: which kind of live body a type takes, through a
/// generic, an `Option`, and a field whose type is itself derived. (The refusals themselves are
/// UI tests: `tests/ui/streaming/*_through_*_client.rs`.)
#[test]
fn a_type_says_which_kind_of_stream_it_takes() {
    #[allow(dead_code)]
    #[derive(Debug, ResponseHandler)]
    enum Outer {
        #[on_success]
        Inner(Download<BodyReader>),
        #[on(404)]
        Gone(Option<BodyStream>),
    }
    fn kinds<T: ResponseHandler>() -> (bool, bool) {
        (T::__STREAMS_BLOCKING, T::__STREAMS_ASYNC)
    }
    assert_eq!(kinds::<Download<BodyReader>>(), (true, false));
    assert_eq!(kinds::<Download<BodyStream>>(), (false, true));
    assert_eq!(kinds::<Download<String>>(), (false, false));
    assert_eq!(kinds::<Outer>(), (true, true));
}
