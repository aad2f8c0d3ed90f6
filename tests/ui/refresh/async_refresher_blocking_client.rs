// A blocking client cannot await an async refresher: refused, naming the constructor to use.
use response_handler::refresh::CredentialRefresh;
use response_handler::ureq::AgentExt;
use response_handler::{CallOptions, HeaderValue, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Fetch {
    #[on_success]
    Ok(String),
    #[on_failure]
    Failed(StatusCode),
}

fn main() {
    let auth = CredentialRefresh::new_async(|| async {
        Ok::<_, std::io::Error>(HeaderValue::from_static("Bearer new"))
    });
    let options = CallOptions::new().refresh(auth);
    let request = http::Request::get("http://127.0.0.1:1/").body(()).unwrap();
    let _ = ureq::Agent::new_with_defaults().handle_request_using::<Fetch>(request, &options);
}
