//! The error of the one-call integrations, which send the request too.

use core::fmt;

use crate::error::Error;
use crate::governor::Throttled;

/// The error of a call that sends the request and handles the response in one go
/// (`client.get(url).handle::<T>()`): either no response arrived, or one did and is kept in
/// the [`Error`].
///
/// More ways a call can end without an outcome may come (a credential that could not be
/// refreshed): the enum is `#[non_exhaustive]`.
#[derive(Debug)]
#[non_exhaustive]
pub enum CallError<E> {
    /// The request failed before any response arrived (connect, TLS, timeout ...): the
    /// client's own error.
    Send(E),
    /// A response arrived but did not become the target type. The [`Error`] keeps the status,
    /// headers and body.
    Response(Error),
    /// Nothing was sent: the call's [`RateGovernor`](crate::RateGovernor) would have held the
    /// request back longer than the call waits (its retry policy's
    /// [`max_server_wait`](crate::RetryPolicy::max_server_wait), 60 s without one). Names the
    /// key and the wait.
    Throttled(Throttled),
}

impl<E> CallError<E> {
    /// The response error, if a response arrived.
    pub fn response(&self) -> Option<&Error> {
        match self {
            CallError::Response(error) => Some(error),
            CallError::Send(_) | CallError::Throttled(_) => None,
        }
    }

    /// The response error, if a response arrived; the call error itself otherwise.
    pub fn into_response(self) -> Result<Error, Self> {
        match self {
            CallError::Response(error) => Ok(error),
            other => Err(other),
        }
    }

    /// The same error with the client's error mapped by `f` (to erase its type, say).
    pub fn map_send<F>(self, f: impl FnOnce(E) -> F) -> CallError<F> {
        match self {
            CallError::Send(error) => CallError::Send(f(error)),
            CallError::Response(error) => CallError::Response(error),
            CallError::Throttled(throttled) => CallError::Throttled(throttled),
        }
    }

    /// The client's error, if the request got no response.
    pub fn send_error(&self) -> Option<&E> {
        match self {
            CallError::Send(error) => Some(error),
            CallError::Response(_) | CallError::Throttled(_) => None,
        }
    }
}

impl<E> From<Error> for CallError<E> {
    fn from(error: Error) -> Self {
        CallError::Response(error)
    }
}

impl<E: fmt::Display> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Send(error) => write!(f, "the request failed: {error}"),
            CallError::Response(error) => fmt::Display::fmt(error, f),
            CallError::Throttled(throttled) => fmt::Display::fmt(throttled, f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for CallError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CallError::Send(error) => Some(error),
            CallError::Response(error) => Some(error),
            CallError::Throttled(throttled) => Some(throttled),
        }
    }
}
