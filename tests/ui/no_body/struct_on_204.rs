use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
#[on(204)]
struct Deleted {
    body: Vec<u8>,
}

fn main() {}
