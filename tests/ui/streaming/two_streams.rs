use response_handler::{BodyReader, ResponseHandler};

// Only one field can take the live body.
#[derive(ResponseHandler)]
enum Download {
    #[on_success]
    File(BodyReader, BodyReader),
}

fn main() {}
