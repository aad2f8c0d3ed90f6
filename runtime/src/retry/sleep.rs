//! How the async clients wait between attempts: a sleeper tests can replace, `tokio::time::sleep`
//! unless they do.

use core::future::Future;
use core::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// The future an async sleeper returns.
pub(crate) type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;
/// How the async clients wait between attempts.
pub(crate) type AsyncSleeper = Arc<dyn Fn(Duration) -> SleepFuture + Send + Sync>;

/// `tokio::time::sleep`: under `#[tokio::test(start_paused = true)]` it returns as soon as the
/// runtime has nothing else to do, the clock jumping ahead.
pub(crate) fn tokio_sleeper() -> AsyncSleeper {
    Arc::new(|delay| Box::pin(tokio::time::sleep(delay)))
}

/// A user's sleeper (what `RetryPolicy::async_sleeper` and `RateGovernor::async_sleeper` take),
/// its futures boxed to one type.
pub(crate) fn boxed_sleeper<F>(
    sleeper: impl Fn(Duration) -> F + Send + Sync + 'static,
) -> AsyncSleeper
where
    F: Future<Output = ()> + Send + 'static,
{
    Arc::new(move |delay| Box::pin(sleeper(delay)))
}
