use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(401 403)]
    Denied,
}

fn main() {}
