//! [`BlockingRefresh`] and [`AsyncRefresh`]: what a blocking or an async client asks of the
//! refresh mode of its [`CallOptions`](crate::CallOptions) — [`NoRefresh`], or a
//! [`CredentialRefresh`] of the client's kind. Each client's call hands every attempt to the
//! mode, which sends it as it is or under the refresh.

#[cfg(feature = "__async")]
use core::future::Future;

use http::HeaderMap;

use super::{CredentialRefresh, NoRefresh};
use crate::call::CallError;
use crate::response::BufferedResponse;

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::NoRefresh {}
    impl<K> Sealed for super::CredentialRefresh<K> {}
}

/// The refresh mode of a blocking client's call: [`NoRefresh`], or a
/// [`CredentialRefresh::blocking`]. Sealed; its method is no public API.
#[cfg(feature = "__blocking")]
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot refresh a credential for a blocking client",
    label = "this call is sent by a blocking client",
    note = "a blocking client (ureq, reqwest's `blocking`) runs a blocking refresher: build it with `CredentialRefresh::blocking`; an async refresher (`CredentialRefresh::new_async`) needs an async client (reqwest, tower, reqwest-middleware)"
)]
pub trait BlockingRefresh: sealed::Sealed {
    /// One attempt: `send` sends a request and reads its response; `copy` makes the request
    /// to send again, `headers` gives its headers to put the credential in.
    #[doc(hidden)]
    fn __attempt_blocking<T: ?Sized, Q, E>(
        &self,
        request: Q,
        copy: fn(&Q) -> Option<Q>,
        headers: fn(&mut Q) -> &mut HeaderMap,
        send: &impl Fn(Q) -> Result<BufferedResponse, CallError<E>>,
    ) -> Result<BufferedResponse, CallError<E>>;
}

#[cfg(feature = "__blocking")]
impl BlockingRefresh for NoRefresh {
    #[inline]
    fn __attempt_blocking<T: ?Sized, Q, E>(
        &self,
        request: Q,
        _: fn(&Q) -> Option<Q>,
        _: fn(&mut Q) -> &mut HeaderMap,
        send: &impl Fn(Q) -> Result<BufferedResponse, CallError<E>>,
    ) -> Result<BufferedResponse, CallError<E>> {
        send(request)
    }
}

#[cfg(feature = "__blocking")]
impl BlockingRefresh for CredentialRefresh<super::Blocking> {
    fn __attempt_blocking<T: ?Sized, Q, E>(
        &self,
        request: Q,
        copy: fn(&Q) -> Option<Q>,
        headers: fn(&mut Q) -> &mut HeaderMap,
        send: &impl Fn(Q) -> Result<BufferedResponse, CallError<E>>,
    ) -> Result<BufferedResponse, CallError<E>> {
        self.attempt::<T, Q, E>(request, copy, headers, send)
    }
}

/// The refresh mode of an async client's call: [`NoRefresh`], or a
/// [`CredentialRefresh::new_async`]. Sealed; its method is no public API.
#[cfg(feature = "__async")]
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot refresh a credential for an async client",
    label = "this call is sent by an async client",
    note = "an async client (reqwest, tower, reqwest-middleware) awaits an async refresher: build it with `CredentialRefresh::new_async`; a blocking refresher (`CredentialRefresh::blocking`) needs a blocking client (ureq, reqwest's `blocking`)"
)]
pub trait AsyncRefresh: sealed::Sealed + Clone + Send + Sync + 'static {
    /// One attempt, as [`BlockingRefresh`]'s, awaited.
    ///
    /// The mode and `send` are taken by value (a clone each: an `Arc`, a client handle), so
    /// that the attempt's future borrows nothing and a call's future stays `Send` wherever it
    /// is spawned.
    #[doc(hidden)]
    fn __attempt_async<T: ?Sized, Q, E, S, F>(
        self,
        request: Q,
        copy: fn(&Q) -> Option<Q>,
        headers: fn(&mut Q) -> &mut HeaderMap,
        send: S,
    ) -> impl Future<Output = Result<BufferedResponse, CallError<E>>> + Send
    where
        Q: Send,
        E: Send,
        S: Fn(Q) -> F + Send,
        F: Future<Output = Result<BufferedResponse, CallError<E>>> + Send;
}

#[cfg(feature = "__async")]
impl AsyncRefresh for NoRefresh {
    #[inline]
    fn __attempt_async<T: ?Sized, Q, E, S, F>(
        self,
        request: Q,
        _: fn(&Q) -> Option<Q>,
        _: fn(&mut Q) -> &mut HeaderMap,
        send: S,
    ) -> impl Future<Output = Result<BufferedResponse, CallError<E>>> + Send
    where
        Q: Send,
        E: Send,
        S: Fn(Q) -> F + Send,
        F: Future<Output = Result<BufferedResponse, CallError<E>>> + Send,
    {
        send(request)
    }
}

#[cfg(feature = "__async")]
impl AsyncRefresh for CredentialRefresh<super::Async> {
    fn __attempt_async<T: ?Sized, Q, E, S, F>(
        self,
        request: Q,
        copy: fn(&Q) -> Option<Q>,
        headers: fn(&mut Q) -> &mut HeaderMap,
        send: S,
    ) -> impl Future<Output = Result<BufferedResponse, CallError<E>>> + Send
    where
        Q: Send,
        E: Send,
        S: Fn(Q) -> F + Send,
        F: Future<Output = Result<BufferedResponse, CallError<E>>> + Send,
    {
        self.attempt::<T, Q, E, F>(request, copy, headers, send)
    }
}
