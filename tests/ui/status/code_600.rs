use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(600)]
    Strange,
}

fn main() {}
