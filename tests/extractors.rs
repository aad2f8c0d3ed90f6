//! Every extractor the runtime ships, present, absent and malformed.

use bytes::Bytes;
use response_handler::{
    BufferedResponse, Classified, Extract, ExtractError, HeaderMap, HeaderValue, Json,
    RequestContext, ResponseHandler, StatusCode, Version, classify,
};
use serde::Deserialize;

fn response(
    status: u16,
    headers: &[(&str, &[u8])],
    body: &'static [u8],
) -> http::Response<&'static [u8]> {
    let mut builder = http::Response::builder()
        .status(status)
        .version(Version::HTTP_11);
    for (name, value) in headers {
        builder = builder.header(*name, HeaderValue::from_bytes(value).unwrap());
    }
    builder.body(body).unwrap()
}

#[derive(Debug, PartialEq, Deserialize)]
struct User {
    id: u64,
    name: String,
}

#[derive(Debug, ResponseHandler)]
#[on_success]
struct Everything {
    status: StatusCode,
    version: Version,
    headers: HeaderMap,
    text: String,
    bytes: Bytes,
    vec: Vec<u8>,
    unit: (),
    whole: BufferedResponse,
}

#[test]
fn the_plain_extractors_read_what_arrived() {
    let value = Everything::from_response(response(203, &[("x-a", b"1"), ("x-a", b"2")], b"hello"))
        .unwrap();
    assert_eq!(value.status, StatusCode::NON_AUTHORITATIVE_INFORMATION);
    assert_eq!(value.version, Version::HTTP_11);
    assert_eq!(
        value.headers.get_all("x-a").iter().collect::<Vec<_>>(),
        ["1", "2"]
    );
    assert_eq!(value.text, "hello");
    assert_eq!(value.bytes, "hello");
    assert_eq!(value.vec, b"hello");
    assert_eq!(value.unit, ());
    assert_eq!(value.whole.body(), "hello");
    assert_eq!(value.whole.status(), 203);
}

#[derive(Debug, ResponseHandler)]
enum Text {
    #[on_success]
    Ok(String),
}

#[test]
fn a_string_field_rejects_a_body_that_is_not_utf8_and_keeps_it() {
    let error = Text::from_response(response(200, &[], b"caf\xe9")).unwrap_err();
    assert!(
        matches!(error.extract_error(), Some(ExtractError::InvalidUtf8(_))),
        "{error:?}"
    );
    assert_eq!(error.variant(), Some("Ok"));
    assert_eq!(error.field(), Some("0"));
    assert_eq!(error.body().as_ref(), b"caf\xe9");
    let Text::Ok(text) = Text::from_response(response(200, &[], b"caf\xc3\xa9")).unwrap();
    assert_eq!(text, "caf\u{e9}");
}

#[derive(Debug, ResponseHandler)]
enum GetUser {
    #[on(200)]
    Found(Json<User>),
    #[on(404)]
    Missing(Option<Json<User>>),
}

