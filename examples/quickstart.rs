//! Quickstart: one derived enum turns every status of the seed into a typed outcome.
//!
//! It starts its own HTTP server on 127.0.0.1, sends it real requests with `ureq`, and prints
//! what each response became. Run it with `cargo run --example quickstart`.

use response_handler::{Json, ResponseHandler, StatusCode};
use serde::Deserialize;
use suite::{Reply, TestServer};

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // the fields are read through Debug
struct User {
    id: u64,
    name: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct ApiError {
    message: String,
}

/// Every outcome of "save a user", as the seed describes them.
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
    let server = TestServer::start(|request| {
        let code: u16 = request.path.trim_start_matches('/').parse().unwrap_or(404);
        seed_reply(code)
    });

    // ureq treats 4xx/5xx as errors and follows redirects unless told otherwise: we want to see
    // every response as the server sent it.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();

    for code in [
        200, 201, 202, 204, 301, 304, 400, 401, 403, 404, 405, 406, 409, 412, 422, 429, 500,
    ] {
        let mut response = agent.get(&server.url(&format!("/{code}"))).call()?;
        let body = response.body_mut().read_to_vec()?;
        let (head, _) = response.into_parts();
        let outcome = SaveUser::from_response(http::Response::from_parts(head, body))?;
        println!("{code} -> {outcome:?}");
    }

    // A status nobody handles is an error that keeps the whole response.
    let mut response = agent.get(&server.url("/302")).call()?;
    let body = response.body_mut().read_to_vec()?;
    let (head, _) = response.into_parts();
    let error = SaveUser::from_response(http::Response::from_parts(head, body)).unwrap_err();
    println!("302 -> error: {error}");
    Ok(())
}

/// What a typical JSON API sends for each status of the seed.
fn seed_reply(code: u16) -> Reply {
    let reply = Reply::new(code);
    match code {
        200 => reply.text("saved"),
        201 => reply
            .header("location", "/users/7")
            .json(r#"{"id": 7, "name": "Ada"}"#),
        202 => reply.header("location", "/jobs/42").text("queued"),
        204 => reply.without_body(),
        301 => reply.header("location", "https://api.example.com/v2/users/7"),
        302 => reply.header("location", "/elsewhere"),
        304 => reply.header("etag", "\"v7\"").without_body(),
        401 => reply
            .header("www-authenticate", "Bearer realm=\"api\"")
            .text("who are you?"),
        409 => reply.json(r#"{"message": "user 7 was changed by someone else"}"#),
        422 => reply.json(r#"{"message": "name must not be empty"}"#),
        429 => reply.header("retry-after", "30").text("slow down"),
        500 => reply.text("oops"),
        _ => reply.text(format!("status {code}")),
    }
}
