use super::*;
use crate::RequestContext;
use crate::headers::test_support::with_headers;
use crate::response::BufferedResponse;

fn base(uri: &str) -> Uri {
    uri.parse().unwrap()
}

fn resolve_against(value: &str, against: &str) -> Option<String> {
    Location::parse(value, Some(&base(against)))
        .unwrap()
        .resolved
}

#[test]
fn rfc_3986_normal_examples_resolve() {
    // RFC 3986 §5.4.1, base "http://a/b/c/d;p?q".
    let b = "http://a/b/c/d;p?q";
    for (reference, expected) in [
        ("g:h", "g:h"),
        ("g", "http://a/b/c/g"),
        ("./g", "http://a/b/c/g"),
        ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"),
        ("//g", "http://g"),
        ("?y", "http://a/b/c/d;p?y"),
        ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"),
        ("g#s", "http://a/b/c/g#s"),
        (";x", "http://a/b/c/;x"),
        ("", "http://a/b/c/d;p?q"),
        (".", "http://a/b/c/"),
        ("..", "http://a/b/"),
        ("../g", "http://a/b/g"),
        ("../..", "http://a/"),
        ("../../g", "http://a/g"),
        // §5.4.2, abnormal examples.
        ("../../../g", "http://a/g"),
        ("/./g", "http://a/g"),
        ("g;x=1/../y", "http://a/b/c/y"),
    ] {
        // "" is trimmed to an empty header, which the extractor reports as missing; the
        // parser itself still resolves it.
        assert_eq!(
            resolve_against(reference, b).as_deref(),
            Some(expected),
            "{reference}"
        );
    }
}

#[test]
fn real_world_values() {
    // GitHub: 201 Created for POST /repos/{owner}/{repo}/issues.
    let created = Location::parse(
        "https://api.github.com/repos/octocat/Hello-World/issues/1347",
        Some(&base(
            "https://api.github.com/repos/octocat/Hello-World/issues",
        )),
    )
    .unwrap();
    assert!(created.is_same_origin());
    assert!(!created.is_relative());
    // A 202 job monitor, relative (RFC 9110 §15.3.3 style).
    let job = Location::parse(
        "/queue/12345",
        Some(&base("https://example.com:443/upload")),
    )
    .unwrap();
    assert_eq!(job.resolved(), Some("https://example.com:443/queue/12345"));
    assert!(job.is_same_origin(), "default port equals explicit 443");
    // 301 to another host: not same-origin.
    let moved = Location::parse(
        "https://www.example.org/new",
        Some(&base("http://example.org/old")),
    )
    .unwrap();
    assert_eq!(moved.same_origin(), Some(false));
    // http -> https on the same host is another origin.
    let upgraded = Location::parse(
        "https://example.org/old",
        Some(&base("http://example.org/old")),
    )
    .unwrap();
    assert_eq!(upgraded.same_origin(), Some(false));
    // Amazon S3 style presigned redirect with an encoded query keeps it untouched.
    let s3 = Location::parse(
        "https://bucket.s3.amazonaws.com/key?X-Amz-Signature=ab%2Fcd&X-Amz-Expires=300",
        None,
    )
    .unwrap();
    assert_eq!(s3.resolved(), Some(s3.as_str()));
    assert_eq!(s3.same_origin(), None);
}

#[test]
fn relative_without_a_request_uri_keeps_only_the_raw_value() {
    let location = Location::parse("/users/7", None).unwrap();
    assert_eq!(location.as_str(), "/users/7");
    assert_eq!(location.resolved(), None);
    assert_eq!(location.to_uri(), None);
    assert!(location.is_relative());
    assert!(!location.is_same_origin());
    // An origin-form request URI is no base either.
    let location = Location::parse("7", Some(&base("/users/"))).unwrap();
    assert_eq!(location.resolved(), None);
    // Nor is the authority form of a CONNECT request, which prints as `wss:2`.
    let connect = base("wss:2");
    assert_eq!(connect.scheme(), None);
    let location = Location::parse("", Some(&connect)).unwrap();
    assert_eq!((location.resolved(), location.same_origin()), (None, None));
}

#[test]
fn lenient_about_spaces_and_unicode() {
    let location = Location::parse("/files/my report ü.pdf", Some(&base("http://h/x"))).unwrap();
    assert_eq!(
        location.resolved(),
        Some("http://h/files/my%20report%20%C3%BC.pdf")
    );
    assert_eq!(location.as_str(), "/files/my report ü.pdf");
    assert_eq!(
        location.to_uri().unwrap(),
        "http://h/files/my%20report%20%C3%BC.pdf"
    );
}

