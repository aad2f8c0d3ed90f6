//! `Location` held against the WHATWG URL Standard, the reading of browsers (and of the `url`
//! crate, so of reqwest), wherever the host could change.
//!
//! The reference is the `url` crate (a dev-dependency only: the runtime reads `Location` with
//! `iri-string` and its own WHATWG pre-processing, see `runtime/src/headers/location/browser.rs`).
//! Where `url` and our reader disagreed during development, Node.js's `new URL(value, base)`
//! (a second WHATWG implementation) settled it; those cases are fixed vectors below, each with
//! what Node and `url` said, so the suite needs neither Node nor the network.
//!
//! The generated values are drawn from the alphabet that moves hosts (C0 controls, space, tab,
//! `\`, `/`, `:`, `@`, `%`, `.`, Unicode whitespace, scheme prefixes, IPv4 and IPv6 forms).
//!
//! Every value is held against the reference's reading, `Url::options().base_url(base).parse`
//! (see `agreement.rs` for the checks, and for the one place `url` strays from the standard):
//! a value `Location::parse` accepts by `agreement::check` (the origin, the target's place,
//! and `to_uri()` against the reference's scheme, host, port, path and query), a value it
//! rejects by `agreement::check_rejected`: the reference rejects it too, or it is
//! CONFORMANCE.md's listed difference "browsers resolve it, here it is an error", and the
//! test prints how many of each.
//!
//! `LOCATION_CASES` sets how many (default 20 000, a few seconds in debug); a million:
//! `LOCATION_CASES=1000000 cargo test --release --test location_whatwg`.

#[path = "location_whatwg/agreement.rs"]
mod agreement;

use response_handler::{BufferedResponse, Location, RequestContext};

/// The request URI of the task's cases.
const BASE: &str = "https://good.example/a/b";

fn parse(value: &str, base: &str) -> Location {
    Location::parse(value, Some(&base.parse().unwrap())).unwrap()
}

/// A `Location` as a client integration hands it over: through `http`'s header value, which
/// refuses C0 controls other than tab.
fn from_header(value: &str, base: &str) -> Location {
    let mut reply = http::Response::builder()
        .status(302)
        .header("location", value)
        .body(())
        .unwrap();
    reply.extensions_mut().insert(RequestContext::new(
        http::Method::GET,
        base.parse().unwrap(),
    ));
    BufferedResponse::from(reply).extract().unwrap()
}

fn check(value: &str, base: &str, location: &Location) {
    let uri: http::Uri = base.parse().unwrap();
    if let Err(disagreement) = agreement::check(value, Some(&uri), location) {
        panic!("{disagreement}");
    }
}

/// A value `Location::parse` rejects: the reference rejects it too, or it is a listed
/// difference.
fn check_error(value: &str, base: &str) {
    let uri: http::Uri = base.parse().unwrap();
    if let Err(disagreement) = agreement::check_rejected(value, Some(&uri)) {
        panic!("{disagreement}");
    }
}

#[test]
fn a_leading_c0_control_is_stripped_as_browsers_strip_it() {
    // Node: https://evil.example/ for each; url: the same. Every C0 control but tab, LF and CR
    // (removed anywhere, not only at the ends) and space: 29 code points, U+0000 included.
    let mut seen = 0;
    for c in ('\u{0}'..='\u{1f}').filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        let value = format!("{c}//evil.example");
        let location = parse(&value, BASE);
        assert_eq!(
            location.resolved(),
            Some("https://evil.example"),
            "{value:?}"
        );
        assert_eq!(location.same_origin(), Some(false), "{value:?}");
        assert_eq!(location.as_str(), "//evil.example", "{value:?}");
        check(&value, BASE, &location);
        seen += 1;
    }
    assert_eq!(seen, 29);
}

#[test]
fn leading_unicode_whitespace_is_a_path_as_for_browsers() {
    // Node: https://good.example/a/%C2%A0//evil.example (and %C2%85, %E3%80%80); url: the same.
    for (c, encoded) in [
        ('\u{a0}', "%C2%A0"),
        ('\u{85}', "%C2%85"),
        ('\u{3000}', "%E3%80%80"),
    ] {
        let value = format!("{c}//evil.example");
        let expected = format!("https://good.example/a/{encoded}//evil.example");
        for location in [parse(&value, BASE), from_header(&value, BASE)] {
            assert_eq!(location.resolved(), Some(&*expected), "{value:?}");
            assert_eq!(location.same_origin(), Some(true), "{value:?}");
            assert_eq!(location.as_str(), value, "kept as sent");
            check(&value, BASE, &location);
        }
    }
}

#[test]
fn any_number_of_slashes_after_a_special_scheme_starts_the_host() {
    // Node and url: https://evil.example/ for each.
    for value in [
        "///evil.example",
        "////evil.example",
        "/\\/evil.example",
        "https:///evil.example",
        "https:\\\\\\evil.example",
    ] {
        let location = from_header(value, BASE);
        assert_eq!(
            location.resolved(),
            Some("https://evil.example"),
            "{value:?}"
        );
        assert_eq!(location.same_origin(), Some(false), "{value:?}");
        assert_eq!(
            location.to_uri().unwrap().host(),
            Some("evil.example"),
            "{value:?}"
        );
        check(value, BASE, &location);
    }
}

