//! A wait as the server wrote it, a span or a moment: the value of `Retry-After` and of a
//! rate-limit reset, and what an outcome hands the retry policy.

use std::time::{Duration, SystemTime};

/// How long the server asked the client to wait, kept as the server wrote it: a span
/// (`Retry-After: 120`, a reset in seconds) or a moment (`Retry-After` as an HTTP-date, a reset
/// as a Unix time or an RFC 3339 timestamp).
///
/// A moment stays a moment, so that it is resolved against the clock of whoever acts on it
/// ([`delay_from`](Self::delay_from)); a span counts from when the response was received.
/// [`RetryAfter`](crate::RetryAfter) holds one, [`RateLimit::reset`](crate::RateLimit::reset)
/// and [`Limit::reset`](crate::headers::Limit::reset) return one, and
/// [`RetryHint::Retry`](crate::retry::RetryHint::Retry) carries one to the retry policy.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use response_handler::Wait;
///
/// let now = UNIX_EPOCH + Duration::from_secs(1_000);
/// let span = Wait::After(Duration::from_secs(30));
/// let moment = Wait::At(UNIX_EPOCH + Duration::from_secs(1_030));
/// assert_eq!(span.delay_from(now), Duration::from_secs(30));
/// assert_eq!(moment.delay_from(now), Duration::from_secs(30));
/// assert_eq!(span.at(now), moment.at(now));
///
/// // A moment already past is no wait at all.
/// let later = now + Duration::from_secs(60);
/// assert_eq!(moment.delay_from(later), Duration::ZERO);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wait {
    /// Wait this long, counted from when the response was received.
    After(Duration),
    /// Wait until this moment.
    At(SystemTime),
}

impl Wait {
    /// How long to wait from now: the span itself, or the time until the moment (zero if it has
    /// passed).
    pub fn delay(&self) -> Duration {
        self.delay_from(SystemTime::now())
    }

    /// How long to wait from `now`: the span itself, or the time until the moment (zero for a
    /// moment before `now`).
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use response_handler::RetryAfter;
    ///
    /// let retry: RetryAfter = "Sun, 06 Nov 1994 08:49:37 GMT".parse().unwrap();
    /// let now = UNIX_EPOCH + Duration::from_secs(784111777 - 30);
    /// assert_eq!(retry.delay_from(now), Duration::from_secs(30));
    /// ```
    pub fn delay_from(&self, now: SystemTime) -> Duration {
        match *self {
            Self::After(delay) => delay,
            Self::At(moment) => moment.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }

    /// The moment to send again, counting a span from `now`; `None` only if that moment cannot
    /// be represented.
    pub fn at(&self, now: SystemTime) -> Option<SystemTime> {
        match *self {
            Self::After(delay) => now.checked_add(delay),
            Self::At(moment) => Some(moment),
        }
    }
}
