use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on("409")]
    Conflict,
}

fn main() {}
