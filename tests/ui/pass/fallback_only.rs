use response_handler::{ResponseHandler, StatusCode};

#[derive(Debug, PartialEq, ResponseHandler)]
enum Outcome {
    #[on(200)]
    Ok,
    #[fallback]
    Other(StatusCode),
}

fn main() {
    for status in [101, 201, 304, 404, 500, 999] {
        let response = http::Response::builder().status(status).body(()).unwrap();
        assert_eq!(
            Outcome::from_response(response).unwrap(),
            Outcome::Other(StatusCode::from_u16(status).unwrap()),
        );
    }
    let ok = http::Response::builder().status(200).body(()).unwrap();
    assert_eq!(Outcome::from_response(ok).unwrap(), Outcome::Ok);
}
