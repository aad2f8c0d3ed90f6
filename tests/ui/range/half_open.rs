use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(500..600)]
    ServerError,
}

fn main() {}
