use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on()]
    Done,
}

fn main() {}
