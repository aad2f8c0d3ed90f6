//! The typed headers as derive fields: what each status of the seed carries, read as values.

use std::time::{Duration, UNIX_EPOCH};

use response_handler::{
    Allow, ContentType, ETag, ErrorKind, ExtractError, Location, Problem, RateLimit,
    RateLimitReset, RequestContext, ResponseHandler, RetryAfter, StatusCode, Validators,
    WwwAuthenticate,
};

use suite::response;

/// As a client integration does: the request's method and URI go with the response.
fn answering(
    method: http::Method,
    uri: &str,
    mut response: http::Response<&'static str>,
) -> http::Response<&'static str> {
    response
        .extensions_mut()
        .insert(RequestContext::new(method, uri.parse().unwrap()));
    response
}

#[derive(Debug, ResponseHandler)]
enum CreateOrder {
    #[on(201)]
    Created {
        location: Location,
        etag: Option<ETag>,
    },
    #[on(202)]
    Accepted(Location, Option<RetryAfter>),
    #[on(301)]
    Moved(Location),
    #[on(409)]
    Conflict(Problem, Option<ETag>),
    #[on(422)]
    Invalid(Problem),
    #[on(429)]
    RateLimited(RetryAfter, RateLimit),
    #[on(401)]
    Unauthorized(WwwAuthenticate),
    #[on(405)]
    MethodNotAllowed(Allow),
    /// 404 never carries a Location; an optional one is allowed and simply `None`.
    #[on(404)]
    NotFound(Option<Location>, Option<ContentType>),
    #[on_failure]
    Failed(StatusCode),
}

#[test]
fn created_location_is_resolved_against_the_request() {
    let reply = answering(
        http::Method::POST,
        "https://shop.example/api/orders",
        response(201, &[("location", "orders/17"), ("etag", "\"1\"")], ""),
    );
    let CreateOrder::Created { location, etag } = CreateOrder::from_response(reply).unwrap() else {
        panic!("expected Created");
    };
    assert_eq!(location.as_str(), "orders/17");
    assert_eq!(
        location.resolved(),
        Some("https://shop.example/api/orders/17")
    );
    assert!(location.is_same_origin());
    assert_eq!(etag.unwrap().tag(), "1");
}

#[test]
fn a_required_location_that_is_missing_is_an_error_naming_the_header() {
    let error = CreateOrder::from_response(response(201, &[], "")).unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Extract(ExtractError::MissingHeader(name)) if name == "location"),
        "{error:?}"
    );
    assert_eq!(error.variant(), Some("Created"));
    assert_eq!(error.field(), Some("location"));
    let message = error.to_string();
    assert!(
        message.starts_with("201 Created: cannot extract field `location` of `")
            && message.contains("CreateOrder::Created`: header `location` is missing"),
        "{message}"
    );
    // The same for 301.
    let error = CreateOrder::from_response(response(301, &[], "")).unwrap_err();
    assert!(
        error.to_string().contains("header `location` is missing"),
        "{error}"
    );
}

#[test]
fn accepted_points_at_the_job_and_says_when_to_look() {
    let reply = answering(
        http::Method::POST,
        "http://127.0.0.1:8080/v1/reports",
        response(
            202,
            &[("location", "/v1/jobs/42"), ("retry-after", "5")],
            "queued",
        ),
    );
    let CreateOrder::Accepted(location, retry) = CreateOrder::from_response(reply).unwrap() else {
        panic!("expected Accepted");
    };
    assert_eq!(
        location.resolved(),
        Some("http://127.0.0.1:8080/v1/jobs/42")
    );
    assert_eq!(retry, Some(RetryAfter::Delay(Duration::from_secs(5))));
}

#[test]
fn a_redirect_to_another_origin_is_marked() {
    let reply = answering(
        http::Method::GET,
        "https://api.example.com/v1/users/7",
        response(
            301,
            &[("location", "https://api.example.org/v2/users/7")],
            "",
        ),
    );
    let CreateOrder::Moved(location) = CreateOrder::from_response(reply).unwrap() else {
        panic!("expected Moved");
    };
    assert_eq!(location.same_origin(), Some(false));
    assert_eq!(
        location.to_uri().unwrap(),
        "https://api.example.org/v2/users/7"
    );
}

#[test]
fn rate_limited_reads_retry_after_and_the_rate_limit() {
    let reply = response(
        429,
        &[
            ("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"),
            ("ratelimit-policy", "\"hourly\";q=1000;w=3600"),
            ("ratelimit", "\"hourly\";r=0;t=1800"),
        ],
        "slow down",
    );
    let CreateOrder::RateLimited(retry, limit) = CreateOrder::from_response(reply).unwrap() else {
        panic!("expected RateLimited");
    };
    assert_eq!(
        retry,
        RetryAfter::Date(UNIX_EPOCH + Duration::from_secs(1_445_412_480))
    );
    assert_eq!(retry.delay(), Duration::ZERO, "2015 has passed");
    assert_eq!(limit.policy(), Some("hourly"));
    assert_eq!((limit.limit(), limit.remaining()), (Some(1000), Some(0)));
    assert_eq!(
        limit.reset(),
        Some(RateLimitReset::After(Duration::from_secs(1800)))
    );
}

