use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
#[handler(output = ())]
struct Idle {
    #[header("x-id")]
    id: String,
}

fn main() {}
