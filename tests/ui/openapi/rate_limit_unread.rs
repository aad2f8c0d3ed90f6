// GitHub's `rate-limit/get` declares `X-RateLimit-*` on its 200; `Status` reads none of them.
use response_handler::{Json, ResponseHandler, openapi};

#[openapi::contract("../../openapi/api.github.com.json", operation = "rate-limit/get")]
#[derive(Debug, ResponseHandler)]
enum RateLimitStatus {
    #[on(200)]
    Status(Json<serde_json::Value>),
    #[on(304)]
    NotModified,
    #[on(404)]
    NotFound,
}

fn main() {}
