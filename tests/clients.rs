//! Every client integration, over real HTTP on 127.0.0.1: the same bytes on the wire give the
//! same outcome, field by field, whichever client read them.
//!
//! The tests are written once against the [`Client`] trait and instantiated per client by
//! `for_each_client!`.

use bytes::Bytes;
use response_handler::{
    CallError, Error, ErrorKind, ExtractError, Json, Location, RequestContext, ResponseHandler,
    StatusCode,
};
use serde_json::Value;
use suite::{COMMON_STATUSES, Reply, Request as Received, TestServer, common_reply};

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
        other => panic!("the call failed without a response: {other}"),
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
        request
            .handle_using(&response_handler::CallOptions::new().body_limit(limit))
            .map_err(response_error)
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
            .handle_using(&response_handler::CallOptions::new().body_limit(limit))
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
            .block_on(
                self.0
                    .request(method, url)
                    .handle_using(&response_handler::CallOptions::new().body_limit(limit)),
            )
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
            response_handler::body::handle_using(
                response,
                &response_handler::CallOptions::new().body_limit(limit),
            )
            .await
        })
    }
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct User {
    id: u64,
    name: String,
}

/// Every common status (the rows of the README's semantics table), with the fields a client would want from each.
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

const ADA: &str = r#"{"id": 7, "name": "Ada"}"#;

/// The size of the bodies over the limit.
const LARGE: usize = 64 * 1024;

/// `len` bytes that differ from their neighbours: a prefix cut at the wrong place, or taken from
/// the wrong offset, does not compare equal.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|index| (index % 251) as u8).collect()
}

/// A server that answers `/CODE` with the common reply for CODE, and a few special paths. Under
/// `/keep-alive/...` the same replies keep the connection open and say which connection they
/// came on (`x-connection`).
fn server() -> TestServer {
    TestServer::start(|request| match request.path.strip_prefix("/keep-alive") {
        Some(path) => reply(request, path)
            .header("x-connection", request.connection.to_string())
            .keep_alive(),
        None => reply(request, &request.path),
    })
}

fn reply(request: &Received, path: &str) -> Reply {
    match path {
        "/redirect" => Reply::new(301).header("location", "/200").text("moved"),
        "/chunked" => Reply::new(200)
            .header("content-type", "application/json")
            .chunked([&b"{\"id\": 7, "[..], b"\"name\"", b": \"Ada\"}"]),
        "/large" => Reply::new(200).body(vec![b'x'; LARGE]),
        "/large-pattern" => Reply::new(200).body(pattern(LARGE)),
        "/large-chunked" => Reply::new(200).chunked(pattern(LARGE).chunks(4096)),
        "/close-delimited" => Reply::new(200)
            .header("content-type", "application/json")
            .close_delimited(ADA),
        "/204-stray" => Reply::new(204)
            .without_body()
            .stray_bytes("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nstray"),
        "/304-stray" => Reply::new(304)
            .header("etag", "\"v7\"")
            .without_body()
            .stray_bytes("stray bytes"),
        // 201 with a relative `Location`: a relative path, and a network path to another host
        // (`localhost`, not the `127.0.0.1` of the request) on the same port.
        "/v1/users/new" => Reply::new(201).header("location", "7").json(ADA),
        "/v1/users/elsewhere" => {
            let port = request
                .header("host")
                .and_then(|host| host.rsplit(':').next());
            Reply::new(201)
                .header(
                    "location",
                    format!("//localhost:{}/v1/users/7", port.unwrap_or("")),
                )
                .json(ADA)
        }
        "/truncated" => Reply::new(200)
            .header("x-trace", "t-1")
            .truncated(1000, b"{\"id\": 7"),
        "/etag/strong" => Reply::new(200).header("etag", "\"v7\"").text("v7"),
        "/etag/weak" => Reply::new(200).header("etag", "W/\"x\"").text("x"),
        "/etag/unusual" => Reply::new(200).header("etag", UNUSUAL_ETAG).text("x"),
        "/latin1" => Reply::new(200)
            .header("content-type", b"text/plain; name=caf\xe9")
            .body(ADA),
        path => path
            .trim_start_matches('/')
            .parse()
            .ok()
            .and_then(common_reply)
            .unwrap_or_else(|| Reply::new(404)),
    }
}

const LIMIT: usize = 1024 * 1024;

/// A strong entity tag of every visible ASCII character an `etagc` may be, and obs-text (the
/// UTF-8 of `é`): legal, and unusual.
const UNUSUAL_ETAG: &[u8] = b"\"!#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~caf\xc3\xa9\"";

