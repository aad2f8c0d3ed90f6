// GitHub's `pulls/create` declares `Location` on its 201; `Created` does not read it.
use response_handler::{ErrorBody, Json, ResponseHandler, openapi};

#[openapi::contract("../../openapi/api.github.com.json", operation = "pulls/create")]
#[derive(Debug, ResponseHandler)]
enum CreatePull {
    #[on(201)]
    Created(Json<serde_json::Value>),
    #[on(403, 422)]
    Refused(ErrorBody),
}

fn main() {}
