use response_handler::{BodyStream, ResponseHandler};

// 204 has no body to stream.
#[derive(ResponseHandler)]
enum Delete {
    #[on(204)]
    Deleted(BodyStream),
    #[on_success]
    Done,
}

fn main() {}
