//! What the derive's `NextPage` reads: a `Link` field ([`LinkField`]) or a field marked
//! `#[next_page(query = "...")]` ([`PageCursor`]).

use super::next::Next;
use crate::headers::Link;

/// The cursor of a field marked `#[next_page(query = "name")]`: the value the next request
/// sets as that query parameter, or `None` when there is no next page.
///
/// Implemented for strings and integers (a cursor read from a header or a body), for
/// `Option<C>`, and for [`Json<C>`](crate::Json); implement it for a body type to say where
/// its cursor is:
///
/// ```
/// use response_handler::{Json, PageCursor, ResponseHandler, StatusCode};
///
/// #[derive(serde::Deserialize)]
/// struct Charge { id: String }
///
/// #[derive(serde::Deserialize)]
/// struct List { data: Vec<Charge>, has_more: bool }
///
/// // Stripe: more after the last item, if `has_more`.
/// impl PageCursor for List {
///     fn cursor(&self) -> Option<String> {
///         self.has_more.then(|| self.data.last().map(|charge| charge.id.clone()))?
///     }
/// }
///
/// #[derive(ResponseHandler)]
/// enum Charges {
///     #[on_success]
///     Page(#[next_page(query = "starting_after")] Json<List>),
///     #[on_failure]
///     Failed(StatusCode),
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is no page cursor: it does not implement `PageCursor`",
    label = "the field marked `#[next_page(query = ...)]`",
    note = "a cursor is a string or an integer (or an `Option` of one); for a body, implement `PageCursor` for its type and say which value starts the next page"
)]
pub trait PageCursor {
    /// The value of the next page's query parameter; `None`: this is the last page.
    fn cursor(&self) -> Option<String>;
}

impl PageCursor for String {
    fn cursor(&self) -> Option<String> {
        (!self.is_empty()).then(|| self.clone())
    }
}

impl PageCursor for str {
    fn cursor(&self) -> Option<String> {
        (!self.is_empty()).then(|| self.to_owned())
    }
}

impl<C: PageCursor + ?Sized> PageCursor for &C {
    fn cursor(&self) -> Option<String> {
        (**self).cursor()
    }
}

impl<C: PageCursor> PageCursor for Option<C> {
    fn cursor(&self) -> Option<String> {
        self.as_ref()?.cursor()
    }
}

#[cfg(feature = "json")]
impl<C: PageCursor> PageCursor for crate::extract::Json<C> {
    fn cursor(&self) -> Option<String> {
        self.0.cursor()
    }
}

macro_rules! integer_cursor {
    ($($ty:ty),*) => {$(
        impl PageCursor for $ty {
            fn cursor(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}

integer_cursor!(u16, u32, u64, u128, usize, i16, i32, i64, i128, isize);

/// A field the derive follows by its `rel="next"`: [`Link`], `Option<Link>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is no `Link`: `#[next_page]` without `query = ...` follows a `Link` field's `rel=\"next\"`",
    label = "the field marked `#[next_page]`",
    note = "for a cursor, name the query parameter it sets: `#[next_page(query = \"cursor\")]`"
)]
pub trait LinkField {
    /// The `Link` header, if the response had one.
    fn link(&self) -> Option<&Link>;
}

impl LinkField for Link {
    fn link(&self) -> Option<&Link> {
        Some(self)
    }
}

impl LinkField for Option<Link> {
    fn link(&self) -> Option<&Link> {
        self.as_ref()
    }
}

/// The derive's `NextPage` for a `Link` field: its `rel="next"` target, resolved against the
/// request URL when it was read.
pub fn next_from_link<L: LinkField + ?Sized>(field: &L) -> Option<Next> {
    let next = field.link()?.next()?.target();
    Some(Next::Url(
        next.resolved().unwrap_or(next.as_str()).to_owned(),
    ))
}

/// The derive's `NextPage` for a field marked `#[next_page(query = "name")]`.
pub fn next_from_cursor<C: PageCursor + ?Sized>(name: &str, field: &C) -> Option<Next> {
    Some(Next::query(name, field.cursor()?))
}
