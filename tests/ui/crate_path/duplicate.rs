use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
#[response_handler(crate = "response_handler")]
#[response_handler(crate = "my_sdk::response_handler")]
enum Outcome {
    #[on_success]
    Done,
}

fn main() {}
