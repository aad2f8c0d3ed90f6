// A call under a `RetryPolicy` needs an outcome that says whether it is worth another attempt.
use response_handler::CallOptions;
use response_handler::retry::RetryPolicy;
use response_handler::ureq::AgentExt;
use response_handler::{ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Fetch {
    #[on_success]
    Ok(String),
    #[on_failure]
    Failed(StatusCode),
}

fn main() {
    let agent = ureq::Agent::new_with_defaults();
    let request = http::Request::get("http://127.0.0.1:1/").body(()).unwrap();
    let _ = agent.handle_request_using::<Fetch>(request, &CallOptions::new().retry(RetryPolicy::default()));
}
