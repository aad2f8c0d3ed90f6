//! `Location` (RFC 9110 §10.2.2): where a created resource lives (201), where to monitor a job
//! (202), where a resource moved (3xx) — resolved against the request URI.

use core::fmt::Write as _;
use std::borrow::Cow;

use http::header::LOCATION;
use http::{HeaderMap, HeaderName, Uri};
use iri_string::types::{UriAbsoluteStr, UriReferenceStr};

use super::{ParseHeaderError, TypedHeader, utf8};
use crate::context::RequestContext;

mod browser;
mod plain;

/// The `Location` header: the value as sent and, when possible, the absolute URI it refers to.
///
/// Relative references such as `/jobs/7`, `7` or `../x` are normal in `Location`; they are
/// resolved per RFC 3986 §5.2 against the request URI that a client integration (or you)
/// recorded in the response's [`RequestContext`](crate::RequestContext). An absolute value needs
/// no request URI.
///
/// A variant for 201 or 301 with a non-optional `Location` field fails with
/// [`ExtractError::MissingHeader`](crate::ExtractError::MissingHeader) naming `location` when the
/// server did not send one (the error reads "header \`location\` is missing"); use
/// `Option<Location>` where the header may be missing. The derive does not restrict where a
/// `Location` field may appear: on a variant that only codes without a `Location` reach (a 404,
/// say) it compiles, and as `Option<Location>` it is simply `None` there.
///
/// # Read as browsers read it
///
/// Wherever that could change the scheme, host or port, the value is read as browsers read it:
/// the [WHATWG URL Standard](https://url.spec.whatwg.org/#concept-basic-url-parser), also
/// implemented by the `url` crate and so used by reqwest. The suite holds this reader against
/// `url` (tie-broken by Node.js where `url` strays from the standard) over generated values and
/// in a fuzz target. In an `http(s)`, `ws(s)` or `ftp` URL, and relative to such a request:
///
/// - C0 controls and spaces (U+0000 to U+0020) are stripped from both ends, and tabs and
///   newlines removed anywhere. Other Unicode whitespace (U+00A0, U+0085, U+3000) is kept, as
///   browsers keep it: `\u{A0}//evil.example` is a path on the request's host.
/// - A backslash before the query is a slash (also in `file` URLs).
/// - Any number of slashes after the scheme, or at the start of a relative value, starts the
///   host: `///evil.example`, `https:evil.example` (against a request of another scheme) and
///   `https:///evil.example` name `evil.example`. With a request of the same scheme,
///   `https:x` and `https:/x` are relative, as for browsers.
/// - The last `@` of the authority ends the userinfo; earlier ones are percent-encoded.
/// - A value browsers reject (an empty host, a control or `%`, `^`, `|`... in the host once
///   percent-decoded, a host ending in a number that is no IPv4 address such as `1.2.3.999`, a
///   port above 65535, an IP literal that is no IPv6 address) has no target:
///   [`resolved`](Self::resolved) is `None` and [`same_origin`](Self::same_origin) `Some(false)`.
///
/// Deliberate differences, none of which can move the host: the [`resolved`](Self::resolved)
/// URI keeps the value's spelling (case, percent-encoding, `0x7f.1`, a default or empty port, a
/// non-ASCII host percent-encoded rather than in punycode), which a WHATWG parser reads as the
/// same host, while [`same_origin`](Self::same_origin) compares that spelling and so may say
/// `Some(false)` for what a browser would call the same origin. A value that is no URI reference
/// even when read leniently (a `%` without two hex digits, a broken IP literal, a port with
/// letters, `:x`) is [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader) where
/// browsers may accept or reject it. Other schemes (`file`, `mailto:`, `urn:`...) are read per
/// RFC 3986 and have no origin to share. Spaces and non-ASCII characters, which browsers accept,
/// are percent-encoded before parsing, as browsers do.
///
/// # Same origin: may credentials follow it?
///
/// Resolution can move a request to another host, and a `Location` comes from the server: a
/// client that follows a redirect or a 201 with its `Authorization` header, cookies or a token
/// must first check that the target has the request's origin. [`same_origin`](Self::same_origin)
/// answers that, for the [`resolved`](Self::resolved) target against the request URI (RFC 6454:
/// scheme, host and port; ASCII case ignored; 80, 443 and 21 filled in for `http`/`ws`,
/// `https`/`wss` and `ftp`):
///
/// | `same_origin()` | when | examples, for a request to `https://api.example/v1/orders` |
/// |---|---|---|
/// | `Some(true)` | same scheme, host and port | `17`, `../x`, `/v2`, `//api.example/x`, `HTTPS://API.EXAMPLE:443/x`, `https://user@api.example/` (userinfo is not part of the origin), `https:other` (relative, as for browsers) |
/// | `Some(false)` | another scheme, host or port | `//evil.example/x`, `http://api.example/` (downgrade), `https://api.example:8443/`, `https://api.example.evil.example/`, `https://api.example@evil.example/` |
/// | `Some(false)` | a target without a network origin | `javascript:alert(1)`, `data:...`, `mailto:u@api.example`, `file:///x` |
/// | `Some(false)` | what browsers read as another host | `/\evil.example`, `\\evil.example`, `/<TAB>/evil.example`, `///evil.example`, `http:other`, `https://evil.example\@api.example/`: resolved, as a browser would, to `https://evil.example/...` (`http://other` for `http:other`) |
/// | `Some(false)` | what browsers reject | `//evil.example%01/`, `//1.2.3.999/`, `https://api.example:443443/`: no [`resolved`](Self::resolved) target |
/// | `None` | the request URI is unknown (no [`RequestContext`](crate::RequestContext), or one without an absolute `http(s)`, `ws(s)` or `ftp` URI), or a relative value could not be resolved | |
///
/// [`is_same_origin`](Self::is_same_origin) is `true` only for `Some(true)`: the conservative
/// answer. Follow [`resolved`](Self::resolved) or [`to_uri`](Self::to_uri), not
/// [`as_str`](Self::as_str): the flag describes the resolved target.
///
/// `Debug` shows the userinfo of the value (`https://user:password@host/`) as `[redacted]`;
/// `Display` is the resolved URI itself, userinfo included.
///
/// ```
/// use response_handler::{Location, RequestContext, ResponseHandler};
///
/// #[derive(Debug, ResponseHandler)]
/// enum CreateJob {
///     #[on(201, 202)]
///     Started(Location),
/// }
///
/// let mut response = http::Response::builder()
///     .status(202)
///     .header("location", "../jobs/7")
///     .body(())
///     .unwrap();
/// response.extensions_mut().insert(RequestContext::new(
///     http::Method::POST,
///     "https://api.example.com/v1/uploads/new".parse().unwrap(),
/// ));
/// let CreateJob::Started(location) = CreateJob::from_response(response).unwrap();
/// assert_eq!(location.as_str(), "../jobs/7");
/// assert_eq!(location.resolved(), Some("https://api.example.com/v1/jobs/7"));
/// assert!(location.is_same_origin());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Location {
    raw: String,
    resolved: Option<String>,
    same_origin: Option<bool>,
    relative: bool,
}

