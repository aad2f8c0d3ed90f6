use response_handler::{Error, Failure, ResponseHandler, RetryAfter};

#[derive(ResponseHandler)]
#[retry]
enum OnEnum {
    #[on(200)]
    Done,
}

#[derive(ResponseHandler)]
enum OnField {
    #[on(200)]
    Done,
    #[on(503)]
    Down(#[retry] Option<RetryAfter>),
}

#[derive(ResponseHandler)]
#[handler(output = Result<(), Error>)]
#[on_failure(call = failed)]
#[retry]
struct OnHandler;

impl OnHandler {
    fn failed(&mut self, response: Failure) -> Result<(), Error> {
        Err(Error::unexpected_status::<Self>(response))
    }
}

fn main() {}
