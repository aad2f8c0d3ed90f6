use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(CONFLIT)]
    Conflict,
}

fn main() {}