impl Location {
    /// Reads `value` as a `Location`, resolving it against `base` (the request URI) if given.
    ///
    /// ```
    /// use response_handler::Location;
    ///
    /// let base = "http://example.com/a/b?q".parse().unwrap();
    /// let moved = Location::parse("//cdn.example.com/x", Some(&base)).unwrap();
    /// assert_eq!(moved.resolved(), Some("http://cdn.example.com/x"));
    /// assert_eq!(moved.same_origin(), Some(false));
    /// ```
    pub fn parse(value: &str, base: Option<&Uri>) -> Result<Self, ParseHeaderError> {
        let raw = value.trim_matches(browser::is_c0_control_or_space);
        // Only an absolute request URI is a base: the authority form of a `CONNECT` request
        // (`example.com:443`) prints as text that RFC 3986 reads as the scheme `example.com`.
        let base = base.filter(|base| base.scheme().is_some());
        let base_origin = base.and_then(origin);
        // Most values are plain absolute URLs that no rule rewrites: decided from the text.
        if let Some(location) = plain::read(raw, base_origin.as_ref()) {
            return Ok(location);
        }
        Self::read_fully(raw, base, base_origin)
    }

    /// [`parse`](Self::parse) through the full reading: the WHATWG steps, the lenient
    /// encoding, RFC 3986 resolution and the origin of the parsed target.
    fn read_fully(
        raw: &str,
        base: Option<&Uri>,
        base_origin: Option<Origin<'_>>,
    ) -> Result<Self, ParseHeaderError> {
        let (read, rejected) = match browser::read(raw, base.and_then(Uri::scheme_str)) {
            browser::Reading::Reference(read) => (read, false),
            browser::Reading::Rejected(read) => (read, true),
        };
        let encoded = encode_lenient(&read);
        let reference = UriReferenceStr::new(&encoded)
            .map_err(|_| ParseHeaderError::new("not a URI reference (RFC 3986)"))?;
        if rejected {
            // Browsers go nowhere: neither do we, and nowhere is not the request's origin.
            return Ok(Self {
                raw: raw.to_owned(),
                resolved: None,
                same_origin: base_origin.map(|_| false),
                relative: !browser::has_scheme(raw),
            });
        }
        let relative = !browser::has_scheme(raw);
        let resolved = if reference.scheme_str().is_some() {
            resolve_absolute(reference, &encoded)
        } else {
            // The request URI is needed as text only for a relative reference.
            base.and_then(|base| {
                let base_text = base.to_string();
                let base_absolute = UriAbsoluteStr::new(without_fragment(&base_text)).ok()?;
                resolve(reference, base_absolute)
            })
        };
        // Unknown unless both are known: an origin-form request URI (`/users`) has no origin.
        let same_origin = match (&resolved, base_origin) {
            (Some(target), Some(base)) => Some(has_origin(target, &base)),
            _ => None,
        };
        Ok(Self {
            raw: raw.to_owned(),
            resolved,
            same_origin,
            relative,
        })
    }

