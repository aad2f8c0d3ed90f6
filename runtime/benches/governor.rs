//! The cost of a `RateGovernor` permit (take it, report the response), against no governor, in
//! one run: uncontended without limit headers (the case where nothing is paced), uncontended
//! with GitHub's headers (each response parsed), and 64 threads contending for one key.
//!
//! `cargo bench -p response-handler --bench governor`. Wall-clock figures: re-measure on a quiet
//! machine.
//!
//! Instruction counts (deterministic, what BENCHMARKS.md gives first): `governor callgrind
//! <case> <iterations>` runs one case without criterion, the permits inside `measured_permits`
//! (valgrind's `--toggle-collect`); the cases are `none`, `plain` (no limit headers) and
//! `github` (GitHub's headers).

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use http::{HeaderMap, Method, StatusCode, Uri};
use response_handler::RateGovernor;

const CAP: Duration = Duration::from_secs(60);

fn github_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    // So much left that the sends are never spread: the cost of reading the headers alone.
    headers.insert("x-ratelimit-limit", "1000000000000000".parse().unwrap());
    headers.insert("x-ratelimit-remaining", "999999999999999".parse().unwrap());
    headers.insert("x-ratelimit-reset", "1".parse().unwrap());
    headers.insert("x-ratelimit-resource", "core".parse().unwrap());
    headers
}

/// One send's worth of governor work: the key, the permit, the response reported.
fn permit(governor: &RateGovernor, uri: &Uri, headers: &HeaderMap) {
    let key = governor.key_for(&Method::GET, uri);
    let permit = governor.permit_blocking(&key, CAP).unwrap();
    permit.answered(StatusCode::OK, headers);
}

fn bench(c: &mut Criterion) {
    let uri: Uri = "https://api.example.com/repos/a/b".parse().unwrap();
    let plain = HeaderMap::new();
    let github = github_headers();
    let mut group = c.benchmark_group("governor");
    group.bench_function("no governor", |b| {
        // What a call without a governor does in its place: nothing but the send.
        b.iter(|| black_box((&uri, &plain)))
    });
    let governor = RateGovernor::new();
    group.bench_function("permit, uncontended, no limit headers", |b| {
        b.iter(|| permit(&governor, black_box(&uri), black_box(&plain)))
    });
    let governor = RateGovernor::new();
    group.bench_function("permit, uncontended, GitHub headers", |b| {
        b.iter(|| permit(&governor, black_box(&uri), black_box(&github)))
    });
    let governor = Arc::new(RateGovernor::new());
    group.bench_function("permit, 64 threads contending, no limit headers", |b| {
        b.iter_custom(|iters| {
            let per_thread = iters.div_ceil(64);
            let started = Instant::now();
            std::thread::scope(|scope| {
                for _ in 0..64 {
                    let (governor, uri, plain) = (&governor, &uri, &plain);
                    scope.spawn(move || {
                        for _ in 0..per_thread {
                            permit(governor, uri, plain);
                        }
                    });
                }
            });
            // Per permit, as if the threads' work were serial.
            started
                .elapsed()
                .mul_f64(iters as f64 / (per_thread * 64) as f64)
        })
    });
    group.finish();
}

/// Counted under callgrind: `iterations` sends' worth of governor work (or of nothing).
#[inline(never)]
fn measured_permits(
    governor: Option<&RateGovernor>,
    uri: &Uri,
    headers: &HeaderMap,
    iterations: u64,
) {
    for _ in 0..iterations {
        match governor {
            Some(governor) => permit(governor, black_box(uri), black_box(headers)),
            None => {
                black_box((uri, headers));
            }
        }
    }
}

fn callgrind(case: &str, iterations: u64) {
    let uri: Uri = "https://api.example.com/repos/a/b".parse().unwrap();
    let governor = RateGovernor::new();
    let headers = match case {
        "github" => github_headers(),
        _ => HeaderMap::new(),
    };
    // The key's first permit (it learns the key) is not counted.
    permit(&governor, &uri, &headers);
    let governor = (case != "none").then_some(&governor);
    measured_permits(governor, &uri, &headers, iterations);
}

criterion_group!(benches, bench);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, mode, case, iterations, ..] = args.as_slice()
        && mode == "callgrind"
    {
        callgrind(case, iterations.parse().unwrap());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
