//! Async handlers: every class, `error = method`, generics, and state.

use response_handler::{
    AsyncHandler, Error, Failure, Informational, Redirection, ResponseHandler, Success,
};

#[derive(ResponseHandler)]
#[handler(output = Result<u16, Error>, async, error = failed)]
#[on_informational(call = interim)]
#[on(200, 201, call = ok)]
#[on_redirection(call = moved)]
#[on(401, call = unauthorized)]
#[on_failure(call = other)]
struct Session<T: Send> {
    token: T,
}

impl<T: Send> Session<T> {
    async fn interim(&mut self, response: Informational) -> Result<u16, Error> {
        Ok(response.status().as_u16())
    }
    async fn ok(&mut self, response: Success) -> Result<u16, Error> {
        Ok(response.status().as_u16())
    }
    async fn moved(&mut self, response: Redirection) -> Result<u16, Error> {
        Ok(response.status().as_u16())
    }
    async fn unauthorized(&mut self, response: Failure) -> Result<u16, Error> {
        Ok(response.status().as_u16())
    }
    async fn other(&mut self, response: Failure) -> Result<u16, Error> {
        Ok(response.status().as_u16())
    }
    async fn failed(&mut self, error: Error) -> Result<u16, Error> {
        Err(error)
    }
}

fn is_async_handler<H: AsyncHandler>(_: &H) {}

fn main() {
    is_async_handler(&Session { token: String::new() });
}
