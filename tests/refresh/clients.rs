//! One [`Client`] per integration: calls sent at once through it, under a `CredentialRefresh`
//! of its kind (a blocking refresher for the blocking clients, an async one for the others).

use std::sync::Arc;

use response_handler::refresh::CredentialRefresh;
use response_handler::retry::RetryPolicy;
use response_handler::{CallError, CallOptions};

use super::{Authority, Paged, Report};

/// What a call came to, with the client's error as text.
pub type Outcome = Result<Report, CallError<String>>;

/// A page of a paginated call, with the client's error as text.
pub type Page = Result<Paged, CallError<String>>;

/// One way of sending calls under a credential refresh.
pub trait Client {
    /// The refresh's kind: `Blocking` or `Async`.
    type Kind: Send + Sync + 'static;

    /// A refresh whose refresher asks `authority` for a new credential.
    fn refresh(authority: &Arc<Authority>) -> CredentialRefresh<Self::Kind>;

    /// Sends `GET url` for each of `urls` at once (each from its own thread or task), every
    /// request built with `authorization: Bearer t0`, under `refresh` (and `retry`, if any).
    /// The outcomes are in the order of `urls`.
    fn run(
        urls: &[String],
        refresh: &CredentialRefresh<Self::Kind>,
        retry: Option<&RetryPolicy>,
    ) -> Vec<Outcome>;

    /// Every page of `GET url` (`handle_pages`), the first request built with
    /// `authorization: Bearer t0`, under `refresh`.
    fn pages(url: &str, refresh: &CredentialRefresh<Self::Kind>) -> Vec<Page>;
}

/// Every item of `stream`, in order, on a current-thread runtime.
fn collect<S>(stream: S) -> Vec<S::Item>
where
    S: futures_core::Stream + Unpin,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    collect_on(&runtime, stream)
}

/// Every item of `stream`, in order, on `runtime`.
fn collect_on<S>(runtime: &tokio::runtime::Runtime, stream: S) -> Vec<S::Item>
where
    S: futures_core::Stream + Unpin,
{
    runtime.block_on(async move {
        let mut stream = stream;
        let mut items = Vec::new();
        while let Some(item) =
            std::future::poll_fn(|cx| std::pin::Pin::new(&mut stream).poll_next(cx)).await
        {
            items.push(item);
        }
        items
    })
}

fn send_error<E: std::fmt::Display>(error: CallError<E>) -> CallError<String> {
    error.map_send(|error| error.to_string())
}

/// The credential every request is built with: the server no longer accepts it.
pub const STALE: &str = "Bearer t0";

/// Runs one blocking call per URL, each on its own thread.
fn threads(urls: &[String], call: impl Fn(&str) -> Outcome + Sync) -> Vec<Outcome> {
    std::thread::scope(|scope| {
        let calls: Vec<_> = urls.iter().map(|url| scope.spawn(|| call(url))).collect();
        calls
            .into_iter()
            .map(|call| call.join().expect("the call panicked"))
            .collect()
    })
}

/// Runs one async call per URL, each its own task on a current-thread runtime.
fn tasks<F>(urls: &[String], call: impl Fn(String) -> F) -> Vec<Outcome>
where
    F: std::future::Future<Output = Outcome> + Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let calls: Vec<_> = urls
            .iter()
            .map(|url| tokio::spawn(call(url.clone())))
            .collect();
        let mut outcomes = Vec::new();
        for call in calls {
            outcomes.push(call.await.expect("the call panicked"));
        }
        outcomes
    })
}

fn blocking_refresh(
    authority: &Arc<Authority>,
) -> CredentialRefresh<response_handler::refresh::Blocking> {
    let authority = Arc::clone(authority);
    CredentialRefresh::blocking(move || authority.issue())
}

fn async_refresh(
    authority: &Arc<Authority>,
) -> CredentialRefresh<response_handler::refresh::Async> {
    let authority = Arc::clone(authority);
    CredentialRefresh::new_async(move || {
        let authority = Arc::clone(&authority);
        async move {
            // An async refresher awaits (here, a turn of the runtime) before it answers.
            tokio::task::yield_now().await;
            authority.issue()
        }
    })
}

