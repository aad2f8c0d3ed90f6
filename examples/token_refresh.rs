//! 401 with an expired bearer token: an async handler fetches a new token from the token
//! endpoint and the call is retried once.
//!
//! The server answers `WWW-Authenticate: Bearer error="invalid_token"` for a token it no longer
//! accepts (RFC 6750, section 3.1): the client should get a new one and repeat the request. Any
//! other 401 (no `Bearer` challenge, or another error code) is final.
//!
//! Run it with `cargo run --example token_refresh`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use response_handler::reqwest::AsyncHandlerExt;
use response_handler::{Error, Failure, ResponseHandler, Success, WwwAuthenticate};
use suite::{Reply, TestServer};

/// What one attempt came to.
#[derive(Debug)]
enum Attempt {
    Done(String),
    /// The token was refreshed: send the request again.
    RetryWithNewToken,
    Failed(Error),
}

/// The client's session: its current token, and how to get a new one.
#[derive(ResponseHandler)]
#[handler(output = Attempt, async, error = failed)]
#[on_success(call = ok)]
#[on(401, call = unauthorized)]
struct Session {
    http: reqwest::Client,
    token_url: String,
    token: String,
    refreshes: u32,
}

impl Session {
    async fn ok(&mut self, response: Success) -> Attempt {
        match response.extract::<String>() {
            Ok(body) => Attempt::Done(body),
            Err(error) => Attempt::Failed(Error::extract::<Self>(error, response)),
        }
    }

    async fn unauthorized(&mut self, response: Failure) -> Attempt {
        let expired = response
            .extract::<WwwAuthenticate>()
            .ok()
            .and_then(|challenges| {
                let bearer = challenges.find("Bearer")?;
                Some(bearer.error() == Some("invalid_token"))
            })
            .unwrap_or(false);
        if !expired {
            return Attempt::Failed(Error::unexpected_status::<Self>(response));
        }
        // The refresh is an HTTP call of its own: this is why the handler is async.
        let refreshed = async {
            let reply = self.http.post(&self.token_url).send().await?;
            reply.error_for_status()?.text().await
        };
        match refreshed.await {
            Ok(token) => {
                self.token = token;
                self.refreshes += 1;
                Attempt::RetryWithNewToken
            }
            Err(_) => Attempt::Failed(Error::unexpected_status::<Self>(response)),
        }
    }

    async fn failed(&mut self, error: Error) -> Attempt {
        Attempt::Failed(error)
    }
}

/// Sends `GET url` with the session's token; on an expired token, refreshes it and sends the
/// request once more.
async fn get(session: &mut Session, url: &str) -> Attempt {
    const ATTEMPTS: u32 = 2;
    let mut last = None;
    for _ in 0..ATTEMPTS {
        let request = session.http.get(url).bearer_auth(&session.token);
        let attempt = match request.send().await {
            Ok(response) => response.handle_with_async(session).await,
            Err(error) => panic!("the loopback server is unreachable: {error}"),
        };
        match attempt {
            Attempt::RetryWithNewToken => last = Some(Attempt::RetryWithNewToken),
            done => return done,
        }
    }
    last.expect("at least one attempt")
}

fn main() {
    // The server issues `token-1`, `token-2`, ...; it accepts only the latest.
    let issued = Arc::new(AtomicU32::new(0));
    let server = {
        let issued = Arc::clone(&issued);
        TestServer::start(move |request| match request.path.as_str() {
            "/token" if request.method == "POST" => {
                let token = issued.fetch_add(1, Ordering::SeqCst) + 1;
                Reply::new(200).text(format!("token-{token}"))
            }
            "/report" => {
                let current = format!("Bearer token-{}", issued.load(Ordering::SeqCst));
                if request.header("authorization") == Some(current.as_str()) {
                    Reply::new(200).text("the quarterly report")
                } else {
                    Reply::new(401).header(
                        "www-authenticate",
                        "Bearer realm=\"reports\", error=\"invalid_token\", error_description=\"expired\"",
                    )
                }
            }
            // The token is fine, but does not grant this: asking again would not help.
            "/admin" => Reply::new(401).header(
                "www-authenticate",
                "Bearer realm=\"reports\", error=\"insufficient_scope\"",
            ),
            _ => Reply::new(404),
        })
    };

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let mut session = Session {
        http: reqwest::Client::new(),
        token_url: server.url("/token"),
        token: "stale".to_owned(),
        refreshes: 0,
    };
    let report = server.url("/report");

    // The stale token is refused, refreshed once, and the retry succeeds.
    let attempt = runtime.block_on(get(&mut session, &report));
    let Attempt::Done(body) = attempt else {
        panic!("expected the report after one refresh, got {attempt:?}");
    };
    assert_eq!(body, "the quarterly report");
    assert_eq!((session.token.as_str(), session.refreshes), ("token-1", 1));
    println!("after one refresh ({}): {body}", session.token);

    // The token is still valid: no refresh.
    let attempt = runtime.block_on(get(&mut session, &report));
    assert!(matches!(attempt, Attempt::Done(_)), "{attempt:?}");
    assert_eq!(session.refreshes, 1);

    // Another client rotated the token: this one refreshes again, once.
    issued.fetch_add(1, Ordering::SeqCst);
    let attempt = runtime.block_on(get(&mut session, &report));
    assert!(matches!(attempt, Attempt::Done(_)), "{attempt:?}");
    assert_eq!((session.token.as_str(), session.refreshes), ("token-3", 2));
    println!("after a rotation ({}): still one retry", session.token);

    // A 401 for another reason than an expired token is final: no refresh, no retry.
    let admin = server.url("/admin");
    let attempt = runtime.block_on(get(&mut session, &admin));
    let Attempt::Failed(error) = attempt else {
        panic!("insufficient_scope is final, got {attempt:?}");
    };
    assert_eq!(error.status(), 401);
    assert_eq!(session.refreshes, 2);
    println!("insufficient_scope is final: {error}");
}
