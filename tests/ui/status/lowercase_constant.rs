use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(not_found)]
    Missing,
}

fn main() {}
