//! Every client integration, over real HTTP on 127.0.0.1: the same bytes on the wire give the
//! same outcome, field by field, whichever client read them.
//!
//! The tests are written once against the [`Client`] trait and instantiated per client by
//! `for_each_client!`.

use bytes::Bytes;
use response_handler::{
    CallError, Error, ErrorKind, ExtractError, Json, RequestContext, ResponseHandler, StatusCode,
};
use serde_json::Value;
use suite::{Reply, SEED_CODES, TestServer, seed_reply};

/// One way of sending a request and handling its response.
trait Client {
    /// A client that follows redirects (as every client does by default) or not.
    fn new(follow_redirects: bool) -> Self;
    fn fetch<T: ResponseHandler>(&self, method: &str, url: &str, limit: usize) -> Result<T, Error>;
}

fn response_error<E: std::fmt::Display>(error: CallError<E>) -> Error {
    match error {
        CallError::Response(error) => error,
        CallError::Send(error) => panic!("the request itself failed: {error}"),
    }
}

struct Ureq(ureq::Agent);

impl Client for Ureq {
    fn new(follow_redirects: bool) -> Self {
        let redirects = if follow_redirects { 10 } else { 0 };
        Ureq(
            ureq::Agent::config_builder()
                .max_redirects(redirects)
                .build()
                .into(),
        )
    }

    fn fetch<T: ResponseHandler>(&self, method: &str, url: &str, limit: usize) -> Result<T, Error> {
        use response_handler::ureq::RequestBuilderExt;
        let request = match method {
            "HEAD" => self.0.head(url),
            _ => self.0.get(url),
        };
        request.handle_with_limit(limit).map_err(response_error)
    }
}

struct ReqwestBlocking(reqwest::blocking::Client);

fn redirect_policy(follow: bool) -> reqwest::redirect::Policy {
    if follow {
        reqwest::redirect::Policy::default()
    } else {
        reqwest::redirect::Policy::none()
    }
}

impl Client for ReqwestBlocking {
    fn new(follow_redirects: bool) -> Self {
        let client =
            reqwest::blocking::Client::builder().redirect(redirect_policy(follow_redirects));
        ReqwestBlocking(client.build().unwrap())
    }

    fn fetch<T: ResponseHandler>(&self, method: &str, url: &str, limit: usize) -> Result<T, Error> {
        use response_handler::reqwest::blocking::RequestBuilderExt;
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        self.0
            .request(method, url)
            .handle_with_limit(limit)
            .map_err(response_error)
    }
}

struct ReqwestAsync(reqwest::Client, tokio::runtime::Runtime);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

impl Client for ReqwestAsync {
    fn new(follow_redirects: bool) -> Self {
        let client = reqwest::Client::builder().redirect(redirect_policy(follow_redirects));
        ReqwestAsync(client.build().unwrap(), runtime())
    }

    fn fetch<T: ResponseHandler>(&self, method: &str, url: &str, limit: usize) -> Result<T, Error> {
        use response_handler::reqwest::RequestBuilderExt;
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        self.1
            .block_on(self.0.request(method, url).handle_with_limit(limit))
            .map_err(response_error)
    }
}

/// hyper 1 through hyper-util's client, read with the generic `http_body::Body` integration.
/// hyper never follows redirects.
struct Hyper(
    hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        http_body_util::Empty<Bytes>,
    >,
    tokio::runtime::Runtime,
);

impl Client for Hyper {
    fn new(_follow_redirects: bool) -> Self {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http();
        Hyper(client, runtime())
    }

