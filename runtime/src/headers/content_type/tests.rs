use super::*;
use crate::headers::test_support::with_headers;

#[test]
fn real_world_values() {
    // RFC 9110 §8.3.1: these are equivalent.
    for value in [
        "text/html;charset=utf-8",
        "text/html;charset=UTF-8",
        "Text/HTML;Charset=\"utf-8\"",
        "text/html; charset=\"utf-8\"",
    ] {
        let media: ContentType = value.parse().unwrap();
        assert_eq!(media.essence(), "text/html", "{value}");
        assert!(media.charset().unwrap().eq_ignore_ascii_case("utf-8"));
    }
    // RFC 9457 problem details; GitHub's JSON with charset.
    let problem: ContentType = "application/problem+json".parse().unwrap();
    assert!(problem.is_problem_json() && problem.is_json());
    assert_eq!(
        (problem.main_type(), problem.subtype()),
        ("application", "problem+json")
    );
    let github: ContentType = "application/json; charset=utf-8".parse().unwrap();
    assert!(github.is_json() && !github.is_problem_json());
    assert_eq!(github.to_string(), "application/json; charset=utf-8");
    // Multipart with a quoted boundary (RFC 2046).
    let multipart: ContentType = "multipart/form-data; boundary=\"----=_Part 0\""
        .parse()
        .unwrap();
    assert_eq!(multipart.param("BOUNDARY"), Some("----=_Part 0"));
    assert_eq!(
        multipart.to_string(),
        "multipart/form-data; boundary=\"----=_Part 0\""
    );
    // Vendor types with a suffix; a trailing semicolon.
    let vendor: ContentType = "application/vnd.github+json;".parse().unwrap();
    assert_eq!(vendor.suffix(), Some("json"));
    assert!(vendor.params().is_empty());
    let text: ContentType = "text/plain".parse().unwrap();
    assert!(!text.is_json() && text.suffix().is_none());
}

#[test]
fn the_strict_reading_refuses_malformed_parameters() {
    for value in [
        "json",
        "/json",
        "application/",
        "text/html/extra",
        "text/html; charset",
        "text/html; charset=\"utf-8",
        "text/html; =utf-8",
        "te xt/html",
        "text/html charset=utf-8",
    ] {
        assert!(ContentType::parse_strict(value).is_err(), "{value}");
    }
    let strict = ContentType::parse_strict("text/html; charset=utf-8;").unwrap();
    assert_eq!(strict.to_string(), "text/html; charset=utf-8");
}

#[test]
fn a_malformed_media_type_is_an_error_even_leniently() {
    for value in [
        "json",
        "/json",
        "application/",
        "text/html/extra",
        "te xt/html",
        "text/html charset=utf-8",
        "text/ html",
        "text/h\u{e9}tml",
        "",
    ] {
        assert!(value.parse::<ContentType>().is_err(), "{value:?}");
    }
}

#[test]
fn whatwg_parse_a_mime_type() {
    let parse = |value: &str| value.parse::<ContentType>().unwrap().to_string();
    for (value, read) in [
        // Broken parameters are skipped, the media type kept.
        ("application/json;;; charset", "application/json"),
        ("text/html; charset", "text/html"),
        ("text/html; =utf-8", "text/html"),
        ("text/html; charset=", "text/html"),
        ("text/html; charset=;", "text/html"),
        ("text/html; ch@rset=utf-8", "text/html"),
        ("text/html; charset=utf 8", "text/html; charset=\"utf 8\""),
        // An unterminated quoted value runs to the end; text after the quote is dropped.
        ("text/html; charset=\"utf-8", "text/html; charset=utf-8"),
        (
            "text/html; charset=\"utf-8\"garbage; q=1",
            "text/html; charset=utf-8; q=1",
        ),
        // The first of two parameters wins; names are lowercased, values kept.
        (
            "text/plain; Charset=UTF-8; charset=latin1",
            "text/plain; charset=UTF-8",
        ),
        // Whitespace before the subtype's end, a trailing `;` (IIS, old PHP).
        ("text/html ;charset=utf-8", "text/html; charset=utf-8"),
        ("TEXT/HTML;", "text/html"),
        // A value that is no token is kept, and written back quoted.
        ("text/html;charset=gbk(", "text/html; charset=\"gbk(\""),
    ] {
        assert_eq!(parse(value), read, "{value}");
    }
    // Past a handful of parameters, the first of two with one name still wins.
    let many: String = (0..20).map(|i| format!(";p{}={i}", i % 12)).collect();
    let many: ContentType = format!("text/plain{many}").parse().unwrap();
    assert_eq!(many.params().len(), 12);
    assert_eq!(
        (many.param("p3"), many.param("p11")),
        (Some("3"), Some("11"))
    );
    let quoted: ContentType = r#"text/html; charset="shift\_jis\""#.parse().unwrap();
    // `\"` is an escaped quote, so the string is unterminated and runs to the end.
    assert_eq!(quoted.charset(), Some("shift_jis\""));
    let backslash: ContentType = r#"text/html; charset="abc\"#.parse().unwrap();
    assert_eq!(backslash.charset(), Some("abc\\"));
}

#[test]
fn the_extractor() {
    let media = with_headers(&[("content-type", "application/json")])
        .extract::<ContentType>()
        .unwrap();
    assert!(media.is_json());
    assert_eq!(
        with_headers(&[]).extract::<Option<ContentType>>().unwrap(),
        None
    );
    assert!(
        with_headers(&[("content-type", "nonsense")])
            .extract::<Option<ContentType>>()
            .is_err()
    );
    let sloppy = with_headers(&[("content-type", "application/json;;; charset")])
        .extract::<ContentType>()
        .unwrap();
    assert!(sloppy.is_json() && sloppy.params().is_empty());
    assert!("text/json".parse::<ContentType>().unwrap().is_json());
}

#[test]
fn the_strict_reading_trims_only_spaces_and_tabs() {
    // RFC 9110 §5.5: OWS is SP and HTAB. Unicode whitespace is part of the value; the lenient
    // reading trims only HTTP whitespace, so the strict one must never accept what it refuses
    // (a fuzzer found `#/.\n\n\u{85}`, which `str::trim` made `#/.`).
    assert!(ContentType::parse_strict(" text/plain\t").is_ok());
    for value in ["text/plain\u{85}", "\u{a0}text/plain", "#/.\n\n\u{85}"] {
        assert!(ContentType::parse_strict(value).is_err(), "{value:?}");
        assert!(value.parse::<ContentType>().is_err(), "{value:?}");
    }
}

#[test]
fn what_it_writes_it_reads_back_strictly_c1_controls_included() {
    // A parameter value with a C1 control is kept (WHATWG); written quoted, it is obs-text,
    // which RFC 9110's quoted-string allows (a fuzzer found `+=` with U+009D).
    let media: ContentType = "f/o;+=\u{9d}".parse().unwrap();
    let written = media.to_string();
    assert_eq!(written.parse::<ContentType>().as_ref(), Ok(&media));
    assert_eq!(ContentType::parse_strict(&written).as_ref(), Ok(&media));
    assert!(
        ContentType::parse_strict("f/o;a=\"\u{1}\"").is_err(),
        "C0 controls are not qdtext"
    );
}
