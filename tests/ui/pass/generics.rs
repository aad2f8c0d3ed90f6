use core::str::FromStr;

use response_handler::{Json, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Get<T: serde::de::DeserializeOwned> {
    #[on(200)]
    Ok(Json<T>),
    #[on(404)]
    Missing,
    #[on_failure]
    Failed(StatusCode),
}

#[derive(Debug, ResponseHandler)]
struct Counted<T: FromStr>
where
    T::Err: core::fmt::Display,
{
    #[header("x-total")]
    total: T,
    #[header("x-page")]
    page: Option<T>,
}

// A generic parameter the bounds come from the fields alone.
#[derive(Debug, ResponseHandler)]
enum Either<A, B> {
    #[on(200)]
    Left(A),
    #[on(202)]
    Right(Option<B>),
}

fn main() {
    let ok = http::Response::builder()
        .status(200)
        .body("[1, 2, 3]")
        .unwrap();
    match Get::<Vec<u8>>::from_response(ok).unwrap() {
        Get::Ok(Json(items)) => assert_eq!(items, [1, 2, 3]),
        other => panic!("{other:?}"),
    }
    let missing = http::Response::builder().status(404).body(()).unwrap();
    assert!(matches!(
        Get::<Vec<u8>>::from_response(missing),
        Ok(Get::Missing)
    ));
    let broken = http::Response::builder().status(500).body(()).unwrap();
    assert!(matches!(
        Get::<String>::from_response(broken),
        Ok(Get::Failed(StatusCode::INTERNAL_SERVER_ERROR))
    ));

    let counted = http::Response::builder()
        .status(200)
        .header("x-total", "42")
        .body(())
        .unwrap();
    let Counted { total, page } = Counted::<u64>::from_response(counted).unwrap();
    assert_eq!((total, page), (42, None));
    let bad = http::Response::builder()
        .status(200)
        .header("x-total", "many")
        .body(())
        .unwrap();
    assert_eq!(
        Counted::<u64>::from_response(bad).unwrap_err().field(),
        Some("total")
    );

    let right = http::Response::builder().status(202).body("r").unwrap();
    assert!(matches!(
        Either::<StatusCode, String>::from_response(right),
        Ok(Either::Right(Some(text))) if text == "r"
    ));
    let left = http::Response::builder().status(200).body(()).unwrap();
    assert!(matches!(
        Either::<StatusCode, String>::from_response(left),
        Ok(Either::Left(StatusCode::OK))
    ));
}
