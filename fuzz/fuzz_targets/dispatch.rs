//! Any status, any header bytes, any body: `from_response` returns a value or an error that
//! keeps the status, the headers and the body — and never panics.
#![no_main]

use arbitrary::Arbitrary;
use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use response_handler::{HeaderValue, Json, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
#[allow(dead_code)]
enum Outcome {
    #[on(201)]
    Created(#[header("location")] String, Json<serde_json::Value>),
    #[on(204, 304)]
    Empty(#[header("etag")] Option<HeaderValue>),
    #[on(400..=409)]
    Low(StatusCode, String),
    #[on(429)]
    Limited(#[header("retry-after")] u64),
    #[on_client_error]
    Client(Option<Json<serde_json::Value>>),
    #[on_server_error]
    Server(Bytes),
    #[on_failure]
    Failure(StatusCode),
    #[on_success]
    Success(Vec<u8>),
    #[fallback]
    Other(StatusCode),
}

#[derive(Debug, Arbitrary)]
struct Input {
    status: u16,
    headers: Vec<(u8, Vec<u8>)>,
    body: Vec<u8>,
}

const NAMES: [&str; 6] = ["location", "etag", "retry-after", "content-type", "x-other", "set-cookie"];

fuzz_target!(|input: Input| {
    let Ok(status) = StatusCode::from_u16(input.status) else { return };
    let mut response = http::Response::new(Bytes::from(input.body.clone()));
    *response.status_mut() = status;
    for (name, value) in &input.headers {
        let name = NAMES[usize::from(*name) % NAMES.len()];
        if let Ok(value) = HeaderValue::from_bytes(value) {
            response.headers_mut().append(name, value);
        }
    }
    let headers = response.headers().clone();
    if let Err(error) = Outcome::from_response(response) {
        assert_eq!(error.status(), status);
        assert_eq!(error.headers(), &headers);
        let bodiless = matches!(status.as_u16(), 100..=199 | 204 | 304);
        assert_eq!(error.body().as_ref(), if bodiless { &[][..] } else { &input.body[..] });
        let _ = error.to_string();
        let _ = format!("{error:?}");
    }
});
