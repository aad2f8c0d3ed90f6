//! The step every retry loop shares, blocking or async: after one attempt, either hand the
//! result to the caller or say how long to wait and which request to send next.

use core::ops::ControlFlow;
use std::time::Duration;

use super::engine::{Decision, RetryRun};
use super::hint::Retryable;
use crate::call::CallError;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

/// The attempts of one call: the policy's run, and the copy of the request kept for the next
/// attempt (made before the current one is sent, since sending consumes it).
pub(crate) struct Attempts<'p, R, C> {
    run: RetryRun<'p>,
    next: Option<R>,
    copy: C,
}

impl<'p, R, C: Fn(&R) -> Option<R>> Attempts<'p, R, C> {
    /// The attempts of a call, and the request of the first one. A request that cannot be copied
    /// gets one attempt, and the hook hears of no retry.
    pub(crate) fn new(run: RetryRun<'p>, request: R, copy: C) -> (Self, R) {
        let next = copy(&request);
        let run = if next.is_some() { run } else { run.once() };
        (Attempts { run, next, copy }, request)
    }

    /// After one attempt: `Break` with the result for the caller — the last outcome, or the
    /// last error with what it kept — or `Continue` with the wait and the next request.
    pub(crate) fn after<T, E>(
        &mut self,
        attempt: Result<BufferedResponse, CallError<E>>,
    ) -> ControlFlow<Result<T, CallError<E>>, (Duration, R)>
    where
        T: ResponseHandler + Retryable,
        E: std::error::Error + 'static,
    {
        let decision = match attempt {
            Ok(response) => {
                let status = response.status();
                let outcome = match T::from_buffered(response) {
                    Ok(outcome) => outcome,
                    Err(error) => return ControlFlow::Break(Err(error.into())),
                };
                match self.run.after_outcome(status, &outcome) {
                    Decision::Retry(delay) => (delay, Ok(outcome)),
                    Decision::GiveUp(_) => return ControlFlow::Break(Ok(outcome)),
                }
            }
            Err(CallError::Send(error)) => match self.run.after_transport(&error) {
                Decision::Retry(delay) => (delay, Err(CallError::Send(error))),
                Decision::GiveUp(_) => return ControlFlow::Break(Err(CallError::Send(error))),
            },
            // A response arrived but could not be read or handled: no outcome says "retry".
            Err(error) => return ControlFlow::Break(Err(error)),
        };
        match (decision, self.next.take()) {
            ((delay, _), Some(request)) => {
                self.next = (self.copy)(&request);
                ControlFlow::Continue((delay, request))
            }
            ((_, result), None) => ControlFlow::Break(result),
        }
    }
}
