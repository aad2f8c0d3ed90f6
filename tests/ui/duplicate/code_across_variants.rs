use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(409)]
    Conflict,
    #[on(409)]
    AlsoConflict,
}

fn main() {}
