use response_handler::{Error, ResponseHandler, Success};

#[derive(ResponseHandler)]
#[handler(output = Result<(), Error>, async)]
#[on(409, call = conflict)]
struct Saver;

impl Saver {
    // 409 is a failure: this must take `Failure`, async or not.
    async fn conflict(&mut self, _: Success) -> Result<(), Error> {
        Ok(())
    }
}

fn main() {}
