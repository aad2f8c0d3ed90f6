//! The agreement between [`Location`] and the WHATWG URL Standard, as the `url` crate implements
//! it: shared by `tests/location_whatwg.rs` and the `location` fuzz target.
//!
//! Every check asks the reference, [`reference`]: `Url::options().base_url(base).parse(value)`.

use response_handler::Location;
use url::{ParseError, Url};

/// The WHATWG "special" schemes with a network host: where a wrong host sends a request (and
/// its credentials) elsewhere.
fn is_network(scheme: &str) -> bool {
    matches!(scheme, "http" | "https" | "ws" | "wss" | "ftp")
}

/// The reference's reading of `value` against `base`: `Url::options().base_url(base).parse`.
///
/// `url` 2.5.8 strays from the standard in one place: it fails a value of three or more
/// slashes against an `http(s)`, `ws(s)` or `ftp` base (`EmptyHost` for `///evil.example`),
/// where the standard ("relative slash state", then "special authority ignore slashes state")
/// and Node.js read the host after the slashes (`https://evil.example/`). For a value starting
/// with `/` or `\`, against a base of a special scheme, the standard reads the value exactly as
/// the same value with the base's scheme in front (`https:///evil.example`: "special relative
/// or authority state", then the same states), which `url` reads right: on that `EmptyHost`
/// the reference is asked again, for that value. The host and port are still the reference's.
pub fn reference(value: &str, base: Option<&Url>) -> Result<Url, ParseError> {
    let read = Url::options().base_url(base).parse(value);
    if let (Err(ParseError::EmptyHost), Some(base)) = (&read, base)
        && is_network(base.scheme())
    {
        let value = value.trim_start_matches(|c: char| c <= ' ');
        if value.starts_with(['/', '\\']) {
            return Url::options()
                .base_url(Some(base))
                .parse(&format!("{}:{value}", base.scheme()));
        }
    }
    read
}

/// What a WHATWG parser reads as the target's place: scheme, host, port.
fn place(url: &Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_owned(),
        url.host_str().map(str::to_owned),
        url.port_or_known_default(),
    )
}

/// What an `http::Uri` can hold of a URL: scheme, host, port, path, query (no fragment).
type Request = (String, Option<String>, Option<u16>, String, Option<String>);

fn request(url: &Url) -> Request {
    let (scheme, host, port) = place(url);
    (
        scheme,
        host,
        port,
        spelling(url.path()),
        url.query().map(spelling),
    )
}

