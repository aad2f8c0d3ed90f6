use response_handler::{ResponseHandler, Success};

#[derive(ResponseHandler)]
#[handler(output = u32, error = unexpected)]
#[on_success(call = ok)]
struct Counter;

impl Counter {
    fn ok(&mut self, _: Success) -> u32 {
        1
    }
    fn unexpected(&mut self, _: String) -> u32 {
        0
    }
}

fn main() {}
