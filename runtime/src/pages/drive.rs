//! The pagination loops: the blocking one (an `Iterator`) and the async one (a `Stream`). Each
//! page is one call in the options' retry mode; the walk (`walk.rs`) decides what comes next.

use core::cell::Cell;
use std::error::Error as StdError;

use super::NextPage;
use super::request::PageRequest;
use super::walk::PageWalk;
use crate::call::{CallError, CallOptions, RetryMode};
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

/// The pages of a blocking call: `first` (or the error of building it, yielded alone), then
/// each next page, each sent with `send` in the options' retry mode.
#[cfg_attr(not(feature = "__blocking"), allow(dead_code))]
pub(crate) fn blocking<'o, T, Q, E, M>(
    options: &'o CallOptions<M>,
    first: Result<Q, CallError<E>>,
    mut send: impl FnMut(Q, usize) -> Result<BufferedResponse, CallError<E>> + 'o,
) -> impl Iterator<Item = Result<T, CallError<E>>> + 'o
where
    T: ResponseHandler + NextPage,
    Q: PageRequest + 'o,
    E: StdError + 'static,
    M: RetryMode<T>,
{
    let (mut walk, mut failed) = start(options, first);
    let limit = options.limit();
    core::iter::from_fn(move || {
        if let Some(error) = failed.take() {
            return Some(Err(error));
        }
        let (request, sent) = walk.as_mut()?.take()?;
        let status = Cell::new(None);
        let page = options
            .mode()
            .__drive_blocking(request, Q::head, Q::try_copy, |request| {
                let response = send(request, limit);
                status.set(response.as_ref().ok().map(BufferedResponse::status));
                response
            });
        walk.as_mut()?.after(&sent, status.get(), &page);
        Some(page)
    })
}

/// The walk of `first`, or the error of building it.
fn start<M, Q: PageRequest, E>(
    options: &CallOptions<M>,
    first: Result<Q, CallError<E>>,
) -> (Option<PageWalk<Q>>, Option<CallError<E>>) {
    match first {
        Ok(first) => (Some(PageWalk::new(first, options.page_limit())), None),
        Err(error) => (None, Some(error)),
    }
}

/// The pages of an async call, as [`blocking`] makes them, as a `Stream`.
#[cfg(feature = "__async")]
pub(crate) fn stream<'o, T, Q, E, M, S, F>(
    options: &'o CallOptions<M>,
    first: Result<Q, CallError<E>>,
    send: S,
) -> impl futures_core::Stream<Item = Result<T, CallError<E>>> + Send + 'o
where
    T: ResponseHandler + NextPage + Send + 'o,
    Q: PageRequest + Send + 'o,
    E: StdError + Send + 'static,
    M: RetryMode<T> + Sync,
    S: Fn(Q, usize) -> F + Send + Sync + 'o,
    F: core::future::Future<Output = Result<BufferedResponse, CallError<E>>> + Send,
{
    use core::sync::atomic::{AtomicU16, Ordering};

    let (walk, failed) = start(options, first);
    super::stream::Unfold::new(
        (walk, failed, send),
        move |(mut walk, mut failed, send): (Option<PageWalk<Q>>, Option<CallError<E>>, S)| async move {
            if let Some(error) = failed.take() {
                return Some((Err(error), (walk, failed, send)));
            }
            let (request, sent) = walk.as_mut()?.take()?;
            let limit = options.limit();
            // 0: no response was read.
            let status = AtomicU16::new(0);
            let page = options
                .mode()
                .__drive_async(request, Q::head, Q::try_copy, |request| {
                    let response = send(request, limit);
                    let status = &status;
                    async move {
                        let response = response.await;
                        let code = response
                            .as_ref()
                            .map_or(0, |response| response.status().as_u16());
                        status.store(code, Ordering::Relaxed);
                        response
                    }
                })
                .await;
            let status = http::StatusCode::from_u16(status.load(Ordering::Relaxed)).ok();
            walk.as_mut()?.after(&sent, status, &page);
            Some((page, (walk, failed, send)))
        },
    )
}
