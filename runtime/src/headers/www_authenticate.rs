//! `WWW-Authenticate` (RFC 9110 §11.6.1): how to authenticate, sent with 401.

use http::header::WWW_AUTHENTICATE;
use http::{HeaderMap, HeaderName};

use super::syntax::Cursor;
use super::{ParseHeaderError, TypedHeader, all_lines};
use crate::context::RequestContext;

/// The `WWW-Authenticate` header: the challenges a 401 offers, from every line of it.
///
/// One line may carry several challenges (`Basic realm="simple", Newauth realm="apps"`) and a
/// response may carry several lines; all are read, in order. Each [`Challenge`] has its scheme
/// and either parameters (`realm`, `error`, `error_description`, `scope`, ...) or a `token68`
/// (`Negotiate YII...`).
///
/// # What it reads
///
/// Both readings accept what servers commonly get wrong without ambiguity: parameters
/// separated by spaces instead of commas after a quoted value, empty list elements, any case in
/// scheme and parameter names, spaces around `=`.
///
/// By default ([`parse`](Self::parse), and as a field) it also reads a parameter value as curl
/// does (`Curl_auth_digest_get_pair` in curl's `lib/vauth/digest.c`) and as Chromium's
/// `HttpAuthChallengeTokenizer` does:
///
/// - an unquoted value runs to the next comma, spaces included: `Basic realm=My Server` has
///   the realm `My Server` (RFC 9110 allows only a token there); it stops short of another
///   `name=`, so parameters separated by spaces still read one by one;
/// - an unterminated quoted value runs to the end of the line: `Basic realm="api` has the
///   realm `api`.
///
/// Both readings reject, with
/// [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader), what cannot be read
/// without guessing: a parameter before any scheme, a parameter without a value, a character
/// that starts no scheme or parameter. [`parse_strict`](Self::parse_strict) reads RFC 9110
/// §11.2's grammar: a token or a quoted string as a value, quotes closed.
///
/// ```
/// use response_handler::{ResponseHandler, WwwAuthenticate};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Me {
///     #[on(200)]
///     Found(String),
///     #[on(401)]
///     Unauthorized(WwwAuthenticate),
/// }
///
/// let response = http::Response::builder()
///     .status(401)
///     .header("www-authenticate", r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#)
///     .body(())
///     .unwrap();
/// let Me::Unauthorized(auth) = Me::from_response(response).unwrap() else { panic!() };
/// let bearer = auth.find("bearer").unwrap();
/// assert_eq!(bearer.realm(), Some("example"));
/// assert_eq!(bearer.error(), Some("invalid_token"));
/// assert_eq!(bearer.error_description(), Some("The access token expired"));
///
/// // An unquoted realm with a space, as some appliances send it: read as curl reads it.
/// let sloppy = WwwAuthenticate::parse(["Basic realm=Router Admin, charset=UTF-8"]).unwrap();
/// assert_eq!(sloppy.challenges()[0].realm(), Some("Router Admin"));
/// assert_eq!(sloppy.challenges()[0].param("charset"), Some("UTF-8"));
/// // The RFC's grammar ends the token at the space, and reads a second challenge `Admin`.
/// let strict = WwwAuthenticate::parse_strict(["Basic realm=Router Admin"]).unwrap();
/// assert_eq!(strict.challenges()[0].realm(), Some("Router"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WwwAuthenticate {
    challenges: Vec<Challenge>,
}

/// One authentication challenge: a scheme and its parameters or token68.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    scheme: String,
    token68: Option<String>,
    params: Vec<(String, String)>,
}

impl Challenge {
    /// The scheme as sent: `Basic`, `Bearer`, `Digest`, `Negotiate`, ...
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// `true` if the scheme is `scheme`, ignoring case (schemes are case-insensitive).
    pub fn is(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    /// The token68 form (`Negotiate a87421000492aa874209af8bc028`), if the challenge used it.
    pub fn token68(&self) -> Option<&str> {
        self.token68.as_deref()
    }

    /// The first parameter named `name` (ignoring case), unquoted and unescaped.
    pub fn param(&self, name: &str) -> Option<&str> {
        super::syntax::find_param(&self.params, name)
    }

    /// All parameters in order, names lowercased, values unquoted.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The `realm` parameter.
    pub fn realm(&self) -> Option<&str> {
        self.param("realm")
    }

    /// The `error` parameter (OAuth 2.0 bearer tokens, RFC 6750 §3).
    pub fn error(&self) -> Option<&str> {
        self.param("error")
    }

    /// The `error_description` parameter (RFC 6750 §3).
    pub fn error_description(&self) -> Option<&str> {
        self.param("error_description")
    }
}

impl WwwAuthenticate {
    /// Reads the value of one or more `WWW-Authenticate` lines, as curl and browsers read
    /// them (see [`WwwAuthenticate`]).
    pub fn parse<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<Self, ParseHeaderError> {
        Self::parse_in(lines, Reading::Lenient)
    }

    /// Reads the value of one or more `WWW-Authenticate` lines by RFC 9110 §11.2's grammar
    /// only: a parameter's value is a token or a closed quoted string.
    pub fn parse_strict<'a>(
        lines: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, ParseHeaderError> {
        Self::parse_in(lines, Reading::Strict)
    }

    fn parse_in<'a>(
        lines: impl IntoIterator<Item = &'a str>,
        reading: Reading,
    ) -> Result<Self, ParseHeaderError> {
        let mut challenges = Vec::new();
        for line in lines {
            parse_line(line, reading, &mut challenges)?;
        }
        Ok(Self { challenges })
    }

