use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on_success = 1]
    Done,
}

fn main() {}
