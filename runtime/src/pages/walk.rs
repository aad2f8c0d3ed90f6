//! The one pagination driver's decisions: which request comes next, and when the sequence
//! ends. The blocking and the async loop (`drive.rs`) differ only in how they send.
//!
//! The sequence ends after a page that is not a 2xx outcome (an error, a 404, a 304: it is
//! yielded, then nothing follows), after a page that names no next page, at the page limit, and
//! at a next URL already visited (a cycle). The next request is a copy of the first, sent to
//! the next URL, without the conditional headers of the first page (its `ETag` is no other
//! page's) and, at another origin than the first request's, without its credentials.

use http::header::{
    AUTHORIZATION, COOKIE, IF_MATCH, IF_MODIFIED_SINCE, IF_NONE_MATCH, IF_RANGE,
    IF_UNMODIFIED_SINCE, PROXY_AUTHORIZATION,
};
use http::{HeaderName, StatusCode, Uri};

use super::NextPage;
use super::request::PageRequest;
use crate::call::CallError;
use crate::context::{Origin, RequestContext};

/// Sent only to the origin of the first request, as browsers send them across a redirect.
const CREDENTIALS: [HeaderName; 3] = [AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION];

/// They describe the first page: asking another page `If-None-Match` with its `ETag` is asking
/// nothing meaningful.
const CONDITIONALS: [HeaderName; 5] = [
    IF_NONE_MATCH,
    IF_MODIFIED_SINCE,
    IF_MATCH,
    IF_UNMODIFIED_SINCE,
    IF_RANGE,
];

/// The state of one paginated call.
pub(crate) struct PageWalk<Q> {
    /// The first request, which every next one copies (its headers, credentials included).
    template: Option<Q>,
    /// The request of the next page, if there is one.
    next: Option<Q>,
    origin: Option<Origin>,
    visited: Vec<Uri>,
    left: usize,
}

impl<Q: PageRequest> PageWalk<Q> {
    /// A walk that starts with `first` and yields at most `limit` pages.
    pub(crate) fn new(first: Q, limit: usize) -> Self {
        let uri = first.uri();
        let origin = uri.as_ref().and_then(Origin::of);
        PageWalk {
            template: first.try_copy(),
            next: Some(first),
            origin,
            visited: uri.into_iter().collect(),
            left: limit,
        }
    }

    /// The request of the next page and what is known of it, or `None`: the sequence ended.
    pub(crate) fn take(&mut self) -> Option<(Q, RequestContext)> {
        if self.left == 0 {
            self.next = None;
        }
        let request = self.next.take()?;
        self.left -= 1;
        let (method, _) = request.head();
        let context = match request.uri() {
            Some(uri) => RequestContext::new(method.clone(), uri),
            None => RequestContext::default(),
        };
        Some((request, context))
    }

    /// Whether `sent` goes to the origin of the first request: only there do credentials go,
    /// and so only there may a credential refresh put one in a request.
    pub(crate) fn at_first_origin(&self, sent: &RequestContext) -> bool {
        self.origin.is_some() && sent.origin() == self.origin
    }

    /// After the page sent as `sent`, whose last response had `status` (`None`: no response
    /// was read), and turned into `page`: prepares the next request, or ends the walk.
    pub(crate) fn after<T: NextPage, E>(
        &mut self,
        sent: &RequestContext,
        status: Option<StatusCode>,
        page: &Result<T, CallError<E>>,
    ) {
        self.next = None;
        let (Ok(outcome), Some(status), Some(previous)) = (page, status, sent.uri()) else {
            return;
        };
        if !status.is_success() || self.left == 0 {
            return;
        }
        let Some(uri) = outcome
            .next_page(sent)
            .and_then(|next| next.resolve(previous))
        else {
            return;
        };
        if self.visited.contains(&uri) {
            return;
        }
        let Some(mut request) = self.template.as_ref().and_then(|first| first.copy_to(&uri)) else {
            return;
        };
        let headers = request.headers_mut();
        for name in &CONDITIONALS {
            headers.remove(name);
        }
        if self.origin.is_none() || Origin::of(&uri) != self.origin {
            for name in &CREDENTIALS {
                headers.remove(name);
            }
        }
        self.visited.push(uri);
        self.next = Some(request);
    }
}
