//! Dropping a call's future, as a `select!` or a timeout does: during the wait between attempts
//! and during an attempt, through each async client. Afterwards the same client serves the next
//! request, and the server has no more connections open than the client's idle pool keeps:
//! one, the connection of the last (sequential, keep-alive) request, for every client here
//! (reqwest's pool and hyper-util's keep idle connections per host; sequential calls need one).

use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;

use response_handler::CallOptions;
use response_handler::retry::RetryPolicy;
use suite::{Reply, TestServer};
use tokio::sync::Notify;

use super::Search;

/// What a client keeps open once a call is over: one idle keep-alive connection.
const IDLE_POOL: usize = 1;

pub(super) type Call<'a> = Pin<Box<dyn Future<Output = Result<Search, String>> + 'a>>;

/// One async client, built once with the policy, used for several calls.
pub(super) trait AsyncClient {
    fn new(policy: RetryPolicy) -> Self;
    fn call(&self, url: String) -> Call<'_>;
}

pub(super) struct ReqwestAsync(reqwest::Client, RetryPolicy);

impl AsyncClient for ReqwestAsync {
    fn new(policy: RetryPolicy) -> Self {
        ReqwestAsync(reqwest::Client::new(), policy)
    }

    fn call(&self, url: String) -> Call<'_> {
        use response_handler::reqwest::RequestBuilderExt;
        let options = CallOptions::new().retry(self.1.clone());
        Box::pin(async move {
            self.0
                .get(url)
                .handle_using::<Search>(&options)
                .await
                .map_err(|error| error.to_string())
        })
    }
}

/// `handle_using` on reqwest-middleware's `RequestBuilder`, no middleware.
pub(super) struct Middleware(reqwest_middleware::ClientWithMiddleware, RetryPolicy);

impl AsyncClient for Middleware {
    fn new(policy: RetryPolicy) -> Self {
        let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).build();
        Middleware(client, policy)
    }

    fn call(&self, url: String) -> Call<'_> {
        use response_handler::reqwest_middleware::RequestBuilderExt;
        let options = CallOptions::new().retry(self.1.clone());
        Box::pin(async move {
            self.0
                .get(url)
                .handle_using::<Search>(&options)
                .await
                .map_err(|error| error.to_string())
        })
    }
}

/// `RetryMiddleware` in the stack, `handle::<T>()` on its last response.
pub(super) struct RetryMiddleware(reqwest_middleware::ClientWithMiddleware);

impl AsyncClient for RetryMiddleware {
    fn new(policy: RetryPolicy) -> Self {
        let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
            .with(response_handler::reqwest_middleware::RetryMiddleware::new(
                policy,
            ))
            .build();
        RetryMiddleware(client)
    }

    fn call(&self, url: String) -> Call<'_> {
        use response_handler::reqwest_middleware::RequestBuilderExt;
        Box::pin(async move {
            self.0
                .get(url)
                .handle::<Search>()
                .await
                .map_err(|error| error.to_string())
        })
    }
}

type HyperClient = hyper_util::client::legacy::Client<
    hyper_util::client::legacy::connect::HttpConnector,
    http_body_util::Full<bytes::Bytes>,
>;

/// hyper-util's client under `RetryLayer`: each call goes through a clone of one service.
pub(super) struct Tower(response_handler::tower::Retry<HyperClient, Search>);

impl AsyncClient for Tower {
    fn new(policy: RetryPolicy) -> Self {
        use hyper_util::rt::TokioExecutor;
        use tower_layer::Layer;
        let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build_http();
        Tower(response_handler::tower::RetryLayer::<Search>::new(policy).layer(client))
    }

    fn call(&self, url: String) -> Call<'_> {
        use tower_service::Service;
        let mut service = self.0.clone();
        Box::pin(async move {
            poll_fn(|cx| service.poll_ready(cx))
                .await
                .map_err(|error| error.to_string())?;
            let request = http::Request::get(url).body(Default::default()).unwrap();
            service
                .call(request)
                .await
                .map_err(|error| error.to_string())
        })
    }
}

