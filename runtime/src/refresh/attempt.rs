//! One attempt under a [`CredentialRefresh`]: send with the current credential; on the
//! trigger, take a newer credential or refresh (one call at a time), and send once more. The
//! blocking and the async attempt share every decision below and differ only in how they wait
//! for the refreshing call and run the refresher.

use http::{HeaderMap, HeaderValue};

use super::{CredentialRefresh, RefreshEvent};
use crate::call::CallError;
use crate::error::{BoxError, Error};
use crate::response::BufferedResponse;

impl<K> CredentialRefresh<K> {
    /// Puts the current credential, if there is one, in the request's headers; returns its
    /// generation, which the request was sent with.
    fn stamp(&self, headers: &mut HeaderMap) -> u64 {
        let (generation, value) = self.shared.credential.current();
        if let Some(value) = value {
            headers.insert(self.header.clone(), value);
        }
        generation
    }

    /// After the first response: the copy to send again with a newer credential, or `None`
    /// when the response is the attempt's result (not the trigger, or no copy to send).
    fn resend<Q>(&self, response: &BufferedResponse, copy: Option<Q>) -> Option<Q> {
        if !self.trigger.matches(response) {
            return None;
        }
        if copy.is_none() {
            self.emit(RefreshEvent::NotResent);
        }
        copy
    }

    /// A credential newer than generation `sent`, if another call refreshed since.
    fn newer(&self, sent: u64) -> Option<HeaderValue> {
        let newer = self.shared.credential.newer_than(sent);
        if newer.is_some() {
            self.emit(RefreshEvent::Reused);
        }
        newer
    }

    /// What the refresher gave: the next generation, or the error that keeps the 401.
    fn refreshed<T: ?Sized>(
        &self,
        result: Result<HeaderValue, BoxError>,
        response: BufferedResponse,
    ) -> Result<HeaderValue, Error> {
        match result {
            Ok(value) => {
                self.emit(RefreshEvent::Refreshed);
                Ok(self.shared.credential.seed(value))
            }
            Err(error) => {
                self.emit(RefreshEvent::Failed);
                Err(Error::refresh::<T>(error, response))
            }
        }
    }

    /// The copy, with `credential` in place of the one it was sent with.
    fn with<Q>(
        &self,
        mut copy: Q,
        headers: fn(&mut Q) -> &mut HeaderMap,
        credential: HeaderValue,
    ) -> Q {
        headers(&mut copy).insert(self.header.clone(), credential);
        copy
    }
}

#[cfg(feature = "__blocking")]
impl CredentialRefresh<super::Blocking> {
    /// The blocking attempt: the refreshing call holds the flight lock; the others block on
    /// it, then find its credential.
    pub(super) fn attempt<T: ?Sized, Q, E>(
        &self,
        mut request: Q,
        copy: fn(&Q) -> Option<Q>,
        headers: fn(&mut Q) -> &mut HeaderMap,
        send: &impl Fn(Q) -> Result<BufferedResponse, CallError<E>>,
    ) -> Result<BufferedResponse, CallError<E>> {
        let sent = self.stamp(headers(&mut request));
        let spare = copy(&request);
        let response = send(request)?;
        let Some(again) = self.resend(&response, spare) else {
            return Ok(response);
        };
        let credential = match self.newer(sent) {
            Some(credential) => credential,
            None => {
                let kind = &self.shared.kind;
                let _flight = kind
                    .flight
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                match self.newer(sent) {
                    Some(credential) => credential,
                    None => self.refreshed::<T>((kind.refresher)(), response)?,
                }
            }
        };
        send(self.with(again, headers, credential))
    }
}

#[cfg(feature = "__async")]
impl CredentialRefresh<super::Async> {
    /// The async attempt: the refreshing call holds the flight lock; the others await it,
    /// then find its credential.
    pub(super) async fn attempt<T: ?Sized, Q, E, F>(
        self,
        mut request: Q,
        copy: fn(&Q) -> Option<Q>,
        headers: fn(&mut Q) -> &mut HeaderMap,
        send: impl Fn(Q) -> F,
    ) -> Result<BufferedResponse, CallError<E>>
    where
        F: core::future::Future<Output = Result<BufferedResponse, CallError<E>>>,
    {
        let sent = self.stamp(headers(&mut request));
        let spare = copy(&request);
        let response = send(request).await?;
        let Some(again) = self.resend(&response, spare) else {
            return Ok(response);
        };
        let credential = match self.newer(sent) {
            Some(credential) => credential,
            None => {
                let kind = &self.shared.kind;
                let _flight = kind.flight.lock().await;
                match self.newer(sent) {
                    Some(credential) => credential,
                    None => self.refreshed::<T>((kind.refresher)().await, response)?,
                }
            }
        };
        send(self.with(again, headers, credential)).await
    }
}
