// GitHub's `meta/get-zen` answers `text/plain` and `markdown/render` `text/html`: not JSON.
use response_handler::{Json, ResponseHandler, openapi};

#[openapi::contract("../../openapi/api.github.com.json", operation = "meta/get-zen")]
#[derive(Debug, ResponseHandler)]
enum Zen {
    #[on(200)]
    Saying(Json<String>),
}

#[openapi::contract("../../openapi/api.github.com.json", operation = "POST /markdown")]
#[derive(Debug, ResponseHandler)]
enum Render {
    #[on(200)]
    Html {
        #[header("x-commonmarker-version")]
        version: Option<String>,
        html: Option<Json<String>>,
    },
    #[on(304)]
    NotModified,
}

fn main() {}
