use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(70000)]
    Huge,
}

fn main() {}
