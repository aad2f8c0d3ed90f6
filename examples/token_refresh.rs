//! 401 with an expired bearer token: `CallOptions::refresh` gets a new token from the token
//! endpoint and sends the request again, once — shared by every call, so eight calls that find
//! the token expired together fetch one new token.
//!
//! The server answers `WWW-Authenticate: Bearer error="invalid_token"` for a token it no longer
//! accepts (RFC 6750, section 3.1): the client should get a new one and repeat the request. Any
//! other 401 (no `Bearer` challenge, or another error code) is the outcome.
//!
//! Run it with `cargo run --example token_refresh`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use response_handler::refresh::CredentialRefresh;
use response_handler::reqwest::RequestBuilderExt;
use response_handler::{CallOptions, HeaderValue, ResponseHandler, WwwAuthenticate};
use suite::{Reply, TestServer};

#[derive(Debug, ResponseHandler)]
enum Report {
    #[on_success]
    Ok(String),
    /// A 401 the refresh does not handle (or the one after a refresh).
    #[on(401)]
    Unauthorized(WwwAuthenticate),
    #[on_failure]
    Failed,
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

    let http = reqwest::Client::new();
    // The refresher: an HTTP call of its own, awaited; it returns the whole header value.
    let auth = {
        let http = http.clone();
        let token_url = server.url("/token");
        CredentialRefresh::new_async(move || {
            let (http, token_url) = (http.clone(), token_url.clone());
            async move {
                let token = http
                    .post(token_url)
                    .send()
                    .await?
                    .error_for_status()?
                    .text()
                    .await?;
                Ok::<_, Box<dyn std::error::Error + Send + Sync>>(HeaderValue::try_from(format!(
                    "Bearer {token}"
                ))?)
            }
        })
    };
    let options = CallOptions::new().refresh(auth.clone());
    let report = server.url("/report");
    let get = |url: &str| {
        http.get(url)
            .bearer_auth("stale")
            .handle_using::<Report>(&options)
    };

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        // The stale token is refused, refreshed once, and the second attempt succeeds.
        let outcome = get(&report).await.expect("the loopback server answers");
        assert!(
            matches!(&outcome, Report::Ok(body) if body == "the quarterly report"),
            "{outcome:?}"
        );
        assert_eq!(issued.load(Ordering::SeqCst), 1);
        println!("after one refresh (token-1): {outcome:?}");

        // The token is still valid, and every call sends it (not the `stale` it was built
        // with): no refresh.
        let outcome = get(&report).await.expect("the loopback server answers");
        assert!(matches!(outcome, Report::Ok(_)), "{outcome:?}");
        assert_eq!(issued.load(Ordering::SeqCst), 1);

        // Another client rotated the token: eight calls at once find theirs expired, and one
        // new token is fetched for all of them.
        issued.fetch_add(1, Ordering::SeqCst);
        let calls: Vec<_> = (0..8)
            .map(|_| {
                let request = http.get(&report).bearer_auth("stale");
                let options = options.clone();
                tokio::spawn(async move { request.handle_using::<Report>(&options).await })
            })
            .collect();
        for call in calls {
            let outcome = call
                .await
                .expect("the call ran")
                .expect("the server answers");
            assert!(matches!(outcome, Report::Ok(_)), "{outcome:?}");
        }
        assert_eq!(
            issued.load(Ordering::SeqCst),
            3,
            "one more token for eight calls"
        );
        assert_eq!(auth.generation(), 2);
        println!("after a rotation: eight calls, one refresh (token-3)");

        // A 401 for another reason than an expired token is the outcome: no refresh.
        let outcome = get(&server.url("/admin"))
            .await
            .expect("the server answers");
        let Report::Unauthorized(challenges) = &outcome else {
            panic!("insufficient_scope is the outcome, got {outcome:?}");
        };
        let bearer = challenges.find("Bearer").expect("a Bearer challenge");
        assert_eq!(bearer.error(), Some("insufficient_scope"));
        assert_eq!(issued.load(Ordering::SeqCst), 3);
        println!("insufficient_scope is the outcome: {outcome:?}");
    });
}
