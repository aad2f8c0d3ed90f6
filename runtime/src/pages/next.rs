//! [`Next`]: where the next page is, as an outcome says it — and the URL it makes of it.

use http::Uri;

use crate::headers::Location;

/// The next page, as [`NextPage`](super::NextPage) gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Next {
    /// A URL, absolute or relative to the previous request's (resolved as browsers resolve a
    /// link). Only `http`, `https`, `ws`, `wss` and `ftp` targets are followed (as
    /// [`Location::to_uri`] gives them): any other ends the sequence.
    Url(String),
    /// Query parameters to set on the previous request's URL, in order: each replaces every
    /// parameter of the same name, or is added at the end. Names and values are given
    /// decoded, and percent-encoded here.
    Query(Vec<(String, String)>),
}

impl Next {
    /// [`Next::Url`].
    pub fn url(url: impl Into<String>) -> Self {
        Next::Url(url.into())
    }

    /// [`Next::Query`] with one parameter: `Next::query("starting_after", "ch_123")`.
    pub fn query(name: impl Into<String>, value: impl Into<String>) -> Self {
        Next::Query(vec![(name.into(), value.into())])
    }

    /// The URL of the next page after a request to `previous`; `None` when there is none
    /// that can be sent to.
    pub fn resolve(&self, previous: &Uri) -> Option<Uri> {
        match self {
            Next::Url(url) => Location::parse(url, Some(previous)).ok()?.to_uri(),
            Next::Query(params) => with_query(previous, params),
        }
    }
}

/// `uri` with `params` set in its query.
fn with_query(uri: &Uri, params: &[(String, String)]) -> Option<Uri> {
    let mut pairs: Vec<(String, String)> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name.to_owned(), value.to_owned()),
            None => (pair.to_owned(), String::new()),
        })
        .collect();
    for (name, value) in params {
        let name = encode(name);
        let value = encode(value);
        match pairs.iter().position(|(key, _)| *key == name) {
            Some(first) => {
                let mut index = 0;
                pairs.retain_mut(|(key, kept)| {
                    index += 1;
                    if index - 1 == first {
                        kept.clone_from(&value);
                        return true;
                    }
                    *key != name
                });
            }
            None => pairs.push((name, value)),
        }
    }
    let query = pairs
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("&");
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(format!("{}?{query}", uri.path()).parse().ok()?);
    Uri::from_parts(parts).ok()
}

/// Percent-encodes all but the unreserved characters of RFC 3986 (§2.3).
fn encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(next: Next, previous: &str) -> Option<String> {
        next.resolve(&previous.parse().unwrap())
            .map(|uri| uri.to_string())
    }

    #[test]
    fn a_relative_url_is_resolved_against_the_previous_request() {
        assert_eq!(
            resolve(Next::url("/items?page=2"), "http://a.example/items?page=1").as_deref(),
            Some("http://a.example/items?page=2")
        );
        assert_eq!(
            resolve(Next::url("?page=3"), "http://a.example/items?page=2").as_deref(),
            Some("http://a.example/items?page=3")
        );
    }

    #[test]
    fn only_network_targets_are_followed() {
        assert_eq!(
            resolve(Next::url("file:///etc/passwd"), "http://a.example/"),
            None
        );
        assert_eq!(
            resolve(Next::url("javascript:alert(1)"), "http://a.example/"),
            None
        );
    }

    #[test]
    fn a_query_parameter_replaces_its_namesakes_and_keeps_the_others() {
        assert_eq!(
            resolve(
                Next::query("starting_after", "ch 1&2"),
                "http://a.example/v1/charges?limit=3&starting_after=old&starting_after=x"
            )
            .as_deref(),
            Some("http://a.example/v1/charges?limit=3&starting_after=ch%201%262")
        );
        assert_eq!(
            resolve(Next::query("cursor", "c2"), "http://a.example/list").as_deref(),
            Some("http://a.example/list?cursor=c2")
        );
    }
}
