use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on_success(200)]
    Done,
}

fn main() {}
