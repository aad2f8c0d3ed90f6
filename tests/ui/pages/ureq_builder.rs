use response_handler::headers::Link;
use response_handler::ureq::RequestBuilderExt;
use response_handler::{CallOptions, ResponseHandler};

#[derive(Debug, ResponseHandler)]
enum Issues {
    #[on_success]
    Page(Option<Link>, String),
}

fn main() {
    let options = CallOptions::new();
    for page in ureq::get("http://127.0.0.1:1/issues").handle_pages::<Issues>(&options) {
        let _ = page;
    }
}
