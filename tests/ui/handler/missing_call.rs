use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
#[handler(output = ())]
#[on(201)]
#[on_failure]
struct Forgetful;

fn main() {}
