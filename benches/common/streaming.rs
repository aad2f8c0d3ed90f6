//! What `tests/streaming_memory.rs` (debug, 4 and 40 MiB) and `benches/streaming_memory.rs`
//! (release, 64 and 640 MiB) share: a loopback server with a long `Reply::repeated` body, each
//! client integration reading it through a `BodyReader` or `BodyStream` variant, and the peak
//! heap of one call-and-read above the heap in use just before it.
//!
//! The peak is process-wide (`peak_alloc` wraps the global allocator): it sees the threads of
//! reqwest's blocking client and of the test server too, which a per-thread counter would miss.

use std::time::{Duration, Instant};

use bytes::Bytes;
use peak_alloc::PeakAlloc;
use response_handler::{BodyReader, BodyStream, ResponseHandler, StatusCode};
use suite::{Reply, TestServer};

/// The bound on the peak heap of a call-and-read above the baseline, whatever the body's length.
pub const BOUND: usize = 1 << 20;

/// hyper's largest read buffer (`DEFAULT_MAX_BUFFER_SIZE` in hyper 1's `proto/h1/io.rs`; "~400kb"
/// in hyper-util's `Builder::http1_max_buf_size`). Each chunk of a hyper body is a slice of the
/// read buffer it was read into, and keeps that buffer alive until it is dropped.
const HYPER_READ_BUFFER: usize = 8192 + 4096 * 100;

/// reqwest's blocking client reads on a thread of its own: while the caller still reads one
/// chunk (reqwest keeps it in its `AsyncRead` until every byte is taken), the next waits in
/// hyper's body channel and hyper reads the one after into a third buffer. Three read buffers,
/// about 1.2 MiB, with reqwest alone (`Response` read with `std::io::Read`, no handler): more
/// than [`BOUND`], and still the same at any length.
const REQWEST_BLOCKING_BOUND: usize = 3 * HYPER_READ_BUFFER + 64 * 1024;

/// A blocking client's download: the success streams, a failure is buffered and bounded.
#[derive(Debug, ResponseHandler)]
pub enum Download {
    #[on_success]
    File(BodyReader),
    #[on_failure]
    Failed(StatusCode, String),
}

/// An async client's download.
#[derive(Debug, ResponseHandler)]
pub enum Stream {
    #[on_success]
    File(BodyStream),
    #[on_failure]
    Failed(StatusCode, String),
}

/// The repeated chunk: a length that is neither a power of two nor a multiple of the pattern's
/// period (251), so that a piece lost, doubled or taken from the wrong offset does not compare
/// equal.
const CHUNK: usize = 8 * 1024 - 3;

fn chunk() -> Vec<u8> {
    (0..CHUNK).map(|index| (index % 251) as u8).collect()
}

/// How many bytes a read, or a comparison, takes at a time.
const WINDOW: usize = 64 * 1024;

/// Checks that the bytes read are the server's, in order, and counts them. Its buffers are
/// allocated before the baseline: feeding it allocates nothing.
pub struct Check {
    /// The chunk again and again, long enough to hold any window from any offset in a chunk.
    expected: Vec<u8>,
    /// Where blocking reads land.
    buffer: Vec<u8>,
    read: u64,
}

impl Check {
    pub fn new() -> Check {
        let chunk = chunk();
        Check {
            expected: chunk.iter().copied().cycle().take(CHUNK + WINDOW).collect(),
            buffer: vec![0; WINDOW],
            read: 0,
        }
    }

    fn start(&mut self) {
        self.read = 0;
    }

