//! `Content-Type` (RFC 9110 §8.3): the media type of the body.

use core::fmt;
use core::str::FromStr;

use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderName};

use super::syntax::Cursor;
use super::{InvalidHeaderValue, TypedHeader, decode_first_line};
use crate::context::RequestContext;

/// The `Content-Type` header: a media type (`application/problem+json`) and its parameters
/// (`charset=utf-8`).
///
/// Type, subtype and parameter names are case-insensitive and kept lowercase; parameter values are
/// kept as sent, unquoted. A value without a `/`, with an empty type or subtype, or with a
/// parameter that has no `=` is
/// [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader).
///
/// ```
/// use response_handler::ContentType;
///
/// let media: ContentType = "Application/Problem+JSON; charset=\"utf-8\"".parse().unwrap();
/// assert_eq!(media.essence(), "application/problem+json");
/// assert_eq!(media.suffix(), Some("json"));
/// assert_eq!(media.charset(), Some("utf-8"));
/// assert!(media.is_json() && media.is_problem_json());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentType {
    essence: String,
    slash: usize,
    params: Vec<(String, String)>,
}

impl ContentType {
    /// `type/subtype`, lowercase, without parameters.
    pub fn essence(&self) -> &str {
        &self.essence
    }

    /// The top-level type: `application` in `application/json`.
    pub fn main_type(&self) -> &str {
        self.essence.get(..self.slash).unwrap_or("")
    }

    /// The subtype: `problem+json` in `application/problem+json`.
    pub fn subtype(&self) -> &str {
        self.essence.get(self.slash + 1..).unwrap_or("")
    }

    /// The structured syntax suffix (RFC 6838 §4.2.8): `json` in `application/problem+json`.
    pub fn suffix(&self) -> Option<&str> {
        self.subtype().rsplit_once('+').map(|(_, suffix)| suffix)
    }

    /// The first parameter named `name` (ignoring case), unquoted.
    pub fn param(&self, name: &str) -> Option<&str> {
        super::syntax::find_param(&self.params, name)
    }

    /// All parameters in order, names lowercase.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The `charset` parameter.
    pub fn charset(&self) -> Option<&str> {
        self.param("charset")
    }

    /// `true` for `application/json` and any `+json` type.
    pub fn is_json(&self) -> bool {
        self.essence == "application/json" || self.suffix() == Some("json")
    }

    /// `true` for `application/problem+json` (RFC 9457).
    pub fn is_problem_json(&self) -> bool {
        self.essence == "application/problem+json"
    }
}

impl fmt::Display for ContentType {
    /// The media type with its parameters, quoted where needed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.essence)?;
        for (name, value) in &self.params {
            if !value.is_empty() && value.chars().all(super::syntax::is_tchar) {
                write!(f, "; {name}={value}")?;
            } else {
                write!(f, "; {name}=\"")?;
                for c in value.chars() {
                    if c == '"' || c == '\\' {
                        f.write_str("\\")?;
                    }
                    write!(f, "{c}")?;
                }
                f.write_str("\"")?;
            }
        }
        Ok(())
    }
}

impl FromStr for ContentType {
    type Err = InvalidHeaderValue;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let mut cursor = Cursor::new(value.trim());
        let main = cursor.token();
        let slash = cursor.eat('/');
        let sub = cursor.token();
        let (Some(main), true, Some(sub)) = (main, slash, sub) else {
            return Err(InvalidHeaderValue::new(
                "not a media type (expected type/subtype)",
            ));
        };
        let mut params = Vec::new();
        loop {
            cursor.skip_ows();
            if cursor.is_empty() {
                break;
            }
            if !cursor.eat(';') {
                return Err(InvalidHeaderValue::new(
                    "unexpected text after the media type (parameters start with `;`)",
                ));
            }
            cursor.skip_ows();
            if cursor.is_empty() || cursor.peek() == Some(';') {
                continue; // `text/plain;` and `;;` are harmless
            }
            let Some(name) = cursor.token() else {
                return Err(InvalidHeaderValue::new("a parameter has no name"));
            };
            cursor.skip_ows();
            if !cursor.eat('=') {
                return Err(InvalidHeaderValue::new("a parameter has no `=`"));
            }
            cursor.skip_ows();
            let value = cursor.token_or_quoted()?;
            params.push((name.to_ascii_lowercase(), value));
        }
        Ok(Self {
            essence: format!("{main}/{sub}").to_ascii_lowercase(),
            slash: main.len(),
            params,
        })
    }
}

impl TypedHeader for ContentType {
    fn name() -> &'static HeaderName {
        &CONTENT_TYPE
    }

    /// The first `Content-Type` line, through `FromStr`.
    #[inline]
    fn decode(
        headers: &HeaderMap,
        _: Option<&RequestContext>,
    ) -> Result<Option<Self>, InvalidHeaderValue> {
        decode_first_line(headers, &CONTENT_TYPE)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::headers::test_support::with_headers;

    #[test]
    fn real_world_values() {
        // RFC 9110 §8.3.1: these are equivalent.
        for value in [
            "text/html;charset=utf-8",
            "text/html;charset=UTF-8",
            "Text/HTML;Charset=\"utf-8\"",
            "text/html; charset=\"utf-8\"",
        ] {
            let media: ContentType = value.parse().unwrap();
            assert_eq!(media.essence(), "text/html", "{value}");
            assert!(media.charset().unwrap().eq_ignore_ascii_case("utf-8"));
        }
        // RFC 9457 problem details; GitHub's JSON with charset.
        let problem: ContentType = "application/problem+json".parse().unwrap();
        assert!(problem.is_problem_json() && problem.is_json());
        assert_eq!(
            (problem.main_type(), problem.subtype()),
            ("application", "problem+json")
        );
        let github: ContentType = "application/json; charset=utf-8".parse().unwrap();
        assert!(github.is_json() && !github.is_problem_json());
        assert_eq!(github.to_string(), "application/json; charset=utf-8");
        // Multipart with a quoted boundary (RFC 2046).
        let multipart: ContentType = "multipart/form-data; boundary=\"----=_Part 0\""
            .parse()
            .unwrap();
        assert_eq!(multipart.param("BOUNDARY"), Some("----=_Part 0"));
        assert_eq!(
            multipart.to_string(),
            "multipart/form-data; boundary=\"----=_Part 0\""
        );
        // Vendor types with a suffix; a trailing semicolon.
        let vendor: ContentType = "application/vnd.github+json;".parse().unwrap();
        assert_eq!(vendor.suffix(), Some("json"));
        assert!(vendor.params().is_empty());
        let text: ContentType = "text/plain".parse().unwrap();
        assert!(!text.is_json() && text.suffix().is_none());
    }

    #[test]
    fn malformed_values_are_errors() {
        for value in [
            "json",
            "/json",
            "application/",
            "text/html/extra",
            "text/html; charset",
            "text/html; charset=\"utf-8",
            "text/html; =utf-8",
            "te xt/html",
            "text/html charset=utf-8",
        ] {
            assert!(value.parse::<ContentType>().is_err(), "{value}");
        }
    }

    #[test]
    fn the_extractor() {
        let media = with_headers(&[("content-type", "application/json")])
            .extract::<ContentType>()
            .unwrap();
        assert!(media.is_json());
        assert_eq!(
            with_headers(&[]).extract::<Option<ContentType>>().unwrap(),
            None
        );
        assert!(
            with_headers(&[("content-type", "nonsense")])
                .extract::<Option<ContentType>>()
                .is_err()
        );
    }
}
