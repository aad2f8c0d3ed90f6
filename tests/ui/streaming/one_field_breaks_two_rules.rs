use response_handler::{BodyReader, ResponseHandler, StatusCode};

#[derive(ResponseHandler)]
enum ApiFailure {
    #[on(404)]
    Missing,
    #[on_failure]
    Other(StatusCode),
}

// One field that breaks two rules: it reads the body into memory next to a stream, and it
// claims a code that `NotFound` takes first. Both are in its one error, on its type.
#[derive(ResponseHandler)]
enum Download {
    #[on_success]
    File(BodyReader),
    #[on(404)]
    NotFound,
    #[on_failure]
    Failed(ApiFailure, BodyReader),
}

fn main() {}
