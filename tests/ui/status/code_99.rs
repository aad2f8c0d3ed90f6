use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(99)]
    Early,
}

fn main() {}
