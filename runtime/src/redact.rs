//! Printing responses without leaking secrets or terminal control bytes.

use core::fmt;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, header};

/// Headers whose values are credentials, whatever their `is_sensitive` flag says.
const CREDENTIAL_HEADERS: [HeaderName; 4] = [
    header::AUTHORIZATION,
    header::PROXY_AUTHORIZATION,
    header::COOKIE,
    header::SET_COOKIE,
];

/// Whether a value of header `name` is a secret: a credential header, or a value marked
/// sensitive. The one rule every printing path follows.
pub(crate) fn is_secret(name: &HeaderName, value: &http::HeaderValue) -> bool {
    value.is_sensitive() || CREDENTIAL_HEADERS.contains(name)
}

/// `Debug` for a header map that prints `[redacted]` for credentials and sensitive values, and
/// escapes everything else.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if is_secret(name, value) {
                map.entry(name, &format_args!("[redacted]"));
            } else {
                map.entry(
                    name,
                    &format_args!("\"{}\"", value.as_bytes().escape_ascii()),
                );
            }
        }
        map.finish()
    }
}

/// How many body bytes `Display` and `Debug` of a response or an error show at most.
pub(crate) const BODY_PREFIX_LIMIT: usize = 128;

/// The first bytes of a body, escaped so that no control byte reaches a terminal or a log.
pub(crate) struct BodyPrefix<'a> {
    body: &'a Bytes,
    limit: usize,
}

impl<'a> BodyPrefix<'a> {
    pub(crate) fn new(body: &'a Bytes, limit: usize) -> Self {
        Self { body, limit }
    }
}

impl fmt::Display for BodyPrefix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.body.get(..self.limit).unwrap_or(self.body);
        write!(f, "\"{}\"", shown.escape_ascii())?;
        let rest = self.body.len() - shown.len();
        if rest > 0 {
            write!(f, " (+{rest} more bytes)")?;
        }
        Ok(())
    }
}

impl fmt::Debug for BodyPrefix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// How many characters of a message derived from the response (a serde_json error that quotes
/// an unknown variant or field of the body, a client's transport error) `Display` and `Debug`
/// show at most.
pub(crate) const MESSAGE_LIMIT: usize = 1024;

/// `Display` (and `Debug`) of `T`, with control characters and the invisible ones that reorder
/// or hide text (bidirectional overrides, zero-width marks) escaped as `\u{..}`, and cut after
/// `limit` characters.
///
/// For messages that may quote the response: serde_json's "unknown variant `...`" quotes the
/// body verbatim, so a body can put an ANSI escape sequence, or a megabyte, into an error
/// message.
pub(crate) struct Sanitized<T> {
    value: T,
    limit: usize,
}

impl<T> Sanitized<T> {
    pub(crate) fn new(value: T, limit: usize) -> Self {
        Self { value, limit }
    }
}

impl<T: fmt::Display> fmt::Display for Sanitized<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut writer = Escaper {
            out: f,
            left: self.limit,
            cut: 0,
        };
        fmt::write(&mut writer, format_args!("{}", self.value))?;
        writer.finish()
    }
}

impl<T: fmt::Debug> fmt::Debug for Sanitized<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let alternate = f.alternate();
        let mut writer = Escaper {
            out: f,
            left: self.limit,
            cut: 0,
        };
        if alternate {
            fmt::write(&mut writer, format_args!("{:#?}", self.value))?;
        } else {
            fmt::write(&mut writer, format_args!("{:?}", self.value))?;
        }
        writer.finish()
    }
}

struct Escaper<'a, 'b> {
    out: &'a mut fmt::Formatter<'b>,
    left: usize,
    cut: usize,
}

impl Escaper<'_, '_> {
    fn finish(self) -> fmt::Result {
        if self.cut > 0 {
            write!(self.out, "... (+{} more characters)", self.cut)?;
        }
        Ok(())
    }
}

impl fmt::Write for Escaper<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for c in text.chars() {
            if self.left == 0 {
                self.cut += 1;
                continue;
            }
            self.left -= 1;
            if is_unsafe_to_print(c) {
                write!(self.out, "{}", c.escape_unicode())?;
            } else {
                fmt::Write::write_char(self.out, c)?;
            }
        }
        Ok(())
    }
}

/// Control characters (C0, DEL, C1), and the format characters that reorder or hide text on a
/// terminal or in a log viewer ("Trojan Source", CVE-2021-42574).
fn is_unsafe_to_print(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitized_escapes_controls_and_bidi_and_cuts() {
        let shown = Sanitized::new("a\u{1b}[2J\r\n\u{7f}\u{202e}b", 100).to_string();
        assert_eq!(shown, "a\\u{1b}[2J\\u{d}\\u{a}\\u{7f}\\u{202e}b");
        assert_eq!(
            Sanitized::new("x".repeat(10), 4).to_string(),
            "xxxx... (+6 more characters)"
        );
        assert_eq!(
            format!("{:?}", Sanitized::new("q\u{1b}", 100)),
            "\"q\\u{1b}\""
        );
    }
}
