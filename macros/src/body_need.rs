//! Expand: `ResponseHandler::body_need`, what the variant each status selects needs of the body
//! (nothing, all of it in memory, or the live body), which the client integrations ask for
//! once the head has arrived and before they read the body.
//!
//! The same routes as the per-class methods (`dispatch.rs`), so the need is that of the
//! variant the dispatch then builds. A variant's need is the largest of its fields' (a header
//! field reads none); a status no variant takes is an error that keeps the body, so it is
//! read.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::ast::{Field, Variant};
use crate::dispatch::{self, Answer};
use crate::private::Private;
use crate::ty;

pub fn method(private: &Private, variants: &[Variant]) -> TokenStream {
    let buffered = Answer {
        tokens: quote!(#private::BodyNeed::Buffered),
        key: "buffered".to_owned(),
    };
    let need = dispatch::by_status(
        variants,
        |_| true,
        |variant| variant_need(private, variant),
        &buffered,
    );
    quote! {
        #[inline]
        fn body_need(__status: #private::StatusCode) -> #private::BodyNeed {
            #need
        }
    }
}

/// `<F as Extract>::__body_need(__status).and(...)` over the fields that do not read a header;
/// `BodyNeed::Unread` (the least need, what `and` starts from) when there are none.
/// Its key: the body fields' types, as written.
fn variant_need(private: &Private, variant: &Variant) -> Answer {
    let body_fields: Vec<&Field> = variant
        .fields
        .iter()
        .filter(|field| field.header.is_none())
        .collect();
    let key = body_fields
        .iter()
        .map(|field| ty::type_key(field.ty))
        .collect::<Vec<_>>()
        .join(";");
    let mut needs = body_fields.iter().map(|field| {
        let (start, _) = field.ty_spans;
        let as_extract = field.as_extract(private);
        quote_spanned!(start=> #as_extract::__body_need(__status))
    });
    let tokens = match needs.next() {
        None => quote!(#private::BodyNeed::Unread),
        Some(first) => quote!(#first #(.and(#needs))*),
    };
    Answer {
        tokens,
        key: format!("fields:{key}"),
    }
}
