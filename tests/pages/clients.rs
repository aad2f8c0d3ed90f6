//! One [`Client`] per integration: the same paginated call (`handle_pages`), sent through each.

use std::future::{Future, poll_fn};
use std::pin::Pin;

use futures_core::Stream;
use response_handler::{CallError, CallOptions, NextPage, ResponseHandler, RetryMode};

/// One way of making a paginated call.
pub trait Client {
    fn new() -> Self;

    /// Every page of `GET url` with `headers`, as `options` say.
    fn pages<T, M>(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        options: &CallOptions<M>,
    ) -> Vec<Result<T, CallError<String>>>
    where
        T: ResponseHandler + NextPage + Send + 'static,
        M: RetryMode<T> + Clone + Send + Sync + 'static;
}

fn send_error<E: std::fmt::Display>(error: CallError<E>) -> CallError<String> {
    error.map_send(|error| error.to_string())
}

/// Runs `future` on a current-thread runtime whose clock is paused.
fn paused<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap()
        .block_on(future)
}

/// Every item of `stream`, in order.
async fn collect<S: Stream + Unpin>(mut stream: S) -> Vec<S::Item> {
    let mut items = Vec::new();
    while let Some(item) = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
        items.push(item);
    }
    items
}

pub struct Ureq(ureq::Agent);

impl Client for Ureq {
    fn new() -> Self {
        Ureq(suite::agent())
    }

    fn pages<T, M>(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        options: &CallOptions<M>,
    ) -> Vec<Result<T, CallError<String>>>
    where
        T: ResponseHandler + NextPage + Send + 'static,
        M: RetryMode<T> + Clone + Send + Sync + 'static,
    {
        use response_handler::ureq::AgentExt;
        let mut request = http::Request::get(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(()).unwrap();
        self.0
            .handle_pages::<T>(request, options)
            .map(|page| page.map_err(send_error))
            .collect()
    }
}

pub struct ReqwestBlocking(reqwest::blocking::Client);

impl Client for ReqwestBlocking {
    fn new() -> Self {
        ReqwestBlocking(reqwest::blocking::Client::new())
    }

    fn pages<T, M>(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        options: &CallOptions<M>,
    ) -> Vec<Result<T, CallError<String>>>
    where
        T: ResponseHandler + NextPage + Send + 'static,
        M: RetryMode<T> + Clone + Send + Sync + 'static,
    {
        use response_handler::reqwest::blocking::RequestBuilderExt;
        let mut request = self.0.get(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request
            .handle_pages::<T>(options)
            .map(|page| page.map_err(send_error))
            .collect()
    }
}

/// reqwest's async client on tokio's paused clock.
pub struct ReqwestAsync;

impl Client for ReqwestAsync {
    fn new() -> Self {
        ReqwestAsync
    }

    fn pages<T, M>(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        options: &CallOptions<M>,
    ) -> Vec<Result<T, CallError<String>>>
    where
        T: ResponseHandler + NextPage + Send + 'static,
        M: RetryMode<T> + Clone + Send + Sync + 'static,
    {
        use response_handler::reqwest::RequestBuilderExt;
        paused(async {
            let mut request = reqwest::Client::new().get(url);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let pages = collect(request.handle_pages::<T>(options)).await;
            pages
                .into_iter()
                .map(|page| page.map_err(send_error))
                .collect()
        })
    }
}

/// hyper-util's legacy client under `response_handler::tower::HandleLayer`, on tokio's paused
/// clock.
pub struct Tower;

impl Client for Tower {
    fn new() -> Self {
        Tower
    }

    fn pages<T, M>(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        options: &CallOptions<M>,
    ) -> Vec<Result<T, CallError<String>>>
    where
        T: ResponseHandler + NextPage + Send + 'static,
        M: RetryMode<T> + Clone + Send + Sync + 'static,
    {
        use http_body_util::Full;
        use hyper_util::client::legacy::Client as Hyper;
        use hyper_util::rt::TokioExecutor;
        use response_handler::tower::HandleLayer;
        use tower_layer::Layer;

        paused(async {
            let client = Hyper::builder(TokioExecutor::new()).build_http::<Full<bytes::Bytes>>();
            let service = HandleLayer::<T, M>::using(options.clone()).layer(client);
            let mut request = http::Request::get(url);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let request = request.body(Full::default()).unwrap();
            let pages = collect(service.handle_pages(request)).await;
            pages
                .into_iter()
                .map(|page| page.map_err(send_error))
                .collect()
        })
    }
}

/// reqwest-middleware's client (no middleware), on tokio's paused clock.
pub struct Middleware;

impl Client for Middleware {
    fn new() -> Self {
        Middleware
    }

    fn pages<T, M>(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        options: &CallOptions<M>,
    ) -> Vec<Result<T, CallError<String>>>
    where
        T: ResponseHandler + NextPage + Send + 'static,
        M: RetryMode<T> + Clone + Send + Sync + 'static,
    {
        use response_handler::reqwest_middleware::RequestBuilderExt;
        paused(async {
            let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).build();
            let mut request = client.get(url);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let pages = collect(request.handle_pages::<T>(options)).await;
            pages
                .into_iter()
                .map(|page| page.map_err(send_error))
                .collect()
        })
    }
}
