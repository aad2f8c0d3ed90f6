//! Not a criterion benchmark: runs one case N times, for `scripts/callgrind.sh`, which counts
//! the instructions of the measured functions with `valgrind --tool=callgrind`
//! (`--toggle-collect` on `measured_*`, so building the inputs and dropping the outputs is not
//! counted) at two iteration counts, and divides the difference by the difference of the
//! counts (what is left of any fixed cost cancels out).
//!
//! `callgrind <case> <iterations>`; `callgrind list` prints the cases (with the
//! number of responses per iteration). One iteration is one pass
//! over the input set of the case: the 17 common-status responses for `dispatch-*`, one response for
//! `json-*`, one extraction for `header-*` (the typed header is the "derived" side).

use std::hint::black_box;

use bytes::Bytes;
use response_handler::{BufferedResponse, Error};

#[allow(dead_code)]
mod common;

use common::headers::{
    Inputs, location_by_hand, location_typed, rate_limit_typed, retry_after_by_hand,
    retry_after_typed, x_rate_limit_by_hand,
};
use common::json::{Fetch, User, json_derived, json_hand_written, json_response};
use common::{Head, Outcome, common_responses};

type Response = http::Response<Bytes>;

/// Counted: the dispatch of every input.
#[inline(never)]
fn measured_dispatch(
    inputs: &mut Vec<Response>,
    outputs: &mut Vec<Result<Outcome, Error>>,
    f: fn(Response) -> Result<Outcome, Error>,
) {
    common::dispatch_all(inputs, outputs, f);
}

/// Counted: dispatch and decode of every input.
#[inline(never)]
fn measured_json<T>(
    inputs: &mut Vec<Response>,
    outputs: &mut Vec<Result<Fetch<T>, Error>>,
    f: fn(Response) -> Result<Fetch<T>, Error>,
) {
    for response in inputs.drain(..) {
        outputs.push(black_box(f(black_box(response))));
    }
}

/// Counted: one typed-header extraction (or its hand-written twin) of `response`.
#[inline(never)]
fn measured_header<T>(
    response: &BufferedResponse,
    outputs: &mut Vec<Option<T>>,
    f: fn(&BufferedResponse) -> Option<T>,
) {
    outputs.push(black_box(f(black_box(response))));
}

fn run_header<T>(
    response: &BufferedResponse,
    iterations: u64,
    f: fn(&BufferedResponse) -> Option<T>,
) {
    let mut outputs = Vec::with_capacity(1);
    for _ in 0..iterations {
        measured_header(response, &mut outputs, f);
        assert!(outputs.iter().all(Option::is_some));
        outputs.clear();
    }
}

fn run_dispatch(head: Head, iterations: u64, f: fn(Response) -> Result<Outcome, Error>) {
    let mut outputs = Vec::with_capacity(common::COMMON_STATUSES.len());
    for _ in 0..iterations {
        let mut inputs = common_responses(head);
        measured_dispatch(&mut inputs, &mut outputs, f);
        assert!(outputs.iter().all(Result::is_ok));
        outputs.clear();
    }
}

fn run_json<T>(body: &Bytes, iterations: u64, f: fn(Response) -> Result<Fetch<T>, Error>) {
    let mut outputs = Vec::with_capacity(1);
    for _ in 0..iterations {
        let mut inputs = vec![json_response(body)];
        measured_json(&mut inputs, &mut outputs, f);
        assert!(outputs.iter().all(Result::is_ok));
        outputs.clear();
    }
}

/// The cases, with the number of responses one iteration handles.
/// `*-baseline` only drops each response (the floor under both sides).
const CASES: [(&str, usize); 16] = [
    ("dispatch-bare-derived", common::COMMON_STATUSES.len()),
    ("dispatch-bare-hand-written", common::COMMON_STATUSES.len()),
    ("dispatch-bare-baseline", common::COMMON_STATUSES.len()),
    ("dispatch-typical-derived", common::COMMON_STATUSES.len()),
    (
        "dispatch-typical-hand-written",
        common::COMMON_STATUSES.len(),
    ),
    ("dispatch-typical-baseline", common::COMMON_STATUSES.len()),
    ("json-small-derived", 1),
    ("json-small-hand-written", 1),
    ("json-large-derived", 1),
    ("json-large-hand-written", 1),
    ("header-retry-after-derived", 1),
    ("header-retry-after-hand-written", 1),
    ("header-ratelimit-github-derived", 1),
    ("header-ratelimit-github-hand-written", 1),
    ("header-location-absolute-derived", 1),
    ("header-location-absolute-hand-written", 1),
];

fn main() {
    // `cargo bench` passes `--bench`; ignore flags.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let (case, iterations) = match args.as_slice() {
        [case, iterations] => match iterations.parse::<u64>() {
            Ok(iterations) => (case.as_str(), iterations),
            Err(_) => usage(),
        },
        [list] if list == "list" => {
            for (case, responses) in CASES {
                println!("{case} {responses}");
            }
            return;
        }
        // `cargo bench` without arguments: run nothing (this is a tool, not a benchmark).
        [] => return,
        _ => usage(),
    };
    common::check_dispatch_agrees();
    common::json::check_json_agrees();
    let headers = Inputs::new();
    headers.check();
    match case {
        "dispatch-bare-derived" => run_dispatch(Head::Bare, iterations, common::derived),
        "dispatch-bare-hand-written" => run_dispatch(Head::Bare, iterations, common::hand_written),
        "dispatch-bare-baseline" => run_dispatch(Head::Bare, iterations, common::baseline),
        "dispatch-typical-baseline" => run_dispatch(Head::Typical, iterations, common::baseline),
        "dispatch-typical-derived" => run_dispatch(Head::Typical, iterations, common::derived),
        "dispatch-typical-hand-written" => {
            run_dispatch(Head::Typical, iterations, common::hand_written)
        }
        "json-small-derived" => run_json(
            &common::json::small_body(),
            iterations,
            json_derived::<User>,
        ),
        "json-small-hand-written" => run_json(
            &common::json::small_body(),
            iterations,
            json_hand_written::<User>,
        ),
        "json-large-derived" => run_json(
            &common::json::large_body(),
            iterations,
            json_derived::<Vec<User>>,
        ),
        "json-large-hand-written" => run_json(
            &common::json::large_body(),
            iterations,
            json_hand_written::<Vec<User>>,
        ),
        "header-retry-after-derived" => {
            run_header(&headers.retry_delay, iterations, retry_after_typed)
        }
        "header-retry-after-hand-written" => {
            run_header(&headers.retry_delay, iterations, retry_after_by_hand)
        }
        "header-ratelimit-github-derived" => {
            run_header(&headers.github, iterations, rate_limit_typed)
        }
        "header-ratelimit-github-hand-written" => {
            run_header(&headers.github, iterations, x_rate_limit_by_hand)
        }
        "header-location-absolute-derived" => {
            run_header(&headers.absolute, iterations, location_typed)
        }
        "header-location-absolute-hand-written" => {
            run_header(&headers.absolute, iterations, location_by_hand)
        }
        _ => usage(),
    }
}

fn usage() -> ! {
    eprintln!("usage: callgrind <case> <iterations>   (cases: callgrind list)");
    std::process::exit(2)
}
