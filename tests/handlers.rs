//! Handler structs: state plus per-code methods, called after the class check — and shared
//! outcome types that several endpoints delegate to.

use response_handler::{
    Error, ErrorKind, ExtractError, Failure, Handler, Informational, Json, Redirection,
    ResponseHandler, RetryAfter, StatusCode, Success,
};
use suite::{Reply, TestServer};

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
struct User {
    id: u64,
    name: String,
}

#[derive(Debug)]
enum AppError {
    RateLimited(std::time::Duration),
    Api(StatusCode),
    Http(Error),
}

impl From<Error> for AppError {
    fn from(error: Error) -> Self {
        AppError::Http(error)
    }
}

/// The README's example: a cache, a retry counter, one method per situation.
#[derive(ResponseHandler)]
#[handler(output = Result<User, AppError>)]
#[on(201, call = created)]
#[on(304, call = not_modified)]
#[on(429, call = rate_limited)]
#[on_success(call = ok)]
#[on_failure(call = failed)]
struct UserHandler<'a> {
    cache: &'a mut Option<User>,
    retries: u32,
    calls: Vec<&'static str>,
}

impl UserHandler<'_> {
    fn user(&mut self, response: &Success) -> Result<User, AppError> {
        let Json(user) = response
            .extract::<Json<User>>()
            .map_err(|_| AppError::Api(response.status()))?;
        *self.cache = Some(user.clone());
        Ok(user)
    }

    fn created(&mut self, response: Success) -> Result<User, AppError> {
        self.calls.push("created");
        self.user(&response)
    }

    fn ok(&mut self, response: Success) -> Result<User, AppError> {
        self.calls.push("ok");
        self.user(&response)
    }

    fn not_modified(&mut self, _: Redirection) -> Result<User, AppError> {
        self.calls.push("not_modified");
        self.cache
            .clone()
            .ok_or(AppError::Api(StatusCode::NOT_MODIFIED))
    }

    fn rate_limited(&mut self, response: Failure) -> Result<User, AppError> {
        self.calls.push("rate_limited");
        self.retries += 1;
        let wait = response
            .extract::<RetryAfter>()
            .map(|r| r.delay())
            .unwrap_or_default();
        Err(AppError::RateLimited(wait))
    }

    fn failed(&mut self, response: Failure) -> Result<User, AppError> {
        self.calls.push("failed");
        Err(AppError::Api(response.status()))
    }
}

use suite::response;

const ADA: &str = r#"{"id": 7, "name": "Ada"}"#;

#[test]
fn methods_run_per_code_and_state_is_kept_across_responses() {
    let mut cache = None;
    let mut handler = UserHandler {
        cache: &mut cache,
        retries: 0,
        calls: Vec::new(),
    };

    let user = handler.handle(response(201, &[], ADA)).unwrap();
    assert_eq!(
        user,
        User {
            id: 7,
            name: "Ada".into()
        }
    );
    // 304 serves the copy the 201 cached.
    assert_eq!(handler.handle(response(304, &[], "")).unwrap().id, 7);
    // Any other 2xx reaches `ok`.
    assert_eq!(handler.handle(response(203, &[], ADA)).unwrap().name, "Ada");
    assert!(matches!(
        handler.handle(response(429, &[("retry-after", "30")], "")),
        Err(AppError::RateLimited(wait)) if wait.as_secs() == 30
    ));
    // Without Retry-After the method waits for nothing.
    assert!(matches!(
        handler.handle(response(429, &[], "")),
        Err(AppError::RateLimited(wait)) if wait.is_zero()
    ));
    assert!(matches!(
        handler.handle(response(500, &[], "")),
        Err(AppError::Api(StatusCode::INTERNAL_SERVER_ERROR))
    ));
    assert!(matches!(
        handler.handle(response(799, &[], "")),
        Err(AppError::Api(status)) if status.as_u16() == 799
    ));
    assert_eq!(handler.retries, 2);
    assert_eq!(
        handler.calls,
        [
            "created",
            "not_modified",
            "ok",
            "rate_limited",
            "rate_limited",
            "failed",
            "failed"
        ]
    );
    assert_eq!(cache.map(|user| user.id), Some(7));
}

