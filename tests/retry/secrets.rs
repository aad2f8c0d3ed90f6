//! A transport error names the URL it was sending to (reqwest: `error sending request for url
//! (...)`): the retry events print it without the userinfo and the query values, through every
//! client that retries.

use std::sync::{Arc, Mutex};

use response_handler::retry::RetryPolicy;

use super::clients::{Client, Middleware, ReqwestAsync, ReqwestBlocking, Tower, Ureq};

/// Port 1 on loopback: the connection is refused, a transport error, a retry.
pub const SECRET_URL: &str = "http://user:pw@127.0.0.1:1/x?key=SECRET";

/// A policy of two attempts that never waits, and what its `on_retry` hook printed:
/// `Display` and `Debug` of each event.
pub fn recording_policy() -> (RetryPolicy, Arc<Mutex<Vec<String>>>) {
    let printed = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&printed);
    let policy = RetryPolicy::default()
        .max_attempts(2)
        .sleeper(|_| {})
        .async_sleeper(|_| async {})
        .on_retry(move |event| {
            let mut log = log.lock().unwrap();
            log.push(event.to_string());
            log.push(format!("{event:?}"));
        });
    (policy, printed)
}

/// The hook was called, and nothing it printed holds the password or the query value.
pub fn assert_no_secret(printed: &Mutex<Vec<String>>) {
    let printed = printed.lock().unwrap().join("\n");
    assert!(
        printed.contains("no response"),
        "no retry event: {printed:?}"
    );
    assert!(printed.contains("Transport("), "{printed:?}");
    assert!(!printed.contains("SECRET"), "{printed}");
    assert!(!printed.contains("pw"), "{printed}");
}

fn through<C: Client>() {
    let (policy, printed) = recording_policy();
    let outcome = C::new().call("GET", SECRET_URL, &[], &policy);
    assert!(outcome.is_err(), "{outcome:?}");
    assert_no_secret(&printed);
}

#[test]
fn ureq_retry_events_print_no_url_secret() {
    through::<Ureq>();
}

#[test]
fn reqwest_blocking_retry_events_print_no_url_secret() {
    through::<ReqwestBlocking>();
}

#[test]
fn reqwest_async_retry_events_print_no_url_secret() {
    through::<ReqwestAsync>();
}

#[test]
fn tower_retry_layer_events_print_no_url_secret() {
    through::<Tower>();
}

#[test]
fn reqwest_middleware_handle_using_events_print_no_url_secret() {
    through::<Middleware>();
}

#[test]
fn reqwest_middleware_retry_middleware_events_print_no_url_secret() {
    let (policy, printed) = recording_policy();
    let outcome = super::middleware::call("GET", SECRET_URL, policy);
    assert!(outcome.is_err(), "{outcome:?}");
    assert_no_secret(&printed);
}
