// GitHub's `pulls/list` declares 304 (a conditional request's answer); this enum forgets it.
use response_handler::headers::Link;
use response_handler::{ErrorBody, Json, ResponseHandler, openapi};

#[openapi::contract("../../openapi/api.github.com.json", operation = "pulls/list")]
#[derive(Debug, ResponseHandler)]
enum ListPulls {
    #[on(200)]
    Page {
        link: Option<Link>,
        body: Json<Vec<serde_json::Value>>,
    },
    #[on(422)]
    Invalid(ErrorBody),
}

fn main() {}
