//! Pagination: every client integration follows its outcome to the next page
//! (`handle_pages::<T>(&options)`), over real HTTP on 127.0.0.1. Waits are never slept: the
//! blocking clients get a sleeper that does nothing, the async ones run on tokio's paused clock.
//!
//! The scenarios are written once against the [`Client`] trait and instantiated per client by
//! `for_each_client!`.

use std::sync::{Arc, Mutex, OnceLock};

use response_handler::headers::Link;
use response_handler::{
    CallError, CallOptions, Json, Next, NextPage, PageCursor, RequestContext, ResponseHandler,
    RetryAfter, RetryPolicy, StatusCode,
};
use suite::{Reply, Request, TestServer};

#[path = "pages/clients.rs"]
mod clients;

use clients::{Client, Middleware, ReqwestAsync, ReqwestBlocking, Tower, Ureq};

/// A GitHub-style list: the next page in `Link`.
#[derive(Debug, ResponseHandler)]
enum Issues {
    #[on_success]
    Page(Option<Link>, String),
    /// Its `Link` is read too: what stops the sequence is the status, not a missing link.
    #[on(304)]
    NotModified(Option<Link>),
    #[on(404)]
    Gone(Option<Link>),
    #[on(429)]
    #[retry]
    Busy(Option<RetryAfter>),
    #[on_failure]
    Failed(StatusCode),
}

/// A Stripe-style list: `has_more`, and the next page starts after the last item's id.
#[derive(Debug, serde::Deserialize)]
struct List {
    data: Vec<Item>,
    has_more: bool,
}

#[derive(Debug, serde::Deserialize)]
struct Item {
    id: String,
}

impl PageCursor for List {
    fn cursor(&self) -> Option<String> {
        self.has_more
            .then(|| self.data.last().map(|item| item.id.clone()))?
    }
}

#[derive(Debug, ResponseHandler)]
enum Charges {
    #[on_success]
    Page(#[next_page(query = "starting_after")] Json<List>),
    #[on_failure]
    Failed,
}

/// The same list, its `NextPage` written by hand: Stripe's `has_more`, and the next page
/// starting after the last item, on the previous request's URL.
#[derive(Debug, ResponseHandler)]
enum ChargesByHand {
    #[on_success]
    Page(Json<List>),
    #[on_failure]
    Failed,
}

impl NextPage for ChargesByHand {
    fn next_page(&self, previous: &RequestContext) -> Option<Next> {
        assert_eq!(previous.method(), Some(&http::Method::GET));
        assert_eq!(previous.uri()?.path(), "/v1/charges");
        match self {
            ChargesByHand::Page(Json(list)) if list.has_more => {
                Some(Next::query("starting_after", &list.data.last()?.id))
            }
            _ => None,
        }
    }
}

/// The Stripe-style list: `/v1/charges?limit=2`, then after `ch_b`, then after `ch_d`.
fn stripe(request: &Request, _: &str) -> Reply {
    let body = match request.path.as_str() {
        "/v1/charges?limit=2" => r#"{"data":[{"id":"ch_a"},{"id":"ch_b"}],"has_more":true}"#,
        "/v1/charges?limit=2&starting_after=ch_b" => {
            r#"{"data":[{"id":"ch_c"},{"id":"ch_d"}],"has_more":true}"#
        }
        "/v1/charges?limit=2&starting_after=ch_d" => r#"{"data":[{"id":"ch_e"}],"has_more":false}"#,
        _ => return Reply::new(404),
    };
    Reply::new(200).json(body)
}

/// The ids of each page of a Stripe-style list.
fn ids<T: std::fmt::Debug>(
    pages: &[Result<T, CallError<String>>],
    list: impl Fn(&T) -> Option<&List>,
) -> Vec<Vec<String>> {
    pages
        .iter()
        .map(|page| match page.as_ref().ok().and_then(&list) {
            Some(list) => list.data.iter().map(|item| item.id.clone()).collect(),
            None => panic!("{page:?}"),
        })
        .collect()
}

/// What a page was, in a word: `two` for a page whose body is "two", `404`, `not modified`,
/// `error` for a call error.
fn summary(pages: &[Result<Issues, CallError<String>>]) -> Vec<String> {
    pages
        .iter()
        .map(|page| match page {
            Ok(Issues::Page(_, body)) => body.clone(),
            Ok(Issues::NotModified(_)) => "not modified".to_owned(),
            Ok(Issues::Gone(_)) => "404".to_owned(),
            Ok(Issues::Busy(_)) => "busy".to_owned(),
            Ok(Issues::Failed(status)) => status.as_str().to_owned(),
            Err(error) => format!("error: {error}"),
        })
        .collect()
}

/// A server that answers `route(request, its own base URL)` and records every request.
struct Api {
    server: TestServer,
    received: Arc<Mutex<Vec<Request>>>,
}

impl Api {
    fn start(route: impl Fn(&Request, &str) -> Reply + Send + Sync + 'static) -> Api {
        let base = Arc::new(OnceLock::<String>::new());
        let received = Arc::new(Mutex::new(Vec::new()));
        let (own, log) = (Arc::clone(&base), Arc::clone(&received));
        let server = TestServer::start(move |request| {
            log.lock().unwrap().push(request.clone());
            route(request, own.get().map_or("", String::as_str))
        });
        base.set(server.url("")).unwrap();
        Api { server, received }
    }

