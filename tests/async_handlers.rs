//! Async handlers (`#[handler(output = ..., async)]`) driven by the async clients against the
//! loopback server: hyper through `http_body`, reqwest (on a spawned task, so the futures are
//! proven `Send`), and a response already in memory.

use bytes::Bytes;
use response_handler::reqwest::AsyncHandlerExt;
use response_handler::{AsyncHandler, Error, Failure, Redirection, ResponseHandler, Success};
use suite::{Reply, TestServer};

/// What the handler saw, so that each test can assert which method ran.
#[derive(Debug, PartialEq)]
enum Seen {
    Body(String),
    NotModified(String),
    Failed(u16),
    Unexpected(u16),
    ReadFailed,
}

/// A conditional-GET cache: its state (the validator and the body) is kept across calls.
#[derive(ResponseHandler)]
#[handler(output = Seen, async, error = on_read_error)]
#[on(200, call = fresh)]
#[on(304, call = not_modified)]
#[on_failure(call = failed)]
struct Cache {
    etag: Option<String>,
    body: Option<String>,
    calls: usize,
}

impl Cache {
    fn new() -> Self {
        Cache {
            etag: None,
            body: None,
            calls: 0,
        }
    }

    async fn fresh(&mut self, response: Success) -> Seen {
        // A real await point: the method is polled more than once.
        tokio::task::yield_now().await;
        self.calls += 1;
        self.etag = response
            .headers()
            .get("etag")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body: String = response.extract().unwrap();
        self.body = Some(body.clone());
        Seen::Body(body)
    }

    async fn not_modified(&mut self, _: Redirection) -> Seen {
        self.calls += 1;
        Seen::NotModified(self.body.clone().unwrap_or_default())
    }

    async fn failed(&mut self, response: Failure) -> Seen {
        self.calls += 1;
        Seen::Failed(response.status().as_u16())
    }

    async fn on_read_error(&mut self, error: Error) -> Seen {
        tokio::task::yield_now().await;
        self.calls += 1;
        if error.is_unexpected_status() {
            Seen::Unexpected(error.response().status().as_u16())
        } else {
            Seen::ReadFailed
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn server() -> TestServer {
    TestServer::start(|request| match request.path.as_str() {
        "/item" if request.header("if-none-match") == Some("\"v1\"") => {
            Reply::new(304).header("etag", "\"v1\"")
        }
        "/item" => Reply::new(200).header("etag", "\"v1\"").text("hello"),
        "/missing" => Reply::new(404).text("no such item"),
        "/moved" => Reply::new(302).header("location", "/item"),
        "/cut" => Reply::new(200).truncated(100, "only this"),
        _ => Reply::new(500),
    })
}

#[test]
fn reqwest_drives_an_async_handler_on_a_spawned_task() {
    let server = server();
    let runtime = runtime();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let get = |path: &str, cache: Cache| {
        let mut request = client.get(server.url(path));
        if let Some(etag) = &cache.etag {
            request = request.header("if-none-match", etag);
        }
        // `spawn` needs a `Send` future: the handler's futures are.
        runtime
            .block_on(runtime.spawn(async move {
                let mut cache = cache;
                let response = request.send().await.unwrap();
                let seen = response.handle_with_async(&mut cache).await;
                (seen, cache)
            }))
            .unwrap()
    };
    let (seen, cache) = get("/item", Cache::new());
    assert_eq!(seen, Seen::Body("hello".to_owned()));
    assert_eq!(cache.etag.as_deref(), Some("\"v1\""));
    let (seen, cache) = get("/item", cache);
    assert_eq!(seen, Seen::NotModified("hello".to_owned()));
    let (seen, cache) = get("/missing", cache);
    assert_eq!(seen, Seen::Failed(404));
    let (seen, cache) = get("/moved", cache);
    assert_eq!(seen, Seen::Unexpected(302));
    let (seen, cache) = get("/cut", cache);
    assert_eq!(seen, Seen::ReadFailed);
    assert_eq!(cache.calls, 5);
}

#[test]
fn hyper_drives_an_async_handler_through_http_body() {
    let server = server();
    let runtime = runtime();
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Empty<Bytes>>();
    let mut cache = Cache::new();
    let mut get = |path: &str| {
        let mut request = http::Request::builder().uri(server.url(path));
        if let Some(etag) = &cache.etag {
            request = request.header("if-none-match", etag.as_str());
        }
        let request = request.body(http_body_util::Empty::new()).unwrap();
        runtime.block_on(async {
            let response = client.request(request).await.unwrap();
            response_handler::body::handle_with_async(response, &mut cache).await
        })
    };
    assert_eq!(get("/item"), Seen::Body("hello".to_owned()));
    assert_eq!(get("/item"), Seen::NotModified("hello".to_owned()));
    assert_eq!(get("/missing"), Seen::Failed(404));
    assert_eq!(get("/moved"), Seen::Unexpected(302));
    assert_eq!(get("/cut"), Seen::ReadFailed);
    assert_eq!(cache.calls, 5);
}

/// Without `error = method`, unexpected statuses become the output through
/// `FromResponseError`, as in a synchronous handler; the class proofs are the same.
#[derive(ResponseHandler)]
#[handler(output = Result<String, Error>, async)]
#[on_success(call = ok)]
#[on(301..=308, call = redirected)]
struct Text;

impl Text {
    async fn ok(&mut self, response: Success) -> Result<String, Error> {
        response
            .extract()
            .map_err(|error| Error::extract::<Self>(error, response))
    }

    async fn redirected(&mut self, response: Redirection) -> Result<String, Error> {
        Ok(format!(
            "moved to {}",
            response.headers()["location"].to_str().unwrap()
        ))
    }
}

#[test]
fn an_in_memory_response_is_handled_with_handle_async() {
    let runtime = runtime();
    let ok = http::Response::builder().status(201).body("made").unwrap();
    assert_eq!(runtime.block_on(Text.handle_async(ok)).unwrap(), "made");
    let moved = http::Response::builder()
        .status(307)
        .header("location", "/there")
        .body(())
        .unwrap();
    assert_eq!(
        runtime.block_on(Text.handle_async(moved)).unwrap(),
        "moved to /there"
    );
    let missing = http::Response::builder().status(404).body("gone").unwrap();
    let error = runtime.block_on(Text.handle_async(missing)).unwrap_err();
    assert!(error.is_unexpected_status());
    assert_eq!(error.response().status(), 404);
    assert_eq!(error.response().body().as_ref(), b"gone");
}
