use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
#[response_handler(crate = "my sdk::response_handler")]
enum Outcome {
    #[on_success]
    Done,
}

fn main() {}
