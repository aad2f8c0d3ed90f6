//! The WHATWG URL Standard's reading of a `Location` value (<https://url.spec.whatwg.org/>,
//! "basic URL parser"), as far as it decides the scheme, host and port, rewritten as RFC 3986
//! reference text with the same target.
//!
//! Browsers, and the `url` crate that reqwest uses, parse a `Location` with this algorithm;
//! RFC 3986 alone reads some values as another host (`///evil.example`, `https:evil.example`)
//! or accepts hosts they reject (`evil.example%01`). The runtime avoids `url` itself (its IDNA
//! tables): only the steps that can move the host are modelled here, and a value those steps
//! reject has no target. What this leaves to RFC 3986 (path and query encoding, IDNA mapping of
//! non-ASCII hosts) cannot change the host that a WHATWG parser reads from the result: a
//! non-ASCII host is kept percent-encoded, which such a parser decodes back to the same text.

use std::borrow::Cow;

use super::scheme_of;

/// How browsers read a value.
pub(super) enum Reading<'a> {
    /// RFC 3986 reference text that names the target browsers would go to.
    Reference(Cow<'a, str>),
    /// Browsers reject the value ("return failure"): they go nowhere. The text is what RFC 3986
    /// would have read, for telling a value that is no URI reference at all.
    Rejected(Cow<'a, str>),
}

/// The WHATWG "special" schemes other than `file`: a host is required, `\` is `/`, and the
/// slashes after the scheme are not counted.
const NETWORK_SCHEMES: [&str; 5] = ["http", "https", "ws", "wss", "ftp"];

/// The scheme whose URLs, per WHATWG, read `\` as `/` but keep their own host rules (drive
/// letters, `localhost`): not a network target, so only the backslash rule applies.
const FILE: &str = "file";

/// Whether `scheme` is one of [`NETWORK_SCHEMES`], ignoring ASCII case.
pub(super) fn is_network_scheme(scheme: &str) -> bool {
    NETWORK_SCHEMES
        .iter()
        .any(|special| scheme.eq_ignore_ascii_case(special))
}

/// A WHATWG "C0 control or space" (U+0000 to U+0020): what the URL parser strips from both
/// ends of its input. Not `char::is_whitespace`: U+00A0 or U+3000 at the start of a value is
/// part of a path for browsers.
pub(super) fn is_c0_control_or_space(c: char) -> bool {
    c <= '\u{20}'
}

/// Whether `value` starts with a scheme once tabs and newlines are removed.
pub(super) fn has_scheme(value: &str) -> bool {
    if value.contains(['\t', '\n', '\r']) {
        scheme_of(&value.replace(['\t', '\n', '\r'], "")).is_some()
    } else {
        scheme_of(value).is_some()
    }
}

/// Reads `value` (already stripped of C0 controls and spaces at both ends) as browsers do,
/// relative to a request URI with scheme `base_scheme` if known.
pub(super) fn read<'a>(value: &'a str, base_scheme: Option<&str>) -> Reading<'a> {
    // "Remove all ASCII tab or newline from input."
    let value: Cow<'a, str> = if value.contains(['\t', '\n', '\r']) {
        Cow::Owned(value.replace(['\t', '\n', '\r'], ""))
    } else {
        Cow::Borrowed(value)
    };
    if let Some(scheme) = scheme_of(&value) {
        let rest = value.get(scheme.len() + 1..).unwrap_or("");
        if scheme.eq_ignore_ascii_case(FILE) {
            return Reading::Reference(Cow::Owned(format!(
                "{scheme}:{}",
                backslashes_as_slashes(rest)
            )));
        }
        if !is_network_scheme(scheme) {
            // Another scheme: no backslash or slash rule, and an opaque host at most.
            return Reading::Reference(value);
        }
        let rest = backslashes_as_slashes(rest);
        // "special relative or authority state": with a request URI of the same scheme,
        // `https:x` is the relative `x` and `https:/x` the path `/x` on the request's host.
        if base_scheme.is_some_and(|base| base.eq_ignore_ascii_case(scheme))
            && !rest.starts_with("//")
        {
            return Reading::Reference(Cow::Owned(relative_path(&rest)));
        }
        // "special authority slashes state", then "special authority ignore slashes state":
        // any number of slashes, even none, leads to the authority.
        return with_authority(&format!("{scheme}:"), rest.trim_start_matches('/'));
    }
    match base_scheme {
        Some(base) if base.eq_ignore_ascii_case(FILE) => {
            Reading::Reference(Cow::Owned(backslashes_as_slashes(&value).into_owned()))
        }
        Some(base) if is_network_scheme(base) => {
            let value = backslashes_as_slashes(&value);
            // "relative slash state" to "special authority ignore slashes state": `//`, `///`,
            // `\\` all start an authority.
            if value.starts_with("//") {
                return with_authority("", value.trim_start_matches('/'));
            }
            Reading::Reference(Cow::Owned(value.into_owned()))
        }
        _ => Reading::Reference(value),
    }
}

