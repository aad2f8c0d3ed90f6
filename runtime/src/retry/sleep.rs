//! Waiting on the async paths: a sleeper tests can replace.

use core::future::Future;
use core::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use super::engine::{Decision, RetryRun};
use super::hint::Retryable;
use super::policy::RetryPolicy;
use crate::call_error::CallError;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

/// The future an [`AsyncSleeper`] returns.
pub type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;
/// How the async clients wait between attempts.
pub type AsyncSleeper = Arc<dyn Fn(Duration) -> SleepFuture + Send + Sync>;

/// `tokio::time::sleep`: under `#[tokio::test(start_paused = true)]` it returns as soon as the
/// runtime has nothing else to do, the clock jumping ahead.
pub(crate) fn tokio_sleeper() -> AsyncSleeper {
    Arc::new(|delay| Box::pin(tokio::time::sleep(delay)))
}

impl RetryPolicy {
    /// How the async clients wait (default: `tokio::time::sleep`). Tests either run on tokio's
    /// paused clock or pass one that records the delay.
    pub fn async_sleeper<F>(
        mut self,
        sleeper: impl Fn(Duration) -> F + Send + Sync + 'static,
    ) -> Self
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.async_sleeper = Arc::new(move |delay| Box::pin(sleeper(delay)));
        self
    }

    pub(crate) fn sleep_async(&self, delay: Duration) -> SleepFuture {
        (self.async_sleeper)(delay)
    }
}

/// The retry loop of the async integrations: `send` makes one attempt, `copy` makes the next
/// request before it is sent; the policy's async sleeper waits between attempts. The result is
/// the last outcome, or the last error with what it kept.
pub(crate) async fn retry_async<T, E, R, F>(
    policy: &RetryPolicy,
    run: RetryRun<'_>,
    request: R,
    copy: impl Fn(&R) -> Option<R>,
    mut send: impl FnMut(R) -> F,
) -> Result<T, CallError<E>>
where
    T: ResponseHandler + Retryable,
    E: std::error::Error + 'static,
    F: Future<Output = Result<BufferedResponse, CallError<E>>>,
{
    let mut next = copy(&request);
    // A request that cannot be copied gets one attempt, and the hook hears of no retry.
    let mut run = if next.is_some() { run } else { run.once() };
    let mut current = request;
    loop {
        let (delay, request) = match send(current).await {
            Ok(response) => {
                let status = response.status();
                let outcome = T::from_buffered(response)?;
                match (run.after_outcome(status, &outcome), next.take()) {
                    (Decision::Retry(delay), Some(request)) => (delay, request),
                    _ => return Ok(outcome),
                }
            }
            Err(CallError::Send(error)) => match (run.after_transport(&error), next.take()) {
                (Decision::Retry(delay), Some(request)) => (delay, request),
                _ => return Err(CallError::Send(error)),
            },
            // A response arrived but could not be read or handled: no outcome says "retry".
            Err(error) => return Err(error),
        };
        next = copy(&request);
        current = request;
        policy.sleep_async(delay).await;
    }
}
