//! Shared by the header targets: build a response from fuzzer bytes and check that extraction
//! answers (value or error) without panicking, and that the answer prints. Each target uses
//! the part it needs.
#![allow(dead_code)]

use std::fmt::Debug;

use bytes::Bytes;
use response_handler::{BufferedResponse, Extract, HeaderValue};

/// A response with status 200 and, for each `\n`-separated line of `data`, one header line named
/// `names[i % names.len()]` (lines that are no valid header value are skipped).
pub fn response_with_lines(names: &[&'static str], data: &[u8]) -> BufferedResponse {
    let mut response = http::Response::new(Bytes::new());
    for (index, line) in data.split(|byte| *byte == b'\n').enumerate() {
        if let Ok(value) = HeaderValue::from_bytes(line) {
            response.headers_mut().append(names[index % names.len()], value);
        }
    }
    BufferedResponse::from(response)
}

/// Extracts `T` and `Option<T>`; both must agree, and whatever comes out must print.
pub fn check<T: Extract + Debug>(response: &BufferedResponse) {
    let value = response.extract::<T>();
    let optional = response.extract::<Option<T>>();
    match (&value, &optional) {
        (Ok(_), Ok(Some(_))) => {}
        (Err(error), Ok(None)) => assert!(error.is_absent(), "None for a present value: {error}"),
        (Err(_), Err(_)) => {}
        _ => panic!("T and Option<T> disagree: {value:?} vs {optional:?}"),
    }
    let _ = format!("{value:?} {optional:?}");
    if let Err(error) = &value {
        let _ = error.to_string();
    }
}