/// A path relative to the request URI; `./` in front if its first segment has a `:`, which
/// RFC 3986 §4.2 would otherwise read as a scheme.
fn relative_path(rest: &str) -> String {
    let first_segment = rest.split(['/', '?', '#']).next().unwrap_or("");
    if first_segment.contains(':') {
        format!("./{rest}")
    } else {
        rest.to_owned()
    }
}

/// `\` as `/` before the query or fragment, as the WHATWG parser reads it in a special URL.
fn backslashes_as_slashes(value: &str) -> Cow<'_, str> {
    let end = value.find(['?', '#']).unwrap_or(value.len());
    let (before, after) = value.split_at_checked(end).unwrap_or((value, ""));
    if before.contains('\\') {
        Cow::Owned(format!("{}{after}", before.replace('\\', "/")))
    } else {
        Cow::Borrowed(value)
    }
}

/// `prefix` (a scheme and `:`, or nothing), `//` and `rest`, whose authority (up to the first
/// `/`, `?` or `#`) is checked as the WHATWG "authority state", "host state" and "port state"
/// would: [`Reading::Rejected`] where they return failure.
fn with_authority<'a>(prefix: &str, rest: &str) -> Reading<'a> {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at_checked(end).unwrap_or((rest, ""));
    // The last `@` ends the userinfo; earlier ones are data (percent-encoded by browsers).
    let (userinfo, host_and_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_and_port)) => (Some(userinfo), host_and_port),
        None => (None, authority),
    };
    let valid = split_host_and_port(host_and_port)
        .is_some_and(|(host, port)| port.is_none_or(is_valid_port) && is_valid_host(host));
    let mut text = String::with_capacity(prefix.len() + rest.len() + 8);
    text.push_str(prefix);
    text.push_str("//");
    if let Some(userinfo) = userinfo {
        for c in userinfo.chars() {
            match c {
                '@' => text.push_str("%40"),
                '[' => text.push_str("%5B"),
                ']' => text.push_str("%5D"),
                c => text.push(c),
            }
        }
        text.push('@');
    }
    text.push_str(host_and_port);
    text.push_str(tail);
    if valid {
        Reading::Reference(Cow::Owned(text))
    } else {
        Reading::Rejected(Cow::Owned(text))
    }
}

/// Host and port (`None` if no `:`); `None` where the brackets of an IP literal do not close
/// the host, or appear inside it.
fn split_host_and_port(host_and_port: &str) -> Option<(&str, Option<&str>)> {
    if host_and_port.starts_with('[') {
        let close = host_and_port.find(']')?;
        let (host, after) = host_and_port.split_at_checked(close + 1)?;
        return match after.strip_prefix(':') {
            Some(port) => Some((host, Some(port))),
            None => after.is_empty().then_some((host, None)),
        };
    }
    if host_and_port.contains(['[', ']']) {
        return None;
    }
    Some(match host_and_port.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_and_port, None),
    })
}

/// WHATWG "port state": ASCII digits (leading zeros allowed), at most 65535; empty is no port.
fn is_valid_port(port: &str) -> bool {
    let significant = port.trim_start_matches('0');
    port.bytes().all(|b| b.is_ascii_digit())
        && (significant.is_empty() || significant.parse::<u16>().is_ok())
}

