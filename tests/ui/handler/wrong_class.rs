use response_handler::{Error, Failure, ResponseHandler, Success};

#[derive(ResponseHandler)]
#[handler(output = Result<(), Error>)]
#[on(409, call = conflict)]
#[on(304, call = not_modified)]
struct Saver;

impl Saver {
    // 409 is a failure: this must take `Failure`.
    fn conflict(&mut self, _: Success) -> Result<(), Error> {
        Ok(())
    }
    // 304 is a redirection (3xx), not a success.
    fn not_modified(&mut self, _: Failure) -> Result<(), Error> {
        Ok(())
    }
}

fn main() {}