pub struct Ureq;

impl Client for Ureq {
    type Kind = response_handler::refresh::Blocking;

    fn refresh(authority: &Arc<Authority>) -> CredentialRefresh<Self::Kind> {
        blocking_refresh(authority)
    }

    fn run(
        urls: &[String],
        refresh: &CredentialRefresh<Self::Kind>,
        retry: Option<&RetryPolicy>,
    ) -> Vec<Outcome> {
        use response_handler::ureq::AgentExt;
        let agent = suite::agent();
        threads(urls, |url| {
            let request = http::Request::get(url)
                .header("authorization", STALE)
                .body(())
                .unwrap();
            let options = CallOptions::new().refresh(refresh.clone());
            match retry {
                Some(policy) => {
                    agent.handle_request_using::<Report>(request, &options.retry(policy.clone()))
                }
                None => agent.handle_request_using::<Report>(request, &options),
            }
            .map_err(send_error)
        })
    }

    fn pages(url: &str, refresh: &CredentialRefresh<Self::Kind>) -> Vec<Page> {
        use response_handler::ureq::AgentExt;
        let request = http::Request::get(url)
            .header("authorization", STALE)
            .body(())
            .unwrap();
        let options = CallOptions::new().refresh(refresh.clone());
        suite::agent()
            .handle_pages::<Paged>(request, &options)
            .map(|page| page.map_err(send_error))
            .collect()
    }
}

pub struct ReqwestBlocking;

impl Client for ReqwestBlocking {
    type Kind = response_handler::refresh::Blocking;

    fn refresh(authority: &Arc<Authority>) -> CredentialRefresh<Self::Kind> {
        blocking_refresh(authority)
    }

    fn run(
        urls: &[String],
        refresh: &CredentialRefresh<Self::Kind>,
        retry: Option<&RetryPolicy>,
    ) -> Vec<Outcome> {
        use response_handler::reqwest::blocking::RequestBuilderExt;
        let client = reqwest::blocking::Client::new();
        threads(urls, |url| {
            let request = client.get(url).header("authorization", STALE);
            let options = CallOptions::new().refresh(refresh.clone());
            match retry {
                Some(policy) => request.handle_using::<Report>(&options.retry(policy.clone())),
                None => request.handle_using::<Report>(&options),
            }
            .map_err(send_error)
        })
    }

    fn pages(url: &str, refresh: &CredentialRefresh<Self::Kind>) -> Vec<Page> {
        use response_handler::reqwest::blocking::RequestBuilderExt;
        let options = CallOptions::new().refresh(refresh.clone());
        reqwest::blocking::Client::new()
            .get(url)
            .header("authorization", STALE)
            .handle_pages::<Paged>(&options)
            .map(|page| page.map_err(send_error))
            .collect()
    }
}

pub struct ReqwestAsync;

impl Client for ReqwestAsync {
    type Kind = response_handler::refresh::Async;

    fn refresh(authority: &Arc<Authority>) -> CredentialRefresh<Self::Kind> {
        async_refresh(authority)
    }

    fn run(
        urls: &[String],
        refresh: &CredentialRefresh<Self::Kind>,
        retry: Option<&RetryPolicy>,
    ) -> Vec<Outcome> {
        use response_handler::reqwest::RequestBuilderExt;
        let client = reqwest::Client::new();
        tasks(urls, |url| {
            let request = client.get(url).header("authorization", STALE);
            let options = CallOptions::new().refresh(refresh.clone());
            let retry = retry.cloned();
            async move {
                match retry {
                    Some(policy) => request.handle_using::<Report>(&options.retry(policy)).await,
                    None => request.handle_using::<Report>(&options).await,
                }
                .map_err(send_error)
            }
        })
    }

    fn pages(url: &str, refresh: &CredentialRefresh<Self::Kind>) -> Vec<Page> {
        use response_handler::reqwest::RequestBuilderExt;
        let options = CallOptions::new().refresh(refresh.clone());
        let request = reqwest::Client::new()
            .get(url)
            .header("authorization", STALE);
        collect(request.handle_pages::<Paged>(&options))
            .into_iter()
            .map(|page| page.map_err(send_error))
            .collect()
    }
}

