use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(500..=549)]
    Early,
    #[on(540..=599)]
    Late,
}

fn main() {}
