// GitHub's `repos/get` never mentions 418 nor 500..=503.
use response_handler::{ErrorBody, Json, ResponseHandler, openapi};

#[openapi::contract("../../openapi/api.github.com.json", operation = "repos/get")]
#[derive(Debug, ResponseHandler)]
enum GetRepo {
    #[on(200)]
    Found(Json<serde_json::Value>),
    #[on_redirection]
    Moved,
    #[on(403, 404)]
    Hidden(ErrorBody),
    #[on(418)]
    Teapot,
    #[on(500..=503)]
    Down,
}

fn main() {}