    /// The value exactly as sent, without the C0 controls and spaces (U+0000 to U+0020) that
    /// browsers strip from its ends.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The absolute URI the value refers to, read as browsers read it (see
    /// [the type](Self#read-as-browsers-read-it)): the value itself if it is absolute, else the
    /// value resolved against the request URI. `None` for a relative value when the request URI
    /// is unknown (no [`RequestContext`](crate::RequestContext), or one without an absolute
    /// URI), and for a value browsers reject (`//evil.example%01/`).
    pub fn resolved(&self) -> Option<&str> {
        self.resolved.as_deref()
    }

    /// [`resolved`](Self::resolved) as an [`http::Uri`], ready for the next request: only for
    /// `http`, `https`, `ws`, `wss` and `ftp` targets (a `file:` or `foo:` target is nowhere an
    /// HTTP client sends to); `None` also for a target without an authority
    /// (`mailto:u@evil.example`, `urn:x`, whose text `http` would read with a host they do not
    /// have), when `http` cannot represent it, and where a
    /// browser would refuse what `http` accepts: a port above 65535, an empty host, a port on a
    /// `file` URL, an `xn--` (punycode) label (IDNA is not checked here, so none is trusted).
    /// A fragment is not part of an `http::Uri` and is dropped.
    pub fn to_uri(&self) -> Option<Uri> {
        let resolved = self.resolved.as_deref()?;
        // Only `scheme://authority...`: `http` would read the `u@evil.example` of
        // `mailto:u@evil.example` as an authority, a host that the URI does not have.
        let (_, after_scheme) = resolved.split_once(':')?;
        if !after_scheme.starts_with("//") {
            return None;
        }
        let uri: Uri = without_fragment(resolved).parse().ok()?;
        is_followable(&uri).then_some(uri)
    }

