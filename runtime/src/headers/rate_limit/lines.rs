//! The rate-limit header lines of a response as received: what every family reads, and what
//! [`RateLimit::raw`](super::RateLimit::raw) and [`Limit::raw`](super::Limit::raw) list.

use std::borrow::Cow;

use http::{HeaderMap, HeaderName};

/// One rate-limit header line as received: what [`RateLimit::raw`](super::RateLimit::raw)
/// lists.
#[derive(Clone, PartialEq, Eq)]
pub struct RawHeader {
    pub(super) name: HeaderName,
    pub(super) value: String,
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
            tuple.field(&self.value);
        }
        tuple.finish()
    }
}

/// The rate-limit header lines of a response, as text (they become
/// [`RateLimit::raw`](super::RateLimit::raw)).
pub(super) struct Lines {
    pub(super) raw: Vec<RawHeader>,
}

fn is_rate_limit_header(name: &HeaderName) -> bool {
    let name = name.as_str();
    name.starts_with("ratelimit")
        || name.starts_with("x-ratelimit-")
        || name.starts_with("x-rate-limit-")
        || name.starts_with("anthropic-ratelimit-")
        || name.starts_with("anthropic-priority-")
}

impl Lines {
    pub(super) fn of(headers: &HeaderMap) -> Self {
        // Counted first so that the vector is allocated once, at its final size.
        let count = headers
            .iter()
            .filter(|(name, _)| is_rate_limit_header(name))
            .count();
        let mut raw = Vec::with_capacity(count);
        for (name, value) in headers
            .iter()
            .filter(|(name, _)| is_rate_limit_header(name))
        {
            raw.push(RawHeader {
                name: name.clone(),
                value: String::from_utf8_lossy(value.as_bytes()).trim().to_owned(),
                sensitive: value.is_sensitive(),
            });
        }
        Self { raw }
    }

    /// The non-empty lines of header `name`.
    pub(super) fn lines<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a RawHeader> + 'a {
        self.raw
            .iter()
            .filter(move |raw| raw.name.as_str() == name && !raw.value.is_empty())
    }

    pub(super) fn first<'a>(&'a self, name: &'a HeaderName) -> Option<&'a str> {
        self.first_line(name.as_str()).map(|raw| raw.value.as_str())
    }

    pub(super) fn first_line<'a>(&'a self, name: &'a str) -> Option<&'a RawHeader> {
        self.lines(name).next()
    }

    /// Copies of the lines whose names `keep` accepts: a [`Limit`](super::Limit)'s raw lines.
    pub(super) fn copies(&self, keep: impl Fn(&str) -> bool) -> Vec<RawHeader> {
        self.raw
            .iter()
            .filter(|raw| keep(raw.name.as_str()))
            .cloned()
            .collect()
    }

    /// The non-empty lines of header `name` joined with `", "` (borrowed for a single line).
    pub(super) fn joined<'a>(&'a self, name: &'a HeaderName) -> Cow<'a, str> {
        let mut lines = self.lines(name.as_str()).map(|raw| raw.value.as_str());
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
