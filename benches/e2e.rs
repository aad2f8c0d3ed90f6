//! End to end over loopback: `handle::<T>()` of each client integration against the same client
//! with a hand-written `match` on the status and `serde_json::from_slice`, for a 1 KiB and a
//! 1 MiB JSON array served by `suite::TestServer` on 127.0.0.1 (both sides in the same run, on
//! the same kept-alive connection).
//!
//! `cargo bench --bench e2e` (here, in the root package: it is the package that has every
//! client as a dev-dependency, and the test server).

use std::hint::black_box;
use std::time::Duration;

use bytes::Bytes;
use criterion::{Criterion, Throughput};
use http_body_util::BodyExt;
use response_handler::{Json, ResponseHandler, StatusCode};
use suite::{Reply, TestServer};

/// The derived side: what a new user writes.
#[derive(Debug, ResponseHandler)]
enum Fetch {
    #[on(200)]
    Found(Json<Vec<u64>>),
    #[on_failure]
    Failed(StatusCode),
}

/// The hand-written side's outcome (the same information as `Fetch`).
#[derive(Debug)]
enum Raw {
    Found(Vec<u64>),
    Failed(StatusCode),
}

fn decode(status: StatusCode, body: &[u8]) -> Raw {
    match status.as_u16() {
        200 => Raw::Found(serde_json::from_slice(body).expect("a JSON array")),
        _ => Raw::Failed(status),
    }
}

/// A JSON array of numbers, `len` bytes long (to the byte).
fn json_array(len: usize) -> Vec<u8> {
    let mut body = b"[".to_vec();
    let mut n = 1_000_000u64;
    while body.len() + 9 < len {
        if body.len() > 1 {
            body.push(b',');
        }
        body.extend_from_slice(n.to_string().as_bytes());
        n += 1;
    }
    while body.len() + 1 < len {
        body.push(b' ');
    }
    body.push(b']');
    assert_eq!(body.len(), len);
    body
}

fn found(outcome: &Fetch) -> usize {
    match outcome {
        Fetch::Found(Json(values)) => values.len(),
        Fetch::Failed(status) => panic!("unexpected {status}"),
    }
}

fn raw_found(outcome: &Raw) -> usize {
    match outcome {
        Raw::Found(values) => values.len(),
        Raw::Failed(status) => panic!("unexpected {status}"),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime")
}

fn main() {
    let small = json_array(1024);
    let large = json_array(1024 * 1024);
    let (served_small, served_large) = (small.clone(), large.clone());
    let server = TestServer::start(move |request| {
        let body = if request.path == "/large" {
            &served_large
        } else {
            &served_small
        };
        Reply::new(200).json(body).keep_alive()
    });

    let mut criterion = Criterion::default()
        .sample_size(60)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();

    let ureq_agent = suite::agent();
    let blocking = reqwest::blocking::Client::new();
    let rt = runtime();
    let reqwest_async = rt.block_on(async { reqwest::Client::new() });
    let hyper = {
        let _guard = rt.enter();
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build_http::<http_body_util::Empty<Bytes>>()
    };

    for (size, path, body) in [("1KiB", "/small", &small), ("1MiB", "/large", &large)] {
        let url = server.url(path);
        let uri: http::Uri = url.parse().expect("a URI");
        let count = serde_json::from_slice::<Vec<u64>>(body).expect("JSON").len();

        let mut group = criterion.benchmark_group(format!("e2e-ureq-{size}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("derived", |b| {
            use response_handler::ureq::RequestBuilderExt;
            b.iter(|| {
                let outcome = ureq_agent.get(&url).handle::<Fetch>().expect("a response");
                assert_eq!(found(black_box(&outcome)), count);
            })
        });
        group.bench_function("hand-written", |b| {
            b.iter(|| {
                let response = ureq_agent
                    .get(&url)
                    .config()
                    .http_status_as_error(false)
                    .build()
                    .call()
                    .expect("a response");
                let status = response.status();
                let bytes = response
                    .into_body()
                    .with_config()
                    .limit(2 * 1024 * 1024)
                    .read_to_vec()
                    .expect("the body");
                assert_eq!(raw_found(black_box(&decode(status, &bytes))), count);
            })
        });
        group.finish();

        let mut group = criterion.benchmark_group(format!("e2e-reqwest-blocking-{size}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("derived", |b| {
            use response_handler::reqwest::blocking::RequestBuilderExt;
            b.iter(|| {
                let outcome = blocking.get(&url).handle::<Fetch>().expect("a response");
                assert_eq!(found(black_box(&outcome)), count);
            })
        });
        group.bench_function("hand-written", |b| {
            b.iter(|| {
                let response = blocking.get(&url).send().expect("a response");
                let status = response.status();
                let bytes = response.bytes().expect("the body");
                assert_eq!(raw_found(black_box(&decode(status, &bytes))), count);
            })
        });
        group.finish();

        let mut group = criterion.benchmark_group(format!("e2e-reqwest-async-{size}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("derived", |b| {
            use response_handler::reqwest::RequestBuilderExt;
            b.iter(|| {
                let outcome = rt
                    .block_on(reqwest_async.get(&url).handle::<Fetch>())
                    .expect("a response");
                assert_eq!(found(black_box(&outcome)), count);
            })
        });
        group.bench_function("hand-written", |b| {
            b.iter(|| {
                let outcome = rt.block_on(async {
                    let response = reqwest_async.get(&url).send().await.expect("a response");
                    let status = response.status();
                    let bytes = response.bytes().await.expect("the body");
                    decode(status, &bytes)
                });
                assert_eq!(raw_found(black_box(&outcome)), count);
            })
        });
        group.finish();

        let get = || {
            http::Request::get(uri.clone())
                .body(http_body_util::Empty::<Bytes>::new())
                .expect("a request")
        };
        let mut group = criterion.benchmark_group(format!("e2e-hyper-{size}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("derived", |b| {
            b.iter(|| {
                let outcome = rt.block_on(async {
                    let response = hyper.request(get()).await.expect("a response");
                    response_handler::body::handle::<Fetch, _>(response).await
                });
                assert_eq!(found(black_box(&outcome.expect("a response"))), count);
            })
        });
        group.bench_function("hand-written", |b| {
            b.iter(|| {
                let outcome = rt.block_on(async {
                    let response = hyper.request(get()).await.expect("a response");
                    let status = response.status();
                    let bytes = response
                        .into_body()
                        .collect()
                        .await
                        .expect("the body")
                        .to_bytes();
                    decode(status, &bytes)
                });
                assert_eq!(raw_found(black_box(&outcome)), count);
            })
        });
        group.finish();
    }
    criterion.final_summary();
}
