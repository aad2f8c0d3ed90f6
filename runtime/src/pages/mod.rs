//! Pagination: a call that follows its outcome to the next page, and yields every page as a
//! typed outcome — an `Iterator` on the blocking clients, a `Stream` on the async ones
//! (`handle_pages::<T>(&options)` on each).
//!
//! The outcome says where the next page is ([`NextPage`]): the derive reads it from a `Link`
//! field (`rel="next"`) or from a field marked `#[next_page(query = "...")]`; a type can also
//! implement it by hand (a Stripe-style `has_more` with `starting_after`). The walk
//! (`walk.rs`) decides when the sequence ends and what the next request carries; each page is
//! sent as the [`CallOptions`](crate::CallOptions) say (its retry policy too).

mod cursor;
#[cfg(feature = "__client")]
pub(crate) mod drive;
mod next;
#[cfg(feature = "__client")]
pub(crate) mod request;
#[cfg(feature = "__async")]
mod stream;
#[cfg(feature = "__client")]
mod walk;

pub use cursor::PageCursor;
#[doc(hidden)]
pub use cursor::{LinkField, next_from_cursor, next_from_link};
pub use next::Next;

use crate::context::RequestContext;

/// Where the page after this outcome is: what a paginated call
/// (`handle_pages::<T>(&options)`) asks each successful (2xx) outcome before it sends the next
/// request. `None` ends the sequence.
///
/// The derive implements it for a type with a [`Link`](crate::headers::Link) (or
/// `Option<Link>`) field — its `rel="next"` target, resolved against the request URL — or with
/// a field marked `#[next_page(query = "name")]`, whose [`PageCursor`] is set as that query
/// parameter of the previous request. Implement it by hand for anything else (on a type with a
/// `Link` field, `#[response_handler(manual_next_page)]` tells the derive to leave it to you):
///
/// ```
/// use response_handler::{Json, Next, NextPage, RequestContext, ResponseHandler, StatusCode};
///
/// #[derive(serde::Deserialize)]
/// struct Charge { id: String }
///
/// #[derive(serde::Deserialize)]
/// struct List { data: Vec<Charge>, has_more: bool }
///
/// #[derive(ResponseHandler)]
/// enum Charges {
///     #[on_success]
///     Page(Json<List>),
///     #[on_failure]
///     Failed(StatusCode),
/// }
///
/// // Stripe: `has_more`, and the next page starts after the last item's id.
/// impl NextPage for Charges {
///     fn next_page(&self, _previous: &RequestContext) -> Option<Next> {
///         match self {
///             Charges::Page(Json(list)) if list.has_more => {
///                 Some(Next::query("starting_after", &list.data.last()?.id))
///             }
///             _ => None,
///         }
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not say where its next page is: it does not implement `NextPage`",
    label = "a paginated call asks each outcome for the next page",
    note = "give the success variant a `Link` (or `Option<Link>`) field, whose `rel=\"next\"` the derive follows; or mark a cursor field `#[next_page(query = \"cursor\")]`; or implement `NextPage` by hand"
)]
pub trait NextPage {
    /// The next page after this outcome, the answer to `previous` (its method and URL), or
    /// `None` when this was the last.
    fn next_page(&self, previous: &RequestContext) -> Option<Next>;
}
