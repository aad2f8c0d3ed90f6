//! Every rate-limit header family at once, in any combination.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use response_handler::RateLimit;

const NAMES: [&str; 11] = [
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

fuzz_target!(|data: &[u8]| {
    let response = common::response_with_lines(&NAMES, data);
    common::check::<RateLimit>(&response);
    if let Ok(limit) = response.extract::<RateLimit>() {
        let _ = (limit.limit(), limit.remaining(), limit.reset_delay(), limit.is_exhausted());
    }
});
