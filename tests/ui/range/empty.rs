use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(599..=500)]
    ServerError,
}

fn main() {}
