//! Real responses, read as browsers and curl read them: one test per leniency rule of the typed
//! headers (each against its strict reading), the never-failing `Result<T, ExtractError>`
//! field, and `ErrorBody<T>` for error bodies that a gateway wrote instead of the API.

use response_handler::{
    Allow, ContentType, ETag, ErrorBody, Extract, ExtractError, HeaderValue, Json, Problem,
    ResponseHandler, StatusCode, Validators, WwwAuthenticate,
};
use serde::Deserialize;

fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: &'static str,
) -> http::Response<&'static str> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, HeaderValue::from_str(value).unwrap());
    }
    builder.body(body).unwrap()
}

#[derive(Debug, ResponseHandler)]
enum Fetch {
    #[on(200)]
    Ok {
        validators: Option<Validators>,
        media: Option<ContentType>,
        body: String,
    },
    #[on(304)]
    NotModified(Validators),
    #[on(401)]
    Unauthorized(WwwAuthenticate),
    #[on(405)]
    NotAllowed(Allow),
}

// ---------------------------------------------------------------------------------------------
// ETag: unquoted and `w/` tags are read and echoed verbatim.
// ---------------------------------------------------------------------------------------------

#[test]
fn an_unquoted_etag_keeps_the_200_and_goes_back_verbatim() {
    for etag in ["5e8a7a4d-264", "d41d8cd98f00b204e9800998ecf8427e-2", "v7"] {
        let Fetch::Ok {
            validators, body, ..
        } = Fetch::from_response(response(200, &[("etag", etag)], "data")).unwrap()
        else {
            panic!("expected Ok");
        };
        let validators = validators.unwrap();
        assert_eq!(body, "data");
        assert_eq!(validators.etag.as_ref().unwrap().tag(), etag);
        assert_eq!(validators.revalidation_headers()["if-none-match"], etag);
        assert_eq!(validators.precondition_headers()["if-match"], etag);
        assert!(ETag::parse_strict(etag).is_err(), "{etag}");
    }
}

#[test]
fn a_lowercase_weak_prefix_is_weak_and_goes_back_verbatim() {
    let Fetch::NotModified(validators) =
        Fetch::from_response(response(304, &[("etag", "w/\"5e8a7a4d-264\"")], "")).unwrap()
    else {
        panic!("expected NotModified");
    };
    let etag = validators.etag.as_ref().unwrap();
    assert!(etag.is_weak());
    assert_eq!(etag.tag(), "5e8a7a4d-264");
    assert_eq!(validators.if_none_match().unwrap(), "w/\"5e8a7a4d-264\"");
    // Weak: never an `If-Match`, whatever the case of its prefix.
    assert_eq!(validators.if_match(), None);
    assert!(ETag::parse_strict("w/\"5e8a7a4d-264\"").is_err());
}

#[test]
fn etags_as_servers_send_them() {
    // (value, weak, tag): nginx, nginx with gzip, Apache with mod_deflate, IIS, S3 multipart,
    // a CDN that weakened a strong tag; each echoed byte for byte.
    for (value, weak, tag) in [
        ("\"5e8a7a4d-264\"", false, "5e8a7a4d-264"),
        ("W/\"5e8a7a4d-264\"", true, "5e8a7a4d-264"),
        (
            "\"2aa6-5f6e4c4b4c5e4-gzip\"",
            false,
            "2aa6-5f6e4c4b4c5e4-gzip",
        ),
        ("\"0e4e5a8c9d7d61:0\"", false, "0e4e5a8c9d7d61:0"),
        (
            "\"d41d8cd98f00b204e9800998ecf8427e-2\"",
            false,
            "d41d8cd98f00b204e9800998ecf8427e-2",
        ),
        (
            "W/\"d41d8cd98f00b204e9800998ecf8427e\"",
            true,
            "d41d8cd98f00b204e9800998ecf8427e",
        ),
    ] {
        let etag: ETag = value.parse().unwrap();
        assert_eq!(
            (etag.is_weak(), etag.tag(), etag.as_str()),
            (weak, tag, value)
        );
        assert_eq!(ETag::parse_strict(value).unwrap(), etag, "{value}");
    }
}