    /// `true` if the value has no scheme (it was relative to the request URI).
    pub fn is_relative(&self) -> bool {
        self.relative
    }

    /// Whether the target has the same origin (RFC 6454: scheme, host and port, default ports
    /// filled in) as the request: `None` when the request URI or the target is unknown,
    /// `Some(false)` when browsers reject the value (there is no target to share it).
    pub fn same_origin(&self) -> Option<bool> {
        self.same_origin
    }

    /// `true` only if the target is known to have the same origin as the request. The
    /// conservative answer for "may credentials follow this redirect?".
    pub fn is_same_origin(&self) -> bool {
        self.same_origin == Some(true)
    }
}

/// Whether a browser would go to `uri` at all, for what `http::Uri` accepts and the WHATWG
/// parser refuses (WPT `urltestdata.json`): a port above 65535 (`non-special://f:999999/c`), an
/// empty host (`sc://:12/`, `data://:443`), a port on a `file` URL, and a punycode label
/// (`xn--`). Browsers refuse the punycode labels that fail IDNA (`xn--`, `a.b.c.xn--pokxncvks`);
/// telling those from valid ones takes Unicode tables this crate does not carry, so every `xn--`
/// label is refused here: `resolved()` still gives the text.
fn is_followable(uri: &Uri) -> bool {
    // Only the network schemes whose host the URL Standard parses as one (its special schemes
    // but `file`): a `file:`, `mailto:` or `foo:` target is nowhere an HTTP client can send
    // to, and in such schemes the Standard's host rules and `http`'s differ
    // (`file://[::1]:`, `foo://[v1.x]/`).
    if !matches!(
        uri.scheme_str().map(str::to_ascii_lowercase).as_deref(),
        Some("http" | "https" | "ws" | "wss" | "ftp")
    ) {
        return false;
    }
    let Some(authority) = uri.authority() else {
        return false;
    };
    // `http` reads a port it cannot hold as none: the text says what was sent.
    let host_port = authority.as_str().rsplit('@').next().unwrap_or("");
    let port_ok = match host_port.rsplit_once(':') {
        Some((_, port)) if !host_port.ends_with(']') => {
            port.is_empty() || port.parse::<u16>().is_ok()
        }
        _ => true,
    };
    let host = uri.host().unwrap_or("");
    let punycode = host.split('.').any(|label| {
        label
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
    });
    let file_port = uri.scheme_str() == Some("file") && authority.port().is_some();
    port_ok && !host.is_empty() && !punycode && !file_port
}

/// Shows the userinfo of the value (`https://user:password@host/`, which RFC 9110 forbids in
/// `Location` but a server may still send) as `[redacted]`.
impl core::fmt::Debug for Location {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Location")
            .field("raw", &without_userinfo(&self.raw))
            .field("resolved", &self.resolved.as_deref().map(without_userinfo))
            .field("same_origin", &self.same_origin)
            .finish()
    }
}

impl core::fmt::Display for Location {
    /// The resolved URI if known, else the value as sent.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.resolved.as_deref().unwrap_or(&self.raw))
    }
}

impl TypedHeader for Location {
    fn name() -> &'static HeaderName {
        &LOCATION
    }

    /// The first `Location` line, through [`Location::parse`] against the request URI.
    #[inline]
    fn decode(
        headers: &HeaderMap,
        request: Option<&RequestContext>,
    ) -> Result<Option<Self>, ParseHeaderError> {
        let base = request.and_then(RequestContext::uri);
        let Some(value) = headers.get(&LOCATION) else {
            return Ok(None);
        };
        // Not `first_line`, whose `str::trim` would also drop U+00A0, U+0085 or U+3000 from
        // the ends, which browsers keep (a leading one makes `//evil.example` a path).
        let value = utf8(value, &LOCATION)?.trim_matches(browser::is_c0_control_or_space);
        if value.is_empty() {
            return Ok(None);
        }
        Self::parse(value, base)
            .map(Some)
            .map_err(|error| error.in_header(&LOCATION))
    }
}

