//! [`RateKey`]: what one set of limits is kept under — an origin and, where the program or the
//! vendor names one, a bucket.

use std::borrow::Cow;

use core::fmt;

use crate::context::Origin;

/// What a [`RateGovernor`](super::RateGovernor) keeps one set of limits under: the origin a
/// request goes to and the bucket its classifier names (GitHub's `search` resource, a Discord
/// route), or none.
///
/// A bucket is only learned from a response, so a request is mapped to its key before it is
/// sent, from its origin and the classifier
/// ([`RateGovernor::classify`](super::RateGovernor::classify)); the limits a response states
/// (each with its vendor's name: `core`, `tokens`, the IETF policy name) are kept under the key
/// of the request it answers.
///
/// ```
/// use response_handler::governor::RateKey;
/// use response_handler::Origin;
///
/// let origin = Origin::of(&"https://api.github.com/search/code".parse().unwrap());
/// let key = RateKey::new(origin, Some("search"));
/// assert_eq!(key.bucket(), Some("search"));
/// assert_eq!(key.to_string(), "https://api.github.com:443 [search]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RateKey {
    origin: Option<Origin>,
    bucket: Option<Cow<'static, str>>,
}

impl RateKey {
    /// The key of `origin` (`None`: a request whose URI has none) and `bucket`.
    pub fn new(origin: Option<Origin>, bucket: Option<impl Into<Cow<'static, str>>>) -> Self {
        RateKey {
            origin,
            bucket: bucket.map(Into::into),
        }
    }

    /// The origin, when the request's URI has one.
    pub fn origin(&self) -> Option<&Origin> {
        self.origin.as_ref()
    }

    /// The bucket the classifier named, if any.
    pub fn bucket(&self) -> Option<&str> {
        self.bucket.as_deref()
    }
}

/// `origin [bucket]`; `(no origin)` for a request without one.
impl fmt::Display for RateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.origin {
            Some(origin) => write!(f, "{origin}")?,
            None => f.write_str("(no origin)")?,
        }
        match &self.bucket {
            Some(bucket) => write!(f, " [{bucket}]"),
            None => Ok(()),
        }
    }
}
