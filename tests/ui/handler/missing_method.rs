use response_handler::{Error, ResponseHandler, Success};

#[derive(ResponseHandler)]
#[handler(output = Result<(), Error>)]
#[on(201, call = created)]
#[on_success(call = ok)]
struct Saver;

impl Saver {
    fn ok(&mut self, _: Success) -> Result<(), Error> {
        Ok(())
    }
}

fn main() {}
