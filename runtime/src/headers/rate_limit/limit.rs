//! One limit of a rate-limit response: a quota, what is left of it, when it resets.

use std::sync::Arc;
use std::time::Duration;

use super::lines::RawHeader;
use crate::headers::Wait;

/// One limit of a [`RateLimit`](super::RateLimit): a quota, what is left of it and when it
/// resets. Its `Debug` redacts sensitive raw values, as [`RateLimit`](super::RateLimit)'s does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limit {
    // Filled in by the family readers, the files next to this one.
    // Shared with the raw line it was read from, where there is one.
    pub(super) name: Option<Arc<str>>,
    pub(super) limit: Option<u64>,
    pub(super) remaining: Option<u64>,
    pub(super) used: Option<u64>,
    pub(super) reset: Option<Wait>,
    pub(super) window: Option<Duration>,
    pub(super) raw: Vec<RawHeader>,
}

impl Limit {
    /// A limit with nothing known yet.
    pub(super) fn new(name: Option<Arc<str>>) -> Self {
        Self {
            name,
            limit: None,
            remaining: None,
            used: None,
            reset: None,
            window: None,
            raw: Vec::new(),
        }
    }

    /// Its name: the draft's policy name (`"default"`), GitHub's resource (`core`), Discord's
    /// bucket, GitLab's throttle, OpenAI's and Anthropic's kind (`requests`, `tokens`,
    /// `input-tokens`, ...). `None` when the server names none.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The quota: how many requests (or tokens, or other units) the window allows.
    pub fn limit(&self) -> Option<u64> {
        self.limit
    }

    /// How many are left in the current window.
    pub fn remaining(&self) -> Option<u64> {
        self.remaining
    }

    /// How many were used in the current window (GitHub's and Reddit's `X-RateLimit-Used`).
    pub fn used(&self) -> Option<u64> {
        self.used
    }

    /// `true` when the server says nothing is left (`remaining` is 0).
    pub fn is_exhausted(&self) -> bool {
        self.remaining == Some(0)
    }

    /// When the quota resets.
    pub fn reset(&self) -> Option<Wait> {
        self.reset
    }

    /// The length of the quota's time window (`RateLimit-Policy`'s `w=`).
    pub fn window(&self) -> Option<Duration> {
        self.window
    }

    /// The header lines this limit was read from, in the response's order.
    pub fn raw(&self) -> &[RawHeader] {
        &self.raw
    }
}

/// The limit [`RateLimit::binding`](super::RateLimit::binding) falls back to, which it never
/// needs: it only satisfies the no-panic lints.
pub(super) static EMPTY: Limit = Limit {
    name: None,
    limit: None,
    remaining: None,
    used: None,
    reset: None,
    window: None,
    raw: Vec::new(),
};
