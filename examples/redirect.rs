//! 301 Moved Permanently: read the new location, resolved against the request URI, and decide
//! whether credentials may follow it (only to the same origin).
//!
//! Run it with `cargo run --example redirect`.

use std::sync::{Arc, Mutex};

use response_handler::ureq::AgentExt;
use response_handler::{Json, Location, ResponseHandler, StatusCode};
use serde::Deserialize;
use suite::{Reply, TestServer};

#[derive(Debug, Deserialize)]
struct User {
    id: u64,
    name: String,
}

#[derive(Debug, ResponseHandler)]
enum GetUser {
    #[on(200)]
    Found(Json<User>),
    /// Update stored links: the old URI will not come back.
    #[on(301, 308)]
    Moved(Location),
    #[on_failure]
    Failed(StatusCode, String),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Which paths received the credentials: the server's own record, checked at the end.
    let authorized = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&authorized);
    let server = TestServer::start(move |request| {
        if request.header("authorization").is_some() {
            seen.lock().unwrap().push(request.path.clone());
        }
        route(request)
    });
    let agent = suite::agent();

    let mut url: http::Uri = server.url("/v1/users/7").parse()?;
    let mut token = Some("Bearer secret");
    for hop in 1..=5 {
        let mut get = http::Request::get(url.clone());
        if let Some(token) = token {
            get = get.header("authorization", token);
        }
        match agent.handle_request::<GetUser>(get.body(vec![])?)? {
            GetUser::Found(Json(user)) => {
                println!("hop {hop}: found user {} ({}) at {url}", user.id, user.name);
                assert_eq!((hop, user.id, user.name.as_str()), (3, 7, "Ada"));
                // Credentials stay on their origin: 127.0.0.1 saw the token, localhost did not.
                assert_eq!(*authorized.lock().unwrap(), ["/v1/users/7", "/v2/users/7"]);
                return Ok(());
            }
            GetUser::Moved(location) => {
                println!(
                    "hop {hop}: moved to {:?}, resolved to {location}",
                    location.as_str()
                );
                // The relative hop keeps the origin; the hop to another host name does not.
                assert_eq!(location.same_origin(), Some(hop == 1));
                if !location.is_same_origin() && token.take().is_some() {
                    println!("  another origin: the Authorization header stays behind");
                }
                url = location.to_uri().ok_or("unresolvable Location")?;
            }
            GetUser::Failed(status, body) => return Err(format!("{status}: {body}").into()),
        }
    }
    Err("too many redirects".into())
}

fn route(request: &suite::Request) -> Reply {
    match request.path.as_str() {
        // A relative reference, as most servers send it.
        "/v1/users/7" => Reply::new(301).header("location", "../../v2/users/7"),
        // The same server under another name is another origin.
        "/v2/users/7" => {
            let port = request
                .header("host")
                .and_then(|h| h.rsplit(':').next())
                .unwrap_or("80");
            Reply::new(301).header("location", format!("http://localhost:{port}/v3/users/7"))
        }
        "/v3/users/7" => Reply::new(200).json(r#"{"id": 7, "name": "Ada"}"#),
        _ => Reply::new(404).text("no such user"),
    }
}
