// ureq's request builder cannot be copied: its retrying call takes an `http::Request`.
use response_handler::retry::{RetryHint, RetryPolicy, Retryable};
use response_handler::ureq::RequestBuilderExt;
use response_handler::{CallOptions, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Fetch {
    #[on_success]
    Ok(String),
    #[on_failure]
    Failed(StatusCode),
}

impl Retryable for Fetch {
    fn retry_hint(&self) -> RetryHint {
        RetryHint::Final
    }

    fn outcome_name(&self) -> &'static str {
        "Fetch"
    }
}

fn main() {
    let _ = ureq::get("http://127.0.0.1:1/").handle_using::<Fetch>(&CallOptions::new().retry(RetryPolicy::default()));
}