/// RFC 3986 §5.2 resolution. `None` in the rare cases the algorithm cannot express the result
/// (a base without authority and a path starting with `//` after dot-segment removal).
fn resolve(reference: &UriReferenceStr, base: &UriAbsoluteStr) -> Option<String> {
    let resolved = reference.resolve_against(base);
    resolved.ensure_rfc3986_normalizable().ok()?;
    let mut text = String::new();
    // Display fails instead of producing a wrong URI; never `to_string()`, which would panic.
    write!(text, "{resolved}").ok()?;
    Some(text)
}

/// An absolute reference resolved against itself (RFC 3986 §5.2.2): only dot-segment removal
/// in its path can change it, so a path without dot segments is the reference as it is.
fn resolve_absolute(reference: &UriReferenceStr, encoded: &str) -> Option<String> {
    if !reference.path_str().split('/').any(is_dot_segment) {
        return Some(encoded.to_owned());
    }
    let own_base = UriAbsoluteStr::new(without_fragment(encoded)).ok()?;
    resolve(reference, own_base)
}

/// `.` or `..`, either dot possibly percent-encoded (`%2E`, `%2e`), as RFC 3986 §5.2.4 and
/// `iri-string` read them.
fn is_dot_segment(segment: &str) -> bool {
    fn strip_dot(text: &str) -> Option<&str> {
        text.strip_prefix('.').or_else(|| {
            text.get(..3)
                .filter(|dot| dot.eq_ignore_ascii_case("%2e"))
                .and_then(|_| text.get(3..))
        })
    }
    match strip_dot(segment) {
        Some("") => true,
        Some(rest) => strip_dot(rest) == Some(""),
        None => false,
    }
}

/// The scheme of `value` (RFC 3986 §3.1: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`).
fn scheme_of(value: &str) -> Option<&str> {
    let (scheme, _) = value.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// `uri` with its userinfo (`user:password@`) replaced, for `Debug`: the one place in a URI
/// whose syntax says "credential".
fn without_userinfo(uri: &str) -> Cow<'_, str> {
    let authority_start = match uri.find("//") {
        Some(index)
            if uri.get(..index).is_some_and(|before| {
                before.is_empty() || (before.ends_with(':') && scheme_of(before).is_some())
            }) =>
        {
            index + 2
        }
        _ => return Cow::Borrowed(uri),
    };
    let (head, rest) = uri.split_at_checked(authority_start).unwrap_or((uri, ""));
    let authority_end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = rest.get(..authority_end).unwrap_or(rest);
    match authority.rfind('@') {
        Some(at) => Cow::Owned(format!("{head}[redacted]{}", rest.get(at..).unwrap_or(""))),
        None => Cow::Borrowed(uri),
    }
}

/// Percent-encodes what may not appear in a URI but browsers accept in `Location`: spaces,
/// `"<>\^`{|}`, controls and non-ASCII (as UTF-8 bytes). `%` and the reserved characters are
/// left alone, so a value that is already a URI does not change.
fn encode_lenient(value: &str) -> Cow<'_, str> {
    let keep = |byte: u8| {
        byte.is_ascii_graphic()
            && !matches!(
                byte,
                b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
            )
    };
    // Most values need no encoding: borrow them.
    let Some(first) = value.bytes().position(|byte| !keep(byte)) else {
        return Cow::Borrowed(value);
    };
    let (kept, rest) = value.split_at_checked(first).unwrap_or(("", value));
    let mut out = String::with_capacity(value.len() + 8);
    out.push_str(kept);
    for byte in rest.bytes() {
        if keep(byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    Cow::Owned(out)
}

fn without_fragment(uri: &str) -> &str {
    uri.split_once('#').map_or(uri, |(before, _)| before)
}

/// Whether the absolute URI `target` has the origin `base`: `false` for a target without one
/// (`javascript:`, `https:x`).
fn has_origin(target: &str, base: &Origin<'_>) -> bool {
    without_fragment(target)
        .parse::<Uri>()
        .ok()
        .is_some_and(|target| origin(&target).is_some_and(|target| target == *base))
}

/// An origin (RFC 6454): scheme, host and port, compared ignoring ASCII case.
struct Origin<'a> {
    scheme: &'a str,
    host: &'a str,
    port: Option<u16>,
}

