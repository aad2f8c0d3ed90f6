// GitHub's `orgs/delete-attestations-by-id` answers 200 with no content, and
// `activity/mark-notifications-as-read` 205; a field that reads the body there is an error.
use response_handler::{ErrorBody, ResponseHandler, openapi};

#[openapi::contract("../../openapi/api.github.com.json", operation = "orgs/delete-attestations-by-id")]
#[derive(Debug, ResponseHandler)]
enum DeleteAttestation {
    #[on(200, 204)]
    Deleted(String),
    #[on(403, 404)]
    Refused(ErrorBody),
}

#[openapi::contract("../../openapi/api.github.com.json", operation = "activity/mark-notifications-as-read")]
#[derive(Debug, ResponseHandler)]
enum MarkRead {
    #[on(202)]
    Accepted(ErrorBody),
    #[on(205)]
    Reset { body: response_handler::Bytes },
    #[on(304)]
    NotModified,
    #[on(401, 403)]
    Refused(ErrorBody),
}

// A 204 (GitHub's `repos/delete`): the derive's own no-body rule reports it, once.
#[openapi::contract("../../openapi/api.github.com.json", operation = "repos/delete")]
#[derive(Debug, ResponseHandler)]
enum DeleteRepo {
    #[on(204)]
    Deleted(String),
    #[on(307)]
    Moved,
    #[on(403, 404, 409)]
    Refused(ErrorBody),
}

fn main() {}
