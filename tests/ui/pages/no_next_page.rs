use response_handler::ureq::AgentExt;
use response_handler::{CallOptions, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Issues {
    #[on_success]
    Page(String),
    #[on_failure]
    Failed(StatusCode),
}

fn main() {
    let agent = ureq::Agent::new_with_defaults();
    let request = http::Request::get("http://127.0.0.1:1/issues").body(()).unwrap();
    let options = CallOptions::new();
    for page in agent.handle_pages::<Issues>(request, &options) {
        let _ = page;
    }
}
