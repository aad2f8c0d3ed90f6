use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(409, foo = bar)]
    Conflict,
}

fn main() {}
