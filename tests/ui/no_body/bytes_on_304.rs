use response_handler::{Bytes, ResponseHandler};

#[derive(ResponseHandler)]
enum Fetch {
    #[on(200)]
    Fresh(Bytes),
    #[on(304)]
    NotModified(Bytes),
}

fn main() {}
