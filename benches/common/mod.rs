//! What the end-to-end benchmarks share: a loopback server with a 1 KiB and a 1 MiB JSON array,
//! each client, and for each client the derived `handle::<T>()` and its hand-written twin (the
//! same client, a `match` on the status, `serde_json::from_slice`).

use bytes::Bytes;
use http_body_util::BodyExt;
use response_handler::{Json, ResponseHandler, StatusCode};
use suite::{Reply, TestServer};

/// The derived side: what a new user writes.
#[derive(Debug, ResponseHandler)]
pub enum Fetch {
    #[on(200)]
    Found(Json<Vec<u64>>),
    #[on_failure]
    Failed(StatusCode),
}

/// The hand-written side's outcome (the same information as `Fetch`).
#[derive(Debug)]
pub enum Raw {
    Found(Vec<u64>),
    Failed(StatusCode),
}

fn decode(status: StatusCode, body: &[u8]) -> Raw {
    match status.as_u16() {
        200 => Raw::Found(serde_json::from_slice(body).expect("a JSON array")),
        _ => Raw::Failed(status),
    }
}

/// How many numbers a derived outcome holds (it must be a `Found`).
fn found(outcome: Fetch) -> usize {
    match outcome {
        Fetch::Found(Json(values)) => values.len(),
        Fetch::Failed(status) => panic!("unexpected {status}"),
    }
}

fn raw_found(outcome: Raw) -> usize {
    match outcome {
        Raw::Found(values) => values.len(),
        Raw::Failed(status) => panic!("unexpected {status}"),
    }
}

/// A JSON array of numbers, exactly `len` bytes long.
pub fn json_array(len: usize) -> Vec<u8> {
    let mut body = b"[".to_vec();
    let mut n = 1_000_000u64;
    while body.len() + 9 < len {
        if body.len() > 1 {
            body.push(b',');
        }
        body.extend_from_slice(n.to_string().as_bytes());
        n += 1;
    }
    while body.len() + 1 < len {
        body.push(b' ');
    }
    body.push(b']');
    assert_eq!(body.len(), len);
    body
}

/// The two bodies: a name, the path that serves it, its length.
pub const SIZES: [(&str, &str, usize); 2] = [("1KiB", "/small", 1024), ("1MiB", "/large", 1 << 20)];

#[derive(Debug, Clone, Copy)]
pub enum Client {
    Ureq,
    ReqwestBlocking,
    ReqwestAsync,
    Hyper,
}

impl Client {
    pub const ALL: [Client; 4] = [
        Client::Ureq,
        Client::ReqwestBlocking,
        Client::ReqwestAsync,
        Client::Hyper,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Client::Ureq => "ureq",
            Client::ReqwestBlocking => "reqwest-blocking",
            Client::ReqwestAsync => "reqwest-async",
            Client::Hyper => "hyper",
        }
    }
}

/// How long the clients keep an idle connection: under the test server's 10 s read timeout, so
/// that a client never sends on a connection the server closed while other groups ran.
const IDLE: std::time::Duration = std::time::Duration::from_secs(5);

/// The server and one client of each kind, connections kept alive between requests.
pub struct Setup {
    pub server: TestServer,
    ureq: ureq::Agent,
    blocking: reqwest::blocking::Client,
    runtime: tokio::runtime::Runtime,
    reqwest: reqwest::Client,
    hyper: hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        http_body_util::Empty<Bytes>,
    >,
}

impl Setup {
    pub fn new() -> Setup {
        let (small, large) = (json_array(SIZES[0].2), json_array(SIZES[1].2));
        let server = TestServer::start(move |request| {
            let body = if request.path == SIZES[1].1 {
                &large
            } else {
                &small
            };
            Reply::new(200).json(body).keep_alive()
        });
        // Current-thread: the async clients read on the calling thread, as in a small program.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a current-thread runtime");
        let reqwest = runtime.block_on(async {
            reqwest::Client::builder()
                .pool_idle_timeout(IDLE)
                .build()
                .expect("a client")
        });
        let hyper = {
            let _entered = runtime.enter();
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .pool_idle_timeout(IDLE)
                .build_http()
        };
        Setup {
            server,
            ureq: ureq::Agent::config_builder()
                .max_redirects(0)
                .max_idle_age(IDLE)
                .build()
                .into(),
            blocking: reqwest::blocking::Client::builder()
                .pool_idle_timeout(IDLE)
                .build()
                .expect("a blocking client"),
            runtime,
            reqwest,
            hyper,
        }
    }

    /// The numbers in the array at `url`, through `client` and the derived `handle::<Fetch>()`.
    pub fn derived(&self, client: Client, url: &str) -> usize {
        let outcome = match client {
            Client::Ureq => {
                use response_handler::ureq::RequestBuilderExt;
                self.ureq.get(url).handle::<Fetch>().expect("a response")
            }
            Client::ReqwestBlocking => {
                use response_handler::reqwest::blocking::RequestBuilderExt;
                self.blocking
                    .get(url)
                    .handle::<Fetch>()
                    .expect("a response")
            }
            Client::ReqwestAsync => {
                use response_handler::reqwest::RequestBuilderExt;
                self.runtime
                    .block_on(self.reqwest.get(url).handle::<Fetch>())
                    .expect("a response")
            }
            Client::Hyper => self
                .runtime
                .block_on(async {
                    let response = self.hyper.request(get(url)).await.expect("a response");
                    response_handler::body::handle::<Fetch, _>(response).await
                })
                .expect("a response"),
        };
        found(outcome)
    }

    /// The same, through the same client and the hand-written `match` + `from_slice`.
    pub fn hand_written(&self, client: Client, url: &str) -> usize {
        let outcome = match client {
            Client::Ureq => {
                let response = self
                    .ureq
                    .get(url)
                    .config()
                    .http_status_as_error(false)
                    .build()
                    .call()
                    .expect("a response");
                let status = response.status();
                // The same limit as `handle` (ureq's own default is 10 MB).
                let body = response
                    .into_body()
                    .with_config()
                    .limit(response_handler::DEFAULT_BODY_LIMIT as u64)
                    .read_to_vec()
                    .expect("the body");
                decode(status, &body)
            }
            Client::ReqwestBlocking => {
                let response = self.blocking.get(url).send().expect("a response");
                let status = response.status();
                decode(status, &response.bytes().expect("the body"))
            }
            Client::ReqwestAsync => self.runtime.block_on(async {
                let response = self.reqwest.get(url).send().await.expect("a response");
                let status = response.status();
                decode(status, &response.bytes().await.expect("the body"))
            }),
            Client::Hyper => self.runtime.block_on(async {
                let response = self.hyper.request(get(url)).await.expect("a response");
                let status = response.status();
                let body = response.into_body().collect().await.expect("the body");
                decode(status, &body.to_bytes())
            }),
        };
        raw_found(outcome)
    }
}

fn get(url: &str) -> http::Request<http_body_util::Empty<Bytes>> {
    http::Request::get(url)
        .body(http_body_util::Empty::new())
        .expect("a request")
}
