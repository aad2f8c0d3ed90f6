//! What the client asked: the request's method and final URI, kept with the response, and the
//! origin it went to.

use core::fmt;
use std::sync::OnceLock;

use http::uri::Scheme;
use http::{Method, Uri};

/// The request a response answers: its method and its final URI (after redirects).
///
/// Client integrations insert it into the response's [`http::Extensions`]; you can insert it by
/// hand when you build responses yourself. The runtime reads it to know that an answer to
/// `HEAD` has no body, and to resolve relative `Location` values; [`origin`](Self::origin) is
/// what per-origin state (credentials, pacing) keys on.
///
/// A client that hands over its URL as text (reqwest's `Url`) is recorded as that text, and
/// [`uri`](Self::uri) parses it the first time it is asked for: most responses never need it,
/// so the parse is not paid on every request.
///
/// ```
/// use response_handler::{BufferedResponse, RequestContext};
///
/// let mut response = http::Response::new(());
/// response.extensions_mut().insert(RequestContext::new(
///     http::Method::HEAD,
///     "https://API.example.com/users/7".parse().unwrap(),
/// ));
/// let response = BufferedResponse::from(response);
/// let request = response.request().unwrap();
/// assert_eq!(request.method(), Some(&http::Method::HEAD));
/// assert_eq!(request.uri().unwrap().path(), "/users/7");
/// assert_eq!(request.origin().unwrap().to_string(), "https://api.example.com:443");
/// ```
#[derive(Clone, Default)]
pub struct RequestContext {
    method: Option<Method>,
    /// The URI, given or parsed from `text` on first use (`None` inside: `text` is no URI).
    uri: OnceLock<Option<Uri>>,
    /// The URL as the client wrote it, when it was recorded unparsed.
    text: Option<Box<str>>,
}

impl RequestContext {
    /// A context with both method and URI.
    pub fn new(method: Method, uri: Uri) -> Self {
        Self {
            method: Some(method),
            uri: OnceLock::from(Some(uri)),
            text: None,
        }
    }

    /// A context that knows only the URI (e.g. from a client's response type that does not
    /// record the method).
    pub fn from_uri(uri: Uri) -> Self {
        Self {
            method: None,
            uri: OnceLock::from(Some(uri)),
            text: None,
        }
    }

    /// A context for a URL the client holds as text: kept as it is, parsed when
    /// [`uri`](Self::uri) or [`origin`](Self::origin) is first asked for.
    pub fn from_url(method: Option<Method>, url: &str) -> Self {
        Self {
            method,
            uri: OnceLock::new(),
            text: Some(url.into()),
        }
    }

    /// The request method, when the integration knows it.
    pub fn method(&self) -> Option<&Method> {
        self.method.as_ref()
    }

    /// The final request URI (after redirects), when the integration knows it and it is one.
    pub fn uri(&self) -> Option<&Uri> {
        self.uri
            .get_or_init(|| self.text.as_deref().and_then(|text| text.parse().ok()))
            .as_ref()
    }

    /// The origin the request went to (RFC 6454: scheme, host, port), when the URI has one.
    pub fn origin(&self) -> Option<Origin> {
        Origin::of(self.uri()?)
    }

    /// `true` if the request was a `HEAD`.
    pub fn is_head(&self) -> bool {
        self.method == Some(Method::HEAD)
    }
}

impl PartialEq for RequestContext {
    fn eq(&self, other: &Self) -> bool {
        self.method == other.method && self.uri() == other.uri()
    }
}

impl Eq for RequestContext {}

impl fmt::Debug for RequestContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestContext")
            .field("method", &self.method)
            .field("uri", &self.uri())
            .finish()
    }
}

/// Where a request went, as RFC 6454 §4 compares it: the scheme, the host (lower case) and the
/// port (the scheme's default when the URI names none). Two requests share state (a credential,
/// a rate limit) when their origins are equal.
///
/// ```
/// use response_handler::Origin;
///
/// let a = Origin::of(&"https://Example.com/a".parse().unwrap()).unwrap();
/// let b = Origin::of(&"https://example.com:443/b?x".parse().unwrap()).unwrap();
/// assert_eq!(a, b);
/// assert_ne!(a, Origin::of(&"http://example.com/".parse().unwrap()).unwrap());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    scheme: Scheme,
    host: Box<str>,
    port: u16,
}

impl Origin {
    /// The origin of `uri`: `None` for a URI without a scheme or a host, or without a port for a
    /// scheme whose default this crate does not know (it knows `http` and `https`).
    pub fn of(uri: &Uri) -> Option<Self> {
        let scheme = uri.scheme()?.clone();
        let host = uri.host()?.to_ascii_lowercase().into_boxed_str();
        let port = match uri.port_u16() {
            Some(port) => port,
            None if scheme == Scheme::HTTPS => 443,
            None if scheme == Scheme::HTTP => 80,
            None => return None,
        };
        Some(Origin { scheme, host, port })
    }

    /// The scheme, as the URI spelled it (the `http` crate keeps `http` and `https` lower case).
    pub fn scheme(&self) -> &str {
        self.scheme.as_str()
    }

    /// The host, in lower case (a bracketed IPv6 address keeps its brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, the scheme's default when the URI names none.
    pub fn port(&self) -> u16 {
        self.port
    }
}

/// `scheme://host:port`, the port always written.
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_url_recorded_as_text_is_parsed_on_first_use_and_equals_the_parsed_form() {
        let text = RequestContext::from_url(Some(Method::GET), "https://API.example/v1?page=2");
        let parsed = RequestContext::new(
            Method::GET,
            "https://API.example/v1?page=2".parse().unwrap(),
        );
        assert!(
            text.uri.get().is_none(),
            "not parsed before it is asked for"
        );
        assert_eq!(text, parsed);
        assert_eq!(text.uri().unwrap().query(), Some("page=2"));
        assert_eq!(text.origin(), parsed.origin());
        // Text that is no URI: no URI, no origin, and no panic.
        let broken = RequestContext::from_url(None, "http://[::1");
        assert_eq!(broken.uri(), None);
        assert_eq!(broken.origin(), None);
    }

    #[test]
    fn origins_compare_as_rfc_6454_says() {
        let origin = |uri: &str| Origin::of(&uri.parse().unwrap());
        assert_eq!(
            origin("https://A.example/x"),
            origin("https://a.example:443/y?z")
        );
        assert_eq!(origin("http://a.example/"), origin("http://a.example:80"));
        assert_ne!(origin("http://a.example/"), origin("https://a.example/"));
        assert_ne!(
            origin("https://a.example/"),
            origin("https://a.example:8443/")
        );
        assert_ne!(origin("https://a.example/"), origin("https://b.a.example/"));
        assert_eq!(origin("https://[::1]:8080/").unwrap().host(), "[::1]");
        assert_eq!(origin("/relative/path"), None);
        assert_eq!(
            origin("ftp://files.example/"),
            None,
            "no known default port"
        );
        assert_eq!(
            origin("ftp://files.example:21/").unwrap().to_string(),
            "ftp://files.example:21"
        );
    }
}
