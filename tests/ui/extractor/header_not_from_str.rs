use response_handler::ResponseHandler;

struct RequestId(String);

#[derive(ResponseHandler)]
enum Created {
    #[on(201)]
    Created {
        #[header("x-request-id")]
        id: RequestId,
    },
}

fn main() {}
