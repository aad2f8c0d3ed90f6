//! The error keeps everything that arrived, says where it failed, and prints safely.

use response_handler::{ErrorKind, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Ping {
    #[on_success]
    Pong,
}

fn teapot() -> http::Response<&'static str> {
    http::Response::builder()
        .status(418)
        .version(http::Version::HTTP_10)
        .header("x-trace", "abc")
        .header("set-cookie", "session=secret")
        .header("authorization", "Bearer secret")
        .body("short and stout")
        .unwrap()
}

#[test]
fn an_unexpected_status_keeps_status_version_headers_and_body() {
    let error = Ping::from_response(teapot()).unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::UnexpectedStatus));
    assert_eq!(error.status(), StatusCode::IM_A_TEAPOT);
    assert_eq!(error.version(), http::Version::HTTP_10);
    assert_eq!(error.headers()["x-trace"], "abc");
    assert_eq!(error.headers()["set-cookie"], "session=secret");
    assert_eq!(error.body().as_ref(), b"short and stout");
    assert!(error.target().ends_with("Ping"), "{}", error.target());
    let response = error.into_response().into_response();
    assert_eq!(response.status(), 418);
    assert_eq!(response.body().as_ref(), b"short and stout");
}

#[test]
fn display_names_code_reason_type_and_a_body_prefix() {
    let message = Ping::from_response(teapot()).unwrap_err().to_string();
    assert!(
        message.starts_with("unexpected status 418 I'm a teapot for `"),
        "{message}"
    );
    assert!(message.contains("Ping`"), "{message}");
    assert!(message.ends_with("body: \"short and stout\""), "{message}");
}

#[test]
fn display_bounds_and_escapes_the_body() {
    let body = format!("\x1b[31mred{}", "x".repeat(500));
    let response = http::Response::builder().status(500).body(body).unwrap();
    let message = Ping::from_response(response).unwrap_err().to_string();
    assert!(!message.contains('\x1b'), "{message}");
    assert!(message.contains("\\x1b[31mred"), "{message}");
    assert!(message.ends_with(" (+380 more bytes)"), "{message}");
    let status_only = http::Response::builder().status(799).body(()).unwrap();
    let message = Ping::from_response(status_only).unwrap_err().to_string();
    assert!(
        message.starts_with("unexpected status 799 (no standard reason)"),
        "{message}"
    );
}

#[test]
fn debug_and_display_never_print_credentials() {
    let error = Ping::from_response(teapot()).unwrap_err();
    for text in [
        format!("{error:?}"),
        format!("{error}"),
        format!("{:?}", error.response()),
    ] {
        assert!(!text.contains("secret"), "{text}");
    }
    assert!(format!("{error:?}").contains("\"x-trace\": \"abc\""));
}

#[test]
fn the_error_is_a_std_error_with_the_extractor_as_source() {
    #[derive(Debug, ResponseHandler)]
    #[on_success]
    struct Number(#[header("x-n")] u8);

    let ok = http::Response::builder()
        .header("x-n", "7")
        .body(())
        .unwrap();
    assert_eq!(Number::from_response(ok).unwrap().0, 7);

    let response = http::Response::builder()
        .header("x-n", "300")
        .body(())
        .unwrap();
    let error: Box<dyn std::error::Error> = Box::new(Number::from_response(response).unwrap_err());
    let source = error.source().expect("the extractor's error");
    assert!(
        source
            .to_string()
            .contains("header `x-n` has an invalid value"),
        "{source}"
    );
}
