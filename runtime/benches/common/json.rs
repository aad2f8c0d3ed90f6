//! Dispatch + JSON: a derived type with `Json<T>` variants and its hand-written twin.

use bytes::Bytes;
use http::StatusCode;
use response_handler::{BufferedResponse, Error, ExtractError, Json, ResponseHandler};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::unexpected;

/// A GitHub-like user: the small body is one (~200 B), the large one ~330 (~64 KiB).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct User {
    pub id: u64,
    pub login: String,
    pub name: String,
    pub email: Option<String>,
    pub company: Option<String>,
    pub site_admin: bool,
    pub followers: u32,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ApiError {
    pub message: String,
}

/// The derived side of the JSON benchmark, generic over the payload.
#[derive(Debug, PartialEq, Eq, ResponseHandler)]
pub enum Fetch<T> {
    #[on(200)]
    Found(Json<T>),
    #[on(404)]
    Missing,
    #[on_failure]
    Failed(StatusCode, Json<ApiError>),
}

#[inline(never)]
pub fn json_derived<T: DeserializeOwned>(
    response: http::Response<Bytes>,
) -> Result<Fetch<T>, Error> {
    Fetch::from_response(response)
}

/// The hand-written side: `match` + `serde_json::from_slice` on the body as received.
#[inline(never)]
pub fn json_hand_written<T: DeserializeOwned>(
    response: http::Response<Bytes>,
) -> Result<Fetch<T>, Error> {
    let status = response.status();
    match status.as_u16() {
        200 => match serde_json::from_slice(response.body()) {
            Ok(value) => Ok(Fetch::Found(Json(value))),
            Err(error) => json_error::<Fetch<T>>(response, error),
        },
        404 => Ok(Fetch::Missing),
        400.. => match serde_json::from_slice(response.body()) {
            Ok(value) => Ok(Fetch::Failed(status, Json(value))),
            Err(error) => json_error::<Fetch<T>>(response, error),
        },
        _ => unexpected::<Fetch<T>>(response),
    }
}

#[cold]
#[inline(never)]
fn json_error<T>(response: http::Response<Bytes>, error: serde_json::Error) -> Result<T, Error> {
    Err(Error::extract::<T>(
        ExtractError::Json(error),
        BufferedResponse::from(response),
    ))
}

fn user_json(id: u64) -> String {
    format!(
        r#"{{"id":{id},"login":"octocat{id}","name":"The Octocat {id}","email":"octocat{id}@github.example","company":"GitHub","site_admin":false,"followers":{},"created_at":"2011-01-25T18:44:36Z"}}"#,
        9000 + id % 1000
    )
}

/// ~200 B: one user.
pub fn small_body() -> Bytes {
    Bytes::from(user_json(583_231))
}

/// ~64 KiB: a JSON array of users.
pub fn large_body() -> Bytes {
    let mut json = String::from("[");
    let mut id = 1;
    while json.len() < 64 * 1024 - 256 {
        if id > 1 {
            json.push(',');
        }
        json.push_str(&user_json(id));
        id += 1;
    }
    json.push(']');
    Bytes::from(json)
}

/// A 200 with `body` (the `Bytes` is shared, not copied: building it costs no body copy).
pub fn json_response(body: &Bytes) -> http::Response<Bytes> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .header("content-length", body.len())
        .body(body.clone())
        .expect("a 200 with JSON headers is valid")
}

/// Both sides decode the same value.
pub fn check_json_agrees() {
    let small = small_body();
    let a = json_derived::<User>(json_response(&small)).ok();
    let b = json_hand_written::<User>(json_response(&small)).ok();
    assert!(a.is_some() && a == b, "{a:?} {b:?}");
    let large = large_body();
    let a = json_derived::<Vec<User>>(json_response(&large)).ok();
    let b = json_hand_written::<Vec<User>>(json_response(&large)).ok();
    assert!(a.is_some() && a == b);
}
