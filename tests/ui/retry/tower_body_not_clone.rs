// `RetryLayer` sends a copy of the request each time: a body that cannot be cloned is refused
// with a message that says so.
use std::convert::Infallible;
use std::future::{Ready, ready};
use std::task::{Context, Poll};

use http_body_util::Full;
use response_handler::retry::RetryPolicy;
use response_handler::tower::RetryLayer;
use response_handler::{ResponseHandler, StatusCode};
use tower_layer::Layer;
use tower_service::Service;

#[derive(Debug, ResponseHandler)]
enum Fetch {
    #[on_success]
    Done,
    #[on(503)]
    #[retry]
    Busy(StatusCode),
}

/// A request body that can be sent once.
struct Upload;

#[derive(Clone)]
struct Server;

impl Service<http::Request<Upload>> for Server {
    type Response = http::Response<Full<bytes::Bytes>>;
    type Error = Infallible;
    type Future = Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: http::Request<Upload>) -> Self::Future {
        ready(Ok(http::Response::new(Full::default())))
    }
}

/// What a tower stack asks of the service it is given.
fn serve<S: Service<http::Request<Upload>>>(service: S) -> S {
    service
}

fn main() {
    let mut service = RetryLayer::<Fetch>::new(RetryPolicy::default()).layer(Server);
    let request = http::Request::put("http://127.0.0.1:1/").body(Upload).unwrap();
    let _ = service.call(request);
    let _ = serve(RetryLayer::<Fetch>::new(RetryPolicy::default()).layer(Server));
}
