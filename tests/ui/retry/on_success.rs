use response_handler::{ResponseHandler, RetryAfter};

// A success is final: a 202 is polled on its `Location`, not retried.
#[derive(ResponseHandler)]
enum Submit {
    #[on(200)]
    Done,
    #[on(202)]
    #[retry]
    Accepted(Option<RetryAfter>),
    #[on_success]
    #[retry]
    Other,
    #[on(429)]
    #[retry]
    Busy(Option<RetryAfter>),
}

// A struct without status attributes handles every success.
#[derive(ResponseHandler)]
#[retry]
struct Page(String);

fn main() {}