    fn url(&self, path: &str) -> String {
        self.server.url(path)
    }

    /// The request targets, in order.
    fn paths(&self) -> Vec<String> {
        self.requests()
            .into_iter()
            .map(|request| request.path)
            .collect()
    }

    fn requests(&self) -> Vec<Request> {
        self.received.lock().unwrap().clone()
    }
}

fn page(body: &str, next: Option<String>) -> Reply {
    let reply = Reply::new(200).text(body);
    match next {
        Some(next) => reply.header("link", format!("<{next}>; rel=\"next\"")),
        None => reply,
    }
}

fn word(page: u32) -> &'static str {
    ["zero", "one", "two", "three", "four", "five"]
        .get(page as usize)
        .copied()
        .unwrap_or("many")
}

/// `/items?page=N` answers page N of `last`, its `Link` made by `link(base, N + 1)`.
fn numbered(last: u32, link: fn(&str, u32) -> String) -> impl Fn(&Request, &str) -> Reply {
    move |request, base| {
        let number: u32 = request
            .path
            .rsplit_once("page=")
            .and_then(|(_, n)| n.parse().ok())
            .unwrap_or(0);
        page(
            word(number),
            (number < last).then(|| link(base, number + 1)),
        )
    }
}

fn never_sleeps() -> RetryPolicy {
    RetryPolicy::default().sleeper(|_| {})
}

