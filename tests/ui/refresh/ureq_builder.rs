// ureq's request builder cannot be copied, so it cannot be sent again with a refreshed
// credential: refused, pointing at `AgentExt::handle_request_using`.
use response_handler::refresh::CredentialRefresh;
use response_handler::ureq::RequestBuilderExt;
use response_handler::{CallOptions, HeaderValue, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Fetch {
    #[on_success]
    Ok(String),
    #[on_failure]
    Failed(StatusCode),
}

fn main() {
    let auth = CredentialRefresh::blocking(|| {
        Ok::<_, std::io::Error>(HeaderValue::from_static("Bearer new"))
    });
    let options = CallOptions::new().refresh(auth);
    let _ = ureq::get("http://127.0.0.1:1/").handle_using::<Fetch>(&options);
}
