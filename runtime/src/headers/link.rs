//! `Link` (RFC 8288): typed links — the next page of a list, and every other relation a server
//! names.

use http::header::LINK;
use http::{HeaderMap, HeaderName, Uri};

use super::syntax::{Cursor, is_tchar};
use super::{Location, ParseHeaderError, TypedHeader, all_lines};
use crate::context::RequestContext;

/// The `Link` header: every link-value of every `Link` line, in order, each with its target
/// resolved against the request URI the way [`Location`] resolves one.
///
/// GitHub, GitLab, Okta, Sentry and Shopify paginate with it:
/// `Link: <https://api.github.com/repositories/1300192/issues?page=4>; rel="next", ...`.
/// [`next`](Self::next), [`prev`](Self::prev), [`first`](Self::first) and
/// [`last`](Self::last) find the usual relations; [`find`](Self::find) any other.
///
/// # How it reads
///
/// [`parse`](Self::parse) (and a field) follows the parsing algorithm of RFC 8288 Appendix B,
/// which is what recipients are told to implement: spaces and tabs around every part are
/// skipped, a parameter without a value is kept with an empty one, parameter names are matched
/// ignoring case, only the first `rel` and the first `anchor` count, relation types are
/// compared in lower case (§2.1.1: they are case-insensitive), a `title*` (RFC 8187: a charset
/// and percent-encoded bytes) is decoded and preferred to `title`. Where a link-value stops
/// making sense (no `<`, no `>`, an unterminated quoted string), the links read so far are kept
/// and the rest of that line is dropped, as the algorithm says — a broken last link does not
/// lose the `next` before it. [`parse_strict`](Self::parse_strict) follows the grammar of §3
/// instead and rejects such a value whole.
///
/// Each target is read as [`Location`] reads its value — as browsers read a URL, resolved
/// against the request URI — so [`LinkValue::target`] has the same
/// [`resolved`](Location::resolved), [`to_uri`](Location::to_uri) and
/// [`same_origin`](Location::same_origin) answers: a client following a `next` link to another
/// origin can see that it does, before it sends its credentials there.
///
/// ```
/// use response_handler::{headers::Link, ResponseHandler};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Issues {
///     #[on_success]
///     Page(Option<Link>, String),
/// }
///
/// let mut response = http::Response::builder()
///     .status(200)
///     .header("link", r#"</repositories/1300192/issues?page=4>; rel="next", </repositories/1300192/issues?page=515>; rel="last""#)
///     .body("[]")
///     .unwrap();
/// response.extensions_mut().insert(response_handler::RequestContext::new(
///     http::Method::GET,
///     "https://api.github.com/repositories/1300192/issues?page=3".parse().unwrap(),
/// ));
/// let Issues::Page(Some(link), _) = Issues::from_response(response).unwrap() else { panic!() };
/// let next = link.next().unwrap();
/// assert_eq!(next.target().resolved(), Some("https://api.github.com/repositories/1300192/issues?page=4"));
/// assert_eq!(next.target().same_origin(), Some(true));
/// assert!(link.prev().is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Link {
    links: Vec<LinkValue>,
}

/// One link-value of a [`Link`] header: a target, its relation types and its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkValue {
    target: Location,
    rel: Vec<String>,
    params: Vec<(String, String)>,
}

