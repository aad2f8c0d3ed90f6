//! Quickstart: one derived enum turns the 17 statuses an API client meets most into typed outcomes.
//!
//! It starts its own HTTP server on 127.0.0.1, sends it real requests with `ureq`, and prints
//! what each response became. Run it with `cargo run --example quickstart`.

use response_handler::ureq::RequestBuilderExt;
use response_handler::{Json, ResponseHandler, StatusCode};
use serde::Deserialize;
use suite::{TestServer, common_reply};

#[derive(Debug, Deserialize)]
struct User {
    id: u64,
    name: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct ApiError {
    message: String,
}

/// Every outcome of "save a user", as the README's semantics table describes them.
#[derive(Debug, ResponseHandler)]
#[allow(dead_code)]
enum SaveUser {
    /// 201: the new user, and where it lives.
    #[on(201)]
    Created {
        #[header("location")]
        location: String,
        user: Json<User>,
    },
    /// 204: saved, nothing to say.
    #[on(NO_CONTENT)]
    Saved,
    /// Any other 2xx (200, 202 ...): success, whatever the exact code.
    #[on_success]
    Accepted(StatusCode, String),
    /// 301: the resource moved.
    #[on(301)]
    Moved {
        #[header("location")]
        location: String,
    },
    /// 304: our cached copy is current.
    #[on(304)]
    NotModified {
        #[header("etag")]
        etag: String,
    },
    /// 409: GET the current state and decide again.
    #[on(409)]
    Conflict(Json<ApiError>),
    /// 412: our `If-Match` guard failed.
    #[on(PRECONDITION_FAILED)]
    Stale,
    /// 422: what failed validation.
    #[on(422)]
    Invalid(Json<ApiError>),
    /// 401 and 403: not allowed, and how to authenticate.
    #[on(401, 403)]
    Denied {
        status: StatusCode,
        #[header("www-authenticate")]
        challenge: Option<String>,
    },
    /// 429: when to try again.
    #[on(429)]
    RateLimited {
        #[header("retry-after")]
        retry_after_seconds: u64,
    },
    /// 5xx: the server's fault.
    #[on(500..=599)]
    ServerError(StatusCode),
    /// Any other 4xx (400, 404, 405, 406 ...): ours to fix.
    #[on_client_error]
    Rejected(StatusCode, String),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Answers `/CODE` with what a typical JSON API sends for CODE.
    let server = TestServer::start(|request| {
        let code = request.path.trim_start_matches('/').parse().unwrap_or(404);
        common_reply(code).unwrap_or_else(|| suite::Reply::new(code))
    });

    // ureq follows redirects unless told otherwise; we want to see the 301 itself.
    // (`handle` makes ureq hand over 4xx/5xx responses instead of turning them into errors.)
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .build()
        .into();

    for code in suite::COMMON_STATUSES {
        let outcome = agent
            .get(server.url(&format!("/{code}")))
            .handle::<SaveUser>()?;
        println!("{code} -> {outcome:?}");
        assert!(is_expected(code, &outcome), "{code} became {outcome:?}");
    }

    // A status nothing handles is an error that keeps the whole response.
    let error = agent
        .get(server.url("/302"))
        .handle::<SaveUser>()
        .unwrap_err();
    println!("302 -> error: {error}");
    assert_eq!(
        error.response().map(|e| e.status()),
        Some(StatusCode::FOUND)
    );
    Ok(())
}

/// The variant each code must become, with the values the server sent.
fn is_expected(code: u16, outcome: &SaveUser) -> bool {
    match outcome {
        SaveUser::Created { location, user } => {
            code == 201 && location == "/users/7" && user.0.id == 7 && user.0.name == "Ada"
        }
        SaveUser::Saved => code == 204,
        SaveUser::Accepted(status, _) => matches!(code, 200 | 202) && *status == code,
        SaveUser::Moved { location } => code == 301 && location == "/v2/users/7",
        SaveUser::NotModified { etag } => code == 304 && etag == "\"v7\"",
        SaveUser::Conflict(_) => code == 409,
        SaveUser::Stale => code == 412,
        SaveUser::Invalid(_) => code == 422,
        SaveUser::Denied { status, challenge } => {
            matches!(code, 401 | 403) && *status == code && challenge.is_some() == (code == 401)
        }
        SaveUser::RateLimited {
            retry_after_seconds,
        } => code == 429 && *retry_after_seconds == 30,
        SaveUser::ServerError(status) => code == 500 && *status == code,
        SaveUser::Rejected(status, _) => matches!(code, 400 | 404 | 405 | 406) && *status == code,
    }
}
