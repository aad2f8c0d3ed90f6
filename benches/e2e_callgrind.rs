//! Not criterion: N requests of one end-to-end case, for `scripts/callgrind.sh --e2e`, which
//! counts the instructions inside `measured_request` (the calling thread's client code, the
//! integration, the dispatch and the decoding; not the kernel, and not the test server's
//! threads). Wall-clock times over loopback on a small shared machine are bimodal (see
//! BENCHMARKS.md, "End to end over loopback"); instruction counts show what each side does.
//!
//! `cargo bench --bench e2e_callgrind -- list` prints the cases;
//! `cargo bench --bench e2e_callgrind -- CASE N` runs one N times.

use std::hint::black_box;

mod common;

use common::{Client, SIZES, Setup};

/// One request through `client` to `url`, either side. Never inlined: callgrind counts from its
/// entry to its return (`--toggle-collect`).
#[inline(never)]
fn measured_request(setup: &Setup, client: Client, url: &str, derived: bool) -> usize {
    if derived {
        setup.derived(client, url)
    } else {
        setup.hand_written(client, url)
    }
}

/// `e2e-CLIENT-SIZE-derived` and `-hand-written`, for every client and size.
fn cases() -> Vec<(String, Client, &'static str, bool)> {
    let mut cases = Vec::new();
    for (size, path, _) in SIZES {
        for client in Client::ALL {
            for (side, derived) in [("derived", true), ("hand-written", false)] {
                let name = format!("e2e-{}-{size}-{side}", client.name());
                cases.push((name, client, path, derived));
            }
        }
    }
    cases
}

fn usage() -> ! {
    eprintln!("usage: e2e_callgrind list | e2e_callgrind CASE ITERATIONS");
    std::process::exit(2)
}

fn main() {
    // `cargo bench` passes `--bench`; ignore flags.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let cases = cases();
    let (name, iterations) = match args.as_slice() {
        [list] if list == "list" => {
            for (name, ..) in &cases {
                println!("{name} 1");
            }
            return;
        }
        [name, iterations] => match iterations.parse::<u64>() {
            Ok(iterations) => (name.as_str(), iterations),
            Err(_) => usage(),
        },
        // `cargo bench` without arguments: run nothing (this is a tool, not a benchmark).
        [] => return,
        _ => usage(),
    };
    let Some((_, client, path, derived)) = cases.iter().find(|(case, ..)| case == name) else {
        usage()
    };
    let setup = Setup::new();
    let url = setup.server.url(path);
    // Both sides agree, and the connection is open and pooled before the first counted request.
    let expected = setup.hand_written(*client, &url);
    assert_eq!(setup.derived(*client, &url), expected);
    for _ in 0..iterations {
        assert_eq!(
            measured_request(&setup, *client, black_box(&url), *derived),
            expected
        );
    }
}
