use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
#[header("x-request-id")]
struct Created(String);

fn main() {}
