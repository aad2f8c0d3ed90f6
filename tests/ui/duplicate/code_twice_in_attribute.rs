use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(404, 410, 404)]
    Gone,
}

fn main() {}
