//! The pagination loops: the blocking one (an `Iterator`) and the async one (a `Stream`). Each
//! page is one call in the options' retry mode; the walk (`walk.rs`) decides what comes next.

#[cfg(feature = "__blocking")]
use core::cell::Cell;
use std::error::Error as StdError;

use super::NextPage;
use super::request::PageRequest;
use super::walk::PageWalk;
use crate::call::{CallError, CallOptions, RetryMode};
#[cfg(feature = "__async")]
use crate::refresh::AsyncRefresh;
#[cfg(feature = "__blocking")]
use crate::refresh::BlockingRefresh;
use crate::response::BufferedResponse;
use crate::response_handler::ResponseHandler;

/// The pages of a blocking call: `first` (or the error of building it, yielded alone), then
/// each next page, each sent with `send` in the options' retry mode, each attempt under the
/// options' credential refresh.
#[cfg(feature = "__blocking")]
pub(crate) fn blocking<'o, T, Q, E, M, R>(
    options: &'o CallOptions<M, R>,
    first: Result<Q, CallError<E>>,
    send: impl Fn(Q, usize) -> Result<BufferedResponse, CallError<E>> + 'o,
) -> impl Iterator<Item = Result<T, CallError<E>>> + 'o
where
    T: ResponseHandler + NextPage,
    Q: PageRequest + 'o,
    E: StdError + 'static,
    M: RetryMode<T>,
    R: BlockingRefresh,
{
    let (mut walk, mut failed) = start(options, first);
    let limit = options.limit();
    core::iter::from_fn(move || {
        if let Some(error) = failed.take() {
            return Some(Err(error));
        }
        let (request, sent) = walk.as_mut()?.take()?;
        // A credential refresh acts only where credentials go: a page at another origin is
        // sent as it is, without the credential a refresh would put in it.
        let refresh = walk.as_ref()?.at_first_origin(&sent);
        let status = Cell::new(None);
        let page = options
            .mode()
            .__drive_blocking(request, Q::head, Q::try_copy, |request| {
                let response = if refresh {
                    options.refresher().__attempt_blocking::<T, _, _>(
                        request,
                        Q::try_copy,
                        Q::headers_mut,
                        &|request| send(request, limit),
                    )
                } else {
                    send(request, limit)
                };
                status.set(response.as_ref().ok().map(BufferedResponse::status));
                response
            });
        walk.as_mut()?.after(&sent, status.get(), &page);
        Some(page)
    })
}

/// The walk of `first`, or the error of building it.
fn start<M, R, Q: PageRequest, E>(
    options: &CallOptions<M, R>,
    first: Result<Q, CallError<E>>,
) -> (Option<PageWalk<Q>>, Option<CallError<E>>) {
    match first {
        Ok(first) => (Some(PageWalk::new(first, options.page_limit())), None),
        Err(error) => (None, Some(error)),
    }
}

/// The pages of an async call, as [`blocking`] makes them, as a `Stream`.
#[cfg(feature = "__async")]
pub(crate) fn stream<'o, T, Q, E, M, R, S, F>(
    options: &'o CallOptions<M, R>,
    first: Result<Q, CallError<E>>,
    send: S,
) -> impl futures_core::Stream<Item = Result<T, CallError<E>>> + Send + 'o
where
    T: ResponseHandler + NextPage + Send + 'o,
    Q: PageRequest + Send + 'o,
    E: StdError + Send + 'static,
    M: RetryMode<T> + Sync,
    R: AsyncRefresh,
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
            // A credential refresh acts only where credentials go (see `blocking`).
            let refresh = walk
                .as_ref()?
                .at_first_origin(&sent)
                .then(|| options.refresher().clone());
            // 0: no response was read.
            let status = AtomicU16::new(0);
            let page = options
                .mode()
                .__drive_async(request, Q::head, Q::try_copy, |request| {
                    let refresh = refresh.clone();
                    let (send, status) = (&send, &status);
                    async move {
                        let response = match refresh {
                            Some(refresh) => {
                                refresh
                                    .__attempt_async::<T, _, _, _, _>(
                                        request,
                                        Q::try_copy,
                                        Q::headers_mut,
                                        move |request| send(request, limit),
                                    )
                                    .await
                            }
                            None => send(request, limit).await,
                        };
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
