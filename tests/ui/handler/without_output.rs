use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
#[handler]
#[on_success(call = ok)]
struct NoOutput;

#[derive(ResponseHandler)]
#[handler(error = oops)]
#[on_success(call = ok)]
struct OnlyError;

#[derive(ResponseHandler)]
#[handler(output = u8, retries = 3)]
#[on_success(call = ok)]
struct UnknownKey;

fn main() {}