#[test]
fn an_unhandled_status_becomes_the_output_through_from_response_error() {
    let mut cache = None;
    let mut handler = UserHandler {
        cache: &mut cache,
        retries: 0,
        calls: Vec::new(),
    };
    // 301: no method for 3xx other than 304; 101: none for 1xx.
    for status in [301, 101] {
        let Err(AppError::Http(error)) =
            handler.handle(response(status, &[("x-trace", "t")], "moved"))
        else {
            panic!("{status} should be an unexpected status")
        };
        assert!(error.is_unexpected_status());
        assert_eq!(error.status(), status);
        assert_eq!(error.headers()["x-trace"], "t");
        assert!(error.target().contains("UserHandler"), "{}", error.target());
    }
    assert!(handler.calls.is_empty());
}

/// Every precedence rule, observed through which method runs.
#[derive(ResponseHandler)]
#[handler(output = &'static str, error = unexpected)]
#[on(404, call = exact)]
#[on(400..=409, call = range)]
#[on_client_error(call = client)]
#[on_server_error(call = server)]
#[on_failure(call = failure)]
#[on_success(call = success)]
#[fallback(call = fallback)]
struct Precedence;

impl Precedence {
    fn exact(&mut self, _: Failure) -> &'static str {
        "exact"
    }
    fn range(&mut self, _: Failure) -> &'static str {
        "range"
    }
    fn client(&mut self, _: Failure) -> &'static str {
        "client"
    }
    fn server(&mut self, _: Failure) -> &'static str {
        "server"
    }
    fn failure(&mut self, _: Failure) -> &'static str {
        "failure"
    }
    fn success(&mut self, _: Success) -> &'static str {
        "success"
    }
    // `#[fallback]` serves every class without a catch-all: here 1xx and 3xx. A method for
    // several classes takes the class proof of each: a generic over `Into<BufferedResponse>`.
    fn fallback<R: Into<response_handler::BufferedResponse>>(&mut self, _: R) -> &'static str {
        "fallback"
    }
    fn unexpected(&mut self, _: Error) -> &'static str {
        "unexpected"
    }
}

#[test]
fn handlers_follow_the_same_precedence_as_enums() {
    let mut handler = Precedence;
    for (status, expected) in [
        (404, "exact"),
        (403, "range"),
        (410, "client"),
        (502, "server"),
        (600, "failure"),
        (999, "failure"),
        (201, "success"),
        (102, "fallback"),
        (302, "fallback"),
    ] {
        assert_eq!(
            handler.handle(response(status, &[], "")),
            expected,
            "status {status}"
        );
    }
}

/// `error = method` receives unexpected statuses and failed reads.
#[derive(ResponseHandler)]
#[handler(output = Option<u16>, error = record)]
#[on(200, call = ok)]
struct Recorder {
    errors: Vec<(StatusCode, bool)>,
}

impl Recorder {
    fn ok(&mut self, _: Success) -> Option<u16> {
        Some(200)
    }
    fn record(&mut self, error: Error) -> Option<u16> {
        self.errors
            .push((error.status(), error.is_unexpected_status()));
        None
    }
}

#[test]
fn the_error_method_receives_what_no_method_handles() {
    let mut recorder = Recorder { errors: Vec::new() };
    assert_eq!(recorder.handle(response(200, &[], "")), Some(200));
    assert_eq!(recorder.handle(response(202, &[], "")), None);
    assert_eq!(recorder.handle(response(500, &[], "")), None);
    assert_eq!(
        recorder.errors,
        [
            (StatusCode::ACCEPTED, true),
            (StatusCode::INTERNAL_SERVER_ERROR, true)
        ]
    );
}

/// Generics and lifetimes in handlers.
#[derive(ResponseHandler)]
#[handler(output = Result<usize, Error>)]
#[on_success(call = collect)]
#[on_informational(call = early)]
struct Collector<'a, T: From<u16>> {
    seen: &'a mut Vec<T>,
}

impl<'a, T: From<u16>> Collector<'a, T> {
    fn collect(&mut self, response: Success) -> Result<usize, Error> {
        self.seen.push(T::from(response.status().as_u16()));
        Ok(self.seen.len())
    }
    fn early(&mut self, _: Informational) -> Result<usize, Error> {
        Ok(0)
    }
}

