//! [`RetryMode`]: what a call does about attempts — [`Once`], or a [`RetryPolicy`] for an
//! outcome that says when to try again. Every client's call hands its request, and how to
//! copy and send it, to the mode; the mode runs the one retry driver or sends once.

#[cfg(feature = "__async")]
use core::future::Future;
use std::error::Error as StdError;

use http::{HeaderMap, Method};

use super::CallError;
use super::options::Once;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;
use crate::retry::driver::judge_outcome;
use crate::retry::{RetryPolicy, Retryable};

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Once {}
    impl Sealed for super::RetryPolicy {}
}

/// How a call whose outcome is `T` is attempted: implemented by [`Once`] for every outcome, and
/// by [`RetryPolicy`] for an outcome that is [`Retryable`]. It is the second type parameter of
/// [`CallOptions`](super::CallOptions), and the bound that turns "this outcome cannot say when
/// to retry" into a compile error. Sealed; its methods are no public API.
#[diagnostic::on_unimplemented(
    message = "`{T}` cannot be retried: it does not implement `Retryable`",
    label = "this call retries under a `RetryPolicy`",
    note = "mark the variants worth another attempt with `#[retry]` (the derive then implements `Retryable`), or implement `Retryable` by hand"
)]
pub trait RetryMode<T>: sealed::Sealed {
    /// A blocking call: `send` makes one attempt with a request; `head` reads a request's
    /// method and headers (the resend rule), `copy` makes the next one.
    #[doc(hidden)]
    fn __drive_blocking<Q, E>(
        &self,
        first: Q,
        head: fn(&Q) -> (&Method, &HeaderMap),
        copy: fn(&Q) -> Option<Q>,
        send: impl FnMut(Q) -> Result<BufferedResponse, CallError<E>>,
    ) -> Result<T, CallError<E>>
    where
        E: StdError + 'static;

    /// An async call, the same way.
    #[doc(hidden)]
    #[cfg(feature = "__async")]
    fn __drive_async<Q, E, F>(
        &self,
        first: Q,
        head: fn(&Q) -> (&Method, &HeaderMap),
        copy: fn(&Q) -> Option<Q>,
        send: impl FnMut(Q) -> F + Send,
    ) -> impl Future<Output = Result<T, CallError<E>>> + Send
    where
        Q: Send,
        E: StdError + Send + 'static,
        F: Future<Output = Result<BufferedResponse, CallError<E>>> + Send;
}

impl<T: ResponseHandler> RetryMode<T> for Once {
    #[inline]
    fn __drive_blocking<Q, E>(
        &self,
        first: Q,
        _: fn(&Q) -> (&Method, &HeaderMap),
        _: fn(&Q) -> Option<Q>,
        mut send: impl FnMut(Q) -> Result<BufferedResponse, CallError<E>>,
    ) -> Result<T, CallError<E>>
    where
        E: StdError + 'static,
    {
        Ok(T::from_buffered(send(first)?)?)
    }

    #[inline]
    #[cfg(feature = "__async")]
    fn __drive_async<Q, E, F>(
        &self,
        first: Q,
        _: fn(&Q) -> (&Method, &HeaderMap),
        _: fn(&Q) -> Option<Q>,
        mut send: impl FnMut(Q) -> F + Send,
    ) -> impl Future<Output = Result<T, CallError<E>>> + Send
    where
        Q: Send,
        E: StdError + Send + 'static,
        F: Future<Output = Result<BufferedResponse, CallError<E>>> + Send,
    {
        super::future::Outcome::new(send(first))
    }
}

impl<T: ResponseHandler + Retryable> RetryMode<T> for RetryPolicy {
    fn __drive_blocking<Q, E>(
        &self,
        first: Q,
        head: fn(&Q) -> (&Method, &HeaderMap),
        copy: fn(&Q) -> Option<Q>,
        send: impl FnMut(Q) -> Result<BufferedResponse, CallError<E>>,
    ) -> Result<T, CallError<E>>
    where
        E: StdError + 'static,
    {
        let (method, headers) = head(&first);
        let run = self.start(method, headers);
        crate::retry::driver::drive_blocking(self, run, first, copy, send, judge_outcome::<T, E>)
    }

    #[cfg(feature = "__async")]
    fn __drive_async<Q, E, F>(
        &self,
        first: Q,
        head: fn(&Q) -> (&Method, &HeaderMap),
        copy: fn(&Q) -> Option<Q>,
        send: impl FnMut(Q) -> F + Send,
    ) -> impl Future<Output = Result<T, CallError<E>>> + Send
    where
        Q: Send,
        E: StdError + Send + 'static,
        F: Future<Output = Result<BufferedResponse, CallError<E>>> + Send,
    {
        let (method, headers) = head(&first);
        let run = self.start(method, headers);
        crate::retry::driver::drive_async(self, run, first, copy, send, judge_outcome::<T, E>)
    }
}
