//! Waiting on the async paths: a sleeper tests can replace.

use core::future::Future;
use core::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use super::policy::RetryPolicy;

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
    pub fn async_sleeper<F>(mut self, sleeper: impl Fn(Duration) -> F + Send + Sync + 'static) -> Self
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