#[test]
fn a_malformed_retry_after_is_an_error_not_a_panic() {
    for value in ["-1", "1.5", "soon", "+3", "99999999999999999999999"] {
        let reply = response(
            429,
            &[("retry-after", value), ("x-ratelimit-remaining", "0")],
            "",
        );
        let error = CreateOrder::from_response(reply).unwrap_err();
        assert_eq!(error.field(), Some("0"), "{value}");
        assert!(
            error
                .to_string()
                .contains("header `retry-after` has an invalid value"),
            "{error}"
        );
    }
}

#[test]
fn problem_details_on_conflict_and_validation() {
    let conflict = response(
        409,
        &[
            ("content-type", "application/problem+json"),
            ("etag", "W/\"8\""),
        ],
        r#"{"type": "urn:problem:order-changed", "title": "The order changed", "status": 409}"#,
    );
    let CreateOrder::Conflict(problem, etag) = CreateOrder::from_response(conflict).unwrap() else {
        panic!("expected Conflict");
    };
    assert_eq!(problem.problem_type(), "urn:problem:order-changed");
    assert_eq!(problem.status(), Some(StatusCode::CONFLICT));
    assert!(etag.unwrap().is_weak());

    let invalid = response(
        422,
        &[("content-type", "application/problem+json")],
        r##"{"title": "Invalid order", "status": "422", "errors": [{"pointer": "#/quantity", "detail": "must be positive"}]}"##,
    );
    let CreateOrder::Invalid(problem) = CreateOrder::from_response(invalid).unwrap() else {
        panic!("expected Invalid");
    };
    assert!(problem.is_about_blank());
    assert_eq!(problem.status(), None, "a string status is ignored");
    assert_eq!(
        problem.extension("errors").unwrap()[0]["pointer"],
        "#/quantity"
    );

    let not_json = response(422, &[], "<h1>Unprocessable</h1>");
    let error = CreateOrder::from_response(not_json).unwrap_err();
    let Some(ExtractError::Json(json)) = error.extract_error() else {
        panic!("expected a JSON error: {error:?}");
    };
    assert_eq!((json.line(), json.column()), (1, 1), "{json}");
    assert_eq!(error.variant(), Some("Invalid"));
}

#[test]
fn unauthorized_and_method_not_allowed() {
    let reply = response(
        401,
        &[
            ("www-authenticate", "Basic realm=\"orders\""),
            (
                "www-authenticate",
                "Bearer realm=\"orders\", error=\"invalid_token\"",
            ),
        ],
        "",
    );
    let CreateOrder::Unauthorized(auth) = CreateOrder::from_response(reply).unwrap() else {
        panic!("expected Unauthorized");
    };
    assert_eq!(auth.challenges().len(), 2);
    assert_eq!(auth.find("bearer").unwrap().error(), Some("invalid_token"));

    let reply = response(405, &[("allow", "GET, HEAD")], "");
    let CreateOrder::MethodNotAllowed(allow) = CreateOrder::from_response(reply).unwrap() else {
        panic!("expected MethodNotAllowed");
    };
    assert_eq!(allow.methods(), [http::Method::GET, http::Method::HEAD]);
}

#[test]
fn optional_headers_are_none_when_absent() {
    let reply = response(404, &[], "");
    let CreateOrder::NotFound(location, content_type) = CreateOrder::from_response(reply).unwrap()
    else {
        panic!("expected NotFound");
    };
    assert_eq!((location, content_type), (None, None));
    // Present but malformed is still an error under Option.
    let reply = response(404, &[("content-type", "html")], "");
    let error = CreateOrder::from_response(reply).unwrap_err();
    assert_eq!(
        (error.variant(), error.field()),
        (Some("NotFound"), Some("1"))
    );
    let Some(ExtractError::InvalidHeader { name, reason }) = error.extract_error() else {
        panic!("expected an invalid header: {error:?}");
    };
    assert_eq!(name, "content-type");
    let expected = "html".parse::<ContentType>().unwrap_err().to_string();
    assert_eq!(reason, &expected);
}

#[derive(Debug, ResponseHandler)]
enum GetOrder {
    #[on(200)]
    Fresh(Validators, String),
    #[on(304)]
    NotModified(Validators),
    #[on(412)]
    PreconditionFailed(Option<Validators>),
    #[on_failure]
    Failed(StatusCode),
}