pub struct Middleware;

impl Client for Middleware {
    type Kind = response_handler::refresh::Async;

    fn refresh(authority: &Arc<Authority>) -> CredentialRefresh<Self::Kind> {
        async_refresh(authority)
    }

    fn run(
        urls: &[String],
        refresh: &CredentialRefresh<Self::Kind>,
        retry: Option<&RetryPolicy>,
    ) -> Vec<Outcome> {
        use response_handler::reqwest_middleware::RequestBuilderExt;
        let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).build();
        tasks(urls, |url| {
            let request = client.get(url).header("authorization", STALE);
            let options = CallOptions::new().refresh(refresh.clone());
            let retry = retry.cloned();
            async move {
                match retry {
                    Some(policy) => request.handle_using::<Report>(&options.retry(policy)).await,
                    None => request.handle_using::<Report>(&options).await,
                }
                .map_err(send_error)
            }
        })
    }

    fn pages(url: &str, refresh: &CredentialRefresh<Self::Kind>) -> Vec<Page> {
        use response_handler::reqwest_middleware::RequestBuilderExt;
        let options = CallOptions::new().refresh(refresh.clone());
        let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).build();
        let request = client.get(url).header("authorization", STALE);
        collect(request.handle_pages::<Paged>(&options))
            .into_iter()
            .map(|page| page.map_err(send_error))
            .collect()
    }
}

/// hyper-util's legacy client under `HandleLayer::using(options)`.
pub struct Tower;

impl Client for Tower {
    type Kind = response_handler::refresh::Async;

    fn refresh(authority: &Arc<Authority>) -> CredentialRefresh<Self::Kind> {
        async_refresh(authority)
    }

    fn run(
        urls: &[String],
        refresh: &CredentialRefresh<Self::Kind>,
        retry: Option<&RetryPolicy>,
    ) -> Vec<Outcome> {
        use http_body_util::Full;
        use hyper_util::client::legacy::Client as Hyper;
        use hyper_util::rt::TokioExecutor;
        use response_handler::tower::HandleLayer;
        use tower_layer::Layer;
        use tower_service::Service;

        tasks(urls, |url| {
            let options = CallOptions::new().refresh(refresh.clone());
            let retry = retry.cloned();
            async move {
                let client =
                    Hyper::builder(TokioExecutor::new()).build_http::<Full<bytes::Bytes>>();
                let request = http::Request::get(url)
                    .header("authorization", STALE)
                    .body(Full::default())
                    .unwrap();
                match retry {
                    Some(policy) => {
                        let mut service =
                            HandleLayer::<Report, _, _>::using(options.retry(policy)).layer(client);
                        std::future::poll_fn(|cx| service.poll_ready(cx))
                            .await
                            .unwrap();
                        service.call(request).await
                    }
                    None => {
                        let mut service = HandleLayer::<Report, _, _>::using(options).layer(client);
                        std::future::poll_fn(|cx| service.poll_ready(cx))
                            .await
                            .unwrap();
                        service.call(request).await
                    }
                }
                .map_err(send_error)
            }
        })
    }

    fn pages(url: &str, refresh: &CredentialRefresh<Self::Kind>) -> Vec<Page> {
        use http_body_util::Full;
        use hyper_util::client::legacy::Client as Hyper;
        use hyper_util::rt::TokioExecutor;
        use response_handler::tower::HandleLayer;
        use tower_layer::Layer;

        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let _entered = runtime.enter();
        let client = Hyper::builder(TokioExecutor::new()).build_http::<Full<bytes::Bytes>>();
        let service =
            HandleLayer::<Paged, _, _>::using(CallOptions::new().refresh(refresh.clone()))
                .layer(client);
        let request = http::Request::get(url)
            .header("authorization", STALE)
            .body(Full::default())
            .unwrap();
        let pages = collect_on(&runtime, service.handle_pages(request));
        pages
            .into_iter()
            .map(|page| page.map_err(send_error))
            .collect()
    }
}
