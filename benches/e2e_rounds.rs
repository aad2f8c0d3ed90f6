//! Not criterion: the `e2e` comparison as interleaved rounds against any server, for
//! `scripts/e2e-nginx.sh` (which serves the two bodies with nginx on loopback and runs this three
//! times). Two modes:
//!
//! - `e2e_rounds time BASE CLIENT SIZE N`: N requests per side of one client and size, the sides
//!   interleaved (request i sends derived then hand-written when i is even, the reverse when it
//!   is odd), each request timed alone; prints the median of each side and their ratio.
//! - `e2e_rounds reads BASE N`: what the blocking integration's read path does on reqwest's
//!   blocking body, per request: each `Read::read` counted and timed (the reads that fill the
//!   buffer, then the one that sees the end), against `bytes()`, and the thread's voluntary
//!   context switches (`/proc/thread-self/status`) around each: a read that waits on reqwest's
//!   runtime thread parks the calling thread, which an instruction count cannot see.
//!
//! BASE is the server's address (`http://127.0.0.1:PORT`), serving `/small` (1 KiB) and `/large`
//! (1 MiB), the JSON arrays of `common::json_array`; `e2e_rounds write DIR` writes them.

use std::hint::black_box;
use std::io::Read as _;
use std::time::{Duration, Instant};

#[allow(dead_code)] // the test server: this bench asks nginx
mod common;

use common::{Client, SIZES, Setup};

fn usage() -> ! {
    eprintln!(
        "usage: e2e_rounds time BASE CLIENT SIZE N | e2e_rounds side BASE CLIENT SIZE N derived|hand-written \
         | e2e_rounds reads BASE N | e2e_rounds write DIR"
    );
    std::process::exit(2)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn path_of(size: &str) -> &'static str {
    SIZES
        .iter()
        .find(|(name, ..)| *name == size)
        .map_or_else(|| usage(), |(_, path, _)| *path)
}

fn client_named(name: &str) -> Client {
    Client::ALL
        .into_iter()
        .find(|c| c.name() == name)
        .unwrap_or_else(|| usage())
}

/// N requests of one side only, for `perf stat` / `perf sched` of the whole process.
fn side_only(setup: &Setup, base: &str, client: &str, size: &str, n: usize, derived: bool) {
    let client = client_named(client);
    let url = format!("{base}{}", path_of(size));
    let expected = setup.hand_written(client, &url);
    for _ in 0..n {
        let found = if derived {
            setup.derived(client, black_box(&url))
        } else {
            setup.hand_written(client, black_box(&url))
        };
        assert_eq!(found, expected);
    }
}

fn time(setup: &Setup, base: &str, client: &str, size: &str, n: usize) {
    let client = client_named(client);
    let url = format!("{base}{}", path_of(size));
    let expected = setup.hand_written(client, &url);
    assert_eq!(setup.derived(client, &url), expected);
    let (mut derived, mut hand) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut one = |derived_side: bool| {
        let start = Instant::now();
        let found = if derived_side {
            setup.derived(client, black_box(&url))
        } else {
            setup.hand_written(client, black_box(&url))
        };
        let took = start.elapsed();
        assert_eq!(found, expected);
        if derived_side {
            derived.push(took);
        } else {
            hand.push(took);
        }
    };
    for i in 0..n {
        one(i % 2 == 0);
        one(i % 2 != 0);
    }
    let (d, h) = (median(&mut derived), median(&mut hand));
    println!(
        "{} {size} derived {:.2} us hand-written {:.2} us ratio {:.4}",
        client.name(),
        d.as_secs_f64() * 1e6,
        h.as_secs_f64() * 1e6,
        d.as_secs_f64() / h.as_secs_f64()
    );
}

/// The calling thread's voluntary context switches so far (0 where /proc is not there).
fn switches() -> u64 {
    std::fs::read_to_string("/proc/thread-self/status")
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                line.strip_prefix("voluntary_ctxt_switches:")
                    .and_then(|n| n.trim().parse().ok())
            })
        })
        .unwrap_or(0)
}

