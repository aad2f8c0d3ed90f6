//! Credential refresh (`CallOptions::refresh`) through every client, over loopback: calls that
//! hit a 401 together share one refresh, a 401 to a credential older than the latest refresh
//! is answered with the latest without refreshing, a failing refresher is a typed error that
//! keeps the 401, other 401s are outcomes, and retries and pages go through the refresh (a page
//! at another origin gets no credential).
//!
//! Nothing waits on time: the server holds the requests it must hold until the event the test
//! is about has happened (eight stale requests arrived; a fresh one served), with a safety stop
//! that a passing test never reaches.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use response_handler::headers::Link;
use response_handler::refresh::{CredentialRefresh, RefreshEvent, RefreshOn};
use response_handler::retry::RetryPolicy;
use response_handler::{CallError, ErrorKind, HeaderValue, ResponseHandler, StatusCode};
use suite::{Reply, TestServer};

#[path = "refresh/clients.rs"]
mod clients;

use clients::{Client, STALE};

/// The outcome every call is handled as.
#[derive(Debug, ResponseHandler)]
pub enum Report {
    #[on_success]
    Ok(String),
    #[on(401)]
    Unauthorized(String),
    #[on(503)]
    #[retry]
    Busy,
    #[on_failure]
    Failed(StatusCode),
}

/// A page of a paginated call: its `Link` names the next one.
#[derive(Debug, ResponseHandler)]
pub enum Paged {
    #[on_success]
    Page(Option<Link>, String),
    #[on(401)]
    Unauthorized(String),
    #[on_failure]
    Failed(StatusCode),
}

/// The token endpoint: issues `Bearer t1`, `Bearer t2`, ... and the server accepts only the
/// latest; or fails, when told to.
#[derive(Default)]
pub struct Authority {
    issued: AtomicU32,
    down: AtomicBool,
}

impl Authority {
    pub fn issue(&self) -> Result<HeaderValue, std::io::Error> {
        if self.down.load(Ordering::SeqCst) {
            return Err(std::io::Error::other("the token endpoint is down"));
        }
        let token = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        Ok(HeaderValue::try_from(format!("Bearer t{token}")).unwrap())
    }

    /// The credential the server accepts: none before the first is issued.
    fn valid(&self) -> Option<String> {
        match self.issued.load(Ordering::SeqCst) {
            0 => None,
            issued => Some(format!("Bearer t{issued}")),
        }
    }

    fn issued(&self) -> u32 {
        self.issued.load(Ordering::SeqCst)
    }
}

/// How long the server holds a request at most: a safety stop for a broken client, never
/// reached by a passing test.
const SAFETY_STOP: Duration = Duration::from_secs(20);

/// What the server has seen, for the requests it holds.
#[derive(Default)]
struct Seen {
    /// Stale requests to `/together`.
    together: usize,
    /// Whether a request with the valid credential was answered 200.
    fresh_served: bool,
    /// Whether a stale request to `/late` has arrived.
    late_arrived: bool,
    /// Requests to `/flaky`.
    flaky: usize,
    /// Where `/elsewhere` links to: a page at another origin.
    elsewhere: Option<String>,
    /// `(path, authorization)` of every request, in order of arrival.
    log: Vec<(String, Option<String>)>,
}

/// The API under test and what it saw.
struct Api {
    server: TestServer,
    authority: Arc<Authority>,
    seen: Arc<(Mutex<Seen>, Condvar)>,
}

impl Api {
    fn start() -> Api {
        let authority = Arc::new(Authority::default());
        let seen = Arc::new((Mutex::new(Seen::default()), Condvar::new()));
        let server = {
            let authority = Arc::clone(&authority);
            let seen = Arc::clone(&seen);
            TestServer::start(move |request| answer(request, &authority, &seen))
        };
        Api {
            server,
            authority,
            seen,
        }
    }

    fn urls(&self, path: &str, count: usize) -> Vec<String> {
        vec![self.server.url(path); count]
    }

    /// The credentials the server saw on `path`, in order of arrival.
    fn credentials(&self, path: &str) -> Vec<String> {
        let seen = self.seen.0.lock().unwrap();
        seen.log
            .iter()
            .filter(|(seen, _)| seen == path)
            .map(|(_, credential)| credential.clone().unwrap_or_default())
            .collect()
    }
}

fn expired() -> Reply {
    Reply::new(401)
        .header(
            "www-authenticate",
            r#"Bearer realm="reports", error="invalid_token", error_description="expired""#,
        )
        .header("x-request-id", "r-401")
        .text("expired")
}