/// `text` with every `%XX` decoded that stands for a byte outside RFC 3986's reserved set
/// (and not `%`): encoding such a byte or not is only spelling (RFC 3986 section 6.2.2.2;
/// `url` keeps `^`, `|`, `` ` `` and `\` in a query as sent, `resolved()` encodes them).
fn spelling(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            .filter(|byte| !b":/?#[]@!$&'()*+,;=%".contains(byte));
        match decoded {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether a host has a punycode label: `to_uri()` refuses every one (see its docs).
fn has_punycode(url: &Url) -> bool {
    url.host_str().is_some_and(|host| {
        host.split('.').any(|label| {
            label
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
        })
    })
}

/// Whether `resolved()` spells its host with a `%` (a percent-encoded or non-ASCII host, as
/// sent): the reference maps it (percent-decoding, IDNA), `http::Uri` refuses it and this
/// crate carries no IDNA tables, so `to_uri()` is `None`.
fn needs_mapping(location: &Location) -> bool {
    location.resolved().is_some_and(|resolved| {
        let rest = resolved.split_once("//").map_or("", |(_, rest)| rest);
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        authority.rsplit('@').next().unwrap_or("").contains('%')
    })
}

/// The request URI as the reference reads it: `None` for no request URI, `Err` for one `url`
/// cannot parse (then there is no browser reading, and nothing is checked).
fn base_url(base: Option<&http::Uri>) -> Result<Option<Url>, ()> {
    match base.map(|base| Url::parse(&base.to_string())) {
        Some(Ok(base)) => Ok(Some(base)),
        Some(Err(_)) => Err(()),
        None => Ok(None),
    }
}

/// Checks `location`, read from the header text `value` against the request URI `base`,
/// against the reference's reading of the same text ([`reference`]):
///
/// 1. `same_origin() == Some(true)` only if the reference's target has the request's origin.
/// 2. Where the reference's target or [`Location::resolved`] has a network scheme, a WHATWG
///    parser reads `resolved()` as the same scheme, host and port as the reference's target,
///    and rejects it where the reference rejects the value.
/// 3. Where the reference's target or [`Location::to_uri`] has a network scheme: `to_uri()` is
///    `None` where the reference rejects the value; where it accepts, `to_uri()`, read by a
///    WHATWG parser, has the reference's scheme, host, port, path and query (what an
///    `http::Uri` holds: not the fragment; path and query up to [`spelling`]). A `None` is
///    allowed only for a host with a punycode label or a host the reference maps
///    ([`needs_mapping`]): both refused on purpose, see `to_uri()`'s docs and CONFORMANCE.md.
///    Other schemes are read per RFC 3986 and not checked here.
///
/// A request URI that `url` cannot parse has no browser reading: nothing is checked then.
pub fn check(value: &str, base: Option<&http::Uri>, location: &Location) -> Result<(), String> {
    let Ok(base_url) = base_url(base) else {
        return Ok(());
    };
    let browser = reference(value, base_url.as_ref());
    let context = || format!("value {value:?}, base {base:?}: ours {location:?}, url {browser:?}");
    if location.same_origin() == Some(true) {
        let same = match (&browser, &base_url) {
            (Ok(target), Some(base)) => {
                is_network(target.scheme()) && target.origin() == base.origin()
            }
            _ => false,
        };
        if !same {
            return Err(format!(
                "same_origin() is Some(true), WHATWG disagrees: {}",
                context()
            ));
        }
    }
    if let Some(resolved) = location.resolved() {
        let ours = Url::parse(resolved);
        let network = browser.as_ref().is_ok_and(|url| is_network(url.scheme()))
            || ours.as_ref().is_ok_and(|url| is_network(url.scheme()));
        if network {
            match (&browser, &ours) {
                (Ok(browser), Ok(ours)) if place(browser) == place(ours) => {}
                (Err(_), Err(_)) => {}
                _ => {
                    return Err(format!(
                        "resolved() {resolved:?} reads as {:?}: {}",
                        ours.as_ref().map(place),
                        context()
                    ));
                }
            }
        }
    }
    let to_uri = location.to_uri();
    let network_uri = to_uri
        .as_ref()
        .is_some_and(|uri| uri.scheme_str().is_some_and(is_network));
    let network_target = browser.as_ref().is_ok_and(|url| is_network(url.scheme()));
    if !network_uri && !network_target {
        // No network scheme on either side: read per RFC 3986 (CONFORMANCE.md), not checked;
        // `to_uri()` gives no such target (this check found `file://[::1]:`, `foo://[v1.x]/`,
        // `file://1127.1`, where the standard's host rules and `http`'s differ).
        return Ok(());
    }
    match (&browser, to_uri) {
        (Err(_), Some(uri)) => Err(format!(
            "to_uri() {uri} where WHATWG rejects: {}",
            context()
        )),
        (Err(_), None) => Ok(()),
        (Ok(target), None) => {
            if !has_punycode(target) && !needs_mapping(location) && !base_outside_rfc_3986(base) {
                Err(format!(
                    "to_uri() None where WHATWG has a target: {}",
                    context()
                ))
            } else {
                Ok(())
            }
        }
        (Ok(target), Some(uri)) => {
            let ours = Url::parse(&uri.to_string()).map(|url| request(&url));
            if ours.as_ref() == Ok(&request(target)) {
                Ok(())
            } else {
                Err(format!("to_uri() {uri} reads as {ours:?}: {}", context()))
            }
        }
    }
}

/// Checks a value `Location::parse` rejects against the reference: the reference rejects it
/// too, or it is CONFORMANCE.md's listed difference "browsers resolve it, here it is an error"
/// (`LENIENT_ERROR` in `tests/conformance_url/differences.rs`): the value, once browsers'
/// pre-processing has removed what they remove, holds something RFC 3986 allows nowhere in it.
/// Returns which: `None` where the reference rejects too.
pub fn check_rejected(
    value: &str,
    base: Option<&http::Uri>,
) -> Result<Option<&'static str>, String> {
    let Ok(base_url) = base_url(base) else {
        return Ok(None);
    };
    match reference(value, base_url.as_ref()) {
        Err(_) => Ok(None),
        Ok(target) => not_a_reference(value).map(Some).ok_or_else(|| {
            format!("value {value:?}, base {base:?}: an error here, WHATWG reads {target}")
        }),
    }
}

/// What RFC 3986 allows nowhere in `value` (after browsers' pre-processing), if anything.
fn not_a_reference(value: &str) -> Option<&'static str> {
    let value: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let bytes = value.as_bytes();
    let bad_percent = bytes.iter().enumerate().any(|(i, b)| {
        *b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if bad_percent {
        return Some("a `%` without two hex digits");
    }
    if value.matches('#').count() > 1 {
        return Some("a second `#` (a `#` in the fragment)");
    }
    // What no header value can hold (the public parser sees it): C0 controls but the three
    // browsers remove, and DEL. RFC 3986 has none anywhere.
    if value.chars().any(|c| c < ' ' || c == '\u{7f}') {
        return Some("a control character");
    }
    let authority = value.split_once("//").map_or("", |(_, rest)| {
        rest.split(['/', '\\', '?', '#']).next().unwrap_or("")
    });
    if authority.matches('@').count() > 1 {
        return Some("an `@` in the userinfo");
    }
    let host_port = value.split_once("//").map_or("", |(_, rest)| {
        rest.split(['/', '?', '#']).next().unwrap_or("")
    });
    let port = host_port.rsplit('@').next().unwrap_or("").rsplit_once(':');
    if port.is_some_and(|(host, port)| {
        !host.contains('[') && !port.bytes().all(|b| b.is_ascii_digit())
    }) {
        return Some("a port that is not digits");
    }
    if value.contains(['[', ']']) {
        return Some("a `[` or `]` outside an IP literal");
    }
    let scheme = value.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let first_segment = value.split(['/', '?', '#']).next().unwrap_or("");
    if !scheme && first_segment.contains(':') {
        return Some("a `:` in the first segment of a relative path");
    }
    None
}

/// A request URI `http::Uri` holds that RFC 3986 does not (`ws://h/??]]]`: a `[`, `]`, `{`,
/// `}`, `|`, `\`, `^`, `"`, `<`, `>` or backtick in its path or query): a relative value has no
/// target against it here, where the WHATWG parser percent-encodes or keeps such characters
/// (CONFORMANCE.md: the base must be an RFC 3986 URI).
fn base_outside_rfc_3986(base: Option<&http::Uri>) -> bool {
    base.and_then(http::Uri::path_and_query)
        .is_some_and(|path| {
            path.as_str()
                .contains(['[', ']', '{', '}', '|', '\\', '^', '"', '<', '>', '`'])
        })
}

/// The part of [`check`] that is a promise to users, for the fuzz target: `same_origin()` is
/// never `Some(true)` where the standard reads another origin, and `to_uri()` never hands out a
/// target the standard rejects or puts in another place (scheme, host, port). The rest of the
/// agreement (paths after dot-segment removal, a target refused here that the standard has, a
/// value rejected here that the standard reads) is held on generated values by
/// `tests/location_whatwg.rs` and on WPT's by `tests/conformance_url.rs`, where each difference
/// is listed; raw fuzzer bytes find new spellings of those differences faster than they can be
/// named.
#[allow(dead_code)] // the fuzz target's; tests/location_whatwg.rs runs the whole `check`
pub fn check_security(
    value: &str,
    base: Option<&http::Uri>,
    location: &Location,
) -> Result<(), String> {
    if let Err(disagreement) = check(value, base, location)
        && disagreement.starts_with("same_origin()")
    {
        return Err(disagreement);
    }
    let Ok(base_url) = base_url(base) else {
        return Ok(());
    };
    let Some(uri) = location.to_uri() else {
        return Ok(());
    };
    match reference(value, base_url.as_ref()) {
        Err(_) => Err(format!(
            "to_uri() {uri} where WHATWG rejects {value:?} against {base:?}"
        )),
        Ok(target) => match Url::parse(&uri.to_string()) {
            Ok(ours) if place(&ours) == place(&target) => Ok(()),
            ours => Err(format!(
                "to_uri() {uri} is {:?}, WHATWG's {target} is {:?}: {value:?} against {base:?}",
                ours.as_ref().map(place),
                place(&target)
            )),
        },
    }
}
