//! The one retry driver. After each attempt the engine ([`RetryRun`]) decides; the driver then
//! hands the result to the caller, or waits and sends the copy of the request it kept. The
//! blocking and the async loop below differ only in how they send and how they sleep; every
//! client's call runs one of them, and so does `RetryMiddleware`, which judges an attempt by
//! its response head instead of a typed outcome.

use core::ops::ControlFlow;
use std::error::Error as StdError;
use std::time::Duration;

use super::decision::{Decision, GiveUpReason};
use super::engine::RetryRun;
use super::hint::{RetryHint, Retryable};
use super::policy::RetryPolicy;
use crate::call::CallError;
use crate::error::ErrorKind;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

/// The attempts of one call: the policy's run, and the copy of the request kept for the next
/// attempt (made before the current one is sent, since sending consumes it).
struct Driver<'p, R, C> {
    run: RetryRun<'p>,
    next: Option<R>,
    copy: C,
}

impl<'p, R, C: Fn(&R) -> Option<R>> Driver<'p, R, C> {
    /// The attempts of a call, and the request of the first one. A request that cannot be copied
    /// gets one attempt; `on_give_up` hears `BodyNotCloneable` if its outcome asked for another.
    fn new(run: RetryRun<'p>, request: R, copy: C) -> (Self, R) {
        let next = copy(&request);
        let run = if next.is_some() { run } else { run.once() };
        (Driver { run, next, copy }, request)
    }

    /// After one attempt: `judge` turns it into the caller's result and the engine's decision.
    /// `Break` with that result, or `Continue` with the wait and the next request (the result is
    /// dropped first: nothing of it is held across the wait).
    fn step<A, O>(
        &mut self,
        attempt: A,
        judge: &mut impl FnMut(&mut RetryRun<'p>, A) -> (O, Decision),
    ) -> ControlFlow<O, (Duration, R)> {
        let (result, decision) = judge(&mut self.run, attempt);
        match (decision, self.next.take()) {
            (Decision::Retry(delay), Some(request)) => {
                drop(result);
                self.next = (self.copy)(&request);
                ControlFlow::Continue((delay, request))
            }
            _ => ControlFlow::Break(result),
        }
    }
}

/// The blocking loop: `send` makes one attempt, `judge` reads it, the policy's sleeper waits.
pub(crate) fn drive_blocking<'p, R, A, O>(
    policy: &'p RetryPolicy,
    run: RetryRun<'p>,
    request: R,
    copy: impl Fn(&R) -> Option<R>,
    mut send: impl FnMut(R) -> A,
    mut judge: impl FnMut(&mut RetryRun<'p>, A) -> (O, Decision),
) -> O {
    let (mut driver, mut current) = Driver::new(run, request, copy);
    loop {
        match driver.step(send(current), &mut judge) {
            ControlFlow::Break(result) => return result,
            ControlFlow::Continue((delay, request)) => {
                (policy.sleeper)(delay);
                current = request;
            }
        }
    }
}

/// The async loop: the same as [`drive_blocking`], waiting with the policy's async sleeper.
#[cfg(feature = "__async")]
pub(crate) async fn drive_async<'p, R, A, O, F>(
    policy: &'p RetryPolicy,
    run: RetryRun<'p>,
    request: R,
    copy: impl Fn(&R) -> Option<R>,
    mut send: impl FnMut(R) -> F,
    mut judge: impl FnMut(&mut RetryRun<'p>, A) -> (O, Decision),
) -> O
where
    F: core::future::Future<Output = A>,
{
    let (mut driver, mut current) = Driver::new(run, request, copy);
    loop {
        // The step ends with this statement: nothing of the attempt is held across the wait
        // (so an outcome that is not `Send` does not make the call's future so).
        let (delay, request) = match driver.step(send(current).await, &mut judge) {
            ControlFlow::Break(result) => return result,
            ControlFlow::Continue(next) => next,
        };
        policy.sleep_async(delay).await;
        current = request;
    }
}

/// How a typed client judges an attempt: the response becomes a `T`, whose [`Retryable`] hint
/// the engine weighs; no response is a transport failure. A response that could not be read
/// or handled ends the call with its error — unless its status selects a plain `#[retry]` variant
/// whose fields could not be extracted (a malformed `Retry-After`, an HTML page where JSON was
/// expected): the server still said "try again", so the engine weighs a retry without a server
/// wait (the policy's backoff), and when it gives up the caller gets that error, which keeps
/// the response and the value that could not be read. A `#[retry(when_asked)]` variant's
/// status is not such a status: a wait that cannot be read was not asked for, and the error
/// ends the call at once.
pub(crate) fn judge_outcome<T, E>(
    run: &mut RetryRun<'_>,
    attempt: Result<BufferedResponse, CallError<E>>,
) -> (Result<T, CallError<E>>, Decision)
where
    T: ResponseHandler + Retryable,
    E: StdError + 'static,
{
    const END: Decision = Decision::GiveUp(GiveUpReason::Final);
    match attempt {
        Ok(response) => {
            let status = response.status();
            match T::from_buffered(response) {
                Ok(outcome) => {
                    let decision = run.after_outcome(status, &outcome);
                    (Ok(outcome), decision)
                }
                Err(error) => {
                    let decision = match T::__retry_variant(status) {
                        Some(name) if error.kind() == ErrorKind::Extract => {
                            run.after_head(status, name, RetryHint::Retry(None))
                        }
                        _ => END,
                    };
                    (Err(error.into()), decision)
                }
            }
        }
        Err(CallError::Send(error)) => {
            let decision = run.after_transport(&error);
            (Err(CallError::Send(error)), decision)
        }
        Err(error) => (Err(error), END),
    }
}

/// The same request again, for the clients that send an `http::Request`: method, URI,
/// version, headers, extensions and a clone of the body. The extensions are copied because
/// they are part of the request: ureq keeps a request's own configuration there, and a tower
/// stack its per-request data.
#[cfg_attr(not(any(feature = "ureq", feature = "tower")), allow(dead_code))]
pub(crate) fn copy_request<B: Clone>(request: &http::Request<B>) -> Option<http::Request<B>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    *copy.extensions_mut() = request.extensions().clone();
    Some(copy)
}
