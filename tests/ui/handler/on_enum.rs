use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
#[handler(output = ())]
enum Outcome {
    #[on_success]
    Done,
}

fn main() {}
