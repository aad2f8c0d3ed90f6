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

#[cfg(all(test, feature = "__blocking"))]
mod tests {
    use std::sync::{Arc, Condvar, Mutex};
    use std::time::Duration;

    use http::header::{AUTHORIZATION, WWW_AUTHENTICATE};

    use super::*;
    use crate::refresh::RefreshEvent;

    /// A server in a closure: 200 for `Bearer new`, a 401 `invalid_token` otherwise; counts
    /// the 401s it gave.
    fn answer(headers: &HeaderMap, refused: &(Mutex<usize>, Condvar)) -> BufferedResponse {
        let fresh = headers
            .get(AUTHORIZATION)
            .is_some_and(|value| value == "Bearer new");
        let mut response = http::Response::builder().status(if fresh { 200 } else { 401 });
        if !fresh {
            response = response.header(WWW_AUTHENTICATE, r#"Bearer error="invalid_token""#);
            *refused.0.lock().unwrap() += 1;
            refused.1.notify_all();
        }
        response.body(bytes::Bytes::new()).unwrap().into()
    }

    /// Eight calls that got their 401 while another held the flight lock: one refreshes when
    /// it is released, the seven others find its credential under the lock. Deterministic:
    /// no call can refresh before the test releases the lock, and all eight are past their
    /// first send by then.
    #[test]
    fn calls_waiting_for_the_flight_share_its_credential() {
        let refreshes = Arc::new(Mutex::new(0));
        let counted = Arc::clone(&refreshes);
        let events = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&events);
        let refresh = CredentialRefresh::blocking(move || {
            *counted.lock().unwrap() += 1;
            Ok::<_, std::io::Error>(HeaderValue::from_static("Bearer new"))
        })
        .on_event(move |event| log.lock().unwrap().push(event));
        let refused = (Mutex::new(0), Condvar::new());
        let send =
            |headers: HeaderMap| Ok::<_, CallError<std::io::Error>>(answer(&headers, &refused));

        std::thread::scope(|scope| {
            let held = refresh.shared.kind.flight.lock().unwrap();
            let calls: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        let mut request = HeaderMap::new();
                        request.insert(AUTHORIZATION, HeaderValue::from_static("Bearer old"));
                        refresh.attempt::<(), _, _>(request, |h| Some(h.clone()), |h| h, &send)
                    })
                })
                .collect();
            let (count, _) = refused
                .1
                .wait_timeout_while(refused.0.lock().unwrap(), Duration::from_secs(20), |n| {
                    *n < 8
                })
                .unwrap();
            assert_eq!(*count, 8);
            drop(count);
            drop(held);
            for call in calls {
                let response = call.join().unwrap().unwrap();
                assert_eq!(response.status(), 200);
            }
        });
        assert_eq!(*refreshes.lock().unwrap(), 1);
        let events = events.lock().unwrap();
        assert_eq!(
            events
                .iter()
                .filter(|e| **e == RefreshEvent::Refreshed)
                .count(),
            1
        );
        assert_eq!(
            events
                .iter()
                .filter(|e| **e == RefreshEvent::Reused)
                .count(),
            7
        );
    }
}
