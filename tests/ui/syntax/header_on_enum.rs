use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
#[header("x-request-id")]
enum Outcome {
    #[on(200)]
    Done,
}

fn main() {}
