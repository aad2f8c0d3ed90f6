//! The bits of RFC 9110's field grammar that several typed headers share: tokens,
//! quoted strings, optional whitespace, lists. A small cursor over the field value.

use super::ParseHeaderError;

/// `str::trim`, faster where the ends are ASCII (nearly always): then only ASCII whitespace
/// can be at the ends.
pub(crate) fn trim(text: &str) -> &str {
    let trimmed = text.trim_ascii();
    match (trimmed.as_bytes().first(), trimmed.as_bytes().last()) {
        (Some(first), Some(last)) if !first.is_ascii() || !last.is_ascii() => trimmed.trim(),
        _ => trimmed,
    }
}

/// `tchar` (RFC 9110 §5.6.2): the characters of a token.
/// The value of the first `name=value` parameter named `name`, ignoring case (media types and
/// auth challenges share this shape).
pub(crate) fn find_param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

pub(crate) fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// A position in a field value.
pub(crate) struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(input: &'a str) -> Self {
        Self { rest: input }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    pub(crate) fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    /// What is left, unparsed.
    pub(crate) fn rest(&self) -> &'a str {
        self.rest
    }

    /// Skips spaces and tabs (OWS / BWS).
    pub(crate) fn skip_ows(&mut self) {
        self.rest = self.rest.trim_start_matches([' ', '\t']);
    }

    /// Consumes `c` if it is next.
    pub(crate) fn eat(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Consumes the longest run of characters for which `accept` holds (possibly empty).
    pub(crate) fn take_while(&mut self, accept: impl Fn(char) -> bool) -> &'a str {
        let end = self
            .rest
            .char_indices()
            .find(|&(_, c)| !accept(c))
            .map_or(self.rest.len(), |(index, _)| index);
        let (taken, rest) = self.rest.split_at_checked(end).unwrap_or((self.rest, ""));
        self.rest = rest;
        taken
    }

    /// A token, or `None` (nothing consumed) if none starts here.
    pub(crate) fn token(&mut self) -> Option<&'a str> {
        Some(self.take_while(is_tchar)).filter(|token| !token.is_empty())
    }

    /// A quoted string (the cursor is on its opening `"`), unescaped.
    pub(crate) fn quoted_string(&mut self) -> Result<String, ParseHeaderError> {
        self.quoted_string_ending(false)
    }

    /// A quoted string read as browsers and curl read one: like
    /// [`quoted_string`](Self::quoted_string), but an unterminated one runs to the end of the
    /// value (a trailing `\` kept), as Fetch's "collect an HTTP quoted string" and curl's
    /// `Curl_auth_digest_get_pair` do.
    pub(crate) fn quoted_string_lenient(&mut self) -> Result<String, ParseHeaderError> {
        self.quoted_string_ending(true)
    }

    fn quoted_string_ending(&mut self, at_end_too: bool) -> Result<String, ParseHeaderError> {
        if !self.eat('"') {
            return Err(ParseHeaderError::new("expected a quoted string"));
        }
        let mut text = String::new();
        let mut chars = self.rest.char_indices();
        while let Some((index, c)) = chars.next() {
            match c {
                '"' => {
                    self.rest = self.rest.get(index + 1..).unwrap_or("");
                    return Ok(text);
                }
                '\\' => match chars.next() {
                    Some((_, escaped)) => text.push(escaped),
                    None if at_end_too => text.push('\\'),
                    None => break,
                },
                // RFC 9110 §5.6.4: qdtext is HTAB, SP, VCHAR and obs-text (0x80-0xFF, which a
                // Latin-1 reading of the bytes makes U+0080-U+00FF, C1 controls included); the
                // C0 controls but HTAB and DEL are not.
                c if (c < ' ' && c != '\t') || c == '\u{7f}' => {
                    return Err(ParseHeaderError::new(
                        "a control character inside a quoted string",
                    ));
                }
                c => text.push(c),
            }
        }
        if at_end_too {
            self.rest = "";
            return Ok(text);
        }
        Err(ParseHeaderError::new("a quoted string is not terminated"))
    }

    /// A parameter value: a token or a quoted string.
    pub(crate) fn token_or_quoted(&mut self) -> Result<String, ParseHeaderError> {
        if self.peek() == Some('"') {
            return self.quoted_string();
        }
        self.token()
            .map(str::to_owned)
            .ok_or_else(|| ParseHeaderError::new("a parameter has no value"))
    }
}

/// Splits a `#element` list (RFC 9110 §5.6.1) on commas outside quoted strings, trimming each
/// element and dropping empty ones, as recipients must.
pub(crate) fn list_elements(value: &str) -> Vec<&str> {
    let mut elements = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut escaped = false;
    for (index, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ',' if !quoted => {
                elements.push(value.get(start..index).unwrap_or(""));
                start = index + 1;
            }
            _ => {}
        }
    }
    elements.push(value.get(start..).unwrap_or(""));
    elements
        .into_iter()
        .map(|element| element.trim_matches([' ', '\t']))
        .filter(|element| !element.is_empty())
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings_unescape_and_must_end() {
        let mut cursor = Cursor::new(r#""a \"b\" c", rest"#);
        assert_eq!(cursor.quoted_string().unwrap(), r#"a "b" c"#);
        assert_eq!(cursor.rest(), ", rest");
        assert!(Cursor::new(r#""open"#).quoted_string().is_err());
        assert!(Cursor::new(r#""ends in \"#).quoted_string().is_err());
        assert!(Cursor::new("bare").quoted_string().is_err());
    }

    #[test]
    fn lenient_quoted_strings_run_to_the_end() {
        let mut open = Cursor::new(r#""open, to the end"#);
        assert_eq!(open.quoted_string_lenient().unwrap(), "open, to the end");
        assert!(open.is_empty());
        assert_eq!(
            Cursor::new(r#""ends in \"#)
                .quoted_string_lenient()
                .unwrap(),
            "ends in \\"
        );
        let mut closed = Cursor::new(r#""a \"b\"", c"#);
        assert_eq!(closed.quoted_string_lenient().unwrap(), r#"a "b""#);
        assert_eq!(closed.rest(), ", c");
        assert!(Cursor::new("\"a\u{7f}b\"").quoted_string_lenient().is_err());
        assert!(Cursor::new("bare").quoted_string_lenient().is_err());
    }

    #[test]
    fn lists_split_outside_quotes_and_drop_empty_elements() {
        assert_eq!(list_elements(r#" a, "b,c" ,, d "#), ["a", r#""b,c""#, "d"]);
        assert!(list_elements(" , ,").is_empty());
    }

    #[test]
    fn trim_is_str_trim() {
        for text in [
            "",
            " ",
            "10",
            " 10 ",
            "\t10\t",
            "\u{a0}10",
            "10\u{a0}",
            " \u{a0} 10 \u{2003} ",
            "é",
            " é ",
            "\u{85}",
            "a b",
            "\u{3000}x\u{3000}",
            " \u{a0}",
            "\u{2003} ",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }
}
