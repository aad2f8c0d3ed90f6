//! `Location` held against WPT's URL parsing data (`url/resources/urltestdata.json`, committed
//! trimmed under `tests/conformance/wpt/`; source and commit in the README there).
//!
//! Each case is `input` read against `base` (the request URI; `null`: no base). Two checks:
//!
//! 1. On every case, the security property: `same_origin()` is `Some(true)` only where the
//!    standard's target has the base's origin, and `to_uri()` is `None` where the standard
//!    fails.
//! 2. Agreement on whether there is a target: the standard's `failure` against our
//!    [`Location::resolved`] being `None` (or the value being an error). `resolved()` keeps the
//!    value's spelling, so `href` is not compared (see `Location`'s docs). Cases whose base
//!    `http::Uri` cannot hold (`about:blank`, non-ASCII) are not run. The disagreements are
//!    [`DIFFERENCES`], by input and base; a new one fails, and so does a listed one that went
//!    away.

use response_handler::Location;
use serde::Deserialize;

const DATA: &str = include_str!("conformance/wpt/urltestdata.json");

#[path = "conformance_url/differences.rs"]
mod differences;
use differences::DIFFERENCES;

#[derive(Deserialize)]
struct Case {
    input: String,
    base: Option<String>,
    #[serde(default)]
    failure: bool,
    href: Option<String>,
}

fn cases() -> Vec<Case> {
    serde_json::from_str(DATA).unwrap()
}

/// The origin of a URL as the standard serializes it (`url` is the suite's WHATWG reference;
/// the data gives `origin` only for some cases, `href` for all that parse).
fn origin_of(base: &str) -> Option<String> {
    url::Url::parse(base)
        .ok()
        .map(|url| url.origin().ascii_serialization())
}

#[test]
fn wpt_urltestdata() {
    let cases = cases();
    assert_eq!(cases.len(), 869, "the committed data changed");
    let (mut run, mut agree, mut skipped) = (0, 0, 0);
    let mut broken = Vec::new();
    let mut unexpected = Vec::new();
    let mut seen = Vec::new();
    for case in &cases {
        let base = match case.base.as_deref().map(str::parse::<http::Uri>) {
            Some(Ok(base)) => Some(base),
            Some(Err(_)) => {
                skipped += 1;
                continue;
            }
            None => None,
        };
        run += 1;
        let location = Location::parse(&case.input, base.as_ref()).ok();
        let ours_target = location.as_ref().and_then(Location::resolved);
        let label = format!("{:?} against {:?}", case.input, case.base);
        // 1. The security property.
        if let Some(location) = &location {
            if location.same_origin() == Some(true) {
                let target = case.href.as_deref().and_then(origin_of);
                let same = !case.failure
                    && target.as_deref().is_some_and(|origin| origin != "null")
                    && target == case.base.as_deref().and_then(origin_of);
                if !same {
                    broken.push(format!("same_origin() Some(true): {label}: {location:?}"));
                }
            }
            if case.failure
                && let Some(uri) = location.to_uri()
            {
                broken.push(format!("to_uri() {uri} where browsers fail: {label}"));
            }
        }
        // 2. Agreement on whether there is a target.
        let agrees = case.failure == ours_target.is_none();
        agree += usize::from(agrees);
        let listed = DIFFERENCES
            .iter()
            .any(|(input, base, _)| *input == case.input && *base == case.base.as_deref());
        if listed {
            seen.push((case.input.as_str(), case.base.as_deref()));
        }
        if !agrees && !listed {
            unexpected.push(format!(
                "{label}: WPT {}, ours {:?}",
                if case.failure { "fails" } else { "resolves" },
                location.as_ref().map(Location::resolved)
            ));
        }
        if agrees && listed {
            unexpected.push(format!("{label}: listed in DIFFERENCES but agrees now"));
        }
    }
    eprintln!(
        "urltestdata.json: {agree}/{run} agree on failure or target ({skipped} skipped: base not an http::Uri)"
    );
    assert!(
        broken.is_empty(),
        "security property broken:\n{}",
        broken.join("\n")
    );
    assert!(
        unexpected.is_empty(),
        "{} unexpected:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert_eq!(
        seen.len(),
        DIFFERENCES.len(),
        "a listed difference matches no case"
    );
}
