//! `#[retry]` on every kind of failure matcher, on a struct, with generics and renamed imports;
//! `#[retry(when_asked)]` with renamed wait types, among fields that carry none.

use response_handler::retry::{RetryHint, Retryable};
use response_handler::{RateLimit as Quota, ResponseHandler, RetryAfter as Wait, StatusCode};

#[derive(ResponseHandler)]
enum Outcome<T> {
    #[on_success]
    Done(T),
    #[on(429, SERVICE_UNAVAILABLE)]
    #[retry]
    Busy(Option<Wait>, Option<Quota>),
    #[on(500..=502)]
    #[retry]
    Flaky { status: StatusCode },
    #[on_client_error]
    #[retry]
    Odd,
    #[on_server_error]
    #[retry]
    Server(T),
    #[on_failure]
    Other,
}

#[derive(ResponseHandler)]
#[on(503)]
#[retry]
struct Maintenance(Option<Wait>);

#[derive(ResponseHandler)]
enum Asked<T> {
    #[on_success]
    Done(T),
    #[on(403)]
    #[retry(when_asked)]
    Limited(StatusCode, T, Option<Quota>),
    #[on(429)]
    #[retry(when_asked)]
    Busy { wait: Wait, status: StatusCode },
}

#[derive(ResponseHandler)]
#[on(503)]
#[retry(when_asked)]
struct AskedMaintenance(Option<Wait>);

#[derive(ResponseHandler)]
enum Single {
    #[on_failure]
    #[retry]
    Failed(Option<Wait>),
}

fn hint<R: Retryable>(value: &R) -> RetryHint {
    value.retry_hint()
}

fn main() {
    let _ = hint::<Outcome<String>>;
    let _ = hint::<Maintenance>;
    let _ = hint::<Single>;
    let _ = hint::<Asked<String>>;
    let _ = hint::<AskedMaintenance>;
}
