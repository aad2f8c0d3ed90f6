//! Which variant a status lands in: class first, then exact code, range, narrow catch-all,
//! `#[on_failure]`, `#[fallback]` — and `Err` when nothing handles it.

use response_handler::{ExtractError, ResponseHandler, StatusCode};

fn respond<T: ResponseHandler>(status: u16) -> Result<T, response_handler::Error> {
    T::from_response(
        http::Response::builder()
            .status(status)
            .body("body")
            .unwrap(),
    )
}

#[derive(Debug, PartialEq, ResponseHandler)]
enum Layered {
    #[on(404)]
    Exact,
    #[on(400..=409)]
    Range(StatusCode),
    #[on_client_error]
    Client(StatusCode),
    #[on_server_error]
    Server(StatusCode),
    #[on(503)]
    Unavailable,
    #[on_failure]
    Failure(StatusCode),
    #[on_success]
    Success(StatusCode),
    #[fallback]
    Other(StatusCode),
}

fn code(n: u16) -> StatusCode {
    StatusCode::from_u16(n).unwrap()
}

#[test]
fn an_exact_code_beats_a_range_that_contains_it() {
    assert_eq!(respond::<Layered>(404).unwrap(), Layered::Exact);
    assert_eq!(respond::<Layered>(403).unwrap(), Layered::Range(code(403)));
    assert_eq!(respond::<Layered>(409).unwrap(), Layered::Range(code(409)));
}

#[test]
fn a_range_beats_the_narrow_catch_all() {
    assert_eq!(respond::<Layered>(400).unwrap(), Layered::Range(code(400)));
    assert_eq!(respond::<Layered>(410).unwrap(), Layered::Client(code(410)));
    assert_eq!(respond::<Layered>(499).unwrap(), Layered::Client(code(499)));
}

#[test]
fn an_exact_code_beats_the_narrow_catch_all() {
    assert_eq!(respond::<Layered>(503).unwrap(), Layered::Unavailable);
    assert_eq!(respond::<Layered>(500).unwrap(), Layered::Server(code(500)));
    assert_eq!(respond::<Layered>(599).unwrap(), Layered::Server(code(599)));
}

#[test]
fn on_failure_takes_the_undefined_600_to_999() {
    for n in [600, 700, 999] {
        assert_eq!(respond::<Layered>(n).unwrap(), Layered::Failure(code(n)));
    }
}

#[test]
fn fallback_takes_classes_without_a_catch_all() {
    assert_eq!(respond::<Layered>(101).unwrap(), Layered::Other(code(101)));
    assert_eq!(respond::<Layered>(302).unwrap(), Layered::Other(code(302)));
    // ... but not a class that has its own catch-all.
    assert_eq!(
        respond::<Layered>(226).unwrap(),
        Layered::Success(code(226))
    );
}

#[derive(Debug, PartialEq, ResponseHandler)]
enum FailureFirst {
    #[on_client_error]
    Client,
    #[on_failure]
    Failure(StatusCode),
    #[fallback]
    Other(StatusCode),
}

#[test]
fn on_failure_beats_fallback_and_covers_5xx_without_a_server_catch_all() {
    assert_eq!(respond::<FailureFirst>(404).unwrap(), FailureFirst::Client);
    assert_eq!(
        respond::<FailureFirst>(502).unwrap(),
        FailureFirst::Failure(code(502))
    );
    assert_eq!(
        respond::<FailureFirst>(200).unwrap(),
        FailureFirst::Other(code(200))
    );
}

#[derive(Debug, PartialEq, ResponseHandler)]
enum Created {
    #[on(201)]
    Created,
    #[on_success]
    OtherSuccess(StatusCode),
}

#[test]
fn any_2xx_reaches_on_success_so_a_server_may_change_its_success_code() {
    assert_eq!(respond::<Created>(201).unwrap(), Created::Created);
    for n in [200, 202, 203, 204, 206, 299] {
        assert_eq!(
            respond::<Created>(n).unwrap(),
            Created::OtherSuccess(code(n))
        );
    }
}

