//! Every rate-limit header family at once, in any combination: the IETF draft's, the
//! `X-RateLimit-*` variants with GitHub's and Discord's extras, OpenAI's and Anthropic's
//! per-kind limits.
#![no_main]

#[path = "common.rs"]
mod common;

use std::time::{Duration, UNIX_EPOCH};

use libfuzzer_sys::fuzz_target;
use response_handler::RateLimit;

const NAMES: [&str; 28] = [
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
    "x-ratelimit-used",
    "x-ratelimit-resource",
    "x-ratelimit-reset-after",
    "x-ratelimit-bucket",
    "x-ratelimit-limit-requests",
    "x-ratelimit-remaining-requests",
    "x-ratelimit-reset-requests",
    "x-ratelimit-limit-tokens",
    "x-ratelimit-remaining-tokens",
    "x-ratelimit-reset-tokens",
    "anthropic-ratelimit-requests-limit",
    "anthropic-ratelimit-requests-remaining",
    "anthropic-ratelimit-requests-reset",
    "anthropic-ratelimit-input-tokens-remaining",
    "anthropic-ratelimit-output-tokens-reset",
    "anthropic-priority-input-tokens-limit",
    "anthropic-ratelimit-unified-5h-reset",
];

fuzz_target!(|data: &[u8]| {
    let response = common::response_with_lines(&NAMES, data);
    common::check::<RateLimit>(&response);
    if let Ok(limit) = response.extract::<RateLimit>() {
        let _ = (limit.limit(), limit.remaining(), limit.reset_delay(), limit.is_exhausted());
        // The binding limit is one of the limits, and there is at least one.
        assert!(!limit.limits().is_empty());
        assert!(limit.limits().contains(limit.binding()));
        // An exhausted limit always binds over one that is not.
        if limit.limits().iter().any(|each| each.is_exhausted()) {
            assert!(limit.is_exhausted());
        }
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        for each in limit.limits() {
            let _ = (each.name(), each.used(), each.window(), each.raw().len());
            let _ = each.reset().map(|reset| reset.delay_from(now));
        }
    }
});
