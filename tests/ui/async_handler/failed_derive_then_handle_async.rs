use response_handler::{AsyncHandler, Error, ResponseHandler, Success};

#[derive(ResponseHandler)]
#[handler(output = Result<String, Error>, async)]
#[on_success(call = ok)]
#[on(600, call = ok)]
struct Text;

impl Text {
    async fn ok(&mut self, response: Success) -> Result<String, Error> {
        response.extract().map_err(|e| Error::extract::<Self>(e, response))
    }
}

// The mistake is the code 600: code that relies on the declared output stays quiet.
async fn fetch() -> Result<String, Error> {
    let response = http::Response::builder().status(200).body("x").unwrap();
    Text.handle_async(response).await
}

fn main() {
    let _ = fetch;
}
