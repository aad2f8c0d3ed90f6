use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(409)]
    Conflict,
    #[on(CONFLICT)]
    AlsoConflict,
}

fn main() {}
