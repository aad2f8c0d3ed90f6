// `StatusCode` constants as Rust users write them: bare, through `StatusCode`, or fully
// qualified through `http` or `response_handler`. The derive reads the constant's name, so
// `StatusCode::CONFLICT` needs no `use` of `StatusCode` (importing it only for the attribute
// would be an unused import).
use response_handler::ResponseHandler;

#[derive(Debug, PartialEq, ResponseHandler)]
enum Outcome {
    #[on(CREATED)]
    Created,
    #[on(StatusCode::CONFLICT)]
    Conflict,
    #[on(http::StatusCode::GONE, ::http::StatusCode::NOT_FOUND)]
    Gone,
    #[on(response_handler::StatusCode::TOO_MANY_REQUESTS)]
    SlowDown,
}

fn main() {
    let respond = |status: u16| http::Response::builder().status(status).body(()).unwrap();
    assert_eq!(Outcome::from_response(respond(201)).unwrap(), Outcome::Created);
    assert_eq!(Outcome::from_response(respond(409)).unwrap(), Outcome::Conflict);
    assert_eq!(Outcome::from_response(respond(404)).unwrap(), Outcome::Gone);
    assert_eq!(Outcome::from_response(respond(410)).unwrap(), Outcome::Gone);
    assert_eq!(Outcome::from_response(respond(429)).unwrap(), Outcome::SlowDown);
    assert!(Outcome::from_response(respond(500)).is_err());
}