/// WHATWG "host parser" for a special URL, as far as it can fail on text that RFC 3986 would
/// accept once percent-encoded: an empty host, an IP literal that is no IPv6 address, a
/// forbidden domain code point after percent-decoding, bytes that are no UTF-8, and a host
/// ending in a number that is no IPv4 address (`1.2.3.999`).
fn is_valid_host(host: &str) -> bool {
    if host.is_empty() {
        return false;
    }
    if let Some(literal) = host.strip_prefix('[') {
        // IPv6 digits only: no IPvFuture (`[v1.x]`), no zone: WHATWG has neither. Their syntax
        // is then RFC 3986's, checked by the RFC 3986 parser.
        return literal.strip_suffix(']').is_some_and(|inner| {
            inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        });
    }
    let Ok(decoded) = String::from_utf8(percent_decode(host)) else {
        return false;
    };
    if decoded.chars().any(is_forbidden_domain_code_point) {
        return false;
    }
    // IDNA maps non-ASCII (fullwidth digits among them), which is not modelled: such a host
    // is kept percent-encoded, and a WHATWG parser reads it as browsers read the value.
    if !decoded.is_ascii() || !ends_in_a_number(&decoded) {
        return true;
    }
    is_ipv4(&decoded)
}

/// WHATWG "forbidden domain code point".
fn is_forbidden_domain_code_point(c: char) -> bool {
    c <= '\u{20}'
        || c == '\u{7f}'
        || matches!(
            c,
            '#' | '%' | '/' | ':' | '<' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '|'
        )
}

/// WHATWG "percent-decode": `%` and two hex digits is a byte; any other `%` is kept.
fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match (byte, hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                // Two hex digits are at most 0xFF.
                out.push(u8::try_from(high * 16 + low).unwrap_or(u8::MAX));
                i += 3;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

/// WHATWG "ends in a number checker".
fn ends_in_a_number(host: &str) -> bool {
    let mut parts: Vec<&str> = host.split('.').collect();
    if parts.last() == Some(&"") {
        if parts.len() == 1 {
            return false;
        }
        parts.pop();
    }
    let last = parts.last().copied().unwrap_or("");
    (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit())) || ipv4_number(last).is_some()
}

/// WHATWG "IPv4 parser", as a yes/no: the host is kept as written, and parsed the same way by
/// whoever reads it.
fn is_ipv4(host: &str) -> bool {
    let mut parts: Vec<&str> = host.split('.').collect();
    if parts.last() == Some(&"") && parts.len() > 1 {
        parts.pop();
    }
    if parts.len() > 4 {
        return false;
    }
    let Some(numbers) = parts
        .iter()
        .map(|part| ipv4_number(part))
        .collect::<Option<Vec<u64>>>()
    else {
        return false;
    };
    let (last, init) = numbers.split_last().unwrap_or((&0, &[]));
    if init.iter().any(|number| *number > 255) {
        return false;
    }
    // The last number fills the octets the others left: 256^(5 - count) values.
    let octets_left = u32::try_from(5 - numbers.len()).unwrap_or(0);
    256u64
        .checked_pow(octets_left)
        .is_some_and(|limit| *last < limit)
}

/// WHATWG "IPv4 number parser": decimal, `0x` hexadecimal or `0` octal; `None` on failure
/// (and on numbers too large for any IPv4 address, where WHATWG fails later).
fn ipv4_number(part: &str) -> Option<u64> {
    if part.is_empty() {
        return None;
    }
    let (digits, radix) =
        if let Some(hex) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            (hex, 16)
        } else if part.len() > 1 && part.starts_with('0') {
            (part.get(1..).unwrap_or(""), 8)
        } else {
            (part, 10)
        };
    if digits.is_empty() {
        return Some(0);
    }
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    // Digits were checked: only overflow is left, and an overflowing number is no address.
    u64::from_str_radix(digits, radix).ok().or(Some(u64::MAX))
}
