use response_handler::{ResponseHandler, StatusCode};

#[derive(ResponseHandler)]
enum Outcome {
    #[on(200)]
    Done,
    Failed(StatusCode),
}

fn main() {}
