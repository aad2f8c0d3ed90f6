//! A stateful handler: one struct keeps what the client learns across responses, and the
//! runtime calls its per-code methods — each only after the class check, each with the class
//! proof of its status.
//!
//! - 200 stores the body and its `ETag`; the next request revalidates with `If-None-Match`,
//! - 304 serves the cached copy,
//! - 401 refreshes the token, and the caller retries,
//! - 429 records how long the server asked us to wait.
//!
//! Run it with `cargo run --example handler`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use response_handler::ureq::ResponseExt;
use response_handler::{ETag, Error, Failure, Redirection, ResponseHandler, RetryAfter, Success};
use suite::{Reply, TestServer};

/// What a call can end in, besides the document.
#[derive(Debug)]
enum Retry {
    /// The token was refreshed: send the request again.
    Reauthenticated,
    /// The server is busy: try again after this long.
    After(Duration),
    /// Anything else, with the whole response kept in the error.
    Failed(Error),
}

impl From<Error> for Retry {
    fn from(error: Error) -> Self {
        Retry::Failed(error)
    }
}

#[derive(ResponseHandler)]
#[handler(output = Result<String, Retry>)]
#[on(200, call = fresh)]
#[on(304, call = not_modified)]
#[on(401, call = unauthorized)]
#[on(429, call = rate_limited)]
#[on_failure(call = failed)]
struct DocumentClient {
    token: String,
    cached: Option<(ETag, String)>,
    cache_hits: u32,
    waited: Vec<Duration>,
}

impl DocumentClient {
    fn fresh(&mut self, response: Success) -> Result<String, Retry> {
        let body: String = response
            .extract()
            .map_err(|e| Error::extract::<Self>(e, response.clone()))?;
        if let Ok(etag) = response.extract::<ETag>() {
            self.cached = Some((etag, body.clone()));
        }
        Ok(body)
    }

    // 304 is a 3xx: this method takes the `Redirection` proof.
    fn not_modified(&mut self, response: Redirection) -> Result<String, Retry> {
        match &self.cached {
            Some((_, body)) => {
                self.cache_hits += 1;
                Ok(body.clone())
            }
            None => Err(Retry::Failed(Error::unexpected_status::<Self>(response))),
        }
    }

    fn unauthorized(&mut self, _: Failure) -> Result<String, Retry> {
        self.token = "fresh-token".to_owned(); // a real client would call its token endpoint
        Err(Retry::Reauthenticated)
    }

    fn rate_limited(&mut self, response: Failure) -> Result<String, Retry> {
        let wait = response
            .extract::<RetryAfter>()
            .map(|after| after.delay())
            .unwrap_or(Duration::from_secs(1));
        self.waited.push(wait);
        Err(Retry::After(wait))
    }

    fn failed(&mut self, response: Failure) -> Result<String, Retry> {
        Err(Retry::Failed(Error::unexpected_status::<Self>(response)))
    }

    /// One GET, with the token and, when we have a copy, `If-None-Match`.
    fn get(&mut self, agent: &ureq::Agent, url: &str) -> Result<String, Retry> {
        let mut request = agent
            .get(url)
            .header("authorization", format!("Bearer {}", self.token));
        if let Some(value) = self.cached.as_ref().map(|(etag, _)| etag.to_header_value()) {
            request = request.header("if-none-match", value);
        }
        match request.call() {
            Ok(response) => response.handle_with(self),
            Err(error) => panic!("the request failed: {error}"),
        }
    }
}

fn main() {
    let server = document_server();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut client = DocumentClient {
        token: "expired-token".to_owned(),
        cached: None,
        cache_hits: 0,
        waited: Vec::new(),
    };
    let url = server.url("/doc");

    let mut outcomes = Vec::new();
    for attempt in 1..=6 {
        let outcome = match client.get(&agent, &url) {
            Ok(body) => {
                println!(
                    "#{attempt}: {body:?} (served from the cache {} times so far)",
                    client.cache_hits
                );
                assert_eq!(body, "the document, version 1");
                "document"
            }
            Err(Retry::Reauthenticated) => {
                println!("#{attempt}: 401, token refreshed to {:?}", client.token);
                "reauthenticated"
            }
            Err(Retry::After(wait)) => {
                println!("#{attempt}: 429, the server asks us to wait {wait:?}");
                "wait"
            }
            Err(Retry::Failed(error)) => panic!("#{attempt}: failed: {error}"),
        };
        outcomes.push(outcome);
    }
    println!("waits recorded: {:?}", client.waited);
    // The state the handler kept: a refreshed token, one fetch then three cache hits (304s),
    // and the one wait the server asked for.
    assert_eq!(
        outcomes,
        [
            "reauthenticated",
            "document",
            "document",
            "wait",
            "document",
            "document"
        ]
    );
    assert_eq!(
        (client.token.as_str(), client.cache_hits),
        ("fresh-token", 3)
    );
    assert_eq!(client.waited, [Duration::from_secs(2)]);
}

/// 401 without the fresh token; 200 with an `ETag`; 304 when `If-None-Match` matches; every
/// fourth request a 429.
fn document_server() -> TestServer {
    let requests = AtomicU32::new(0);
    TestServer::start(move |request| {
        let count = requests.fetch_add(1, Ordering::SeqCst) + 1;
        if request.header("authorization") != Some("Bearer fresh-token") {
            return Reply::new(401).header(
                "www-authenticate",
                "Bearer realm=\"docs\", error=\"invalid_token\"",
            );
        }
        if count.is_multiple_of(4) {
            return Reply::new(429).header("retry-after", "2");
        }
        if request.header("if-none-match") == Some("\"v1\"") {
            return Reply::new(304).header("etag", "\"v1\"").without_body();
        }
        Reply::new(200)
            .header("etag", "\"v1\"")
            .text("the document, version 1")
    })
}
