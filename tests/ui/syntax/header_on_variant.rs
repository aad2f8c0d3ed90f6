use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(201)]
    #[header("location")]
    Created(String),
}

fn main() {}