impl PartialEq for Origin<'_> {
    fn eq(&self, other: &Self) -> bool {
        // Most origins compared are spelled alike: a plain comparison first.
        let same = |a: &str, b: &str| a == b || a.eq_ignore_ascii_case(b);
        self.port == other.port && same(self.scheme, other.scheme) && same(self.host, other.host)
    }
}

/// The origin of a network `scheme`'s plain `authority` (no userinfo, no IP literal, a port of
/// digits if any) read from the text, as [`origin`] reads it through `http::Uri`; `None` for
/// any other authority, which [`origin`] reads in full.
fn plain_origin<'a>(scheme: &'a str, authority: &'a str) -> Option<Origin<'a>> {
    if authority
        .bytes()
        .any(|b| b == b'@' || b == b'[' || b == b']')
    {
        return None;
    }
    let (host, port) = match authority.bytes().position(|b| b == b':') {
        Some(colon) => {
            let port = authority.get(colon + 1..)?;
            if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (authority.get(..colon)?, Some(port.parse().ok()?))
        }
        None => (authority, None),
    };
    if host.is_empty() {
        return None;
    }
    Some(Origin {
        scheme,
        host,
        port: port.or_else(|| Some(default_port(scheme))),
    })
}

/// The port of a network scheme when the authority names none.
fn default_port(scheme: &str) -> u16 {
    let is = |name: &str| scheme.eq_ignore_ascii_case(name);
    if is("http") || is("ws") {
        80
    } else if is("https") || is("wss") {
        443
    } else {
        21
    }
}

/// The origin of `uri` (RFC 6454: scheme, host, port; default ports filled in); `None` when
/// it has none we can compare: a scheme other than `http(s)`, `ws(s)` and `ftp` (the WHATWG URL
/// Standard gives the others an opaque origin, equal to nothing), or a port that is no `u16`
/// (`:443443`, `:`), for which `http` reports no port at all, which must not be read as the
/// default one.
fn origin<'a>(uri: &'a Uri) -> Option<Origin<'a>> {
    let scheme = uri
        .scheme_str()
        .filter(|scheme| browser::is_network_scheme(scheme))?;
    match uri
        .authority()
        .and_then(|authority| plain_origin(scheme, authority.as_str()))
    {
        Some(origin) => Some(origin),
        None => full_origin(uri),
    }
}

/// [`origin`] through `http::Uri`'s reading of the authority.
fn full_origin<'a>(uri: &'a Uri) -> Option<Origin<'a>> {
    let scheme = uri
        .scheme_str()
        .filter(|scheme| browser::is_network_scheme(scheme))?;
    let host = uri.host()?;
    let authority = uri.authority()?.as_str();
    // Byte searches: `@`, `]` and `:` are ASCII, and short authorities are common.
    let after_last = |text: &'a str, byte: u8| {
        text.bytes()
            .rposition(|b| b == byte)
            .and_then(|at| text.get(at + 1..))
            .unwrap_or(text)
    };
    let host_and_port = after_last(authority, b'@');
    let after_ip_literal = after_last(host_and_port, b']');
    let port = match (uri.port_u16(), after_ip_literal.bytes().any(|b| b == b':')) {
        (Some(port), _) => Some(port),
        (None, true) => return None,
        (None, false) => Some(default_port(scheme)),
    };
    Some(Origin { scheme, host, port })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
