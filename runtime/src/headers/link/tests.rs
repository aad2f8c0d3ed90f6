#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;

fn uri(text: &str) -> Uri {
    text.parse().unwrap()
}

/// `(rel, resolved target)` of every link, in order.
fn summary(link: &Link) -> Vec<(String, String)> {
    link.iter()
        .map(|value| {
            (
                value.rel().collect::<Vec<_>>().join(" "),
                value.target().resolved().unwrap_or("-").to_owned(),
            )
        })
        .collect()
}

// Real `Link` values as APIs document them. Where the documentation writes a placeholder host
// (`{yourOktaDomain}`, `{shop}`), a concrete one stands in for it; nothing else is changed.

/// GitHub, "Using pagination in the REST API", section "Using link headers":
/// https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
const GITHUB: &str = r#"<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next", <https://api.github.com/repositories/1300192/issues?page=515>; rel="last", <https://api.github.com/repositories/1300192/issues?page=1>; rel="first""#;

/// GitLab, "REST API", section "Pagination link header":
/// https://docs.gitlab.com/api/rest/#pagination-link-header
const GITLAB: &str = r#"<https://gitlab.example.com/api/v4/projects/8/issues/8/notes?page=1&per_page=3>; rel="prev", <https://gitlab.example.com/api/v4/projects/8/issues/8/notes?page=3&per_page=3>; rel="next", <https://gitlab.example.com/api/v4/projects/8/issues/8/notes?page=1&per_page=3>; rel="first", <https://gitlab.example.com/api/v4/projects/8/issues/8/notes?page=3&per_page=3>; rel="last""#;

/// Okta, "Pagination", section "Link header" (two link-values, the second on a folded line
/// in the documentation): https://developer.okta.com/docs/api/#pagination
const OKTA: &str = r#"<https://dev-123456.okta.com/api/v1/users?after=00ubfjQEMYBLRUWIEDKK>; rel="next",
  <https://dev-123456.okta.com/api/v1/users?after=00ub4tTFYKXCCZJSGFKM>; rel="self""#;

/// Sentry, "Paginating Results": a cursor per link and `results` saying whether the page has
/// any (the `next` of the last page says `results="false"`):
/// https://docs.sentry.io/api/pagination/
const SENTRY: &str = r#"<https://sentry.io/api/0/organizations/org-slug/teams/?cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <https://sentry.io/api/0/organizations/org-slug/teams/?cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0""#;

/// Shopify, "Make paginated requests to the REST Admin API": `page_info` cursors and
/// `rel="previous"`: https://shopify.dev/docs/api/usage/pagination-rest
const SHOPIFY: &str = r#"<https://example-shop.myshopify.com/admin/api/2019-07/products.json?page_info=vwxyzab&limit=6>; rel="next", <https://example-shop.myshopify.com/admin/api/2019-07/products.json?page_info=abcdefg&limit=6>; rel="previous""#;

/// RFC 8288 §3.5, the examples of the specification itself.
const RFC_8288_TITLE: &str =
    r#"<http://example.com/TheBook/chapter2>; rel="previous"; title="previous chapter""#;
const RFC_8288_ANCHOR: &str = r##"</terms>; rel="copyright"; anchor="#foo""##;
const RFC_8288_TITLE_STAR: &str = "</TheBook/chapter2>; rel=\"previous\"; title*=UTF-8'de'letztes%20Kapitel, </TheBook/chapter4>; rel=\"next\"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel";
const RFC_8288_TWO_RELS: &str =
    r#"<http://example.org/>; rel="start http://example.net/relation/other""#;

#[test]
fn github_documents_four_pages() {
    let base = uri("https://api.github.com/repos/octocat/Spoon-Knife/issues?page=3");
    let link = Link::parse_strict([GITHUB], Some(&base)).unwrap();
    assert_eq!(link.links().len(), 4);
    let at = |page: u32| format!("https://api.github.com/repositories/1300192/issues?page={page}");
    assert_eq!(
        link.next().unwrap().target().resolved(),
        Some(at(4).as_str())
    );
    assert_eq!(
        link.prev().unwrap().target().resolved(),
        Some(at(2).as_str())
    );
    assert_eq!(
        link.first().unwrap().target().resolved(),
        Some(at(1).as_str())
    );
    assert_eq!(
        link.last().unwrap().target().resolved(),
        Some(at(515).as_str())
    );
    assert_eq!(link.next().unwrap().target().same_origin(), Some(true));
    assert_eq!(
        link.next().unwrap().target().to_uri().unwrap().query(),
        Some("page=4")
    );
}

