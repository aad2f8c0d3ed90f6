//! Bytes allocated per request on the calling thread, derived `handle::<T>()` against the
//! hand-written twin, for each client and body size of `--bench e2e` (a separate binary: the
//! counting allocator replaces the global one and would slow the timed runs down).
//!
//! `cargo bench --bench e2e_allocations`. reqwest's blocking client reads the socket on a
//! thread of its own, whose allocations are not counted here.

use allocation_counter::measure;

mod common;

use common::{Client, SIZES, Setup};

fn main() {
    let setup = Setup::new();
    println!(
        "client size: derived bytes (allocations) / hand-written bytes (allocations), per request"
    );
    for (size, path, _) in SIZES {
        let url = setup.server.url(path);
        for client in Client::ALL {
            // Warm: the connection is open and the pools are filled before counting.
            setup.derived(client, &url);
            setup.hand_written(client, &url);
            const RUNS: u64 = 20;
            let derived = measure(|| {
                for _ in 0..RUNS {
                    setup.derived(client, &url);
                }
            });
            let hand_written = measure(|| {
                for _ in 0..RUNS {
                    setup.hand_written(client, &url);
                }
            });
            println!(
                "ALLOC {} {size}: {} ({}) / {} ({})",
                client.name(),
                derived.bytes_total / RUNS,
                derived.count_total / RUNS,
                hand_written.bytes_total / RUNS,
                hand_written.count_total / RUNS,
            );
        }
    }
}
