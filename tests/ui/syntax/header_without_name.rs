use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(429)]
    SlowDown {
        #[header]
        retry_after: u64,
    },
}

fn main() {}
