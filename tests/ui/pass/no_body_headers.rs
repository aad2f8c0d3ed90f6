// Headers, the status and other non-body extractors are fine on no-body statuses.
use response_handler::{HeaderMap, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Conditional {
    #[on(200)]
    Fresh(String),
    #[on(NOT_MODIFIED)]
    NotModified {
        #[header("etag")]
        etag: String,
        headers: HeaderMap,
    },
    #[on(204)]
    Empty(StatusCode, ()),
    #[on_informational]
    Interim(#[header("link")] Option<String>),
}

fn main() {
    let response = http::Response::builder()
        .status(304)
        .header("etag", "\"v7\"")
        .body(())
        .unwrap();
    match Conditional::from_response(response).unwrap() {
        Conditional::NotModified { etag, headers } => {
            assert_eq!(etag, "\"v7\"");
            assert_eq!(headers.len(), 1);
        }
        other => panic!("{other:?}"),
    }
    let fresh = http::Response::builder().status(200).body("v8").unwrap();
    assert!(
        matches!(Conditional::from_response(fresh), Ok(Conditional::Fresh(body)) if body == "v8")
    );
    let empty = http::Response::builder().status(204).body(()).unwrap();
    assert!(matches!(
        Conditional::from_response(empty),
        Ok(Conditional::Empty(StatusCode::NO_CONTENT, ()))
    ));
    let interim = http::Response::builder().status(103).body(()).unwrap();
    assert!(matches!(
        Conditional::from_response(interim),
        Ok(Conditional::Interim(None))
    ));
}