#[test]
fn an_etag_that_is_no_single_tag_is_still_an_error() {
    let error =
        Fetch::from_response(response(200, &[("etag", "\"a\", \"b\"")], "data")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "200 OK: cannot extract field `validators` of `leniency::Fetch::Ok`: header `etag` has an invalid value: an entity tag may not contain a quote, whitespace or a control character (is it a list?); body: \"data\""
    );
}

// ---------------------------------------------------------------------------------------------
// Content-Type: WHATWG's "parse a MIME type".
// ---------------------------------------------------------------------------------------------

#[test]
fn a_content_type_with_broken_parameters_keeps_its_media_type() {
    for (value, read) in [
        ("application/json;;; charset", "application/json"),
        ("application/json; charset", "application/json"),
        (
            "application/json; charset=utf-8;",
            "application/json; charset=utf-8",
        ),
        ("application/json;charset=", "application/json"),
        ("text/html; charset=\"utf-8", "text/html; charset=utf-8"),
        (
            "Application/JSON; Charset=UTF-8; charset=latin1",
            "application/json; charset=UTF-8",
        ),
    ] {
        let Fetch::Ok { media, .. } =
            Fetch::from_response(response(200, &[("content-type", value)], "{}")).unwrap()
        else {
            panic!("expected Ok");
        };
        assert_eq!(media.unwrap().to_string(), read, "{value}");
    }
    assert!(ContentType::parse_strict("application/json;;; charset").is_err());
}

