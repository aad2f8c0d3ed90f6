use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on_success()]
    Done,
}

fn main() {}