#[test]
fn gitlab_okta_sentry_and_shopify_read_as_documented() {
    let gitlab = Link::parse_strict([GITLAB], None).unwrap();
    assert_eq!(
        summary(&gitlab),
        [
            (
                "prev",
                "https://gitlab.example.com/api/v4/projects/8/issues/8/notes?page=1&per_page=3"
            ),
            (
                "next",
                "https://gitlab.example.com/api/v4/projects/8/issues/8/notes?page=3&per_page=3"
            ),
            (
                "first",
                "https://gitlab.example.com/api/v4/projects/8/issues/8/notes?page=1&per_page=3"
            ),
            (
                "last",
                "https://gitlab.example.com/api/v4/projects/8/issues/8/notes?page=3&per_page=3"
            ),
        ]
        .map(|(rel, target)| (rel.to_owned(), target.to_owned()))
    );

    // The documentation folds the value over two lines; on the wire that is an obs-fold, which
    // a recipient replaces with spaces before reading the value (RFC 9112 §5.2).
    let unfolded = OKTA.replace('\n', " ");
    let okta = Link::parse_strict([unfolded.as_str()], None).unwrap();
    assert_eq!(
        okta.next().unwrap().target().resolved(),
        Some("https://dev-123456.okta.com/api/v1/users?after=00ubfjQEMYBLRUWIEDKK")
    );
    assert!(okta.find("SELF").is_some(), "relation types ignore case");

    let sentry = Link::parse_strict([SENTRY], None).unwrap();
    let next = sentry.next().unwrap();
    assert_eq!(next.param("results"), Some("true"));
    assert_eq!(next.param("cursor"), Some("0:100:0"));
    let previous = sentry.prev().unwrap();
    assert!(previous.has_rel("previous"));
    assert_eq!(previous.param("RESULTS"), Some("false"));

    let shopify = Link::parse_strict([SHOPIFY], None).unwrap();
    assert!(
        shopify
            .next()
            .unwrap()
            .target()
            .resolved()
            .unwrap()
            .contains("page_info=vwxyzab")
    );
    assert!(
        shopify
            .prev()
            .unwrap()
            .target()
            .resolved()
            .unwrap()
            .contains("page_info=abcdefg")
    );
}

#[test]
fn the_examples_of_rfc_8288() {
    let base = uri("http://example.com/TheBook/chapter3");
    let titled = Link::parse_strict([RFC_8288_TITLE], Some(&base)).unwrap();
    assert_eq!(titled.prev().unwrap().title(), Some("previous chapter"));

    let anchored = Link::parse_strict([RFC_8288_ANCHOR], Some(&base)).unwrap();
    let copyright = anchored.find("copyright").unwrap();
    assert_eq!(copyright.anchor(), Some("#foo"));
    assert_eq!(
        copyright.target().resolved(),
        Some("http://example.com/terms")
    );

    // `title*` is decoded, UTF-8 included, and preferred to `title`.
    let starred = Link::parse_strict([RFC_8288_TITLE_STAR], Some(&base)).unwrap();
    assert_eq!(starred.prev().unwrap().title(), Some("letztes Kapitel"));
    assert_eq!(starred.next().unwrap().title(), Some("nächstes Kapitel"));
    assert_eq!(
        starred.next().unwrap().target().resolved(),
        Some("http://example.com/TheBook/chapter4")
    );

    // One `rel` may name several relation types.
    let two = Link::parse_strict([RFC_8288_TWO_RELS], None).unwrap();
    let only = &two.links()[0];
    assert_eq!(
        only.rel().collect::<Vec<_>>(),
        ["start", "http://example.net/relation/other"]
    );
    assert!(only.has_rel("START"));
}

