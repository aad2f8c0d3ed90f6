use super::*;
use crate::headers::test_support::with_headers;

fn parse(lines: &[&str]) -> Result<WwwAuthenticate, ParseHeaderError> {
    WwwAuthenticate::parse(lines.iter().copied())
}

fn parse_strict(lines: &[&str]) -> Result<WwwAuthenticate, ParseHeaderError> {
    WwwAuthenticate::parse_strict(lines.iter().copied())
}

type Summary = (String, Option<String>, Vec<(String, String)>);

fn summary(auth: &WwwAuthenticate) -> Vec<Summary> {
    auth.iter()
        .map(|c| (c.scheme().to_owned(), c.token68.clone(), c.params.clone()))
        .collect()
}

fn pairs(params: &[(&str, &str)]) -> Vec<(String, String)> {
    params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn rfc_9110_two_challenges_on_one_line() {
    // RFC 9110 §11.6.1.
    let auth = parse(&[
        r#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#,
    ])
    .unwrap();
    assert_eq!(
        summary(&auth),
        [
            ("Basic".into(), None, pairs(&[("realm", "simple")])),
            (
                "Newauth".into(),
                None,
                pairs(&[
                    ("realm", "apps"),
                    ("type", "1"),
                    ("title", "Login to \"apps\"")
                ])
            ),
        ]
    );
}

#[test]
fn real_world_challenges() {
    // Stripe (401 without an API key).
    let stripe = parse(&[r#"Basic realm="Stripe""#]).unwrap();
    assert_eq!(stripe.find("basic").unwrap().realm(), Some("Stripe"));
    // RFC 6750 §3, OAuth 2.0 bearer token errors.
    let bearer = parse(&[r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#]).unwrap();
    let bearer = bearer.find("Bearer").unwrap();
    assert_eq!(bearer.error(), Some("invalid_token"));
    assert_eq!(bearer.error_description(), Some("The access token expired"));
    // Docker registry token auth (no space after commas).
    let docker = parse(&[r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push""#]).unwrap();
    let docker = &docker.challenges()[0];
    assert_eq!(docker.param("service"), Some("registry.docker.io"));
    assert_eq!(
        docker.param("scope"),
        Some("repository:samalba/my-app:pull,push")
    );
    // RFC 7616 §3.9.1 Digest, over several lines as proxies fold it.
    let digest = parse(&[
        r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#,
        r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#,
    ])
    .unwrap();
    assert_eq!(digest.challenges().len(), 2);
    assert_eq!(digest.challenges()[0].param("algorithm"), Some("SHA-256"));
    assert_eq!(digest.challenges()[1].param("ALGORITHM"), Some("MD5"));
    assert_eq!(digest.challenges()[0].param("qop"), Some("auth, auth-int"));
    // SPNEGO (RFC 4559): a bare scheme, then a token68.
    let negotiate = parse(&["Negotiate", "Negotiate a87421000492aa874209af8bc028=="]).unwrap();
    assert_eq!(negotiate.challenges()[0].token68(), None);
    assert_eq!(
        negotiate.challenges()[1].token68(),
        Some("a87421000492aa874209af8bc028==")
    );
    // Several bare schemes (IIS).
    let iis = parse(&["Negotiate, NTLM"]).unwrap();
    assert_eq!(
        iis.iter().map(Challenge::scheme).collect::<Vec<_>>(),
        ["Negotiate", "NTLM"]
    );
    // AWS-style token68 with `/` and `+`.
    let opaque = parse(&["Custom abc/def+ghi="]).unwrap();
    assert_eq!(opaque.challenges()[0].token68(), Some("abc/def+ghi="));
}

#[test]
fn lenient_where_servers_are_sloppy() {
    // Parameters separated by spaces, odd case, spaces around `=`, empty elements.
    let auth =
        parse(&[r#"bearer Realm="api" error = "insufficient_scope" ,, scope=read"#]).unwrap();
    let bearer = auth.find("Bearer").unwrap();
    assert_eq!(bearer.scheme(), "bearer");
    assert_eq!(bearer.realm(), Some("api"));
    assert_eq!(bearer.error(), Some("insufficient_scope"));
    assert_eq!(bearer.param("scope"), Some("read"));
    assert_eq!(bearer.params()[0].0, "realm");
}

#[test]
fn the_strict_reading_refuses_what_the_rfc_does() {
    for value in [
        r#"realm="no scheme""#,
        r#"Basic realm="unterminated"#,
        r#"Basic realm="x", @"#,
        "=",
        r#"Bearer realm="x", error="#,
        r#"Bearer realm="x", error=, scope="a""#,
        r#"Basic realm="x" abc=="#,
        "Basic (comment)",
    ] {
        assert!(parse_strict(&[value]).is_err(), "{value}");
    }
    // A space ends a token: the RFC's grammar reads a realm `My` and a scheme `Server`.
    let split = parse_strict(&["Basic realm=My Server"]).unwrap();
    assert_eq!(
        split
            .iter()
            .map(|c| (c.scheme(), c.realm()))
            .collect::<Vec<_>>(),
        [("Basic", Some("My")), ("Server", None)]
    );
    // What both readings accept, they read alike.
    let line = r#"Bearer realm="api" error = "insufficient_scope" ,, scope=read"#;
    assert_eq!(parse_strict(&[line]).unwrap(), parse(&[line]).unwrap());
}

#[test]
fn malformed_values_are_errors() {
    for value in [
        r#"realm="no scheme""#,
        r#"Basic realm="x", @"#,
        "=",
        r#"Bearer realm="x", error="#,
        r#"Bearer realm="x", error=, scope="a""#,
        "Basic (comment)",
        "Basic realm=a\u{7f}b",
    ] {
        assert!(parse(&[value]).is_err(), "{value}");
    }
}

#[test]
fn values_read_as_curl_reads_them() {
    // Unquoted, with spaces, up to the comma (curl's "sloppy" parsing of digest pairs).
    let router = parse(&["Basic realm=Router Admin , charset=UTF-8"]).unwrap();
    assert_eq!(
        summary(&router),
        [(
            "Basic".into(),
            None,
            pairs(&[("realm", "Router Admin"), ("charset", "UTF-8")])
        )]
    );
    // Unquoted digest values as old embedded servers send them.
    let digest =
        parse(&["Digest realm=camera@10.0.0.7, nonce=dcd98b7102dd2f0e, qop=auth"]).unwrap();
    assert_eq!(digest.challenges()[0].realm(), Some("camera@10.0.0.7"));
    assert_eq!(
        digest.challenges()[0].param("nonce"),
        Some("dcd98b7102dd2f0e")
    );
    // An unterminated quoted value runs to the end of the line, commas included.
    let open = parse(&[r#"Basic realm="Intranet, Floor 3"#]).unwrap();
    assert_eq!(open.challenges()[0].realm(), Some("Intranet, Floor 3"));
    // Spaces where commas belong: a value ends before the next `name=`.
    let spaced = parse(&[
        r#"Bearer error=invalid_token error_description="The token, expired" scope=read write"#,
    ])
    .unwrap();
    assert_eq!(
        summary(&spaced),
        [(
            "Bearer".into(),
            None,
            pairs(&[
                ("error", "invalid_token"),
                ("error_description", "The token, expired"),
                ("scope", "read write")
            ])
        )]
    );
    // Found by the fuzzer: what the strict reading accepts, the lenient one accepts too.
    let lines = ["_", "\t%%%'^=\t$\t#=\"3=,\""];
    let lenient = parse(&lines).unwrap();
    assert_eq!(lenient, parse_strict(&lines).unwrap());
    assert_eq!(lenient.challenges()[0].param("#"), Some("3=,"));
    let padded = ["| ~=| ~  +="];
    assert_eq!(parse_strict(&padded).unwrap().challenges().len(), 2);
    let lenient = parse(&padded).unwrap();
    assert_eq!(lenient.challenges()[0].param("~"), Some("| ~  +="));
    // `abc==` after a quoted value: a parameter whose value is `=`.
    let equals = parse(&[r#"Basic realm="x" abc=="#]).unwrap();
    assert_eq!(equals.challenges()[0].param("abc"), Some("="));
}

#[test]
fn the_extractor_reads_every_line() {
    let response = with_headers(&[
        ("www-authenticate", r#"Basic realm="a""#),
        ("www-authenticate", "Bearer"),
    ]);
    let auth = response.extract::<WwwAuthenticate>().unwrap();
    assert_eq!(auth.challenges().len(), 2);
    assert!(auth.find("bearer").is_some());
    assert_eq!(
        with_headers(&[])
            .extract::<Option<WwwAuthenticate>>()
            .unwrap(),
        None
    );
    assert_eq!(
        with_headers(&[("www-authenticate", " , ")])
            .extract::<Option<WwwAuthenticate>>()
            .unwrap(),
        None
    );
    let bad = with_headers(&[("www-authenticate", "realm=x")])
        .extract::<Option<WwwAuthenticate>>()
        .unwrap_err();
    assert!(
        bad.to_string()
            .starts_with("header `www-authenticate` has an invalid value")
    );
}
