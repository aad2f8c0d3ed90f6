use response_handler::ResponseHandler;

// The OpenAPI spelling of a status class: each is answered with the catch-all that means it.
#[derive(ResponseHandler)]
enum Outcome {
    #[on(2xx)]
    Done,
    #[on(5XX)]
    ServerError,
    #[on("4XX")]
    ClientError,
    #[on(7xx)]
    Strange,
}

fn main() {}
