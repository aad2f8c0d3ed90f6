//! `Allow` (RFC 9110 §10.2.1): the methods a resource supports, sent with 405.

use http::header::ALLOW;
use http::{HeaderMap, HeaderName, Method};

use super::syntax::{is_tchar, list_elements};
use super::{ParseHeaderError, TypedHeader, all_lines};
use crate::context::RequestContext;

/// The `Allow` header: the methods the target resource supports, as [`http::Method`]s.
///
/// Every `Allow` line is read (a list may be split over several), empty list elements and the
/// spaces and tabs around elements are skipped (RFC 9110 §5.6.1), duplicates are kept once.
/// A present but empty `Allow` means "no method is allowed" (RFC 9110) and is an empty list,
/// not a missing header.
///
/// # What it reads
///
/// Method names are case-sensitive (RFC 9110 §9.1), but some frameworks write them in lowercase.
/// By default ([`parse`](Self::parse), and as a field) the six methods the Fetch standard
/// normalizes — `DELETE`, `GET`, `HEAD`, `OPTIONS`, `POST`, `PUT` — are read ignoring case, as
/// browsers read `Access-Control-Allow-Methods` (Fetch §2.2.1 "normalize a method"), so
/// `get, post` allows [`Method::GET`] and [`Method::POST`]; any other name is kept exactly as
/// sent (`propfind` is not `PROPFIND`). [`parse_strict`](Self::parse_strict) keeps every name
/// as sent.
///
/// Both readings reject, with
/// [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader), an element that is not
/// a token (`GET POST` without a comma, a quoted name, ...), as Fetch rejects such a
/// `Access-Control-Allow-Methods`.
///
/// ```
/// use response_handler::{Allow, ResponseHandler};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Delete {
///     #[on(204)]
///     Deleted,
///     #[on(405)]
///     NotAllowed(Allow),
/// }
///
/// let response = http::Response::builder().status(405).header("allow", "GET, HEAD").body(()).unwrap();
/// let Delete::NotAllowed(allow) = Delete::from_response(response).unwrap() else { panic!() };
/// assert!(allow.contains(&http::Method::GET));
/// assert!(!allow.contains(&http::Method::DELETE));
/// assert_eq!(allow.to_string(), "GET, HEAD");
///
/// let lowercase = Allow::parse(["get, post,\tpropfind"]).unwrap();
/// assert!(lowercase.contains(&http::Method::POST));
/// assert_eq!(lowercase.to_string(), "GET, POST, propfind");
/// assert!(!Allow::parse_strict(["get"]).unwrap().contains(&http::Method::GET));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allow {
    methods: Vec<Method>,
}

impl Allow {
    /// Reads the value of one or more `Allow` lines, the six standard methods in any case (see
    /// [`Allow`]).
    pub fn parse<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<Self, ParseHeaderError> {
        Self::parse_in(lines, true)
    }

    /// Reads the value of one or more `Allow` lines, every method name case-sensitive as RFC
    /// 9110 §9.1 says.
    pub fn parse_strict<'a>(
        lines: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, ParseHeaderError> {
        Self::parse_in(lines, false)
    }

    fn parse_in<'a>(
        lines: impl IntoIterator<Item = &'a str>,
        normalize: bool,
    ) -> Result<Self, ParseHeaderError> {
        let mut methods: Vec<Method> = Vec::new();
        for line in lines {
            for element in list_elements(line) {
                if !element.chars().all(is_tchar) {
                    return Err(ParseHeaderError::new(
                        "a method name is not a token (are the methods separated by commas?)",
                    ));
                }
                let method = match normalized(element) {
                    Some(method) if normalize => method,
                    _ => Method::from_bytes(element.as_bytes())
                        .map_err(|_| ParseHeaderError::new("not a method name"))?,
                };
                if !methods.contains(&method) {
                    methods.push(method);
                }
            }
        }
        Ok(Self { methods })
    }

    /// The methods, in the order the server listed them.
    pub fn methods(&self) -> &[Method] {
        &self.methods
    }

    /// `true` if `method` is allowed.
    pub fn contains(&self, method: &Method) -> bool {
        self.methods.contains(method)
    }

    /// `true` if the server allows no method at all (an empty `Allow`).
    pub fn is_empty(&self) -> bool {
        self.methods.is_empty()
    }

    /// The methods, in order.
    pub fn iter(&self) -> core::slice::Iter<'_, Method> {
        self.methods.iter()
    }
}