fn answer(request: &suite::Request, authority: &Authority, seen: &(Mutex<Seen>, Condvar)) -> Reply {
    let (lock, changed) = seen;
    let credential = request.header("authorization").map(str::to_owned);
    let fresh = credential.is_some() && credential == authority.valid();
    let mut state = lock.lock().unwrap();
    state.log.push((request.path.clone(), credential));
    match request.path.as_str() {
        // Stale requests are held until eight have arrived: they all get their 401 together.
        "/together" if !fresh => {
            state.together += 1;
            changed.notify_all();
            let (_state, _) = changed
                .wait_timeout_while(state, SAFETY_STOP, |seen| seen.together < 8)
                .unwrap();
            return expired();
        }
        // A stale request is held until a fresh one was served: its 401 arrives after the
        // refresh.
        "/late" if !fresh => {
            state.late_arrived = true;
            changed.notify_all();
            let (_state, _) = changed
                .wait_timeout_while(state, SAFETY_STOP, |seen| !seen.fresh_served)
                .unwrap();
            return expired();
        }
        // A stale request is held until one to `/late` has arrived, so that the refresh it
        // causes comes after `/late` was sent with the stale credential.
        "/first" if !fresh => {
            let (_state, _) = changed
                .wait_timeout_while(state, SAFETY_STOP, |seen| !seen.late_arrived)
                .unwrap();
            return expired();
        }
        "/admin" => {
            return Reply::new(401)
                .header("www-authenticate", r#"Bearer error="insufficient_scope""#)
                .text("not yours");
        }
        "/plain" if !fresh => return Reply::new(401).text("who are you?"),
        // A page whose next page is at another origin.
        "/elsewhere" if fresh => {
            let next = state.elsewhere.clone().expect("the test says where");
            return Reply::new(200)
                .text("here")
                .header("link", format!("<{next}>; rel=\"next\""));
        }
        // Three pages; the credential that served the first has expired when the second is
        // asked for (it wants the second credential issued).
        page if page.starts_with("/pages/") => {
            let number: u32 = page["/pages/".len()..].parse().unwrap();
            let wanted = if number >= 2 { 2 } else { 1 };
            if !fresh || authority.issued() < wanted {
                return expired();
            }
            let reply = Reply::new(200).text(format!("page {number}"));
            return match number {
                3 => reply,
                _ => reply.header("link", format!("</pages/{}>; rel=\"next\"", number + 1)),
            };
        }
        "/flaky" => {
            state.flaky += 1;
            if state.flaky == 1 {
                return Reply::new(503);
            }
        }
        _ => {}
    }
    if fresh {
        state.fresh_served = true;
        changed.notify_all();
        Reply::new(200).text("the report")
    } else {
        expired()
    }
}

/// A hook that keeps every event.
fn recorded<K>(
    refresh: CredentialRefresh<K>,
) -> (CredentialRefresh<K>, Arc<Mutex<Vec<RefreshEvent>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&events);
    let refresh = refresh.on_event(move |event| log.lock().unwrap().push(event));
    (refresh, events)
}

fn count(events: &Mutex<Vec<RefreshEvent>>, event: RefreshEvent) -> usize {
    events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| **e == event)
        .count()
}

fn report(outcome: &clients::Outcome) -> bool {
    matches!(outcome, Ok(Report::Ok(body)) if body == "the report")
}

