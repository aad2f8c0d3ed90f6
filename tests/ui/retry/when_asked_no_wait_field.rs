use response_handler::{ResponseHandler, StatusCode};

#[derive(ResponseHandler)]
enum Fetch<T> {
    #[on(200)]
    Done,
    #[on(403)]
    #[retry(when_asked)]
    Forbidden(StatusCode, String),
    /// A field of a generic type never carries a wait, whatever it is instantiated with.
    #[on(429)]
    #[retry(when_asked)]
    Limited { wait: T },
}

fn main() {}
