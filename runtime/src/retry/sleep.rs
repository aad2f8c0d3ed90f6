//! Waiting on the async paths: a sleeper tests can replace.

use core::future::Future;
use core::ops::ControlFlow;
use core::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use super::attempts::Attempts;
use super::engine::RetryRun;
use super::hint::Retryable;
use super::policy::RetryPolicy;
use crate::call::CallError;
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
    let (mut attempts, mut current) = Attempts::new(run, request, copy);
    loop {
        // The step ends with this statement: nothing of it is held across the sleep.
        let (delay, request) = match attempts.after(send(current).await) {
            ControlFlow::Break(result) => return result,
            ControlFlow::Continue(next) => next,
        };
        policy.sleep_async(delay).await;
        current = request;
    }
}
