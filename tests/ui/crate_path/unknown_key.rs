use response_handler::ResponseHandler;

// The key after the unknown one is still read: the derive goes through `response_handler`.
#[derive(ResponseHandler)]
#[response_handler(krate = "response_handler", crate = "response_handler")]
enum Outcome {
    #[on_success]
    Done,
}

fn main() {}
