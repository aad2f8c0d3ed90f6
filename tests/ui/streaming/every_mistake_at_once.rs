use response_handler::{BodyReader, BodyStream, ResponseHandler, StatusCode};

// Each mistake is its own error, all reported by one build.
#[derive(ResponseHandler)]
enum Download {
    #[on_success]
    File(Vec<u8>, BodyStream),
    #[on(404)]
    Missing(BodyReader, StatusCode),
    #[on_failure]
    Failed(StatusCode, String),
}

fn main() {}
