//! `#[response_handler(crate = "...")]`: deriving through a crate that re-exports the runtime.
//!
//! Why it is needed: the generated code reaches the runtime as `::response_handler::__private`.
//! A crate whose users get the runtime from it (an SDK: `my_sdk::response_handler`) has users
//! who do not depend on `response-handler` themselves, and for them that path does not
//! resolve:
//!
//! ```text
//! #[derive(my_sdk::rh::ResponseHandler)]
//! enum GetItem { ... }
//!
//! error[E0433]: failed to resolve: use of unresolved module or unlinked crate `response_handler`
//! ```
//!
//! With `#[response_handler(crate = "my_sdk::rh")]` every generated path goes through
//! `my_sdk::rh::__private` instead, as serde's `#[serde(crate = "...")]` does for `serde`.
//!
//! This file names only the re-exporting crate (`response_handler_reexport`, which re-exports
//! the runtime as `rh`). The suite package itself also depends on the runtime (the other tests
//! use it), so `::response_handler` would resolve here too: that no generated path names it is
//! checked on the expansion, by the macros' unit test
//! `expand::tests::a_crate_path_replaces_the_runtime_in_every_generated_path`. What this test
//! shows is that the derive works end to end through the re-export.

use response_handler_reexport::rh;
use rh::retry::{RetryHint, Retryable};
use rh::{Json, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
#[response_handler(crate = "response_handler_reexport::rh")]
enum GetItem {
    #[on(200)]
    Found {
        #[header("x-request-id")]
        request_id: Option<String>,
        body: Json<Vec<u32>>,
    },
    #[on(404)]
    Missing,
    #[on(429)]
    #[retry]
    SlowDown(Option<rh::RetryAfter>),
    #[on_client_error]
    Rejected(StatusCode, String),
}

/// A struct, the one expected outcome, through a path that starts with `::`.
#[derive(Debug, ResponseHandler)]
#[response_handler(crate = "::response_handler_reexport::rh")]
struct Created(StatusCode);

fn respond(status: u16) -> rh::http::response::Builder {
    rh::http::Response::builder().status(status)
}

#[test]
fn a_2xx_reaches_its_variant_through_the_reexport() {
    let response = respond(200)
        .header("x-request-id", "r-7")
        .body("[1, 2]")
        .unwrap();
    let outcome = GetItem::from_response(response).unwrap();
    assert!(
        matches!(&outcome, GetItem::Found { request_id: Some(id), body: Json(ids) } if id == "r-7" && *ids == [1, 2]),
        "{outcome:?}"
    );
    assert_eq!(outcome.retry_hint(), RetryHint::Final);

    let created = Created::from_response(respond(201).body(()).unwrap()).unwrap();
    assert_eq!(created.0, StatusCode::CREATED);
}

#[test]
fn a_4xx_reaches_its_variant_through_the_reexport() {
    let missing = GetItem::from_response(respond(404).body(()).unwrap()).unwrap();
    assert!(matches!(missing, GetItem::Missing), "{missing:?}");

    let rejected = GetItem::from_response(respond(422).body("bad input").unwrap()).unwrap();
    assert!(
        matches!(&rejected, GetItem::Rejected(StatusCode::UNPROCESSABLE_ENTITY, text) if text == "bad input"),
        "{rejected:?}"
    );

    let slow_down = GetItem::from_response(respond(429).body(()).unwrap()).unwrap();
    assert!(
        matches!(slow_down, GetItem::SlowDown(None)),
        "{slow_down:?}"
    );
    assert_eq!(slow_down.retry_hint(), RetryHint::Retry(None));
    assert_eq!(slow_down.outcome_name(), "SlowDown");
}

#[test]
fn a_status_nothing_handles_is_the_runtime_error() {
    let error = GetItem::from_response(respond(503).body(()).unwrap()).unwrap_err();
    assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(Created::from_response(respond(404).body(()).unwrap()).is_err());
}
