//! The derive's output compiled under strict lints: a warning in generated code fails this file.
#![deny(
    warnings,
    unused_qualifications,
    rust_2018_idioms,
    trivial_casts,
    trivial_numeric_casts
)]
#![deny(clippy::all)]

use core::marker::PhantomData;
use core::str::FromStr;

use response_handler::{HeaderMap, Json, ResponseHandler, StatusCode};

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Item {
    id: u64,
}

/// Every kind of attribute at once.
#[derive(Debug, PartialEq, ResponseHandler)]
enum Everything {
    #[on(200)]
    Found(Json<Item>),
    #[on(CREATED, 202)]
    Created {
        #[header("location")]
        location: String,
        #[header("x-request-id")]
        request_id: Option<String>,
    },
    #[on(NO_CONTENT)]
    Empty(StatusCode, HeaderMap),
    #[on(NOT_MODIFIED)]
    NotModified {
        #[header("etag")]
        etag: String,
    },
    #[on(500..=503, 505)]
    Down(StatusCode),
    #[on(429)]
    SlowDown(#[header("retry-after")] Option<u64>),
    #[on_informational]
    Interim,
    #[on_success]
    OtherSuccess(StatusCode, String),
    #[on_redirect]
    Redirect(#[header("location")] String),
    #[on_client_error]
    ClientError(StatusCode),
    #[on_server_error]
    ServerError(StatusCode),
    #[on_failure]
    Failure(StatusCode),
    #[fallback]
    Fallback,
}

/// A generic struct: bounds come from the fields.
#[derive(Debug, ResponseHandler)]
#[on(200..=299)]
struct Page<T, N>
where
    N: FromStr,
{
    items: Json<Vec<T>>,
    #[header("x-total")]
    total: N,
    #[header("x-next")]
    next: Option<N>,
}

/// A lifetime and a unit struct.
#[derive(Debug, ResponseHandler)]
struct Borrowed<'a>(PhantomData<&'a ()>);

#[derive(Debug, ResponseHandler)]
#[on(404, 410)]
struct Gone;

fn respond(status: u16) -> http::response::Builder {
    http::Response::builder().status(status)
}

#[test]
fn generated_code_is_warning_free_and_works() {
    let found = respond(200).body(r#"{"id": 3}"#).unwrap();
    assert_eq!(
        Everything::from_response(found).unwrap(),
        Everything::Found(Json(Item { id: 3 }))
    );

    let created = respond(201)
        .header("location", "/items/3")
        .body(())
        .unwrap();
    let Everything::Created {
        location,
        request_id,
    } = Everything::from_response(created).unwrap()
    else {
        panic!("201 is Created");
    };
    assert_eq!((location.as_str(), request_id), ("/items/3", None));

    let empty = respond(204).body(()).unwrap();
    let Everything::Empty(status, headers) = Everything::from_response(empty).unwrap() else {
        panic!("204 is Empty");
    };
    assert_eq!((status, headers.len()), (StatusCode::NO_CONTENT, 0));

    let not_modified = respond(304).header("etag", "\"v1\"").body(()).unwrap();
    let Everything::NotModified { etag } = Everything::from_response(not_modified).unwrap() else {
        panic!("304 is NotModified");
    };
    assert_eq!(etag, "\"v1\"");

    let redirect = respond(302)
        .header("location", "/elsewhere")
        .body(())
        .unwrap();
    let Everything::Redirect(location) = Everything::from_response(redirect).unwrap() else {
        panic!("302 is Redirect");
    };
    assert_eq!(location, "/elsewhere");

    let outcomes = [
        (503, Everything::Down(StatusCode::SERVICE_UNAVAILABLE)),
        (429, Everything::SlowDown(None)),
        (100, Everything::Interim),
        (
            206,
            Everything::OtherSuccess(StatusCode::PARTIAL_CONTENT, String::new()),
        ),
        (418, Everything::ClientError(StatusCode::IM_A_TEAPOT)),
        (504, Everything::ServerError(StatusCode::GATEWAY_TIMEOUT)),
        (600, Everything::Failure(StatusCode::from_u16(600).unwrap())),
    ];
    for (status, expected) in outcomes {
        assert_eq!(
            Everything::from_response(respond(status).body(()).unwrap()).unwrap(),
            expected
        );
    }
    assert_ne!(Everything::Fallback, Everything::Interim);

    let page = respond(206).header("x-total", "2").body("[1, 2]").unwrap();
    let Page {
        items: Json(items),
        total,
        next,
    } = Page::<u8, u32>::from_response(page).unwrap();
    assert_eq!((items, total, next), (vec![1, 2], 2, None));

    let Borrowed(PhantomData) = Borrowed::from_response(respond(200).body(()).unwrap()).unwrap();
    let Gone = Gone::from_response(respond(410).body(()).unwrap()).unwrap();
    assert!(Gone::from_response(respond(200).body(()).unwrap()).is_err());
}
