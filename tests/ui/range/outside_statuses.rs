use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(500..=699)]
    ServerError,
}

fn main() {}