impl Link {
    /// Reads the value of one or more `Link` lines as RFC 8288 Appendix B does (see
    /// [`Link`]), resolving each target against `base` (the request URI) if given.
    pub fn parse<'a>(
        lines: impl IntoIterator<Item = &'a str>,
        base: Option<&Uri>,
    ) -> Result<Self, ParseHeaderError> {
        Self::parse_in(lines, base, false)
    }

    /// Reads the value of one or more `Link` lines by the grammar of RFC 8288 §3: a value that
    /// does not follow it is an error, not a shorter list.
    pub fn parse_strict<'a>(
        lines: impl IntoIterator<Item = &'a str>,
        base: Option<&Uri>,
    ) -> Result<Self, ParseHeaderError> {
        Self::parse_in(lines, base, true)
    }

    fn parse_in<'a>(
        lines: impl IntoIterator<Item = &'a str>,
        base: Option<&Uri>,
        strict: bool,
    ) -> Result<Self, ParseHeaderError> {
        let mut links = Vec::new();
        for line in lines {
            match read_line(line, base, strict, &mut links) {
                Ok(()) => {}
                Err(error) if strict => return Err(error),
                // RFC 8288 Appendix B.2: return the links parsed so far.
                Err(_) => {}
            }
        }
        Ok(Self { links })
    }

    /// Every link-value, in the order the server sent them.
    pub fn links(&self) -> &[LinkValue] {
        &self.links
    }

    /// The links, in order.
    pub fn iter(&self) -> core::slice::Iter<'_, LinkValue> {
        self.links.iter()
    }

    /// `true` when the header holds no link-value at all.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// The first link whose relation types include `rel`, compared ignoring ASCII case.
    pub fn find(&self, rel: &str) -> Option<&LinkValue> {
        self.links.iter().find(|link| link.has_rel(rel))
    }

    /// The `next` page (RFC 8288's registry: "the next resource in an ordered series").
    pub fn next(&self) -> Option<&LinkValue> {
        self.find("next")
    }

    /// The previous page: `prev`, or its synonym `previous` (both registered; Shopify and
    /// Sentry send `previous`).
    pub fn prev(&self) -> Option<&LinkValue> {
        self.find("prev").or_else(|| self.find("previous"))
    }

    /// The `first` page.
    pub fn first(&self) -> Option<&LinkValue> {
        self.find("first")
    }

    /// The `last` page.
    pub fn last(&self) -> Option<&LinkValue> {
        self.find("last")
    }
}

impl LinkValue {
    /// The target, resolved against the request URI as [`Location`] resolves a value.
    pub fn target(&self) -> &Location {
        &self.target
    }

    /// The relation types of the first `rel` parameter, in lower case (a `rel` may name
    /// several, separated by spaces).
    pub fn rel(&self) -> impl Iterator<Item = &str> {
        self.rel.iter().map(String::as_str)
    }

    /// `true` if `rel` is one of the relation types, compared ignoring ASCII case.
    pub fn has_rel(&self, rel: &str) -> bool {
        self.rel
            .iter()
            .any(|candidate| candidate.eq_ignore_ascii_case(rel))
    }

    /// The value of the first parameter named `name` (compared ignoring case), unquoted; a
    /// `title*`-style parameter is decoded (RFC 8187). A parameter sent without a value is
    /// `Some("")`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Every parameter, names in lower case, in the order sent (`rel` and `anchor` included).
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The `anchor` parameter: the context the link is about, when it is not the request URI.
    pub fn anchor(&self) -> Option<&str> {
        self.param("anchor")
    }

    /// The human-readable `title`: the decoded `title*` when there is one (RFC 8288 §3.4.1),
    /// else `title`.
    pub fn title(&self) -> Option<&str> {
        self.param("title*").or_else(|| self.param("title"))
    }

    /// The `type` parameter: the media type the target is expected to have.
    pub fn media_type(&self) -> Option<&str> {
        self.param("type")
    }

    /// The `hreflang` parameters: the languages of the target (the parameter may repeat).
    pub fn hreflang(&self) -> impl Iterator<Item = &str> {
        self.params
            .iter()
            .filter(|(key, _)| key == "hreflang")
            .map(|(_, value)| value.as_str())
    }
}

impl<'a> IntoIterator for &'a Link {
    type Item = &'a LinkValue;
    type IntoIter = core::slice::Iter<'a, LinkValue>;

    fn into_iter(self) -> Self::IntoIter {
        self.links.iter()
    }
}

impl TypedHeader for Link {
    fn name() -> &'static HeaderName {
        &LINK
    }

    /// Every `Link` line, through [`Link::parse`], each target resolved against the request
    /// URI when it is known.
    fn decode(
        headers: &HeaderMap,
        request: Option<&RequestContext>,
    ) -> Result<Option<Self>, ParseHeaderError> {
        let base = request.and_then(RequestContext::uri);
        all_lines(headers, &LINK)?
            .map(|lines| Self::parse(lines, base))
            .transpose()
            .map_err(|error| error.in_header(&LINK))
    }
}

