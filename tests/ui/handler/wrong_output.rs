use response_handler::{Error, ResponseHandler, Success};

#[derive(ResponseHandler)]
#[handler(output = Result<u32, Error>)]
#[on_success(call = ok)]
struct Counter;

impl Counter {
    fn ok(&mut self, _: Success) -> Option<u32> {
        Some(1)
    }
}

fn main() {}