#[test]
fn a_content_type_without_a_media_type_is_still_an_error() {
    for value in [
        "json",
        "application/",
        "text/html charset=utf-8",
        "application/json, text/plain",
    ] {
        let error =
            Fetch::from_response(response(200, &[("content-type", value)], "")).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("header `content-type` has an invalid value: not a media type"),
            "{value}: {error}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// WWW-Authenticate: values as curl reads them.
// ---------------------------------------------------------------------------------------------

#[test]
fn an_unquoted_realm_with_spaces_is_read_to_the_comma() {
    let Fetch::Unauthorized(auth) = Fetch::from_response(response(
        401,
        &[(
            "www-authenticate",
            "Basic realm=Router Admin, charset=UTF-8",
        )],
        "",
    ))
    .unwrap() else {
        panic!("expected Unauthorized");
    };
    let basic = auth.find("basic").unwrap();
    assert_eq!(basic.realm(), Some("Router Admin"));
    assert_eq!(basic.param("charset"), Some("UTF-8"));
    assert_eq!(auth.challenges().len(), 1);
    let strict =
        WwwAuthenticate::parse_strict(["Basic realm=Router Admin, charset=UTF-8"]).unwrap();
    assert_eq!(
        strict.challenges().len(),
        2,
        "the RFC's grammar reads a scheme `Admin`"
    );
}

#[test]
fn an_unterminated_quoted_value_runs_to_the_end_of_the_line() {
    let line =
        r#"Digest realm="api@example.org", qop="auth", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093"#;
    let Fetch::Unauthorized(auth) =
        Fetch::from_response(response(401, &[("www-authenticate", line)], "")).unwrap()
    else {
        panic!("expected Unauthorized");
    };
    let digest = auth.find("digest").unwrap();
    assert_eq!(
        digest.param("nonce"),
        Some("dcd98b7102dd2f0e8b11d0f600bfb0c093")
    );
    assert_eq!(digest.param("qop"), Some("auth"));
    assert!(WwwAuthenticate::parse_strict([line]).is_err());
}

#[test]
fn a_challenge_that_cannot_be_read_is_still_an_error() {
    let error = Fetch::from_response(response(
        401,
        &[("www-authenticate", "realm=\"no scheme\"")],
        "",
    ))
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("a parameter before any auth scheme"),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------------
// Allow: Fetch's six methods in any case; empty elements and whitespace skipped.
// ---------------------------------------------------------------------------------------------

#[test]
fn allow_with_lowercase_names_empty_elements_and_tabs() {
    let Fetch::NotAllowed(allow) = Fetch::from_response(response(
        405,
        &[("allow", "get,, head ,\tOptions"), ("allow", "mkcol, ")],
        "",
    ))
    .unwrap() else {
        panic!("expected NotAllowed");
    };
    assert_eq!(allow.to_string(), "GET, HEAD, OPTIONS, mkcol");
    assert!(allow.contains(&http::Method::GET));
    let strict = Allow::parse_strict(["get,, head ,\tOptions"]).unwrap();
    assert!(!strict.contains(&http::Method::GET));
    assert_eq!(strict.to_string(), "get, head, Options");
}

// ---------------------------------------------------------------------------------------------
// `Result<T, ExtractError>`: a field that never fails.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, PartialEq, Deserialize)]
struct User {
    id: u64,
}

#[derive(Debug, ResponseHandler)]
enum Tolerant {
    #[on(200)]
    Ok {
        etag: Result<ETag, ExtractError>,
        user: Result<Json<User>, ExtractError>,
    },
    #[on(304)]
    NotModified(Result<Validators, ExtractError>),
}

#[derive(Debug, ResponseHandler)]
enum Optional {
    #[on(200)]
    Ok(Option<ETag>),
}

#[test]
fn a_result_field_keeps_the_200_and_says_why() {
    let Tolerant::Ok { etag, user } =
        Tolerant::from_response(response(200, &[("etag", "\"a\" \"b\"")], r#"{"id": 7}"#)).unwrap()
    else {
        panic!("expected Ok");
    };
    let Err(ExtractError::InvalidHeader {
        name,
        error: invalid,
    }) = etag
    else {
        panic!("expected an invalid header, got {etag:?}");
    };
    let reason = invalid.reason();
    assert_eq!(name, "etag");
    assert_eq!(
        reason,
        "an entity tag may not contain a quote, whitespace or a control character (is it a list?)"
    );
    assert_eq!(user.unwrap(), Json(User { id: 7 }));
}

#[test]
fn option_keeps_its_meaning_beside_result() {
    // Absent: `None`. Malformed: still an error of the variant, as before.
    let Optional::Ok(absent) = Optional::from_response(response(200, &[], "")).unwrap();
    assert_eq!(absent, None);
    let error = Optional::from_response(response(200, &[("etag", "\"a\" \"b\"")], "")).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("header `etag` has an invalid value"),
        "{error}"
    );
}

#[test]
fn a_result_field_holds_absent_values_as_errors() {
    let Tolerant::Ok { etag, user } = Tolerant::from_response(response(200, &[], "")).unwrap()
    else {
        panic!("expected Ok");
    };
    assert!(matches!(etag, Err(ExtractError::MissingHeader(ref name)) if name == "etag"));
    assert!(matches!(user, Err(ExtractError::EmptyBody)));

    let Tolerant::Ok { user, .. } =
        Tolerant::from_response(response(200, &[], "{\"id\":")).unwrap()
    else {
        panic!("expected Ok");
    };
    let Err(ExtractError::Json(error)) = user else {
        panic!("expected a JSON error, got {user:?}");
    };
    assert_eq!(
        error.to_string(),
        "EOF while parsing a value at line 1 column 6"
    );

    // `Option<Result<T, ExtractError>>` is always `Some`: the result says the rest.
    let response = response_handler::BufferedResponse::from(response(200, &[], ""));
    assert!(matches!(
        response
            .extract::<Option<Result<ETag, ExtractError>>>()
            .unwrap(),
        Some(Err(ExtractError::MissingHeader(_)))
    ));
}

#[test]
fn a_result_field_reads_the_body_exactly_when_its_type_does() {
    // Checked when the test compiles (the UI test `no_body/result_string_on_204` shows the
    // derive's rejection).
    const {
        assert!(<Result<Json<User>, ExtractError> as Extract>::READS_BODY);
        assert!(<Result<String, ExtractError> as Extract>::READS_BODY);
        assert!(!<Result<ETag, ExtractError> as Extract>::READS_BODY);
        assert!(!<Result<Validators, ExtractError> as Extract>::READS_BODY);
    }
    // So it may stand on a 304 variant (which has no body) when `T` reads a header.
    let Tolerant::NotModified(validators) =
        Tolerant::from_response(response(304, &[("etag", "\"a\", \"b\"")], "")).unwrap()
    else {
        panic!("expected NotModified");
    };
    assert!(
        matches!(validators, Err(ExtractError::InvalidHeader { ref name, .. }) if name == "etag")
    );
}

// ---------------------------------------------------------------------------------------------
// `ErrorBody<T>`: the API's JSON, or the gateway's page.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, PartialEq, Deserialize)]
struct ApiError {
    code: String,
}

#[derive(Debug, ResponseHandler)]
enum Call {
    #[on(200)]
    Ok(String),
    #[on_failure]
    Failed(StatusCode, ErrorBody<ApiError>),
}

fn failed(status: u16, headers: &[(&str, &str)], body: &'static str) -> ErrorBody<ApiError> {
    match Call::from_response(response(status, headers, body)).unwrap() {
        Call::Failed(got, body) => {
            assert_eq!(got, status);
            body
        }
        other => panic!("expected Failed, got {other:?}"),
    }
}

const NGINX_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

#[test]
fn gateway_pages_are_text() {
    for (status, content_type, page) in [
        (502, "text/html", NGINX_502),
        (
            503,
            "text/html",
            "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n",
        ),
        (
            403,
            "text/html; charset=UTF-8",
            "<!DOCTYPE html><title>Attention Required! | Cloudflare</title>",
        ),
        (
            403,
            "application/xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
        ),
        (504, "text/plain", "upstream request timeout"),
    ] {
        let body = failed(status, &[("content-type", content_type)], page);
        assert_eq!(body.text(), Some(page), "{status} {content_type}");
        assert!(matches!(body, ErrorBody::Text(_)));
    }
}

#[test]
fn api_errors_are_json_or_problems() {
    let ok = Call::from_response(response(200, &[], "fine")).unwrap();
    assert!(matches!(ok, Call::Ok(ref text) if text == "fine"), "{ok:?}");
    let json = failed(
        404,
        &[("content-type", "application/json; charset=utf-8")],
        r#"{"code": "not_found"}"#,
    );
    assert_eq!(
        json.json(),
        Some(&ApiError {
            code: "not_found".into()
        })
    );
    // No `Content-Type` at all: JSON if it decodes.
    let bare = failed(409, &[], r#"{"code": "conflict"}"#);
    assert_eq!(
        bare.into_json(),
        Some(ApiError {
            code: "conflict".into()
        })
    );
    // RFC 9457: problem details, whatever `T` is.
    let problem = failed(
        403,
        &[("content-type", "application/problem+json")],
        r#"{"type": "https://example.com/probs/out-of-credit", "title": "You do not have enough credit.", "balance": 30}"#,
    );
    let problem: &Problem = problem.problem().unwrap();
    assert_eq!(problem.title(), Some("You do not have enough credit."));
    assert_eq!(problem.extension("balance"), Some(&serde_json::json!(30)));
}

#[test]
fn a_json_content_type_over_a_page_keeps_the_text_and_the_error() {
    let body = failed(502, &[("content-type", "application/json")], NGINX_502);
    assert_eq!(body.text(), Some(NGINX_502));
    let ErrorBody::InvalidJson { error, .. } = body else {
        panic!("expected InvalidJson");
    };
    assert_eq!(error.to_string(), "expected value at line 1 column 1");
    // JSON, but not the API's shape: the text and serde's reason.
    let other = failed(
        400,
        &[("content-type", "application/json")],
        r#"{"message": "Forbidden"}"#,
    );
    let ErrorBody::InvalidJson { body, error } = other else {
        panic!("expected InvalidJson");
    };
    assert_eq!(body.as_ref(), br#"{"message": "Forbidden"}"#);
    assert_eq!(
        error.to_string(),
        "missing field `code` at line 1 column 24"
    );
}

#[test]
fn empty_and_binary_bodies() {
    assert!(matches!(
        failed(502, &[("content-type", "text/html")], ""),
        ErrorBody::Empty
    ));
    let response = response_handler::BufferedResponse::from(response(502, &[], ""));
    assert!(response.extract::<Option<ErrorBody>>().unwrap().is_none());
    let latin1 = http::Response::builder()
        .status(500)
        .header("content-type", "text/html; charset=iso-8859-1")
        .body(&b"<h1>Erreur du serveur: d\xe9sol\xe9</h1>"[..])
        .unwrap();
    let Call::Failed(_, ErrorBody::Binary(bytes)) = Call::from_response(latin1).unwrap() else {
        panic!("expected Binary");
    };
    assert_eq!(bytes.as_ref(), b"<h1>Erreur du serveur: d\xe9sol\xe9</h1>");
}
