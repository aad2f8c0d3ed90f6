//! `Retry-After` (delay-seconds or any of the three HTTP-date formats), Azure's millisecond
//! headers, and Google's `RetryInfo` in the error body: garbage is an error, never a panic.
//! The bytes before the first NUL are header lines; the rest is the body.
#![no_main]

#[path = "common.rs"]
mod common;

use std::time::{Duration, UNIX_EPOCH};

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use response_handler::{BufferedResponse, HeaderValue, RetryAfter, RetryInfo};

const NAMES: [&str; 3] = ["retry-after", "retry-after-ms", "x-ms-retry-after-ms"];

fuzz_target!(|data: &[u8]| {
    let (head, body) = match data.iter().position(|byte| *byte == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let mut response = http::Response::new(Bytes::copy_from_slice(body));
    for (index, line) in head.split(|byte| *byte == b'\n').enumerate() {
        if let Ok(value) = HeaderValue::from_bytes(line) {
            response.headers_mut().append(NAMES[index % NAMES.len()], value);
        }
    }
    let response = BufferedResponse::from(response);
    common::check::<RetryAfter>(&response);
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    if let Ok(after) = response.extract::<RetryAfter>() {
        let _ = (after.delay(), after.delay_from(now), after.at(now));
    }
    // `RetryInfo` is absent (not an error) when the body carries none: `RetryInfo` and
    // `Option<RetryInfo>` agree on everything else.
    let value = response.extract::<RetryInfo>();
    let optional = response.extract::<Option<RetryInfo>>();
    match (&value, &optional) {
        (Ok(info), Ok(Some(same))) => assert_eq!(info, same),
        (Err(_), Ok(None)) | (Err(_), Err(_)) => {}
        _ => panic!("RetryInfo and Option<RetryInfo> disagree: {value:?} vs {optional:?}"),
    }
    if let Ok(info) = value {
        assert_eq!(RetryAfter::from(info).delay_from(now), info.delay());
    }
    if let Err(error) = &value {
        let _ = error.to_string();
    }
});
