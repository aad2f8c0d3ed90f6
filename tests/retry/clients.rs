//! One [`Client`] per integration: the same request, sent through each.

use std::future::Future;
use std::time::Duration;

use response_handler::retry::{RetryPolicy, Retryable};
use response_handler::{CallError, ResponseHandler};

use super::{Recorder, Search};

/// The body of every POST: sent again, whole, on a retry.
const FORM: &str = "query=rust";

/// One way of sending a request with retries.
pub trait Client {
    fn new() -> Self;

    /// Sends `method url` with `headers` (and a small body for POST) under `policy`.
    fn call(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        policy: &RetryPolicy,
    ) -> Result<Search, CallError<String>> {
        self.call_as::<Search>(method, url, headers, policy)
    }

    /// The same, handled as `T`.
    fn call_as<T: ResponseHandler + Retryable + Send + 'static>(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        policy: &RetryPolicy,
    ) -> Result<T, CallError<String>>;

    /// That the client's sleeper waited `expected`, in order: the blocking sleeper for the
    /// blocking clients, the async one (each wait awaited to its end) for the others.
    fn assert_slept(recorder: &Recorder, expected: &[Duration]) {
        assert_eq!(recorder.slept(), expected);
        assert_eq!(recorder.async_sleeps(), [], "the async sleeper is not used");
    }
}

fn send_error<E: std::fmt::Display>(error: CallError<E>) -> CallError<String> {
    error.map_send(|error| error.to_string())
}

fn body_of(method: &str) -> &'static str {
    if method == "POST" { FORM } else { "" }
}

/// Runs `future` on a current-thread runtime whose clock is paused: `tokio::time::sleep`
/// returns at once, the clock jumping ahead.
pub fn paused<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap()
        .block_on(future)
}

pub struct Ureq(ureq::Agent);

impl Client for Ureq {
    fn new() -> Self {
        Ureq(suite::agent())
    }

    fn call_as<T: ResponseHandler + Retryable + Send + 'static>(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        policy: &RetryPolicy,
    ) -> Result<T, CallError<String>> {
        use response_handler::ureq::AgentExt;
        let mut request = http::Request::builder().method(method).uri(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(body_of(method).to_owned()).unwrap();
        self.0
            .handle_request_using::<T>(
                request,
                &response_handler::CallOptions::new().retry(policy.clone()),
            )
            .map_err(send_error)
    }
}

pub struct ReqwestBlocking(reqwest::blocking::Client);

impl Client for ReqwestBlocking {
    fn new() -> Self {
        ReqwestBlocking(reqwest::blocking::Client::new())
    }

    fn call_as<T: ResponseHandler + Retryable + Send + 'static>(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        policy: &RetryPolicy,
    ) -> Result<T, CallError<String>> {
        use response_handler::reqwest::blocking::RequestBuilderExt;
        let mut request = self.0.request(method.parse().unwrap(), url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if method == "POST" {
            request = request.body(FORM);
        }
        request
            .handle_using::<T>(&response_handler::CallOptions::new().retry(policy.clone()))
            .map_err(send_error)
    }
}

/// reqwest's async client on tokio's paused clock.
pub struct ReqwestAsync;

impl Client for ReqwestAsync {
    fn new() -> Self {
        ReqwestAsync
    }

    fn call_as<T: ResponseHandler + Retryable + Send + 'static>(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        policy: &RetryPolicy,
    ) -> Result<T, CallError<String>> {
        use response_handler::reqwest::RequestBuilderExt;
        paused(async {
            let client = reqwest::Client::new();
            let mut request = client.request(method.parse().unwrap(), url);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            if method == "POST" {
                request = request.body(FORM);
            }
            request
                .handle_using::<T>(&response_handler::CallOptions::new().retry(policy.clone()))
                .await
                .map_err(send_error)
        })
    }

    fn assert_slept(recorder: &Recorder, expected: &[Duration]) {
        assert_eq!(recorder.slept(), [], "the blocking sleeper is not used");
        recorder.assert_async_slept(expected);
    }
}

/// hyper-util's legacy client under `response_handler::tower::RetryLayer`, on tokio's paused
/// clock.
pub struct Tower;

impl Client for Tower {
    fn new() -> Self {
        Tower
    }

    fn call_as<T: ResponseHandler + Retryable + Send + 'static>(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        policy: &RetryPolicy,
    ) -> Result<T, CallError<String>> {
        use http_body_util::Full;
        use hyper_util::client::legacy::Client as Hyper;
        use hyper_util::rt::TokioExecutor;
        use response_handler::tower::RetryLayer;
        use tower_layer::Layer;
        use tower_service::Service;

        paused(async {
            let client = Hyper::builder(TokioExecutor::new()).build_http::<Full<bytes::Bytes>>();
            let mut service = RetryLayer::<T>::new(policy.clone()).layer(client);
            let mut request = http::Request::builder().method(method).uri(url);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let request = request
                .body(Full::new(bytes::Bytes::from(body_of(method))))
                .unwrap();
            std::future::poll_fn(|cx| service.poll_ready(cx))
                .await
                .unwrap();
            service.call(request).await.map_err(send_error)
        })
    }

    fn assert_slept(recorder: &Recorder, expected: &[Duration]) {
        assert_eq!(recorder.slept(), [], "the blocking sleeper is not used");
        recorder.assert_async_slept(expected);
    }
}

/// `handle_using` under a retry policy on reqwest-middleware's `RequestBuilder` (a client without middleware), on
/// tokio's paused clock.
pub struct Middleware;

impl Client for Middleware {
    fn new() -> Self {
        Middleware
    }

    fn call_as<T: ResponseHandler + Retryable + Send + 'static>(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        policy: &RetryPolicy,
    ) -> Result<T, CallError<String>> {
        use response_handler::reqwest_middleware::RequestBuilderExt;
        paused(async {
            let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).build();
            let mut request = client.request(method.parse().unwrap(), url);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            if method == "POST" {
                request = request.body(FORM);
            }
            request
                .handle_using::<T>(&response_handler::CallOptions::new().retry(policy.clone()))
                .await
                .map_err(send_error)
        })
    }

    fn assert_slept(recorder: &Recorder, expected: &[Duration]) {
        assert_eq!(recorder.slept(), [], "the blocking sleeper is not used");
        recorder.assert_async_slept(expected);
    }
}
