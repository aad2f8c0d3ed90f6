//! The typed headers as derive fields: what each common status carries, read as values.

use std::time::{Duration, UNIX_EPOCH};

use response_handler::{
    Allow, ContentType, ETag, ExtractError, Location, Problem, RateLimit, RequestContext,
    ResponseHandler, RetryAfter, StatusCode, Validators, Wait, WwwAuthenticate,
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
        matches!(error.extract_error(), Some(ExtractError::MissingHeader(name)) if name == "location"),
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
    assert_eq!(retry, Some(RetryAfter(Wait::After(Duration::from_secs(5)))));
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
        RetryAfter(Wait::At(UNIX_EPOCH + Duration::from_secs(1_445_412_480)))
    );
    assert_eq!(retry.delay(), Duration::ZERO, "2015 has passed");
    assert_eq!(limit.policy(), Some("hourly"));
    assert_eq!((limit.limit(), limit.remaining()), (Some(1000), Some(0)));
    assert_eq!(limit.reset(), Some(Wait::After(Duration::from_secs(1800))));
}

#[test]
fn a_malformed_retry_after_is_an_error_not_a_panic() {
    for value in ["-1", "1.5", "soon", "+3", "0x10", "1e3"] {
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
    let Some(ExtractError::InvalidHeader {
        name,
        error: invalid,
    }) = error.extract_error()
    else {
        panic!("expected an invalid header: {error:?}");
    };
    let reason = invalid.reason();
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

/// Whatever the header lines, `T` and `Option<T>` tell the same story for every typed header:
/// the same value, `None` exactly where `T` says the header is absent, the same error where it
/// is malformed — and no panic.
mod t_and_option_agree {
    use std::cell::RefCell;
    use std::collections::BTreeMap;
    use std::fmt::Debug;

    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestCaseError, TestRunner};
    use response_handler::{
        Allow, BufferedResponse, ContentType, ETag, Extract, ExtractError, LastModified, Location,
        RateLimit, RequestContext, RetryAfter, Validators, WwwAuthenticate,
    };

    /// Every header name a typed header reads, each with values it accepts, and one name that
    /// no typed header reads.
    const NAMES: [(&str, &[&str]); 18] = [
        (
            "location",
            &[
                "/orders/17",
                "https://api.example.com/x",
                "?q=1",
                "//other.example/",
            ],
        ),
        (
            "retry-after",
            &["120", "0", "Wed, 21 Oct 2015 07:28:00 GMT"],
        ),
        ("etag", &["\"v1\"", "W/\"v2\"", "\"\""]),
        (
            "last-modified",
            &[
                "Tue, 15 Nov 1994 12:45:26 GMT",
                "Sunday, 06-Nov-94 08:49:37 GMT",
                "Sun Nov  6 08:49:37 1994",
            ],
        ),
        ("allow", &["GET, HEAD", "PUT", ""]),
        (
            "www-authenticate",
            &[
                "Bearer realm=\"api\", error=\"invalid_token\"",
                "Basic realm=\"x\"",
                "Negotiate YIIB==",
            ],
        ),
        (
            "content-type",
            &["application/json", "text/html; charset=utf-8"],
        ),
        ("ratelimit", &["\"hourly\";r=0;t=1800", "\"d\";r=5;t=60"]),
        ("ratelimit-policy", &["\"hourly\";q=1000;w=3600"]),
        ("ratelimit-limit", &["100"]),
        ("ratelimit-remaining", &["0", "42"]),
        ("ratelimit-reset", &["60", "1691591363"]),
        ("x-ratelimit-limit", &["5000"]),
        ("x-ratelimit-remaining", &["4999"]),
        ("x-ratelimit-reset", &["1691591363", "1691591363000"]),
        ("x-rate-limit-limit", &["60"]),
        ("x-rate-limit-remaining", &["0"]),
        ("x-request-id", &["r-1"]),
    ];

    const RATE_LIMIT: [&str; 11] = [
        "ratelimit",
        "ratelimit-policy",
        "ratelimit-limit",
        "ratelimit-remaining",
        "ratelimit-reset",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "x-rate-limit-limit",
        "x-rate-limit-remaining",
        "x-rate-limit-reset",
    ];

    /// Bytes a header value may hold, biased towards the characters the parsers care about.
    fn garbage() -> impl Strategy<Value = Vec<u8>> {
        let interesting = prop::sample::select(b" \t\",;=/:#?%.-+W09azAZ()[]@\\".to_vec());
        let any_allowed = (0x20u8..=0xff).prop_filter("DEL", |b| *b != 0x7f);
        prop::collection::vec(prop_oneof![interesting, any_allowed], 0..40)
    }

    /// Values that are there but empty: absent for most readers, an empty list for `Allow`.
    const BLANK: &[&[u8]] = &[b"", b" ", b"\t "];

    /// One header line: a name from [`NAMES`] and a value that its readers accept, whitespace,
    /// or garbage.
    fn line() -> impl Strategy<Value = (&'static str, Vec<u8>)> {
        (0..NAMES.len()).prop_flat_map(|index| {
            let (name, valid) = NAMES[index];
            let valid = prop::sample::select(valid).prop_map(|value| value.as_bytes().to_vec());
            let blank = prop::sample::select(BLANK).prop_map(<[u8]>::to_vec);
            (
                Just(name),
                prop_oneof![3 => valid, 1 => blank, 3 => garbage()],
            )
        })
    }

    /// How often each type gave each outcome: `(type, "value" | "none" | "error")`.
    type Seen = RefCell<BTreeMap<(&'static str, &'static str), usize>>;

    /// `T` and `Option<T>` on the same response; `reads` are the header names `T` reads.
    fn agree<T: Extract + Debug + PartialEq>(
        response: &BufferedResponse,
        reads: &[&str],
        seen: &Seen,
    ) -> Result<(), TestCaseError> {
        let name = std::any::type_name::<T>()
            .rsplit("::")
            .next()
            .unwrap_or("?");
        let value = response.extract::<T>();
        let optional = response.extract::<Option<T>>();
        let outcome = match (&value, &optional) {
            (Ok(value), Ok(Some(optional))) => {
                prop_assert_eq!(value, optional, "{}", name);
                "value"
            }
            (Err(error), Ok(None)) => {
                prop_assert!(
                    error.is_absent(),
                    "{name}: None for a present value: {error:?}"
                );
                "none"
            }
            (Err(error), Err(optional)) => {
                prop_assert!(
                    !error.is_absent(),
                    "{name}: an error for an absent value: {error:?}"
                );
                prop_assert_eq!(format!("{error:?}"), format!("{optional:?}"), "{}", name);
                "error"
            }
            _ => {
                return Err(TestCaseError::fail(format!(
                    "{name}: T and Option<T> disagree: {value:?} vs {optional:?}"
                )));
            }
        };
        if !reads
            .iter()
            .any(|read| response.headers().contains_key(*read))
        {
            prop_assert!(
                matches!(&value, Err(ExtractError::MissingHeader(_))),
                "{name}: none of {reads:?} is present, yet {value:?}"
            );
        }
        *seen.borrow_mut().entry((name, outcome)).or_default() += 1;
        Ok(())
    }

    #[test]
    fn for_every_typed_header_and_every_name_it_reads() {
        let config = Config {
            cases: 1024,
            failure_persistence: None,
            ..Config::default()
        };
        let seen = Seen::default();
        let lines = prop::collection::vec(line(), 0..5);
        TestRunner::new(config)
            .run(&lines, |lines| {
                let mut builder = http::Response::builder().status(200);
                for (name, value) in &lines {
                    builder = builder.header(*name, http::HeaderValue::from_bytes(value).unwrap());
                }
                let mut response = builder.body(()).unwrap();
                response.extensions_mut().insert(RequestContext::new(
                    http::Method::GET,
                    "https://api.example.com/a/b?c".parse().unwrap(),
                ));
                let response = BufferedResponse::from(response);
                agree::<Location>(&response, &["location"], &seen)?;
                agree::<RetryAfter>(&response, &["retry-after"], &seen)?;
                agree::<ETag>(&response, &["etag"], &seen)?;
                agree::<LastModified>(&response, &["last-modified"], &seen)?;
                agree::<Validators>(&response, &["etag", "last-modified"], &seen)?;
                agree::<Allow>(&response, &["allow"], &seen)?;
                agree::<WwwAuthenticate>(&response, &["www-authenticate"], &seen)?;
                agree::<ContentType>(&response, &["content-type"], &seen)?;
                agree::<RateLimit>(&response, &RATE_LIMIT, &seen)?;
                // What a caller does next must not panic either.
                if let Ok(limit) = response.extract::<RateLimit>() {
                    let _ = (limit.reset_delay(), format!("{limit:?}"));
                }
                if let Ok(location) = response.extract::<Location>() {
                    let _ = (
                        location.to_uri(),
                        location.is_relative(),
                        location.to_string(),
                    );
                }
                Ok(())
            })
            .unwrap_or_else(|failure| panic!("{failure}"));
        // The generator reaches every outcome of every type, or the agreement above proves
        // less than it says.
        let seen = seen.into_inner();
        for name in [
            "Location",
            "RetryAfter",
            "ETag",
            "LastModified",
            "Validators",
            "Allow",
            "WwwAuthenticate",
            "ContentType",
            "RateLimit",
        ] {
            for outcome in ["value", "none", "error"] {
                assert!(
                    seen.get(&(name, outcome)).is_some_and(|count| *count >= 10),
                    "{name} gave `{outcome}` in fewer than 10 cases: {seen:?}"
                );
            }
        }
    }
}