/// Fetch §2.2.1 "normalize a method": the six methods it names, matched ignoring ASCII case.
fn normalized(name: &str) -> Option<Method> {
    [
        Method::DELETE,
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::POST,
        Method::PUT,
    ]
    .into_iter()
    .find(|method| method.as_str().eq_ignore_ascii_case(name))
}

impl<'a> IntoIterator for &'a Allow {
    type Item = &'a Method;
    type IntoIter = core::slice::Iter<'a, Method>;

    fn into_iter(self) -> Self::IntoIter {
        self.methods.iter()
    }
}

impl IntoIterator for Allow {
    type Item = Method;
    type IntoIter = std::vec::IntoIter<Method>;

    fn into_iter(self) -> Self::IntoIter {
        self.methods.into_iter()
    }
}

impl core::fmt::Display for Allow {
    /// The methods as an `Allow` value: `GET, HEAD`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for (index, method) in self.methods.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            f.write_str(method.as_str())?;
        }
        Ok(())
    }
}

impl TypedHeader for Allow {
    fn name() -> &'static HeaderName {
        &ALLOW
    }

    /// Every `Allow` line, through [`Allow::parse`].
    #[inline]
    fn decode(
        headers: &HeaderMap,
        _: Option<&RequestContext>,
    ) -> Result<Option<Self>, ParseHeaderError> {
        all_lines(headers, &ALLOW)?
            .map(Self::parse)
            .transpose()
            .map_err(|error| error.in_header(&ALLOW))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::headers::test_support::with_headers;

    fn allow(lines: &[&str]) -> Result<Allow, ParseHeaderError> {
        Allow::parse(lines.iter().copied())
    }

    #[test]
    fn real_world_values() {
        // RFC 9110 §10.2.1 example.
        assert_eq!(
            allow(&["GET, HEAD, PUT"]).unwrap().methods(),
            [Method::GET, Method::HEAD, Method::PUT]
        );
        // Express / Django style, no spaces; WebDAV extension methods (RFC 4918).
        let dav = allow(&["OPTIONS,GET,HEAD,POST,PUT,DELETE,PROPFIND,PROPPATCH,MKCOL,COPY,MOVE"])
            .unwrap();
        assert_eq!(dav.methods().len(), 11);
        assert!(dav.contains(&Method::from_bytes(b"PROPFIND").unwrap()));
        // Split over two lines, with a duplicate and empty elements.
        let split = allow(&["GET, , HEAD", "HEAD,OPTIONS,"]).unwrap();
        assert_eq!(split.to_string(), "GET, HEAD, OPTIONS");
        // Method names are case-sensitive in the strict reading.
        assert!(!Allow::parse_strict(["get"]).unwrap().contains(&Method::GET));
        assert_eq!(
            Allow::parse_strict(["get", "GET"]).unwrap().to_string(),
            "get, GET"
        );
    }

    #[test]
    fn the_six_fetch_methods_are_read_in_any_case() {
        // Lowercase (some Node and PHP frameworks), mixed case, tabs, empty elements.
        let read = allow(&[
            "get, Post,\tput ,, delete",
            "OPTIONS, head, GET, patch, Propfind",
        ])
        .unwrap();
        assert_eq!(
            read.to_string(),
            "GET, POST, PUT, DELETE, OPTIONS, HEAD, patch, Propfind"
        );
        assert!(
            !read.contains(&Method::PATCH),
            "PATCH is not one Fetch normalizes"
        );
        assert!(allow(&["get post"]).is_err());
    }

    #[test]
    fn an_empty_allow_allows_nothing() {
        let response = with_headers(&[("allow", "")]);
        let allow = response.extract::<Allow>().unwrap();
        assert!(allow.is_empty());
        assert_eq!(response.extract::<Option<Allow>>().unwrap(), Some(allow));
        assert_eq!(with_headers(&[]).extract::<Option<Allow>>().unwrap(), None);
    }

    #[test]
    fn malformed_values_are_errors() {
        for value in [
            "GET POST",
            "\"GET\"",
            "GET; q=1",
            "GET, HE@D",
            "GET, (PUT)",
            "GET/POST",
        ] {
            assert!(allow(&[value]).is_err(), "{value}");
            assert!(Allow::parse_strict([value]).is_err(), "{value}");
        }
        let error = with_headers(&[("allow", "GET PUT")])
            .extract::<Option<Allow>>()
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("header `allow` has an invalid value")
        );
    }
}
