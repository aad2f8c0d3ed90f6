// Every catch-all at once, with the precedence the docs promise.
use response_handler::{ResponseHandler, StatusCode};

#[derive(Debug, PartialEq, ResponseHandler)]
enum Everything {
    #[on(404)]
    NotFound,
    #[on(502..=504)]
    Gateway(StatusCode),
    #[on_informational]
    Informational(StatusCode),
    #[on_success]
    Success(StatusCode),
    #[on_redirection]
    Redirect(StatusCode),
    #[on_client_error]
    ClientError(StatusCode),
    #[on_server_error]
    ServerError(StatusCode),
    #[on_failure]
    Failure(StatusCode),
    #[fallback]
    Fallback(StatusCode),
}

fn handle(status: u16) -> Everything {
    let response = http::Response::builder().status(status).body(()).unwrap();
    Everything::from_response(response).unwrap()
}

fn code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap()
}

fn main() {
    assert_eq!(handle(404), Everything::NotFound);
    assert_eq!(handle(503), Everything::Gateway(code(503)));
    assert_eq!(handle(101), Everything::Informational(code(101)));
    assert_eq!(handle(299), Everything::Success(code(299)));
    assert_eq!(handle(308), Everything::Redirect(code(308)));
    assert_eq!(handle(400), Everything::ClientError(code(400)));
    assert_eq!(handle(500), Everything::ServerError(code(500)));
    assert_eq!(handle(600), Everything::Failure(code(600)));
    // `Fallback` is unreachable here, but declaring it is fine.
    let _ = Everything::Fallback(code(200));
}
