use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(201, call = created)]
    Created,
    #[on_failure(call = failed)]
    Failed,
}

fn main() {}
