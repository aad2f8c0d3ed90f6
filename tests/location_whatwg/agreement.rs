//! The agreement between [`Location`] and the WHATWG URL Standard, as the `url` crate implements
//! it: shared by `tests/location_whatwg.rs` and the `location` fuzz target.

use response_handler::Location;
use url::Url;

/// The WHATWG "special" schemes with a network host: where a wrong host sends a request (and
/// its credentials) elsewhere.
fn is_network(scheme: &str) -> bool {
    matches!(scheme, "http" | "https" | "ws" | "wss" | "ftp")
}

/// `base.join(value)`, except where `url` strays from the standard: it fails a value of three or
/// more slashes against an `http(s)`, `ws(s)` or `ftp` base (`EmptyHost` for `///evil.example`),
/// where the standard ("relative slash state", then "special authority ignore slashes state")
/// and Node.js read the host after the slashes (`https://evil.example/`).
fn join(base: &Url, value: &str) -> Result<Url, url::ParseError> {
    let joined = base.join(value);
    if joined.is_ok() || !is_network(base.scheme()) {
        return joined;
    }
    let value: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let slashes = value
        .chars()
        .take_while(|c| matches!(c, '/' | '\\'))
        .count();
    match value.get(slashes..) {
        Some(rest) if slashes >= 3 => Url::parse(&format!("{}://{rest}", base.scheme())),
        _ => joined,
    }
}

/// What a WHATWG parser reads as the target's place: scheme, host, port.
fn place(url: &Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_owned(),
        url.host_str().map(str::to_owned),
        url.port_or_known_default(),
    )
}

/// Checks `location`, read from the header text `value` against the request URI `base`,
/// against a browser's reading of the same text (`url`'s `join`, or `parse` without a base):
///
/// 1. `same_origin() == Some(true)` only if the browser's target has the request's origin.
/// 2. Where the browser's target or [`Location::resolved`] has a network scheme, a WHATWG
///    parser reads `resolved()` as the same scheme, host and port as the browser's target, and
///    rejects it where the browser rejects the value.
/// 3. [`Location::to_uri`] has a host only where the browser's target has that host.
///
/// A request URI that `url` cannot parse has no browser reading: nothing is checked then.
pub fn check(value: &str, base: Option<&http::Uri>, location: &Location) -> Result<(), String> {
    let base_url = match base.map(|base| Url::parse(&base.to_string())) {
        Some(Ok(base)) => Some(base),
        Some(Err(_)) => return Ok(()),
        None => None,
    };
    let browser = match &base_url {
        Some(base) => join(base, value),
        None => Url::parse(value),
    };
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
    if let Some(uri) = location.to_uri()
        && uri.host().is_some()
    {
        let browser_host = browser
            .as_ref()
            .ok()
            .filter(|url| is_network(url.scheme()))
            .map(place);
        let uri_host = Url::parse(&uri.to_string()).ok().map(|url| place(&url));
        if browser_host.is_some() && browser_host != uri_host {
            return Err(format!(
                "to_uri() {uri} reads as {uri_host:?}: {}",
                context()
            ));
        }
    }
    Ok(())
}
