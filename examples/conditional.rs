//! 304 Not Modified and 412 Precondition Failed: a cache that revalidates with
//! `If-None-Match`, and an update guarded by `If-Match` that re-reads and retries after a 412.
//!
//! Run it with `cargo run --example conditional`.

use std::sync::Mutex;

use response_handler::ureq::AgentExt;
use response_handler::{ResponseHandler, StatusCode, Validators};
use suite::{Reply, TestServer};

#[derive(Debug, ResponseHandler)]
enum Fetch {
    #[on(200)]
    Fresh(Validators, String),
    /// No body: our cached copy is current.
    #[on(304)]
    NotModified(Validators),
}

#[derive(Debug, ResponseHandler)]
enum Update {
    #[on_success]
    Updated(Validators),
    /// Someone changed it since we read it.
    #[on(412)]
    Stale,
    #[on_failure]
    Failed(StatusCode, String),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = document_server();
    let agent = suite::agent();
    let url = server.url("/notes/1");

    // 1. Fill the cache, then revalidate it: the second GET costs no body.
    let mut cache = None;
    for round in 1..=2 {
        let mut get = http::Request::get(&url);
        if let Some((validators, _)) = &cache {
            get.headers_mut()
                .unwrap()
                .extend(Validators::revalidation_headers(validators));
        }
        match agent.handle_request::<Fetch>(get.body(vec![])?)? {
            Fetch::Fresh(validators, text) => {
                println!(
                    "GET #{round}: 200, cached {text:?} tagged {}",
                    etag(&validators)
                );
                cache = Some((validators, text));
            }
            Fetch::NotModified(validators) => {
                println!("GET #{round}: 304, {} is still current", etag(&validators));
                // Revalidation: the first GET filled the cache, the second cost no body.
                assert_eq!((round, etag(&validators).as_str()), (2, "\"v1\""));
            }
        }
    }
    assert!(cache.is_some(), "the first GET fills the cache");

    // 2. Meanwhile someone else edits the note; our guarded update must not overwrite it.
    let colleague = http::Request::put(&url).body(b"edited by a colleague".to_vec())?;
    agent.send_request(colleague, 1024)?;
    for attempt in 1..=3 {
        let (validators, text) = cache.take().ok_or("no cached copy")?;
        let mut put = http::Request::put(&url);
        put.headers_mut()
            .unwrap()
            .extend(validators.precondition_headers());
        let new_text = format!("{text} + our line");
        match agent.handle_request::<Update>(put.body(new_text.into_bytes())?)? {
            Update::Updated(validators) => {
                println!("PUT #{attempt}: saved, now tagged {}", etag(&validators));
                // The guard refused the stale write once; the retry kept the colleague's edit.
                assert_eq!((attempt, etag(&validators).as_str()), (2, "\"v3\""));
                let Fetch::Fresh(_, saved) =
                    agent.handle_request::<Fetch>(http::Request::get(&url).body(vec![])?)?
                else {
                    return Err("expected the saved note".into());
                };
                assert_eq!(saved, "edited by a colleague + our line");
                return Ok(());
            }
            Update::Stale => {
                println!("PUT #{attempt}: 412, re-reading before trying again");
                let Fetch::Fresh(validators, text) =
                    agent.handle_request::<Fetch>(http::Request::get(&url).body(vec![])?)?
                else {
                    return Err("expected a fresh copy".into());
                };
                cache = Some((validators, text));
            }
            Update::Failed(status, body) => return Err(format!("{status}: {body}").into()),
        }
    }
    Err("still stale after 3 attempts".into())
}

fn etag(validators: &Validators) -> String {
    validators
        .etag
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// A note with a version-numbered strong ETag; honours If-None-Match and If-Match.
fn document_server() -> TestServer {
    let note = Mutex::new((1u32, String::from("buy milk")));
    TestServer::start(move |request| {
        let mut note = note.lock().unwrap();
        let etag = format!("\"v{}\"", note.0);
        match request.method.as_str() {
            "GET" if request.header("if-none-match") == Some(etag.as_str()) => {
                Reply::new(304).header("etag", &etag).without_body()
            }
            "GET" => Reply::new(200).header("etag", &etag).text(note.1.clone()),
            "PUT" if request.header("if-match").is_some_and(|tag| tag != etag) => {
                Reply::new(412).text("the note changed")
            }
            "PUT" => {
                *note = (
                    note.0 + 1,
                    String::from_utf8_lossy(&request.body).into_owned(),
                );
                Reply::new(204)
                    .header("etag", format!("\"v{}\"", note.0))
                    .without_body()
            }
            _ => Reply::new(405).header("allow", "GET, PUT"),
        }
    })
}
