// A `BodyStream` needs an async body: through a blocking client it is refused when the call is
// built, not with `StreamUnavailable` on the first response. (An error at monomorphization:
// `cargo build`, which trybuild runs, reports it; `cargo check` does not.)
use response_handler::ureq::RequestBuilderExt;
use response_handler::{BodyStream, ResponseHandler};

#[derive(ResponseHandler)]
#[on_success]
#[allow(dead_code)] // never built: the fixture is not run
struct Download(BodyStream);

fn main() {
    let _ = ureq::get("http://localhost/file").handle::<Download>();
}