#[test]
fn a_control_in_the_host_has_no_target() {
    // At the end it is stripped: Node and url give https://evil.example/.
    let location = parse("//evil.example\u{1}", BASE);
    assert_eq!(location.resolved(), Some("https://evil.example"));
    assert_eq!(location.same_origin(), Some(false));
    // Inside the host, Node and url fail ("Invalid URL"): no target, and not the request's.
    for value in [
        "//evil.example\u{1}/x",
        "//evil.example%01/x",
        "//evil.example\u{7f}/",
        "https://evil%20example/",
        "//evil.example^x/",
        "//evil.example%2F.good.example/",
    ] {
        let location = parse(value, BASE);
        assert_eq!(location.resolved(), None, "{value:?}");
        assert_eq!(location.to_uri(), None, "{value:?}");
        assert_eq!(location.same_origin(), Some(false), "{value:?}");
        check(value, BASE, &location);
    }
    // Not even a URI reference (a `%` without two hex digits): an error, as before.
    assert!(Location::parse("//evil.example%/", Some(&BASE.parse().unwrap())).is_err());
    check_error("//evil.example%/", BASE);
}

#[test]
fn hosts_and_ports_browsers_reject_have_no_target() {
    // Node and url: "Invalid URL" for each.
    for value in [
        "//1.2.3.999/",
        "//1.2.3.4.5/",
        "//0x100000000/",
        "//a.09/",
        "//evil.example:65536/",
        "//evil.example:443443/",
        "https://:443/",
        "//u@/x",
        "https:",
        "//[v1.x]/",
    ] {
        let location = parse(value, "http://good.example/a/b");
        assert_eq!(location.resolved(), None, "{value:?}");
        assert_eq!(location.same_origin(), Some(false), "{value:?}");
        check(value, "http://good.example/a/b", &location);
    }
    // Rejected by RFC 3986 too: errors, as before.
    for value in ["//evil.example:8o/", "//a[b]/"] {
        assert!(
            Location::parse(value, Some(&BASE.parse().unwrap())).is_err(),
            "{value:?}"
        );
        check_error(value, BASE);
    }
    // Accepted by both, and read alike: Node and url give https://127.0.0.1/ and
    // https://evil.example/ (the port 0443 is the default 443).
    for (value, resolved) in [
        ("//0x7f.1/", "https://0x7f.1/"),
        ("//evil.example:0443/", "https://evil.example:0443/"),
        ("//evil.example:/", "https://evil.example:/"),
        ("//%65vil.example/", "https://%65vil.example/"),
        ("//a@b@evil.example/", "https://a%40b@evil.example/"),
    ] {
        let location = parse(value, BASE);
        assert_eq!(location.resolved(), Some(resolved), "{value:?}");
        assert_eq!(location.same_origin(), Some(false), "{value:?}");
        check(value, BASE, &location);
    }
}

#[test]
fn to_uri_has_the_host_browsers_read_or_none() {
    // Node and url: mailto:u@evil.example, no host. RFC 3986 has none either, but `http::Uri`
    // would read `u@evil.example` as an authority.
    let mailto = parse("mailto:u@evil.example", BASE);
    assert_eq!(mailto.resolved(), Some("mailto:u@evil.example"));
    assert_eq!(mailto.to_uri(), None);
    assert_eq!(mailto.same_origin(), Some(false));
    // Against a request of another scheme (or none), Node and url read `https:evil.example`
    // as https://evil.example/.
    for base in ["http://good.example/a/b", "ws://good.example/"] {
        let location = parse("https:evil.example", base);
        assert_eq!(location.resolved(), Some("https://evil.example"), "{base}");
        assert_eq!(location.to_uri().unwrap().host(), Some("evil.example"));
        assert_eq!(location.same_origin(), Some(false));
        check("https:evil.example", base, &location);
    }
    let alone = Location::parse("https:evil.example", None).unwrap();
    assert_eq!(alone.resolved(), Some("https://evil.example"));
    // Against an https request, both read it as the relative path `evil.example`.
    let relative = parse("https:evil.example", BASE);
    assert_eq!(
        relative.resolved(),
        Some("https://good.example/a/evil.example")
    );
    assert_eq!(relative.to_uri().unwrap().host(), Some("good.example"));
    assert_eq!(relative.same_origin(), Some(true));
    assert!(!relative.is_relative(), "the value has a scheme");
    check("https:evil.example", BASE, &relative);
    // Node and url: https://good.example/a/a:b (a path segment, not the scheme `a`).
    let colon = parse("https:a:b", BASE);
    assert_eq!(colon.resolved(), Some("https://good.example/a/a:b"));
    check("https:a:b", BASE, &colon);
}

