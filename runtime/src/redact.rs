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

/// `Display` (and `Debug`) of a client's transport error with the secrets a URL carries taken
/// out, for the retry events and the `tracing` events.
///
/// Clients put the request's URL in their errors (reqwest: `error sending request for url
/// (http://user:pw@host/x?key=...)`). Whatever the error says, every URL-looking substring
/// `scheme://user:pw@host/path?query#fragment` is printed without its userinfo, with each query
/// value replaced by `REDACTED` (the names stay: they say which parameter was sent), and without
/// its fragment (it never reaches a server, and OAuth puts tokens there). The path stays. Only
/// the error's own message is printed, not its `source()` chain; then the text is
/// [`Sanitized`] (control characters escaped, cut after [`MESSAGE_LIMIT`] characters).
pub(crate) struct RedactedError<'a>(pub(crate) &'a (dyn std::error::Error + 'static));

impl fmt::Display for RedactedError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = redact_urls(&self.0.to_string());
        fmt::Display::fmt(&Sanitized::new(text, MESSAGE_LIMIT), f)
    }
}

impl fmt::Debug for RedactedError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The message, quoted: the error's own `Debug` may show its URL field by field.
        let text = redact_urls(&self.0.to_string());
        fmt::Debug::fmt(&Sanitized::new(text, MESSAGE_LIMIT), f)
    }
}

/// What a redacted query value or a bare query parameter is replaced by.
const REDACTED: &str = "REDACTED";

/// `text` with every URL in it rewritten as [`RedactedError`] describes.
pub(crate) fn redact_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let scheme_start = rest[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            .last()
            .map_or(at, |(i, _)| i);
        let url_end = at + 3 + url_length(&rest[at + 3..]);
        out.push_str(&rest[..scheme_start]);
        out.push_str(&rest[scheme_start..at + 3]);
        redact_after_scheme(&rest[at + 3..url_end], &mut out);
        rest = &rest[url_end..];
    }
    out.push_str(rest);
    out
}

/// How far a URL goes: to a space, a quote or an angle bracket, less trailing punctuation that
/// ends the sentence around it (a `)` only when it closes nothing in the URL).
fn url_length(text: &str) -> usize {
    let mut end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
        .unwrap_or(text.len());
    loop {
        let url = &text[..end];
        let unbalanced = url.matches(')').count() > url.matches('(').count();
        match url.chars().last() {
            Some('.' | ',' | ';' | ':' | '!') => end -= 1,
            Some(')') if unbalanced => end -= 1,
            _ => return end,
        }
    }
}

/// `host/path?query#fragment` after `scheme://`: without userinfo, query values or fragment.
fn redact_after_scheme(url: &str, out: &mut String) {
    let (url, _fragment) = url.split_once('#').unwrap_or((url, ""));
    let (before_query, query) = match url.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (url, None),
    };
    let authority_end = before_query.find('/').unwrap_or(before_query.len());
    let (authority, path) = before_query.split_at(authority_end);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    out.push_str(host);
    out.push_str(path);
    if let Some(query) = query {
        out.push('?');
        for (i, pair) in query.split('&').enumerate() {
            if i > 0 {
                out.push('&');
            }
            match pair.split_once('=') {
                Some((name, _)) => {
                    out.push_str(name);
                    out.push('=');
                    out.push_str(REDACTED);
                }
                // A bare parameter may be a token itself.
                None if pair.is_empty() => {}
                None => out.push_str(REDACTED),
            }
        }
    }
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

    #[test]
    fn urls_lose_userinfo_query_values_and_fragment() {
        assert_eq!(
            redact_urls(
                "error sending request for url (http://user:pw@127.0.0.1:1/x?key=SECRET&a=b#tok)"
            ),
            "error sending request for url (http://127.0.0.1:1/x?key=REDACTED&a=REDACTED)"
        );
        assert_eq!(
            redact_urls("see https://h/p?tok, and ftp://u@h:21/f(1).txt."),
            "see https://h/p?REDACTED, and ftp://h:21/f(1).txt."
        );
        assert_eq!(redact_urls("no url: a://"), "no url: a://");
        assert_eq!(redact_urls("é://x@y?é=é"), "é://y?é=REDACTED");
        assert_eq!(redact_urls("plain"), "plain");
    }
}