#[test]
fn read_as_browsers_read_where_the_host_could_change() {
    // Each of these is a path on the request's host for a strict RFC 3986 parser, and the
    // host evil.example for browsers and the `url` crate: never same-origin.
    let b = "https://good.example/dir/page";
    for (value, expected) in [
        ("/\\evil.example", "https://evil.example"),
        ("\\\\evil.example\\x", "https://evil.example/x"),
        ("/\t/evil.example/", "https://evil.example/"),
        ("https:/\\evil.example", "https://evil.example"),
        (
            "https://evil.example\\@good.example/",
            "https://evil.example/@good.example/",
        ),
    ] {
        let location = Location::parse(value, Some(&base(b))).unwrap();
        assert_eq!(location.resolved(), Some(expected), "{value:?}");
        assert_eq!(location.same_origin(), Some(false), "{value:?}");
    }
    // A port that is no u16 is not the default port.
    for value in [
        "//good.example:443443/",
        "https://good.example:/x",
        "//good.example:65536",
    ] {
        let location = Location::parse(value, Some(&base(b))).unwrap();
        assert_eq!(location.same_origin(), Some(false), "{value:?}");
    }
    let explicit = Location::parse("https://u:p@good.example:443/", Some(&base(b))).unwrap();
    assert!(explicit.is_same_origin());
    let ipv6 = Location::parse("//[::1]/x", Some(&base("http://[::1]:80/"))).unwrap();
    assert!(ipv6.is_same_origin());
    // A backslash in the query is data; in a non-special scheme it is no slash.
    let query = Location::parse("/s?q=a\\b", Some(&base(b))).unwrap();
    assert_eq!(query.resolved(), Some("https://good.example/s?q=a%5Cb"));
    assert!(query.is_same_origin());
    let urn = Location::parse("urn:a\\b", Some(&base(b))).unwrap();
    assert_eq!(urn.resolved(), Some("urn:a%5Cb"));
    assert!(Location::parse("/\t/x", None).unwrap().is_relative());
}

#[test]
fn debug_hides_userinfo() {
    let b = base("https://good.example/");
    for (value, shown) in [
        (
            "https://user:hunter2@good.example/x",
            "https://[redacted]@good.example/x",
        ),
        ("//token@good.example/x", "//[redacted]@good.example/x"),
        (
            "HTTP://a:b%40c@good.example",
            "HTTP://[redacted]@good.example",
        ),
    ] {
        let debug = format!("{:?}", Location::parse(value, Some(&b)).unwrap());
        assert!(
            !debug.contains("hunter2") && !debug.contains("token"),
            "{debug}"
        );
        assert!(debug.contains(shown), "{debug}");
    }
    for value in ["/a@b", "mailto:a@b.example", "/x?next=//u:p@h"] {
        let debug = format!("{:?}", Location::parse(value, Some(&b)).unwrap());
        assert!(debug.contains(&format!("{value:?}")), "{debug}");
    }
}

#[test]
fn malformed_values_are_errors() {
    for value in [
        "/bad%zzescape",
        "http://[::1/unclosed-ip-literal",
        ":no-scheme",
        "http://exa mple.com:80:80/",
        "%",
        "http://host:port/",
    ] {
        assert!(
            Location::parse(value, Some(&base("http://h/"))).is_err(),
            "{value}"
        );
    }
}

#[test]
fn the_extractor_reads_the_request_context() {
    let mut response = with_headers(&[("location", "../b")]).into_response();
    response.extensions_mut().insert(RequestContext::new(
        http::Method::POST,
        base("https://h/a/c"),
    ));
    let location = BufferedResponse::from(response)
        .extract::<Location>()
        .unwrap();
    assert_eq!(location.resolved(), Some("https://h/b"));
    assert_eq!(location.to_string(), "https://h/b");

    let missing = with_headers(&[]).extract::<Location>().unwrap_err();
    assert!(missing.is_absent());
    assert_eq!(missing.to_string(), "header `location` is missing");
    let empty = with_headers(&[("location", "  ")]).extract::<Option<Location>>();
    assert_eq!(empty.unwrap(), None);
    let bad = with_headers(&[("location", "/%zz")])
        .extract::<Option<Location>>()
        .unwrap_err();
    assert!(!bad.is_absent());
    assert!(
        bad.to_string()
            .starts_with("header `location` has an invalid value")
    );
}

#[test]
fn an_absolute_value_without_dot_segments_is_its_own_resolution() {
    // The shortcut of `resolve_absolute` against resolving the reference against itself.
    for value in [
        "https://api.example.com/v1/users/7",
        "https://api.example.com",
        "https://api.example.com?q=1#f",
        "HTTPS://User:pw@API.example.com:8443/a/file.json?x=../y#../z",
        "https://a.example/./b",
        "https://a.example/b/../c",
        "https://a.example/b/%2e%2E/c",
        "https://a.example/b/.%2e",
        "https://a.example/b/%2E",
        "https://a.example/b/...",
        "https://a.example/b/.x/x./%2ex",
        "urn:isbn:0451450523",
        "foo:./bar",
        "foo:/.//bar",
        "foo:a/../b",
        "mailto:a@example.com",
        "file:///etc/hosts",
        "https://[::1]:8080/",
    ] {
        let reference = UriReferenceStr::new(value).unwrap();
        let by_resolution = UriAbsoluteStr::new(without_fragment(value))
            .ok()
            .and_then(|own_base| resolve(reference, own_base));
        assert_eq!(resolve_absolute(reference, value), by_resolution, "{value}");
    }
    for (segment, dot) in [
        (".", true),
        ("..", true),
        ("%2e", true),
        ("%2E%2e", true),
        (".%2E", true),
        ("", false),
        ("...", false),
        (".a", false),
        ("%2", false),
        ("%2e.x", false),
    ] {
        assert_eq!(is_dot_segment(segment), dot, "{segment}");
    }
}

