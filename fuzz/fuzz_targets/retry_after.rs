//! `Retry-After`: delay-seconds or any of the three HTTP-date formats; garbage is an error.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use response_handler::RetryAfter;

fuzz_target!(|data: &[u8]| {
    let response = common::response_with_lines(&["retry-after"], data);
    common::check::<RetryAfter>(&response);
    if let Ok(after) = response.extract::<RetryAfter>() {
        let _ = after.delay();
    }
});