    fn fetch<T: ResponseHandler>(&self, method: &str, url: &str, limit: usize) -> Result<T, Error> {
        let method = http::Method::from_bytes(method.as_bytes()).unwrap();
        let uri: http::Uri = url.parse().unwrap();
        let request = http::Request::builder()
            .method(method.clone())
            .uri(uri.clone())
            .body(Default::default())
            .unwrap();
        self.1.block_on(async {
            let mut response = self.0.request(request).await.expect("hyper request");
            response
                .extensions_mut()
                .insert(RequestContext::new(method, uri));
            response_handler::body::handle_with_limit(response, limit).await
        })
    }
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct User {
    id: u64,
    name: String,
}

/// Every status of the seed, with the fields a client would want from each.
#[derive(Debug, PartialEq, ResponseHandler)]
enum Outcome {
    #[on(200)]
    Ok {
        user: Json<User>,
        #[header("content-type")]
        content_type: String,
    },
    #[on(201)]
    Created {
        #[header("location")]
        location: String,
        user: Json<User>,
    },
    #[on(202)]
    Accepted(#[header("location")] Option<String>, Json<Value>),
    #[on(204)]
    NoContent(StatusCode),
    #[on(301)]
    Moved(#[header("location")] String, String),
    #[on(304)]
    NotModified(#[header("etag")] String),
    #[on(400)]
    BadRequest(Json<Value>),
    #[on(401)]
    Unauthorized(#[header("www-authenticate")] String, String),
    #[on(403)]
    Forbidden(String),
    #[on(404)]
    NotFound,
    #[on(405)]
    MethodNotAllowed(#[header("allow")] String),
    #[on(406)]
    NotAcceptable(Bytes),
    #[on(409)]
    Conflict(Json<Value>),
    #[on(412)]
    PreconditionFailed(#[header("etag")] Option<String>, String),
    #[on(422)]
    Invalid(Json<Value>),
    #[on(429)]
    RateLimited(
        #[header("retry-after")] u64,
        #[header("x-ratelimit-remaining")] u32,
    ),
    #[on(500)]
    ServerError(StatusCode, String),
}

/// A server that answers `/CODE` with the seed's reply for CODE, and a few special paths.
fn server() -> TestServer {
    TestServer::start(|request| match request.path.as_str() {
        "/redirect" => Reply::new(301).header("location", "/200").text("moved"),
        "/chunked" => Reply::new(200)
            .header("content-type", "application/json")
            .chunked([&b"{\"id\": 7, "[..], b"\"name\"", b": \"Ada\"}"]),
        "/large" => Reply::new(200).body(vec![b'x'; 64 * 1024]),
        "/truncated" => Reply::new(200)
            .header("x-trace", "t-1")
            .truncated(1000, b"{\"id\": 7"),
        "/latin1" => Reply::new(200)
            .header("content-type", b"text/plain; name=caf\xe9")
            .body(r#"{"id": 7, "name": "Ada"}"#),
        path => path
            .trim_start_matches('/')
            .parse()
            .ok()
            .and_then(seed_reply)
            .unwrap_or_else(|| Reply::new(404)),
    })
}

const LIMIT: usize = 1024 * 1024;

fn every_seed_status_gives_the_in_memory_outcome<C: Client>() {
    let server = server();
    let client = C::new(false);
    for code in SEED_CODES {
        let reply = seed_reply(code).unwrap();
        let expected = Outcome::from_response(reply.to_http()).expect("the reference outcome");
        let got: Outcome = client
            .fetch("GET", &server.url(&format!("/{code}")), LIMIT)
            .unwrap();
        assert_eq!(got, expected, "status {code}");
    }
}

fn a_redirect_is_seen_only_when_the_client_does_not_follow<C: Client>(follows_at_all: bool) {
    let server = server();
    let moved: Outcome = C::new(false)
        .fetch("GET", &server.url("/redirect"), LIMIT)
        .unwrap();
    assert_eq!(moved, Outcome::Moved("/200".into(), "moved".into()));
    if follows_at_all {
        let followed: Outcome = C::new(true)
            .fetch("GET", &server.url("/redirect"), LIMIT)
            .unwrap();
        assert!(matches!(followed, Outcome::Ok { .. }), "{followed:?}");
    }
}

/// What the integration recorded, and the body it read.
#[derive(Debug, ResponseHandler)]
#[on_success]
#[on_failure]
struct Seen {
    status: StatusCode,
    body: Bytes,
    request: Option<Request>,
}

#[derive(Debug)]
struct Request(RequestContext);

impl response_handler::Extract for Request {
    fn extract(response: &response_handler::BufferedResponse) -> Result<Self, ExtractError> {
        response
            .request()
            .cloned()
            .map(Request)
            .ok_or(ExtractError::custom("no request context"))
    }
}

fn head_has_no_body_and_the_request_is_recorded<C: Client>() {
    let server = server();
    let seen: Seen = C::new(false)
        .fetch("HEAD", &server.url("/200"), LIMIT)
        .unwrap();
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.is_empty());
    let context = seen.request.expect("a request context").0;
    assert_eq!(context.method, Some(http::Method::HEAD));
    assert_eq!(
        context.uri.map(|uri| uri.path().to_owned()).as_deref(),
        Some("/200")
    );
}

fn the_final_url_is_recorded_after_a_redirect<C: Client>() {
    let server = server();
    let seen: Seen = C::new(true)
        .fetch("GET", &server.url("/redirect"), LIMIT)
        .unwrap();
    let context = seen.request.expect("a request context").0;
    assert_eq!(
        context.uri.map(|uri| uri.path().to_owned()).as_deref(),
        Some("/200")
    );
}

fn a_chunked_body_is_read_whole<C: Client>() {
    let server = server();
    let got: Outcome = C::new(false)
        .fetch("GET", &server.url("/chunked"), LIMIT)
        .unwrap();
    assert_eq!(
        got,
        Outcome::Ok {
            user: Json(User {
                id: 7,
                name: "Ada".into()
            }),
            content_type: "application/json".into()
        }
    );
}

fn a_body_over_the_limit_is_an_error_that_keeps_the_first_limit_bytes<C: Client>() {
    let server = server();
    let error = C::new(false)
        .fetch::<Seen>("GET", &server.url("/large"), 1000)
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::BodyTooLarge { limit: 1000 }),
        "{error:?}"
    );
    assert_eq!(error.status(), StatusCode::OK);
    assert_eq!(error.body().len(), 1000);
    assert_eq!(error.headers()["content-length"], "65536");
    // Exactly at the limit is fine.
    let seen: Seen = C::new(false)
        .fetch("GET", &server.url("/large"), 64 * 1024)
        .unwrap();
    assert_eq!(seen.body.len(), 64 * 1024);
}

fn a_truncated_body_is_a_transport_error_that_keeps_status_and_headers<C: Client>() {
    let server = server();
    let error = C::new(false)
        .fetch::<Seen>("GET", &server.url("/truncated"), LIMIT)
        .unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::Transport(_)), "{error:?}");
    assert_eq!(error.status(), StatusCode::OK);
    assert_eq!(error.headers()["x-trace"], "t-1");
    assert!(
        b"{\"id\": 7".starts_with(error.body()),
        "{:?}",
        error.body()
    );
}

fn a_non_utf8_header_value_is_a_typed_error_not_a_panic<C: Client>() {
    let server = server();
    let error = C::new(false)
        .fetch::<Outcome>("GET", &server.url("/latin1"), LIMIT)
        .unwrap_err();
    assert!(
        matches!(
            error.extract_error(),
            Some(ExtractError::InvalidHeader { .. })
        ),
        "{error:?}"
    );
    assert_eq!(
        error.headers()["content-type"].as_bytes(),
        b"text/plain; name=caf\xe9"
    );
    // The raw bytes are still readable by a field that asks for them.
    let seen: Seen = C::new(false)
        .fetch("GET", &server.url("/latin1"), LIMIT)
        .unwrap();
    assert_eq!(seen.body, r#"{"id": 7, "name": "Ada"}"#);
}

macro_rules! for_each_client {
    ($($module:ident: $client:ty, follows_redirects = $follows:expr;)*) => {$(
        mod $module {
            use super::*;

            #[test]
            fn every_seed_status() { every_seed_status_gives_the_in_memory_outcome::<$client>() }
            #[test]
            fn redirects() { a_redirect_is_seen_only_when_the_client_does_not_follow::<$client>($follows) }
            #[test]
            fn head() { head_has_no_body_and_the_request_is_recorded::<$client>() }
            #[test]
            fn chunked() { a_chunked_body_is_read_whole::<$client>() }
            #[test]
            fn over_the_limit() { a_body_over_the_limit_is_an_error_that_keeps_the_first_limit_bytes::<$client>() }
            #[test]
            fn truncated() { a_truncated_body_is_a_transport_error_that_keeps_status_and_headers::<$client>() }
            #[test]
            fn non_utf8_header() { a_non_utf8_header_value_is_a_typed_error_not_a_panic::<$client>() }
        }
    )*};
}

for_each_client! {
    with_ureq: Ureq, follows_redirects = true;
    with_reqwest_blocking: ReqwestBlocking, follows_redirects = true;
    with_reqwest_async: ReqwestAsync, follows_redirects = true;
    with_hyper: Hyper, follows_redirects = false;
}

#[test]
fn ureq_reports_the_final_url_after_redirects() {
    the_final_url_is_recorded_after_a_redirect::<Ureq>();
}

#[test]
fn reqwest_reports_the_final_url_after_redirects() {
    the_final_url_is_recorded_after_a_redirect::<ReqwestBlocking>();
    the_final_url_is_recorded_after_a_redirect::<ReqwestAsync>();
}

#[test]
fn a_409_body_reaches_the_handler_through_ureq_which_would_otherwise_drop_it() {
    use response_handler::ureq::RequestBuilderExt;
    let server = server();
    // A default agent: http_status_as_error is on, yet the integration sees the 409.
    let outcome: Outcome = ureq::get(&server.url("/409")).handle().unwrap();
    assert_eq!(
        outcome,
        Outcome::Conflict(Json(
            serde_json::json!({"message": "user 7 was changed by someone else"})
        ))
    );
    // Without the integration, ureq itself turns the 409 into an error and drops the body.
    assert!(matches!(
        ureq::get(&server.url("/409")).call(),
        Err(ureq::Error::StatusCode(409))
    ));
}

#[test]
fn a_request_that_never_gets_a_response_is_a_send_error() {
    use response_handler::ureq::RequestBuilderExt;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    let error = ureq::get(&url).handle::<Seen>().unwrap_err();
    assert!(matches!(error, CallError::Send(_)), "{error:?}");
    assert!(
        error.to_string().starts_with("the request failed: "),
        "{error}"
    );
}
