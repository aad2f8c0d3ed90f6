use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
#[on_success]
enum Outcome {
    #[on(200)]
    Done,
}

fn main() {}
