use response_handler::{Error, ResponseHandler, Success};

#[derive(ResponseHandler)]
#[handler(output = Result<String, Error>)]
#[on_success(call = ok)]
struct Text;

impl Text {
    // An `async fn` in a handler that is not declared `async`.
    async fn ok(&mut self, _: Success) -> Result<String, Error> {
        Ok(String::new())
    }
}

fn main() {}
