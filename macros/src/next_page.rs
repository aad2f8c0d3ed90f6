//! The `#[next_page]` field attribute, read: where a paginated call finds the next page
//! (`pages.rs` checks and expands it).
//!
//! - `#[next_page]` on a `Link` (or `Option<Link>`) field: its `rel="next"`;
//! - `#[next_page(query = "name")]` on a cursor field (`PageCursor`): the next request is the
//!   previous one with that query parameter set to the cursor;
//! - no `#[next_page]` anywhere: every field whose type is `Link` or `Option<Link>` is read as
//!   if it had the bare marker. A type with neither gets no impl, so that its users can write
//!   their own (and a paginated call on it says what to add).

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Attribute, GenericArgument, LitStr, PathArguments, Type};

use crate::ctxt::Ctxt;
use crate::symbol::{NEXT_PAGE, QUERY};

/// One field's `#[next_page]`.
#[derive(Clone)]
pub struct NextPageAttr {
    /// The attribute's tokens, for error spans.
    pub tokens: TokenStream,
    /// `Some`: the query parameter the cursor sets; `None`: a `Link` field.
    pub query: Option<LitStr>,
}

/// Reads a `#[next_page]` or `#[next_page(query = "name")]`; `None` after reporting an error.
pub fn parse(cx: &Ctxt, attr: &Attribute) -> Option<NextPageAttr> {
    let tokens = attr.to_token_stream();
    if let syn::Meta::Path(_) = attr.meta {
        return Some(NextPageAttr {
            tokens,
            query: None,
        });
    }
    let mut query = None;
    let parsed = attr.parse_nested_meta(|meta| {
        if meta.path == QUERY {
            if query.is_some() {
                return Err(meta.error("duplicate `query`: the cursor sets one query parameter"));
            }
            let value: syn::Expr = meta.value()?.parse()?;
            let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(name),
                ..
            }) = value
            else {
                return Err(syn::Error::new_spanned(
                    value,
                    "`query` takes the name of the query parameter as a string: `query = \"cursor\"`",
                ));
            };
            if name.value().is_empty() {
                return Err(syn::Error::new_spanned(
                    &name,
                    "empty query parameter name: write the parameter the cursor sets, `query = \"cursor\"`",
                ));
            }
            query = Some(name);
            return Ok(());
        }
        Err(meta.error(format!(
            "unknown `#[next_page]` argument `{}`: write `#[next_page]` on a `Link` field, or `#[next_page(query = \"cursor\")]` on a cursor field",
            meta.path.to_token_stream().to_string().replace(' ', "")
        )))
    });
    if let Err(error) = parsed {
        cx.syn_error(error);
        return None;
    }
    if query.is_none() {
        cx.error_spanned_by(
            attr,
            "`#[next_page()]` says nothing: write `#[next_page]` on a `Link` field, or `#[next_page(query = \"cursor\")]` on a cursor field",
        );
        return None;
    }
    Some(NextPageAttr { tokens, query })
}

/// Is `attr` a `#[next_page]`?
pub fn is_next_page(attr: &Attribute) -> bool {
    *attr.path() == NEXT_PAGE
}

/// Is `ty` `Link` or `Option<Link>` (by the last segment of its path)?
pub fn is_link(ty: &Type) -> bool {
    match last_segment(ty) {
        Some(last) if last.ident == "Link" => last.arguments.is_none(),
        Some(last) if last.ident == "Option" => match &last.arguments {
            PathArguments::AngleBracketed(arguments) if arguments.args.len() == 1 => {
                matches!(
                    arguments.args.first(),
                    Some(GenericArgument::Type(inner))
                        if last_segment(inner).is_some_and(|inner| inner.ident == "Link" && inner.arguments.is_none())
                )
            }
            _ => false,
        },
        _ => false,
    }
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        _ => None,
    }
}
