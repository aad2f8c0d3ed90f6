//! The futures of an async call that are types of their own rather than `async` blocks: a
//! block that awaits a future it was handed moves that future (a kilobyte or more: the send,
//! the read and the dispatch) into the slot it awaits, a copy per call; these poll it where it
//! is. Measured with `scripts/callgrind.sh --e2e` (BENCHMARKS.md, reqwest async).

use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};

use super::CallError;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

pin_project_lite::pin_project! {
    /// One attempt's response turned into the outcome `T` once it arrives: the call of
    /// [`Once`](super::Once).
    pub(crate) struct Outcome<F, T> {
        #[pin]
        attempt: F,
        outcome: PhantomData<fn() -> T>,
    }
}

impl<F, T> Outcome<F, T> {
    pub(crate) fn new(attempt: F) -> Self {
        Outcome {
            attempt,
            outcome: PhantomData,
        }
    }
}

impl<F, T, E> Future for Outcome<F, T>
where
    F: Future<Output = Result<BufferedResponse, CallError<E>>>,
    T: ResponseHandler,
{
    type Output = Result<T, CallError<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.project()
            .attempt
            .poll(cx)
            .map(|response| Ok(T::from_buffered(response?)?))
    }
}

pin_project_lite::pin_project! {
    /// A call, or the error that kept its request from being built (a client's `build()`
    /// failing on a bad URL or header): what a client's `handle_using` returns without
    /// wrapping the call in a future of its own.
    #[project = CallProjection]
    pub(crate) enum Call<F, E> {
        Sending {
            #[pin]
            call: F,
        },
        Unsent {
            error: Option<E>,
        },
    }
}

// Built by the reqwest integrations only (reqwest-middleware enables reqwest).
#[cfg_attr(not(feature = "reqwest"), allow(dead_code))]
impl<F, E> Call<F, E> {
    /// The call `start` makes of the request, or the error that kept it from being built.
    pub(crate) fn new<Q>(request: Result<Q, E>, start: impl FnOnce(Q) -> F) -> Self {
        match request {
            Ok(request) => Call::Sending {
                call: start(request),
            },
            Err(error) => Call::Unsent { error: Some(error) },
        }
    }
}

impl<F, T, E> Future for Call<F, E>
where
    F: Future<Output = Result<T, CallError<E>>>,
{
    type Output = Result<T, CallError<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project() {
            CallProjection::Sending { call } => call.poll(cx),
            // Polled again after it completed (which the `Future` contract leaves open), it
            // stays pending rather than panic: the library panics on no path.
            CallProjection::Unsent { error } => match error.take() {
                Some(error) => Poll::Ready(Err(CallError::Send(error))),
                None => Poll::Pending,
            },
        }
    }
}
