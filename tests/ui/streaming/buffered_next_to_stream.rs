use response_handler::{BodyStream, ResponseHandler, StatusCode};

// A `String` next to a stream would see nothing: the live body goes to the stream.
#[derive(ResponseHandler)]
enum Completion {
    #[on_success]
    Events(String, BodyStream),
    #[on_failure]
    Failed(StatusCode, String),
}

fn main() {}
