//! What a call hands the clients: the governor, what its request costs and the longest wait
//! the call accepts ([`Pacing`]); and the one wrapper every client puts around each send.

// Without a client feature, only `CallOptions` holds a `Pace`: nothing sends.
#![cfg_attr(not(feature = "__client"), allow(dead_code))]

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use http::{Method, Uri};

use super::learn::{Lesson, lesson};
use super::state::Costs;
use super::{RateGovernor, RateKey};
use crate::call::CallError;
use crate::response::BufferedResponse;

/// The governor of a call and the costs it states: what [`CallOptions`](crate::CallOptions)
/// keeps.
#[derive(Clone, Debug)]
pub(crate) struct Pace {
    pub(crate) governor: RateGovernor,
    pub(crate) costs: Arc<Costs>,
}

impl Pace {
    pub(crate) fn new(governor: RateGovernor) -> Self {
        Pace {
            governor,
            costs: Arc::new([]),
        }
    }

    /// The same with `limit`'s cost set to `amount`.
    pub(crate) fn cost(mut self, limit: Cow<'static, str>, amount: u64) -> Self {
        let mut costs: Vec<_> = self
            .costs
            .iter()
            .filter(|(name, _)| *name != limit)
            .cloned()
            .collect();
        costs.push((limit, amount));
        self.costs = costs.into();
        self
    }
}

/// What one call's sends are paced by. Public only to be named by the sealed client traits;
/// no part of the API. Owned (a few reference counts), so that a send closure that holds it
/// borrows nothing of the call: an async call's future stays `Send` wherever it is spawned.
#[doc(hidden)]
#[derive(Clone)]
pub struct Pacing {
    pace: Pace,
    cap: Duration,
}

/// A send about to be paced: what paces it and its key. Owned (a few reference counts), so
/// that an async send's future borrows nothing of the call.
pub(crate) struct Paced {
    governor: RateGovernor,
    costs: Arc<Costs>,
    cap: Duration,
    key: RateKey,
}

impl Pacing {
    pub(crate) fn new(pace: Pace, cap: Duration) -> Self {
        Pacing { pace, cap }
    }

    /// A request of `method` to `uri`, keyed before it is sent.
    pub(crate) fn request(&self, method: &Method, uri: &Uri) -> Paced {
        self.keyed(self.pace.governor.key_for(method, uri))
    }

    fn keyed(&self, key: RateKey) -> Paced {
        Paced {
            governor: self.pace.governor.clone(),
            costs: Arc::clone(&self.pace.costs),
            cap: self.cap,
            key,
        }
    }

    /// A request whose URL the client holds as text (reqwest's `Url`).
    #[cfg_attr(not(feature = "reqwest"), allow(dead_code))]
    pub(crate) fn request_to_url(&self, method: &Method, url: &str) -> Paced {
        match url.parse::<Uri>() {
            Ok(uri) => self.request(method, &uri),
            Err(_) => self.keyed(RateKey::new(None, None::<&'static str>)),
        }
    }
}

/// What an attempt's result teaches: a response's (kept in the error too, when it did not
/// become the outcome), or nothing when none arrived.
fn lesson_of<E>(result: &Result<BufferedResponse, CallError<E>>) -> Option<Lesson> {
    match result {
        Ok(response) => Some(lesson(response.status(), response.headers())),
        Err(CallError::Response(error)) => Some(lesson(error.status(), error.headers())),
        Err(_) => None,
    }
}

fn throttled<E>(error: super::Throttled) -> CallError<E> {
    CallError::Throttled(error)
}

/// Sends once `paced` allows it (at once without a governor), and teaches it the response.
#[cfg(feature = "__blocking")]
pub(crate) fn send_blocking<E>(
    paced: Option<Paced>,
    send: impl FnOnce() -> Result<BufferedResponse, CallError<E>>,
) -> Result<BufferedResponse, CallError<E>> {
    let Some(paced) = paced else {
        return send();
    };
    let permit = paced
        .governor
        .acquire_blocking(&paced.key, &paced.costs, paced.cap)
        .map_err(throttled)?;
    let result = send();
    permit.complete(lesson_of(&result));
    result
}

/// The permit of a send paced by `paced` (none without a governor), taken with the async
/// sleeper; [`complete`] then teaches it the result. Two halves rather than one wrapper
/// around the send's future, as [`send_blocking`] is: each async client awaits its permit,
/// send and read in one future of its own, where a wrapper would hold the send's future
/// passed to it and move it again into the slot it awaits (a copy of each per request).
#[cfg(feature = "__async")]
pub(crate) async fn permit_async<E>(
    paced: Option<&Paced>,
) -> Result<Option<super::Permit<'_>>, CallError<E>> {
    match paced {
        None => Ok(None),
        Some(paced) => paced
            .governor
            .acquire_async(&paced.key, &paced.costs, paced.cap)
            .await
            .map(Some)
            .map_err(throttled),
    }
}

/// The second half of [`permit_async`]: teaches the permit's governor what `result` says, and
/// releases it.
#[cfg(feature = "__async")]
pub(crate) fn complete<E>(
    permit: Option<super::Permit<'_>>,
    result: &Result<BufferedResponse, CallError<E>>,
) {
    if let Some(permit) = permit {
        permit.complete(lesson_of(result));
    }
}

/// Sends once `governor` allows it and teaches it the response's head: for a middleware, which
/// sees a response before its body is read. `Err` when the permit would wait over `cap`.
#[cfg(feature = "reqwest-middleware")]
pub(crate) async fn send_head_async<R, E>(
    governor: &RateGovernor,
    key: RateKey,
    cap: Duration,
    send: impl core::future::Future<Output = Result<R, E>>,
    head: impl Fn(&R) -> (http::StatusCode, &http::HeaderMap),
) -> Result<Result<R, E>, super::Throttled> {
    let permit = governor.acquire_async(&key, &[], cap).await?;
    let result = send.await;
    permit.complete(result.as_ref().ok().map(|response| {
        let (status, headers) = head(response);
        lesson(status, headers)
    }));
    Ok(result)
}
