use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(BAD_REQUEST..=CONFLICT)]
    Rejected,
}

fn main() {}
