use response_handler::{ResponseHandler, StatusCode};

// No attribute: any 2xx.
#[derive(Debug, ResponseHandler)]
struct Unit;

#[derive(Debug, ResponseHandler)]
struct Tuple(StatusCode, String);

#[derive(Debug, ResponseHandler)]
struct Named {
    status: StatusCode,
    body: String,
}

#[derive(Debug, ResponseHandler)]
#[on(201)]
struct Created {
    #[header("location")]
    location: String,
}

#[derive(Debug, ResponseHandler)]
#[on(404, GONE)]
#[on(500..=599)]
struct NotThere(StatusCode);

fn response(status: u16, body: &'static str) -> http::Response<&'static str> {
    http::Response::builder()
        .status(status)
        .header("location", "/users/7")
        .body(body)
        .unwrap()
}

fn main() {
    let Unit = Unit::from_response(response(204, "")).unwrap();
    assert!(
        Unit::from_response(response(400, ""))
            .unwrap_err()
            .is_unexpected_status()
    );

    let Tuple(status, body) = Tuple::from_response(response(202, "queued")).unwrap();
    assert_eq!((status, body.as_str()), (StatusCode::ACCEPTED, "queued"));

    let Named { status, body } = Named::from_response(response(200, "hi")).unwrap();
    assert_eq!((status, body.as_str()), (StatusCode::OK, "hi"));

    assert_eq!(
        Created::from_response(response(201, "")).unwrap().location,
        "/users/7"
    );
    assert!(
        Created::from_response(response(200, ""))
            .unwrap_err()
            .is_unexpected_status()
    );

    assert_eq!(
        NotThere::from_response(response(410, "")).unwrap().0,
        StatusCode::GONE
    );
    assert_eq!(
        NotThere::from_response(response(502, "")).unwrap().0,
        StatusCode::BAD_GATEWAY
    );
    let error = NotThere::from_response(response(200, "body")).unwrap_err();
    assert!(error.is_unexpected_status());
    assert_eq!(error.status(), StatusCode::OK);
    assert_eq!(error.body().as_ref(), b"body");
}
