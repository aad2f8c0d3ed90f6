use response_handler::{ResponseHandler, StatusCode};

#[derive(ResponseHandler)]
enum Outcome {
    #[on_failure]
    Failed {
        #[on(500)]
        status: StatusCode,
    },
}

fn main() {}
