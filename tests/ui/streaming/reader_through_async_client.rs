// A `BodyReader` needs a blocking reader: through an async client it is refused when the call
// is built, not with `StreamUnavailable` on the first response. (An error at monomorphization:
// `cargo build`, which trybuild runs, reports it; `cargo check` does not.)
use std::future::Future;
use std::task::{Context, Waker};

use response_handler::reqwest::RequestBuilderExt;
use response_handler::{BodyReader, ResponseHandler};

#[derive(ResponseHandler)]
#[on_success]
#[allow(dead_code)] // never built: the fixture is not run
struct Download(BodyReader);

fn main() {
    let client = reqwest::Client::new();
    let call = client.get("http://localhost/file").handle::<Download>();
    // Polled once in code that is built, never run: the verb is then compiled for `Download`.
    let _ = std::pin::pin!(call).poll(&mut Context::from_waker(Waker::noop()));
}
