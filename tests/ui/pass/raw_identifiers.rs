use response_handler::{ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Typed {
    #[on(200)]
    r#Ok {
        r#type: StatusCode,
        #[header("content-type")]
        r#match: String,
    },
}

fn main() {
    let response = http::Response::builder()
        .status(200)
        .header("content-type", "text/plain")
        .body(())
        .unwrap();
    let Typed::r#Ok { r#type, r#match } = Typed::from_response(response).unwrap();
    assert_eq!(r#type, StatusCode::OK);
    assert_eq!(r#match, "text/plain");

    let missing = http::Response::builder().status(200).body(()).unwrap();
    let error = Typed::from_response(missing).unwrap_err();
    assert_eq!(error.variant(), Some("Ok"));
    assert_eq!(error.field(), Some("match"));
}
