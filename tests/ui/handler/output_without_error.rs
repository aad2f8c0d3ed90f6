use response_handler::{ResponseHandler, Success};

// `u32` cannot hold a `response_handler::Error`: unexpected statuses need `error = method`.
#[derive(ResponseHandler)]
#[handler(output = u32)]
#[on_success(call = ok)]
struct Counter;

impl Counter {
    fn ok(&mut self, _: Success) -> u32 {
        1
    }
}

fn main() {}
