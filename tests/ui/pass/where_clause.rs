use response_handler::{Json, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Page<T, E>
where
    T: serde::de::DeserializeOwned,
    E: serde::de::DeserializeOwned + core::fmt::Debug,
{
    #[on(200)]
    Items(Json<Vec<T>>),
    #[on_client_error]
    Rejected(StatusCode, Json<E>),
}

fn main() {
    let ok = http::Response::builder()
        .status(200)
        .body("[1, 2]")
        .unwrap();
    match Page::<u8, String>::from_response(ok).unwrap() {
        Page::Items(Json(items)) => assert_eq!(items, [1, 2]),
        other => panic!("{other:?}"),
    }
    let rejected = http::Response::builder()
        .status(400)
        .body("\"no\"")
        .unwrap();
    match Page::<u8, String>::from_response(rejected).unwrap() {
        Page::Rejected(status, Json(reason)) => {
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert_eq!(reason, "no");
        }
        other => panic!("{other:?}"),
    }
}
