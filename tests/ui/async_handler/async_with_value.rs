use response_handler::{Error, ResponseHandler, Success};

#[derive(ResponseHandler)]
#[handler(output = Result<(), Error>, async = true)]
#[on_success(call = ok)]
struct Saver;

impl Saver {
    async fn ok(&mut self, _: Success) -> Result<(), Error> {
        Ok(())
    }
}

fn main() {}
