//! Typed headers: `RetryAfter`, `RateLimit` and `Location` extracted from a response, against
//! the hand-written parsing a careful user would do for the same headers and the same answer.
//! Both sides read the same `BufferedResponse` (built once, outside the measurement); their
//! values are dropped after it.
//!
//! The typed extractors do more than the hand-written code (they tell absent from malformed
//! with a reason, accept all three HTTP-date formats, try four rate-limit families and keep the
//! raw values, encode a lenient `Location` and compare origins); this measures what that
//! costs.
//!
//! `cargo bench -p response-handler --bench headers`

use std::hint::black_box;

#[allow(dead_code)]
mod common;

use common::headers::*;
use common::report;

fn main() {
    let inputs = Inputs::new();
    inputs.check();
    let Inputs {
        retry_delay,
        retry_date,
        github,
        structured,
        absolute,
        relative,
    } = inputs;

    let mut criterion = report::criterion();
    macro_rules! compare {
        ($group:expr, $response:expr, $typed:expr, $by_hand:expr) => {{
            let response = &$response;
            let mut group = criterion.benchmark_group($group);
            group.bench_function("typed", |b| {
                b.iter_with_large_drop(|| $typed(black_box(response)))
            });
            group.bench_function("hand-written", |b| {
                b.iter_with_large_drop(|| $by_hand(black_box(response)))
            });
            group.finish();
        }};
    }
    compare!(
        "retry-after-delay",
        retry_delay,
        retry_after_typed,
        retry_after_by_hand
    );
    compare!(
        "retry-after-date",
        retry_date,
        retry_after_typed,
        retry_after_by_hand
    );
    compare!(
        "ratelimit-github",
        github,
        rate_limit_typed,
        x_rate_limit_by_hand
    );
    compare!(
        "ratelimit-structured",
        structured,
        rate_limit_typed,
        structured_by_hand
    );
    compare!(
        "location-absolute",
        absolute,
        location_typed,
        location_by_hand
    );
    compare!(
        "location-relative",
        relative,
        location_typed,
        location_by_hand
    );
    criterion.final_summary();
    for group in [
        "retry-after-delay",
        "retry-after-date",
        "ratelimit-github",
        "ratelimit-structured",
        "location-absolute",
        "location-relative",
    ] {
        report::print_ratio(group, "typed", "hand-written", 1);
    }
}
