//! `application/problem+json` bodies: lenient, never a panic, extension members kept.
#![no_main]

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use response_handler::{BufferedResponse, Problem};

fuzz_target!(|data: &[u8]| {
    let mut response = http::Response::new(Bytes::copy_from_slice(data));
    *response.status_mut() = http::StatusCode::UNPROCESSABLE_ENTITY;
    response.headers_mut().insert("content-type", http::HeaderValue::from_static("application/problem+json"));
    let response = BufferedResponse::from(response);
    if let Ok(problem) = response.extract::<Problem>() {
        let _ = (problem.problem_type(), problem.title(), problem.status(), problem.detail(), problem.instance());
        let _ = format!("{problem:?}");
    }
});
