//! 409 Conflict: someone changed the resource first. The advice for a 409: GET the current
//! state, apply our change to it, and resubmit.
//!
//! Run it with `cargo run --example conflict`.

use std::sync::Mutex;

use response_handler::ureq::AgentExt;
use response_handler::{Json, Problem, ResponseHandler, StatusCode};
use serde::{Deserialize, Serialize};
use suite::{Reply, TestServer};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Ticket {
    version: u64,
    tags: Vec<String>,
}

#[derive(Debug, ResponseHandler)]
enum Save {
    #[on_success]
    Saved(Json<Ticket>),
    /// The body says why, as RFC 9457 problem details.
    #[on(409)]
    Conflict(Problem),
    #[on_failure]
    Failed(StatusCode, String),
}

#[derive(Debug, ResponseHandler)]
#[on_success]
struct Current(Json<Ticket>);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = ticket_server();
    let agent = suite::agent();
    let url = server.url("/tickets/7");

    // Our copy is version 1; meanwhile a colleague saved version 2.
    let mut ticket = Ticket {
        version: 1,
        tags: vec!["bug".into()],
    };
    ticket.tags.push("urgent".into());
    for attempt in 1..=3 {
        let put = http::Request::put(&url).body(serde_json::to_vec(&ticket)?)?;
        match agent.handle_request::<Save>(put)? {
            Save::Saved(Json(saved)) => {
                println!(
                    "attempt {attempt}: saved as version {}: {:?}",
                    saved.version, saved.tags
                );
                // What the recipe promises: one conflict, then a save that kept the
                // colleague's change and added ours.
                assert_eq!((attempt, saved.version), (2, 3));
                assert_eq!(saved.tags, ["bug", "billing", "urgent"]);
                return Ok(());
            }
            Save::Conflict(problem) => {
                println!("attempt {attempt}: 409 {problem}");
                assert_eq!(
                    problem.extension("current-version"),
                    Some(&serde_json::json!(2))
                );
                let Current(Json(current)) =
                    agent.handle_request::<Current>(http::Request::get(&url).body(vec![])?)?;
                println!(
                    "  current state: version {} {:?}; merging our tag",
                    current.version, current.tags
                );
                ticket = merge(current, "urgent");
            }
            Save::Failed(status, body) => return Err(format!("{status}: {body}").into()),
        }
    }
    Err("still conflicting after 3 attempts".into())
}

/// Our change, applied to the server's current state.
fn merge(mut current: Ticket, tag: &str) -> Ticket {
    if !current.tags.iter().any(|t| t == tag) {
        current.tags.push(tag.into());
    }
    current
}

/// A server that accepts a PUT only if it names the current version.
fn ticket_server() -> TestServer {
    let stored = Mutex::new(Ticket {
        version: 2,
        tags: vec!["bug".into(), "billing".into()],
    });
    TestServer::start(move |request| {
        let mut stored = stored.lock().unwrap();
        if request.method == "GET" {
            return Reply::new(200).json(serde_json::to_vec(&*stored).unwrap());
        }
        let Ok(sent) = serde_json::from_slice::<Ticket>(&request.body) else {
            return Reply::new(400);
        };
        if sent.version != stored.version {
            let problem = serde_json::json!({
                "type": "https://tickets.example/problems/version-conflict",
                "title": "The ticket was changed by someone else",
                "detail": format!("you sent version {}, the current one is {}", sent.version, stored.version),
                "current-version": stored.version,
            });
            return Reply::new(409)
                .header("content-type", "application/problem+json")
                .body(problem.to_string());
        }
        *stored = Ticket {
            version: sent.version + 1,
            tags: sent.tags,
        };
        Reply::new(200).json(serde_json::to_vec(&*stored).unwrap())
    })
}
