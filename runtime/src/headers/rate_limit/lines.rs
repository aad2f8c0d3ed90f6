//! The rate-limit header lines of a response as received: what every family reads, and what
//! [`RateLimit::raw`](super::RateLimit::raw) and [`Limit::raw`](super::Limit::raw) list.

use std::borrow::Cow;
use std::sync::Arc;

use http::{HeaderMap, HeaderName};

use crate::headers::syntax::trim;

/// One rate-limit header line as received: what [`RateLimit::raw`](super::RateLimit::raw)
/// lists.
#[derive(Clone, PartialEq, Eq)]
pub struct RawHeader {
    pub(super) name: HeaderName,
    // Shared: the same line is listed by the response and by the limit that read it.
    value: Arc<str>,
    pub(super) sensitive: bool,
}

impl RawHeader {
    /// The header's name (lowercase).
    pub fn name(&self) -> &HeaderName {
        &self.name
    }

    /// The value, trimmed (bytes that are not UTF-8 are replacement characters).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The value, shared (no copy).
    pub(super) fn shared_value(&self) -> Arc<str> {
        Arc::clone(&self.value)
    }

    /// `true` if the value was marked [sensitive](http::HeaderValue::is_sensitive): `Debug`
    /// shows it as `[redacted]`.
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }
}

/// `(name, value)`, with a sensitive value shown as `[redacted]`.
impl core::fmt::Debug for RawHeader {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut tuple = f.debug_tuple("");
        tuple.field(&self.name);
        if self.sensitive {
            tuple.field(&format_args!("[redacted]"));
        } else {
            tuple.field(&self.value());
        }
        tuple.finish()
    }
}

/// The rate-limit header lines of a response, as text (they become
/// [`RateLimit::raw`](super::RateLimit::raw)).
pub(super) struct Lines {
    pub(super) raw: Vec<RawHeader>,
    /// The prefixes the names have (the `*_PREFIX` bits).
    pub(super) prefixes: u8,
}

/// The prefixes of the rate-limit header names, each a bit of [`Lines::prefixes`]: a family
/// whose prefix no header name has is not tried.
pub(super) const RATELIMIT_PREFIX: u8 = 1;
pub(super) const X_RATELIMIT_PREFIX: u8 = 2;
pub(super) const X_RATE_LIMIT_PREFIX: u8 = 4;
pub(super) const ANTHROPIC_PREFIX: u8 = 8;

/// Which rate-limit prefix `name` has (a bit above), or 0.
fn prefix_of(name: &HeaderName) -> u8 {
    let name = name.as_str().as_bytes();
    // Most names of a response start with none of these letters: one comparison rules them out.
    match name.first() {
        Some(b'r') if name.starts_with(b"ratelimit") => RATELIMIT_PREFIX,
        Some(b'x') if name.starts_with(b"x-ratelimit-") => X_RATELIMIT_PREFIX,
        Some(b'x') if name.starts_with(b"x-rate-limit-") => X_RATE_LIMIT_PREFIX,
        Some(b'a')
            if name.starts_with(b"anthropic-ratelimit-")
                || name.starts_with(b"anthropic-priority-") =>
        {
            ANTHROPIC_PREFIX
        }
        _ => 0,
    }
}

/// `value` as text without its surrounding whitespace (`str::trim`), bytes that are not UTF-8
/// replaced; visible ASCII (nearly every value) without the lossy decoder.
fn text_of(value: &http::HeaderValue) -> Arc<str> {
    match value.to_str() {
        Ok(text) => Arc::from(trim(text)),
        Err(_) => Arc::from(String::from_utf8_lossy(value.as_bytes()).trim()),
    }
}

impl Lines {
    pub(super) fn of(headers: &HeaderMap) -> Self {
        // One pass; the vector is allocated at the first rate-limit line, once, for at most
        // the lines left (nothing for a response without one).
        let (mut raw, mut prefixes) = (Vec::new(), 0);
        for (seen, (name, value)) in headers.iter().enumerate() {
            let prefix = prefix_of(name);
            if prefix == 0 {
                continue;
            }
            if raw.is_empty() {
                raw.reserve_exact(headers.len().saturating_sub(seen));
            }
            prefixes |= prefix;
            raw.push(RawHeader {
                name: name.clone(),
                value: text_of(value),
                sensitive: value.is_sensitive(),
            });
        }
        Self { raw, prefixes }
    }

    /// Whether a name has the prefix `bit`.
    pub(super) fn has(&self, bit: u8) -> bool {
        self.prefixes & bit != 0
    }

    pub(super) fn lines<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a RawHeader> + 'a {
        self.raw
            .iter()
            .filter(move |raw| raw.name.as_str() == name && !raw.value.is_empty())
    }

    pub(super) fn first<'a>(&'a self, name: &'a HeaderName) -> Option<&'a str> {
        self.first_line(name.as_str()).map(RawHeader::value)
    }

    pub(super) fn first_line<'a>(&'a self, name: &'a str) -> Option<&'a RawHeader> {
        self.lines(name).next()
    }

    /// Copies of the lines whose names `keep` accepts: a [`Limit`](super::Limit)'s raw lines.
    pub(super) fn copies(&self, keep: impl Fn(&str) -> bool) -> Vec<RawHeader> {
        // At most every line: allocated once (a filter's length is unknown to `collect`).
        let mut copies = Vec::with_capacity(self.raw.len());
        copies.extend(
            self.raw
                .iter()
                .filter(|raw| keep(raw.name.as_str()))
                .cloned(),
        );
        copies
    }

    /// The non-empty lines of header `name` joined with `", "` (borrowed for a single line).
    pub(super) fn joined<'a>(&'a self, name: &'a HeaderName) -> Cow<'a, str> {
        let mut lines = self.lines(name.as_str()).map(RawHeader::value);
        let Some(first) = lines.next() else {
            return Cow::Borrowed("");
        };
        let Some(second) = lines.next() else {
            return Cow::Borrowed(first);
        };
        let mut joined = String::with_capacity(first.len() + 2 + second.len());
        joined.push_str(first);
        for line in core::iter::once(second).chain(lines) {
            joined.push_str(", ");
            joined.push_str(line);
        }
        Cow::Owned(joined)
    }
}
