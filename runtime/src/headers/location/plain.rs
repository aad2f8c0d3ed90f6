//! The common `Location` read without the full machinery: an absolute network URL whose every
//! character is one that no step of the full reading rewrites, rejects or reads differently.
//!
//! For such a value the WHATWG reading (`browser.rs`) is the value itself (a network scheme,
//! exactly two slashes, a host of letters, digits, dots and hyphens whose last label is
//! letters, so neither a number nor an IPv4 address, and a valid port), the lenient encoding
//! keeps it, RFC 3986 accepts it, it has no dot segment (so it is its own resolution) and
//! `http::Uri` reads the same scheme, host and port from it: the origin is compared from the
//! text. Anything else, `None`, and the full reading decides (`location/tests.rs` holds the
//! two to the same answer).

use super::{Location, Origin};

/// The schemes of the fast path, as written (lowercase), with their default ports.
const SCHEMES: [(&str, u16); 5] = [
    ("http", 80),
    ("https", 443),
    ("ws", 80),
    ("wss", 443),
    ("ftp", 21),
];

/// Longer values take the full reading (`http::Uri` has a length limit).
const MAX_LENGTH: usize = 2048;

/// The `Location` of `raw` (already trimmed), or `None` when the full reading must decide.
pub(super) fn read(raw: &str, base: Option<&Origin<'_>>) -> Option<Location> {
    if raw.len() > MAX_LENGTH {
        return None;
    }
    let (scheme, rest) = raw.split_once("://")?;
    let &(scheme, default_port) = SCHEMES.iter().find(|(known, _)| *known == scheme)?;
    // An authority, then a path: `?` or `#` right after the host takes the full reading.
    let slash = rest.bytes().position(|b| b == b'/')?;
    let (authority, tail) = rest.split_at_checked(slash)?;
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port_of(port)?)),
        None => (authority, None),
    };
    if !is_plain_host(host) || !is_plain_tail(tail) {
        return None;
    }
    let same_origin = base.map(|base| {
        *base
            == Origin {
                scheme,
                host,
                port: Some(port.unwrap_or(default_port)),
            }
    });
    Some(Location {
        raw: raw.to_owned(),
        resolved: Some(raw.to_owned()),
        same_origin,
        relative: false,
    })
}

/// Digits without a leading zero that fit a port.
fn port_of(port: &str) -> Option<u16> {
    if port.starts_with('0') || !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    port.parse().ok()
}

/// Labels of ASCII letters, digits and hyphens, the last one letters only.
fn is_plain_host(host: &str) -> bool {
    let last = host.rsplit('.').next().unwrap_or("");
    !last.is_empty()
        && last.bytes().all(|b| b.is_ascii_alphabetic())
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// A path from `/`, then a query and a fragment, of RFC 3986's unreserved characters,
/// sub-delimiters, `:`, `@`, `/` and `?` (no `%`, no backslash, no second `#`), without a dot
/// segment.
fn is_plain_tail(tail: &str) -> bool {
    let mut fragment = false;
    for b in tail.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {}
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => {}
            b':' | b'@' | b'/' | b'?' => {}
            b'#' if !fragment => fragment = true,
            _ => return false,
        }
    }
    let path_end = tail.bytes().position(|b| b == b'?' || b == b'#');
    let path = tail.get(..path_end.unwrap_or(tail.len())).unwrap_or(tail);
    !path
        .split('/')
        .any(|segment| segment == "." || segment == "..")
}
