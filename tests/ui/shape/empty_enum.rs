use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {}

fn main() {}