#[test]
fn an_absolute_value_with_dot_segments_before_a_double_slash_resolves() {
    // Node and url: https://good.example//evil.example against an https request (a path on
    // the request's host), http://..//evil.example for `http:` (the host `..`).
    let same_scheme = from_header("https:/../..//evil.example", BASE);
    assert_eq!(
        same_scheme.resolved(),
        Some("https://good.example//evil.example")
    );
    assert_eq!(same_scheme.same_origin(), Some(true));
    check("https:/../..//evil.example", BASE, &same_scheme);
    let other_scheme = from_header("http:/../..//evil.example", BASE);
    assert_eq!(other_scheme.resolved(), Some("http://..//evil.example"));
    assert_eq!(other_scheme.to_uri().unwrap().host(), Some(".."));
    assert_eq!(other_scheme.same_origin(), Some(false));
    check("http:/../..//evil.example", BASE, &other_scheme);
}

/// xorshift64*: deterministic, so a failure names its case number and repeats.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        let index = usize::try_from(self.next() % from.len() as u64).unwrap();
        from[index]
    }
}

const PREFIXES: &[&str] = &[
    "",
    "",
    "",
    "https:",
    "http:",
    "HTTPS:",
    "ws:",
    "wss:",
    "ftp:",
    "file:",
    "mailto:",
    "javascript:",
    "foo:",
    "h\tttps:",
    "\u{1}",
    " ",
    "\u{a0}",
    "\u{3000}",
];

const PIECES: &[&str] = &[
    "/",
    "/",
    "/",
    "//",
    "\\",
    "\\",
    ":",
    ":",
    "@",
    "@",
    "%",
    ".",
    "..",
    "?",
    "#",
    "[",
    "]",
    "::1",
    "[::1]",
    "[v1.x]",
    "evil.example",
    "good.example",
    "GOOD.example",
    "x",
    "a",
    "1",
    "0",
    "09",
    "256",
    "0x7f",
    "0X",
    "127.1",
    "1.2.3.999",
    "4294967295",
    ":443",
    ":80",
    ":0443",
    ":65536",
    ":8o",
    "\t",
    "\n",
    "\r",
    " ",
    "\u{0}",
    "\u{1}",
    "\u{1f}",
    "\u{7f}",
    "\u{a0}",
    "\u{85}",
    "\u{3000}",
    "\u{2028}",
    "%2e",
    "%2E",
    "%41",
    "%00",
    "%20",
    "%zz",
    "%40",
    "%5C",
    "xn--",
    "ü",
    "\u{ff0e}",
    "\u{ff11}",
    "u:p@",
    "https:",
    "http:",
    "^",
    "|",
    "<",
    "`",
];

const BASES: &[&str] = &[
    "https://good.example/a/b",
    "http://good.example/a/b?q",
    "https://good.example:8443/",
    "http://127.0.0.1/x/",
    "http://[::1]:8080/a/",
    "ws://good.example/",
    "ftp://good.example/d/",
    "foo://good.example/x",
];

#[test]
fn agrees_with_whatwg_on_generated_values() {
    let cases: u64 = std::env::var("LOCATION_CASES")
        .ok()
        .map_or(20_000, |count| {
            count.parse().expect("LOCATION_CASES is a count")
        });
    let bases: Vec<http::Uri> = BASES.iter().map(|base| base.parse().unwrap()).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut resolved, mut cross, mut rejected) = (0u64, 0u64, 0u64);
    let mut value = String::new();
    let mut listed = std::collections::BTreeMap::<&str, u64>::new();
    let mut disagreements = Vec::new();
    for case in 0..cases {
        value.clear();
        value.push_str(rng.pick(PREFIXES));
        for _ in 0..rng.next() % 8 {
            value.push_str(rng.pick(PIECES));
        }
        let base_index = usize::try_from(rng.next() % (bases.len() as u64 + 1)).unwrap();
        let base = bases.get(base_index);
        let Ok(location) = Location::parse(&value, base) else {
            rejected += 1;
            match agreement::check_rejected(&value, base) {
                Ok(None) => {}
                Ok(Some(reason)) => *listed.entry(reason).or_default() += 1,
                Err(disagreement) => disagreements.push(format!("case {case}: {disagreement}")),
            }
            continue;
        };
        resolved += u64::from(location.resolved().is_some());
        cross += u64::from(location.same_origin() == Some(false));
        if let Err(disagreement) = agreement::check(&value, base, &location) {
            disagreements.push(format!("case {case}: {disagreement}"));
        }
    }
    let both_reject = rejected - listed.values().sum::<u64>();
    eprintln!(
        "{cases} values: {resolved} resolved, {cross} cross-origin, {rejected} not URI references \
         ({both_reject} rejected by WHATWG too; the rest a listed difference: {listed:?})"
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreements with WHATWG, the first ones:\n{}",
        disagreements.len(),
        disagreements[..disagreements.len().min(20)].join("\n")
    );
    // The generator reaches every outcome; a broken one would check nothing.
    assert!(
        cases < 1000
            || (resolved > cases / 4
                && cross > cases / 10
                && both_reject > cases / 100
                && listed.len() >= 4)
    );
}
