//! Dispatch + JSON: derived `Json<T>` variants against the hand-written `match` +
//! `serde_json::from_slice`, for a ~200 B body (one `User`) and a ~64 KiB one (`Vec<User>`).
//! Both decode straight from the `Bytes` of the response; the response (whose body shares one
//! buffer, not a copy) is built in setup, the decoded value is dropped after the measurement.
//!
//! `cargo bench -p response-handler --bench json`

use std::hint::black_box;

use criterion::{BatchSize, Throughput};

#[allow(dead_code)]
mod common;

use common::json::{
    User, check_json_agrees, json_derived, json_hand_written, json_response, large_body, small_body,
};
use common::report;

fn main() {
    check_json_agrees();
    let mut criterion = report::criterion();
    let (small, large) = (small_body(), large_body());

    let mut group = criterion.benchmark_group("json-small");
    group.throughput(Throughput::Bytes(small.len() as u64));
    group.bench_function("derived", |b| {
        b.iter_batched(
            || json_response(&small),
            |response| json_derived::<User>(black_box(response)),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("hand-written", |b| {
        b.iter_batched(
            || json_response(&small),
            |response| json_hand_written::<User>(black_box(response)),
            BatchSize::SmallInput,
        )
    });
    group.finish();

    let mut group = criterion.benchmark_group("json-large");
    group.throughput(Throughput::Bytes(large.len() as u64));
    group.bench_function("derived", |b| {
        b.iter_batched(
            || json_response(&large),
            |response| json_derived::<Vec<User>>(black_box(response)),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("hand-written", |b| {
        b.iter_batched(
            || json_response(&large),
            |response| json_hand_written::<Vec<User>>(black_box(response)),
            BatchSize::SmallInput,
        )
    });
    group.finish();

    criterion.final_summary();
    println!(
        "body sizes: small {} B, large {} B",
        small.len(),
        large.len()
    );
    report::print_ratio("json-small", "derived", "hand-written", 1);
    report::print_ratio("json-large", "derived", "hand-written", 1);
}