/// Polls `call` until `stop` completes, then drops it, as `select!` drops the branch that lost.
/// Panics if the call ends first.
async fn cancel_when<F, S>(call: F, stop: S)
where
    F: Future<Output = Result<Search, String>>,
    S: Future<Output = ()>,
{
    let mut call = pin!(call);
    let mut stop = pin!(stop);
    poll_fn(|cx| {
        if let Poll::Ready(outcome) = call.as_mut().poll(cx) {
            panic!("the call ended before it was dropped: {outcome:?}");
        }
        stop.as_mut().poll(cx)
    })
    .await;
}

/// `/flaky` answers 503 (retried after a backoff), `/stall` reads the request and sends nothing,
/// `/ok` answers 200; all keep the connection open. `arrived` is told of each `/stall`.
fn server(arrived: Arc<Notify>) -> TestServer {
    TestServer::start(move |request| match request.path.as_str() {
        "/flaky" => Reply::new(503).keep_alive().text("busy"),
        "/stall" => {
            arrived.notify_one();
            Reply::new(200).stalled()
        }
        _ => Reply::new(200).keep_alive().text("3 results"),
    })
}

pub(super) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The next call on the same client ends as the server says, and no connection is left open
/// beyond the idle pool.
async fn the_client_still_works<C: AsyncClient>(client: &C, server: &TestServer) {
    let outcome = client.call(server.url("/ok")).await;
    assert!(
        matches!(outcome, Ok(Search::Results(ref body)) if body == "3 results"),
        "{outcome:?}"
    );
    let open = server.open_connections_settle_at_most(IDLE_POOL);
    assert!(
        open <= IDLE_POOL,
        "{open} connections open, the idle pool keeps {IDLE_POOL}"
    );
}

/// Sets its flag when dropped.
struct Dropped(Arc<AtomicBool>);

impl Drop for Dropped {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

fn dropped_during_the_wait<C: AsyncClient>() {
    let arrived = Arc::new(Notify::new());
    let server = server(Arc::clone(&arrived));
    let sleeping = Arc::new(Notify::new());
    let began = Arc::clone(&sleeping);
    let wait_dropped = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&wait_dropped);
    // A wait that never ends: only dropping the call ends it, and drops the wait with it.
    let policy = RetryPolicy::default().async_sleeper(move |_| {
        began.notify_one();
        let guard = Dropped(Arc::clone(&flag));
        async move {
            let _guard = guard;
            std::future::pending::<()>().await
        }
    });
    runtime().block_on(async {
        let client = C::new(policy);
        cancel_when(client.call(server.url("/flaky")), sleeping.notified()).await;
        assert!(
            wait_dropped.load(Ordering::SeqCst),
            "the wait is dropped with the call"
        );
        the_client_still_works(&client, &server).await;
    });
}

fn dropped_during_an_attempt<C: AsyncClient>() {
    let arrived = Arc::new(Notify::new());
    let server = server(Arc::clone(&arrived));
    runtime().block_on(async {
        let client = C::new(RetryPolicy::default());
        cancel_when(client.call(server.url("/stall")), arrived.notified()).await;
        the_client_still_works(&client, &server).await;
    });
}

macro_rules! for_each_async_client {
    ($($module:ident: $client:ty,)*) => {$(
        mod $module {
            use super::*;

            #[test]
            fn dropped_during_the_wait_between_attempts() {
                dropped_during_the_wait::<$client>();
            }

            #[test]
            fn dropped_during_an_attempt_to_a_stalled_server() {
                dropped_during_an_attempt::<$client>();
            }
        }
    )*};
}

for_each_async_client! {
    reqwest_async: ReqwestAsync,
    middleware_handle_using: Middleware,
    retry_middleware: RetryMiddleware,
    tower: Tower,
}
