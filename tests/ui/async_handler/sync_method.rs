use response_handler::{Error, Failure, ResponseHandler, Success};

#[derive(ResponseHandler)]
#[handler(output = Result<String, Error>, async, error = failed)]
#[on_success(call = ok)]
#[on(404, call = missing)]
struct Text;

impl Text {
    // Not async, in an async handler.
    fn ok(&mut self, _: Success) -> Result<String, Error> {
        Ok(String::new())
    }
    // Async, but returning something else than the output.
    async fn missing(&mut self, _: Failure) -> Option<String> {
        None
    }
    fn failed(&mut self, error: Error) -> Result<String, Error> {
        Err(error)
    }
}

fn main() {}
