//! Nothing leaked, and no silent change of origin.
//!
//! 1. `Debug` and `Display` of every public type that holds headers or response data never
//!    print `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie` or a header marked
//!    sensitive, and print the body (and any message quoting it) bounded and escaped: no
//!    control character reaches a terminal or a log, whatever the server sent.
//! 2. `Location` says whether its resolved target has the request's origin, and never says so
//!    for a target that a browser or the `url` crate (reqwest) would send to another host.

use std::fmt::{Debug, Display};

use bytes::Bytes;
use response_handler::{
    BufferedResponse, CallError, Classified, ErrorKind, ExtractError, HeaderValue, Json, Location,
    RateLimit, RequestContext, ResponseHandler, StatusCode, classify,
};
use suite::{Reply, TestServer};

// ---------------------------------------------------------------------------------------------
// Redaction
// ---------------------------------------------------------------------------------------------

/// Every secret below contains this marker; no printed form may contain it.
const MARK: &str = "s3cr3t";

/// `(name, value, marked sensitive)`: the credential headers by name, and two headers that
/// are secret only because they are marked so (one of them a header the runtime parses).
const SECRET_HEADERS: [(&str, &str, bool); 7] = [
    ("authorization", "Bearer s3cr3t-authorization", false),
    ("proxy-authorization", "Basic s3cr3t-proxy", false),
    ("cookie", "session=s3cr3t-cookie", false),
    (
        "set-cookie",
        "id=s3cr3t-set-cookie-1; HttpOnly; Secure",
        false,
    ),
    ("set-cookie", "csrf=s3cr3t-set-cookie-2", false),
    ("x-api-key", "s3cr3t-api-key", true),
    ("etag", "\"s3cr3t-etag\"", true),
];

/// A header that is no secret: it must be printed, or the test proves nothing.
const VISIBLE: (&str, &str) = ("x-trace", "visible-trace-7");

fn response(status: u16, body: impl Into<Bytes>) -> http::Response<Bytes> {
    let mut response = http::Response::new(body.into());
    *response.status_mut() = StatusCode::from_u16(status).unwrap();
    let headers = response.headers_mut();
    for (name, value, sensitive) in SECRET_HEADERS {
        let mut value = HeaderValue::from_static(value);
        value.set_sensitive(sensitive);
        headers.append(name, value);
    }
    headers.append(VISIBLE.0, HeaderValue::from_static(VISIBLE.1));
    response
}

/// No secret, and no control character but the newlines of `{:#?}`.
fn assert_safe(text: &str, what: &str) {
    // A failure shows the start of the text, escaped: it may be a megabyte of terminal codes.
    let excerpt = || {
        text.chars()
            .take(600)
            .collect::<String>()
            .escape_debug()
            .to_string()
    };
    assert!(
        !text.to_ascii_lowercase().contains(MARK),
        "{what} leaks a secret:\n{}",
        excerpt()
    );
    let pretty = what.contains("{:#?}");
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && !(pretty && c == '\n'))
    {
        panic!("{what} holds the control character {c:?}:\n{}", excerpt());
    }
}

/// All four printed forms of `value`; the Debug forms must show the visible header.
fn assert_debug_and_display_safe<T: Debug + Display>(value: &T, what: &str) {
    assert_debug_safe(value, what);
    assert_safe(&format!("{value}"), &format!("{what} {{}}"));
    assert_safe(&format!("{value:#}"), &format!("{what} {{:#}}"));
}

