use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on_success]
    #[response_handler(crate = "response_handler")]
    Done,
}

fn main() {}
