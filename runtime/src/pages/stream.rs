//! [`Unfold`]: a `Stream` made of a state and a step that turns it into the next item and the
//! next state — `futures::stream::unfold`, which this crate does not depend on for one type.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::Stream;

/// The stream of `step(state)`, `step(next state)`, ... until a step gives `None`.
pub(crate) struct Unfold<S, F, Fut> {
    state: Option<S>,
    step: F,
    pending: Option<Pin<Box<Fut>>>,
}

// The step's future is pinned in its box; nothing else is ever pinned, so moving the rest is
// fine.
impl<S, F, Fut> Unpin for Unfold<S, F, Fut> {}

impl<S, F, Fut> Unfold<S, F, Fut> {
    pub(crate) fn new(state: S, step: F) -> Self {
        Unfold {
            state: Some(state),
            step,
            pending: None,
        }
    }
}

impl<S, I, F, Fut> Stream for Unfold<S, F, Fut>
where
    F: FnMut(S) -> Fut,
    Fut: Future<Output = Option<(I, S)>>,
{
    type Item = I;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I>> {
        let this = self.get_mut();
        let pending = match &mut this.pending {
            Some(pending) => pending,
            None => match this.state.take() {
                Some(state) => this.pending.insert(Box::pin((this.step)(state))),
                None => return Poll::Ready(None),
            },
        };
        let step = core::task::ready!(pending.as_mut().poll(cx));
        this.pending = None;
        Poll::Ready(step.map(|(item, state)| {
            this.state = Some(state);
            item
        }))
    }
}
