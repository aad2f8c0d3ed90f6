// A tower service is async: a blocking refresher is refused by the same message as for the
// other async clients, not by "`Handle` is not a `Service`".
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use response_handler::refresh::CredentialRefresh;
use response_handler::tower::HandleLayer;
use response_handler::{CallOptions, HeaderValue, ResponseHandler, StatusCode};
use tower_layer::Layer;
use tower_service::Service;

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
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<bytes::Bytes>>();
    let mut service = HandleLayer::<Fetch, _, _>::using(CallOptions::new().refresh(auth)).layer(client);
    let request = http::Request::get("http://127.0.0.1:1/").body(Full::default()).unwrap();
    let _ = service.call(request);
}