#[test]
fn a_status_nothing_handles_is_an_unexpected_status_error() {
    for n in [100, 301, 304, 400, 500, 600] {
        let error = respond::<Created>(n).unwrap_err();
        assert!(error.is_unexpected_status(), "{n}: {error}");
        assert_eq!(error.status(), n);
        // 1xx and 304 cannot have a body: the stray bytes are not kept as one.
        let expected: &[u8] = if matches!(n, 100 | 304) { b"" } else { b"body" };
        assert_eq!(error.body().as_ref(), expected);
    }
}

#[derive(Debug, PartialEq, ResponseHandler)]
enum Named {
    #[on(CONFLICT)]
    Conflict,
    #[on(401, FORBIDDEN)]
    #[on(407)]
    Denied(StatusCode),
    #[on(IM_A_TEAPOT)]
    Teapot,
    #[on(CONTINUE)]
    Continue,
    #[on(MOVED_PERMANENTLY, 308)]
    Moved,
}

#[test]
fn constant_names_lists_and_repeated_attributes_all_match() {
    assert_eq!(respond::<Named>(409).unwrap(), Named::Conflict);
    assert_eq!(respond::<Named>(401).unwrap(), Named::Denied(code(401)));
    assert_eq!(respond::<Named>(403).unwrap(), Named::Denied(code(403)));
    assert_eq!(respond::<Named>(407).unwrap(), Named::Denied(code(407)));
    assert_eq!(respond::<Named>(418).unwrap(), Named::Teapot);
    assert_eq!(respond::<Named>(100).unwrap(), Named::Continue);
    assert_eq!(respond::<Named>(301).unwrap(), Named::Moved);
    assert_eq!(respond::<Named>(308).unwrap(), Named::Moved);
    assert!(respond::<Named>(302).unwrap_err().is_unexpected_status());
}

#[derive(Debug, PartialEq, ResponseHandler)]
enum EveryClass {
    #[on_informational]
    Informational(StatusCode),
    #[on_success]
    Success(StatusCode),
    #[on_redirection]
    Redirect(StatusCode),
    #[on_client_error]
    Client(StatusCode),
    #[on_server_error]
    Server(StatusCode),
}

#[test]
fn each_class_catch_all_takes_exactly_its_class() {
    for (n, expected) in [
        (103, EveryClass::Informational(code(103))),
        (250, EveryClass::Success(code(250))),
        (307, EveryClass::Redirect(code(307))),
        (451, EveryClass::Client(code(451))),
        (511, EveryClass::Server(code(511))),
    ] {
        assert_eq!(respond::<EveryClass>(n).unwrap(), expected);
    }
    // No `#[on_failure]`: the undefined 6xx is not silently a client or server error.
    assert!(
        respond::<EveryClass>(600)
            .unwrap_err()
            .is_unexpected_status()
    );
}

/// A struct is the one expected outcome: `#[on_success]` unless it says otherwise.
#[derive(Debug, PartialEq, ResponseHandler)]
struct Done {
    status: StatusCode,
}

#[derive(Debug, PartialEq, ResponseHandler)]
#[on(201)]
#[on(202)]
struct CreatedOrAccepted(StatusCode, String);

#[derive(Debug, PartialEq, ResponseHandler)]
#[on(404, 410)]
struct Gone;

#[test]
fn structs_default_to_on_success_and_take_container_attributes() {
    assert_eq!(respond::<Done>(204).unwrap(), Done { status: code(204) });
    assert!(respond::<Done>(404).unwrap_err().is_unexpected_status());

    assert_eq!(
        respond::<CreatedOrAccepted>(202).unwrap(),
        CreatedOrAccepted(code(202), "body".into())
    );
    assert!(
        respond::<CreatedOrAccepted>(200)
            .unwrap_err()
            .is_unexpected_status()
    );

    assert_eq!(respond::<Gone>(410).unwrap(), Gone);
    let error = respond::<Gone>(200).unwrap_err();
    assert!(error.is_unexpected_status(), "{error:?}");
    assert_eq!(
        (error.status(), error.body().as_ref()),
        (code(200), &b"body"[..])
    );
}

