use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
#[handler(output = ())]
#[on(409, call = conflict)]
#[on(CONFLICT, call = again)]
#[on_success(call = ok)]
#[on_success(call = ok_again)]
struct Twice;

fn main() {}