#[test]
fn generic_handlers_with_lifetimes_work() {
    let mut seen: Vec<u32> = Vec::new();
    let mut collector = Collector { seen: &mut seen };
    assert_eq!(collector.handle(response(200, &[], "")).unwrap(), 1);
    assert_eq!(collector.handle(response(204, &[], "")).unwrap(), 2);
    assert_eq!(collector.handle(response(103, &[], "")).unwrap(), 0);
    assert!(
        collector
            .handle(response(404, &[], ""))
            .unwrap_err()
            .is_unexpected_status()
    );
    assert_eq!(seen, [200, 204]);
}

// ---- Shared outcomes ------------------------------------------------------------------------

#[derive(Debug, PartialEq, serde::Deserialize)]
struct ApiMessage {
    message: String,
}

/// The failure vocabulary every endpoint of an API shares.
#[derive(Debug, PartialEq, ResponseHandler)]
enum ApiFailure {
    #[on(401)]
    Unauthorized,
    #[on(404)]
    NotFound,
    #[on(422)]
    Invalid(Json<ApiMessage>),
    #[on(500..=599)]
    Server(StatusCode),
}

#[derive(Debug, PartialEq, ResponseHandler)]
enum GetUser {
    #[on(200)]
    Found(Json<User>),
    #[on_failure]
    Failed(ApiFailure),
}

#[derive(Debug, PartialEq, ResponseHandler)]
enum DeleteUser {
    #[on(204)]
    Deleted,
    /// The outer exact code wins: 410 never reaches `ApiFailure`, which does not claim it, so
    /// nothing is shadowed. (tests/ui/delegation shows the error when the shared type claims a
    /// code that the outer type takes first.)
    #[on(410)]
    AlreadyGone,
    #[on_failure]
    Failed(ApiFailure),
}