    fn feed(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            let start = (self.read % CHUNK as u64) as usize;
            let length = data.len().min(WINDOW);
            assert!(
                data[..length] == self.expected[start..start + length],
                "the bytes from offset {} are not the server's",
                self.read,
            );
            self.read += length as u64;
            data = &data[length..];
        }
    }

    /// Reads `reader` to its end.
    fn read_all(&mut self, reader: &mut impl std::io::Read) {
        let mut buffer = core::mem::take(&mut self.buffer);
        loop {
            match reader.read(&mut buffer) {
                Ok(0) => break,
                Ok(read) => self.feed(&buffer[..read]),
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => panic!("the body failed after {} bytes: {error}", self.read),
            }
        }
        self.buffer = buffer;
    }

    /// Reads `stream` to its end.
    async fn stream_all(&mut self, stream: &mut BodyStream) {
        while let Some(data) = stream.chunk().await.expect("the body") {
            self.feed(&data);
        }
    }
}

/// The body that warms a connection before any baseline: long enough (4 MiB) for hyper's read
/// buffer to grow to its largest, which it does once per connection whatever comes after.
/// Without it the first measured body also counts the growth, during which the old buffer and
/// the new one are both alive, and the peak then depends on where the reads fell (1.27 MiB
/// through reqwest's blocking client in one run, 0.8 MiB in the next), not on the body.
const WARM_LENGTH: usize = 4 << 20;

/// The server: `/warm` a body of `WARM_LENGTH`, `/LENGTH` a body of LENGTH bytes, every connection kept
/// alive.
pub fn server() -> TestServer {
    TestServer::start(|request| {
        let length = match request.path.as_str() {
            "/warm" => WARM_LENGTH,
            path => path[1..].parse().expect("/LENGTH"),
        };
        Reply::new(200)
            .header("content-type", "application/octet-stream")
            .repeated(chunk(), length)
            .keep_alive()
    })
}

#[derive(Debug, Clone, Copy)]
pub enum Client {
    Ureq,
    ReqwestBlocking,
    ReqwestAsync,
    Hyper,
    Tower,
    ReqwestMiddleware,
}

impl Client {
    pub const ALL: [Client; 6] = [
        Client::Ureq,
        Client::ReqwestBlocking,
        Client::ReqwestAsync,
        Client::Hyper,
        Client::Tower,
        Client::ReqwestMiddleware,
    ];

    /// The bound on the peak heap above the baseline through this client: [`BOUND`], but for
    /// reqwest's blocking client, whose own buffers take more (see `REQWEST_BLOCKING_BOUND`).
    pub fn bound(self) -> usize {
        match self {
            Client::ReqwestBlocking => REQWEST_BLOCKING_BOUND,
            _ => BOUND,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Client::Ureq => "ureq",
            Client::ReqwestBlocking => "reqwest-blocking",
            Client::ReqwestAsync => "reqwest-async",
            Client::Hyper => "hyper (body::handle)",
            Client::Tower => "tower (HandleLayer)",
            Client::ReqwestMiddleware => "reqwest-middleware",
        }
    }
}

type HyperClient = hyper_util::client::legacy::Client<
    hyper_util::client::legacy::connect::HttpConnector,
    http_body_util::Empty<Bytes>,
>;

/// One client of each kind, connections kept alive between requests.
pub struct Clients {
    ureq: ureq::Agent,
    blocking: reqwest::blocking::Client,
    runtime: tokio::runtime::Runtime,
    reqwest: reqwest::Client,
    hyper: HyperClient,
    tower: response_handler::tower::Handle<HyperClient, Stream>,
    middleware: reqwest_middleware::ClientWithMiddleware,
}

