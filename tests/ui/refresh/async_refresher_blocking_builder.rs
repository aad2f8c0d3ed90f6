// reqwest's blocking request builder with an async refresher: refused, naming the constructor
// to use.
use response_handler::refresh::CredentialRefresh;
use response_handler::reqwest::blocking::RequestBuilderExt;
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
    let _ = reqwest::blocking::Client::new()
        .get("http://127.0.0.1:1/")
        .handle_using::<Fetch>(&options);
}