macro_rules! for_each_client {
    ($($module:ident: $client:ty,)*) => {$(
        mod $module {
            use super::*;

            fn client() -> $client {
                <$client as Client>::new()
            }

            #[test]
            fn three_pages_follow_absolute_links() {
                let api = Api::start(numbered(3, |base, n| format!("{base}/items?page={n}")));
                let pages = client().pages::<Issues, _>(&api.url("/items?page=1"), &[], &CallOptions::new());
                assert_eq!(summary(&pages), ["one", "two", "three"]);
                assert_eq!(api.paths(), ["/items?page=1", "/items?page=2", "/items?page=3"]);
            }

            #[test]
            fn a_relative_link_is_resolved_against_the_request_url() {
                let api = Api::start(numbered(3, |_, n| format!("?page={n}")));
                let pages = client().pages::<Issues, _>(&api.url("/v1/items?page=1"), &[], &CallOptions::new());
                assert_eq!(summary(&pages), ["one", "two", "three"]);
                assert_eq!(api.paths(), ["/v1/items?page=1", "/v1/items?page=2", "/v1/items?page=3"]);
            }

            #[test]
            fn credentials_stay_with_the_first_origin_and_the_other_headers_follow() {
                // `other` is another origin (another port): page 2 lives there, page 3 back home.
                let home = Arc::new(OnceLock::<String>::new());
                let home_url = Arc::clone(&home);
                let other = Api::start(move |_, _| {
                    page("two", Some(format!("{}/items?page=3", home_url.get().unwrap())))
                });
                let other_url = other.url("/items?page=2");
                let api = Api::start(move |request, _| match request.path.as_str() {
                    "/items?page=1" => page("one", Some(other_url.clone())),
                    _ => page("three", None),
                });
                home.set(api.url("")).unwrap();
                let headers = [
                    ("authorization", "Bearer secret"),
                    ("cookie", "session=secret"),
                    ("proxy-authorization", "Basic secret"),
                    ("x-trace", "kept"),
                    ("if-none-match", "\"page-1\""),
                ];
                let pages = client().pages::<Issues, _>(&api.url("/items?page=1"), &headers, &CallOptions::new());
                assert_eq!(summary(&pages), ["one", "two", "three"]);
                let [away] = other.requests().try_into().unwrap();
                for name in ["authorization", "cookie", "proxy-authorization", "if-none-match"] {
                    assert_eq!(away.header(name), None, "{name} went to another origin");
                }
                assert_eq!(away.header("x-trace"), Some("kept"));
                let [first, back] = api.requests().try_into().unwrap();
                assert_eq!(first.header("authorization"), Some("Bearer secret"));
                assert_eq!(first.header("if-none-match"), Some("\"page-1\""));
                assert_eq!(back.header("authorization"), Some("Bearer secret"), "back at the first origin");
                assert_eq!(back.header("if-none-match"), None, "the first page's ETag is no other page's");
            }

            #[test]
            fn a_429_in_the_middle_is_retried_under_the_policy() {
                let busy = Arc::new(Mutex::new(false));
                let api = Api::start(move |request, _| {
                    let mut answered = busy.lock().unwrap();
                    match request.path.as_str() {
                        "/items?page=2" if !*answered => {
                            *answered = true;
                            Reply::new(429).header("retry-after", "1")
                        }
                        _ => numbered(3, |_, n| format!("/items?page={n}"))(request, ""),
                    }
                });
                let options = CallOptions::new().retry(never_sleeps());
                let pages = client().pages::<Issues, _>(&api.url("/items?page=1"), &[], &options);
                assert_eq!(summary(&pages), ["one", "two", "three"]);
                assert_eq!(api.paths(), ["/items?page=1", "/items?page=2", "/items?page=2", "/items?page=3"]);
            }

            #[test]
            fn a_404_in_the_middle_is_yielded_and_ends_the_sequence() {
                let api = Api::start(|request, _| match request.path.as_str() {
                    "/items?page=1" => page("one", Some("/items?page=2".to_owned())),
                    _ => Reply::new(404).header("link", "</items?page=3>; rel=\"next\""),
                });
                let pages = client().pages::<Issues, _>(&api.url("/items?page=1"), &[], &CallOptions::new());
                assert_eq!(summary(&pages), ["one", "404"]);
                assert_eq!(api.paths(), ["/items?page=1", "/items?page=2"]);
            }

            #[test]
            fn the_page_limit_ends_an_endless_list() {
                let api = Api::start(numbered(u32::MAX, |_, n| format!("/items?page={n}")));
                let options = CallOptions::new().max_pages(4);
                let pages = client().pages::<Issues, _>(&api.url("/items?page=1"), &[], &options);
                assert_eq!(summary(&pages), ["one", "two", "three", "four"]);
                assert_eq!(api.paths().len(), 4);
            }

            #[test]
            fn a_link_cycle_ends_at_the_first_url_seen_again() {
                let api = Api::start(|request, _| match request.path.as_str() {
                    "/items?page=1" => page("one", Some("/items?page=2".to_owned())),
                    _ => page("two", Some("/items?page=1".to_owned())),
                });
                let pages = client().pages::<Issues, _>(&api.url("/items?page=1"), &[], &CallOptions::new());
                assert_eq!(summary(&pages), ["one", "two"]);
                assert_eq!(api.paths(), ["/items?page=1", "/items?page=2"]);
            }

            #[test]
            fn a_304_to_a_conditional_first_page_is_yielded_and_ends_the_sequence() {
                let api = Api::start(|request, _| match request.header("if-none-match") {
                    Some("\"v1\"") => Reply::new(304)
                        .header("etag", "\"v1\"")
                        .header("link", "</items?page=2>; rel=\"next\"")
                        .without_body(),
                    _ => page("one", Some("/items?page=2".to_owned())),
                });
                let headers = [("if-none-match", "\"v1\"")];
                let pages = client().pages::<Issues, _>(&api.url("/items?page=1"), &headers, &CallOptions::new());
                assert_eq!(summary(&pages), ["not modified"]);
                assert_eq!(api.paths(), ["/items?page=1"]);
            }

            #[test]
            fn a_stripe_cursor_in_the_body_sets_starting_after() {
                let api = Api::start(stripe);
                let pages = client().pages::<Charges, _>(&api.url("/v1/charges?limit=2"), &[], &CallOptions::new());
                let ids = ids(&pages, |page| match page {
                    Charges::Page(Json(list)) => Some(list),
                    Charges::Failed => None,
                });
                assert_eq!(ids, [vec!["ch_a", "ch_b"], vec!["ch_c", "ch_d"], vec!["ch_e"]]);
                assert_eq!(api.paths().len(), 3);
            }

            #[test]
            fn a_next_page_written_by_hand_is_followed() {
                let api = Api::start(stripe);
                let pages = client().pages::<ChargesByHand, _>(&api.url("/v1/charges?limit=2"), &[], &CallOptions::new());
                let ids = ids(&pages, |page| match page {
                    ChargesByHand::Page(Json(list)) => Some(list),
                    ChargesByHand::Failed => None,
                });
                assert_eq!(ids, [vec!["ch_a", "ch_b"], vec!["ch_c", "ch_d"], vec!["ch_e"]]);
                assert_eq!(api.paths().len(), 3);
            }

            #[test]
            fn a_request_that_gets_no_response_is_yielded_as_the_one_error() {
                let pages = client().pages::<Issues, _>(&suite::refused_url("/items"), &[], &CallOptions::new());
                let [Err(CallError::Send(_))] = pages.as_slice() else { panic!("{pages:?}") };
            }
        }
    )*};
}

for_each_client! {
    ureq: Ureq,
    reqwest_blocking: ReqwestBlocking,
    reqwest_async: ReqwestAsync,
    tower: Tower,
    reqwest_middleware: Middleware,
}
