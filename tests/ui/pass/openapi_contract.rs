// Outcome types that satisfy their operation in GitHub's description.
use response_handler::headers::{Link, Location, RateLimit};
use response_handler::{Bytes, ErrorBody, Json, ResponseHandler, openapi};

#[openapi::contract("../../openapi/api.github.com.json", operation = "pulls/list")]
#[derive(Debug, ResponseHandler)]
enum ListPulls {
    #[on(200)]
    Page {
        link: Option<Link>,
        body: Json<Vec<serde_json::Value>>,
    },
    #[on(304)]
    NotModified,
    #[on(422)]
    Invalid(ErrorBody),
}

// By method and path; `#[header("location")]` reads the `Location` as well as the typed field.
#[openapi::contract("../../openapi/api.github.com.json", operation = "POST /repos/{owner}/{repo}/pulls")]
#[derive(Debug, ResponseHandler)]
enum CreatePull {
    #[on(201)]
    Created {
        #[header("location")]
        location: String,
        body: Json<serde_json::Value>,
    },
    #[on_failure]
    Failed(ErrorBody),
}

// Catch-alls cover what the description declares: 301 (`#[on_redirection]`), 403 and 404
// (`#[on_failure]`).
#[openapi::contract("../../openapi/api.github.com.json", operation = "repos/get")]
#[derive(Debug, ResponseHandler)]
enum GetRepo {
    #[on(200)]
    Found(Json<serde_json::Value>),
    #[on_redirection]
    Moved(Option<Location>),
    #[on_failure]
    Failed(ErrorBody),
}

// The opt-outs: a status the description never mentions, a header not read.
#[openapi::contract(
    "../../openapi/api.github.com.json",
    operation = "issues/create",
    undocumented = [429],
    unread_headers = ["location"],
)]
#[derive(Debug, ResponseHandler)]
enum CreateIssue {
    #[on(201)]
    Created(Json<serde_json::Value>),
    #[on(429)]
    #[retry]
    SlowDown(Option<RateLimit>),
    #[on_failure]
    Failed(ErrorBody),
}

// JSON is one of the media types of `repos/get-commit`'s 200 (beside diff, patch, sha).
#[openapi::contract("../../openapi/api.github.com.json", operation = "repos/get-commit")]
#[derive(Debug, ResponseHandler)]
enum GetCommit {
    #[on(200)]
    Commit(Json<serde_json::Value>),
    #[on(404, 409, 422, 500, 503)]
    Failed(ErrorBody),
}

// Non-JSON content read as bytes; the 304 without content reads headers only.
#[openapi::contract("../../openapi/api.github.com.json", operation = "markdown/render")]
#[derive(Debug, ResponseHandler)]
enum Render {
    #[on(200)]
    Html(Bytes),
    #[on(304)]
    NotModified(Option<Link>),
}

#[openapi::contract("../../openapi/api.github.com.json", operation = "rate-limit/get")]
#[derive(Debug, ResponseHandler)]
enum RateLimitStatus {
    #[on(200)]
    Status {
        rate: Option<RateLimit>,
        body: Json<serde_json::Value>,
    },
    #[fallback]
    Other,
}

// A `4XX` range and `default` (a small YAML document, not a real API): the catch-alls cover
// them; a code inside the range (418) is documented by it.
#[openapi::contract("../openapi/ranges.yaml", operation = "GET /items")]
#[derive(Debug, ResponseHandler)]
enum ListItems {
    #[on(200)]
    Items(Json<Vec<String>>),
    #[on(418)]
    Teapot,
    #[on_client_error]
    Refused,
    #[fallback]
    Other,
}

fn main() {
    let response = http::Response::builder()
        .status(304)
        .body(())
        .unwrap();
    assert!(matches!(
        ListPulls::from_response(response),
        Ok(ListPulls::NotModified)
    ));
    let _ = (
        CreatePull::from_response::<()>,
        GetRepo::from_response::<()>,
        CreateIssue::from_response::<()>,
        GetCommit::from_response::<()>,
        Render::from_response::<()>,
        RateLimitStatus::from_response::<()>,
        ListItems::from_response::<()>,
    );
}
