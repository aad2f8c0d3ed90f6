//! `Content-Type` (RFC 9110 §8.3): the media type of the body.

use core::fmt;
use core::str::FromStr;
use std::borrow::Cow;
use std::collections::HashSet;

use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderName};

use super::syntax::Cursor;
use super::{ParseHeaderError, TypedHeader};
use crate::context::RequestContext;

/// The `Content-Type` header: a media type (`application/problem+json`) and its parameters
/// (`charset=utf-8`).
///
/// Type, subtype and parameter names are case-insensitive and kept lowercase; parameter values are
/// kept as sent, unquoted.
///
/// # What it reads
///
/// By default (`FromStr`, and as a field) the value is read as the WHATWG MIME Sniffing
/// standard's "parse a MIME type" (§4.4) reads it — what browsers do with every `Content-Type`:
/// the media type itself must be right, but a parameter that cannot be read is skipped, not the
/// whole header. So `application/json;;; charset` is `application/json`, `text/html; charset`
/// and `text/html; =utf-8` are `text/html`, an unterminated quoted value runs to the end, text
/// after a closing quote is ignored, and the first of two parameters with one name wins. A header
/// value is read byte by byte (isomorphic decoding, as Fetch reads it): a parameter with bytes
/// 0x80 to 0xFF, C1 controls included, is kept; only HTTP whitespace is trimmed. It agrees with
/// every case of WPT's MIME type data (`tests/conformance_mime.rs`, `CONFORMANCE.md`).
///
/// It rejects, with [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader), a
/// value whose type or subtype is missing or not a token: `json`, `/json`, `application/`,
/// `text/html/extra`, `te xt/html`, `text/html charset=utf-8`.
/// [`parse_strict`](Self::parse_strict) reads RFC 9110 §8.3.1's grammar instead and also
/// refuses a malformed parameter, for a caller that must not act on a header it half
/// understood.
///
/// ```
/// use response_handler::ContentType;
///
/// let media: ContentType = "Application/Problem+JSON; charset=\"utf-8\"".parse().unwrap();
/// assert_eq!(media.essence(), "application/problem+json");
/// assert_eq!(media.suffix(), Some("json"));
/// assert_eq!(media.charset(), Some("utf-8"));
/// assert!(media.is_json() && media.is_problem_json());
///
/// // What servers send in practice: the broken parameters are skipped.
/// let sloppy: ContentType = "application/json;;; charset".parse().unwrap();
/// assert_eq!(sloppy.to_string(), "application/json");
/// assert!(ContentType::parse_strict("application/json;;; charset").is_err());
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

    /// `true` for a JSON MIME type as WHATWG MIME Sniffing §4.6 defines it:
    /// `application/json`, `text/json`, and any `+json` subtype (RFC 6839 §3.1).
    pub fn is_json(&self) -> bool {
        matches!(self.essence.as_str(), "application/json" | "text/json")
            || self.suffix() == Some("json")
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

impl ContentType {
    /// Reads `value` by RFC 9110 §8.3.1's grammar (`type/subtype *( OWS ";" OWS parameter )`):
    /// a parameter without a name, an `=` or a value, or an unterminated quoted string, is an
    /// error. Empty parameters (`text/plain;`, `;;`) are allowed. `FromStr` is the lenient
    /// reading (see [`ContentType`]).
    pub fn parse_strict(value: &str) -> Result<Self, ParseHeaderError> {
        // RFC 9110 §5.5: a field value has no leading or trailing OWS (spaces and tabs); Unicode
        // whitespace (U+0085, U+00A0, ...) is part of the value, and fails it.
        let mut cursor = Cursor::new(value.trim_matches([' ', '\t']));
        let main = cursor.token();
        let slash = cursor.eat('/');
        let sub = cursor.token();
        let (Some(main), true, Some(sub)) = (main, slash, sub) else {
            return Err(ParseHeaderError::new(
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
                return Err(ParseHeaderError::new(
                    "unexpected text after the media type (parameters start with `;`)",
                ));
            }
            cursor.skip_ows();
            if cursor.is_empty() || cursor.peek() == Some(';') {
                continue; // `text/plain;` and `;;` are harmless
            }
            let Some(name) = cursor.token() else {
                return Err(ParseHeaderError::new("a parameter has no name"));
            };
            cursor.skip_ows();
            if !cursor.eat('=') {
                return Err(ParseHeaderError::new("a parameter has no `=`"));
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

/// Up to this many parameters, a new name is checked against the others one by one.
const FEW_PARAMS: usize = 8;

/// HTTP whitespace (Fetch §2.2): tab, LF, CR, space.
const HTTP_WHITESPACE: [char; 4] = ['\t', '\n', '\r', ' '];

/// HTTP quoted-string token code points (MIME Sniffing §2): tab, space through `~`, and
/// U+0080 to U+00FF — the bytes 0x80 to 0xFF of the header, isomorphic-decoded, C1 controls
/// included as the standard includes them. A character above U+00FF (only a `&str` handed to
/// `FromStr` can hold one) is not one: its parameter is skipped, as WPT's `>Latin1` case says.
fn is_quoted_string_token_char(c: char) -> bool {
    matches!(c, '\t' | ' '..='~' | '\u{80}'..='\u{ff}')
}

fn is_token(text: &str) -> bool {
    !text.is_empty() && text.chars().all(super::syntax::is_tchar)
}

impl FromStr for ContentType {
    type Err = ParseHeaderError;

    /// WHATWG MIME Sniffing §4.4 "parse a MIME type", step by step; [`ContentType::parse_strict`]
    /// is RFC 9110's grammar.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        // HTTP whitespace only: a vertical tab, a form feed or U+00A0 (byte 0xA0) at either end
        // makes the type or subtype a non-token, so the value fails as the standard says.
        let input = value.trim_matches(HTTP_WHITESPACE);
        let not_a_media_type = || ParseHeaderError::new("not a media type (expected type/subtype)");
        let (main, rest) = input.split_once('/').ok_or_else(not_a_media_type)?;
        let (sub, mut rest) = rest.split_once(';').unwrap_or((rest, ""));
        let sub = sub.trim_end_matches(HTTP_WHITESPACE);
        if !is_token(main) || !is_token(sub) {
            return Err(not_a_media_type());
        }
        let mut params: Vec<(String, String)> = Vec::new();
        // The names taken, once there are many: the first of two parameters wins, and checking
        // each against all before it would make 10 000 parameters take half a second.
        let mut taken: HashSet<String> = HashSet::new();
        // `rest` starts just after a `;` (or is empty): one parameter per turn.
        while !rest.is_empty() {
            rest = rest.trim_start_matches(HTTP_WHITESPACE);
            let name_end = rest.find([';', '=']).unwrap_or(rest.len());
            let (name, after_name) = rest.split_at_checked(name_end).unwrap_or((rest, ""));
            let name = name.to_ascii_lowercase();
            let Some(after_equals) = after_name.strip_prefix('=') else {
                // A name with no `=`: skipped; `after_name` is empty or starts with `;`.
                rest = after_name.get(1..).unwrap_or("");
                continue;
            };
            let value = if let Some(quoted) = after_equals.strip_prefix('"') {
                let (value, after_quote) = collect_quoted_string(quoted);
                // Whatever follows the closing quote, up to the next `;`, is dropped.
                rest = after_quote.split_once(';').map_or("", |(_, after)| after);
                value
            } else {
                let (raw, after) = after_equals.split_once(';').unwrap_or((after_equals, ""));
                rest = after;
                let raw = raw.trim_end_matches(HTTP_WHITESPACE);
                if raw.is_empty() {
                    continue;
                }
                raw.to_owned()
            };
            if !is_token(&name) || !value.chars().all(is_quoted_string_token_char) {
                continue;
            }
            if params.len() < FEW_PARAMS {
                if super::syntax::find_param(&params, &name).is_none() {
                    params.push((name, value));
                }
                continue;
            }
            if taken.is_empty() {
                taken.extend(params.iter().map(|(name, _)| name.clone()));
            }
            if taken.insert(name.clone()) {
                params.push((name, value));
            }
        }
        Ok(Self {
            essence: format!("{main}/{sub}").to_ascii_lowercase(),
            slash: main.len(),
            params,
        })
    }
}

/// Fetch §2.2's "collect an HTTP quoted string" with *extract-value* set, the opening quote
/// already consumed: the unescaped value, and what follows the closing quote. An unterminated
/// string runs to the end; a trailing `\` is kept.
fn collect_quoted_string(input: &str) -> (String, &str) {
    let mut value = String::new();
    let mut chars = input.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return (value, input.get(index + 1..).unwrap_or("")),
            '\\' => match chars.next() {
                Some((_, escaped)) => value.push(escaped),
                None => value.push('\\'),
            },
            c => value.push(c),
        }
    }
    (value, "")
}

/// Infra's "isomorphic decode": byte `b` becomes U+00`b`. Borrowed when the value is ASCII.
fn isomorphic_decode(bytes: &[u8]) -> Cow<'_, str> {
    match core::str::from_utf8(bytes) {
        Ok(text) if text.is_ascii() => Cow::Borrowed(text),
        _ => Cow::Owned(bytes.iter().copied().map(char::from).collect()),
    }
}

impl TypedHeader for ContentType {
    fn name() -> &'static HeaderName {
        &CONTENT_TYPE
    }

    /// The first `Content-Type` line, isomorphic-decoded (each byte is the code point of the
    /// same number, as Fetch reads header values), through `FromStr`: a parameter value with
    /// bytes 0x80 to 0xFF (Latin-1, or UTF-8 read byte by byte as browsers read it) is kept, not
    /// the whole header refused. An empty value is no header, as for every typed header.
    #[inline]
    fn decode(
        headers: &HeaderMap,
        _: Option<&RequestContext>,
    ) -> Result<Option<Self>, ParseHeaderError> {
        let Some(value) = headers.get(&CONTENT_TYPE) else {
            return Ok(None);
        };
        let text = isomorphic_decode(value.as_bytes());
        let text = text.trim_matches(HTTP_WHITESPACE);
        if text.is_empty() {
            return Ok(None);
        }
        text.parse()
            .map(Some)
            .map_err(|error: ParseHeaderError| error.in_header(&CONTENT_TYPE))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