macro_rules! for_each_client {
    ($($module:ident: $client:ty),* $(,)?) => {$(
        mod $module {
            use super::*;

            type C = $client;

            #[test]
            fn eight_concurrent_calls_share_one_refresh() {
                let api = Api::start();
                let (refresh, events) = recorded(<C as Client>::refresh(&api.authority));
                let outcomes = C::run(&api.urls("/together", 8), &refresh, None);
                assert!(outcomes.iter().all(report), "{outcomes:?}");
                assert_eq!(api.authority.issued(), 1, "one refresh for eight 401s");
                assert_eq!(refresh.generation(), 1);
                assert_eq!(count(&events, RefreshEvent::Refreshed), 1);
                assert_eq!(count(&events, RefreshEvent::Reused), 7);
                let mut sent = api.credentials("/together");
                sent.sort();
                let expected: Vec<String> = [STALE; 8].into_iter().chain(["Bearer t1"; 8]).map(String::from).collect();
                assert_eq!(sent, expected);

                // A later call sends the latest credential from its first request.
                let outcomes = C::run(&api.urls("/report", 1), &refresh, None);
                assert!(report(&outcomes[0]), "{outcomes:?}");
                assert_eq!(api.credentials("/report"), ["Bearer t1"]);
                assert_eq!(api.authority.issued(), 1);
            }

            #[test]
            fn a_stale_401_after_a_refresh_is_resent_with_the_latest_credential() {
                let api = Api::start();
                let (refresh, events) = recorded(<C as Client>::refresh(&api.authority));
                let urls = [api.server.url("/late"), api.server.url("/first")];
                let outcomes = C::run(&urls, &refresh, None);
                assert!(outcomes.iter().all(report), "{outcomes:?}");
                assert_eq!(api.authority.issued(), 1, "no second refresh");
                assert_eq!(*events.lock().unwrap(), [RefreshEvent::Refreshed, RefreshEvent::Reused]);
                assert_eq!(api.credentials("/first"), [STALE, "Bearer t1"]);
                assert_eq!(api.credentials("/late"), [STALE, "Bearer t1"]);
            }

            #[test]
            fn a_failing_refresher_is_an_error_that_keeps_the_401() {
                let api = Api::start();
                api.authority.down.store(true, Ordering::SeqCst);
                let (refresh, events) = recorded(<C as Client>::refresh(&api.authority));
                let outcomes = C::run(&api.urls("/report", 1), &refresh, None);
                let [Err(CallError::Response(error))] = &outcomes[..] else {
                    panic!("expected the refresh error, got {outcomes:?}");
                };
                assert_eq!(error.kind(), ErrorKind::Refresh);
                assert_eq!(error.status(), StatusCode::UNAUTHORIZED);
                assert_eq!(error.headers()["x-request-id"], "r-401");
                assert_eq!(error.body().as_ref(), b"expired");
                let cause = error.refresh_error().expect("the refresher's error");
                assert_eq!(cause.to_string(), "the token endpoint is down");
                assert!(
                    std::error::Error::source(error).is_some_and(|source| source.to_string() == "the token endpoint is down")
                );
                assert!(error.to_string().contains("the credential could not be refreshed"), "{error}");
                assert_eq!(*events.lock().unwrap(), [RefreshEvent::Failed]);
                assert_eq!(api.credentials("/report"), [STALE], "not sent again");
                assert_eq!(refresh.generation(), 0);
            }

            #[test]
            fn another_401_is_the_outcome_unless_every_401_is_the_trigger() {
                let api = Api::start();
                let (refresh, events) = recorded(<C as Client>::refresh(&api.authority));
                let outcomes = C::run(&[api.server.url("/admin"), api.server.url("/plain")], &refresh, None);
                assert!(matches!(&outcomes[0], Ok(Report::Unauthorized(body)) if body == "not yours"), "{outcomes:?}");
                assert!(matches!(&outcomes[1], Ok(Report::Unauthorized(body)) if body == "who are you?"), "{outcomes:?}");
                assert_eq!(api.authority.issued(), 0);
                assert_eq!(*events.lock().unwrap(), []);

                let any = refresh.on(RefreshOn::Unauthorized);
                let outcomes = C::run(&api.urls("/plain", 1), &any, None);
                assert!(report(&outcomes[0]), "{outcomes:?}");
                assert_eq!(api.authority.issued(), 1);
                assert_eq!(api.credentials("/plain"), [STALE, STALE, "Bearer t1"]);
            }

            #[test]
            fn each_page_goes_through_the_refresh() {
                let api = Api::start();
                let (refresh, events) = recorded(<C as Client>::refresh(&api.authority));
                let pages = C::pages(&api.server.url("/pages/1"), &refresh);
                let bodies: Vec<_> = pages
                    .iter()
                    .map(|page| match page {
                        Ok(Paged::Page(_, body)) => body.as_str(),
                        other => panic!("expected a page, got {other:?}"),
                    })
                    .collect();
                assert_eq!(bodies, ["page 1", "page 2", "page 3"]);
                // The first page refreshed the stale credential; the second page's 401 (its
                // credential expired meanwhile) refreshed again; the third carried the latest.
                assert_eq!(api.credentials("/pages/1"), [STALE, "Bearer t1"]);
                assert_eq!(api.credentials("/pages/2"), ["Bearer t1", "Bearer t2"]);
                assert_eq!(api.credentials("/pages/3"), ["Bearer t2"]);
                assert_eq!(*events.lock().unwrap(), [RefreshEvent::Refreshed, RefreshEvent::Refreshed]);
            }

            #[test]
            fn a_page_at_another_origin_gets_no_credential_and_no_refresh() {
                let api = Api::start();
                let seen_there = Arc::new(Mutex::new(Vec::new()));
                let there = {
                    let seen = Arc::clone(&seen_there);
                    TestServer::start(move |request| {
                        seen.lock().unwrap().push(request.header("authorization").map(str::to_owned));
                        expired()
                    })
                };
                api.seen.0.lock().unwrap().elsewhere = Some(there.url("/next"));
                let (refresh, events) = recorded(<C as Client>::refresh(&api.authority));
                let pages = C::pages(&api.server.url("/elsewhere"), &refresh);
                assert!(matches!(&pages[..], [Ok(Paged::Page(_, here)), Ok(Paged::Unauthorized(_))] if here == "here"), "{pages:?}");
                // The other origin got no credential, and its 401 refreshed nothing.
                assert_eq!(*seen_there.lock().unwrap(), [None]);
                assert_eq!(*events.lock().unwrap(), [RefreshEvent::Refreshed]);
                assert_eq!(api.authority.issued(), 1);
            }

            #[test]
            fn a_retry_attempt_goes_through_the_refresh() {
                let api = Api::start();
                let (refresh, events) = recorded(<C as Client>::refresh(&api.authority));
                let policy = RetryPolicy::default()
                    .sleeper(|_| {})
                    .async_sleeper(|_| async {});
                let outcomes = C::run(&api.urls("/flaky", 1), &refresh, Some(&policy));
                assert!(report(&outcomes[0]), "{outcomes:?}");
                // 503, then the retry: 401, refreshed, 200.
                assert_eq!(api.credentials("/flaky"), [STALE, STALE, "Bearer t1"]);
                assert_eq!(*events.lock().unwrap(), [RefreshEvent::Refreshed]);
            }
        }
    )*};
}