#[test]
fn json_decodes_the_body() {
    let GetUser::Found(Json(user)) =
        GetUser::from_response(response(200, &[], br#"{"id": 1, "name": "Ada"}"#)).unwrap()
    else {
        panic!("expected Found")
    };
    assert_eq!(
        user,
        User {
            id: 1,
            name: "Ada".into()
        }
    );
}

#[test]
fn malformed_json_names_the_field_and_the_position() {
    let error =
        GetUser::from_response(response(200, &[], b"{\"id\": 1,\n \"name\": 5}")).unwrap_err();
    let Some(ExtractError::Json(json)) = error.extract_error() else {
        panic!("{error:?}")
    };
    assert_eq!((json.line(), json.column()), (2, 10));
    let message = error.to_string();
    assert!(
        message.starts_with("200 OK: cannot extract field `0` of `"),
        "{message}"
    );
    assert!(message.contains("GetUser::Found`"), "{message}");
    assert!(message.contains("line 2 column 10"), "{message}");
}

#[test]
fn json_on_an_empty_body_is_an_empty_body_error_but_none_under_option() {
    let error = GetUser::from_response(response(200, &[], b"")).unwrap_err();
    assert!(matches!(
        error.extract_error(),
        Some(ExtractError::EmptyBody)
    ));
    assert!(matches!(
        GetUser::from_response(response(404, &[], b"")).unwrap(),
        GetUser::Missing(None)
    ));
    let GetUser::Missing(Some(Json(user))) =
        GetUser::from_response(response(404, &[], br#"{"id":2,"name":"B"}"#)).unwrap()
    else {
        panic!("expected Missing(Some(..))");
    };
    assert_eq!(
        user,
        User {
            id: 2,
            name: "B".into()
        }
    );
    // Present but malformed is an error even under Option: nothing is silently dropped.
    let error = GetUser::from_response(response(404, &[], b"<html>")).unwrap_err();
    let Some(ExtractError::Json(json)) = error.extract_error() else {
        panic!("expected a JSON error: {error:?}");
    };
    assert_eq!((json.line(), json.column()), (1, 1), "{json}");
    assert_eq!(
        (error.variant(), error.field()),
        (Some("Missing"), Some("0"))
    );
    assert_eq!(error.status(), StatusCode::NOT_FOUND);
    assert_eq!(error.body().as_ref(), b"<html>");
}

#[derive(Debug, ResponseHandler)]
#[on_success]
struct OptionalBodies {
    text: Option<String>,
    bytes: Option<Bytes>,
    vec: Option<Vec<u8>>,
}

#[test]
fn optional_bodies_are_none_when_empty_and_some_otherwise() {
    let empty = OptionalBodies::from_response(response(200, &[], b"")).unwrap();
    assert_eq!((empty.text, empty.bytes, empty.vec), (None, None, None));
    let full = OptionalBodies::from_response(response(200, &[], b"x")).unwrap();
    assert_eq!(full.text.as_deref(), Some("x"));
    assert_eq!(full.bytes.as_deref(), Some(&b"x"[..]));
    assert_eq!(full.vec.as_deref(), Some(&b"x"[..]));
    // Not UTF-8 is not "absent".
    let error = OptionalBodies::from_response(response(200, &[], b"\xff")).unwrap_err();
    let Some(ExtractError::InvalidUtf8(utf8)) = error.extract_error() else {
        panic!("expected invalid UTF-8: {error:?}");
    };
    assert_eq!((utf8.valid_up_to(), utf8.error_len()), (0, Some(1)));
    assert_eq!((error.variant(), error.field()), (None, Some("text")));
    assert_eq!(error.body().as_ref(), b"\xff");
}

#[derive(Debug, ResponseHandler)]
#[on_success]
struct Headers {
    #[header("X-Request-Id")]
    id: String,
    #[header("x-count")]
    count: u32,
    #[header("etag")]
    etag: HeaderValue,
    #[header("x-optional")]
    optional: Option<u64>,
}

#[test]
fn header_fields_parse_with_from_str() {
    let value = Headers::from_response(response(
        200,
        &[
            ("x-request-id", b"r-1"),
            ("x-count", b"12"),
            ("etag", b"W/\"7\""),
            ("x-optional", b"9"),
        ],
        b"",
    ))
    .unwrap();
    assert_eq!(
        (value.id.as_str(), value.count, value.optional),
        ("r-1", 12, Some(9))
    );
    assert_eq!(value.etag, "W/\"7\"");
}

#[test]
fn an_optional_header_is_none_when_absent_or_empty() {
    let base: [(&str, &[u8]); 3] = [
        ("x-request-id", b"r"),
        ("x-count", b"1"),
        ("etag", b"\"e\""),
    ];
    assert_eq!(
        Headers::from_response(response(200, &base, b""))
            .unwrap()
            .optional,
        None
    );
    let with_empty = [base[0], base[1], base[2], ("x-optional", b"")];
    assert_eq!(
        Headers::from_response(response(200, &with_empty, b""))
            .unwrap()
            .optional,
        None
    );
    let with_garbage = [base[0], base[1], base[2], ("x-optional", b"soon")];
    let error = Headers::from_response(response(200, &with_garbage, b"")).unwrap_err();
    assert_eq!(error.field(), Some("optional"));
}

#[test]
fn a_missing_or_malformed_header_says_which_header() {
    let error = Headers::from_response(response(200, &[("x-count", b"1"), ("etag", b"e")], b""))
        .unwrap_err();
    let Some(ExtractError::MissingHeader(name)) = error.extract_error() else {
        panic!("{error:?}")
    };
    assert_eq!(name, "x-request-id");
    assert_eq!(error.field(), Some("id"));
    assert_eq!(error.variant(), None);
    assert!(
        error
            .to_string()
            .contains("header `x-request-id` is missing"),
        "{error}"
    );

    let error = Headers::from_response(response(
        200,
        &[
            ("x-request-id", b"r"),
            ("x-count", b"twelve"),
            ("etag", b"e"),
        ],
        b"",
    ))
    .unwrap_err();
    let Some(ExtractError::InvalidHeader {
        name,
        error: invalid,
    }) = error.extract_error()
    else {
        panic!("{error:?}")
    };
    let reason = invalid.reason();
    assert_eq!(name, "x-count");
    assert!(reason.contains("invalid digit"), "{reason}");

    // obs-text bytes are not UTF-8: an error, not a panic, and the bytes are still there.
    let error = Headers::from_response(response(
        200,
        &[
            ("x-request-id", b"caf\xe9"),
            ("x-count", b"1"),
            ("etag", b"e"),
        ],
        b"",
    ))
    .unwrap_err();
    assert!(matches!(
        error.extract_error(),
        Some(ExtractError::InvalidHeader { .. })
    ));
    assert_eq!(error.headers()["x-request-id"].as_bytes(), b"caf\xe9");
}

/// A user-defined extractor, as the `Extract` docs describe.
#[derive(Debug, PartialEq)]
struct Page(u32);

impl Extract for Page {
    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        let link = response
            .headers()
            .get("link")
            .ok_or(ExtractError::MissingHeader(http::header::LINK))?;
        let text = link.to_str().map_err(ExtractError::custom)?;
        let page = text
            .split("page=")
            .nth(1)
            .and_then(|rest| rest.split('>').next());
        page.and_then(|n| n.parse().ok())
            .map(Page)
            .ok_or_else(|| ExtractError::custom("no page in link"))
    }
}

#[derive(Debug, ResponseHandler)]
#[on_success]
struct Listing {
    next: Option<Page>,
}

#[test]
fn user_extractors_work_as_fields_and_under_option() {
    let listing = Listing::from_response(response(
        200,
        &[("link", b"<https://x/?page=3>; rel=next")],
        b"",
    ))
    .unwrap();
    assert_eq!(listing.next, Some(Page(3)));
    assert_eq!(
        Listing::from_response(response(200, &[], b""))
            .unwrap()
            .next,
        None
    );
    let error =
        Listing::from_response(response(200, &[("link", b"<https://x/>")], b"")).unwrap_err();
    assert!(matches!(
        error.extract_error(),
        Some(ExtractError::Custom(_))
    ));
    assert!(error.to_string().contains("no page in link"), "{error}");
}

#[test]
fn class_proofs_offer_extraction_too() {
    let buffered = BufferedResponse::from(response(409, &[], br#"{"id": 3, "name": "C"}"#));
    let response_handler::Classified::Failure(failure) = response_handler::classify(buffered)
    else {
        panic!("409 is a failure")
    };
    assert_eq!(failure.extract::<Json<User>>().unwrap().0.id, 3);
    assert_eq!(
        failure.extract::<StatusCode>().unwrap(),
        StatusCode::CONFLICT
    );
}

#[derive(Debug, ResponseHandler)]
enum Bodiless {
    #[on(204, 304)]
    Empty {
        status: StatusCode,
        #[header("x-note")]
        note: Option<String>,
    },
    #[on_success]
    Other(Bytes),
}

#[test]
fn bytes_after_a_204_304_or_head_response_are_not_its_body() {
    let body_after = |status: u16| {
        let response = http::Response::builder()
            .status(status)
            .body("stray bytes")
            .unwrap();
        let Classified::Success(proof) = classify(BufferedResponse::from(response)) else {
            panic!()
        };
        proof.body().clone()
    };
    assert!(body_after(204).is_empty());
    assert_eq!(body_after(200), "stray bytes");

    let mut head = http::Response::builder().status(200).body("stray").unwrap();
    head.extensions_mut().insert(RequestContext::new(
        http::Method::HEAD,
        "/x".parse().unwrap(),
    ));
    assert!(
        matches!(Bodiless::from_response(head).unwrap(), Bodiless::Other(body) if body.is_empty())
    );

    let not_modified = http::Response::builder()
        .status(304)
        .header("x-note", "n")
        .body("stray")
        .unwrap();
    let Bodiless::Empty { status, note } = Bodiless::from_response(not_modified).unwrap() else {
        panic!()
    };
    assert_eq!(
        (status, note.as_deref()),
        (StatusCode::NOT_MODIFIED, Some("n"))
    );
}
