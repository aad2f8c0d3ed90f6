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
    let colon = raw.bytes().position(|b| b == b':')?;
    let scheme = raw.get(..colon)?;
    let &(scheme, default_port) = SCHEMES.iter().find(|(known, _)| *known == scheme)?;
    let rest = raw.get(colon + 1..)?.strip_prefix("//")?;
    // An authority, then a path: `?` or `#` right after the host takes the full reading.
    let slash = rest.bytes().position(|b| b == b'/')?;
    let (authority, tail) = rest.split_at_checked(slash)?;
    let (host, port) = match authority.bytes().position(|b| b == b':') {
        Some(colon) => (
            authority.get(..colon)?,
            Some(port_of(authority.get(colon + 1..)?)?),
        ),
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

/// Labels of ASCII letters, digits and hyphens, the last one letters only (so the host is
/// neither a number nor an IPv4 address).
fn is_plain_host(host: &str) -> bool {
    // Whether the label being read is letters only (and not empty), and whether it just began.
    let (mut letters, mut label_start) = (false, true);
    for b in host.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' => {
                letters |= label_start;
                label_start = false;
            }
            b'0'..=b'9' | b'-' => (letters, label_start) = (false, false),
            b'.' => (letters, label_start) = (false, true),
            _ => return false,
        }
    }
    letters
}

/// A path from `/`, then a query and a fragment, of RFC 3986's unreserved characters,
/// sub-delimiters, `:`, `@`, `/` and `?` (no `%`, no backslash, no second `#`), without a dot
/// segment.
fn is_plain_tail(tail: &str) -> bool {
    let mut fragment = false;
    let mut in_path = true;
    // The current path segment: its length and how many of its bytes are dots.
    let (mut length, mut dots) = (0usize, 0usize);
    let dot_segment = |length: usize, dots: usize| length == dots && (length == 1 || length == 2);
    for b in tail.bytes() {
        match b {
            b'/' if in_path => {
                if dot_segment(length, dots) {
                    return false;
                }
                (length, dots) = (0, 0);
                continue;
            }
            b'?' | b'#' if in_path => {
                if dot_segment(length, dots) {
                    return false;
                }
                in_path = false;
                if b == b'#' {
                    fragment = true;
                }
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {}
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => {}
            b':' | b'@' | b'/' | b'?' => {}
            b'#' if !fragment => fragment = true,
            _ => return false,
        }
        length += 1;
        dots += usize::from(b == b'.');
    }
    !(in_path && dot_segment(length, dots))
}
