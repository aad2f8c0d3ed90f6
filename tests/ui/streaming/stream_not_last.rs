use response_handler::{BodyReader, ResponseHandler, StatusCode};

// Fields are read in order: a stream is the last field, so that a field after it cannot fail
// and drop the live body.
#[derive(ResponseHandler)]
enum Download {
    #[on_success]
    File {
        body: BodyReader,
        #[header("x-checksum")]
        checksum: String,
    },
    #[on_failure]
    Failed(StatusCode),
}

fn main() {}
