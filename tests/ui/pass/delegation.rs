use response_handler::{ResponseHandler, StatusCode};

#[derive(Debug, PartialEq, ResponseHandler)]
enum ApiFailure {
    #[on(401)]
    Unauthorized,
    #[on(500..=599)]
    Server(StatusCode),
}

// The outer exact 503 sits inside `ApiFailure`'s range: the exact code wins, as within one
// type, so this is not ambiguous.
#[derive(Debug, PartialEq, ResponseHandler)]
enum GetUser {
    #[on(200)]
    Found,
    #[on(503)]
    Unavailable,
    #[on(404)]
    NotFound,
    #[on_failure]
    Failed(ApiFailure),
}

fn main() {
    let respond = |status: u16| http::Response::builder().status(status).body(()).unwrap();
    assert_eq!(GetUser::from_response(respond(503)).unwrap(), GetUser::Unavailable);
    assert_eq!(GetUser::from_response(respond(502)).unwrap(), GetUser::Failed(ApiFailure::Server(StatusCode::BAD_GATEWAY)));
    assert_eq!(GetUser::from_response(respond(401)).unwrap(), GetUser::Failed(ApiFailure::Unauthorized));
    assert_eq!(GetUser::from_response(respond(404)).unwrap(), GetUser::NotFound);
}
