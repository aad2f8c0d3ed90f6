use std::rc::Rc;

use response_handler::{Error, ResponseHandler, Success};

// The clients need `Send` futures: state held across an `.await` must be `Send`.
#[derive(ResponseHandler)]
#[handler(output = Result<(), Error>, async)]
#[on_success(call = ok)]
struct Saver;

impl Saver {
    async fn ok(&mut self, _: Success) -> Result<(), Error> {
        let shared = Rc::new(1);
        std::future::ready(()).await;
        drop(shared);
        Ok(())
    }
}

fn main() {}