fn reads(base: &str, n: usize) {
    let client = reqwest::blocking::Client::new();
    let url = format!("{base}{}", SIZES[0].1);
    // Per read index: count, total time, total switches.
    let mut stats: Vec<(u64, Duration, u64)> = Vec::new();
    let mut send = (Duration::ZERO, 0u64);
    let mut whole = (Duration::ZERO, Duration::ZERO, 0u64, 0u64);
    for _ in 0..n {
        // The read path of `read::blocking::collect_blocking`: the announced length reserved,
        // filled, then a one-byte read to see the end.
        let before = switches();
        let start = Instant::now();
        let mut response = client.get(&url).send().expect("a response");
        send.0 += start.elapsed();
        send.1 += switches() - before;
        let length = response.content_length().expect("a length") as usize;
        let mut kept = vec![0u8; length];
        let mut filled = 0;
        let mut index = 0;
        loop {
            let before = switches();
            let start = Instant::now();
            let read = if filled < length {
                response.read(&mut kept[filled..]).expect("a read")
            } else {
                response.read(&mut [0u8; 1]).expect("a read")
            };
            let (took, switched) = (start.elapsed(), switches() - before);
            if stats.len() <= index {
                stats.push((0, Duration::ZERO, 0));
            }
            stats[index].0 += 1;
            stats[index].1 += took;
            stats[index].2 += switched;
            index += 1;
            filled += read;
            if read == 0 {
                break;
            }
        }
        assert_eq!(filled, length);
        // The hand-written side: `send` + `bytes()`.
        let before = switches();
        let start = Instant::now();
        let response = client.get(&url).send().expect("a response");
        let sent = start.elapsed();
        let sent_switches = switches() - before;
        let (before, start) = (switches(), Instant::now());
        let body = response.bytes().expect("the body");
        whole.0 += sent;
        whole.1 += start.elapsed();
        whole.2 += sent_switches;
        whole.3 += switches() - before;
        assert_eq!(body.len(), length);
    }
    let per = |d: Duration, count: u64| d.as_secs_f64() * 1e6 / count.max(1) as f64;
    let n64 = n as u64;
    println!("reqwest blocking, 1 KiB, {n} requests each way (times: mean per request)");
    println!(
        "  Read path: send {:.2} us, {:.2} switches",
        per(send.0, n64),
        send.1 as f64 / n as f64
    );
    for (index, (count, took, switched)) in stats.iter().enumerate() {
        println!(
            "  Read path: read #{} on {count} of {n} requests: {:.2} us, {:.2} switches",
            index + 1,
            per(*took, *count),
            *switched as f64 / (*count).max(1) as f64
        );
    }
    println!(
        "  bytes():   send {:.2} us, {:.2} switches; bytes() {:.2} us, {:.2} switches",
        per(whole.0, n64),
        whole.2 as f64 / n as f64,
        per(whole.1, n64),
        whole.3 as f64 / n as f64
    );
}

fn main() {
    // `cargo bench` passes `--bench`; ignore flags.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let count = |n: &str| n.parse::<usize>().unwrap_or_else(|_| usage());
    match args.as_slice() {
        [mode, dir] if mode == "write" => {
            for (_, path, length) in SIZES {
                let file = std::path::Path::new(dir).join(path.trim_start_matches('/'));
                std::fs::write(file, common::json_array(length)).expect("written");
            }
        }
        [mode, base, client, size, n] if mode == "time" => {
            time(&Setup::new(), base, client, size, count(n));
        }
        [mode, base, n] if mode == "reads" => reads(base, count(n)),
        [mode, base, client, size, n, side] if mode == "side" => {
            side_only(
                &Setup::new(),
                base,
                client,
                size,
                count(n),
                side == "derived",
            );
        }
        // `cargo bench` without arguments: run nothing (this is a tool, not a benchmark).
        [] => {}
        _ => usage(),
    }
}
