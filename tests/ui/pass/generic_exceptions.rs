// The no-body check and the delegation check run as constants evaluated where the derive
// expands, and a free constant cannot name the derive's generic parameters: a field whose type
// mentions one is skipped by both. The same shapes with concrete types do not compile
// (tests/ui/no_body/string_on_204.rs, tests/ui/delegation/shadowed_exact.rs); here they do,
// and what happens at run time is what each instantiation makes of it.

use response_handler::{Extract, ResponseHandler, StatusCode};

// Not checked for a body on 204: `T` may or may not read one.
#[derive(Debug, ResponseHandler)]
enum Delete<T: Extract> {
    #[on(204)]
    Deleted(T),
    #[on_failure]
    Failed(StatusCode),
}

#[derive(Debug, PartialEq, ResponseHandler)]
enum ApiFailure {
    #[on(404)]
    NotFound,
    #[on(500..=599)]
    Server,
}

// Not checked for shadowed codes: `F` may claim 404, which `NotFound` takes first.
#[derive(Debug, ResponseHandler)]
enum Get<F: ResponseHandler> {
    #[on(200)]
    Found,
    #[on(404)]
    NotFound,
    #[on_failure]
    Failed(F),
}

fn main() {
    // A 204 has no body, whatever bytes follow: a body-reading instantiation reads nothing.
    let deleted = http::Response::builder().status(204).body("stray").unwrap();
    match Delete::<String>::from_response(deleted).unwrap() {
        Delete::Deleted(body) => assert_eq!(body, ""),
        other => panic!("{other:?}"),
    }
    let deleted = http::Response::builder().status(204).body(()).unwrap();
    assert!(matches!(
        Delete::<StatusCode>::from_response(deleted),
        Ok(Delete::Deleted(StatusCode::NO_CONTENT))
    ));

    // The outer type decides first: `ApiFailure`'s 404 arm never runs here.
    let missing = http::Response::builder().status(404).body(()).unwrap();
    assert!(matches!(
        Get::<ApiFailure>::from_response(missing),
        Ok(Get::NotFound)
    ));
    let broken = http::Response::builder().status(503).body(()).unwrap();
    assert!(matches!(
        Get::<ApiFailure>::from_response(broken),
        Ok(Get::Failed(ApiFailure::Server))
    ));
    let teapot = http::Response::builder().status(418).body(()).unwrap();
    let error = Get::<ApiFailure>::from_response(teapot).unwrap_err();
    assert_eq!(error.status(), StatusCode::IM_A_TEAPOT);
    assert_eq!(error.variant(), Some("Failed"));
}