fn assert_debug_safe<T: Debug>(value: &T, what: &str) {
    for (form, text) in [
        ("{:?}", format!("{value:?}")),
        ("{:#?}", format!("{value:#?}")),
    ] {
        let what = format!("{what} {form}");
        assert_safe(&text, &what);
        assert!(
            text.contains(VISIBLE.1),
            "{what} does not show the headers:\n{text}"
        );
        assert!(text.contains("[redacted]"), "{what}:\n{text}");
    }
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct User {
    id: u64,
    role: Role,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Role {
    Admin,
}

/// A shared failure type: a field of this type delegates to it.
#[derive(Debug, ResponseHandler)]
enum ApiFailure {
    #[on(401)]
    Unauthorized,
}

#[derive(Debug, ResponseHandler)]
#[allow(dead_code)]
enum GetUser {
    #[on(200)]
    Found(Json<User>),
    #[on(201)]
    Created(#[header("x-count")] u32),
    #[on_failure]
    Failed(ApiFailure),
}

#[test]
fn errors_of_every_kind_redact_credentials_and_sensitive_headers() {
    let unexpected = GetUser::from_response(response(302, "moved")).unwrap_err();
    assert!(matches!(unexpected.kind(), ErrorKind::UnexpectedStatus));
    let json = GetUser::from_response(response(200, "{\"id\":1,\"role\":\"root\"}")).unwrap_err();
    assert!(matches!(json.extract_error(), Some(ExtractError::Json(_))));
    let header = GetUser::from_response(response(201, "")).unwrap_err();
    assert!(matches!(
        header.extract_error(),
        Some(ExtractError::MissingHeader(_))
    ));
    let delegated = GetUser::from_response(response(409, "taken")).unwrap_err();
    assert!(matches!(
        delegated.extract_error(),
        Some(ExtractError::Delegated(_))
    ));
    for (error, what) in [
        (&unexpected, "UnexpectedStatus"),
        (&json, "Extract(Json)"),
        (&header, "Extract(MissingHeader)"),
        (&delegated, "Extract(Delegated)"),
    ] {
        assert_debug_and_display_safe(error, &format!("Error {what}"));
        // Redaction is about printing: nothing is dropped from the error itself.
        assert_eq!(
            error.headers()["authorization"],
            "Bearer s3cr3t-authorization"
        );
        assert_eq!(error.headers().get_all("set-cookie").iter().count(), 2);
        assert!(error.headers()["x-api-key"].is_sensitive());
    }
}

/// A token parser as users write them: its error repeats the value it refused.
#[derive(Debug)]
#[allow(dead_code)]
struct ApiToken(String);

impl std::str::FromStr for ApiToken {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, String> {
        value
            .strip_prefix("Token ")
            .map(|token| ApiToken(token.to_owned()))
            .ok_or_else(|| format!("`{value}` is not `Token <token>`"))
    }
}

/// `#[header]` fields on credential headers and on a header marked sensitive: the reason of an
/// `InvalidHeader` error comes from the field type's `FromStr` error, which the runtime does
/// not control.
#[derive(Debug, ResponseHandler)]
#[allow(dead_code)]
enum Echoed {
    #[on(200)]
    Authorization(#[header("authorization")] ApiToken),
    #[on(201)]
    Cookie(#[header("cookie")] Option<ApiToken>),
    #[on(202)]
    ApiKey(#[header("x-api-key")] ApiToken),
}

#[test]
fn an_invalid_credential_header_does_not_print_its_value() {
    for (status, name) in [(200, "authorization"), (201, "cookie"), (202, "x-api-key")] {
        let error = Echoed::from_response(response(status, "")).unwrap_err();
        let Some(extract @ ExtractError::InvalidHeader { name: header, .. }) =
            error.extract_error()
        else {
            panic!("{name}: expected an invalid header, got {error:?}");
        };
        assert_eq!(header, name);
        let what = format!("Error Extract(InvalidHeader {name})");
        assert_debug_and_display_safe(&error, &what);
        assert_safe(&format!("{extract}"), &format!("{what}: ExtractError {{}}"));
        assert_safe(
            &format!("{extract:?}"),
            &format!("{what}: ExtractError {{:?}}"),
        );
        // The error still names the header, and the value is still in the response it keeps.
        assert!(error.to_string().contains(name), "{error}");
        assert!(error.headers()[name].to_str().unwrap().contains(MARK));
    }
}

/// What a server on the wire can send: credential headers by name (a response cannot mark a
/// header sensitive), with a body over the limit or cut short.
fn wire_reply(reply: Reply) -> Reply {
    reply
        .header("set-cookie", "id=s3cr3t-wire-1; HttpOnly")
        .header("set-cookie", "csrf=s3cr3t-wire-2")
        .header("authorization", "Bearer s3cr3t-wire-3")
        .header("proxy-authorization", "Basic s3cr3t-wire-4")
        .header("cookie", "a=s3cr3t-wire-5")
        .header(VISIBLE.0, VISIBLE.1)
}

#[test]
fn client_errors_body_too_large_and_transport_redact_credentials() {
    use response_handler::ureq::RequestBuilderExt;

    let server = TestServer::start(|request| match request.path.as_str() {
        "/large" => wire_reply(Reply::new(200)).body(vec![b'\x1b'; 10_000]),
        _ => wire_reply(Reply::new(200)).truncated(1000, b"\x1b[2J{\"id\": 7"),
    });
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    for (path, kind) in [("/large", "BodyTooLarge"), ("/truncated", "Transport")] {
        let call: CallError<ureq::Error> = agent
            .get(&server.url(path))
            .handle_using::<GetUser>(&response_handler::CallOptions::new().body_limit(64))
            .unwrap_err();
        let error = call.response().expect("a response arrived");
        match (kind, error.kind()) {
            ("BodyTooLarge", ErrorKind::BodyTooLarge) => {
                assert_eq!(error.body_limit(), Some(64));
                assert_eq!(error.body().len(), 64);
            }
            ("Transport", ErrorKind::Transport) => assert!(error.transport_error().is_some()),
            (_, other) => panic!("{path}: expected {kind}, got {other:?}"),
        }
        assert_debug_and_display_safe(error, &format!("Error {kind}"));
        assert_debug_and_display_safe(&call, &format!("CallError::Response({kind})"));
        assert_eq!(error.headers().get_all("set-cookie").iter().count(), 2);
    }
    // No response at all: the client's own error, which holds no response data.
    let refused = agent
        .get("http://127.0.0.1:9/")
        .handle::<GetUser>()
        .unwrap_err();
    assert!(matches!(refused, CallError::Send(_)));
    assert!(refused.response().is_none());
    assert!(refused.to_string().starts_with("the request failed: "));
}

#[test]
fn buffered_responses_class_proofs_and_classified_redact() {
    for status in [101, 200, 204, 302, 304, 404, 500, 600, 999] {
        let buffered = BufferedResponse::from(response(status, "body bytes"));
        assert_debug_safe(&buffered, &format!("BufferedResponse {status}"));
        let classified = classify(buffered);
        assert_debug_safe(&classified, &format!("Classified {status}"));
        let what = format!("proof of {status}");
        match &classified {
            Classified::Informational(proof) => assert_debug_safe(proof, &what),
            Classified::Success(proof) => assert_debug_safe(proof, &what),
            Classified::Redirection(proof) => assert_debug_safe(proof, &what),
            Classified::Failure(proof) => assert_debug_safe(proof, &what),
        }
    }
}

#[test]
fn call_errors_redact() {
    let error = GetUser::from_response(response(302, "")).unwrap_err();
    let call: CallError<std::io::Error> = CallError::from(error);
    assert_debug_and_display_safe(&call, "CallError::Response");
}

#[test]
fn header_values_are_escaped_in_debug() {
    let mut response = response(500, "");
    response
        .headers_mut()
        .append("x-note", HeaderValue::from_bytes(b"a\tb\xe9\xff").unwrap());
    let error = GetUser::from_response(response).unwrap_err();
    let debug = format!("{error:?}");
    assert!(debug.contains(r#""x-note": "a\tb\xe9\xff""#), "{debug}");
    assert_safe(&debug, "Error {:?} with a tab and obs-text");
}

/// The nastiest first bytes a terminal can receive, then a megabyte.
fn hostile_body() -> Vec<u8> {
    let mut body = b"\x1b[2J\x1b]0;pwned\x07\r\n\0\x7f\xc2\x9b31m\xe2\x80\xae".to_vec();
    body.resize(1 << 20, b'A');
    body
}

#[test]
fn the_body_is_shown_bounded_and_escaped() {
    let error = GetUser::from_response(response(302, hostile_body())).unwrap_err();
    assert_eq!(
        error.body().len(),
        1 << 20,
        "the error keeps the whole body"
    );
    let display = error.to_string();
    assert_safe(&display, "Error {} with a hostile body");
    assert!(
        display.contains(r#"body: "\x1b[2J\x1b]0;pwned\x07\r\n\x00\x7f\xc2\x9b31m\xe2\x80\xaeAAA"#),
        "{display}"
    );
    assert!(
        display.ends_with(&format!(" (+{} more bytes)", (1 << 20) - 128)),
        "{display}"
    );
    assert!(display.len() < 1024, "{} bytes", display.len());
    for (debug, what) in [
        (format!("{error:?}"), "Error {:?}"),
        (format!("{:?}", error.response()), "BufferedResponse {:?}"),
        (
            format!("{:?}", classify(error.into_response())),
            "Classified {:?}",
        ),
    ] {
        assert_safe(&debug, what);
        assert!(debug.len() < 2048, "{what}: {} bytes", debug.len());
    }
}

#[test]
fn a_message_quoting_the_body_is_bounded_and_escaped() {
    // serde_json's "unknown variant `...`" quotes the body verbatim.
    let variant = format!("\\u001b[2J\\u009b\\u202e{}", "A".repeat(1 << 20));
    let body = format!("{{\"id\":1,\"role\":\"{variant}\"}}");
    let error = GetUser::from_response(response(200, body)).unwrap_err();
    let Some(ExtractError::Json(cause)) = error.extract_error() else {
        panic!("{error:?}")
    };
    assert!(
        cause.to_string().len() > 1 << 20,
        "the cause itself is whole"
    );
    let display = error.to_string();
    assert_safe(&display, "Error {} quoting the body");
    assert!(
        display.contains(r"unknown variant `\u{1b}[2J\u{9b}\u{202e}AAA"),
        "{display}"
    );
    assert!(display.contains(" more characters)"), "{display}");
    assert!(display.len() < 2048, "{} bytes", display.len());
    let debug = format!("{error:?}");
    assert_safe(&debug, "Error {:?} quoting the body");
    assert!(debug.len() < 8192, "{} bytes", debug.len());
    let inner = error.extract_error().unwrap().to_string();
    assert_safe(&inner, "ExtractError {}");
    assert!(inner.len() < 2048, "{} bytes", inner.len());
}

#[test]
fn typed_headers_that_could_show_a_credential() {
    // Location: the userinfo of the value, the one place in a URI whose syntax is a credential.
    let mut reply = http::Response::builder()
        .status(302)
        .header("location", "https://deploy:s3cr3t-password@api.example/x")
        .body(())
        .unwrap();
    reply.extensions_mut().insert(RequestContext::new(
        http::Method::GET,
        "https://api.example/".parse().unwrap(),
    ));
    let location: Location = BufferedResponse::from(reply).extract().unwrap();
    assert!(location.is_same_origin());
    for text in [format!("{location:?}"), format!("{location:#?}")] {
        assert!(!text.contains(MARK), "{text}");
        assert!(text.contains("https://[redacted]@api.example/x"), "{text}");
    }
    // Display is the URI to follow, userinfo included: it is the value, not a log line.
    assert_eq!(
        location.to_string(),
        "https://deploy:s3cr3t-password@api.example/x"
    );

    // RateLimit keeps every rate-limit header it sees, also one marked sensitive.
    let mut token = HeaderValue::from_static("s3cr3t-quota-token");
    token.set_sensitive(true);
    let reply = http::Response::builder()
        .status(429)
        .header("x-ratelimit-limit", "60")
        .header("x-ratelimit-remaining", "0")
        .header("x-ratelimit-token", token)
        .body(())
        .unwrap();
    let limit: RateLimit = BufferedResponse::from(reply).extract().unwrap();
    assert_eq!(
        limit.raw_value("x-ratelimit-token"),
        Some("s3cr3t-quota-token")
    );
    for text in [format!("{limit:?}"), format!("{limit:#?}")] {
        assert!(!text.contains(MARK), "{text}");
        assert!(
            text.contains("[redacted]") && text.contains("\"60\""),
            "{text}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Location: the origin flag
// ---------------------------------------------------------------------------------------------

const REQUEST: &str = "https://good.example/dir/page";

/// `(Location, resolved, same_origin)` for a GET of `REQUEST`.
const ORIGIN_CASES: &[(&str, Option<&str>, Option<bool>)] = &[
    // Another host.
    (
        "//evil.example/x",
        Some("https://evil.example/x"),
        Some(false),
    ),
    (
        "https://evil.example/",
        Some("https://evil.example/"),
        Some(false),
    ),
    (
        "https://good.example.evil.example/",
        Some("https://good.example.evil.example/"),
        Some(false),
    ),
    (
        "https://good.example@evil.example/",
        Some("https://good.example@evil.example/"),
        Some(false),
    ),
    // Userinfo is not part of the origin: the host is good.example.
    (
        "https://evil.example@good.example/",
        Some("https://evil.example@good.example/"),
        Some(true),
    ),
    // Scheme-relative tricks, read as browsers read them (WHATWG URL: `https:` followed by
    // anything but `//` is relative to an `https` request; any number of slashes, even none,
    // starts the host otherwise).
    (
        "https:other",
        Some("https://good.example/dir/other"),
        Some(true),
    ),
    ("http:other", Some("http://other"), Some(false)),
    (
        "HTTPS:other",
        Some("https://good.example/dir/other"),
        Some(true),
    ),
    (
        "https:/other",
        Some("https://good.example/other"),
        Some(true),
    ),
    (
        "https:///evil.example",
        Some("https://evil.example"),
        Some(false),
    ),
    ("///evil.example", Some("https://evil.example"), Some(false)),
    // No host at all.
    (
        "javascript:alert(1)",
        Some("javascript:alert(1)"),
        Some(false),
    ),
    (
        "JavaScript:alert(document.domain)//",
        Some("JavaScript:alert(document.domain)//"),
        Some(false),
    ),
    ("data:text/html,x", Some("data:text/html,x"), Some(false)),
    // Backslash and tab tricks: what browsers and the url crate read as another host.
    ("/\\evil.example", Some("https://evil.example"), Some(false)),
    (
        "\\\\evil.example",
        Some("https://evil.example"),
        Some(false),
    ),
    (
        "\\/evil.example/x",
        Some("https://evil.example/x"),
        Some(false),
    ),
    (
        "/\t/evil.example",
        Some("https://evil.example"),
        Some(false),
    ),
    (
        "https:\\\\evil.example",
        Some("https://evil.example"),
        Some(false),
    ),
    (
        "https:/\\evil.example",
        Some("https://evil.example"),
        Some(false),
    ),
    (
        "https://evil.example\\@good.example/",
        Some("https://evil.example/@good.example/"),
        Some(false),
    ),
    // A backslash in the query is data.
    (
        "/search?q=a\\b",
        Some("https://good.example/search?q=a%5Cb"),
        Some(true),
    ),
    // Another scheme or port.
    (
        "http://good.example/x",
        Some("http://good.example/x"),
        Some(false),
    ),
    (
        "https://good.example:8443/x",
        Some("https://good.example:8443/x"),
        Some(false),
    ),
    // A port that is no `u16`: browsers reject the value, so there is no target.
    ("https://good.example:443443/x", None, Some(false)),
    (
        "wss://good.example/x",
        Some("wss://good.example/x"),
        Some(false),
    ),
    (
        "ftp://good.example/x",
        Some("ftp://good.example/x"),
        Some(false),
    ),
    // A trailing dot names another host for every client: not claimed.
    (
        "https://good.example./x",
        Some("https://good.example./x"),
        Some(false),
    ),
    // Same origin: case, the default port, relative forms.
    (
        "HTTPS://GOOD.EXAMPLE:443/x",
        Some("HTTPS://GOOD.EXAMPLE:443/x"),
        Some(true),
    ),
    (
        "//GOOD.example/x",
        Some("https://GOOD.example/x"),
        Some(true),
    ),
    ("../x", Some("https://good.example/x"), Some(true)),
    ("x", Some("https://good.example/dir/x"), Some(true)),
    ("/x/../../y", Some("https://good.example/y"), Some(true)),
    (
        "?page=2",
        Some("https://good.example/dir/page?page=2"),
        Some(true),
    ),
    (
        "#top",
        Some("https://good.example/dir/page#top"),
        Some(true),
    ),
];

fn location_for(value: &str, request: Option<RequestContext>) -> Result<Location, ExtractError> {
    let mut reply = http::Response::builder()
        .status(302)
        .header("location", value)
        .body(())
        .unwrap();
    if let Some(request) = request {
        reply.extensions_mut().insert(request);
    }
    BufferedResponse::from(reply).extract()
}

#[test]
fn location_says_whether_the_target_is_same_origin() {
    let request = || RequestContext::new(http::Method::GET, REQUEST.parse().unwrap());
    let mut wrong = Vec::new();
    for &(value, resolved, same_origin) in ORIGIN_CASES {
        let location = location_for(value, Some(request())).unwrap();
        let got = (location.resolved(), location.same_origin());
        if got != (resolved, same_origin) {
            wrong.push(format!(
                "{value:?}: expected {:?}, got {got:?}",
                (resolved, same_origin)
            ));
        }
        assert_eq!(
            location.is_same_origin(),
            same_origin == Some(true),
            "{value:?}"
        );
        assert_eq!(location.as_str(), value.trim(), "the value as sent is kept");
        // Same origin means: the URI to follow has the request's scheme, host and port.
        if location.is_same_origin() {
            let uri = location.to_uri().expect("a same-origin target is a URI");
            assert!(
                uri.scheme_str().unwrap().eq_ignore_ascii_case("https"),
                "{value:?}"
            );
            assert!(
                uri.host().unwrap().eq_ignore_ascii_case("good.example"),
                "{value:?}"
            );
            assert!(matches!(uri.port_u16(), None | Some(443)), "{value:?}");
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn location_default_ports_per_scheme() {
    let request = |uri: &str| RequestContext::new(http::Method::GET, uri.parse().unwrap());
    for (value, base, same) in [
        ("http://h.example/x", "http://h.example:80/", true),
        ("http://h.example:80/x", "http://h.example/", true),
        ("https://h.example:443/x", "https://h.example/", true),
        ("https://h.example:80/x", "https://h.example/", false),
        ("http://h.example:443/x", "https://h.example/", false),
        ("//h.example:8080/x", "http://h.example:8080/", true),
        ("/x", "http://[::1]:8080/a", true),
        ("//[::1]:8081/x", "http://[::1]:8080/a", false),
    ] {
        let location = location_for(value, Some(request(base))).unwrap();
        assert_eq!(location.same_origin(), Some(same), "{value} against {base}");
    }
}

#[test]
fn without_a_request_uri_the_origin_is_unknown() {
    let no_uri = RequestContext::default();
    let origin_form = RequestContext::from_uri("/dir/page".parse().unwrap());
    for request in [None, Some(no_uri), Some(origin_form)] {
        let shown = format!("{request:?}");
        let relative = location_for("/x", request.clone()).unwrap();
        assert_eq!(relative.resolved(), None, "{shown}");
        assert_eq!(relative.same_origin(), None, "{shown}");
        assert!(!relative.is_same_origin(), "{shown}");
        let absolute = location_for("https://good.example/x", request.clone()).unwrap();
        assert_eq!(
            absolute.resolved(),
            Some("https://good.example/x"),
            "{shown}"
        );
        assert_eq!(absolute.same_origin(), None, "{shown}");
        assert!(!absolute.is_same_origin(), "{shown}");
        let tricky = location_for("//evil.example/x", request).unwrap();
        assert_eq!(tricky.same_origin(), None, "{shown}");
        assert!(!tricky.is_same_origin(), "{shown}");
    }
}

#[test]
fn control_bytes_never_reach_a_location() {
    // The http crate refuses them in any header value; tab is the only control byte it allows,
    // and Location removes it as browsers do.
    for byte in (0u8..0x20).chain([0x7f]).filter(|&b| b != b'\t') {
        let value = [b'/', b'x', byte, b'y'];
        assert!(HeaderValue::from_bytes(&value).is_err(), "{byte:#04x}");
    }
    let request = RequestContext::new(http::Method::GET, REQUEST.parse().unwrap());
    let tab = location_for("/x\ty", Some(request)).unwrap();
    assert_eq!(tab.resolved(), Some("https://good.example/xy"));
    // Not UTF-8 (obs-text): an error, not a guess.
    let latin1 = http::Response::builder()
        .status(302)
        .header("location", HeaderValue::from_bytes(b"/caf\xe9").unwrap())
        .body(())
        .unwrap();
    let error = BufferedResponse::from(latin1)
        .extract::<Location>()
        .unwrap_err();
    assert!(
        matches!(error, ExtractError::InvalidHeader { .. }),
        "{error}"
    );
}

#[test]
fn location_reads_values_as_browsers_do_where_the_host_could_change() {
    // Expected values: what Node.js (`new URL(value, REQUEST)`) and the `url` crate read, both
    // implementations of the WHATWG URL Standard; `None` where they reject the value.
    let base: http::Uri = REQUEST.parse().unwrap();
    let parse = |value: &str| Location::parse(value, Some(&base)).unwrap();
    // C0 controls at the ends are stripped (not only what `str::trim` strips): reachable through
    // `Location::parse`, not through `http::HeaderValue`.
    for c in ('\u{0}'..='\u{1f}').filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        let location = parse(&format!("{c}//evil.example"));
        let got = (location.resolved(), location.same_origin());
        assert_eq!(got, (Some("https://evil.example"), Some(false)), "{c:?}");
    }
    // Unicode whitespace is not stripped: a path on the request's host, over HTTP as well.
    for (c, encoded) in [
        ('\u{a0}', "%C2%A0"),
        ('\u{85}', "%C2%85"),
        ('\u{3000}', "%E3%80%80"),
    ] {
        let value = format!("{c}//evil.example");
        let expected = format!("https://good.example/dir/{encoded}//evil.example");
        let location = location_for(
            &value,
            Some(RequestContext::new(http::Method::GET, base.clone())),
        )
        .unwrap();
        assert_eq!(location.resolved(), Some(&*expected), "{c:?}");
        assert_eq!(location.same_origin(), Some(true), "{c:?}");
        assert_eq!(location.to_uri().unwrap().host(), Some("good.example"));
    }
    for (value, resolved, same_origin) in [
        // Any number of slashes starts the host.
        ("///evil.example", Some("https://evil.example"), Some(false)),
        // A control at the end is stripped; inside the host browsers reject the value.
        (
            "//evil.example\u{1}",
            Some("https://evil.example"),
            Some(false),
        ),
        ("//evil.example\u{1}/x", None, Some(false)),
        // Absolute, with dot segments before `//`: a path on the request's host.
        (
            "https:/../..//evil.example",
            Some("https://good.example//evil.example"),
            Some(true),
        ),
    ] {
        let location = parse(value);
        assert_eq!(
            (location.resolved(), location.same_origin()),
            (resolved, same_origin),
            "{value:?}"
        );
    }
    // `to_uri` has a host only where browsers read one, and it is theirs.
    let mailto = parse("mailto:u@evil.example");
    assert_eq!((mailto.to_uri(), mailto.same_origin()), (None, Some(false)));
    let http_base: http::Uri = "http://good.example/dir/page".parse().unwrap();
    let other_scheme = Location::parse("https:evil.example", Some(&http_base)).unwrap();
    assert_eq!(other_scheme.to_uri().unwrap().host(), Some("evil.example"));
    assert_eq!(other_scheme.same_origin(), Some(false));
    let same_scheme = parse("https:evil.example");
    assert_eq!(
        same_scheme.resolved(),
        Some("https://good.example/dir/evil.example")
    );
    assert_eq!(same_scheme.to_uri().unwrap().host(), Some("good.example"));
    assert_eq!(same_scheme.same_origin(), Some(true));
}
