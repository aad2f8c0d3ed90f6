use response_handler::{ResponseHandler, StatusCode};

#[derive(ResponseHandler)]
enum Outcome {
    #[on_success]
    Done,
    #[on_success]
    AlsoDone(StatusCode),
}

fn main() {}
