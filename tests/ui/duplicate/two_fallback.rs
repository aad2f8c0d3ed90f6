use response_handler::{ResponseHandler, StatusCode};

#[derive(ResponseHandler)]
enum Outcome {
    #[on(200)]
    Done,
    #[fallback]
    Other(StatusCode),
    #[fallback]
    Rest,
}

fn main() {}