#[derive(Debug, PartialEq, ResponseHandler)]
enum Generic<T: core::str::FromStr>
where
    T::Err: core::fmt::Display,
{
    #[on_success]
    Count {
        #[header("x-count")]
        count: T,
    },
}

#[test]
fn generic_types_dispatch_per_instantiation() {
    let response = http::Response::builder()
        .status(200)
        .header("x-count", "41")
        .body(())
        .unwrap();
    assert_eq!(
        Generic::<u8>::from_response(response).unwrap(),
        Generic::Count { count: 41 }
    );
    let response = http::Response::builder()
        .status(200)
        .header("x-count", "-1")
        .body(())
        .unwrap();
    let error = Generic::<u8>::from_response(response).unwrap_err();
    let Some(ExtractError::InvalidHeader {
        name,
        error: invalid,
    }) = error.extract_error()
    else {
        panic!("expected an invalid header: {error:?}");
    };
    let reason = invalid.reason();
    // The reason is `u8`'s own `FromStr` error: the instantiation decides how the value parses.
    let expected = "-1".parse::<u8>().unwrap_err().to_string();
    assert_eq!((name.as_str(), reason), ("x-count", expected.as_str()));
    assert_eq!(
        (error.variant(), error.field()),
        (Some("Count"), Some("count"))
    );
    // The same value is fine where the instantiation allows it.
    let response = http::Response::builder()
        .status(200)
        .header("x-count", "-1")
        .body(())
        .unwrap();
    assert_eq!(
        Generic::<i8>::from_response(response).unwrap(),
        Generic::Count { count: -1 }
    );
}

/// Reads the body three ways, so that each body type's bytes are seen, not only its dispatch.
#[derive(Debug, PartialEq, ResponseHandler)]
enum Echo {
    #[on(201)]
    Created(bytes::Bytes, String, Vec<u8>),
}

#[test]
fn dispatch_is_the_same_for_every_buffered_body_type() {
    const TEXT: &str = "h\u{e9}llo \u{1f980}";
    let build = || http::Response::builder().status(201);
    let echo =
        |text: &str| Echo::Created(text.as_bytes().to_vec().into(), text.into(), text.into());
    assert_eq!(
        Echo::from_response(
            build()
                .body(bytes::Bytes::from_static(TEXT.as_bytes()))
                .unwrap()
        )
        .unwrap(),
        echo(TEXT)
    );
    assert_eq!(
        Echo::from_response(build().body(TEXT.as_bytes().to_vec()).unwrap()).unwrap(),
        echo(TEXT)
    );
    assert_eq!(
        Echo::from_response(build().body(String::from(TEXT)).unwrap()).unwrap(),
        echo(TEXT)
    );
    assert_eq!(
        Echo::from_response(build().body(TEXT.as_bytes()).unwrap()).unwrap(),
        echo(TEXT)
    );
    assert_eq!(
        Echo::from_response(build().body(TEXT).unwrap()).unwrap(),
        echo(TEXT)
    );
    assert_eq!(
        Echo::from_response(build().body(()).unwrap()).unwrap(),
        echo("")
    );
    // Bytes that are not UTF-8 arrive unchanged in the raw fields of every byte body type.
    let raw: &'static [u8] = b"\xff\x00\xfe";
    for response in [
        build().body(bytes::Bytes::from_static(raw)).unwrap(),
        build().body(bytes::Bytes::from(raw.to_vec())).unwrap(),
    ] {
        let error = Echo::from_response(response).unwrap_err();
        assert_eq!(error.field(), Some("1"), "{error:?}");
        assert_eq!(error.body().as_ref(), raw);
    }
    let error = Echo::from_response(build().body(raw.to_vec()).unwrap()).unwrap_err();
    assert_eq!((error.field(), error.body().as_ref()), (Some("1"), raw));
    let error = Echo::from_response(build().body(raw).unwrap()).unwrap_err();
    assert_eq!((error.field(), error.body().as_ref()), (Some("1"), raw));
}