#[test]
fn not_modified_carries_the_validators_of_the_cached_copy() {
    // A 304 has no body, whatever bytes follow; its validators build the next request.
    let reply = response(
        304,
        &[
            ("etag", "\"v7\""),
            ("last-modified", "Tue, 15 Nov 1994 12:45:26 GMT"),
        ],
        "stray bytes",
    );
    let GetOrder::NotModified(validators) = GetOrder::from_response(reply).unwrap() else {
        panic!("expected NotModified");
    };
    let next = validators.revalidation_headers();
    assert_eq!(next["if-none-match"], "\"v7\"");
    assert_eq!(next["if-modified-since"], "Tue, 15 Nov 1994 12:45:26 GMT");
    assert_eq!(validators.precondition_headers()["if-match"], "\"v7\"");
}

#[test]
fn precondition_failed_may_carry_the_current_validators() {
    let reply = response(412, &[("etag", "\"v8\"")], "");
    let GetOrder::PreconditionFailed(Some(current)) = GetOrder::from_response(reply).unwrap()
    else {
        panic!("expected PreconditionFailed with validators");
    };
    let ours = ETag::strong("v7").unwrap();
    assert!(!current.etag.unwrap().strong_eq(&ours));
    let reply = response(412, &[], "");
    assert!(matches!(
        GetOrder::from_response(reply).unwrap(),
        GetOrder::PreconditionFailed(None)
    ));
    // A weak tag never guards an update.
    let reply = response(200, &[("etag", "W/\"v9\"")], "body");
    let GetOrder::Fresh(validators, body) = GetOrder::from_response(reply).unwrap() else {
        panic!("expected Fresh");
    };
    assert_eq!(body, "body");
    assert!(validators.precondition_headers().is_empty());
}

#[test]
fn statuses_without_typed_headers_still_dispatch() {
    let reply = response(500, &[("retry-after", "garbage")], "oops");
    assert!(matches!(
        CreateOrder::from_response(reply).unwrap(),
        CreateOrder::Failed(StatusCode::INTERNAL_SERVER_ERROR)
    ));
    let reply = response(503, &[], "");
    let GetOrder::Failed(status) = GetOrder::from_response(reply).unwrap() else {
        panic!("expected Failed");
    };
    assert_eq!(status, 503);
}

mod never_panics {
    use proptest::prelude::*;
    use response_handler::{
        Allow, BufferedResponse, ContentType, ETag, LastModified, Location, RateLimit,
        RequestContext, RetryAfter, Validators, WwwAuthenticate,
    };

    /// Bytes a header value may hold, biased towards the characters the parsers care about.
    fn value() -> impl Strategy<Value = Vec<u8>> {
        let interesting = prop::sample::select(b" \t\",;=/:#?%.-+W09azAZ()[]@\\".to_vec());
        let any_allowed = (0x20u8..=0xff).prop_filter("DEL", |b| *b != 0x7f);
        prop::collection::vec(prop_oneof![interesting, any_allowed], 0..40)
    }

    const NAMES: [&str; 12] = [
        "location",
        "retry-after",
        "etag",
        "last-modified",
        "allow",
        "www-authenticate",
        "content-type",
        "ratelimit",
        "ratelimit-policy",
        "ratelimit-reset",
        "x-ratelimit-reset",
        "x-rate-limit-remaining",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn no_header_value_makes_an_extractor_panic(
            lines in prop::collection::vec((0..NAMES.len(), value()), 1..4),
        ) {
            let mut builder = http::Response::builder().status(200);
            for (name, value) in &lines {
                builder = builder.header(NAMES[*name], http::HeaderValue::from_bytes(value).unwrap());
            }
            let mut response = builder.body(()).unwrap();
            response.extensions_mut().insert(RequestContext::new(
                http::Method::GET,
                "https://api.example.com/a/b?c".parse().unwrap(),
            ));
            let response = BufferedResponse::from(response);
            // Any result is fine; returning at all is the property.
            let _ = response.extract::<Option<Location>>();
            let _ = response.extract::<Option<RetryAfter>>();
            let _ = response.extract::<Option<ETag>>();
            let _ = response.extract::<Option<LastModified>>();
            let _ = response.extract::<Option<Validators>>();
            let _ = response.extract::<Option<Allow>>();
            let _ = response.extract::<Option<WwwAuthenticate>>();
            let _ = response.extract::<Option<ContentType>>();
            if let Ok(Some(limit)) = response.extract::<Option<RateLimit>>() {
                let _ = limit.reset_delay();
            }
            if let Ok(Some(location)) = response.extract::<Option<Location>>() {
                let _ = (location.to_uri(), location.is_relative(), location.to_string());
            }
        }
    }
}
