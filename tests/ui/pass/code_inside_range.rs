// An exact code inside another variant's range is not a conflict: the exact code wins.
use response_handler::{ResponseHandler, StatusCode};

#[derive(Debug, PartialEq, ResponseHandler)]
enum Outcome {
    #[on(500..=599)]
    ServerError(StatusCode),
    #[on(503)]
    Unavailable,
    #[on(400..=449, 451..=499)]
    ClientError(StatusCode),
    #[on(UNAVAILABLE_FOR_LEGAL_REASONS)]
    Censored,
}

fn handle(status: u16) -> Outcome {
    let response = http::Response::builder().status(status).body(()).unwrap();
    Outcome::from_response(response).unwrap()
}

fn main() {
    assert_eq!(handle(503), Outcome::Unavailable);
    assert_eq!(handle(502), Outcome::ServerError(StatusCode::BAD_GATEWAY));
    assert_eq!(handle(451), Outcome::Censored);
    assert_eq!(handle(404), Outcome::ClientError(StatusCode::NOT_FOUND));
}
