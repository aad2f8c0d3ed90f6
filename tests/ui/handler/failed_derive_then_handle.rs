// A failed derive reports its own mistake and nothing else: code that uses the type — a
// handler's `.handle()`, a client's `.handle::<T>()`, `from_response` — adds no "trait not
// implemented" or "no method" error on top.

use response_handler::ureq::RequestBuilderExt;
use response_handler::{Error, Handler, ResponseHandler, Success};

// The mistake: no `output`.
#[derive(ResponseHandler)]
#[handler]
#[on_success(call = ok)]
struct NoOutput;

impl NoOutput {
    fn ok(&mut self, _: Success) -> Result<(), Error> {
        Ok(())
    }
}

// The mistake: an unknown key. The output is declared, and code that relies on it stays quiet.
#[derive(ResponseHandler)]
#[handler(output = Result<u8, Error>, retries = 3)]
#[on_success(call = ok)]
struct UnknownKey;

impl UnknownKey {
    fn ok(&mut self, _: Success) -> Result<u8, Error> {
        Ok(1)
    }
}

// The mistake: a status outside 100..=599.
#[derive(Debug, ResponseHandler)]
#[on(600)]
struct OutOfRange;

fn main() {
    let response = http::Response::builder().status(200).body(()).unwrap();
    let _ = NoOutput.handle(response);

    let response = http::Response::builder().status(200).body(()).unwrap();
    let value: Result<u8, Error> = UnknownKey.handle(response);
    let _ = value.map(|byte| byte + 1);

    let response = http::Response::builder().status(200).body(()).unwrap();
    let _ = OutOfRange::from_response(response);
    let _ = ureq::get("http://127.0.0.1:9/").handle::<OutOfRange>();
}