#[test]
fn several_lines_and_other_parameters() {
    let lines = [
        r#"<https://a.example/1>; rel="next"; type="application/json"; hreflang=en; hreflang=de"#,
        r#"<https://a.example/0>; rel=prev; title="zero"; title*=UTF-8''null"#,
    ];
    let link = Link::parse_strict(lines, None).unwrap();
    let next = link.next().unwrap();
    assert_eq!(next.media_type(), Some("application/json"));
    assert_eq!(next.hreflang().collect::<Vec<_>>(), ["en", "de"]);
    assert_eq!(link.prev().unwrap().title(), Some("null"), "title* wins");
    // Only the first `rel` counts (RFC 8288 §3.3).
    let twice =
        Link::parse_strict([r#"<https://a.example/>; rel="next"; rel="prev""#], None).unwrap();
    assert!(twice.next().is_some());
    assert!(twice.prev().is_none());
}

#[test]
fn a_relative_target_needs_the_request_uri_and_a_cross_origin_one_says_so() {
    let value =
        r#"</issues?page=2>; rel="next", <https://elsewhere.example/issues?page=3>; rel="last""#;
    let without = Link::parse([value], None).unwrap();
    assert_eq!(without.next().unwrap().target().resolved(), None);
    let base = uri("https://api.example/issues?page=1");
    let with = Link::parse([value], Some(&base)).unwrap();
    assert_eq!(
        with.next().unwrap().target().resolved(),
        Some("https://api.example/issues?page=2")
    );
    assert_eq!(with.next().unwrap().target().same_origin(), Some(true));
    assert_eq!(with.last().unwrap().target().same_origin(), Some(false));
}

#[test]
fn lenient_reading_keeps_what_came_before_a_broken_link_value() {
    let value = r#"<https://a.example/2>; rel="next", garbage; rel="last""#;
    let link = Link::parse([value], None).unwrap();
    assert_eq!(
        summary(&link),
        [("next".to_owned(), "https://a.example/2".to_owned())]
    );
    assert!(Link::parse_strict([value], None).is_err());

    for broken in [
        r#"<https://a.example/2; rel="next""#,
        r#"<https://a.example/2>; rel="next"#,
        r#"<https://a.example/2>; ="next""#,
        r#"<https://a.example/2> rel="next""#,
        "<https://a.example/2>; title*=UTF-8'en'%ZZ",
        "<https://a.example/2>; title*=KOI8-R''x",
    ] {
        assert!(Link::parse_strict([broken], None).is_err(), "{broken}");
        assert!(Link::parse([broken], None).is_ok(), "{broken}");
    }
    // Unquoted values that are no token: read leniently to the next `;` or `,`.
    let unquoted = r#"<https://a.example/x>; rel=http://example.net/foo; type=text/html, <https://a.example/y>; rel=next"#;
    let link = Link::parse([unquoted], None).unwrap();
    assert!(link.find("http://example.net/foo").is_some());
    assert_eq!(link.links()[0].media_type(), Some("text/html"));
    assert!(link.next().is_some());
    assert!(Link::parse_strict([unquoted], None).is_err());
    // A parameter without a value, spaces and empty elements.
    let loose = " ,  <https://a.example/z> ;rel = next ; crossorigin ,, ";
    let link = Link::parse_strict([loose], None).unwrap();
    assert_eq!(link.next().unwrap().param("crossorigin"), Some(""));
}

#[test]
fn adversarial_values_never_panic() {
    for value in [
        "",
        "<",
        ">",
        "<>",
        "<>;",
        "<>; rel",
        "<>; rel=",
        "<>; rel=\"",
        "<>; rel=\"\\",
        "<>; title*=",
        "<>; title*=UTF-8'",
        "<>; title*=UTF-8''%",
        "<>; title*=UTF-8''%f",
        "<>; title*=UTF-8''%ff",
        "<\u{0}>; rel=next",
        "<//evil.example%01/>; rel=next",
        "<http://[::1>; rel=next",
        "<é>; rel=ñ",
        ";;;;,,,,<<<>>>",
    ] {
        let _ = Link::parse([value], Some(&uri("https://api.example/")));
        let _ = Link::parse_strict([value], None);
    }
}

#[test]
fn decode_reads_every_line_against_the_request_uri() {
    let mut headers = HeaderMap::new();
    headers.append(LINK, "</a?page=2>; rel=next".parse().unwrap());
    headers.append(LINK, "</a?page=9>; rel=last".parse().unwrap());
    let context = RequestContext::new(http::Method::GET, uri("https://api.example/a?page=1"));
    let link = Link::decode(&headers, Some(&context)).unwrap().unwrap();
    assert_eq!(
        link.last().unwrap().target().resolved(),
        Some("https://api.example/a?page=9")
    );
    assert_eq!(Link::decode(&HeaderMap::new(), None).unwrap(), None);
}