#[test]
fn to_uri_gives_only_targets_an_http_client_can_send_to() {
    let base: Uri = "https://api.example/a".parse().unwrap();
    for value in [
        "file:///etc/passwd",
        "file://[::1]:/",
        "file://1127.1/",
        "foo://[v1.x]/",
        "mailto:u@evil.example",
    ] {
        let location = Location::parse(value, Some(&base)).unwrap();
        assert_eq!(location.to_uri(), None, "{value}");
        assert_ne!(location.same_origin(), Some(true), "{value}");
    }
    for value in [
        "https://b.example/x",
        "http://b.example:8080/",
        "wss://b.example/",
        "ftp://b.example/f",
    ] {
        let location = Location::parse(value, Some(&base)).unwrap();
        assert!(location.to_uri().is_some(), "{value}");
    }
}

/// The fast path (`plain.rs`), wherever it answers, gives what the full reading gives: every
/// combination of schemes, hosts, ports and tails below, against every base.
#[test]
fn the_plain_path_agrees_with_the_full_reading() {
    let schemes = [
        "http", "https", "HTTPS", "ws", "wss", "ftp", "file", "mailto", "foo",
    ];
    let hosts = [
        "api.example.com",
        "API.Example.COM",
        "localhost",
        "a-b.example",
        "example.com.",
        "1.2.3.4",
        "0x7f.1",
        "example.0x1a",
        "example.123",
        "a..b",
        "exa%6Dple.com",
        "xn--nxasmq6b.com",
        "bücher.example",
        "user@evil.example",
        "[::1]",
        "",
        "a_b.example",
        "ex ample.com",
    ];
    let ports = [
        "", ":80", ":443", ":8443", ":0", ":08", ":65535", ":65536", ":", ":x",
    ];
    let tails = [
        "",
        "/",
        "/v1/users/7",
        "/a/./b",
        "/a/../b",
        "/..",
        "/.",
        "/x?y#z",
        "/a#b#c",
        "/%2e/x",
        "/a\\b",
        "/a b",
        "?q",
        "#f",
        "/a?b/../c",
        "/a#./..",
        "/!$&'()*+,;=:@~_-.",
        "/a\"b",
        "/a|b",
        "//x",
        "/a{b}",
    ];
    let bases = [
        Some("https://api.example.com/v1/users?page=2"),
        Some("http://api.example.com:80/"),
        Some("https://API.example.com:8443/x"),
        Some("ftp://api.example.com/"),
        Some("http://[::1]:8080/"),
        Some("/origin-form"),
        None,
    ];
    let mut answered = 0;
    for base_text in bases {
        let base_uri = base_text.map(base);
        let base = base_uri.as_ref().filter(|base| base.scheme().is_some());
        for scheme in schemes {
            for separator in ["://", ":///", ":/", ":\\\\"] {
                for host in hosts {
                    for port in ports {
                        for tail in tails {
                            let value = format!("{scheme}{separator}{host}{port}{tail}");
                            let raw = value.trim_matches(browser::is_c0_control_or_space);
                            let base_origin = base.and_then(origin);
                            let Some(plain) = plain::read(raw, base_origin.as_ref()) else {
                                continue;
                            };
                            answered += 1;
                            let full = Location::read_fully(raw, base, base.and_then(origin));
                            assert_eq!(Ok(plain), full, "{value:?} against {base_text:?}");
                        }
                    }
                }
            }
        }
    }
    assert!(
        answered > 1_000,
        "the plain path answered only {answered} times"
    );
    // The common case takes it.
    let common = "https://api.example.com/v1/users/7";
    assert!(plain::read(common, None).is_some());
}

/// The origin read from a plain authority's text is the one `http::Uri` reads.
#[test]
fn a_plain_origin_is_the_full_one() {
    let mut answered = 0;
    for scheme in ["http", "https", "HTTP", "ws", "wss", "ftp", "file", "foo"] {
        for authority in [
            "api.example.com",
            "API.example.com",
            "a:8080",
            "a:080",
            "a:0",
            "a:65535",
            "a:65536",
            "a:",
            ":80",
            "u@a",
            "u:p@a:1",
            "[::1]",
            "[::1]:8",
            "1.2.3.4:5",
            "a:b",
            "a%41",
        ] {
            let Ok(uri) = format!("{scheme}://{authority}/x").parse::<Uri>() else {
                continue;
            };
            let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
                continue;
            };
            let fast = plain_origin(scheme, authority.as_str())
                .filter(|_| browser::is_network_scheme(scheme));
            let Some(fast) = fast else { continue };
            answered += 1;
            let full = full_origin(&uri).unwrap();
            assert_eq!(
                (fast.scheme, fast.host, fast.port),
                (full.scheme, full.host, full.port),
                "{uri}"
            );
        }
    }
    assert!(answered > 30, "{answered}");
}