#[test]
fn an_outer_variant_delegates_to_a_shared_outcome_type() {
    assert_eq!(
        GetUser::from_response(response(404, &[], "")).unwrap(),
        GetUser::Failed(ApiFailure::NotFound)
    );
    assert_eq!(
        GetUser::from_response(response(503, &[], "")).unwrap(),
        GetUser::Failed(ApiFailure::Server(StatusCode::SERVICE_UNAVAILABLE))
    );
    assert_eq!(
        GetUser::from_response(response(422, &[], r#"{"message": "name is empty"}"#)).unwrap(),
        GetUser::Failed(ApiFailure::Invalid(Json(ApiMessage {
            message: "name is empty".into()
        })))
    );
    assert_eq!(
        DeleteUser::from_response(response(410, &[], "")).unwrap(),
        DeleteUser::AlreadyGone
    );
    assert_eq!(
        DeleteUser::from_response(response(401, &[], "")).unwrap(),
        DeleteUser::Failed(ApiFailure::Unauthorized)
    );
}

#[test]
fn a_status_the_shared_type_does_not_handle_is_a_delegated_error() {
    let error = GetUser::from_response(response(418, &[("x-trace", "t")], "teapot")).unwrap_err();
    let Some(ExtractError::Delegated(inner)) = error.extract_error() else {
        panic!("{error:?}")
    };
    assert!(inner.is_unexpected_status());
    assert!(inner.target().ends_with("ApiFailure"));
    assert_eq!(error.variant(), Some("Failed"));
    assert_eq!(
        (error.status(), error.body().as_ref()),
        (StatusCode::IM_A_TEAPOT, &b"teapot"[..])
    );
    assert!(
        error
            .to_string()
            .contains("could not handle it: unexpected status 418"),
        "{error}"
    );
}

#[test]
fn claims_are_exposed_for_the_delegation_checks() {
    // A line per claim: an exact code, or a range's first and last code.
    assert_eq!(
        <ApiFailure as ResponseHandler>::__CLAIMS,
        "401\n404\n422\n500 599"
    );
    assert!(
        <GetUser as ResponseHandler>::__CLAIMS
            .lines()
            .any(|line| line == "200")
    );
}

/// A handler delegates by calling the shared type's per-class method with its proof.
#[derive(ResponseHandler)]
#[handler(output = Result<User, ApiFailure>)]
#[on(200, call = found)]
#[on_failure(call = failed)]
struct UserFetcher;

impl UserFetcher {
    fn found(&mut self, response: Success) -> Result<User, ApiFailure> {
        response
            .extract::<Json<User>>()
            .map(|Json(user)| user)
            .map_err(|_| ApiFailure::NotFound)
    }
    fn failed(&mut self, response: Failure) -> Result<User, ApiFailure> {
        Err(ApiFailure::on_failure(response).unwrap_or(ApiFailure::Server(StatusCode::BAD_GATEWAY)))
    }
}

impl From<Error> for ApiFailure {
    fn from(_: Error) -> Self {
        ApiFailure::Server(StatusCode::BAD_GATEWAY)
    }
}

#[test]
fn a_handler_method_can_delegate_to_a_shared_outcome_type() {
    let mut fetcher = UserFetcher;
    assert_eq!(fetcher.handle(response(200, &[], ADA)).unwrap().id, 7);
    assert_eq!(
        fetcher.handle(response(401, &[], "")).unwrap_err(),
        ApiFailure::Unauthorized
    );
    assert_eq!(
        fetcher.handle(response(418, &[], "")).unwrap_err(),
        ApiFailure::Server(StatusCode::BAD_GATEWAY)
    );
    // 3xx: no method, so `From<Error>` builds the output.
    assert_eq!(
        fetcher.handle(response(302, &[], "")).unwrap_err(),
        ApiFailure::Server(StatusCode::BAD_GATEWAY)
    );
}

// ---- Handlers with every client ---------------------------------------------------------------

fn server() -> TestServer {
    TestServer::start(|request| match request.path.as_str() {
        "/users" => Reply::new(201).json(ADA),
        "/cached" => Reply::new(304).without_body(),
        "/slow" => Reply::new(429).header("retry-after", "5"),
        "/huge" => Reply::new(200).body(vec![b' '; 4096]),
        _ => Reply::new(404),
    })
}

/// Runs the same sequence through `fetch`, and checks the handler saw the same things.
fn sequence(fetch: impl Fn(&str, &mut UserHandler<'_>) -> Result<User, AppError>) {
    let server = server();
    let mut cache = None;
    let mut handler = UserHandler {
        cache: &mut cache,
        retries: 0,
        calls: Vec::new(),
    };
    assert_eq!(fetch(&server.url("/users"), &mut handler).unwrap().id, 7);
    assert_eq!(fetch(&server.url("/cached"), &mut handler).unwrap().id, 7);
    assert!(
        matches!(fetch(&server.url("/slow"), &mut handler), Err(AppError::RateLimited(wait)) if wait.as_secs() == 5)
    );
    assert!(matches!(
        fetch(&server.url("/missing"), &mut handler),
        Err(AppError::Api(StatusCode::NOT_FOUND))
    ));
    assert_eq!(
        handler.calls,
        ["created", "not_modified", "rate_limited", "failed"]
    );
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

#[test]
fn handlers_work_with_ureq() {
    use response_handler::ureq::ResponseExt;
    sequence(|url, handler| agent().get(url).call().unwrap().handle_with(handler));
}

#[test]
fn handlers_work_with_reqwest_blocking() {
    use response_handler::reqwest::blocking::ResponseExt;
    let client = reqwest::blocking::Client::new();
    sequence(|url, handler| client.get(url).send().unwrap().handle_with(handler));
}

#[test]
fn handlers_work_with_reqwest_async_and_hyper() {
    use response_handler::reqwest::ResponseExt;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = reqwest::Client::new();
    sequence(|url, handler| {
        runtime.block_on(async {
            client
                .get(url)
                .send()
                .await
                .unwrap()
                .handle_with(handler)
                .await
        })
    });
    let hyper = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http();
    sequence(|url, handler| {
        runtime.block_on(async {
            let request = http::Request::get(url)
                .body(http_body_util::Empty::<bytes::Bytes>::new())
                .unwrap();
            let response = hyper.request(request).await.unwrap();
            response_handler::body::handle_with(response, handler).await
        })
    });
}

#[test]
fn a_failed_read_reaches_the_handler_as_an_error() {
    use response_handler::ureq::ResponseExt;
    let server = server();
    let mut cache = None;
    let mut handler = UserHandler {
        cache: &mut cache,
        retries: 0,
        calls: Vec::new(),
    };
    let response = agent().get(&server.url("/huge")).call().unwrap();
    let Err(AppError::Http(error)) = handler.handle_read(response.buffer(1024)) else {
        panic!("expected the read error")
    };
    assert_eq!(error.kind(), ErrorKind::BodyTooLarge);
    assert_eq!(error.body_limit(), Some(1024));
    assert!(handler.calls.is_empty());
}
