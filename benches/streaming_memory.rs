//! A streamed body costs the same memory whatever its length, in release: through each client
//! integration, a `BodyReader` or `BodyStream` variant reads a body of 64 MiB and of 640 MiB
//! from the loopback server, checking every byte. Prints the peak heap above the heap in use
//! just before each request, and exits with 1 when one is above 1 MiB (1.26 MiB through
//! reqwest's blocking client, whose own buffers take up to 1.2 MiB: see `Client::bound`).
//!
//! `cargo bench --bench streaming_memory`. The debug twin, at 4 and 40 MiB:
//! `cargo test --test streaming_memory`.

use std::process::ExitCode;

use peak_alloc::PeakAlloc;

#[path = "common/streaming.rs"]
mod streaming;

use streaming::{Check, Client, Clients, server, size};

#[global_allocator]
static PEAK: PeakAlloc = PeakAlloc;

const SIZES: [u64; 2] = [64 << 20, 640 << 20];

fn main() -> ExitCode {
    let server = server();
    let mut clients = Clients::new();
    let mut check = Check::new();
    let mut over = 0;
    println!("| client | body | peak heap above baseline | bound | time | throughput |");
    println!("|---|---:|---:|---:|---:|---:|");
    for client in Client::ALL {
        clients.warm(client, &server, &mut check);
        for length in SIZES {
            let url = server.url(&format!("/{length}"));
            let measured = clients.measure(client, &url, length, &PEAK, &mut check);
            let seconds = measured.elapsed.as_secs_f64();
            println!(
                "| {} | {} MiB | {} | {} | {:.2} s | {:.0} MiB/s |",
                client.name(),
                length >> 20,
                size(measured.above),
                size(client.bound()),
                seconds,
                (length >> 20) as f64 / seconds,
            );
            if measured.above > client.bound() {
                over += 1;
            }
        }
    }
    if over > 0 {
        eprintln!("{over} peak(s) above their bound over the baseline");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
