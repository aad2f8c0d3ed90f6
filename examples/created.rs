//! 201 Created and 202 Accepted: follow `Location` to the created resource, or to the job
//! monitor until the work is done.
//!
//! Run it with `cargo run --example created`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use response_handler::ureq::AgentExt;
use response_handler::{Json, Location, ResponseHandler, RetryAfter, StatusCode};
use serde::Deserialize;
use suite::{Reply, TestServer};

#[derive(Debug, Deserialize)]
struct Order {
    id: u64,
    item: String,
}

#[derive(Debug, ResponseHandler)]
enum Submit {
    /// Done: the new resource is at `Location`.
    #[on(201)]
    Created(Location),
    /// Queued: `Location` is a status monitor to poll.
    #[on(202)]
    Accepted(Location, Option<RetryAfter>),
    #[on_failure]
    Failed(StatusCode, String),
}

#[derive(Debug, ResponseHandler)]
enum Monitor {
    #[on(202)]
    Running(Option<RetryAfter>),
    /// 303 See Other: the result is at `Location`.
    #[on(303)]
    Done(Location),
}

#[derive(Debug, ResponseHandler)]
#[on_success]
struct Fetched(Json<Order>);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = order_server();
    let agent = suite::agent();

    // Each path, the reference its server sends, and the order that must be found there.
    let cases = [
        ("/orders", "/orders/7", 7, "tea"),
        ("/orders/bulk", "../8", 8, "tea (bulk)"),
    ];
    for (path, sent_as, id, item) in cases {
        let post = http::Request::post(server.url(path)).body(br#"{"item":"tea"}"#.to_vec())?;
        let location = match agent.handle_request::<Submit>(post)? {
            Submit::Created(location) => location,
            Submit::Accepted(monitor, mut retry) => loop {
                // A relative `Location` ("jobs/1") resolves against the URI of the request.
                println!("POST {path}: 202 Accepted, polling {monitor}");
                std::thread::sleep(retry.map_or(Duration::from_millis(200), |r| r.delay()));
                let url = monitor.to_uri().ok_or("unresolvable job monitor")?;
                match agent.handle_request::<Monitor>(http::Request::get(url).body(vec![])?)? {
                    Monitor::Running(next) => retry = next,
                    Monitor::Done(result) => break result,
                }
            },
            Submit::Failed(status, body) => return Err(format!("{status}: {body}").into()),
        };
        println!(
            "POST {path}: created at {} (sent as {:?})",
            location,
            location.as_str()
        );
        // Relative references resolve against the URI of the request that received them.
        assert_eq!(location.as_str(), sent_as);
        assert_eq!(
            location.resolved(),
            Some(server.url(&format!("/orders/{id}")).as_str())
        );
        assert_eq!(location.same_origin(), Some(true));
        let url = location.to_uri().ok_or("unresolvable Location")?;
        let Fetched(Json(order)) =
            agent.handle_request::<Fetched>(http::Request::get(url).body(vec![])?)?;
        println!("  GET it: order {} for {}", order.id, order.item);
        assert_eq!((order.id, order.item.as_str()), (id, item));
    }
    Ok(())
}

/// `POST /orders` creates at once; `POST /orders/bulk` queues a job that finishes on the second
/// poll.
fn order_server() -> TestServer {
    let polls = AtomicU32::new(0);
    TestServer::start(
        move |request| match (request.method.as_str(), request.path.as_str()) {
            ("POST", "/orders") => Reply::new(201)
                .header("location", "/orders/7")
                .json(r#"{"id":7,"item":"tea"}"#),
            ("POST", "/orders/bulk") => Reply::new(202)
                .header("location", "jobs/1")
                .header("retry-after", "0")
                .text("queued"),
            ("GET", "/orders/jobs/1") if polls.fetch_add(1, Ordering::SeqCst) == 0 => {
                Reply::new(202).header("retry-after", "0").text("running")
            }
            ("GET", "/orders/jobs/1") => Reply::new(303).header("location", "../8"),
            ("GET", "/orders/7") => Reply::new(200).json(r#"{"id":7,"item":"tea"}"#),
            ("GET", "/orders/8") => Reply::new(200).json(r#"{"id":8,"item":"tea (bulk)"}"#),
            _ => Reply::new(404),
        },
    )
}
