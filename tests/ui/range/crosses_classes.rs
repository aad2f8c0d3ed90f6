use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(450..=550)]
    Failed,
}

fn main() {}
