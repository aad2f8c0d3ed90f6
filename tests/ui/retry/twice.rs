use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Fetch {
    #[on(200)]
    Done,
    #[on(503)]
    #[retry]
    #[retry]
    Down,
    #[on(429)]
    #[retry]
    #[retry(when_asked)]
    Busy(Option<response_handler::RetryAfter>),
}

fn main() {}
