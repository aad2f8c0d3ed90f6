use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
struct Created {
    #[on(201)]
    body: String,
}

fn main() {}
