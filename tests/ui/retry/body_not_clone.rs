// ureq's retrying call sends a copy of the body each time: a file cannot be copied.
use response_handler::retry::{RetryHint, RetryPolicy, Retryable};
use response_handler::ureq::AgentExt;
use response_handler::{CallOptions, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Upload {
    #[on_success]
    Done,
    #[on_failure]
    Failed(StatusCode),
}

impl Retryable for Upload {
    fn retry_hint(&self) -> RetryHint {
        RetryHint::Final
    }

    fn outcome_name(&self) -> &'static str {
        "Upload"
    }
}

fn main() {
    let agent = ureq::Agent::new_with_defaults();
    let file = std::fs::File::open("Cargo.toml").unwrap();
    let request = http::Request::put("http://127.0.0.1:1/").body(file).unwrap();
    let _ = agent.handle_request_using::<Upload>(request, &CallOptions::new().retry(RetryPolicy::default()));
}
