//! End to end over loopback: `handle::<T>()` of each client integration against the same client
//! with a hand-written `match` on the status and `serde_json::from_slice`, for a 1 KiB and a
//! 1 MiB JSON array served by `suite::TestServer` on 127.0.0.1 (both sides in the same run, on
//! the same kept-alive connection). Bytes allocated per request: `--bench e2e_allocations`.
//!
//! `cargo bench --bench e2e` (in the root package: it has every client as a dev-dependency,
//! and the test server).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};

mod common;

use common::{Client, SIZES, Setup};

fn main() {
    let setup = Setup::new();
    let mut criterion = Criterion::default()
        .sample_size(60)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    for (size, path, length) in SIZES {
        let url = setup.server.url(path);
        let expected = setup.hand_written(Client::Ureq, &url);
        for client in Client::ALL {
            assert_eq!(setup.derived(client, &url), expected);
            assert_eq!(setup.hand_written(client, &url), expected);
            let mut group = criterion.benchmark_group(format!("e2e-{}-{size}", client.name()));
            group.throughput(Throughput::Bytes(length as u64));
            group.bench_function("derived", |b| {
                b.iter(|| setup.derived(client, black_box(&url)))
            });
            group.bench_function("hand-written", |b| {
                b.iter(|| setup.hand_written(client, black_box(&url)))
            });
            group.finish();
            // One more per client if the connection is reused: otherwise each request would
            // also pay for a connect, and the comparison would measure that.
            eprintln!(
                "CONNECTIONS after {} {size}: {}",
                client.name(),
                setup.server.connections()
            );
        }
    }
    criterion.final_summary();
}
