//! Property tests: whatever a server sends, `from_response` returns a value or an error — never
//! a panic — dispatch agrees with a reference model of the precedence rules, and an error keeps
//! exactly what arrived.

use bytes::Bytes;
use proptest::prelude::*;
use response_handler::{HeaderMap, Json, ResponseHandler, StatusCode};

/// Every kind of attribute, with overlaps that exercise precedence.
#[derive(Debug, PartialEq, ResponseHandler)]
enum Layered {
    #[on(404)]
    NotFound,
    #[on(400..=409)]
    LowClientRange(StatusCode),
    #[on(429)]
    RateLimited(#[header("retry-after")] Option<u64>),
    #[on(CONFLICT)]
    Conflict(Option<Json<serde_json::Value>>),
    #[on_client_error]
    Client(StatusCode),
    #[on(503)]
    Unavailable,
    #[on_server_error]
    Server(StatusCode),
    #[on_failure]
    Failure(StatusCode),
    #[on(201)]
    Created(Bytes),
    #[on_success]
    Success(StatusCode),
    #[on(301, 308)]
    Moved(#[header("location")] Option<String>),
    #[fallback]
    Other(StatusCode),
}

/// The precedence rules, written out as plainly as possible: class first, then exact code,
/// range, narrow catch-all, `on_failure`, `fallback`.
fn model(code: u16) -> &'static str {
    let class = code / 100;
    let exact = match code {
        404 => Some("NotFound"),
        429 => Some("RateLimited"),
        409 => Some("Conflict"),
        503 => Some("Unavailable"),
        201 => Some("Created"),
        301 | 308 => Some("Moved"),
        _ => None,
    };
    if let Some(variant) = exact {
        return variant;
    }
    if (400..=409).contains(&code) {
        return "LowClientRange";
    }
    match class {
        4 => "Client",
        5 => "Server",
        6..=9 => "Failure",
        2 => "Success",
        _ => "Other",
    }
}

fn variant_name(value: &Layered) -> &'static str {
    match value {
        Layered::NotFound => "NotFound",
        Layered::LowClientRange(_) => "LowClientRange",
        Layered::RateLimited(_) => "RateLimited",
        Layered::Conflict(_) => "Conflict",
        Layered::Client(_) => "Client",
        Layered::Unavailable => "Unavailable",
        Layered::Server(_) => "Server",
        Layered::Failure(_) => "Failure",
        Layered::Created(_) => "Created",
        Layered::Success(_) => "Success",
        Layered::Moved(_) => "Moved",
        Layered::Other(_) => "Other",
    }
}

/// A struct that reads a lot: JSON, text, headers of several types.
#[derive(Debug, ResponseHandler)]
#[on_success]
#[on(409, 422)]
#[allow(dead_code)]
struct Reader {
    json: Json<serde_json::Value>,
    #[header("x-count")]
    count: u32,
    #[header("x-name")]
    name: Option<String>,
    #[header("etag")]
    etag: response_handler::HeaderValue,
}

/// Header names: the ones the types above read, plus arbitrary tokens.
fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("retry-after".to_owned()),
        Just("location".to_owned()),
        Just("x-count".to_owned()),
        Just("x-name".to_owned()),
        Just("etag".to_owned()),
        Just("content-type".to_owned()),
        "[a-z][a-z0-9-]{0,20}",
    ]
}

/// Header values: any byte a header value may hold, obs-text (0x80-0xFF) included, and some
/// long ones.
fn header_value() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![Just(b'\t'), 0x20u8..=0x7e, 0x80u8..=0xff];
    prop_oneof![
        proptest::collection::vec(byte.clone(), 0..40),
        proptest::collection::vec(byte, 1000..2000),
        Just(b"30".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"\"v1\"".to_vec()),
        Just(b"/relative/path".to_vec()),
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        Just(br#"{"message": "ok"}"#.to_vec()),
        Just(b"[[[[[[[[[[".to_vec()),
        Just(Vec::new()),
    ]
}

/// Status, header lines (name, value bytes), body.
type Parts = (u16, Vec<(String, Vec<u8>)>, Vec<u8>);

fn response_parts() -> impl Strategy<Value = Parts> {
    (
        100u16..=999,
        proptest::collection::vec((header_name(), header_value()), 0..8),
        body(),
    )
}

fn build(code: u16, headers: &[(String, Vec<u8>)], body: &[u8]) -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::copy_from_slice(body));
    *response.status_mut() = StatusCode::from_u16(code).unwrap();
    for (name, value) in headers {
        response.headers_mut().append(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            http::HeaderValue::from_bytes(value).unwrap(),
        );
    }
    response
}

/// What an error must still hold: the status, every header line, and the body (empty for the
/// statuses that cannot have one).
fn assert_keeps_everything(
    error: &response_handler::Error,
    code: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(error.status().as_u16(), code);
    prop_assert_eq!(error.headers(), headers);
    let bodiless = matches!(code, 100..=199 | 204 | 304);
    let expected: &[u8] = if bodiless { b"" } else { body };
    prop_assert_eq!(error.body().as_ref(), expected);
    // Printing never panics and stays bounded.
    prop_assert!(error.to_string().len() < 2048);
    let debug = format!("{error:?}");
    prop_assert!(debug.len() < 64 * 1024);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn dispatch_is_total_deterministic_and_follows_the_model((code, headers, body) in response_parts()) {
        let first = Layered::from_response(build(code, &headers, &body));
        let second = Layered::from_response(build(code, &headers, &body));
        match (&first, &second) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a, b);
                prop_assert_eq!(variant_name(a), model(code));
            }
            (Err(a), Err(b)) => {
                prop_assert_eq!(a.to_string(), b.to_string());
                // Only extraction can fail here: every status has a variant.
                prop_assert!(a.extract_error().is_some(), "{a}");
                prop_assert_eq!(a.variant(), Some(model(code)));
                let expected = build(code, &headers, &body);
                assert_keeps_everything(a, code, expected.headers(), &body)?;
            }
            _ => prop_assert!(false, "not deterministic: {first:?} vs {second:?}"),
        }
    }

    #[test]
    fn a_reading_struct_returns_a_value_or_an_error_that_keeps_the_response((code, headers, body) in response_parts()) {
        let response = build(code, &headers, &body);
        let expected_headers = response.headers().clone();
        match Reader::from_response(response) {
            Ok(reader) => prop_assert!(matches!(code, 200..=299 | 409 | 422), "{reader:?}"),
            Err(error) => assert_keeps_everything(&error, code, &expected_headers, &body)?,
        }
    }
}