/// An `ETag` read from a response gives back, for `If-None-Match`, the bytes received.
fn an_etag_gives_back_the_value_received<C: Client>() {
    #[derive(Debug, ResponseHandler)]
    #[on_success]
    struct Tagged(response_handler::ETag);

    let server = server();
    let client = C::new(false);
    for (path, sent) in [
        ("/etag/strong", &b"\"v7\""[..]),
        ("/etag/weak", b"W/\"x\""),
        ("/etag/unusual", UNUSUAL_ETAG),
    ] {
        let Tagged(etag) = client.fetch("GET", &server.url(path), LIMIT).unwrap();
        assert_eq!(etag.to_header_value().as_bytes(), sent, "{path}");
    }
}

fn every_common_status_gives_the_in_memory_outcome<C: Client>() {
    let server = server();
    let client = C::new(false);
    for code in COMMON_STATUSES {
        let reply = common_reply(code).unwrap();
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
#[on_redirection]
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
    assert_eq!(context.method(), Some(&http::Method::HEAD));
    // Whole: scheme, host and port decide what a relative `Location` resolves to, and whether
    // it has the request's origin.
    assert_eq!(context.uri(), Some(&server.url("/200").parse().unwrap()));
}

fn the_final_url_is_recorded_after_a_redirect<C: Client>() {
    let server = server();
    let seen: Seen = C::new(true)
        .fetch("GET", &server.url("/redirect"), LIMIT)
        .unwrap();
    let context = seen.request.expect("a request context").0;
    assert_eq!(context.uri(), Some(&server.url("/200").parse().unwrap()));
}

#[derive(Debug, ResponseHandler)]
#[on(201)]
struct Created(Location);

fn a_relative_location_is_resolved_against_the_request_uri<C: Client>() {
    let server = server();
    let client = C::new(false);
    let Created(location) = client
        .fetch("GET", &server.url("/v1/users/new"), LIMIT)
        .unwrap();
    assert_eq!(location.as_str(), "7");
    assert_eq!(location.resolved(), Some(&*server.url("/v1/users/7")));
    assert_eq!(location.same_origin(), Some(true));
    let Created(location) = client
        .fetch("GET", &server.url("/v1/users/elsewhere"), LIMIT)
        .unwrap();
    let elsewhere = format!("http://localhost:{}/v1/users/7", server.addr().port());
    assert_eq!(location.resolved(), Some(&*elsewhere));
    assert_eq!(location.same_origin(), Some(false));
}

/// The 200 the `/chunked` and `/close-delimited` paths send, however its body is framed.
fn ada() -> Outcome {
    Outcome::Ok {
        user: Json(User {
            id: 7,
            name: "Ada".into(),
        }),
        content_type: "application/json".into(),
    }
}

fn a_chunked_body_is_read_whole<C: Client>() {
    let server = server();
    let got: Outcome = C::new(false)
        .fetch("GET", &server.url("/chunked"), LIMIT)
        .unwrap();
    assert_eq!(got, ada());
}

fn a_body_over_the_limit_is_an_error_that_keeps_the_first_limit_bytes<C: Client>() {
    let server = server();
    let error = C::new(false)
        .fetch::<Seen>("GET", &server.url("/large"), 1000)
        .unwrap_err();
    assert!(
        (error.kind() == ErrorKind::BodyTooLarge && error.body_limit() == Some(1000)),
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
    // The first bytes, not any bytes: with a length, and chunked.
    let body = pattern(LARGE);
    for path in ["/large-pattern", "/large-chunked"] {
        let error = C::new(false)
            .fetch::<Seen>("GET", &server.url(path), 1000)
            .unwrap_err();
        assert!(
            (error.kind() == ErrorKind::BodyTooLarge && error.body_limit() == Some(1000)),
            "{path}: {error:?}"
        );
        assert_eq!(error.body().as_ref(), &body[..1000], "{path}");
        let seen: Seen = C::new(false)
            .fetch("GET", &server.url(path), LARGE)
            .unwrap();
        assert_eq!(seen.body, body, "{path}");
    }
}

fn a_truncated_body_is_a_transport_error_that_keeps_status_and_headers<C: Client>() {
    let server = server();
    let error = C::new(false)
        .fetch::<Seen>("GET", &server.url("/truncated"), LIMIT)
        .unwrap_err();
    assert!(error.kind() == ErrorKind::Transport, "{error:?}");
    assert_eq!(error.status(), StatusCode::OK);
    assert_eq!(error.headers()["x-trace"], "t-1");
    // Everything that arrived, exactly: an empty body would not do.
    assert_eq!(error.body(), &b"{\"id\": 7"[..]);
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

/// A response read on a kept-alive connection, and which connection that was.
#[derive(Debug, ResponseHandler)]
#[on_success]
struct OnConnection {
    #[header("x-connection")]
    connection: usize,
    body: Bytes,
}

fn a_kept_alive_connection_is_reused<C: Client>() {
    let server = server();
    let client = C::new(false);
    let first: OnConnection = client
        .fetch("GET", &server.url("/keep-alive/200"), LIMIT)
        .unwrap();
    let second: OnConnection = client
        .fetch("GET", &server.url("/keep-alive/200"), LIMIT)
        .unwrap();
    assert_eq!(first.body, ADA);
    assert_eq!(second.body, ADA);
    assert_eq!(first.connection, second.connection);
    assert_eq!(server.connections(), 1);
}

/// After `BodyTooLarge` the rest of the body is still on the connection: a client that took it
/// for the next response would read body bytes as a status line. The next request must go over
/// a new connection and get its own response.
fn a_connection_is_not_reused_half_read_after_body_too_large<C: Client>() {
    let server = server();
    let client = C::new(false);
    for path in ["/keep-alive/large-pattern", "/keep-alive/large-chunked"] {
        let error = client
            .fetch::<Seen>("GET", &server.url(path), 1000)
            .unwrap_err();
        assert!(
            (error.kind() == ErrorKind::BodyTooLarge && error.body_limit() == Some(1000)),
            "{path}: {error:?}"
        );
        let cut: usize = error.headers()["x-connection"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let next: OnConnection = client
            .fetch("GET", &server.url("/keep-alive/200"), LIMIT)
            .unwrap();
        assert_eq!(next.body, ADA, "{path}");
        assert_ne!(
            next.connection, cut,
            "{path}: the half-read connection was reused"
        );
    }
}

fn a_close_delimited_body_is_read_whole<C: Client>() {
    let server = server();
    let got: Outcome = C::new(false)
        .fetch("GET", &server.url("/close-delimited"), LIMIT)
        .unwrap();
    assert_eq!(got, ada());
}

fn stray_bytes_after_a_bodiless_status_are_no_body<C: Client>() {
    let server = server();
    let client = C::new(false);
    for (path, status) in [("/204-stray", 204), ("/304-stray", 304)] {
        let seen: Seen = client.fetch("GET", &server.url(path), LIMIT).unwrap();
        assert_eq!(seen.status, status, "{path}");
        assert!(seen.body.is_empty(), "{path}: {:?}", seen.body);
    }
    let not_modified: Outcome = client
        .fetch("GET", &server.url("/304-stray"), LIMIT)
        .unwrap();
    assert_eq!(not_modified, Outcome::NotModified("\"v7\"".into()));
}

macro_rules! for_each_client {
    ($($module:ident: $client:ty, follows_redirects = $follows:expr;)*) => {$(
        mod $module {
            use super::*;

            #[test]
            fn every_common_status() { every_common_status_gives_the_in_memory_outcome::<$client>() }
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
            #[test]
            fn relative_location() { a_relative_location_is_resolved_against_the_request_uri::<$client>() }
            #[test]
            fn keep_alive() { a_kept_alive_connection_is_reused::<$client>() }
            #[test]
            fn not_reused_half_read() { a_connection_is_not_reused_half_read_after_body_too_large::<$client>() }
            #[test]
            fn close_delimited() { a_close_delimited_body_is_read_whole::<$client>() }
            #[test]
            fn etag_echoed() { an_etag_gives_back_the_value_received::<$client>() }
            #[test]
            fn stray_bytes() { stray_bytes_after_a_bodiless_status_are_no_body::<$client>() }
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

#[test]
fn a_request_that_cannot_be_built_is_a_send_error_without_a_connection() {
    use response_handler::reqwest::RequestBuilderExt as _;
    use response_handler::reqwest_middleware::RequestBuilderExt as _;
    let runtime = runtime();
    // A header name with a space: reqwest keeps the error in the builder, and `build()` fails.
    let bad = || {
        reqwest::Client::new()
            .get("http://127.0.0.1:9/")
            .header("bad name", "x")
    };
    let error = runtime.block_on(bad().handle::<Seen>()).unwrap_err();
    let CallError::Send(error) = error else {
        panic!("expected reqwest's builder error, got {error:?}")
    };
    assert!(error.is_builder(), "{error:?}");
    let middleware = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).build();
    let error = runtime
        .block_on(
            middleware
                .get("http://127.0.0.1:9/")
                .header("bad name", "x")
                .handle::<Seen>(),
        )
        .unwrap_err();
    assert!(matches!(error, CallError::Send(_)), "{error:?}");
    // The call's future, polled again after it completed, stays pending: no panic.
    let mut call = core::pin::pin!(bad().handle::<Seen>());
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    assert!(call.as_mut().poll(&mut context).is_ready());
    assert!(call.as_mut().poll(&mut context).is_pending());
}
