use response_handler::{BodyReader, ResponseHandler};

// A stream before a field that reads the body into memory breaks both rules: the stream must be
// last, and the other field cannot read the body next to it. Both are reported in one build, in
// the stream's error (the last field has no check of its own).
#[derive(ResponseHandler)]
enum Download {
    #[on_success]
    Both(BodyReader, String),
}

fn main() {}