/// Reads the link-values of one line (RFC 8288 Appendix B.2) into `links`; an error says why
/// the rest of the line could not be read, the links before it being kept.
fn read_line(
    line: &str,
    base: Option<&Uri>,
    strict: bool,
    links: &mut Vec<LinkValue>,
) -> Result<(), ParseHeaderError> {
    let mut cursor = Cursor::new(line);
    loop {
        cursor.skip_ows();
        // Empty list elements are skipped (RFC 9110 §5.6.1).
        while cursor.eat(',') {
            cursor.skip_ows();
        }
        if cursor.is_empty() {
            return Ok(());
        }
        if !cursor.eat('<') {
            return Err(ParseHeaderError::new(
                "a link-value does not start with `<`",
            ));
        }
        let target = cursor.take_while(|c| c != '>');
        if !cursor.eat('>') {
            return Err(ParseHeaderError::new("a link target has no closing `>`"));
        }
        let params = read_params(&mut cursor, strict)?;
        let rel = params
            .iter()
            .find(|(name, _)| name == "rel")
            .map(|(_, value)| {
                value
                    .split([' ', '\t'])
                    .filter(|rel| !rel.is_empty())
                    .map(str::to_ascii_lowercase)
                    .collect()
            })
            .unwrap_or_default();
        links.push(LinkValue {
            target: Location::parse(target, base)?,
            rel,
            params,
        });
        cursor.skip_ows();
        if cursor.is_empty() {
            return Ok(());
        }
        if !cursor.eat(',') {
            return Err(ParseHeaderError::new(
                "link-values are not separated by commas",
            ));
        }
    }
}

/// The parameters after a target (RFC 8288 Appendix B.3): `; name`, `; name=token` or
/// `; name="quoted"`, names in lower case, a `name*` value decoded (RFC 8187). Read leniently,
/// an unquoted value runs to the next `;` or `,` (servers send `type=text/html` and
/// `rel=http://example.net/x` unquoted); strictly, it must be a token.
fn read_params(
    cursor: &mut Cursor<'_>,
    strict: bool,
) -> Result<Vec<(String, String)>, ParseHeaderError> {
    let mut params = Vec::new();
    loop {
        cursor.skip_ows();
        if !cursor.eat(';') {
            return Ok(params);
        }
        cursor.skip_ows();
        let name = cursor.take_while(is_tchar).to_ascii_lowercase();
        if name.is_empty() {
            return Err(ParseHeaderError::new("a link parameter has no name"));
        }
        cursor.skip_ows();
        let value = if cursor.eat('=') {
            cursor.skip_ows();
            if cursor.peek() == Some('"') {
                cursor.quoted_string()?
            } else if strict {
                cursor
                    .token()
                    .ok_or_else(|| {
                        ParseHeaderError::new("a link parameter's value is not a token")
                    })?
                    .to_owned()
            } else {
                cursor
                    .take_while(|c| c != ';' && c != ',')
                    .trim_end()
                    .to_owned()
            }
        } else {
            String::new()
        };
        let value = if name.ends_with('*') {
            ext_value(&value)
                .ok_or_else(|| ParseHeaderError::new("a `*` parameter is not an RFC 8187 value"))?
        } else {
            value
        };
        params.push((name, value));
    }
}

/// An RFC 8187 `ext-value`: `charset'language'pct-encoded`, for the charsets UTF-8 and
/// ISO-8859-1 (the two RFC 8187 §3.2.1 requires recipients to support). `None` otherwise.
fn ext_value(value: &str) -> Option<String> {
    let (charset, rest) = value.split_once('\'')?;
    let (_language, encoded) = rest.split_once('\'')?;
    let mut bytes = Vec::with_capacity(encoded.len());
    let mut iter = encoded.bytes();
    while let Some(byte) = iter.next() {
        if byte == b'%' {
            let high = char::from(iter.next()?).to_digit(16)?;
            let low = char::from(iter.next()?).to_digit(16)?;
            bytes.push(u8::try_from(high * 16 + low).ok()?);
        } else {
            bytes.push(byte);
        }
    }
    if charset.eq_ignore_ascii_case("utf-8") {
        String::from_utf8(bytes).ok()
    } else if charset.eq_ignore_ascii_case("iso-8859-1") {
        Some(bytes.into_iter().map(char::from).collect())
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
