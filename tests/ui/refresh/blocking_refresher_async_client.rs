// An async client would block its executor on a blocking refresher: refused, naming the
// constructor to use.
use response_handler::refresh::CredentialRefresh;
use response_handler::reqwest::RequestBuilderExt;
use response_handler::{CallOptions, HeaderValue, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Fetch {
    #[on_success]
    Ok(String),
    #[on_failure]
    Failed(StatusCode),
}

async fn fetch() {
    let auth = CredentialRefresh::blocking(|| {
        Ok::<_, std::io::Error>(HeaderValue::from_static("Bearer new"))
    });
    let options = CallOptions::new().refresh(auth);
    let _ = reqwest::Client::new()
        .get("http://127.0.0.1:1/")
        .handle_using::<Fetch>(&options)
        .await;
}

fn main() {
    let _ = fetch();
}
