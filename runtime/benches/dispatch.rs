//! Dispatch only: the derived 16-variant `Outcome` against the hand-written `match`, over the
//! 17 common statuses (each once per iteration; time per response = time per iteration / 17),
//! and the floor under both (`baseline`: each response taken and dropped, no dispatch).
//!
//! `cargo bench -p response-handler --bench dispatch`

use criterion::{BatchSize, Throughput};

#[allow(dead_code)]
mod common;

use common::{COMMON_STATUSES, Head, Outcome, common_responses, dispatch_all, report};
use response_handler::Error;

type Batch = (
    Vec<http::Response<bytes::Bytes>>,
    Vec<Result<Outcome, Error>>,
);

fn batch(head: Head) -> impl FnMut() -> Batch {
    move || {
        (
            common_responses(head),
            Vec::with_capacity(COMMON_STATUSES.len()),
        )
    }
}

fn main() {
    common::check_dispatch_agrees();
    let mut criterion = report::criterion();
    let elements = COMMON_STATUSES.len() as u64;
    let groups = [
        ("dispatch-bare", Head::Bare),
        ("dispatch-typical", Head::Typical),
    ];
    for (name, head) in groups {
        let mut group = criterion.benchmark_group(name);
        group.throughput(Throughput::Elements(elements));
        // The responses (and the output vector) are built in setup; outputs are dropped
        // after the measurement. Only `drain` + dispatch + `push` is timed, on both sides.
        group.bench_function("derived", |b| {
            b.iter_batched_ref(
                batch(head),
                |(inputs, outputs)| dispatch_all(inputs, outputs, common::derived),
                BatchSize::SmallInput,
            )
        });
        group.bench_function("hand-written", |b| {
            b.iter_batched_ref(
                batch(head),
                |(inputs, outputs)| dispatch_all(inputs, outputs, common::hand_written),
                BatchSize::SmallInput,
            )
        });
        // The floor under both: take each response and drop it, no dispatch.
        group.bench_function("baseline", |b| {
            b.iter_batched_ref(
                batch(head),
                |(inputs, outputs)| dispatch_all(inputs, outputs, common::baseline),
                BatchSize::SmallInput,
            )
        });
        group.finish();
    }
    criterion.final_summary();
    for (name, _) in groups {
        report::print_ratio(name, "derived", "hand-written", elements);
        report::print_ratio(name, "derived", "baseline", elements);
        report::print_ratio(name, "hand-written", "baseline", elements);
    }
}
