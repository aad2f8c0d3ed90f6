//! Counting, not timing: what the dispatch path allocates, and how much memory a body that never
//! ends can make the client integrations hold. `allocation-counter` installs a counting global
//! allocator in this test binary and counts per thread.

use allocation_counter::measure;
use bytes::Bytes;
use response_handler::{ErrorKind, ResponseHandler, StatusCode, Version};
use suite::{Reply, SEED_CODES, TestServer};

/// Variants whose fields are `StatusCode`, unit, `Version` and integer headers: dispatching to
/// them must not touch the heap.
#[derive(Debug, ResponseHandler)]
#[allow(dead_code)]
enum Dispatch {
    #[on(200)]
    Ok,
    #[on(201, 202)]
    Created(StatusCode),
    #[on(204)]
    NoContent(Version),
    #[on(429)]
    RateLimited {
        #[header("retry-after")]
        retry_after: u64,
        #[header("x-ratelimit-remaining")]
        remaining: Option<u32>,
    },
    #[on(409)]
    Conflict,
    #[on(500..=599)]
    ServerError(StatusCode),
    #[on_redirect]
    Redirect(StatusCode),
    #[on_client_error]
    ClientError(StatusCode),
    #[on_failure]
    Failure(StatusCode),
}

fn responses() -> Vec<http::Response<Bytes>> {
    SEED_CODES
        .iter()
        .map(|&code| {
            http::Response::builder()
                .status(code)
                .header("retry-after", "30")
                .header("x-ratelimit-remaining", "0")
                .header("content-type", "application/json")
                .body(Bytes::from_static(b"{\"message\": \"body\"}"))
                .unwrap()
        })
        .collect()
}

#[test]
fn dispatching_the_seed_statuses_allocates_nothing() {
    let mut responses = responses();
    let mut outcomes = Vec::with_capacity(responses.len());
    let info = measure(|| {
        for response in responses.drain(..) {
            outcomes.push(Dispatch::from_response(response));
        }
    });
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    assert!(matches!(
        outcomes[15],
        Ok(Dispatch::RateLimited {
            retry_after: 30,
            remaining: Some(0)
        })
    ));
    assert_eq!(info.count_total, 0, "{info:?}");
}

#[test]
fn the_counter_does_count() {
    // Guards the test above: a path that allocates is seen.
    #[derive(Debug, ResponseHandler)]
    #[on_success]
    #[allow(dead_code)]
    struct Text(String);
    let mut responses = responses();
    let info = measure(|| {
        let _ = Text::from_response(responses.remove(0));
    });
    assert!(info.count_total >= 1, "{info:?}");
}

#[derive(Debug, ResponseHandler)]
#[on_success]
#[allow(dead_code)]
struct Body(Bytes);

fn endless_server() -> TestServer {
    TestServer::start(|_| Reply::new(200).endless(vec![b'x'; 16 * 1024]))
}

const LIMIT: usize = 1 << 20;
/// The client's own buffers (socket reads, chunk decoding) on top of the body.
const SLACK: u64 = 512 * 1024;

fn assert_bounded(info: allocation_counter::AllocationInfo) {
    eprintln!(
        "high-water mark: {} bytes for a limit of {LIMIT}",
        info.bytes_max
    );
    // The body buffer never exceeds the limit; while it grows, old and new buffers coexist.
    assert!(
        info.bytes_max < 2 * LIMIT as u64 + SLACK,
        "held {} bytes at most: {info:?}",
        info.bytes_max
    );
}

/// The read stopped with `BodyTooLarge`, keeping exactly the first `LIMIT` bytes.
fn assert_cut_at_the_limit<E: std::fmt::Display>(error: response_handler::CallError<E>) {
    let response_handler::CallError::Response(error) = error else {
        panic!("{error}")
    };
    assert!(
        matches!(error.kind(), ErrorKind::BodyTooLarge { limit: LIMIT }),
        "{error:?}"
    );
    assert_eq!(error.body().len(), LIMIT);
}

#[test]
fn an_endless_body_through_ureq_stops_at_the_limit() {
    use response_handler::ureq::RequestBuilderExt;
    let server = endless_server();
    let info = measure(|| {
        let error = ureq::get(&server.url("/"))
            .handle_with_limit::<Body>(LIMIT)
            .unwrap_err();
        assert_cut_at_the_limit(error);
    });
    assert_bounded(info);
}

#[test]
fn an_endless_body_through_reqwest_stops_at_the_limit() {
    use response_handler::reqwest::RequestBuilderExt;
    let server = endless_server();
    // A current-thread runtime: the reading happens on this thread, where it is counted.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = reqwest::Client::new();
    let info = measure(|| {
        let error = runtime
            .block_on(client.get(server.url("/")).handle_with_limit::<Body>(LIMIT))
            .unwrap_err();
        assert_cut_at_the_limit(error);
    });
    assert_bounded(info);
}
