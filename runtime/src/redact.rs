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

/// `Debug` for a header map that prints `[redacted]` for credentials and sensitive values, and
/// escapes everything else.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if value.is_sensitive() || CREDENTIAL_HEADERS.contains(name) {
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