for_each_client! {
    ureq: clients::Ureq,
    reqwest_blocking: clients::ReqwestBlocking,
    reqwest_async: clients::ReqwestAsync,
    tower: clients::Tower,
    reqwest_middleware: clients::Middleware,
}

/// A body that cannot be copied is not sent again: the 401 is the outcome, and the hook hears
/// why.
#[test]
fn a_streamed_body_is_not_resent_and_the_hook_says_so() {
    use response_handler::CallOptions;
    use response_handler::reqwest::blocking::RequestBuilderExt;

    let api = Api::start();
    let (refresh, events) = recorded(<clients::ReqwestBlocking as Client>::refresh(
        &api.authority,
    ));
    // A reader, sized so that the server reads all of it before it answers.
    let body = reqwest::blocking::Body::sized(std::io::Cursor::new(b"query=rust".to_vec()), 10);
    let outcome = reqwest::blocking::Client::new()
        .post(api.server.url("/report"))
        .header("authorization", STALE)
        .body(body)
        .handle_using::<Report>(&CallOptions::new().refresh(refresh));
    assert!(
        matches!(&outcome, Ok(Report::Unauthorized(body)) if body == "expired"),
        "{outcome:?}"
    );
    assert_eq!(*events.lock().unwrap(), [RefreshEvent::NotResent]);
    assert_eq!(api.authority.issued(), 0);
    assert_eq!(api.credentials("/report"), [STALE]);
}

/// A credential known in advance is sent from the first request, in the header chosen, and
/// never printed.
#[test]
fn a_seeded_credential_goes_in_the_chosen_header() {
    use response_handler::CallOptions;
    use response_handler::ureq::AgentExt;

    let (server, received) = suite::scripted(vec![Reply::new(200).text("the report")]);
    let refresh = <clients::Ureq as Client>::refresh(&Arc::new(Authority::default()))
        .header(http::header::PROXY_AUTHORIZATION)
        .credential(HeaderValue::from_static("Bearer seeded"));
    assert_eq!(refresh.generation(), 1);
    let debug = format!("{refresh:?}");
    assert!(!debug.contains("seeded"), "{debug}");
    let request = http::Request::get(server.url("/report"))
        .header("proxy-authorization", "Bearer built")
        .body(())
        .unwrap();
    let outcome = suite::agent()
        .handle_request_using::<Report>(request, &CallOptions::new().refresh(refresh));
    let outcome = outcome.map_err(|error| error.map_send(|error| error.to_string()));
    assert!(report(&outcome), "{outcome:?}");
    let received = received.lock().unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].header("proxy-authorization"),
        Some("Bearer seeded")
    );
    assert_eq!(received[0].header("authorization"), None);
}

/// A call's future, with or without a refresh, can be spawned on a multi-threaded executor:
/// it is `Send` and borrows nothing but its request and options.
#[test]
fn call_futures_are_send() {
    use response_handler::CallOptions;
    use response_handler::reqwest::RequestBuilderExt;

    fn spawnable<F: std::future::Future + Send + 'static>(_: F) {}
    let client = reqwest::Client::new();
    let auth = <clients::ReqwestAsync as Client>::refresh(&Arc::new(Authority::default()));
    let options: &'static _ = Box::leak(Box::new(CallOptions::new().refresh(auth)));
    spawnable(client.get("http://127.0.0.1:1/").handle::<Report>());
    spawnable(
        client
            .get("http://127.0.0.1:1/")
            .handle_using::<Report>(options),
    );
}