    /// The challenges, in the order they arrived.
    pub fn challenges(&self) -> &[Challenge] {
        &self.challenges
    }

    /// The first challenge with scheme `scheme` (ignoring case).
    pub fn find(&self, scheme: &str) -> Option<&Challenge> {
        self.challenges
            .iter()
            .find(|challenge| challenge.is(scheme))
    }

    /// The challenges, in order.
    pub fn iter(&self) -> core::slice::Iter<'_, Challenge> {
        self.challenges.iter()
    }
}

impl<'a> IntoIterator for &'a WwwAuthenticate {
    type Item = &'a Challenge;
    type IntoIter = core::slice::Iter<'a, Challenge>;

    fn into_iter(self) -> Self::IntoIter {
        self.challenges.iter()
    }
}

impl TypedHeader for WwwAuthenticate {
    fn name() -> &'static HeaderName {
        &WWW_AUTHENTICATE
    }

    /// Every `WWW-Authenticate` line, through [`WwwAuthenticate::parse`]; lines without a
    /// challenge count as absent.
    #[inline]
    fn decode(
        headers: &HeaderMap,
        _: Option<&RequestContext>,
    ) -> Result<Option<Self>, ParseHeaderError> {
        let Some(lines) = all_lines(headers, &WWW_AUTHENTICATE)? else {
            return Ok(None);
        };
        let parsed = Self::parse(lines).map_err(|error| error.in_header(&WWW_AUTHENTICATE))?;
        Ok(Some(parsed).filter(|parsed| !parsed.challenges.is_empty()))
    }
}

/// `token68` characters (RFC 9110 §11.2), without the trailing `=` padding.
fn is_token68_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~+/".contains(c)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    Strict,
    Lenient,
}

fn parse_line(
    line: &str,
    reading: Reading,
    challenges: &mut Vec<Challenge>,
) -> Result<(), ParseHeaderError> {
    let mut cursor = Cursor::new(line);
    loop {
        // Commas and whitespace separate challenges and parameters alike.
        cursor.take_while(|c| c == ',' || c == ' ' || c == '\t');
        if cursor.is_empty() {
            return Ok(());
        }
        let Some(name) = cursor.token() else {
            return Err(ParseHeaderError::new(
                "a character that starts no scheme or parameter",
            ));
        };
        let before_equals = cursor.rest();
        cursor.skip_ows();
        if cursor.eat('=') {
            let Some(challenge) = challenges.last_mut() else {
                return Err(ParseHeaderError::new("a parameter before any auth scheme"));
            };
            cursor.skip_ows();
            if matches!(cursor.peek(), None | Some(',')) {
                return Err(ParseHeaderError::new("a parameter has no value"));
            }
            let value = match (reading, cursor.peek()) {
                (Reading::Strict, _) => cursor.token_or_quoted()?,
                (Reading::Lenient, Some('"')) => cursor.quoted_string_lenient()?,
                (Reading::Lenient, _) => unquoted_to_comma(&mut cursor)?,
            };
            challenge.params.push((name.to_ascii_lowercase(), value));
            continue;
        }
        cursor = Cursor::new(before_equals);
        let token68 = if cursor.peek().is_some_and(|c| c == ' ' || c == '\t') {
            cursor.skip_ows();
            take_token68(&mut cursor)
        } else {
            None
        };
        challenges.push(Challenge {
            scheme: name.to_owned(),
            token68,
            params: Vec::new(),
        });
    }
}

/// An unquoted value up to the next comma or the end, trailing whitespace trimmed (the cursor
/// is on its first character, which is no comma) — but not over another parameter: at
/// whitespace followed by `name=` the value ends, so `error=invalid_token scope="a b"` (spaces
/// where commas belong) reads as the strict reading does.
fn unquoted_to_comma(cursor: &mut Cursor<'_>) -> Result<String, ParseHeaderError> {
    let rest = cursor.rest();
    let mut end = rest.find(',').unwrap_or(rest.len());
    let region = rest.get(..end).unwrap_or(rest);
    let mut after_space = false;
    for (index, c) in region.char_indices() {
        let space = c == ' ' || c == '\t';
        // Only the first space of a run looks ahead: each run and each word is read once.
        if space && !after_space {
            let mut probe = Cursor::new(region.get(index..).unwrap_or(""));
            probe.skip_ows();
            if probe.token().is_some() {
                probe.skip_ows();
                // `name=value`; `abc==` (a token68 with its padding) is no parameter.
                if probe.eat('=') {
                    probe.skip_ows();
                    if !matches!(probe.peek(), None | Some(',' | '=')) {
                        end = index;
                        break;
                    }
                }
            }
        }
        after_space = space;
    }
    let (taken, left) = rest.split_at_checked(end).unwrap_or((rest, ""));
    *cursor = Cursor::new(left);
    let value = taken.trim_end_matches([' ', '\t']);
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(ParseHeaderError::new(
            "a control character in a parameter value",
        ));
    }
    Ok(value.to_owned())
}

/// A token68 if one stands here, followed by the end or a comma; else `None`, nothing consumed.
fn take_token68(cursor: &mut Cursor<'_>) -> Option<String> {
    let start = cursor.rest();
    let mut probe = Cursor::new(start);
    let body = probe.take_while(is_token68_char);
    let padding = probe.take_while(|c| c == '=');
    probe.skip_ows();
    let at_end = matches!(probe.peek(), None | Some(','));
    // `name=value` is a parameter, not a token68: only a run that ends the element counts.
    if body.is_empty() || !at_end {
        return None;
    }
    *cursor = probe;
    Some(format!("{body}{padding}"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests;