impl Clients {
    pub fn new() -> Clients {
        // Current-thread: the async clients read on the calling thread, as in a small program.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a current-thread runtime");
        let hyper = {
            let _entered = runtime.enter();
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http()
        };
        let tower = {
            use tower_layer::Layer;
            response_handler::tower::HandleLayer::<Stream>::new().layer(
                hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                    .build_http(),
            )
        };
        Clients {
            ureq: ureq::Agent::config_builder()
                .max_redirects(0)
                .build()
                .into(),
            blocking: reqwest::blocking::Client::new(),
            reqwest: reqwest::Client::new(),
            hyper,
            tower,
            middleware: reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).build(),
            runtime,
        }
    }

    /// Sends a GET to `url` through `client` and reads the body to its end into `check`.
    fn stream(&mut self, client: Client, url: &str, check: &mut Check) {
        match client {
            Client::Ureq => {
                use response_handler::ureq::RequestBuilderExt;
                let outcome = self.ureq.get(url).handle::<Download>();
                read(outcome.expect("a response"), check);
            }
            Client::ReqwestBlocking => {
                use response_handler::reqwest::blocking::RequestBuilderExt;
                let outcome = self.blocking.get(url).handle::<Download>();
                read(outcome.expect("a response"), check);
            }
            Client::ReqwestAsync => self.runtime.block_on(async {
                use response_handler::reqwest::RequestBuilderExt;
                let outcome = self.reqwest.get(url).handle::<Stream>().await;
                stream(outcome.expect("a response"), check).await;
            }),
            Client::Hyper => self.runtime.block_on(async {
                let response = self.hyper.request(get(url)).await.expect("a response");
                let outcome = response_handler::body::handle::<Stream, _>(response).await;
                stream(outcome.expect("a response"), check).await;
            }),
            Client::Tower => self.runtime.block_on(async {
                use tower_service::Service;
                let service = &mut self.tower;
                core::future::poll_fn(|context| service.poll_ready(context))
                    .await
                    .expect("a ready service");
                let outcome = service.call(get(url)).await;
                stream(outcome.expect("a response"), check).await;
            }),
            Client::ReqwestMiddleware => self.runtime.block_on(async {
                use response_handler::reqwest_middleware::RequestBuilderExt;
                let outcome = self.middleware.get(url).handle::<Stream>().await;
                stream(outcome.expect("a response"), check).await;
            }),
        }
    }

    /// One request to `/warm`: the connection is open, the pool holds it, hyper's read buffer
    /// has grown to its largest and every lazy initialisation of the path has run before a
    /// baseline is taken.
    pub fn warm(&mut self, client: Client, server: &TestServer, check: &mut Check) {
        check.start();
        self.stream(client, &server.url("/warm"), check);
        assert_eq!(check.read, WARM_LENGTH as u64, "{}: /warm", client.name());
    }

    /// Streams a body of `length` bytes through `client`, checking every byte: the peak heap
    /// above the baseline (the heap in use just before the request), and the time it took.
    /// `url` is built by the caller, before the baseline.
    pub fn measure(
        &mut self,
        client: Client,
        url: &str,
        length: u64,
        peak: &PeakAlloc,
        check: &mut Check,
    ) -> Measured {
        check.start();
        peak.reset_peak_usage();
        let baseline = peak.current_usage();
        let started = Instant::now();
        self.stream(client, url, check);
        let elapsed = started.elapsed();
        let above = peak.peak_usage().saturating_sub(baseline);
        assert_eq!(check.read, length, "{}: bytes read", client.name());
        Measured { above, elapsed }
    }
}

/// What one call-and-read cost.
pub struct Measured {
    /// The peak heap above the baseline, in bytes.
    pub above: usize,
    pub elapsed: Duration,
}

fn read(outcome: Download, check: &mut Check) {
    match outcome {
        Download::File(mut body) => {
            assert!(body.is_live(), "the body was buffered");
            check.read_all(&mut body);
        }
        Download::Failed(status, body) => panic!("{status}: {body}"),
    }
}

async fn stream(outcome: Stream, check: &mut Check) {
    match outcome {
        Stream::File(mut body) => {
            assert!(body.is_live(), "the body was buffered");
            check.stream_all(&mut body).await;
        }
        Stream::Failed(status, body) => panic!("{status}: {body}"),
    }
}

fn get(url: &str) -> http::Request<http_body_util::Empty<Bytes>> {
    http::Request::get(url)
        .body(http_body_util::Empty::new())
        .expect("a request")
}

/// `1048576` as `1.00 MiB`, `20480` as `20.0 KiB`.
pub fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.2} MiB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}
